"""statistics.xlsx: one formatted sheet per table, native Excel charts on the main ones."""

from pathlib import Path

import pandas as pd
import xlsxwriter

from pipelines.outputs.tables import _formats, write_sheet

PERCENT_COLUMNS = ("落实率", "占比", "较一周前变化")

# Which sheet gets which chart: the rows charted are the first run of rows whose `column`
# equals `value` (all rows when no filter), categories and values taken from the named columns.
CHARTS = (
    {"sheet": "按学院", "type": "bar", "title": "各学院毕业去向落实率",
     "categories": "学院", "values": "落实率", "percent": True},
    {"sheet": "按学历层次", "type": "column", "title": "各学历层次毕业去向落实率",
     "categories": "学历层次", "values": "落实率", "percent": True},
    {"sheet": "去向构成", "type": "pie", "title": "毕业去向构成",
     "categories": "去向类别", "values": "人数", "filter": ("其中", "")},
    {"sheet": "就业流向", "type": "bar", "title": "就业省份分布",
     "categories": "分组", "values": "人数", "filter": ("维度", "就业省份")},
    {"sheet": "就业流向", "type": "pie", "title": "经济区域分布",
     "categories": "分组", "values": "人数", "filter": ("维度", "经济区域")},
    {"sheet": "趋势", "type": "line", "title": "全校毕业去向落实率变化",
     "categories": "快照日期", "values": "落实率", "percent": True, "filter": ("范围", "全校")},
)  # fmt: skip


def write_statistics_workbook(sheets: dict[str, pd.DataFrame], path: Path, note: str) -> None:
    """Every sheet formatted; the note (no roster) beside each table; the CHARTS."""
    with xlsxwriter.Workbook(
        str(path), {"strings_to_numbers": False, "strings_to_formulas": False}
    ) as workbook:
        formats = _formats(workbook)
        written = {}
        for name, frame in sheets.items():
            written[name] = write_sheet(workbook, formats, name, frame, PERCENT_COLUMNS)
            # printed (or converted to PDF) across, one page wide, tables and charts together
            written[name].set_landscape()
            written[name].fit_to_pages(1, 0)
            if note:
                written[name].write_string(0, len(frame.columns) + 1, note)
        charts_on_sheet: dict[str, int] = {}
        for spec in CHARTS:
            frame = sheets.get(spec["sheet"])
            rows = chart_rows(frame, spec.get("filter")) if frame is not None else None
            if rows is None:
                continue
            place = charts_on_sheet.get(spec["sheet"], 0)
            charts_on_sheet[spec["sheet"]] = place + 1
            chart = _chart(workbook, spec, frame, rows)
            written[spec["sheet"]].insert_chart(
                2 + place * 22, len(frame.columns) + 1, chart, {"x_scale": 1.3, "y_scale": 1.3}
            )


def chart_rows(frame: pd.DataFrame, row_filter) -> tuple[int, int] | None:
    """First and last sheet row (1-based below the header) of the rows to chart, or None.

    >>> chart_rows(pd.DataFrame({"维度": ["甲", "乙", "乙"], "人数": [1, 2, 3]}), ("维度", "乙"))
    (2, 3)
    """
    if row_filter is None:
        positions = list(range(len(frame)))
    else:
        column, value = row_filter
        positions = [i for i, cell in enumerate(frame[column]) if cell == value]
    if not positions:
        return None
    first = positions[0]
    last = first
    while last + 1 in positions:
        last += 1
    return first + 1, last + 1


def _chart(workbook, spec: dict, frame: pd.DataFrame, rows: tuple[int, int]):
    chart = workbook.add_chart({"type": spec["type"]})
    name = spec["sheet"]
    category = list(frame.columns).index(spec["categories"])
    value = list(frame.columns).index(spec["values"])
    labels = (
        {"percentage": True, "category": True}
        if spec["type"] == "pie"
        else {"value": True, "num_format": "0.0%" if spec.get("percent") else "0"}
    )
    chart.add_series(
        {
            "name": spec["title"],
            "categories": [name, rows[0], category, rows[1], category],
            "values": [name, rows[0], value, rows[1], value],
            "data_labels": labels,
        }
    )
    chart.set_title({"name": spec["title"]})
    if spec.get("percent"):
        axis = chart.set_x_axis if spec["type"] == "bar" else chart.set_y_axis
        axis({"num_format": "0%", "min": 0, "max": 1})
    if spec["type"] != "pie":
        chart.set_legend({"none": True})
    return chart
