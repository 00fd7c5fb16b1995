"""The statistics stage: placement rates and flows, as tables, xlsx and the HTML report."""

import logging

import duckdb

from pipelines.context import RunContext
from pipelines.outputs.report_html import render_report, write_report
from pipelines.statistics.departments import write_department_packages
from pipelines.statistics.page import report_fields
from pipelines.statistics.sheets import statistics_sheets
from pipelines.statistics.thresholds import read_thresholds, thresholds_frame
from pipelines.statistics.workbook import write_statistics_workbook
from pipelines.warehouse import create_table, read_table, row_count, write_frame

logger = logging.getLogger(__name__)

NO_ROSTER_NOTE = "未提供毕业生名单：落实率分母为已登记学生数，未登记的毕业生没有计入，比例偏高。"
FORMULA_LABELS = {
    "2024": "现行口径（单位就业+自主创业+自由职业+升学）",
    "2021": "2021 口径（协议和合同就业+灵活就业+自主创业+升学）",
}
STATS_TABLES = (
    "stats_placement",
    "stats_destination_groups",
    "stats_flows",
    "stats_further_study",
    "stats_grassroots",
    "stats_salary",
    "stats_major_fit",
    "stats_college_placement",
    "stats_college_groups",
    "college_students",
)
SNAPSHOT_TABLE = "registration_snapshots"
# stats_major_years' columns, for a warehouse without snapshots (no earlier year known)
EMPTY_MAJOR_YEARS = (
    "create or replace table stats_major_years (graduation_year bigint, college varchar, "
    "degree_level varchar, major varchar, count_graduates bigint, placement_rate double)"
)


def compute_statistics(ctx: RunContext) -> dict:
    """Build the stats tables; returns the overall rate and its parts."""
    con = ctx.con
    create_table(con, "graduate_outcomes", "marts/graduate_outcomes")
    write_frame(con, "report_thresholds", thresholds_frame(read_thresholds(con)))
    for table in STATS_TABLES:
        create_table(con, table, f"marts/{table}")

    # trend and earlier years need the nightly snapshots kept in the warehouse; a new one has none
    if table_exists(con, SNAPSHOT_TABLE):
        create_table(con, "stats_trend", "marts/stats_trend")
        create_table(con, "stats_major_years", "marts/stats_major_years")
    else:
        con.execute("drop table if exists stats_trend")
        con.execute(EMPTY_MAJOR_YEARS)
        logger.info("No registration snapshots in the warehouse; the trend is left out.")
    create_table(con, "stats_warning_majors", "marts/stats_warning_majors")

    overall = read_table(con, "stats_placement").query("dimension == '全校'")
    # no graduates at all: there is no rate (None in the summary, never a NaN in its JSON)
    if overall.empty or int(overall.iloc[0]["count_graduates"]) == 0:
        return {"count_graduates": 0, "count_placed": 0, "placement_rate": None}
    first = overall.iloc[0]
    return {
        "count_graduates": int(first["count_graduates"]),
        "count_placed": int(first["count_placed"]),
        "placement_rate": float(first["placement_rate"]),
    }


def table_exists(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    found = con.execute(
        "select count(*) from duckdb_tables() where table_name = ?", [table]
    ).fetchall()[0][0]
    return bool(found)


def write_reports(ctx: RunContext, has_roster: bool, count_errors: int) -> None:
    """statistics.xlsx, report.html and one package per college into the run's folder."""
    con = ctx.con
    note = "" if has_roster else NO_ROSTER_NOTE
    thresholds = read_thresholds(con)
    sheets = statistics_sheets(con, table_exists(con, "stats_trend"))
    write_statistics_workbook(sheets, ctx.work_dir / "statistics.xlsx", note)

    header = {
        "has_earlier_years": row_count(con, "stats_major_years") > 0,
        "run_date": ctx.run_date.isoformat(),
        "formula_label": FORMULA_LABELS[ctx.formula_version],
        "count_errors": count_errors,
        "note": note,
    }
    values, frames = report_fields(sheets, header, thresholds)
    write_report(render_report(values, frames), ctx.work_dir / "report.html")

    packages = write_department_packages(con, ctx.work_dir / "departments", thresholds, note)
    logger.info(
        "Wrote statistics.xlsx (%d sheets), report.html and %d college packages.",
        len(sheets),
        packages,
    )
