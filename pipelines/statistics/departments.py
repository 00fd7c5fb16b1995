"""departments/<学院>.xlsx: one college's tables and its students, nothing of other colleges.

Breakdown cells of fewer students than the small-cell threshold show no figures, and ID
numbers and phones are masked, because the packages travel by e-mail to college staff.
"""

import logging
from pathlib import Path

import duckdb
import pandas as pd

from pipelines.config import Thresholds
from pipelines.outputs.file_names import safe_file_name
from pipelines.outputs.tables import write_workbook
from pipelines.statistics import tables
from pipelines.statistics.masking import mask_columns
from pipelines.statistics.suppression import suppress_small_cells
from pipelines.warehouse import fetch_frame, read_table

logger = logging.getLogger(__name__)

PERCENT_COLUMNS = ("落实率", "占比")
# personal fields of the student list; everything else comes from graduate_outcomes
STUDENT_DETAIL_QUERY = (
    "select student_id, any_value(name) as name, any_value(id_number) as id_number, "
    "any_value(review_status) as review_status, any_value(unit_region) as unit_region, "
    "any_value(unit_phone) as unit_phone from stg_registrations group by student_id"
)
ROSTER_NAME_QUERY = (
    "select trim(student_id) as student_id, any_value(name) as roster_name "
    "from raw_roster group by all"
)
COLLEGE_DIMENSIONS = ("合计", "专业", "学历层次", "性别", "生源地")


def college_package(
    college: str,
    placement: pd.DataFrame,
    groups: pd.DataFrame,
    flows: pd.DataFrame,
    students: pd.DataFrame,
    thresholds: Thresholds,
) -> dict[str, pd.DataFrame]:
    """Sheet name -> frame for one college, small cells suppressed, identifiers masked.

    `placement`, `groups` and `flows` are stats_college_placement, stats_college_groups and
    stats_flows; `students` is graduate_outcomes joined with the personal fields.
    """
    sheets = {}
    own = placement[placement["college"] == college]
    for dimension in COLLEGE_DIMENSIONS:
        rows = own[own["dimension"] == dimension]
        frame = tables.renamed(rows, tables.PLACEMENT_HEADERS).rename(columns={"分组": dimension})
        sheets[f"按{dimension}" if dimension != "合计" else "总体"] = suppress_small_cells(
            frame, "毕业生数", ["已落实", "落实率"], thresholds.small_cell
        )

    own_groups = groups[groups["college"] == college]
    group_frame = own_groups[["destination_subgroup", "count_graduates", "share"]].rename(
        columns={"destination_subgroup": "去向类别", "count_graduates": "人数", "share": "占比"}
    )
    sheets["去向构成"] = suppress_small_cells(
        group_frame.reset_index(drop=True), "人数", ["占比"], thresholds.small_cell
    )

    own_flows = tables.renamed(flows[flows["scope"] == college], tables.CELL_HEADERS)
    sheets["就业流向"] = suppress_small_cells(own_flows, "人数", ["占比"], thresholds.small_cell)

    own_students = students[students["college"] == college]
    masked = mask_columns(own_students, id_columns=["id_number"], phone_columns=["unit_phone"])
    sheets["学生去向"] = tables.renamed(masked, tables.STUDENT_HEADERS)
    return sheets


def write_department_packages(
    con: duckdb.DuckDBPyConnection, folder: Path, thresholds: Thresholds, note: str
) -> int:
    """One workbook per college into `folder`; returns how many were written."""
    placement = read_table(con, "stats_college_placement")
    groups = read_table(con, "stats_college_groups")
    flows = read_table(con, "stats_flows")
    outcomes = read_table(con, "graduate_outcomes")
    details = fetch_frame(con, STUDENT_DETAIL_QUERY)
    roster_names = fetch_frame(con, ROSTER_NAME_QUERY)
    students = (
        outcomes.merge(details, on="student_id", how="left")
        .merge(roster_names, on="student_id", how="left")
        .sort_values("student_id")
    )
    # a graduate who never registered is known by the roster's name only
    students = students.assign(name=students["name"].fillna(students["roster_name"]))

    colleges = sorted(outcomes["college"].unique())
    for college in colleges:
        sheets = college_package(college, placement, groups, flows, students, thresholds)
        if note:
            sheets = {"说明": pd.DataFrame({"说明": [note]}), **sheets}
        write_workbook(sheets, folder / f"{package_name(college)}.xlsx", PERCENT_COLUMNS)
    logger.info("Wrote %d college packages to %s.", len(colleges), folder)
    return len(colleges)


def package_name(college: str) -> str:
    """A file name for a college's package.

    >>> package_name("机械工程学院"), package_name("外语/国际学院")
    ('机械工程学院', '外语_国际学院')
    """
    return safe_file_name(college, "未填学院")
