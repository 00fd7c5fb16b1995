"""The Prefect flow `nightly-partitioned`: every partition's run as a task on the task runner.

The task runner (a Dask cluster, local or remote) is chosen by the caller with
`nightly_partitioned.with_options(task_runner=...)`. A partition that fails is reported in
the returned figures, with its error, and the other partitions run on.
"""

from pipelines.prefect_env import configure_prefect

configure_prefect()

from prefect import flow, task  # noqa: E402  (Prefect reads its settings at import)
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.futures import wait  # noqa: E402

from pipelines.errors import QuxiangInputError  # noqa: E402
from pipelines.logging_setup import configure_console  # noqa: E402
from pipelines.ops.night import run_partition_night  # noqa: E402
from pipelines.ops.night_summary import error_text, failed_figures  # noqa: E402
from pipelines.run import RunOptions  # noqa: E402


class PartitionInputError(RuntimeError):
    """A partition's input error on its way back from a worker, as its Chinese sentence.

    The input errors take three arguments and so cannot be rebuilt from a pickle; this one
    carries only the sentence.
    """


def run_partition_in_worker(name: str, options: RunOptions) -> dict:
    """A partition's run in a Dask worker, its library log only in the partition's run.log.

    The worker's Prefect logging echoes to the terminal of whoever started the cluster; the
    clerk reads the per-partition lines instead.
    """
    configure_console(verbose=False)
    try:
        return run_partition_night(name, options)
    except QuxiangInputError as exc:
        raise PartitionInputError(exc.sentence()) from None


# A partition that fails fails on the same data again: no retries, and nothing cached.
run_partition_task = task(name="run-partition", cache_policy=NO_CACHE, persist_result=False)(
    run_partition_in_worker
)


@flow(name="nightly-partitioned", validate_parameters=False, persist_result=False)
def nightly_partitioned(plans: dict[str, RunOptions]) -> list[dict]:
    """Submit one task per partition and wait for all; returns their figures by name order."""
    futures = {
        name: run_partition_task.submit(name, options) for name, options in sorted(plans.items())
    }
    wait(list(futures.values()))
    return [_figures(name, future) for name, future in futures.items()]


def _figures(name: str, future) -> dict:
    outcome = future.result(raise_on_failure=False)
    if future.state.is_completed():
        return outcome
    if isinstance(outcome, PartitionInputError):
        return failed_figures(name, str(outcome), "")
    return failed_figures(name, error_text(outcome), "")
