"""The Prefect flows: `nightly` (one task per stage) and `nightly-scheduled`, its deployment.

A deployment's parameters must be plain values Prefect can store, so the scheduled entry
point takes paths and a date string and builds the run itself; `nightly` takes the live
RunContext and is called by it (and by `quxiang run`).
"""

import datetime as dt
import logging
from pathlib import Path

from pipelines.prefect_env import configure_prefect

configure_prefect()

from prefect import flow, task  # noqa: E402  (Prefect reads its settings at import)
from prefect.cache_policies import NO_CACHE  # noqa: E402

from pipelines.config import load_settings  # noqa: E402
from pipelines.context import RunContext, RunInputs  # noqa: E402
from pipelines.ops.settle import InputStillChangingError, wait_until_settled  # noqa: E402
from pipelines.stages import STAGES, run_stages  # noqa: E402

logger = logging.getLogger(__name__)

# Stages share one DuckDB connection, which cannot be hashed or persisted: no result caching.
# No retries either: a stage that fails on the same data fails again, and a retry would only
# hide the error until morning.
TASKS = tuple(
    (name, task(name=name, cache_policy=NO_CACHE, persist_result=False)(function))
    for name, function in STAGES
)


def _still_being_written(task, task_run, state) -> bool:
    """Retry only while an input is still growing; any other error fails at once."""
    try:
        state.result()
    except InputStillChangingError:
        return True
    except Exception:
        # every other error is final; the flow reports it
        return False
    return False


# The platform's export may still be copying onto the share at 02:00: wait for it, up to
# half an hour, before reading a half-written file.
settle_inputs = task(
    name="settle-inputs",
    retries=6,
    retry_delay_seconds=300,
    retry_condition_fn=_still_being_written,
    cache_policy=NO_CACHE,
)(wait_until_settled)


@flow(name="nightly", validate_parameters=False, persist_result=False)
def nightly(ctx: RunContext, on_stage=None, on_start=None) -> dict:
    """Run every stage as a Prefect task; `on_stage(name, seconds, result)` hears each finish."""
    return run_stages(ctx, TASKS, on_stage, on_start)


@flow(name="nightly-scheduled", persist_result=False)
def nightly_scheduled(
    exports: list[str],
    evidence: str = "",
    roster: str = "",
    out_root: str = "out",
    db: str = "data/quxiang.duckdb",
    run_date: str = "",
    config: str = "",
    partition_by: str = "",
    workers: int = 2,
    scheduler_address: str = "",
) -> dict:
    """The deployment's entry point: plain parameters in, the published run's summary out.

    An empty `run_date` means the day the run starts; empty `evidence`/`roster` mean none.
    A `partition_by` column runs the night partitioned on Dask (`quxiang serve --partitioned`).
    """
    from pipelines.run import RunOptions, check_inputs, execute

    settings = load_settings(Path(config) if config else None)
    date = dt.date.fromisoformat(run_date) if run_date else dt.date.today()
    inputs = RunInputs(
        tuple(Path(p) for p in exports),
        Path(evidence) if evidence else None,
        Path(roster) if roster else None,
    )
    settle_inputs([str(p) for p in (*inputs.exports, inputs.evidence, inputs.roster) if p])
    check_inputs(inputs)
    options = RunOptions(
        inputs=inputs,
        out_dir=Path(out_root) / date.isoformat(),
        db_path=Path(db),
        run_date=date,
        formula_version=settings.run.formula_version,
        school_province=settings.run.school_province,
        thresholds=settings.thresholds,
    )
    if partition_by:
        return _run_partitioned(options, partition_by, workers, scheduler_address)
    summary = execute(options, use_prefect=True)
    logger.info("Scheduled run published %s.", options.out_dir)
    return {key: summary[key] for key in ("rows_in", "rows_loaded", "rows_quarantined")}


def _run_partitioned(options, partition_by: str, workers: int, address: str) -> dict:
    """The night by partition; a failed partition fails the flow run after the night is out."""
    from pipelines.ops.night import PartitionedNight, run_partitioned_night
    from pipelines.ops.split import partition_key

    night = PartitionedNight(options, partition_key(partition_by), workers, address)
    total = run_partitioned_night(night)["totals"]
    logger.info("Scheduled partitioned run published %s.", options.out_dir)
    if total["count_failed"]:
        raise RuntimeError(
            f"{total['count_failed']} of {total['count_partitions']} partitions failed; "
            f"see run_summary.json in {options.out_dir}"
        )
    return {key: total[key] for key in ("rows_in", "rows_loaded", "rows_quarantined")}
