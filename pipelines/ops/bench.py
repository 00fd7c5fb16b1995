"""`quxiang bench`: the whole nightly run on a synthetic export, against a bare DuckDB scan.

The ratio to the scan says how much the pipeline costs beyond reading its input at all, which
stays comparable across machines where seconds do not. Stages run without Prefect here (its
local server's start-up would swamp a 100 k-row run); the partitioned benchmark goes through
Prefect and Dask because that is what it measures.
"""

import datetime as dt
import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

from pipelines.context import RunInputs
from pipelines.logging_setup import file_handler
from pipelines.ops.bench_data import write_bench_export
from pipelines.ops.measure import measured
from pipelines.run import RunOptions, execute

logger = logging.getLogger(__name__)

BENCH_DATE = dt.date(2025, 8, 31)


@dataclass
class BenchResult:
    rows: int
    export_mb: float
    generate_seconds: float
    scan_seconds: float
    pipeline_seconds: float
    peak_mb: float
    pipeline_cpu_seconds: float = 0.0
    stage_seconds: dict = field(default_factory=dict)
    partitions: list = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.pipeline_seconds / self.scan_seconds

    def lines(self) -> list[str]:
        """The table the command prints; the last line is the ratio."""
        lines = [
            f"rows {self.rows}  export {self.export_mb:.1f} MB  "
            f"(generated in {self.generate_seconds:.1f} s)",
            f"{'stage':<12}{'seconds':>10}",
        ]
        lines += [f"{name:<12}{seconds:>10.2f}" for name, seconds in self.stage_seconds.items()]
        lines += [
            f"{'pipeline':<12}{self.pipeline_seconds:>10.2f}"
            f"  (CPU {self.pipeline_cpu_seconds:.1f} s)",
            f"{'scan':<12}{self.scan_seconds:>10.2f}",
            f"peak memory {self.peak_mb:.0f} MB",
            f"ratio {self.ratio:.1f} (pipeline {self.pipeline_seconds:.1f}s / "
            f"scan {self.scan_seconds:.2f}s)",
        ]
        return lines


def export_for(folder: Path, rows: int) -> tuple[Path, float]:
    """The synthetic export of `rows` rows in `folder`, reused when it is already there."""
    path = folder / f"bench_{rows}.csv"
    with measured() as generation:
        if not path.is_file():
            write_bench_export(path, rows)
    return path, generation.seconds


def scan_seconds(path: Path) -> float:
    """A bare DuckDB read of the whole file into a table, every column as text."""
    con = duckdb.connect()
    with measured() as scan:
        con.execute(
            "create table scanned as select * from read_csv(?, all_varchar = true, header = true)",
            [str(path)],
        )
    con.close()
    return scan.seconds


def run_bench(rows: int, folder: Path) -> BenchResult:
    """Generate (or reuse) the export, scan it, run every stage on it; write bench.json."""
    export, generated = export_for(folder, rows)
    scanned = scan_seconds(export)
    run_folder = folder / f"run_{rows}"
    options = RunOptions(
        inputs=RunInputs((export,)),
        out_dir=run_folder / "out",
        db_path=run_folder / "warehouse.duckdb",
        run_date=BENCH_DATE,
    )
    options.db_path.unlink(missing_ok=True)
    with measured() as pipeline:
        summary = execute(options, use_prefect=False, log_handler_factory=file_handler)
    result = BenchResult(
        **common_figures(rows, export, generated, scanned, pipeline),
        stage_seconds=summary["stage_seconds"],
    )
    save(result, run_folder / "bench.json")
    return result


def common_figures(rows: int, export: Path, generated: float, scanned: float, pipeline) -> dict:
    """The fields every benchmark reports, from the export and the pipeline's measurement."""
    return {
        "rows": rows,
        "export_mb": export.stat().st_size / 2**20,
        "generate_seconds": generated,
        "scan_seconds": scanned,
        "pipeline_seconds": pipeline.seconds,
        "peak_mb": pipeline.peak_mb,
        "pipeline_cpu_seconds": pipeline.cpu_seconds,
    }


def save(result: BenchResult, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(asdict(result), ensure_ascii=False, indent=2), encoding="utf-8")
    logger.info("Wrote the benchmark's figures to %s.", path)
