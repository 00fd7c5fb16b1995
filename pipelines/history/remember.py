"""What the warehouse remembers of each night, and how tonight differs from the last night."""

import logging
from pathlib import Path

import duckdb
import pandas as pd

from pipelines.context import RunContext
from pipelines.history.archive import archive_inputs
from pipelines.history.dated import replace_run_rows
from pipelines.ingest.headers import labels
from pipelines.warehouse import create_table, write_frame

logger = logging.getLogger(__name__)

REGISTRATION_CHANGES = ("新登记", "有变更", "审核状态变更", "未变化")
FINDING_CHANGES = ("新增", "已修复", "仍未修复")


def remember_inputs(ctx: RunContext, files: list[dict]) -> None:
    """Archive tonight's input files by content and record which files this run read.

    `files` are the ingest stage's per-file summaries (kind, file, sha256, rows_in). How many
    files were new to the archive is logged, not summarised: a re-run must summarise alike.
    """
    archive_inputs(
        ctx.con, [(Path(entry["file"]), entry["sha256"]) for entry in files], ctx.run_date
    )
    write_frame(ctx.con, "this_run_inputs", run_inputs_frame(files))
    replace_run_rows(ctx.con, "run_inputs", "run_date")


def remember_registrations(ctx: RunContext) -> dict:
    """Snapshot tonight's registrations and findings; compare them with the previous night.

    Returns the counts of each kind of change, for the run summary.
    """
    con = ctx.con
    write_frame(con, "registration_field_labels", field_labels_frame(labels("registrations")))
    replace_run_rows(con, "registration_snapshots", "snapshot_date")
    replace_run_rows(con, "findings_history", "run_date")
    create_table(con, "registration_changes", "history/registration_changes")
    create_table(con, "findings_changes", "history/findings_changes")
    previous = con.execute(
        "select max(snapshot_date) from registration_snapshots "
        "where snapshot_date < (select run_date from run_settings)"
    ).fetchall()[0][0]
    registration_counts = _counts(con, "registration_changes", REGISTRATION_CHANGES)
    finding_counts = _counts(con, "findings_changes", FINDING_CHANGES)
    logger.info(
        "Compared with the run of %s: registrations %s, findings %s.",
        previous,
        registration_counts,
        finding_counts,
    )
    return {
        "previous_run_date": previous.isoformat() if previous else None,
        "registration_changes": registration_counts,
        "findings_changes": finding_counts,
    }


def field_labels_frame(field_labels: dict[str, str]) -> pd.DataFrame:
    """The compared registration fields with their form labels, in the form's order.

    >>> field_labels_frame({"name": "姓名", "salary": "工资"}).values.tolist()
    [['name', '姓名', 0], ['salary', '工资', 1]]
    """
    return pd.DataFrame(
        {
            "field": pd.Series(list(field_labels), dtype="str"),
            "label": pd.Series(list(field_labels.values()), dtype="str"),
            "position": pd.Series(range(len(field_labels)), dtype="int64"),
        }
    )


def run_inputs_frame(files: list[dict]) -> pd.DataFrame:
    """One row per input file: kind, file name (no folder), sha256, rows read."""
    return pd.DataFrame(
        {
            "kind": pd.Series([entry["kind"] for entry in files], dtype="str"),
            "file_name": pd.Series([Path(entry["file"]).name for entry in files], dtype="str"),
            "sha256": pd.Series([entry["sha256"] for entry in files], dtype="str"),
            "rows_in": pd.Series([entry["rows_in"] for entry in files], dtype="int64"),
        }
    )


def _counts(con: duckdb.DuckDBPyConnection, table: str, kinds: tuple[str, ...]) -> dict:
    found = dict(con.execute(f"select change, count(*) from {table} group by all").fetchall())
    return {kind: found.get(kind, 0) for kind in kinds}
