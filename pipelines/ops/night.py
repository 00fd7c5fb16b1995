"""The partitioned nightly run: split the night's inputs, run every partition, publish once.

Each partition is a whole nightly run (`execute`) with its own warehouse,
`<folder of the warehouse>/<warehouse name>.partitions/<partition>.duckdb`, kept from night
to night so that its history and unit master work as in a single run. The partitions' output
folders are written inside the night's temporary folder, with the night's combined
quarantine.csv and findings.csv beside them, and the whole night is renamed into place at the
end: the office never sees half a night. A partition that fails does not stop the others;
its log is published beside the others' folders, and its previous output (same date, an
earlier run) is carried over unchanged.
"""

import json
import logging
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from pipelines.logging_setup import detach, file_handler
from pipelines.ops.measure import measured
from pipelines.ops.night_lists import write_combined_lists
from pipelines.ops.night_summary import (
    FAILED,
    OK,
    SUMMED_BY_LABEL,
    error_text,
    failed_figures,
    partition_figures,
    totals,
)
from pipelines.ops.split import PartitionKey, split_inputs
from pipelines.outputs.publish import discard, publish, work_dir_for
from pipelines.run import RunOptions, execute

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PartitionedNight:
    """A night's run options (its out_dir is the night's folder) and how to partition it.

    `workers = 0` runs the partitions one after another in this process, without Prefect
    or Dask; otherwise they go to a Dask cluster (local, or `scheduler_address`).
    """

    options: RunOptions
    by: PartitionKey
    workers: int = 2
    scheduler_address: str = ""


def partitions_folder(db_path: Path) -> Path:
    """The partitions' warehouses and split inputs, named after the night's own warehouse.

    Two warehouses in one folder (a test night and the real one) keep apart histories.

    >>> partitions_folder(Path("data/quxiang.duckdb")).as_posix()
    'data/quxiang.partitions'
    """
    return db_path.parent / f"{db_path.stem}.partitions"


def run_partitioned_night(night: PartitionedNight) -> dict:
    """Split, run every partition, write the combined run_summary.json, publish the night.

    Returns the combined summary; its `totals.count_failed` says whether all succeeded.
    """
    options = night.options
    folder = partitions_folder(options.db_path)
    work_dir = work_dir_for(options.out_dir)
    handler = file_handler(work_dir / "run.log")
    try:
        with measured() as whole:
            with measured() as splitting:
                split = _split_fresh(night, folder / "inputs")
            plans = {
                name: replace(
                    options,
                    inputs=inputs,
                    out_dir=work_dir / name,
                    db_path=folder / f"{name}.duckdb",
                )
                for name, inputs in split.partitions.items()
            }
            results = run_plans(plans, night.workers, night.scheduler_address)
        for figures in results:
            figures["rows_split"] = split.rows.get(figures["partition"], 0)
            if figures["status"] == FAILED:
                figures["log"] = str(options.out_dir / f"{figures['partition']}.failed.log")
                _carry_over(options.out_dir / figures["partition"], work_dir)
        night_totals = totals(results)
        combined = write_combined_lists(
            work_dir, [figures["partition"] for figures in results if figures["status"] == OK]
        )
        summary = {
            "run_date": options.run_date.isoformat(),
            "partition_by": night.by.label,
            "workers": night.workers,
            "scheduler_address": night.scheduler_address,
            "split_seconds": round(splitting.seconds, 2),
            "seconds": round(whole.seconds, 2),
            "footer_rows": split.footer_rows,
            "evidence_unmatched": split.evidence_unmatched,
            "rows_rerouted": split.rows_rerouted,
            "combined_rows": combined,
            # the night's changes over the partitions, under a single run's own names
            "previous_run_date": night_totals["previous_run_date"],
            **{key: night_totals[key] for key in SUMMED_BY_LABEL},
            "roster_rows": dict(sorted(split.roster_rows.items())),
            "partitions": results,
            "totals": night_totals,
        }
        _write_summary(work_dir / "run_summary.json", summary)
    except BaseException:
        logger.exception("The partitioned night failed before publishing; nothing was published.")
        detach(handler)
        discard(work_dir)
        raise
    detach(handler)
    publish(work_dir, options.out_dir)
    logger.info(
        "Published %d partitions (%d failed) in %s.",
        len(results),
        summary["totals"]["count_failed"],
        options.out_dir,
    )
    return summary


def run_plans(plans: dict[str, RunOptions], workers: int, address: str = "") -> list[dict]:
    """Every partition's figures by name order: on Dask through Prefect, or one by one."""
    if workers == 0 and not address:
        return [_run_here(name, plans[name]) for name in sorted(plans)]
    from pipelines.ops.partition import task_runner
    from pipelines.ops.partition_flow import nightly_partitioned

    flow = nightly_partitioned.with_options(task_runner=task_runner(workers, address))
    return flow(plans)


def run_partition_night(name: str, options: RunOptions) -> dict:
    """One partition's whole nightly run, with its own run.log; its figures."""
    with measured() as run:
        summary = execute(options, use_prefect=False, log_handler_factory=file_handler)
    disk = sum(f.stat().st_size for f in options.out_dir.rglob("*") if f.is_file())
    disk += options.db_path.stat().st_size if options.db_path.exists() else 0
    return partition_figures(
        name,
        summary,
        {
            "seconds": round(run.seconds, 2),
            "peak_mb": round(run.peak_mb),
            "cpu_seconds": round(run.cpu_seconds, 1),
            "disk_mb": round(disk / 2**20),
        },
    )


def _run_here(name: str, options: RunOptions) -> dict:
    try:
        return run_partition_night(name, options)
    except Exception as exc:
        # the partition's own log has the traceback; the others go on
        logger.error("Partition %s failed: %s", name, exc.__class__.__name__)
        return failed_figures(name, error_text(exc), "")


def _split_fresh(night: PartitionedNight, folder: Path):
    """Tonight's split replaces the last one; each warehouse keeps the bytes it read."""
    shutil.rmtree(folder, ignore_errors=True)
    return split_inputs(night.options.inputs, night.by, folder)


def _carry_over(previous: Path, work_dir: Path) -> None:
    """A failed partition keeps what an earlier run of the same night published."""
    if previous.is_dir():
        shutil.copytree(previous, work_dir / previous.name)
        logger.warning("Kept the earlier output of failed partition folder %s.", previous.name)


def _write_summary(path: Path, summary: dict) -> None:
    path.write_text(
        json.dumps(summary, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n",
        encoding="utf-8",
    )
