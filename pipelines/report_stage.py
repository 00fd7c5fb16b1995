"""The report stage: every file the office opens in the morning, and the run summary."""

import json
import logging

from pipelines.context import RunContext
from pipelines.ingest.headers import labels
from pipelines.outputs.findings_files import (
    write_findings,
    write_fixlists,
    write_quarantine,
    write_verified_with_errors,
)
from pipelines.statistics.stage import write_reports
from pipelines.validate.data_docs import write_data_docs
from pipelines.warehouse import fetch_frame, read_table

logger = logging.getLogger(__name__)


def write_outputs(ctx: RunContext) -> dict:
    con = ctx.con
    findings = read_table(con, "findings")
    write_findings(findings, ctx.work_dir)
    write_quarantine(fetch_frame(con, "select * from quarantine order by all"), ctx.work_dir)
    people = fetch_frame(
        con,
        "select student_id, any_value(name) as name, any_value(review_status) as review_status "
        "from stg_registrations group by student_id",
    )
    field_labels = labels("registrations")
    fixlists = write_fixlists(
        findings, people, field_labels, ctx.work_dir, _table_or_none(con, "findings_changes")
    )
    verified_with_errors = write_verified_with_errors(findings, people, field_labels, ctx.work_dir)
    write_data_docs(
        read_table(con, "expectation_outcomes"),
        ctx.summary.get("expectations_seconds", {}),
        ctx.run_date.isoformat(),
        ctx.work_dir,
    )

    count_errors = int((findings["severity"] == "error").sum())
    write_reports(ctx, ctx.summary.get("has_roster", False), count_errors)
    logger.info("Wrote findings (%d rows) and %d fix lists.", len(findings), fixlists)
    return {"fixlists_written": fixlists, "verified_with_errors": verified_with_errors}


def _table_or_none(con, table: str):
    exists = con.execute(
        "select count(*) from duckdb_tables() where table_name = ?", [table]
    ).fetchall()[0][0]
    return read_table(con, table) if exists else None


def write_summary(ctx: RunContext) -> None:
    path = ctx.work_dir / "run_summary.json"
    path.write_text(
        json.dumps(ctx.summary, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n",
        encoding="utf-8",
    )
