"""The operations face of the CLI: Chinese help, --quiet, the one-line failure, --config."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

import pipelines.run
from pipelines.cli import app
from pipelines.ops.split import usable_columns
from tests.conftest import PIPELINE

runner = CliRunner()


@pytest.mark.parametrize("command", [[], ["run"], ["bench"], ["serve"], ["server"]])
def test_help_is_chinese_throughout(command):
    result = runner.invoke(app, [*command, "--help"], prog_name="quxiang")

    assert result.exit_code == 0
    assert result.output.startswith("用法：quxiang")
    assert "显示本帮助并退出。" in result.output
    assert "选项" in result.output
    for english in ("Usage:", "Show this message", "Options:", "[default:", "[required]"):
        assert english not in result.output


def test_unknown_option_is_a_chinese_usage_error():
    result = runner.invoke(app, ["run", "--exports", "a.csv", "--bogus"], prog_name="quxiang")

    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "用法：quxiang run [OPTIONS]",
        "运行 'quxiang run --help' 查看帮助。",
        "",
        "错误：没有选项 --bogus。",
    ]


def test_a_failed_stage_is_one_line_naming_the_stage_and_the_log(tmp_path, monkeypatch):
    def fail_in_validate(options, on_stage=None, on_start=None, **_):
        on_start("ingest")
        on_stage("ingest", 0.5, {})
        on_start("validate")
        raise RuntimeError("rule file unreadable")

    monkeypatch.setattr(pipelines.run, "execute", fail_in_validate)
    out = tmp_path / "out" / "2025-08-31"

    result = runner.invoke(
        app, ["run", "--exports", str(PIPELINE / "export.csv"), "--out", str(out), "--quiet"]
    )

    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "运行失败：“规则校验”阶段出错（RuntimeError: rule file unreadable）。之前的输出没有改动；"
        f"详细信息见日志 {tmp_path / 'out' / '2025-08-31.failed.log'}"
    ]
    assert result.stdout == ""


def test_quiet_prints_only_the_output_folder(tmp_path, monkeypatch):
    def succeed(options, on_stage=None, on_start=None, **_):
        for name in ("ingest", "normalise"):
            on_start(name)
            on_stage(name, 0.1, {})
        return {}

    monkeypatch.setattr(pipelines.run, "execute", succeed)
    out = tmp_path / "out"

    quiet = runner.invoke(
        app, ["run", "--exports", str(PIPELINE / "export.csv"), "--out", str(out), "--quiet"]
    )

    assert quiet.exit_code == 0
    assert quiet.output == f"输出目录：{out}\n"


def test_bad_config_file_exits_2_with_its_sentence(tmp_path):
    config = tmp_path / "quxiang.toml"
    config.write_text("[run]\nformula_version = 2024\n", encoding="utf-8")

    result = runner.invoke(
        app, ["run", "--exports", str(PIPELINE / "export.csv"), "--config", str(config)]
    )

    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"文件 {config}：[run] formula_version 的值 2024 类型不对。应为文字（加引号），请修改后重试"
    )


def test_config_supplies_the_formula_and_the_flag_overrides_it(tmp_path, monkeypatch):
    seen = []

    def record(options, **_):
        seen.append((options.formula_version, options.thresholds.small_cell, options.db_path))
        return {}

    monkeypatch.setattr(pipelines.run, "execute", record)
    config = tmp_path / "quxiang.toml"
    config.write_text(
        '[run]\nformula_version = "2021"\n[thresholds]\nsmall_cell = 3\n[paths]\ndb = "x.duckdb"\n',
        encoding="utf-8",
    )
    base = ["run", "--exports", str(PIPELINE / "export.csv"), "--config", str(config), "--quiet"]
    base += ["--out", str(tmp_path / "out")]

    runner.invoke(app, base)
    runner.invoke(app, [*base, "--formula", "2024", "--db", "y.duckdb"])

    assert seen == [
        ("2021", 3, Path("x.duckdb")),
        ("2024", 3, Path("y.duckdb")),
    ]


def test_serve_without_a_server_says_what_to_start(tmp_path, monkeypatch):
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    config = tmp_path / "quxiang.toml"
    config.write_text("[server]\nport = 9\n", encoding="utf-8")

    result = runner.invoke(app, ["serve", "--config", str(config)])

    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "连接不到 Prefect 服务（http://127.0.0.1:9/api）。"
        "请先运行 quxiang server start，再运行 quxiang serve。"
    )


def test_serve_partitioned_without_a_column_says_what_to_fill_in(tmp_path):
    config = tmp_path / "quxiang.toml"
    config.write_text('[partitions]\ncolumn = ""\n', encoding="utf-8")

    result = runner.invoke(app, ["serve", "--partitioned", "--config", str(config)])

    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "配置 [partitions] column 为空，无法分区运行：请填写分区列（如 学院）。"
    )


def test_serve_partitioned_by_an_unknown_column_names_the_settings_file(tmp_path):
    config = tmp_path / "quxiang.toml"
    config.write_text('[partitions]\ncolumn = "籍贯"\n', encoding="utf-8")

    result = runner.invoke(app, ["serve", "--partitioned", "--config", str(config)])

    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"文件 {config}：不认识的分区列“籍贯”。可用的列：{usable_columns()}"
    )
