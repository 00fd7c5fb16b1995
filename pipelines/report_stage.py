"""The report stage: every file the office opens in the morning, and the run summary."""

import json
import logging

from pipelines.context import RunContext
from pipelines.ingest.headers import labels
from pipelines.outputs.findings_files import write_findings, write_fixlists, write_quarantine
from pipelines.statistics.stage import write_reports
from pipelines.warehouse import fetch_frame, read_table

logger = logging.getLogger(__name__)


def write_outputs(ctx: RunContext) -> dict:
    con = ctx.con
    findings = read_table(con, "findings")
    write_findings(findings, ctx.work_dir)
    write_quarantine(fetch_frame(con, "select * from quarantine order by all"), ctx.work_dir)
    names = fetch_frame(con, "select source_file, source_row, name from stg_registrations")
    fixlists = write_fixlists(findings, names, labels("registrations"), ctx.work_dir)

    count_errors = int((findings["severity"] == "error").sum())
    write_reports(ctx, ctx.summary.get("has_roster", False), count_errors)
    logger.info("Wrote findings (%d rows) and %d fix lists.", len(findings), fixlists)
    return {"fixlists_written": fixlists}


def write_summary(ctx: RunContext) -> None:
    path = ctx.work_dir / "run_summary.json"
    path.write_text(
        json.dumps(ctx.summary, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n",
        encoding="utf-8",
    )
