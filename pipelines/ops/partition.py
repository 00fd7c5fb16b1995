"""Partitioned runs: one warehouse and output folder per province or college, run on Dask.

A national cohort does not fit one night on one machine as one run, but its partitions are
independent: units, dispatch and statistics are per school or province. Each partition is a
whole nightly run (`execute`) in its own folder; the Prefect flow `nightly-partitioned`
submits them to a Dask cluster through prefect-dask. With no scheduler address the cluster is
local (one process per worker); with `[partitions] scheduler_address` set, the same flow
sends the partitions to a multi-machine cluster whose workers see the same file paths.
"""

import logging
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import duckdb

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
from pipelines.ops.night import run_plans
from pipelines.ops.night_summary import FAILED
from pipelines.run import RunOptions

logger = logging.getLogger(__name__)


def split_export(export: Path, column: str, folder: Path) -> dict[str, Path]:
    """Write one CSV per value of `column` under `folder`; returns them by value.

    Every column is read as text and the partition column is kept in each file, so each
    partition is an export in its own right (its source rows count within the partition).
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    relation = con.read_csv(str(export), all_varchar=True, header=True)
    relation.write_csv(
        str(folder), partition_by=[column], write_partition_columns=True, overwrite=True
    )
    con.close()
    # DuckDB names each folder `<column>=<value>`, percent-encoded
    prefix = f"{column}="
    named = {unquote(directory.name): directory for directory in folder.iterdir()}
    parts = {
        name.removeprefix(prefix): sorted(directory.glob("*.csv"))[0]
        for name, directory in sorted(named.items())
        if directory.is_dir() and name.startswith(prefix)
    }
    logger.info("Split %s into %d partitions by %s.", export.name, len(parts), column)
    return parts


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
            f"{'partition':<16}{'rows':>10}{'seconds':>10}{'peak MB':>10}{'disk MB':>10}",
        ]
        lines += [
            f"{p['partition']:<16}{p['rows_in']:>10}{p['seconds']:>10.1f}"
            f"{p['peak_mb']:>10}{p['disk_mb']:>10}"
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
    """Generate, scan, split by `column`, run the partitions on Dask; write bench.json."""
    export, generated = export_for(folder, rows)
    scanned = scan_seconds(export)
    root = folder / f"partitioned_{rows}"
    runs = root / "runs"
    with measured() as pipeline:
        with measured() as split:
            parts = split_export(export, column, root / "inputs")
        plans = {name: _bench_options(path, runs / name) for name, path in parts.items()}
        figures = run_plans(plans, workers, address)
    failed = [p["partition"] for p in figures if p["status"] == FAILED]
    if failed:
        raise RuntimeError(f"partitions failed: {', '.join(failed)}; logs under {runs}")
    result = PartitionedResult(
        **common_figures(rows, export, generated, scanned, pipeline),
        workers=workers,
        column=column,
        split_seconds=split.seconds,
        partitions=figures,
    )
    save(result, root / "bench.json")
    return result


def _bench_options(export: Path, folder: Path) -> RunOptions:
    """A partition of the benchmark: a fresh warehouse every time, the benchmark's date."""
    options = RunOptions(
        inputs=RunInputs((export,)),
        out_dir=folder / "out",
        db_path=folder / "warehouse.duckdb",
        run_date=BENCH_DATE,
    )
    options.db_path.unlink(missing_ok=True)
    return options
