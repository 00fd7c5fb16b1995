"""Seed or grow the unit master from past years' exports (`quxiang units import`).

The files are read and normalised exactly as on a nightly run, but in a scratch in-memory
warehouse, so tonight's tables, the run history and the input archive of the real warehouse
stay as they were; only its unit master changes, by the same rules as every night (审核通过
rows only, never a row whose credit code has an error).
"""

import datetime as dt
import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from pipelines.context import RunContext, RunInputs
from pipelines.ingest.stage import ingest
from pipelines.match.master import prepare_unit_tables, replace_master
from pipelines.normalise.stage import normalise
from pipelines.reference.load import load_reference_tables
from pipelines.validate.field_checks import field_findings
from pipelines.validate.findings import FINDING_COLUMNS
from pipelines.warehouse import read_table, row_count, write_frame

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImportResult:
    rows_read: int
    rows_approved: int
    rows_with_code_errors: int
    units_before: int
    units_after: int


def import_units(
    paths: list[Path], db_path: Path, as_of: dt.date, encoding: str | None = None
) -> ImportResult:
    """Add the units of `paths` to the master in `db_path`, as seen on `as_of`."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    try:
        with tempfile.TemporaryDirectory() as scratch:
            _stage_exports(con, paths, as_of, encoding, Path(scratch))
        counts = _staged_counts(con)
        units_before, units_after = _merge_into(con, db_path)
    finally:
        con.close()
    result = ImportResult(**counts, units_before=units_before, units_after=units_after)
    logger.info(
        "Imported %d files: %d rows, %d approved, %d with credit-code errors; "
        "unit master %d -> %d units.",
        len(paths),
        result.rows_read,
        result.rows_approved,
        result.rows_with_code_errors,
        units_before,
        units_after,
    )
    return result


def _stage_exports(
    con: duckdb.DuckDBPyConnection,
    paths: list[Path],
    as_of: dt.date,
    encoding: str | None,
    scratch: Path,
) -> None:
    # the nightly ingest and normalise stages, on a scratch warehouse
    ctx = RunContext(
        inputs=RunInputs(tuple(paths), encoding=encoding), con=con, work_dir=scratch, run_date=as_of
    )
    load_reference_tables(con)
    con.execute("create or replace table run_settings as select ?::date as run_date", [as_of])
    ingest(ctx)
    normalise(ctx)

    # credit-code errors keep a row out of the master; nothing else from validation matters
    checked = field_findings(read_table(con, "clean_registrations"))
    code_errors = checked[(checked["field"] == "credit_code") & (checked["severity"] == "error")]
    write_frame(
        con,
        "findings",
        pd.concat([read_table(con, "findings_duplicates"), code_errors])[FINDING_COLUMNS],
    )


def _staged_counts(con: duckdb.DuckDBPyConnection) -> dict:
    rows, approved, code_errors = con.execute(
        "select count(*), count(*) filter (where review_status = '审核通过'), "
        "(select count(distinct (source_file, source_row)) from findings "
        " where field = 'credit_code' and severity = 'error') "
        "from stg_registrations"
    ).fetchall()[0]
    return {"rows_read": rows, "rows_approved": approved, "rows_with_code_errors": code_errors}


def _merge_into(con: duckdb.DuckDBPyConnection, db_path: Path) -> tuple[int, int]:
    # the master and the name macros live in the real warehouse; the staged rows stay in
    # memory and are found through the search path
    con.execute("attach ? as warehouse", [str(db_path)])
    con.execute("use warehouse")
    prepare_unit_tables(con)
    before = row_count(con, "unit_master")
    con.execute("use memory")
    con.execute("set search_path = 'memory.main,warehouse.main'")
    after = replace_master(con, "marts/unit_master_next")
    # the imported units belong to the master from now on, also for a re-run of the last night
    con.execute("drop table if exists warehouse.main.unit_master_night")
    con.execute("detach warehouse")
    return before, after
