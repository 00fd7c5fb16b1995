"""Read an export file into sheets of text rows, whatever its real format.

Every reader gives `Sheet` objects whose rows are streamed, one `Row` at a time, numbered as
the user sees them in Excel (first row = row 1). Nothing here holds a whole file in Python
objects: text is decoded and split as it is read, and workbook rows are turned into text one
by one.
"""

import csv
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import islice
from pathlib import Path
from typing import NamedTuple

import python_calamine

from pipelines.errors import UnreadableFormatError
from pipelines.ingest.cells import cell_text, lost_digits
from pipelines.ingest.formulas import formula_rows
from pipelines.ingest.sniff import (
    detect_delimiter,
    detect_file_encoding,
    detect_format,
    header_line,
    read_head,
    utf16_encoding,
)

logger = logging.getLogger(__name__)

# names under which a file is expected to be a workbook (a fake xls may still be text)
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")

# csv's default field limit (128 KiB) is smaller than a pasted résumé in a remark cell.
csv.field_size_limit(16 * 1024 * 1024)


class Row(NamedTuple):
    number: int
    cells: list[str]
    # positions of cells that were numbers too long for Excel to keep every digit
    lossy: tuple[int, ...] = ()
    # physical text lines the row spans (a quoted cell may hold line breaks)
    lines: tuple[int, int] | None = None


@dataclass(frozen=True)
class Sheet:
    name: str
    open_rows: Callable[[], Iterator[Row]]
    # for xlsx: (cell position in a row, row numbers) -> those rows whose cell is a formula
    formula_rows: Callable[[int, set[int]], set[int]] | None = None
    # for delimited text: the separator between cells
    delimiter: str | None = None

    def head(self, count: int) -> list[Row]:
        return list(islice(self.open_rows(), count))


@dataclass(frozen=True)
class FileContent:
    file_format: str
    encoding: str | None
    sheets: list[Sheet]


def read_file(path: Path, encoding: str | None = None) -> FileContent:
    """The sheets of `path`, read lazily; `encoding` forces the text encoding.

    A text file is checked to decode completely before any row is handed out, so that a wrong
    encoding stops the run up front instead of half-way through the file.
    """
    head = read_head(path)
    file_format = detect_format(head)
    if file_format in ("xlsx", "xls"):
        return FileContent(file_format, None, _workbook_sheets(path, file_format == "xlsx"))

    used = encoding or detect_file_encoding(path)
    if used is None and path.suffix.lower() in WORKBOOK_SUFFIXES:
        raise UnreadableFormatError(
            path,
            f"文件扩展名是 {path.suffix}，但内容既不是 Excel 工作簿也不是表格文本",
            "请重新从就业平台导出，或在 Excel 中打开后另存为 xlsx 再试",
        )
    if used is None and utf16_encoding(head) is not None:
        raise UnreadableFormatError(path, _utf16_damage(path), UTF16_REMEDY)
    if used is None:
        raise UnreadableFormatError(
            path,
            "无法识别文件编码（既不是 UTF-8 也不是 GB18030）",
            "请在 Excel 中另存为 xlsx 或 UTF-8 CSV，或用 --encoding 指定编码后重试",
        )
    if encoding:
        # a detected encoding has already decoded the whole file; a forced one has not
        _check_decodes(path, used)
    if encoding is None and used == "gb18030":
        logger.warning("%s is not UTF-8; it was read as GB18030.", path.name)
    if file_format == "html":
        return FileContent("html", used, [Sheet("html", lambda: _html_rows(path, used))])
    delimiter, cr_only = text_layout(path, used)
    return FileContent(
        "text",
        used,
        [Sheet("", lambda: _delimited_rows(path, used, delimiter, cr_only), delimiter=delimiter)],
    )


UTF16_REMEDY = "请重新从就业平台导出，或从原来的位置重新复制这个文件，再运行"


def _utf16_damage(path: Path) -> str:
    """What is wrong with a file that looks like UTF-16 text but does not decode as it."""
    # UTF-16 spends two bytes on every character: an odd length means the end is missing
    if path.stat().st_size % 2:
        return "这是 UTF-16 编码的文本文件，但字节数是奇数：文件被截断了（没有复制或下载完整）"
    return "这是 UTF-16 编码的文本文件，但其中有不能按 UTF-16 解码的字节：文件已损坏"


def _check_decodes(path: Path, encoding: str) -> None:
    try:
        with path.open(encoding=encoding, newline="") as handle:
            for _ in iter(lambda: handle.read(1 << 20), ""):
                pass
    except LookupError as exc:
        raise UnreadableFormatError(
            path,
            f"不认识编码名称 {encoding}",
            "请检查 --encoding 的取值，常用的有 utf-8、utf-8-sig、gb18030",
        ) from exc
    except UnicodeDecodeError as exc:
        raise UnreadableFormatError(
            path,
            f"不能按编码 {encoding} 解码（第 {_first_bad_line(path, encoding)} 行）",
            "请检查 --encoding 的取值，常用的有 utf-8、gb18030；或在 Excel 中另存为 xlsx",
        ) from exc


def _first_bad_line(path: Path, encoding: str) -> int:
    with path.open("rb") as handle:
        for line_number, line in enumerate(handle, 1):
            try:
                line.decode(encoding)
            except UnicodeDecodeError:
                return line_number
    return 1


