"""statistics.xlsx: one formatted sheet per table, native Excel charts on the main ones."""

from pathlib import Path

import pandas as pd
import xlsxwriter

from pipelines.outputs.tables import _formats, write_sheet

PERCENT_COLUMNS = ("落实率", "占比")


def write_statistics_workbook(sheets: dict[str, pd.DataFrame], path: Path, note: str) -> None:
    with xlsxwriter.Workbook(
        str(path), {"strings_to_numbers": False, "strings_to_formulas": False}
    ) as workbook:
        formats = _formats(workbook)
        for name, frame in sheets.items():
            sheet = write_sheet(workbook, formats, name, frame, PERCENT_COLUMNS)
            if note:
                sheet.write_string(0, len(frame.columns) + 1, note)
            if name == "按学院" and len(frame):
                _rate_chart(workbook, sheet, name, frame)
            if name == "去向构成" and len(frame):
                _share_chart(workbook, sheet, name, frame)


def _rate_chart(workbook, sheet, name: str, frame: pd.DataFrame) -> None:
    chart = workbook.add_chart({"type": "bar"})
    rate_column = list(frame.columns).index("落实率")
    chart.add_series(
        {
            "name": "毕业去向落实率",
            "categories": [name, 1, 0, len(frame), 0],
            "values": [name, 1, rate_column, len(frame), rate_column],
            "data_labels": {"value": True, "num_format": "0.0%"},
        }
    )
    chart.set_title({"name": "各学院毕业去向落实率"})
    chart.set_x_axis({"num_format": "0%", "min": 0, "max": 1})
    chart.set_legend({"none": True})
    sheet.insert_chart(2, len(frame.columns) + 1, chart, {"x_scale": 1.4, "y_scale": 1.3})


def _share_chart(workbook, sheet, name: str, frame: pd.DataFrame) -> None:
    chart = workbook.add_chart({"type": "pie"})
    chart.add_series(
        {
            "name": "去向构成",
            "categories": [name, 1, 0, len(frame), 0],
            "values": [name, 1, 1, len(frame), 1],
            "data_labels": {"percentage": True, "category": True},
        }
    )
    chart.set_title({"name": "毕业去向构成"})
    sheet.insert_chart(2, len(frame.columns) + 1, chart)
