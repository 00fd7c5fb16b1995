"""What every stage of one run needs to know."""

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import duckdb


@dataclass(frozen=True)
class RunInputs:
    exports: tuple[Path, ...]
    evidence: Path | None = None
    roster: Path | None = None
    encoding: str | None = None
    authorities: Path | None = None
    # the one workbook sheet to read from each export; None reads every sheet with 学号
    sheet: str | None = None


@dataclass
class RunContext:
    """One run: its inputs, its warehouse connection, and the folder being written.

    `work_dir` is a temporary folder beside the final output folder; it is renamed into place
    only when every stage has finished.
    """

    inputs: RunInputs
    con: duckdb.DuckDBPyConnection
    work_dir: Path
    run_date: dt.date
    formula_version: str = "2024"
    school_province: str = "31"
    summary: dict = field(default_factory=dict)
