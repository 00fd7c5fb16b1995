"""Read an export file into sheets of text rows, whatever its real format.

Every reader yields `Sheet` objects whose rows are lists of cell texts, numbered as the user
sees them in Excel or a text editor (first line = row 1).
"""

import csv
import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import python_calamine

from pipelines.errors import UnreadableFormatError
from pipelines.ingest.cells import cell_text
from pipelines.ingest.sniff import detect_delimiter, detect_encoding, detect_format, read_head

logger = logging.getLogger(__name__)

# csv's default field limit (128 KiB) is smaller than a pasted résumé in a remark cell.
csv.field_size_limit(16 * 1024 * 1024)


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: list[tuple[int, list[str]]]


@dataclass(frozen=True)
class FileContent:
    file_format: str
    encoding: str | None
    sheets: list[Sheet]


def read_file(path: Path, encoding: str | None = None, head_only: bool = False) -> FileContent:
    """Read every sheet of `path` as text rows; `encoding` forces the text encoding.

    `head_only` reads just the first lines of a text file, enough to find its header.
    """
    file_format = detect_format(read_head(path))
    if file_format in ("xlsx", "xls"):
        return FileContent(file_format, None, list(_read_workbook(path)))

    data = _head_lines(read_head(path)) if head_only else path.read_bytes()
    used = encoding or detect_encoding(data)
    if used is None:
        raise UnreadableFormatError(
            path,
            "无法识别文件编码（既不是 UTF-8 也不是 GB18030）",
            "请在 Excel 中另存为 xlsx 或 UTF-8 CSV，或用 --encoding 指定编码后重试",
        )
    try:
        text = data.decode(used)
    except (UnicodeDecodeError, LookupError) as exc:
        raise UnreadableFormatError(
            path,
            f"不能按编码 {used} 解码（{exc.__class__.__name__}）",
            "请检查 --encoding 的取值，常用的有 utf-8、gb18030",
        ) from exc
    text = text.removeprefix("\ufeff")
    if file_format == "html":
        return FileContent("html", used, [Sheet("html", _html_rows(text))])
    return FileContent("text", used, [Sheet("", _delimited_rows(text))])


def _head_lines(head: bytes) -> bytes:
    """Whole lines only, so that a multi-byte character is never cut in half."""
    return head[: head.rfind(b"\n") + 1] or head


def _read_workbook(path: Path) -> Iterator[Sheet]:
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises several private error types for broken files
        raise UnreadableFormatError(
            path,
            f"Excel 文件已损坏或加密，无法打开（{exc.__class__.__name__}）",
            "请在 Excel 中打开后另存为 xlsx 再试",
        ) from exc
    for name in workbook.sheet_names:
        values = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        rows = [(number, [cell_text(v) for v in row]) for number, row in enumerate(values, 1)]
        yield Sheet(name, rows)


def _delimited_rows(text: str) -> list[tuple[int, list[str]]]:
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_delimiter(first_line))
    return [(number, row) for number, row in enumerate(reader, 1)]


class _TableParser(HTMLParser):
    """Collects the cell texts of every <tr> of the first table-like structure."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            if not self.rows:
                self.rows.append([])
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _html_rows(text: str) -> list[tuple[int, list[str]]]:
    parser = _TableParser()
    parser.feed(text)
    return [(number, row) for number, row in enumerate(parser.rows, 1)]
