"""The command line as the clerk meets it: exit codes and the exact Chinese sentences."""

import json

from typer.testing import CliRunner

from pipelines.cli import app
from tests.conftest import PIPELINE, QUIRKS

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args))


def test_file_without_student_id_column_exits_2_with_one_sentence(tmp_path):
    result = invoke(
        "run",
        "--exports",
        str(QUIRKS / "employers.csv"),
        "--db",
        str(tmp_path / "q.duckdb"),
        "--out",
        str(tmp_path / "out"),
    )

    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"文件 {QUIRKS / 'employers.csv'}：找不到“学号”列（已检查每个工作表的前 30 行表头）。"
        "请确认导出文件包含“学号”列，或把表头改为“学号”后重试"
    )
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


def test_missing_and_empty_files_exit_2(tmp_path):
    empty = tmp_path / "导出.csv"
    empty.write_bytes(b"")

    missing = invoke("run", "--exports", str(tmp_path / "无此文件.xlsx"))
    blank = invoke("run", "--exports", str(empty))

    assert (missing.exit_code, blank.exit_code) == (2, 2)
    assert missing.stderr.strip().endswith("无此文件.xlsx：文件不存在。请检查路径和文件名是否正确")
    assert blank.stderr.strip().endswith(
        "导出.csv：文件是空的（0 字节）。请重新从就业平台导出后再运行"
    )


def test_bad_date_option_is_a_sentence_not_a_traceback():
    result = invoke("run", "--exports", str(PIPELINE / "export.csv"), "--date", "8月31日")

    assert result.exit_code == 2
    assert result.stderr.strip() == "参数 --date 应为 YYYY-MM-DD 格式的日期，收到的是 8月31日。"


def test_full_run_through_prefect_writes_every_output(tmp_path):
    out = tmp_path / "out"
    result = invoke(
        "run",
        "--exports",
        str(PIPELINE / "export.csv"),
        "--roster",
        str(PIPELINE / "roster.csv"),
        "--db",
        str(tmp_path / "q.duckdb"),
        "--out",
        str(out),
        "--date",
        "2025-08-31",
    )

    assert result.exit_code == 0, result.output
    assert "毕业去向落实率：50.00%（分母：毕业生名单 10 人）" in result.output
    assert f"输出目录：{out}" in result.output
    # the clerk's terminal carries the CLI's Chinese lines only, no library log lines
    assert not [line for line in result.output.splitlines()
                if "INFO" in line or "pipelines." in line]
    for name in (
        "findings.csv",
        "findings.parquet",
        "run_summary.json",
        "statistics.xlsx",
        "report.html",
        "run.log",
        "dispatch/档案寄送清单.csv",
        "dispatch/档案寄送清单.xlsx",
    ):
        assert (out / name).is_file(), name
    summary = json.loads((out / "run_summary.json").read_text(encoding="utf-8"))
    assert summary["findings_by_rule"]["credit_code.checksum"] == 1
    log = [json.loads(line) for line in (out / "run.log").read_text(encoding="utf-8").splitlines()]
    assert "S00" not in json.dumps(log, ensure_ascii=False)
    # Prefect re-configures logging when it is imported; the run's log must go on regardless
    assert [entry["stage"] for entry in log if "stage" in entry] == [
        "ingest", "normalise", "validate", "match", "dispatch", "statistics", "report",
    ]


def test_out_pointing_at_a_file_exits_2_and_touches_nothing(tmp_path):
    taken = tmp_path / "结果"
    taken.write_text("不是文件夹", encoding="utf-8")

    result = invoke("run", "--exports", str(PIPELINE / "export.csv"), "--out", str(taken),
                    "--db", str(tmp_path / "q.duckdb"))

    assert result.exit_code == 2
    assert result.stderr.strip().endswith(
        "--out 指向的是一个已有的文件，不是文件夹。请换一个输出目录"
    )
    assert taken.read_text(encoding="utf-8") == "不是文件夹"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["结果"]


def test_a_warehouse_held_by_another_run_exits_2_without_leftovers(tmp_path):
    import subprocess
    import sys

    db = tmp_path / "q.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         f"import duckdb, sys, time; c = duckdb.connect({str(db)!r}); print('ok', flush=True);"
         " time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        result = invoke("run", "--exports", str(PIPELINE / "export.csv"),
                        "--out", str(tmp_path / "out"), "--db", str(db))
    finally:
        holder.kill()
        holder.wait()

    assert result.exit_code == 2
    assert result.stderr.strip().endswith(
        "数据仓库正被另一次运行占用。请等那次运行结束后再试；同一个数据仓库同一时间只能有一次运行"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q.duckdb"]