def _workbook_sheets(path: Path, is_xlsx: bool) -> list[Sheet]:
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises several private error types for broken files
        raise UnreadableFormatError(
            path,
            f"Excel 文件已损坏或加密，无法打开（{exc.__class__.__name__}）",
            "请在 Excel 中打开后另存为 xlsx 再试",
        ) from exc
    return [
        Sheet(
            name,
            _sheet_opener(workbook, name),
            _formula_finder(path, workbook, name) if is_xlsx else None,
        )
        for name in workbook.sheet_names
    ]


def _formula_finder(path: Path, workbook, name: str) -> Callable[[int, set[int]], set[int]]:
    def find(position: int, rows: set[int]) -> set[int]:
        start = workbook.get_sheet_by_name(name).start
        return formula_rows(path, name, (start[1] if start else 0) + position, rows)

    return find


def _sheet_opener(workbook, name: str) -> Callable[[], Iterator[Row]]:
    def open_rows() -> Iterator[Row]:
        # calamine keeps the sheet's cells in compact native memory; only one row at a time
        # becomes Python objects here
        sheet = workbook.get_sheet_by_name(name)
        top, left = sheet.start or (0, 0)
        merges = _MergedCells(sheet.merged_cell_ranges or [], left)
        for index, values in enumerate(sheet.iter_rows()):
            values = merges.fill(top + index, values)
            lossy = tuple(p for p, value in enumerate(values) if lost_digits(value))
            yield Row(top + index + 1, [cell_text(value) for value in values], lossy)

    return open_rows


class _MergedCells:
    """Gives every cell of a merged block the value Excel shows in it: its top-left cell's.

    xlsx stores a merged block's value in the top-left cell only; a 学院 or 辅导员 merged down
    over a class's rows would otherwise reach only the first student. Blocks within one row
    (a title banner, a "合计" footer) are left alone: they belong to no record, and spreading
    a footer across the row would make it look like one.
    """

    def __init__(self, ranges: list, left: int) -> None:
        # ((first row, first column), (last row, last column)), 0-based and inclusive
        self.by_first_row: dict[int, list] = {}
        for (first_row, first_col), (last_row, last_col) in ranges:
            if last_row > first_row:
                block = (first_row, last_row, first_col - left, last_col - left)
                self.by_first_row.setdefault(first_row, []).append(block)
        self.active: list[tuple[int, int, int, object]] = []

    def fill(self, row: int, values: list) -> list:
        if not self.by_first_row and not self.active:
            return values
        for _, last_row, first_col, last_col in self.by_first_row.pop(row, []):
            value = values[first_col] if 0 <= first_col < len(values) else None
            self.active.append((last_row, first_col, last_col, value))
        self.active = [block for block in self.active if block[0] >= row]
        if not self.active:
            return values
        values = list(values)
        for _, first_col, last_col, value in self.active:
            for column in range(max(first_col, 0), min(last_col + 1, len(values))):
                if values[column] in (None, ""):
                    values[column] = value
        return values


def text_layout(path: Path, encoding: str) -> tuple[str, bool]:
    """The separator of a text file, and whether its lines end with a bare CR (old Mac)."""
    with path.open(encoding=encoding, newline="") as handle:
        first_lines = [line.removeprefix("\ufeff") for line in islice(handle, HEADER_LINES)]
    cr_only = bool(first_lines) and first_lines[0].endswith("\r")
    return detect_delimiter(header_line(first_lines)), cr_only


def _delimited_rows(path: Path, encoding: str, delimiter: str, cr_only: bool) -> Iterator[Row]:
    # Records end at LF (or CRLF); a lone CR inside a cell is text, as Excel treats it. Files
    # whose every line ends with a bare CR (old Mac exports) are split on CR instead.
    with path.open(encoding=encoding, newline="" if cr_only else "\n") as handle:
        shield = _LoneCrShield(handle)
        reader = csv.reader(handle if cr_only else shield, delimiter=delimiter)
        previous_line = 0
        for number, cells in enumerate(reader, 1):
            if number == 1 and cells:
                cells[0] = cells[0].removeprefix("\ufeff")
            if shield.seen:
                cells = [cell.replace(LONE_CR, "\r") for cell in cells]
            yield Row(number, cells, (), (previous_line + 1, reader.line_num))
            previous_line = reader.line_num


# The text lines searched for the header when choosing the separator.
HEADER_LINES = 30
# Stands in for a lone CR while csv splits the line (csv would end the record at it);
# U+FFFF is a Unicode noncharacter, never typed into a form.
LONE_CR = "\uffff"
_LONE_CR_PATTERN = re.compile(r"\r(?!\n|$)")


class _LoneCrShield:
    """The lines of a text file with each lone CR replaced by `LONE_CR`; `seen` once any was."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines
        self.seen = False

    def __iter__(self) -> Iterator[str]:
        for line in self.lines:
            if "\r" in line:
                shielded = _LONE_CR_PATTERN.sub(LONE_CR, line)
                self.seen = self.seen or shielded != line
                line = shielded
            yield line


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


def _html_rows(path: Path, encoding: str) -> Iterator[Row]:
    # HTML "xls" downloads are small pages; the parser hands over whole rows only at the end
    parser = _TableParser()
    with path.open(encoding=encoding) as handle:
        for block in iter(lambda: handle.read(1 << 20), ""):
            parser.feed(block.removeprefix("\ufeff"))
    parser.close()
    for number, cells in enumerate(parser.rows, 1):
        yield Row(number, cells)
