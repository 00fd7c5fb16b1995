"""The counsellors' fix lists and the office's list, written from hand-made findings and read
back: sheets, headers, row counts, highlighting."""

import openpyxl
import pandas as pd
import pytest

from pipelines.outputs.findings_files import (
    CHANGE_HEADERS,
    FIXLIST_HEADERS,
    write_fixlists,
    write_verified_with_errors,
)
from pipelines.validate.findings import FINDING_COLUMNS

LABELS = {"credit_code": "社会信用代码", "unit_phone": "联系电话", "student_id": "学号"}


def finding(student_id, college, counsellor, field, rule_id, severity, value, row):
    return dict(
        zip(
            FINDING_COLUMNS,
            [student_id, college, counsellor, field, rule_id, severity, f"{field} 有误",
             value, "导出.xlsx", "Sheet1", row],
            strict=True,
        )
    )  # fmt: skip


# fmt: off
FINDINGS = pd.DataFrame(
    [
        finding(
            "S1", "机械学院", "周老师", "credit_code", "credit_code.checksum", "error", "91X", 2
        ),
        finding("S1", "机械学院", "周老师", "unit_phone", "phone.format", "error", "=1+2", 2),
        finding("S2", "机械学院", "周老师", "unit_phone", "phone.multiple", "warning", "1/2", 3),
        finding("S3", "外语学院", "陈老师", "credit_code", "credit_code.checksum", "error", "9", 4),
        finding("S4", None, None, "student_id", "student_id.not_in_roster", "warning", "S4", 5),
    ]
)
# fmt: on
PEOPLE = pd.DataFrame(
    {
        "student_id": ["S1", "S2", "S3", "S4", "S5"],
        "name": ["甲", "乙", "丙", "丁", "戊"],
        "review_status": ["审核通过", "审核通过", "待审核", "审核通过", "审核通过"],
    }
)
CHANGES = pd.DataFrame(
    {
        "student_id": ["S1", "S5", "S5", "S3"],
        "college": ["机械学院", "机械学院", "机械学院", "外语学院"],
        "counsellor": ["周老师", "周老师", "周老师", "陈老师"],
        "field": ["unit_phone", "credit_code", "unit_phone", "credit_code"],
        "rule_id": ["phone.format", "credit_code.checksum", "phone.format", "x"],
        "severity": ["error", "error", "error", "error"],
        "message": ["新", "旧", "旧", "仍"],
        "value": ["=1+2", "91Y", "123", "9"],
        "change": ["新增", "已修复", "已修复", "仍未修复"],
    }
)


@pytest.fixture
def written(tmp_path):
    count = write_fixlists(FINDINGS, PEOPLE, LABELS, tmp_path, CHANGES)
    return tmp_path, count


def test_one_workbook_per_counsellor(written):
    folder, count = written
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.xlsx"))

    assert count == 3
    assert files == [
        "fixlists/外语学院/陈老师.xlsx",
        "fixlists/未填学院/未分配辅导员.xlsx",
        "fixlists/机械学院/周老师.xlsx",
    ]


def test_sheets_headers_and_counts(written):
    folder, _ = written
    workbook = openpyxl.load_workbook(folder / "fixlists" / "机械学院" / "周老师.xlsx")
    problems, new, fixed = (workbook[name] for name in ("待修改", "新增问题", "已修复"))

    assert workbook.sheetnames == ["待修改", "新增问题", "已修复"]
    assert [c.value for c in problems[1]] == list(FIXLIST_HEADERS.values())
    assert [c.value for c in new[1]] == list(CHANGE_HEADERS.values())
    assert (problems.max_row, new.max_row, fixed.max_row) == (4, 2, 3)
    assert [c.value for c in problems[2]] == [
        "S1", "甲", "社会信用代码", "91X", "错误", "credit_code 有误", "导出.xlsx", 2,
    ]  # fmt: skip
    assert [row[0].value for row in fixed.iter_rows(min_row=2)] == ["S5", "S5"]


def test_formula_like_value_is_text(written):
    folder, _ = written
    sheet = openpyxl.load_workbook(folder / "fixlists" / "机械学院" / "周老师.xlsx")["待修改"]

    assert sheet["D3"].value == "'=1+2"
    assert sheet["D3"].data_type == "s"


def test_header_frozen_filtered_and_value_highlighted(written):
    folder, _ = written
    sheet = openpyxl.load_workbook(folder / "fixlists" / "机械学院" / "周老师.xlsx")["待修改"]
    ranges = {str(rules.sqref): rules.rules for rules in sheet.conditional_formatting}

    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:H4"
    assert list(ranges) == ["D2:D4"]
    assert [rule.formula for rule in ranges["D2:D4"]] == [['$E2="错误"'], ['$E2="提醒"']]


def test_counsellor_with_only_fixed_problems_still_gets_a_workbook(tmp_path):
    count = write_fixlists(FINDINGS.iloc[0:0], PEOPLE, LABELS, tmp_path, CHANGES)
    sheet = openpyxl.load_workbook(tmp_path / "fixlists" / "机械学院" / "周老师.xlsx")["已修复"]

    assert count == 1
    assert sheet.max_row == 3


def test_without_a_changes_table_the_change_sheets_are_empty(tmp_path):
    write_fixlists(FINDINGS, PEOPLE, LABELS, tmp_path)
    workbook = openpyxl.load_workbook(tmp_path / "fixlists" / "外语学院" / "陈老师.xlsx")

    assert (workbook["新增问题"].max_row, workbook["已修复"].max_row) == (1, 1)


def test_office_list_has_verified_errors_only(tmp_path):
    count = write_verified_with_errors(FINDINGS, PEOPLE, LABELS, tmp_path)
    listed = pd.read_excel(tmp_path / "审核通过仍有错误.xlsx", dtype=str, engine="openpyxl")

    # S3 is only 待审核; S2 and S4 have warnings only
    assert count == 2
    assert listed[["学院", "辅导员", "学号", "字段"]].values.tolist() == [
        ["机械学院", "周老师", "S1", "社会信用代码"],
        ["机械学院", "周老师", "S1", "联系电话"],
    ]
