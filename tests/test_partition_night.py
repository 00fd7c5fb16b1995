"""The partitioned night: split by 学院, one run per college, one combined summary, one publish.

The partitions run one after another in the test process (`workers = 0`); the Dask path is
exercised once in test_partition_dask.py.
"""

import json
import pickle
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

import pipelines.run
from pipelines.cli import app
from pipelines.context import RunInputs
from pipelines.ops.night import PartitionedNight, run_partitioned_night
from pipelines.ops.night_summary import UNSEEN_ACROSS
from pipelines.ops.split import partition_key, usable_columns
from pipelines.run import RunOptions
from tests.conftest import PIPELINE, RUN_DATE

COLLEGES = ["外语学院", "机械工程学院", "管理学院"]


def night_options(tmp: Path) -> RunOptions:
    return RunOptions(
        inputs=RunInputs((PIPELINE / "export.csv",), None, PIPELINE / "roster.csv"),
        out_dir=tmp / "out" / RUN_DATE.isoformat(),
        db_path=tmp / "data" / "quxiang.duckdb",
        run_date=RUN_DATE,
    )


@pytest.fixture(scope="module")
def night(tmp_path_factory) -> tuple[Path, dict]:
    """The eight-student export (three colleges) and its roster, partitioned by 学院."""
    tmp = tmp_path_factory.mktemp("night")
    options = night_options(tmp)
    summary = run_partitioned_night(PartitionedNight(options, partition_key("学院"), workers=0))
    return tmp, summary


def test_every_row_lands_in_its_college_partition(night):
    _, summary = night
    figures = {p["partition"]: p for p in summary["partitions"]}

    assert list(figures) == COLLEGES
    assert {name: p["rows_in"] for name, p in figures.items()} == {
        "外语学院": 2,
        "机械工程学院": 3,
        "管理学院": 3,
    }
    assert all(p["rows_split"] == p["rows_in"] for p in figures.values())
    # the roster's tenth graduate (管理学院, never registered) counts in their college
    assert {name: p["count_graduates"] for name, p in figures.items()} == {
        "外语学院": 3,
        "机械工程学院": 3,
        "管理学院": 4,
    }
    assert summary["roster_rows"] == {"外语学院": 3, "机械工程学院": 3, "管理学院": 4}


def test_the_night_folder_holds_each_partition_and_the_combined_summary(night, small_run):
    tmp, _ = night
    out = tmp / "out" / RUN_DATE.isoformat()
    single = json.loads((small_run / "run_summary.json").read_text(encoding="utf-8"))
    combined = json.loads((out / "run_summary.json").read_text(encoding="utf-8"))

    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*COLLEGES, "findings.csv", "quarantine.csv", "run.log", "run_summary.json"]
    )
    assert (out / "管理学院" / "statistics.xlsx").is_file()
    assert sorted(p.name for p in (tmp / "data" / "quxiang.partitions").glob("*.duckdb")) == [
        f"{name}.duckdb" for name in COLLEGES
    ]
    totals = combined["totals"]
    # the same night unpartitioned: every count adds up to the single run's
    assert (totals["rows_in"], totals["rows_loaded"], totals["rows_quarantined"]) == (
        single["rows_in"],
        single["rows_loaded"],
        single["rows_quarantined"],
    )
    assert (totals["count_graduates"], totals["count_placed"]) == (
        single["count_graduates"],
        single["count_placed"],
    )
    assert totals["placement_rate"] == pytest.approx(single["placement_rate"])
    assert (totals["count_partitions"], totals["count_failed"]) == (3, 0)
    assert combined["partition_by"] == "学院"
    assert not list(out.parent.glob(".*partial*"))


def fail_in_dispatch_for(college: str):
    """The stages, with dispatch failing in one college's partition."""

    def dispatch(ctx):
        if ctx.work_dir.name.startswith(f".{college}."):
            raise RuntimeError("routing table unreadable")
        return original(ctx)

    original = dict(pipelines.run.STAGES)["dispatch"]
    return tuple(
        (name, dispatch if name == "dispatch" else stage) for name, stage in pipelines.run.STAGES
    )


