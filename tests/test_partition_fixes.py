"""What the partitioned night must settle as a single run does: repeated 学号 across
partitions, the original export's line numbers, one warehouse folder per --db, the night's
changes and its combined lists, and an empty --partition-by."""

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.context import RunInputs
from pipelines.ops.night import partitions_folder
from pipelines.ops.night_summary import UNSEEN_ACROSS
from pipelines.ops.split import partition_key, split_inputs
from pipelines.run import RunOptions, execute
from tests.conftest import PIPELINE, RUN_DATE

NEXT_DATE = RUN_DATE + dt.timedelta(days=1)


def write_export(path: Path, extra_rows: int = 0) -> Path:
    """Four rows of the test export: S001 (机械), S003 and a row without 学号 (管理), then S001
    again under 管理学院 with another destination; `extra_rows` more 管理学院 students after."""
    lines = (PIPELINE / "export.csv").read_text(encoding="utf-8").splitlines()
    header, rows = lines[0], {line.split(",")[0]: line for line in lines[1:]}
    repeat = (
        rows["S001"].replace("机械工程学院", "管理学院").replace("派遣(签订就业协议书)", "考研")
    )
    body = [rows["S001"], rows["S003"], "," + rows["S004"].split(",", 1)[1], repeat]
    body += [rows[f"S00{5 + n}"].replace("机械工程学院", "管理学院") for n in range(extra_rows)]
    path.write_text("\n".join([header, *body]) + "\n", encoding="utf-8")
    return path


def run_night(tmp: Path, export: Path, date: dt.date):
    arguments = ["run", "--exports", str(export), "--date", date.isoformat()]
    arguments += ["--out", str(tmp / "out" / date.isoformat())]
    arguments += ["--db", str(tmp / "data" / "quxiang.duckdb")]
    arguments += ["--partition-by", "学院", "--workers", "0"]
    return CliRunner().invoke(app, arguments)


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


@pytest.fixture(scope="module")
def nights(tmp_path_factory):
    """The four-row export partitioned by 学院, then the next night with one more student."""
    tmp = tmp_path_factory.mktemp("nights")
    first = run_night(tmp, write_export(tmp / "导出.csv"), RUN_DATE)
    second = run_night(tmp, write_export(tmp / "导出2.csv", extra_rows=1), NEXT_DATE)
    return tmp, first, second


def test_every_row_of_a_student_follows_the_first_row_into_its_partition(tmp_path):
    export = write_export(tmp_path / "导出.csv")

    split = split_inputs(RunInputs((export,)), partition_key("学院"), tmp_path / "split")

    assert dict(split.rows) == {"机械工程学院": 2, "管理学院": 2}
    assert split.rows_rerouted == 1
    copied = read_csv(split.partitions["机械工程学院"].exports[0])
    assert [(row[0], row[1], row[5]) for row in copied[1:]] == [
        ('["导出.csv","",2]', "S001", "机械工程学院"),
        ('["导出.csv","",5]', "S001", "管理学院"),
    ]


def test_the_manifest_follows_each_student_written_as_the_normaliser_reads_it(tmp_path):
    export = write_export(tmp_path / "导出.csv")
    manifest = tmp_path / "佐证清单.csv"
    manifest.write_text("学号,文件名\n ｓ００１ ,a.pdf\nS003,b.pdf\nS999,c.pdf\n", encoding="utf-8")

    split = split_inputs(RunInputs((export,), manifest), partition_key("学院"), tmp_path / "split")

    files = {name: read_csv(inputs.evidence) for name, inputs in split.partitions.items()}
    column = files["管理学院"][0].index("文件名")
    assert {name: [row[column] for row in rows[1:]] for name, rows in files.items()} == {
        "机械工程学院": ["a.pdf"],
        "管理学院": ["b.pdf"],
    }
    assert split.evidence_unmatched == 1


