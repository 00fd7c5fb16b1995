"""The whole job on a hand-made export whose right answers were counted by hand."""

import json

import pandas as pd
import pytest

from tests.conftest import PIPELINE, read_findings, run_pipeline


def test_planted_bad_credit_code_is_one_error_on_that_row(small_run):
    findings = read_findings(small_run)
    credit = findings[findings["field"] == "credit_code"]

    assert credit[["student_id", "rule_id", "severity", "source_row"]].values.tolist() == [
        ["S004", "credit_code.checksum", "error", "5"],
    ]
    assert "末位校验码应为 Q" in credit.iloc[0]["message"]


def test_lower_case_spaced_credit_code_is_not_an_error(small_run):
    findings = read_findings(small_run)

    assert findings[findings["student_id"] == "S002"].empty


def test_placement_rate_uses_the_roster_as_denominator(small_run):
    summary = json.loads((small_run / "run_summary.json").read_text(encoding="utf-8"))

    # placed and approved: S001 S002 S003 S004 S006; S007 is only 待审核; 10 on the roster
    assert summary["count_graduates"] == 10
    assert summary["count_placed"] == 5
    assert summary["placement_rate"] == pytest.approx(5 / 10)


def test_rows_reconcile(small_run):
    summary = json.loads((small_run / "run_summary.json").read_text(encoding="utf-8"))

    assert (summary["rows_in"], summary["rows_loaded"], summary["rows_quarantined"]) == (8, 8, 0)
    assert summary["files"][0]["sha256"] == (
        __import__("hashlib").sha256((PIPELINE / "export.csv").read_bytes()).hexdigest()
    )


def test_dispatch_list_holds_exactly_the_mailable_students(small_run):
    mailing = pd.read_csv(
        small_run / "dispatch" / "档案寄送清单.csv", encoding="utf-8-sig", dtype=str
    )
    held = pd.read_excel(
        small_run / "dispatch" / "档案寄送清单.xlsx",
        sheet_name="暂不能寄送",
        dtype=str,
        engine="calamine",
    )

    assert mailing[["学号", "收件单位", "邮编", "寄送方式"]].values.tolist() == [
        ["S002", "上海乙示例机械集团有限公司", "201203", "EMS"],
        ["S003", "示例理工大学", "200093", "EMS"],
    ]
    # S006 is a postgraduate and S007 is not approved: neither is listed nor held
    assert sorted(held["学号"]) == ["S001", "S004", "S005", "S008"]
    reasons = dict(zip(held["学号"], held["暂不能寄送的原因"], strict=True))
    assert reasons["S001"].startswith("无法确定6位邮编")


def test_without_roster_the_denominator_is_the_registered_students(tmp_path):
    out = run_pipeline(tmp_path, [PIPELINE / "export.csv"])
    summary = json.loads((out / "run_summary.json").read_text(encoding="utf-8"))

    assert (summary["count_graduates"], summary["count_placed"]) == (8, 5)
    assert "未提供毕业生名单" in (out / "report.html").read_text(encoding="utf-8")


def test_destination_rules_flag_the_unemployed_and_missing_fields(small_run):
    findings = read_findings(small_run)
    by_rule = findings.groupby("rule_id")["student_id"].apply(sorted).to_dict()

    # S007 (出国) has no 出国地区; nobody else misses a required field
    assert by_rule["destination.required_field"] == ["S007"]
    assert findings.loc[findings["rule_id"] == "destination.required_field", "field"].tolist() == [
        "abroad_country"
    ]


def test_an_export_with_a_header_and_no_rows_has_no_rate_not_nan(tmp_path):
    export = tmp_path / "导出.csv"
    export.write_text("学号,姓名,毕业去向\n", encoding="utf-8")

    out = run_pipeline(tmp_path, [export])
    text = (out / "run_summary.json").read_text(encoding="utf-8")

    assert "NaN" not in text
    assert json.loads(text)["placement_rate"] is None


def test_college_and_counsellor_text_never_breaks_output_file_names(tmp_path):
    rows = (PIPELINE / "export.csv").read_text(encoding="utf-8").splitlines()
    rows[1] = rows[1].replace("机械工程学院", "学院" * 200).replace("周老师", "周/老\x00师")
    export = tmp_path / "导出.csv"
    export.write_text("\n".join(rows) + "\n", encoding="utf-8")

    out = run_pipeline(tmp_path, [export])

    folders = [p.name for p in (out / "fixlists").iterdir()]
    assert "学院" * 30 in folders
    assert all(len(name) <= 60 for name in folders)
