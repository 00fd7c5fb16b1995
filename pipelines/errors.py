"""The project's error hierarchy.

Every error a user can meet carries a Chinese sentence that names the file (and row or column
where known), says what is wrong, and what to do. The CLI prints that sentence and exits 2;
anything else is a bug and keeps its traceback.
"""

from pathlib import Path


class QuxiangInputError(ValueError):
    """An input cannot be used at all; the run stops before writing any output."""

    def __init__(self, path: Path | str, problem: str, remedy: str) -> None:
        self.path = str(path)
        self.problem = problem
        self.remedy = remedy
        super().__init__(self.sentence())

    def sentence(self) -> str:
        return f"文件 {self.path}：{self.problem}。{self.remedy}"


class MissingFileError(QuxiangInputError):
    """The named file does not exist or is not a file."""


class EmptyFileError(QuxiangInputError):
    """The file has no bytes, or no header and data rows."""


class UnreadableFormatError(QuxiangInputError):
    """The bytes are neither xlsx, xls, HTML table nor delimited text in a known encoding."""


class MissingColumnError(QuxiangInputError):
    """A column the run cannot do without (学号) is not in the header."""


class WarehouseBusyError(QuxiangInputError):
    """Another run holds the DuckDB warehouse file (one writer at a time)."""


class OutputPathError(QuxiangInputError):
    """--out or --db names something that cannot be used as a folder or a database file."""


class ConfigError(QuxiangInputError):
    """The configuration file is unreadable or holds a value of the wrong kind."""
