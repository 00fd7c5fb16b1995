"""--sheet: read one named sheet of each export workbook, or say which sheets there are."""

import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.errors import MissingColumnError, QuxiangInputError
from pipelines.ingest.extract import check_readable, extract_file
from tests.conftest import QUIRKS
from tests.test_ingest_hostile import INGEST

runner = CliRunner()
WORKBOOK = INGEST / "two-data-sheets.xlsx"
UNKNOWN_SHEET = (
    f"文件 {WORKBOOK}：没有名为“物理学院”的工作表（文件中的工作表：计算机学院、填表说明、"
    "数学学院）。请用 --sheet 写出其中一个工作表的名字，或不写 --sheet 读取所有含“学号”列的工作表"
)


def test_a_named_sheet_is_the_only_one_read():
    extracted = extract_file(WORKBOOK, "registrations", sheet="数学学院")

    assert [(r["source_sheet"], r["source_row"], r["student_id"]) for r in extracted.records] == [
        ("数学学院", 3, "2021020001")
    ]
    assert extracted.sheets == ["数学学院"]
    assert extracted.sheet == "数学学院"
    assert extracted.header_row == 2
    assert extracted.ignored_sheets == []


def test_a_sheet_name_typed_without_the_tabs_stray_spaces_still_matches():
    extracted = extract_file(WORKBOOK, "registrations", sheet=" 计算机学院 ")

    assert [r["student_id"] for r in extracted.records] == ["2021010001", "2021010002"]


def test_an_unknown_sheet_names_the_file_and_lists_its_sheets():
    with pytest.raises(QuxiangInputError) as error:
        check_readable(WORKBOOK, "registrations", sheet="物理学院")

    assert error.value.sentence() == UNKNOWN_SHEET


def test_a_named_sheet_without_student_ids_says_so():
    with pytest.raises(MissingColumnError) as error:
        check_readable(WORKBOOK, "registrations", sheet="填表说明")

    assert error.value.sentence() == (
        f"文件 {WORKBOOK}：工作表“填表说明”的前 30 行里找不到“学号”列。"
        "请确认 --sheet 选对了工作表，或把表头改为“学号”后重试"
    )


def test_a_text_export_has_no_sheets_and_ignores_the_option():
    path = QUIRKS / "gb18030-rare-name.csv"
    extracted = extract_file(path, "registrations", sheet="数学学院")

    assert extracted.rows_in == 3
    assert extracted.sheets == [""]


def test_run_with_an_unknown_sheet_exits_2_before_the_warehouse_opens(tmp_path):
    result = runner.invoke(
        app,
        ["run", "--exports", str(WORKBOOK), "--sheet", "物理学院",
         "--db", str(tmp_path / "q.duckdb"), "--out", str(tmp_path / "out")],
    )  # fmt: skip

    assert result.exit_code == 2
    assert result.stderr.strip() == UNKNOWN_SHEET
    assert not (tmp_path / "q.duckdb").exists()
