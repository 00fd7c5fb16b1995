"""Write frames as the CSV and xlsx files the office opens in Excel.

Sheets are written row by row in xlsxwriter's constant-memory mode, so a workbook of a
million rows never sits in memory as cells; each column is converted once to what its cells
become (text, number or nothing) instead of deciding cell by cell.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd
import xlsxwriter

from pipelines.outputs.safe_cells import neutralise, neutralise_frame

MAX_COLUMN_WIDTH = 50
# rows that decide a column's width: enough to see the usual values, cheap on a million rows
WIDTH_SAMPLE_ROWS = 500
# Excel's sheet holds 1 048 576 rows, the header row included
MAX_SHEET_ROWS = 1_048_576
WORKBOOK_OPTIONS = {
    "strings_to_numbers": False,
    "strings_to_formulas": False,
    "strings_to_urls": False,
}
STREAMING_OPTIONS = {**WORKBOOK_OPTIONS, "constant_memory": True}
HEADER_FORMAT = {
    "bold": True,
    "bg_color": "#DDEBF7",
    "border": 1,
    "text_wrap": True,
    "valign": "vcenter",
}


@dataclass(frozen=True)
class StreamedSheet:
    """A sheet too large to hold at once: its headers, its rows as frames in order, and how
    many rows they hold in all."""

    headers: list[str]
    frames: Iterable[pd.DataFrame]
    total_rows: int


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """UTF-8 with BOM so that Excel on Windows shows the Chinese text."""
    path.parent.mkdir(parents=True, exist_ok=True)
    neutralise_frame(frame).to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\r\n")


def write_workbook(
    sheets: dict[str, pd.DataFrame | StreamedSheet], path: Path, percent_columns=()
) -> None:
    """One sheet per frame: bold frozen header, filters, widths fitted, every text as text."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with xlsxwriter.Workbook(str(path), STREAMING_OPTIONS) as workbook:
        formats = _formats(workbook)
        for name, frame in sheets.items():
            if isinstance(frame, StreamedSheet):
                write_frames(workbook, formats, name, frame.headers, frame.frames,
                             frame.total_rows, percent_columns)  # fmt: skip
            else:
                write_sheet(workbook, formats, name, frame, percent_columns)


def write_sheet(workbook, formats: dict, name: str, frame: pd.DataFrame, percent_columns=()):
    """Write `frame` as sheet `name`; returns the worksheet holding its first rows."""
    headers = list(frame.columns)
    parts = write_frames(workbook, formats, name, headers, [frame], len(frame), percent_columns)
    return parts[0][0]


