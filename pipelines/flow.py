"""The Prefect flow `nightly`: one task per stage, run in order on one warehouse connection."""

from pipelines.prefect_env import configure_prefect

configure_prefect()

from prefect import flow, task  # noqa: E402  (Prefect reads its settings at import)
from prefect.cache_policies import NO_CACHE  # noqa: E402

from pipelines.context import RunContext  # noqa: E402
from pipelines.stages import STAGES, run_stages  # noqa: E402

# Stages share one DuckDB connection, which cannot be hashed or persisted: no result caching.
TASKS = tuple(
    (name, task(name=name, cache_policy=NO_CACHE, persist_result=False)(function))
    for name, function in STAGES
)


@flow(name="nightly", validate_parameters=False, persist_result=False)
def nightly(ctx: RunContext, on_stage=None) -> dict:
    """Run every stage as a Prefect task; `on_stage(name, seconds, result)` hears each finish."""
    return run_stages(ctx, TASKS, on_stage)
