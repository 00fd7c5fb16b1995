"""Why a data row cannot be used: the reasons a clerk reads in quarantine.csv."""

import re

from pipelines.ingest.headers import HeaderMap
from pipelines.ingest.readers import Row

EMPTY_STUDENT_ID = "学号为空，无法确定是哪位学生"
# How every reason about an unpaired double quote begins (the row ran over several text lines).
QUOTE_REASON_START = "引号"
# A row whose broken quote ran over more text lines than this stops the run: the students on
# those lines would be missing from every figure, which a clerk would rather be told first.
MAX_SWALLOWED_LINES = 5
FORMULA_STUDENT_ID = "学号为空：单元格是公式但没有计算结果，请在 Excel 中打开并保存后重新导出"


def quarantine_reason(
    row: Row, header: HeaderMap, student_position: int, delimiter: str | None = None
) -> str | None:
    """Why a data row cannot be used, or None when it can.

    `delimiter` (text files only) lets a quoted cell that swallowed whole records be found.
    """
    cells = row.cells
    overflow = [c for c in cells[header.width :] if c.strip()]
    wrong_width = bool(overflow) or (len(cells) < header.width and len(cells) <= max(header.keys))
    if wrong_width and row.lines and row.lines[1] > row.lines[0]:
        first, last = row.lines
        return (
            f"引号不成对：文本第 {first}–{last} 行被读成了一行；"
            f"请检查文本第 {first} 行单元格里的双引号，改正后重新导出"
        )
    if overflow:
        return (
            f"本行有 {header.width + len(overflow)} 个单元格，多于表头的 {header.width} 列"
            "（可能是内容里有未加引号的逗号）"
        )
    if wrong_width:
        return f"本行只有 {len(cells)} 列，少于表头的 {header.width} 列（行被截断或换行符断开）"
    swallowed = swallowed_record(row, student_position, delimiter)
    if swallowed is not None and row.lines:
        line, student_id = swallowed
        first, last = row.lines
        return (
            f"引号可能不成对：文本第 {first}–{last} 行被读成了一行，其中第 {line} 行以学号 "
            f"{student_id} 开头，像是另一位学生的记录；请检查文本第 {first} 行单元格里的双引号，"
            "改正后重新导出"
        )
    if not cell(cells, student_position).strip():
        return EMPTY_STUDENT_ID
    return None


def swallowed_record(
    row: Row, student_position: int, delimiter: str | None
) -> tuple[int, str] | None:
    """The text line inside one of the row's cells that reads like another student's record.

    A stray double quote that happens to close a few lines later, at the same column, gives
    a row of the right width that silently holds the following records in one cell. A line
    inside a cell whose 学号 position (split at the separator, with at least two more cells)
    holds a code shaped like this row's own 学号 is taken for such a record.
    Returns (text line number, the 学号 seen there).

    >>> row = Row(4, ["2021003", "张三", '备注\\n2021004,李四,好'], (), (4, 5))
    >>> swallowed_record(row, 0, ",")
    (5, '2021004')
    >>> swallowed_record(Row(4, ["2021003", "张三", "第一行\\n第二行"], (), (4, 5)), 0, ",")
    >>> swallowed_record(Row(4, ["2021003", "张三", "电话\\n021,6543,21"], (), (4, 5)), 0, ",")
    """
    if delimiter is None or row.lines is None or row.lines[1] == row.lines[0]:
        return None
    own_shape = _id_shape(cell(row.cells, student_position))
    if own_shape is None:
        return None
    line = row.lines[0]
    for text in row.cells:
        pieces = text.split("\n")
        for offset, piece in enumerate(pieces[1:], 1):
            parts = piece.split(delimiter)
            if len(parts) >= student_position + 3:
                candidate = parts[student_position].strip().strip('"')
                if _id_shape(candidate) == own_shape:
                    return line + offset, candidate
        line += len(pieces) - 1
    return None


def _id_shape(text: str) -> str | None:
    """Digits as 9 and letters as A, for a plausible 学号 (six or more ASCII letters/digits).

    >>> _id_shape(" 2021A01 "), _id_shape("021"), _id_shape("张三")
    ('9999A99', None, None)
    """
    text = text.strip()
    if len(text) < 6 or not (text.isascii() and text.isalnum()):
        return None
    return re.sub("[A-Za-z]", "A", re.sub("[0-9]", "9", text))


def cell(cells: list[str], position: int) -> str:
    return cells[position] if position < len(cells) else ""


def swallowed_span(reason: str, row: Row) -> tuple[int, int] | None:
    """(first, last) text line of a row quarantined for an unpaired quote, else None."""
    if not reason.startswith(QUOTE_REASON_START) or not row.lines:
        return None
    return row.lines
