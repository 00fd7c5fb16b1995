"""The validate stage's time beside a bare DuckDB scan of the rows it validates.

Call `compare_with_scan(db_path, summary)` after a run (e.g. from `quxiang bench`, with the
run's warehouse and the summary `execute` returned); it re-reads the same tables the stage
reads, as plainly as DuckDB can, and returns the times side by side. From the shell:

    .venv/bin/python -m pipelines.validate.benchmark EXPORT.csv [EVIDENCE.csv]

runs every stage on the export (without Prefect) in a temporary folder and prints the lines.
"""

import datetime as dt
import logging
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

# the tables the validate stage reads rows from
SCANNED_TABLES = ("clean_registrations", "stg_registrations", "raw_evidence")

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ValidateBench:
    rows: int
    validate_seconds: float
    expectations_import_seconds: float
    expectations_seconds: float
    scan_seconds: float
    stage_seconds: dict

    @property
    def ratio(self) -> float:
        return self.validate_seconds / self.scan_seconds if self.scan_seconds else float("inf")

    def lines(self) -> list[str]:
        """What the benchmark prints, one measurement per line."""
        return [
            f"rows {self.rows}",
            f"{'validate':<28}{self.validate_seconds:>10.2f} s",
            f"{'  of which GE import':<28}{self.expectations_import_seconds:>10.2f} s",
            f"{'  of which GE validation':<28}{self.expectations_seconds:>10.2f} s",
            f"{'bare DuckDB scan':<28}{self.scan_seconds:>10.2f} s",
            f"ratio {self.ratio:.1f} (validate / scan)",
            "stages " + ", ".join(f"{name} {s:.2f} s" for name, s in self.stage_seconds.items()),
        ]


def compare_with_scan(db_path: Path, summary: dict) -> ValidateBench:
    """The stage's seconds from `summary` beside a fresh full read of its input tables."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        started = time.perf_counter()
        rows = 0
        for table in SCANNED_TABLES:
            rows_here = con.sql(f"select * from {table}").to_arrow_table().num_rows
            rows = rows_here if table == "stg_registrations" else rows
        scanned = time.perf_counter() - started
    finally:
        con.close()
    ge = summary.get("expectations_seconds", {})
    return ValidateBench(
        rows=rows,
        validate_seconds=summary["stage_seconds"]["validate"],
        expectations_import_seconds=ge.get("import", 0.0),
        expectations_seconds=ge.get("validate", 0.0),
        scan_seconds=scanned,
        stage_seconds=summary["stage_seconds"],
    )


def main(arguments: list[str]) -> int:
    from pipelines.context import RunInputs
    from pipelines.run import RunOptions, execute

    export = Path(arguments[0])
    evidence = Path(arguments[1]) if len(arguments) > 1 else None
    with tempfile.TemporaryDirectory() as folder:
        options = RunOptions(
            inputs=RunInputs((export,), evidence),
            out_dir=Path(folder) / "out",
            db_path=Path(folder) / "warehouse.duckdb",
            run_date=dt.date(2025, 8, 31),
        )
        summary = execute(options, use_prefect=False)
        result = compare_with_scan(options.db_path, summary)
    for line in result.lines():
        sys.stdout.write(line + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
