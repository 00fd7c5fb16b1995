"""The stages of a nightly run, in order, and the loop that runs them."""

import importlib.metadata
import logging
import time
from pathlib import Path

from pipelines.context import RunContext
from pipelines.dispatch.stage import build_dispatch
from pipelines.ingest.stage import ingest
from pipelines.match.stage import match_units
from pipelines.normalise.stage import normalise
from pipelines.report_stage import write_outputs
from pipelines.statistics.stage import compute_statistics
from pipelines.validate.stage import validate
from pipelines.warehouse import row_count

logger = logging.getLogger(__name__)

VERSIONED_PACKAGES = ("quxiang", "duckdb", "pandas", "pyarrow", "prefect", "great-expectations")

STAGES = (
    ("ingest", ingest),
    ("normalise", normalise),
    ("validate", validate),
    ("match", match_units),
    ("dispatch", build_dispatch),
    ("statistics", compute_statistics),
    ("report", write_outputs),
)

# The table whose row count the run's log reports for each stage.
STAGE_OUTPUT_TABLES = {
    "ingest": "raw_registrations",
    "normalise": "stg_registrations",
    "validate": "findings",
    "match": "unit_matches",
    "dispatch": "dispatch_list",
    "statistics": "graduate_outcomes",
    "report": "findings",
}


def run_stages(ctx: RunContext, stages, on_stage=None, on_start=None) -> dict:
    """Call each stage task in order, folding its result into the run summary.

    `on_start(name)` hears each stage begin and `on_stage(name, seconds, result)` each finish.
    """
    ctx.summary.update(_summary_header(ctx))
    timings = {}
    for name, stage in stages:
        if on_start:
            on_start(name)
        started = time.perf_counter()
        result = stage(ctx)
        timings[name] = round(time.perf_counter() - started, 3)
        ctx.summary.update(result or {})
        rows = _output_rows(ctx, name)
        logger.info(
            "Stage %s finished in %.2f s with %s rows in %s.",
            name,
            timings[name],
            rows,
            STAGE_OUTPUT_TABLES.get(name),
            extra={"stage": name, "seconds": timings[name], "rows": rows, "status": "finished"},
        )
        if on_stage:
            on_stage(name, timings[name], result)
    ctx.summary["stage_seconds"] = timings
    ctx.summary.update(_row_accounting(ctx))
    return ctx.summary


def _output_rows(ctx: RunContext, stage: str) -> int | None:
    table = STAGE_OUTPUT_TABLES.get(stage)
    exists = ctx.con.execute(
        "select count(*) from duckdb_tables() where table_name = ?", [table]
    ).fetchall()[0][0]
    return row_count(ctx.con, table) if exists else None


def _summary_header(ctx: RunContext) -> dict:
    return {
        "run_date": ctx.run_date.isoformat(),
        "formula_version": ctx.formula_version,
        "versions": {name: importlib.metadata.version(name) for name in VERSIONED_PACKAGES},
    }


def _row_accounting(ctx: RunContext) -> dict:
    loaded = row_count(ctx.con, "stg_registrations")
    per_file = dict(
        ctx.con.execute(
            "select source_file, count(*) from quarantine group by all order by 1"
        ).fetchall()
    )
    quarantined = sum(per_file.values())
    for entry in ctx.summary.get("files", []):
        if entry["kind"] == "exports":
            entry["rows_quarantined"] = per_file.get(Path(entry["file"]).name, 0)
            entry["rows_loaded"] = entry["rows_in"] - entry["rows_quarantined"]
    return {"rows_in": loaded + quarantined, "rows_loaded": loaded, "rows_quarantined": quarantined}
