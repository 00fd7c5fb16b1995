"""The statistics stage: placement rates and flows, as tables, xlsx and the HTML report."""

import logging

from pipelines.context import RunContext
from pipelines.outputs.report_html import render_report, write_report
from pipelines.statistics.tables import (
    as_percent_text,
    flow_sheet,
    group_sheet,
    placement_sheets,
)
from pipelines.statistics.workbook import write_statistics_workbook
from pipelines.warehouse import create_table, read_table

logger = logging.getLogger(__name__)

NO_ROSTER_NOTE = "未提供毕业生名单：落实率分母为已登记学生数，未登记的毕业生没有计入，比例偏高。"
FORMULA_LABELS = {
    "2024": "现行口径（单位就业+自主创业+自由职业+升学）",
    "2021": "2021 口径（协议和合同就业+灵活就业+自主创业+升学）",
}


def compute_statistics(ctx: RunContext) -> dict:
    """Build the stats tables; returns the overall rate and its parts."""
    con = ctx.con
    create_table(con, "graduate_outcomes", "marts/graduate_outcomes")
    for table in ("stats_placement", "stats_destination_groups", "stats_flows"):
        create_table(con, table, f"marts/{table}")
    overall = read_table(con, "stats_placement").query("dimension == '全校'")
    if overall.empty:
        return {"count_graduates": 0, "count_placed": 0, "placement_rate": None}
    first = overall.iloc[0]
    return {
        "count_graduates": int(first["count_graduates"]),
        "count_placed": int(first["count_placed"]),
        "placement_rate": float(first["placement_rate"]),
    }


def write_reports(ctx: RunContext, has_roster: bool, count_errors: int) -> None:
    """statistics.xlsx and report.html into the run's folder."""
    con = ctx.con
    sheets = placement_sheets(read_table(con, "stats_placement"))
    sheets["去向构成"] = group_sheet(read_table(con, "stats_destination_groups"))
    sheets["就业流向"] = flow_sheet(read_table(con, "stats_flows"))
    note = "" if has_roster else NO_ROSTER_NOTE
    write_statistics_workbook(sheets, ctx.work_dir / "statistics.xlsx", note)

    overall = sheets["总体"].iloc[0] if len(sheets["总体"]) else None
    values = {
        "run_date": ctx.run_date.isoformat(),
        "formula_label": FORMULA_LABELS[ctx.formula_version],
        "count_graduates": int(overall["毕业生数"]) if overall is not None else 0,
        "count_placed": int(overall["已落实"]) if overall is not None else 0,
        "placement_rate": f"{overall['落实率']:.2%}" if overall is not None else "—",
        "count_errors": count_errors,
        "denominator_note_html": f'<p class="note">{NO_ROSTER_NOTE}</p>' if note else "",
    }
    tables = {
        "college_table": as_percent_text(sheets["按学院"], "落实率"),
        "groups_table": as_percent_text(sheets["去向构成"], "占比"),
        "degree_table": as_percent_text(sheets["按学历层次"], "落实率"),
        "flows_table": sheets["就业流向"],
    }
    write_report(render_report(values, tables), ctx.work_dir / "report.html")
    logger.info("Wrote statistics.xlsx (%d sheets) and report.html.", len(sheets))
