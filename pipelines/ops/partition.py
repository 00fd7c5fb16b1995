"""Partitioned runs: one warehouse and output folder per province or college, run on Dask.

A national cohort does not fit one night on one machine as one run, but its partitions are
independent: units, dispatch and statistics are per school or province. Each partition is a
whole nightly run (`execute`) in its own folder; the Prefect flow `nightly-partitioned`
submits them to a Dask cluster through prefect-dask. With no scheduler address the cluster is
local (one process per worker); with `[partitions] scheduler_address` set, the same flow
sends the partitions to a multi-machine cluster whose workers see the same file paths.
"""

import datetime as dt
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


def run_partition(name: str, exports: list[str], root: str, run_date: str) -> dict:
    """One partition's whole nightly run in `root/<name>/`; returns its figures."""
    from pipelines.run import RunOptions, execute

    folder = Path(root) / name
    options = RunOptions(
        inputs=RunInputs(tuple(Path(p) for p in exports)),
        out_dir=folder / "out",
        db_path=folder / "warehouse.duckdb",
        run_date=dt.date.fromisoformat(run_date),
    )
    options.db_path.unlink(missing_ok=True)
    with measured() as run:
        summary = execute(options, use_prefect=False)
    return {
        "partition": name,
        "rows_in": summary["rows_in"],
        "seconds": round(run.seconds, 2),
        "peak_mb": round(run.peak_mb),
        "cpu_seconds": round(run.cpu_seconds, 1),
        "stage_seconds": summary["stage_seconds"],
        "disk_mb": round(sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20),
    }


def task_runner(workers: int, scheduler_address: str = ""):
    """A Dask task runner: the configured cluster, or a local one of `workers` processes."""
    from prefect_dask import DaskTaskRunner

    if scheduler_address:
        return DaskTaskRunner(address=scheduler_address)
    # One thread per worker: DuckDB already uses every core of a partition's process. The
    # cluster's own INFO lines (workers joining and leaving) would drown the run's output;
    # the scheduler logs in this process, the workers in theirs.
    logging.getLogger("distributed").setLevel(logging.WARNING)
    return DaskTaskRunner(
        cluster_kwargs={
            "n_workers": workers,
            "threads_per_worker": 1,
            "processes": True,
            "silence_logs": logging.WARNING,
        }
    )


def run_partitions(
    partitions: dict[str, list[str]], root: Path, run_date: str, workers: int, address: str = ""
) -> list[dict]:
    """Run every partition through the Prefect flow on Dask; returns their figures."""
    from pipelines.ops.partition_flow import nightly_partitioned

    flow = nightly_partitioned.with_options(task_runner=task_runner(workers, address))
    return flow(partitions, str(root), run_date)


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
    with measured() as pipeline:
        with measured() as split:
            parts = split_export(export, column, root / "inputs")
        figures = run_partitions(
            {name: [str(path)] for name, path in parts.items()},
            root / "runs",
            BENCH_DATE.isoformat(),
            workers,
            address,
        )
    result = PartitionedResult(
        **common_figures(rows, export, generated, scanned, pipeline),
        workers=workers,
        column=column,
        split_seconds=split.seconds,
        partitions=figures,
    )
    save(result, root / "bench.json")
    return result
