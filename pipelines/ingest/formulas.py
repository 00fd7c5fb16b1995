"""Find the cells of an xlsx sheet that hold a formula, for rows a reader saw as empty.

python-calamine reads the value Excel saved beside each formula. A workbook written by a
program (openpyxl, a reporting tool) and never opened in Excel saves no such value, so the
cell reads as empty although the user sees a number in Excel. Telling the two apart needs the
formula itself, which only a second, slower pass over the sheet's XML gives; it is made only
when a sheet has rows without 学号.
"""

import logging
from pathlib import Path

import openpyxl

logger = logging.getLogger(__name__)


def formula_rows(path: Path, sheet: str, column: int, rows: set[int]) -> set[int]:
    """Which of `rows` (1-based) hold a formula in `column` (0-based) of `sheet`."""
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        cells = workbook[sheet].iter_rows(
            min_row=min(rows), max_row=max(rows), min_col=column + 1, max_col=column + 1
        )
        found = {
            number
            for number, row in enumerate(cells, min(rows))
            if number in rows and row and getattr(row[0], "data_type", None) == "f"
        }
    finally:
        workbook.close()
    logger.info("%s: %d of %d rows without 学号 hold a formula.", path.name, len(found), len(rows))
    return found
