"""Running a night again gives the same files; a run killed midway changes nothing visible."""

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import PIPELINE, RUN_DATE, run_pipeline

# files whose bytes may differ between two runs of one night: the log has clock times and the
# data-quality page states how long Great Expectations took
TIMED_FILES = {"run.log", "data_docs/index.html"}

KILLED_RUN = """
import os, signal, sys
from pathlib import Path
from pipelines.context import RunInputs
from pipelines.run import RunOptions, execute
from tests.conftest import PIPELINE, RUN_DATE

def die_after_validate(name, seconds, result):
    if name == "validate":
        os.kill(os.getpid(), signal.SIGKILL)

tmp = Path(sys.argv[1])
options = RunOptions(
    inputs=RunInputs((PIPELINE / "export.csv",), None, PIPELINE / "roster.csv"),
    out_dir=tmp / "out",
    db_path=tmp / "warehouse.duckdb",
    run_date=RUN_DATE,
)
execute(options, on_stage=die_after_validate, use_prefect=False)
"""


def output_files(folder: Path) -> dict[str, bytes]:
    """Every output file's bytes by relative path; run_summary.json without its timings."""
    files = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if not path.is_file() or name in TIMED_FILES:
            continue
        files[name] = path.read_bytes()
    summary = json.loads(files.pop("run_summary.json"))
    files["run_summary.json"] = json.dumps(_without_timings(summary), sort_keys=True).encode()
    return files


def _without_timings(value):
    if isinstance(value, dict):
        return {k: _without_timings(v) for k, v in value.items() if "seconds" not in k}
    if isinstance(value, list):
        return [_without_timings(v) for v in value]
    return value


def night(tmp: Path) -> Path:
    return run_pipeline(tmp, [PIPELINE / "export.csv"], PIPELINE / "roster.csv")


def test_running_the_same_night_twice_writes_the_same_bytes(tmp_path):
    first = output_files(night(tmp_path))
    second = output_files(night(tmp_path))

    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert any(name.endswith(".xlsx") for name in first)


def test_a_run_killed_midway_leaves_the_outputs_and_the_rerun_matches(tmp_path):
    uninterrupted = output_files(night(tmp_path))

    killed = subprocess.run(
        [sys.executable, "-c", KILLED_RUN, str(tmp_path)],
        cwd=Path(__file__).parents[1],
        capture_output=True,
        check=False,
    )
    assert killed.returncode == -9
    assert output_files(tmp_path / "out") == uninterrupted
    assert [p.name for p in tmp_path.glob(".out.partial-*")] != []

    rerun = output_files(night(tmp_path))
    assert rerun == uninterrupted
    assert list(tmp_path.glob(".out.*")) == []
    assert RUN_DATE.isoformat() in rerun["run_summary.json"].decode()