def test_a_failed_partition_is_one_line_and_exit_1_and_keeps_its_earlier_output(night, monkeypatch):
    tmp, _ = night
    out = tmp / "out" / RUN_DATE.isoformat()
    monkeypatch.setattr(pipelines.run, "STAGES", fail_in_dispatch_for("外语学院"))
    arguments = ["run", "--exports", str(PIPELINE / "export.csv")]
    arguments += ["--roster", str(PIPELINE / "roster.csv"), "--date", RUN_DATE.isoformat()]
    arguments += ["--out", str(out), "--db", str(tmp / "data" / "quxiang.duckdb")]
    arguments += ["--partition-by", "学院", "--workers", "0"]

    result = CliRunner().invoke(app, arguments)

    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "分区 外语学院：运行失败（RuntimeError: routing table unreadable），"
        f"日志 {out / '外语学院.failed.log'}"
    ]
    lines = result.stdout.splitlines()
    assert [line.split("，用时")[0] for line in lines[3:]] == [
        "分区 机械工程学院：读入 3 行（入库 3，隔离 0），落实率 100.00%，错误 2 条",
        "分区 管理学院：读入 3 行（入库 3，隔离 0），落实率 50.00%，错误 3 条",
        "合计 3 个分区（完成 2，失败 1）：读入 6 行（入库 6，隔离 0），落实率 71.43%（7 人），"
        "错误 5 条，提醒 0 条；档案可寄 2 份，暂不能寄送 3 份（失败分区的 2 行未计入）",
        "与上次运行相比：仓库中没有更早的运行，今晚的登记都作为基准保存。",
        UNSEEN_ACROSS,
        f"输出目录：{out}",
    ]
    assert lines[-1] == f"输出目录：{out}"
    assert "routing table unreadable" in (out / "外语学院.failed.log").read_text(encoding="utf-8")
    # the first run's output of the failed college is still there, the others are new
    assert (out / "外语学院" / "run_summary.json").is_file()
    summary = json.loads((out / "run_summary.json").read_text(encoding="utf-8"))
    assert [p["status"] for p in summary["partitions"]] == ["failed", "ok", "ok"]


def test_partition_by_an_unknown_column_exits_2_naming_it(tmp_path):
    result = CliRunner().invoke(
        app,
        [
            "run",
            "--exports",
            str(PIPELINE / "export.csv"),
            "--out",
            str(tmp_path / "out"),
            "--partition-by",
            "籍贯",
        ],
    )

    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"参数 --partition-by：不认识的分区列“籍贯”。可用的列：{usable_columns()}"
    )
    assert usable_columns().startswith("学院、专业、辅导员、学历、省份（生源地所在省份）、")
    assert not (tmp_path / "out").exists()


def test_an_input_error_in_a_worker_comes_back_as_its_sentence(tmp_path, monkeypatch):
    from pipelines.ops import partition_flow

    # the worker's own logging set-up would detach this process's log capture
    monkeypatch.setattr(partition_flow, "configure_console", lambda verbose: None)
    missing = tmp_path / "导出.csv"
    options = replace(night_options(tmp_path), inputs=RunInputs((missing,)))

    with pytest.raises(partition_flow.PartitionInputError) as raised:
        partition_flow.run_partition_in_worker("管理学院", options)

    # it crosses the process boundary whole, unlike the three-argument input errors
    back = pickle.loads(pickle.dumps(raised.value))
    assert str(back) == f"文件 {missing}：文件不存在。请检查路径和文件名是否正确"
    assert (options.out_dir.parent / f"{options.out_dir.name}.failed.log").is_file()


def test_the_scheduled_entry_point_runs_the_night_partitioned(tmp_path, monkeypatch):
    import pipelines.flow

    # the settle task would start Prefect's local server; the inputs are not being copied
    monkeypatch.setattr(pipelines.flow, "settle_inputs", lambda paths: None)

    counts = pipelines.flow.nightly_scheduled.fn(
        exports=[str(PIPELINE / "export.csv")],
        roster=str(PIPELINE / "roster.csv"),
        out_root=str(tmp_path / "out"),
        db=str(tmp_path / "data" / "quxiang.duckdb"),
        run_date=RUN_DATE.isoformat(),
        partition_by="学院",
        workers=0,
    )

    assert counts == {"rows_in": 8, "rows_loaded": 8, "rows_quarantined": 0}
    night = tmp_path / "out" / RUN_DATE.isoformat()
    assert sorted(p.name for p in night.iterdir() if p.is_dir()) == COLLEGES
