"""Splitting a night's inputs by a column: every row in exactly one partition, as read."""

import pandas as pd
import pytest

from pipelines.context import RunInputs
from pipelines.errors import MissingColumnError, QuxiangInputError
from pipelines.ingest.extract import extract_file
from pipelines.ops.split import partition_key, split_inputs
from pipelines.sample.generate import build_sample
from tests.conftest import PIPELINE


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return build_sample(tmp_path_factory.mktemp("sample"))


def test_the_sample_splits_by_college_with_its_roster_and_evidence(sample, tmp_path):
    exports = (sample["export"], sample["export_separate"])
    inputs = RunInputs(exports, sample["evidence"], sample["roster"])

    split = split_inputs(inputs, partition_key("学院"), tmp_path)

    read = sum(extract_file(path, "registrations").rows_in for path in exports)
    assert sum(split.rows.values()) == read
    assert sorted(split.partitions) == [
        "光电信息与计算机工程学院",
        "外语学院",
        "机械工程学院",
        "管理学院",
    ]
    assert sum(split.roster_rows.values()) == len(pd.read_csv(sample["roster"], dtype=str))
    languages = split.partitions["外语学院"]
    # the GB18030 export of 外语学院 alone holds its students; the workbook holds none
    assert [path.name for path in languages.exports] == ["毕业去向登记导出_外语学院.csv"]
    students = set(pd.read_csv(languages.exports[0], dtype=str)["学号"])
    manifest = pd.read_csv(languages.evidence, dtype=str)
    assert set(manifest["学号"]) <= students
    assert split.evidence_unmatched == 0
    roster = pd.read_csv(languages.roster, dtype=str)
    assert roster["学院"].eq("外语学院").all()


def test_province_partitions_follow_the_province_of_origin(tmp_path):
    split = split_inputs(RunInputs((PIPELINE / "export.csv",)), partition_key("省份"), tmp_path)

    assert dict(split.rows) == {"福建省": 8}


def test_a_footer_row_is_left_aside_and_a_blank_college_has_its_own_partition(tmp_path):
    export = tmp_path / "导出.csv"
    export.write_text("学号,姓名,学院\nS1,甲,管理学院\nS2,乙,\n,,\n合计：2人,,\n", encoding="utf-8")

    split = split_inputs(RunInputs((export,)), partition_key("学院"), tmp_path / "split")

    assert dict(split.rows) == {"管理学院": 1, "未填写学院": 1}
    assert split.footer_rows == 1
    blank = split.partitions["未填写学院"].exports[0]
    # the reserved first column names the original file and line of each copied row
    assert blank.read_text(encoding="utf-8").splitlines() == [
        "_来源,学号,姓名,学院",
        '"[""导出.csv"","""",3]",S2,乙,',
    ]


def test_a_column_the_export_does_not_have_names_the_file(tmp_path):
    with pytest.raises(MissingColumnError) as raised:
        split_inputs(RunInputs((PIPELINE / "export.csv",)), partition_key("工作职位类别"), tmp_path)

    assert raised.value.sentence() == (
        f"文件 {PIPELINE / 'export.csv'}：没有“工作职位类别”列，无法按工作职位类别分区。"
        "请换一个分区列，或去掉 --partition-by 不分区运行"
    )


def test_only_the_chosen_sheet_of_a_workbook_is_split(tmp_path):
    import xlsxwriter

    export = tmp_path / "导出.xlsx"
    workbook = xlsxwriter.Workbook(str(export))
    for name, rows in {
        "本届": [["S1", "管理学院"], ["S2", "外语学院"]],
        "往届": [["P1", "管理学院"]],
    }.items():
        sheet = workbook.add_worksheet(name)
        sheet.write_row(0, 0, ["学号", "学院"])
        for number, row in enumerate(rows, 1):
            sheet.write_row(number, 0, row)
    workbook.close()

    every = split_inputs(RunInputs((export,)), partition_key("学院"), tmp_path / "every")
    chosen = split_inputs(
        RunInputs((export,), sheet="本届"), partition_key("学院"), tmp_path / "chosen"
    )

    assert dict(every.rows) == {"管理学院": 2, "外语学院": 1}
    assert dict(chosen.rows) == {"管理学院": 1, "外语学院": 1}
    assert [p.name for p in every.partitions["管理学院"].exports] == [
        "导出-本届.csv",
        "导出-往届.csv",
    ]
    assert chosen.partitions["管理学院"].sheet is None


def test_two_spellings_that_share_a_folder_stop_the_split(tmp_path):
    export = tmp_path / "导出.csv"
    export.write_text("学号,学院\nS1,信息/工程学院\nS2,信息_工程学院\n", encoding="utf-8")

    with pytest.raises(QuxiangInputError) as raised:
        split_inputs(RunInputs((export,)), partition_key("学院"), tmp_path / "split")

    assert raised.value.sentence() == (
        f"文件 {export}：学院“信息/工程学院”和“信息_工程学院”"
        "会成为同一个分区文件夹“信息_工程学院”。请在导出里把学院名称改正或统一后重新运行"
    )


def test_a_college_named_like_a_file_of_the_night_gets_its_own_folder(tmp_path):
    export = tmp_path / "导出.csv"
    export.write_text("学号,学院\nS1,findings.csv\nS2,管理学院\n", encoding="utf-8")

    split = split_inputs(RunInputs((export,)), partition_key("学院"), tmp_path / "split")

    assert dict(split.rows) == {"_findings.csv": 1, "管理学院": 1}
