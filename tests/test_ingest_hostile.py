"""Hostile but possible inputs: each is read whole, or refused with a sentence that says why."""

import json
import logging

import pandas as pd
import pytest

from pipelines.errors import MissingFileError, UnreadableFormatError
from pipelines.ingest.extract import check_readable, extract_file
from pipelines.ingest.reconcile import reconciliation_lines
from pipelines.text.clean import clean_text
from tests.conftest import DATA, run_pipeline

INGEST = DATA / "ingest"

SMALL_EXPORT = "学号,姓名,学院\n2021010001,张测一,计算机学院\n2021010002,李测二,数学学院\n"


def ids(extracted) -> list[str]:
    return [row["student_id"] for row in extracted.records]


def test_a_sheet_of_student_ids_only_has_no_footer():
    extracted = extract_file(INGEST / "only-student-id.csv", "registrations")

    assert ids(extracted) == ["2021010001", "2021010002", "2021010003"]
    assert extracted.footer_rows == []


def test_a_lone_carriage_return_inside_a_cell_stays_in_the_cell(tmp_path):
    path = tmp_path / "cr.csv"
    path.write_bytes(
        "学号,姓名,学院\n"
        '2021010001,\r=1+1,"计算机\r\n学院"\n'
        "2021010002,李\r测二,数学学院\n".encode()
    )
    extracted = extract_file(path, "registrations")

    assert [(r["name"], r["college"]) for r in extracted.records] == [
        ("\r=1+1", "计算机\r\n学院"),
        ("李\r测二", "数学学院"),
    ]
    assert extracted.quarantined == []


def test_old_mac_line_endings_still_split_records(tmp_path):
    path = tmp_path / "cr-only.csv"
    path.write_bytes(SMALL_EXPORT.replace("\n", "\r").encode())

    assert ids(extract_file(path, "registrations")) == ["2021010001", "2021010002"]


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        (SMALL_EXPORT, "utf-16", "utf-16"),
        (SMALL_EXPORT.replace(",", "\t"), "utf-16", "utf-16"),
        (SMALL_EXPORT, "utf-16-le", "utf-16-le"),
        (SMALL_EXPORT, "utf-16-be", "utf-16-be"),
    ],
    ids=["bom", "excel-unicode-text", "le-without-bom", "be-without-bom"],
)
def test_utf16_is_detected(tmp_path, text, encoding, expected):
    path = tmp_path / "utf16.csv"
    path.write_bytes(text.encode(encoding))
    extracted = extract_file(path, "registrations")

    assert extracted.encoding == expected
    assert [(r["student_id"], r["college"]) for r in extracted.records] == [
        ("2021010001", "计算机学院"),
        ("2021010002", "数学学院"),
    ]


