"""One nightly run: warehouse, temporary folder, stages in order, summary, publish."""

import datetime as dt
import importlib.metadata
import logging
import time
from dataclasses import dataclass
from pathlib import Path

from pipelines.context import RunContext, RunInputs
from pipelines.outputs.publish import discard, keep_failed_log, publish, work_dir_for
from pipelines.reference.load import load_reference_tables
from pipelines.report_stage import write_summary
from pipelines.warehouse import connect, row_count

logger = logging.getLogger(__name__)

VERSIONED_PACKAGES = ("quxiang", "duckdb", "pandas", "pyarrow", "prefect", "great-expectations")


@dataclass(frozen=True)
class RunOptions:
    inputs: RunInputs
    out_dir: Path
    db_path: Path
    run_date: dt.date
    formula_version: str = "2024"
    school_province: str = "31"


def execute(options: RunOptions, on_stage=None, log_handler_factory=None) -> dict:
    """Run the nightly flow and publish its folder; on any error nothing is published."""
    from pipelines.flow import nightly

    work_dir = work_dir_for(options.out_dir)
    handler = log_handler_factory(work_dir / "run.log") if log_handler_factory else None
    con = connect(options.db_path)
    ctx = RunContext(
        inputs=options.inputs, con=con, work_dir=work_dir, run_date=options.run_date,
        formula_version=options.formula_version, school_province=options.school_province,
    )
    try:
        _prepare_warehouse(ctx)
        summary = nightly(ctx, on_stage)
        write_summary(ctx)
    except BaseException:
        logger.exception("The run failed; nothing was published.")
        con.close()
        if handler:
            handler.close()
        keep_failed_log(work_dir, options.out_dir)
        discard(work_dir)
        raise
    con.close()
    if handler:
        handler.close()
    publish(work_dir, options.out_dir)
    return summary


def run_stages(ctx: RunContext, stages, on_stage=None) -> dict:
    """Call each stage task in order, folding its result into the run summary."""
    ctx.summary.update(_summary_header(ctx))
    timings = {}
    for name, stage in stages:
        started = time.perf_counter()
        result = stage(ctx)
        timings[name] = round(time.perf_counter() - started, 3)
        ctx.summary.update(result or {})
        logger.info("Stage %s finished in %.2f s.", name, timings[name])
        if on_stage:
            on_stage(name, timings[name], result)
    ctx.summary["stage_seconds"] = timings
    ctx.summary.update(_row_accounting(ctx))
    return ctx.summary


def _prepare_warehouse(ctx: RunContext) -> None:
    counts = load_reference_tables(ctx.con)
    ctx.con.execute(
        "create or replace table run_settings as "
        "select ?::date as run_date, ? as formula_version, ? as school_province",
        [ctx.run_date, ctx.formula_version, ctx.school_province],
    )
    logger.info("Loaded %d reference tables.", len(counts))


def _summary_header(ctx: RunContext) -> dict:
    return {
        "run_date": ctx.run_date.isoformat(),
        "formula_version": ctx.formula_version,
        "versions": {name: importlib.metadata.version(name) for name in VERSIONED_PACKAGES},
    }


def _row_accounting(ctx: RunContext) -> dict:
    loaded = row_count(ctx.con, "stg_registrations")
    per_file = dict(ctx.con.execute(
        "select source_file, count(*) from quarantine group by all order by 1"
    ).fetchall())
    quarantined = sum(per_file.values())
    for entry in ctx.summary.get("files", []):
        if entry["kind"] == "exports":
            entry["rows_quarantined"] = per_file.get(Path(entry["file"]).name, 0)
            entry["rows_loaded"] = entry["rows_in"] - entry["rows_quarantined"]
    return {"rows_in": loaded + quarantined, "rows_loaded": loaded,
            "rows_quarantined": quarantined}
