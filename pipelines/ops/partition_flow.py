"""The Prefect flow `nightly-partitioned`: every partition's run as a task on the task runner.

The task runner (a Dask cluster, local or remote) is chosen by the caller with
`nightly_partitioned.with_options(task_runner=...)`; parameters are plain values so that the
flow can also be deployed.
"""

from pipelines.prefect_env import configure_prefect

configure_prefect()

from prefect import flow, task  # noqa: E402  (Prefect reads its settings at import)
from prefect.cache_policies import NO_CACHE  # noqa: E402

from pipelines.ops.partition import run_partition  # noqa: E402

# A partition that fails fails on the same data again: no retries, and nothing cached.
run_partition_task = task(name="run-partition", cache_policy=NO_CACHE, persist_result=False)(
    run_partition
)


@flow(name="nightly-partitioned", persist_result=False)
def nightly_partitioned(partitions: dict[str, list[str]], root: str, run_date: str) -> list[dict]:
    """Submit one task per partition and wait for all; returns their figures by name order."""
    futures = [
        run_partition_task.submit(name, exports, root, run_date)
        for name, exports in sorted(partitions.items())
    ]
    return [future.result() for future in futures]
