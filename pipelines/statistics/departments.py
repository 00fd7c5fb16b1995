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
from pipelines.outputs.tables import StreamedSheet, write_workbook
from pipelines.statistics import tables
from pipelines.statistics.masking import mask_columns
from pipelines.statistics.suppression import suppress_small_cells
from pipelines.warehouse import read_table

logger = logging.getLogger(__name__)

PERCENT_COLUMNS = ("落实率", "占比")
COLLEGE_DIMENSIONS = ("合计", "专业", "学历层次", "性别", "生源地")
STUDENTS_SHEET = "学生去向"
COLLEGES_QUERY = "select college, count(*) from college_students group by college"
STUDENTS_QUERY = (
    "select * exclude (college) from college_students where college = ? order by student_id"
)
# a college's student list reaches the workbook in slices of this many rows, never whole
BATCH_ROWS = 50_000


def college_package(
    college: str,
    placement: pd.DataFrame,
    groups: pd.DataFrame,
    flows: pd.DataFrame,
    thresholds: Thresholds,
) -> dict[str, pd.DataFrame]:
    """Sheet name -> frame of one college's figures, small cells suppressed.

    `placement`, `groups` and `flows` are stats_college_placement, stats_college_groups and
    stats_flows. The student list (student_sheet) follows these sheets in the package.
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
    return sheets


def student_sheet(students: pd.DataFrame) -> pd.DataFrame:
    """Rows of college_students as the package lists them: identifiers masked, Chinese
    headers."""
    masked = mask_columns(students, id_columns=["id_number"], phone_columns=["unit_phone"])
    return tables.renamed(masked, tables.STUDENT_HEADERS)


def write_department_packages(
    con: duckdb.DuckDBPyConnection, folder: Path, thresholds: Thresholds, note: str
) -> int:
    """One workbook per college into `folder`; returns how many were written.

    Each college's students are read from the warehouse in slices as its sheet is written,
    so no package holds the whole cohort in memory.
    """
    placement = read_table(con, "stats_college_placement")
    groups = read_table(con, "stats_college_groups")
    flows = read_table(con, "stats_flows")
    colleges = sorted(con.execute(COLLEGES_QUERY).fetchall())

    for college, count_students in colleges:
        sheets = college_package(college, placement, groups, flows, thresholds)
        if note:
            sheets = {"说明": pd.DataFrame({"说明": [note]}), **sheets}
        batches = con.sql(STUDENTS_QUERY, params=[college]).to_arrow_reader(BATCH_ROWS)
        sheets[STUDENTS_SHEET] = StreamedSheet(
            list(tables.STUDENT_HEADERS.values()),
            (student_sheet(batch.to_pandas()) for batch in batches),
            count_students,
        )
        write_workbook(sheets, folder / f"{package_name(college)}.xlsx", PERCENT_COLUMNS)
    logger.info("Wrote %d college packages to %s.", len(colleges), folder)
    return len(colleges)


def package_name(college: str) -> str:
    """A file name for a college's package.

    >>> package_name("机械工程学院"), package_name("外语/国际学院")
    ('机械工程学院', '外语_国际学院')
    """
    return safe_file_name(college, "未填学院")
