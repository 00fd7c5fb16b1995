"""--encoding and the printed per-file reconciliation, as the clerk sees them."""

from typer.testing import CliRunner

from pipelines.cli import _print_summary as print_summary
from pipelines.cli import app
from pipelines.context import RunInputs
from pipelines.ingest.reconcile import reconciliation_lines
from pipelines.run import RunOptions, check_inputs, execute
from tests.conftest import DATA, QUIRKS, RUN_DATE

INGEST = DATA / "ingest"
runner = CliRunner()


def test_unknown_encoding_name_exits_2_before_reading_anything(tmp_path):
    result = runner.invoke(
        app,
        ["run", "--exports", str(QUIRKS / "gb18030-rare-name.csv"), "--encoding", "gbk2",
         "--db", str(tmp_path / "q.duckdb"), "--out", str(tmp_path / "out")],
    )  # fmt: skip

    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "参数 --encoding 不是可识别的编码名称：gbk2。常用的有 utf-8、utf-8-sig、gb18030。"
    )
    assert not (tmp_path / "q.duckdb").exists()


def test_forced_encoding_run_prints_each_files_reconciliation(tmp_path, capsys):
    # the run itself without Prefect (its local server costs seconds); the printing as the CLI
    options = RunOptions(
        inputs=RunInputs(
            (QUIRKS / "gb18030-rare-name.csv", QUIRKS / "fake-xls-gbk-tsv.xls"),
            encoding="gb18030",
        ),
        out_dir=tmp_path / "out",
        db_path=tmp_path / "q.duckdb",
        run_date=RUN_DATE,
    )
    summary = execute(options, use_prefect=False)
    capsys.readouterr()
    print_summary(summary, options.out_dir)
    lines = capsys.readouterr().out.splitlines()

    # both files list the same three 学号 with different content: every copy is held back
    assert lines[:3] == [
        "读入 6 行：入库 0 行，隔离 6 行（原因见 quarantine.csv）。",
        "  导出 gb18030-rare-name.csv（GB18030 编码）：读入 3 行 = 入库 0 行 + 隔离 3 行",
        "  导出 fake-xls-gbk-tsv.xls（GB18030 编码）：读入 3 行 = 入库 0 行 + 隔离 3 行",
    ]


def test_the_summary_ends_with_tonights_changes_against_the_last_run(tmp_path, capsys):
    summary = {
        "rows_in": 10,
        "rows_loaded": 10,
        "rows_quarantined": 0,
        "previous_run_date": "2025-08-30",
        "registration_changes": {"新登记": 1, "有变更": 2, "审核状态变更": 1, "未变化": 6},
        "findings_changes": {"新增": 3, "已修复": 4, "仍未修复": 5},
    }
    print_summary(summary, tmp_path)
    lines = capsys.readouterr().out.splitlines()

    assert lines[-2:] == [
        "与上次运行（2025-08-30）相比：新登记 1 人，有变更 2 人，审核状态变更 1 人；"
        "问题新增 3 条，已修复 4 条，仍未修复 5 条。",
        f"输出目录：{tmp_path}",
    ]


def usage_error(args: list[str]) -> tuple[int, str]:
    """The exit code and last line a mistyped command line gets."""
    result = runner.invoke(app, args)
    return result.exit_code, result.stderr.strip().splitlines()[-1]


def test_a_sheet_name_with_a_space_left_unquoted_is_explained_in_chinese():
    assert usage_error(["run", "--exports", "a.csv", "--sheet", "登记", "一"]) == (
        2,
        "错误：多出了参数 一。如果它属于前一个选项的值（例如含空格的工作表名），"
        "请把整个值用引号括起来。",
    )


def test_common_usage_errors_read_in_chinese():
    assert usage_error(["run", "--exports", "a.csv", "--bogus"]) == (2, "错误：没有选项 --bogus。")
    assert usage_error(["run", "--exports", "a.csv", "--sheet"]) == (
        2,
        "错误：选项 '--sheet' 后面需要一个值。",
    )
    assert usage_error(["run", "--exports", "a.csv", "--workers", "x"]) == (
        2,
        "错误：选项 '--workers' 的取值无效：应为整数。",
    )
    assert usage_error(["run"]) == (2, "错误：缺少必填选项 '--exports'。")
    assert usage_error(["rnu"]) == (2, "错误：没有 'rnu' 这个命令。是不是想输入 'run'？")
    assert usage_error(["bogus"]) == (2, "错误：没有 'bogus' 这个命令。")
    assert usage_error(["serve", "--bogus"])[1] == "错误：没有选项 --bogus。"


def test_pydantic_value_messages_are_translated():
    from pipelines.ops.help_zh import translate

    number = "Input should be a valid number, unable to parse string as a number"
    assert translate(f"Error: Invalid value for '--n': {number}") == (
        "错误：选项 '--n' 的取值无效：应为数字。"
    )
    assert translate("Error: Invalid value for '--k': Input should be 'a', 'b' or 'c'") == (
        "错误：选项 '--k' 的取值无效：只能是 'a', 'b' 或 'c'。"
    )
    assert translate("Error: No such command 'rnu'. Did you mean 'run'?") == (
        "错误：没有 'rnu' 这个命令。是不是想输入 'run'？"
    )


def test_a_night_whose_every_export_has_only_its_header_exits_2(tmp_path):
    footer_only = tmp_path / "法学院.csv"
    footer_only.write_text("学号,姓名,学院\n\n合计：0人\n", encoding="utf-8")
    result = runner.invoke(
        app,
        ["run", "--exports", str(INGEST / "header-only.csv"), "--exports", str(footer_only),
         "--db", str(tmp_path / "q.duckdb"), "--out", str(tmp_path / "out")],
    )  # fmt: skip

    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == (
        f"文件 {INGEST / 'header-only.csv'}、{footer_only}：只有表头，没有数据行。"
        "请确认导出时选择了数据范围，或等有学生登记后重新导出，再运行"
    )
    assert not (tmp_path / "q.duckdb").exists()


def test_one_empty_export_among_others_runs_and_is_named(tmp_path):
    only_id = tmp_path / "学号.csv"
    only_id.write_text("学号\n2021010001\n", encoding="utf-8")
    inputs = RunInputs((INGEST / "header-only.csv", INGEST / "only-student-id.csv"))
    check_inputs(inputs)  # no error: one export has students
    check_inputs(RunInputs((only_id,)))  # a lone 学号 is a record, not a footer

    lines = reconciliation_lines(
        [
            {"kind": "exports", "file": "in/header-only.csv", "rows_in": 0, "rows_loaded": 0,
             "rows_quarantined": 0},
            {"kind": "exports", "file": "in/only-student-id.csv", "rows_in": 3,
             "rows_loaded": 3, "rows_quarantined": 0},
        ]
    )  # fmt: skip
    assert lines == [
        "  导出 header-only.csv：读入 0 行 = 入库 0 行 + 隔离 0 行",
        "  注意：header-only.csv 只有表头，没有数据行（这个学院可能还没有人登记）",
        "  导出 only-student-id.csv：读入 3 行 = 入库 3 行 + 隔离 0 行",
    ]
