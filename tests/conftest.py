import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipelines.context import RunInputs
from pipelines.run import RunOptions, execute

DATA = Path(__file__).parent / "data"
PIPELINE = DATA / "pipeline"
QUIRKS = DATA / "quirks"
RUN_DATE = dt.date(2025, 8, 31)


def run_pipeline(tmp: Path, exports, roster=None, formula="2024", out_name="out") -> Path:
    """Run every stage without Prefect; returns the published output folder."""
    options = RunOptions(
        inputs=RunInputs(tuple(exports), None, roster),
        out_dir=tmp / out_name,
        db_path=tmp / "warehouse.duckdb",
        run_date=RUN_DATE,
        formula_version=formula,
    )
    execute(options, use_prefect=False)
    return options.out_dir


def read_findings(out: Path) -> pd.DataFrame:
    return pd.read_csv(out / "findings.csv", encoding="utf-8-sig", dtype=str)


@pytest.fixture(scope="module")
def small_run(tmp_path_factory) -> Path:
    """The hand-made eight-student export with its ten-graduate roster."""
    tmp = tmp_path_factory.mktemp("small")
    return run_pipeline(tmp, [PIPELINE / "export.csv"], PIPELINE / "roster.csv")


@pytest.fixture
def quirk(tmp_path) -> callable:
    """Copy a quirk sample into a temporary folder and return its path."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copy(QUIRKS / name, target)
        return target

    return copy
