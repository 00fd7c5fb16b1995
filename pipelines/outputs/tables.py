"""Write frames as the CSV and xlsx files the office opens in Excel."""

from pathlib import Path

import pandas as pd
import xlsxwriter

from pipelines.outputs.safe_cells import neutralise, neutralise_frame

MAX_COLUMN_WIDTH = 50


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """UTF-8 with BOM so that Excel on Windows shows the Chinese text."""
    path.parent.mkdir(parents=True, exist_ok=True)
    neutralise_frame(frame).to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\r\n")


def write_workbook(sheets: dict[str, pd.DataFrame], path: Path, percent_columns=()) -> None:
    """One sheet per frame: bold frozen header, filters, widths fitted, every text as text."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with xlsxwriter.Workbook(
        str(path),
        {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False},
    ) as workbook:
        formats = _formats(workbook)
        for name, frame in sheets.items():
            write_sheet(workbook, formats, name, frame, percent_columns)


def write_sheet(workbook, formats: dict, name: str, frame: pd.DataFrame, percent_columns=()):
    sheet = workbook.add_worksheet(name[:31])
    for column, header in enumerate(frame.columns):
        sheet.write_string(0, column, str(header), formats["header"])
    for row_number, row in enumerate(frame.itertuples(index=False), start=1):
        for column, value in enumerate(row):
            _write_cell(
                sheet, row_number, column, value, frame.columns[column], formats, percent_columns
            )
    for column, header in enumerate(frame.columns):
        sheet.set_column(column, column, _width(frame[header], header))
    sheet.freeze_panes(1, 0)
    if len(frame.columns):
        sheet.autofilter(0, 0, max(len(frame), 1), len(frame.columns) - 1)
    return sheet


def _write_cell(sheet, row: int, column: int, value, header: str, formats: dict, percents):
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        sheet.write_blank(row, column, None)
    elif isinstance(value, str):
        sheet.write_string(row, column, str(neutralise(value)))
    elif header in percents:
        sheet.write_number(row, column, float(value), formats["percent"])
    elif isinstance(value, int | float):
        sheet.write_number(row, column, float(value))
    else:
        sheet.write_string(row, column, str(value))


def _formats(workbook) -> dict:
    return {
        "header": workbook.add_format(
            {
                "bold": True,
                "bg_color": "#DDEBF7",
                "border": 1,
                "text_wrap": True,
                "valign": "vcenter",
            }
        ),
        "percent": workbook.add_format({"num_format": "0.00%"}),
    }


def _width(values: pd.Series, header: str) -> int:
    sample = [str(header), *("" if pd.isna(v) else str(v) for v in values.head(500))]
    # CJK characters take two columns of width in Excel.
    longest = max(sum(2 if ord(ch) > 0x2E80 else 1 for ch in text) for text in sample)
    return min(max(longest + 2, 8), MAX_COLUMN_WIDTH)
