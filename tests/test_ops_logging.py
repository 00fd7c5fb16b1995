"""The run's log: one JSON line per stage with rows and seconds; the settle check's retries."""

import datetime as dt
import json
import threading
import time

import duckdb
import pytest

from pipelines.context import RunContext, RunInputs
from pipelines.errors import MissingFileError
from pipelines.logging_setup import file_handler
from pipelines.ops.settle import InputStillChangingError, wait_until_settled
from pipelines.stages import run_stages


def _ingest(ctx):
    ctx.con.execute("create table raw_registrations as select range as n from range(3)")
    return {"files": []}


def _normalise(ctx):
    ctx.con.execute("create table stg_registrations as select n from raw_registrations limit 2")
    ctx.con.execute("create table quarantine as select 'a.csv' as source_file, 4 as source_row")
    return {}


def test_each_stage_is_one_json_line_with_rows_and_seconds(tmp_path):
    ctx = RunContext(
        inputs=RunInputs(()),
        con=duckdb.connect(),
        work_dir=tmp_path,
        run_date=dt.date(2025, 8, 31),
    )
    handler = file_handler(tmp_path / "run.log")
    started = []

    summary = run_stages(
        ctx, (("ingest", _ingest), ("normalise", _normalise)), on_start=started.append
    )
    handler.close()

    lines = [json.loads(line) for line in (tmp_path / "run.log").read_text().splitlines()]
    stages = [line for line in lines if "stage" in line]
    assert [(s["stage"], s["rows"], s["status"]) for s in stages] == [
        ("ingest", 3, "finished"),
        ("normalise", 2, "finished"),
    ]
    assert all(s["seconds"] >= 0 and s["level"] == "INFO" for s in stages)
    assert started == ["ingest", "normalise"]
    assert (summary["rows_in"], summary["rows_loaded"], summary["rows_quarantined"]) == (3, 2, 1)


def test_a_settled_file_passes(tmp_path):
    export = tmp_path / "导出.csv"
    export.write_text("学号\nS1\n", encoding="utf-8")

    assert wait_until_settled([str(export)], settle_seconds=0.05) == 1


def test_a_file_still_growing_asks_for_a_retry(tmp_path):
    export = tmp_path / "导出.csv"
    export.write_text("学号\n", encoding="utf-8")

    def append_later():
        time.sleep(0.05)
        with export.open("a", encoding="utf-8") as handle:
            handle.write("S1\n")

    writer = threading.Thread(target=append_later)
    writer.start()
    with pytest.raises(InputStillChangingError):
        wait_until_settled([str(export)], settle_seconds=0.3)
    writer.join()


def test_a_missing_file_fails_at_once_without_retry(tmp_path):
    with pytest.raises(MissingFileError) as raised:
        wait_until_settled([str(tmp_path / "无.csv")], settle_seconds=0.05)

    assert raised.value.sentence() == (
        f"文件 {tmp_path / '无.csv'}：文件不存在。请检查计划任务配置中的路径和文件名"
    )