def write_frames(
    workbook,
    formats: dict,
    name: str,
    headers: list[str],
    frames: Iterable[pd.DataFrame],
    total_rows: int,
    percent_columns=(),
) -> list[tuple[object, int]]:
    """Write the rows of `frames` (each with the columns `headers`, in order) as sheet `name`.

    Rows beyond what one Excel sheet holds go on to sheets `name（续2）`, `name（续3）`, …, each
    with the header and a note beside it saying which rows it holds. Returns (worksheet,
    number of rows) per sheet written.
    """
    per_sheet = MAX_SHEET_ROWS - 1
    count_sheets = max(-(-total_rows // per_sheet), 1)
    names = [continued_name(name, part) for part in range(1, count_sheets + 1)]
    parts = []
    frames = iter(frames)
    pending = next(frames, None)
    for part, sheet_name in enumerate(names):
        rows = min(per_sheet, total_rows - part * per_sheet)
        sheet = workbook.add_worksheet(sheet_name)
        _write_header(sheet, formats, headers)
        if count_sheets > 1:
            sheet.write_string(0, len(headers) + 1, _split_note(names, part, per_sheet, total_rows))

        # the rows of this sheet, taken from as many frames as they span
        written = 0
        widths_from = pending
        while written < rows and pending is not None:
            chunk = pending.iloc[: rows - written]
            _write_rows(sheet, formats, chunk, 1 + written, percent_columns)
            written += len(chunk)
            pending = pending.iloc[len(chunk):] if len(chunk) < len(pending) else next(frames, None)

        for column, header in enumerate(headers):
            values = widths_from[header] if widths_from is not None else pd.Series(dtype=object)
            sheet.set_column(column, column, _width(values, header))
        sheet.freeze_panes(1, 0)
        if headers:
            sheet.autofilter(0, 0, max(rows, 1), len(headers) - 1)
        parts.append((sheet, rows))
    return parts


def continued_name(name: str, part: int) -> str:
    """The name of the `part`-th sheet of a list, within Excel's 31 characters.

    >>> continued_name("待修改", 1), continued_name("待修改", 2)
    ('待修改', '待修改（续2）')
    """
    if part == 1:
        return name[:31]
    suffix = f"（续{part}）"
    return name[: 31 - len(suffix)] + suffix


def column_cells(column: pd.Series, is_percent: bool = False) -> list:
    """What each cell of `column` becomes: None (left empty), text (neutralised) or a float.

    >>> column_cells(pd.Series(["=1+1", None, "007"], dtype="str"))
    ["'=1+1", None, '007']
    >>> column_cells(pd.Series([3, None])), column_cells(pd.Series(["<5", 0.25]), True)
    ([3.0, None], ['<5', 0.25])
    """
    if pd.api.types.is_string_dtype(column.dtype) and column.dtype != object:
        return [_text(value) if isinstance(value, str) else None for value in column.tolist()]
    if pd.api.types.is_numeric_dtype(column.dtype) and not pd.api.types.is_bool_dtype(column):
        return [None if value != value else value for value in column.astype("float64").tolist()]
    return [_cell(value, is_percent) for value in column.tolist()]


def _cell(value, is_percent: bool):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, str):
        return _text(value)
    if is_percent or isinstance(value, int | float):
        return float(value)
    return str(value)


def _write_rows(sheet, formats: dict, frame: pd.DataFrame, first_row: int, percents) -> None:
    number_formats = [formats["percent"] if header in percents else None for header in frame]
    columns = [column_cells(frame[header], header in percents) for header in frame.columns]
    write_string, write_number = sheet.write_string, sheet.write_number
    for offset, row in enumerate(zip(*columns, strict=True)):
        for column, value in enumerate(row):
            if value is None:
                continue  # an empty cell without format is not written at all
            if value.__class__ is str:
                write_string(first_row + offset, column, value)
            else:
                write_number(first_row + offset, column, value, number_formats[column])


def _text(value: str) -> str:
    """The text to write for `value`: neutralised, and never read as xlsxwriter markup.

    xlsxwriter copies a text that looks like its rich-text markup ("<r>…</r>") into the XML
    unescaped, which breaks the workbook; as one escaped rich-text run it shows as typed.

    >>> _text("<r>x & y</r>"), _text("@所有人")
    ('<r><t xml:space="preserve">&lt;r&gt;x &amp; y&lt;/r&gt;</t></r>', "'@所有人")
    """
    text = neutralise(value)
    if text.startswith("<r>") and text.endswith("</r>"):
        return f'<r><t xml:space="preserve">{escape(text)}</t></r>'
    return text


def _write_header(sheet, formats: dict, headers: list[str]) -> None:
    for column, header in enumerate(headers):
        sheet.write_string(0, column, str(header), formats["header"])


def _split_note(names: list[str], part: int, per_sheet: int, total_rows: int) -> str:
    first = part * per_sheet + 1
    last = min(first + per_sheet - 1, total_rows)
    others = "、".join(f"“{name}”" for index, name in enumerate(names) if index != part)
    return (
        f"本表共 {total_rows} 行，超过 Excel 单个工作表的行数上限，分为 {len(names)} 个工作表；"
        f"本工作表为第 {first}–{last} 行，其余行见工作表{others}。"
    )


def _formats(workbook) -> dict:
    return {
        "header": workbook.add_format(HEADER_FORMAT),
        "percent": workbook.add_format({"num_format": "0.00%"}),
    }


def _width(values: pd.Series, header: str) -> int:
    sample = [str(header), *("" if pd.isna(v) else str(v) for v in values.head(WIDTH_SAMPLE_ROWS))]
    # CJK characters take two columns of width in Excel.
    longest = max(sum(2 if ord(ch) > 0x2E80 else 1 for ch in text) for text in sample)
    return min(max(longest + 2, 8), MAX_COLUMN_WIDTH)
