"""Read the office's tracking file: which 运单号 went with which student or envelope.

Two shapes are accepted, because the post office gives one number per envelope and one
envelope may hold several students' files:

* 学号, 运单号 — one row per student;
* 收件单位, 运单号 — one row per envelope; every file of the batch for that body gets the number.

The file may be xlsx/xls or CSV in UTF-8 or GB18030, with title rows above the header.
"""

from pathlib import Path

import pandas as pd

from pipelines.errors import EmptyFileError, MissingColumnError, MissingFileError
from pipelines.ingest.readers import read_file

HEADER_SEARCH_ROWS = 10
TRACKING_HEADERS = {
    "学号": "student_id",
    "收件单位": "receiver",
    "档案接收单位": "receiver",
    "运单号": "tracking_no",
    "邮件号": "tracking_no",
    "邮件号码": "tracking_no",
    "机要号": "tracking_no",
    "运单编号": "tracking_no",
}
REMEDY = "请在表头写“学号,运单号”（一人一行）或“收件单位,运单号”（一个信封一行）后重试"


def read_tracking(path: Path, encoding: str | None = None) -> pd.DataFrame:
    """The tracking rows of `path`.

    Returns:
        One row per filled data row, with `row_number` (as the user sees it), `student_id`,
        `receiver` and `tracking_no` (None where the file has no such column or cell).
    """
    if not path.is_file():
        raise MissingFileError(path, "运单号文件不存在", "请检查路径和文件名是否正确")
    rows = list(read_file(path, encoding).sheets[0].open_rows())

    # the header is the first row naming 运单号 and 学号 or 收件单位
    header = next((row for row in rows[:HEADER_SEARCH_ROWS] if _columns(row.cells)), None)
    if header is None:
        raise MissingColumnError(
            path, f"前 {HEADER_SEARCH_ROWS} 行中找不到“运单号”列和“学号”或“收件单位”列", REMEDY
        )
    columns = _columns(header.cells)

    records = [
        {"row_number": row.number}
        | {field: _cell(row.cells, position) or None for field, position in columns.items()}
        for row in rows
        if row.number > header.number and any(cell.strip() for cell in row.cells)
    ]
    if not records:
        raise EmptyFileError(path, "表头下面没有数据行", REMEDY)
    frame = pd.DataFrame(records)
    for field in ("student_id", "receiver", "tracking_no"):
        if field not in frame:
            frame[field] = None
    return frame[["row_number", "student_id", "receiver", "tracking_no"]]


def _columns(cells: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for position, cell in enumerate(cells):
        field = TRACKING_HEADERS.get(cell.strip())
        if field and field not in found:
            found[field] = position
    has_key = "student_id" in found or "receiver" in found
    return found if has_key and "tracking_no" in found else {}


def _cell(cells: list[str], position: int) -> str:
    return cells[position].strip() if position < len(cells) else ""
