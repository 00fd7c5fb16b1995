"""The Dask task runner of partitioned nights, and the partitioned benchmark.

A national cohort does not fit one night on one machine as one run, but its partitions are
independent (see `pipelines/ops/night.py`). The Prefect flow `nightly-partitioned` submits
them to a Dask cluster through prefect-dask: with no scheduler address a local one (one
process per worker); with `[partitions] scheduler_address` set, a multi-machine cluster whose
workers see the same file paths."""

import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.context import RunInputs
from pipelines.ops.bench import (
    BENCH_DATE,
    BenchResult,
    common_figures,
    export_for,
    save,
    scan_seconds,
)
from pipelines.ops.measure import measured
from pipelines.ops.night import PartitionedNight, run_partitioned_night
from pipelines.ops.night_summary import FAILED
from pipelines.ops.split import partition_key
from pipelines.run import RunOptions

logger = logging.getLogger(__name__)


def task_runner(workers: int, scheduler_address: str = ""):
    """A Dask task runner: the configured cluster, or a local one of `workers` processes."""
    from prefect_dask import DaskTaskRunner

    if scheduler_address:
        return DaskTaskRunner(address=scheduler_address)
    # One thread per worker: DuckDB already uses every core of a partition's process. The
    # cluster's own lines (workers joining, leaving, being stopped at the end) would drown the
    # run's output; the scheduler logs in this process, the workers in theirs.
    logging.getLogger("distributed").setLevel(logging.ERROR)
    return DaskTaskRunner(
        cluster_kwargs={
            "n_workers": workers,
            "threads_per_worker": 1,
            "processes": True,
            "silence_logs": logging.WARNING,
            # Dask's status page would listen on every interface at port 8787; nothing here
            # leaves the loopback address, and a free port avoids a second cluster's clash
            "dashboard_address": "127.0.0.1:0",
        }
    )


@dataclass
class PartitionedResult(BenchResult):
    workers: int = 0
    column: str = ""
    split_seconds: float = 0.0
    partitions: list = field(default_factory=list)

    def lines(self) -> list[str]:
        lines = [
            f"rows {self.rows}  export {self.export_mb:.1f} MB  "
            f"(generated in {self.generate_seconds:.1f} s)",
            f"partitions by {self.column}: {len(self.partitions)}, Dask workers {self.workers}, "
            f"split {self.split_seconds:.1f} s",
            f"{'partition':<16}{'rows':>10}{'seconds':>10}{'CPU s':>10}"
            f"{'peak MB':>10}{'disk MB':>10}",
        ]
        lines += [
            f"{p['partition']:<16}{p['rows_in']:>10}{p['seconds']:>10.1f}"
            f"{p['cpu_seconds']:>10.1f}{p['peak_mb']:>10}{p['disk_mb']:>10}"
            for p in self.partitions
        ]
        lines += [
            f"{'pipeline':<16}{self.pipeline_seconds:>30.2f}"
            f"  (CPU {self.pipeline_cpu_seconds:.1f} s incl. workers)",
            f"{'scan':<16}{self.scan_seconds:>30.2f}",
            f"peak memory {self.peak_mb:.0f} MB (this process and its Dask workers)",
            f"ratio {self.ratio:.1f} (pipeline {self.pipeline_seconds:.1f}s / "
            f"scan {self.scan_seconds:.2f}s)",
        ]
        return lines


def run_partitioned_bench(
    rows: int, folder: Path, column: str, workers: int, address: str = ""
) -> PartitionedResult:
    """Generate (or reuse), scan, then run the partitioned night on Dask; write bench.json.

    The night is the production one (`quxiang run --partition-by`), with fresh warehouses.
    """
    export, generated = export_for(folder, rows)
    scanned = scan_seconds(export)
    root = folder / f"partitioned_{rows}"
    shutil.rmtree(root / "data", ignore_errors=True)
    options = RunOptions(
        inputs=RunInputs((export,)),
        out_dir=root / "out" / BENCH_DATE.isoformat(),
        db_path=root / "data" / "quxiang.duckdb",
        run_date=BENCH_DATE,
    )
    night = PartitionedNight(options, partition_key(column), workers, address)
    with measured() as pipeline:
        summary = run_partitioned_night(night)
    failed = [p["partition"] for p in summary["partitions"] if p["status"] == FAILED]
    if failed:
        raise RuntimeError(f"partitions failed: {', '.join(failed)}; logs in {options.out_dir}")
    result = PartitionedResult(
        **common_figures(rows, export, generated, scanned, pipeline),
        workers=workers,
        column=column,
        split_seconds=summary["split_seconds"],
        partitions=summary["partitions"],
    )
    save(result, root / "bench.json")
    return result
