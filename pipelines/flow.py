"""The Prefect flow `nightly`: one task per stage, run in order on one warehouse connection."""

from pipelines.prefect_env import configure_prefect

configure_prefect()

from prefect import flow, task  # noqa: E402  (Prefect reads its settings at import)
from prefect.cache_policies import NO_CACHE  # noqa: E402

from pipelines.context import RunContext  # noqa: E402
from pipelines.dispatch.stage import build_dispatch  # noqa: E402
from pipelines.ingest.stage import ingest  # noqa: E402
from pipelines.match.stage import match_units  # noqa: E402
from pipelines.normalise.stage import normalise  # noqa: E402
from pipelines.report_stage import write_outputs  # noqa: E402
from pipelines.statistics.stage import compute_statistics  # noqa: E402
from pipelines.validate.stage import validate  # noqa: E402

# Stages share one DuckDB connection, which cannot be hashed or persisted: no result caching.
STAGE = {"cache_policy": NO_CACHE, "persist_result": False}

ingest_task = task(name="ingest", **STAGE)(ingest)
normalise_task = task(name="normalise", **STAGE)(normalise)
validate_task = task(name="validate", **STAGE)(validate)
match_task = task(name="match", **STAGE)(match_units)
dispatch_task = task(name="dispatch", **STAGE)(build_dispatch)
statistics_task = task(name="statistics", **STAGE)(compute_statistics)
report_task = task(name="report", **STAGE)(write_outputs)

STAGES = (
    ("ingest", ingest_task), ("normalise", normalise_task), ("validate", validate_task),
    ("match", match_task), ("dispatch", dispatch_task), ("statistics", statistics_task),
    ("report", report_task),
)


@flow(name="nightly", validate_parameters=False, persist_result=False)
def nightly(ctx: RunContext, on_stage=None) -> dict:
    """Run every stage; `on_stage(name, seconds, result)` is told as each one finishes."""
    from pipelines.run import run_stages

    return run_stages(ctx, STAGES, on_stage)