def test_forced_utf16_reads_the_file(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(SMALL_EXPORT.replace(",", "\t").encode("utf-16"))

    assert ids(extract_file(path, "registrations", "utf-16")) == ["2021010001", "2021010002"]


def test_control_characters_are_removed_from_cells():
    assert clean_text("计算机\x00学院\x07") == "计算机学院"
    assert clean_text("地址第一行\r\n第二行") == "地址第一行\n第二行"


def test_a_folder_is_refused_as_a_folder(tmp_path):
    with pytest.raises(MissingFileError) as raised:
        check_readable(tmp_path, "registrations")

    assert raised.value.sentence() == (
        f"文件 {tmp_path}：这是一个文件夹，不是文件。请写出文件夹里要读取的那个文件的名字"
    )


def test_semicolon_separated_text_is_read():
    extracted = extract_file(INGEST / "semicolon.csv", "registrations")

    assert [(r["student_id"], r["college"]) for r in extracted.records] == [
        ("2021010001", "计算机学院"),
        ("2021010002", "数学学院"),
    ]


def test_every_sheet_with_student_ids_is_read_and_others_are_named():
    extracted = extract_file(INGEST / "two-data-sheets.xlsx", "registrations")

    assert [(r["source_sheet"], r["source_row"], r["student_id"]) for r in extracted.records] == [
        ("计算机学院", 2, "2021010001"),
        ("计算机学院", 3, "2021010002"),
        ("数学学院", 3, "2021020001"),
    ]
    assert extracted.sheets == ["计算机学院", "数学学院"]
    assert extracted.ignored_sheets == ["填表说明"]


def test_merged_cells_reach_every_row_they_cover_but_a_merged_footer_stays_a_footer():
    extracted = extract_file(INGEST / "merged-cells.xlsx", "registrations")

    assert [(r["student_id"], r["college"], r["counsellor"]) for r in extracted.records] == [
        ("2021010001", "计算机学院", "陈老师"),
        ("2021010002", "计算机学院", "陈老师"),
        ("2021010003", "计算机学院", "陈老师"),
    ]
    assert extracted.footer_rows == [6]


def test_a_student_id_formula_without_a_saved_result_is_named_as_such():
    extracted = extract_file(INGEST / "formula-ids.xlsx", "registrations")

    assert ids(extracted) == ["2021010003"]
    assert {row["source_row"]: row["reason"] for row in extracted.quarantined} == {
        2: "学号为空：单元格是公式但没有计算结果，请在 Excel 中打开并保存后重新导出",
        3: "学号为空，无法确定是哪位学生",
    }


def test_repeated_columns_and_unread_sheets_are_warned_once(tmp_path, caplog):
    files = [INGEST / "repeated-columns.csv", INGEST / "two-data-sheets.xlsx"]
    with caplog.at_level(logging.WARNING, logger="pipelines.ingest.extract"):
        out = run_pipeline(tmp_path, files)
    summary = json.loads((out / "run_summary.json").read_text(encoding="utf-8"))
    printed = reconciliation_lines(summary["files"])

    assert summary["duplicate_columns"] == {
        "repeated-columns.csv": ["学号（第 5 列）", "毕业去向（第 6 列）"]
    }
    assert summary["ignored_sheets"] == {"two-data-sheets.xlsx": ["填表说明"]}
    assert [line for line in printed if line.startswith("  注意")] == [
        "  注意：repeated-columns.csv 有重复的列 学号（第 5 列）、毕业去向（第 6 列），"
        "只读取了同名的第一列；请删除重复的列后重新导出",
        "  注意：two-data-sheets.xlsx 的工作表 填表说明 没有“学号”列，未读取",
    ]
    assert [r.getMessage() for r in caplog.records if r.name == "pipelines.ingest.extract"] == [
        "repeated-columns.csv: repeated columns were set aside (the first of each was read): "
        "学号（第 5 列）, 毕业去向（第 6 列）.",
        "two-data-sheets.xlsx: 1 sheets without a 学号 header were not read: 填表说明.",
    ]


def test_student_ids_damaged_by_excel_or_not_ids_at_all_are_findings(tmp_path):
    out = run_pipeline(tmp_path, [INGEST / "wrong-student-ids.csv"])
    # the parquet copy: findings.csv writes -1 as '-1 so that a spreadsheet does not run it
    findings = pd.read_parquet(out / "findings.parquet")
    found = findings[findings["field"] == "student_id"]

    assert sorted(found[["value", "rule_id", "severity"]].values.tolist()) == [
        ["-1", "student_id.characters", "warning"],
        ["2.02104E+09", "student_id.format", "error"],
        ["学号未知", "student_id.characters", "warning"],
    ]


def test_a_night_without_rows_leaves_the_history_usable(tmp_path):
    run_pipeline(tmp_path, [INGEST / "header-only.csv"], out_name="empty-night")
    out = run_pipeline(tmp_path, [INGEST / "wrong-student-ids.csv"], out_name="next-night")

    summary = json.loads((out / "run_summary.json").read_text(encoding="utf-8"))
    assert summary["rows_loaded"] == 4


def test_utf32_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "utf32.csv"
    path.write_bytes(SMALL_EXPORT.encode("utf-32"))

    assert ids(extract_file(path, "registrations")) == ["2021010001", "2021010002"]


def test_a_picture_named_xlsx_is_refused_as_no_workbook(tmp_path):
    path = tmp_path / "导出.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with pytest.raises(UnreadableFormatError) as raised:
        check_readable(path, "registrations")

    assert raised.value.sentence() == (
        f"文件 {path}：文件扩展名是 .xlsx，但内容既不是 Excel 工作簿也不是表格文本。"
        "请重新从就业平台导出，或在 Excel 中打开后另存为 xlsx 再试"
    )