def test_a_conflicting_repeat_across_colleges_is_quarantined_as_in_a_single_run(nights):
    tmp, first, _ = nights
    night = tmp / "out" / RUN_DATE.isoformat()
    single = execute(
        RunOptions(
            inputs=RunInputs((tmp / "导出.csv",)),
            out_dir=tmp / "single",
            db_path=tmp / "single.duckdb",
            run_date=RUN_DATE,
        ),
        use_prefect=False,
    )
    combined = json.loads((night / "run_summary.json").read_text(encoding="utf-8"))

    assert first.exit_code == 0, first.output
    totals = combined["totals"]
    assert (totals["rows_in"], totals["rows_quarantined"], totals["count_graduates"]) == (4, 3, 1)
    assert (single["rows_in"], single["rows_quarantined"], single["count_graduates"]) == (4, 3, 1)
    assert combined["rows_rerouted"] == 1
    assert "同一学号的 1 行跟随该学号的第一行，归入了另一个分区（不是本行所填的分区）。" in (
        first.stdout.splitlines()
    )
    assert UNSEEN_ACROSS in first.stdout.splitlines()


def test_quarantine_names_the_line_of_the_original_export_in_one_combined_list(nights):
    tmp, _, _ = nights
    night = tmp / "out" / RUN_DATE.isoformat()

    rows = read_csv(night / "quarantine.csv")

    assert rows[0] == ["分区", "来源文件", "工作表", "行号", "原因", "原始内容"]
    assert [row[:4] for row in rows[1:]] == [
        ["机械工程学院", "导出.csv", "", "2"],
        ["机械工程学院", "导出.csv", "", "5"],
        ["管理学院", "导出.csv", "", "4"],
    ]
    assert rows[3][4] == "学号为空，无法确定是哪位学生"
    # the row's text as the office wrote it, without the split's reserved cell
    assert rows[3][5].startswith("|丁测四|女|350125200402193167|管理学院|")
    # the partition's own list says the same line
    assert read_csv(night / "管理学院" / "quarantine.csv")[1][:3] == ["导出.csv", "", "4"]


def test_the_combined_findings_list_holds_every_partitions_rows_with_its_partition(nights):
    tmp, _, _ = nights
    night = tmp / "out" / RUN_DATE.isoformat()

    rows = read_csv(night / "findings.csv")
    own = {name: read_csv(night / name / "findings.csv") for name in ("机械工程学院", "管理学院")}

    assert rows[0] == ["分区", *own["管理学院"][0]]
    assert rows[1:] == [[name, *row] for name, table in own.items() for row in table[1:]]
    source = rows[0].index("source_row")
    # S003's findings name line 3 of the export, not a line of the split copy
    assert {row[source] for row in rows[1:] if row[0] == "管理学院"} == {"3"}


def test_the_next_night_prints_its_changes_and_keeps_them_in_the_night_summary(nights):
    tmp, _, second = nights
    night = tmp / "out" / NEXT_DATE.isoformat()
    combined = json.loads((night / "run_summary.json").read_text(encoding="utf-8"))

    assert second.exit_code == 0, second.output
    assert (
        f"与上次运行（{RUN_DATE.isoformat()}）相比：新登记 1 人，有变更 0 人，审核状态变更 0 人；"
        "问题新增 0 条，已修复 0 条，仍未修复 2 条。"
    ) in second.stdout.splitlines()
    assert combined["previous_run_date"] == RUN_DATE.isoformat()
    assert combined["registration_changes"] == {
        "审核状态变更": 0,
        "新登记": 1,
        "有变更": 0,
        "未变化": 1,
    }
    assert sum(combined["findings_by_rule"].values()) == sum(
        p["errors"] + p["warnings"] for p in combined["partitions"]
    )


def test_each_warehouse_keeps_its_own_partitions_folder(nights):
    tmp, _, _ = nights

    # the night's own warehouse is never opened: each partition has its own
    assert sorted(p.name for p in (tmp / "data").iterdir()) == ["quxiang.partitions"]
    folder = partitions_folder(tmp / "data" / "quxiang.duckdb")
    assert sorted(p.name for p in folder.iterdir()) == [
        "inputs",
        "机械工程学院.duckdb",
        "管理学院.duckdb",
    ]
    assert partitions_folder(tmp / "data" / "test.duckdb") == tmp / "data" / "test.partitions"


def test_an_empty_partition_column_exits_2_with_a_sentence(tmp_path):
    arguments = ["run", "--exports", str(PIPELINE / "export.csv")]
    arguments += ["--out", str(tmp_path / "out"), "--partition-by", ""]

    result = CliRunner().invoke(app, arguments)

    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "参数 --partition-by：没有写分区列。请写导出文件的表头名称（如 学院），或写 省份；"
        "不分区运行时不要写 --partition-by"
    )
    assert not (tmp_path / "out").exists()
