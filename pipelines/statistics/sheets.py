"""Read the stats tables from the warehouse as the sheets of statistics.xlsx, in order."""

import duckdb
import pandas as pd

from pipelines.statistics import tables
from pipelines.warehouse import read_table


def statistics_sheets(con: duckdb.DuckDBPyConnection, has_trend: bool) -> dict[str, pd.DataFrame]:
    """Sheet name -> frame; the trend sheet only when snapshots were stored."""
    sheets = tables.placement_sheets(read_table(con, "stats_placement"))
    sheets["去向构成"] = tables.group_sheet(read_table(con, "stats_destination_groups"))
    flows = read_table(con, "stats_flows")
    sheets["就业流向"] = tables.renamed(flows[flows["scope"] == "全校"], tables.CELL_HEADERS)
    sheets["升学"] = tables.renamed(read_table(con, "stats_further_study"), tables.CELL_HEADERS)
    sheets["基层项目与入伍"] = tables.renamed(
        read_table(con, "stats_grassroots"), tables.GRASSROOTS_HEADERS
    )
    sheets["月收入"] = tables.renamed(read_table(con, "stats_salary"), tables.SALARY_HEADERS)
    sheets["专业对口度"] = tables.renamed(
        read_table(con, "stats_major_fit"), tables.MAJOR_FIT_HEADERS
    )
    sheets["红黄牌专业"] = tables.renamed(
        read_table(con, "stats_warning_majors"), tables.WARNING_HEADERS
    )
    if has_trend:
        sheets["趋势"] = tables.renamed(read_table(con, "stats_trend"), tables.TREND_HEADERS)
    return sheets
