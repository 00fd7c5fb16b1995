"""Two nights against one warehouse: snapshots, per-student changes and finding changes."""

import datetime as dt
import hashlib
import json
from pathlib import Path

import duckdb
import pytest

from pipelines.context import RunInputs
from pipelines.run import RunOptions, execute
from tests.conftest import DATA, PIPELINE

NIGHT_ONE = dt.date(2025, 8, 30)
NIGHT_TWO = dt.date(2025, 8, 31)
# night two: S002 renamed its unit, S004 fixed its credit code, S007 was approved, S009 is new
NIGHT_TWO_EXPORT = DATA / "ingest" / "night2-export.csv"


def run_night(tmp: Path, export: Path, run_date: dt.date) -> dict:
    options = RunOptions(
        inputs=RunInputs((export,)),
        out_dir=tmp / run_date.isoformat(),
        db_path=tmp / "warehouse.duckdb",
        run_date=run_date,
    )
    return execute(options, use_prefect=False)


@pytest.fixture(scope="module")
def two_nights(tmp_path_factory) -> tuple[Path, dict, dict]:
    tmp = tmp_path_factory.mktemp("history")
    first = run_night(tmp, PIPELINE / "export.csv", NIGHT_ONE)
    second = run_night(tmp, NIGHT_TWO_EXPORT, NIGHT_TWO)
    return tmp, first, second


def query(tmp: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(tmp / "warehouse.duckdb"), read_only=True) as con:
        return con.sql(sql).fetchall()


def test_first_night_has_empty_change_tables_with_the_contract_columns(tmp_path):
    summary = run_night(tmp_path, PIPELINE / "export.csv", NIGHT_ONE)

    assert summary["previous_run_date"] is None
    assert summary["registration_changes"] == {
        "新登记": 0,
        "有变更": 0,
        "审核状态变更": 0,
        "未变化": 0,
    }
    assert summary["findings_changes"] == {"新增": 0, "已修复": 0, "仍未修复": 0}
    assert [c[0] for c in query(tmp_path, "describe registration_changes")] == [
        "student_id",
        "change",
        "changed_fields",
    ]
    assert [c[0] for c in query(tmp_path, "describe findings_changes")] == [
        "student_id",
        "college",
        "counsellor",
        "field",
        "rule_id",
        "severity",
        "message",
        "value",
        "change",
    ]
    assert query(tmp_path, "select count(*) from registration_changes") == [(0,)]
    assert query(tmp_path, "select count(*) from findings_changes") == [(0,)]


def test_each_student_change_names_the_changed_fields(two_nights):
    tmp, _, second = two_nights

    assert query(tmp, "select * from registration_changes order by student_id") == [
        ("S001", "未变化", None),
        ("S002", "有变更", "单位名称"),
        ("S003", "未变化", None),
        ("S004", "有变更", "统一社会信用代码"),
        ("S005", "未变化", None),
        ("S006", "未变化", None),
        ("S007", "审核状态变更", "审核状态"),
        ("S008", "未变化", None),
        ("S009", "新登记", None),
    ]
    assert second["previous_run_date"] == "2025-08-30"
    assert second["registration_changes"] == {
        "新登记": 1,
        "有变更": 2,
        "审核状态变更": 1,
        "未变化": 5,
    }


def test_fixed_new_and_open_findings_are_told_apart(two_nights):
    tmp, _, second = two_nights
    changes = query(
        tmp, "select student_id, field, rule_id, change from findings_changes order by all"
    )

    assert ("S004", "credit_code", "credit_code.checksum", "已修复") in changes
    assert ("S007", "abroad_country", "destination.required_field", "仍未修复") in changes
    assert all(change == "新增" for sid, _, _, change in changes if sid == "S009")
    assert second["findings_changes"] == {
        kind: sum(1 for row in changes if row[3] == kind) for kind in ("新增", "已修复", "仍未修复")
    }


def test_snapshots_and_findings_are_kept_once_per_night(two_nights):
    tmp, _, _ = two_nights

    assert query(
        tmp, "select snapshot_date, count(*) from registration_snapshots group by all order by 1"
    ) == [(NIGHT_ONE, 8), (NIGHT_TWO, 9)]
    stg_columns = [c[0] for c in query(tmp, "describe stg_registrations")]
    assert [c[0] for c in query(tmp, "describe registration_snapshots")] == [
        "snapshot_date",
        *stg_columns,
    ]


def test_rerunning_a_night_replaces_its_history_and_archives_no_file_twice(tmp_path):
    run_night(tmp_path, PIPELINE / "export.csv", NIGHT_ONE)
    run_night(tmp_path, NIGHT_TWO_EXPORT, NIGHT_TWO)
    findings_before = query(tmp_path, "select count(*) from findings_history")
    again = run_night(tmp_path, NIGHT_TWO_EXPORT, NIGHT_TWO)

    assert query(tmp_path, "select count(*) from input_archive") == [(2,)]
    assert query(tmp_path, "select count(*) from findings_history") == findings_before
    assert query(
        tmp_path,
        "select snapshot_date, count(*) from registration_snapshots group by all order by 1",
    ) == [(NIGHT_ONE, 8), (NIGHT_TWO, 9)]
    assert again["registration_changes"]["新登记"] == 1
    archived = query(
        tmp_path, "select sha256, file_name, first_run_date, content from input_archive order by 3"
    )
    assert [(row[1], row[2]) for row in archived] == [
        ("export.csv", NIGHT_ONE),
        ("night2-export.csv", NIGHT_TWO),
    ]
    assert archived[1][3] == NIGHT_TWO_EXPORT.read_bytes()
    assert archived[1][0] == hashlib.sha256(NIGHT_TWO_EXPORT.read_bytes()).hexdigest()
    assert query(tmp_path, "select run_date, file_name from run_inputs order by 1") == [
        (NIGHT_ONE, "export.csv"),
        (NIGHT_TWO, "night2-export.csv"),
    ]


def test_run_summary_carries_the_change_counts(two_nights):
    tmp, _, _ = two_nights
    summary = json.loads((tmp / "2025-08-31" / "run_summary.json").read_text(encoding="utf-8"))

    assert summary["registration_changes"]["有变更"] == 2
    assert summary["findings_changes"]["已修复"] >= 1
