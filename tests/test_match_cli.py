"""`quxiang units import`: what the office sees, and the exit codes."""

from pathlib import Path

import duckdb
from typer.testing import CliRunner

from pipelines.cli import app

MATCH = Path(__file__).parent / "data" / "match"
runner = CliRunner()


def test_import_seeds_the_master(tmp_path):
    db = tmp_path / "warehouse.duckdb"
    result = runner.invoke(
        app,
        ["units", "import", str(MATCH / "past_units.csv"), "--db", str(db), "--date", "2024-08-31"],
    )
    assert result.exit_code == 0
    assert result.output == (
        "读入 1 个文件共 6 行，其中审核通过 5 行；社会信用代码有错误、未进入单位库 1 行。\n"
        f"单位库（{db}）由 0 个单位变为 4 个。\n"
    )
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("show tables").fetchall() == [("unit_master",)]
        assert con.execute(
            "select count(*), min(first_seen_date)::varchar from unit_master"
        ).fetchall() == [(4, "2024-08-31")]


def test_importing_the_same_file_again_on_the_same_date_changes_nothing(tmp_path):
    db = tmp_path / "warehouse.duckdb"
    arguments = [
        "units",
        "import",
        str(MATCH / "past_units.csv"),
        "--db",
        str(db),
        "--date",
        "2024-08-31",
    ]
    runner.invoke(app, arguments)
    with duckdb.connect(str(db), read_only=True) as con:
        first = con.execute("select * from unit_master order by credit_code").fetchall()
    assert runner.invoke(app, arguments).exit_code == 0
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select * from unit_master order by credit_code").fetchall() == first


def test_missing_file_exits_2_with_one_sentence(tmp_path):
    missing = tmp_path / "往年导出.xlsx"
    result = runner.invoke(
        app, ["units", "import", str(missing), "--db", str(tmp_path / "w.duckdb")]
    )
    assert result.exit_code == 2
    assert result.output == f"文件 {missing}：文件不存在。请检查路径和文件名是否正确\n"
    assert not (tmp_path / "w.duckdb").exists()


def test_bad_date_exits_2(tmp_path):
    result = runner.invoke(
        app, ["units", "import", str(MATCH / "past_units.csv"), "--date", "2024-13-01",
              "--db", str(tmp_path / "w.duckdb")],
    )  # fmt: skip
    assert result.exit_code == 2
    assert result.output == "参数 --date 应为 YYYY-MM-DD 格式的日期，收到的是 2024-13-01。\n"
