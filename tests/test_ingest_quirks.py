"""Real-export quirks (tests/data/quirks, README there): each read the way a person would."""

import json

import pandas as pd
import pytest

from pipelines.ingest.extract import extract_file
from tests.conftest import QUIRKS, read_findings, run_pipeline


def records(name: str) -> list[dict]:
    return extract_file(QUIRKS / name, "registrations").records


def test_utf8_bom_header_first_column_is_student_id():
    rows = records("utf8-bom-header.csv")

    assert [row["student_id"] for row in rows] == ["2021010001", "2021010002", "2021010003"]


def test_gb18030_rare_characters_are_detected_and_intact():
    extracted = extract_file(QUIRKS / "gb18030-rare-name.csv", "registrations")

    assert extracted.encoding == "gb18030"
    assert [row["name"] for row in extracted.records] == ["王䶮", "李堃", "古丽·艾测"]


def test_identifier_columns_stay_text_byte_for_byte():
    rows = records("duckdb-sniff-codes.csv")

    assert [(r["student_id"], r["unit_postcode"], r["agreement_no"]) for r in rows] == [
        ("0210501001", "010020", "20250000000000000001"),
        ("0210501002", "100081", "20250000000000000002"),
        ("0210501003", "030001", "99999999999999999999"),
    ]


@pytest.mark.parametrize("name", ["fake-xls-gbk-tsv.xls", "fake-xls-html.xls"])
def test_fake_xls_format_comes_from_the_bytes(name):
    extracted = extract_file(QUIRKS / name, "registrations")

    assert (
        extracted.file_format == {"fake-xls-gbk-tsv.xls": "text", "fake-xls-html.xls": "html"}[name]
    )
    assert [r["credit_code"] for r in extracted.records] == [
        "911101085H7K2M9Q0J",
        "914403003R8T6W1AXB",
        "12320100468013579J",
    ]
    assert extracted.records[0]["name"] == "张测一"


def test_merged_title_rows_and_footer():
    extracted = extract_file(QUIRKS / "merged-title-header.xlsx", "registrations")

    assert extracted.header_row == 3
    assert [r["student_id"] for r in extracted.records] == [
        "2021010001",
        "2021010002",
        "2021010003",
    ]
    assert extracted.footer_rows == [7]
    assert extracted.quarantined == []


def test_postcode_typed_as_number_is_reported_never_silently_shortened(tmp_path):
    rows = records("postcode-leading-zero.xlsx")
    assert [r["unit_postcode"] for r in rows] == ["300010", "10020", "210000"]
    assert [r["agreement_no"] for r in rows] == ["2025000001", "", "2025000003"]

    findings = read_findings(run_pipeline(tmp_path, [QUIRKS / "postcode-leading-zero.xlsx"]))
    postcode = findings[findings["field"] == "unit_postcode"]
    assert postcode[["student_id", "rule_id", "value"]].values.tolist() == [
        ["2021010002", "postcode.leading_zero", "10020"],
    ]
    assert "010020" in postcode.iloc[0]["message"]


def test_sign_dates_in_every_spelling(tmp_path):
    out = run_pipeline(tmp_path, [QUIRKS / "signdate-mixed-cells.xlsx"])
    findings = read_findings(out)
    dates = findings[findings["field"] == "sign_date"]

    assert dates[["student_id", "rule_id", "value"]].values.tolist() == [
        ["2021010008", "sign_date.invalid", "2025-06-31"],
    ]


def test_invisible_characters_are_removed_before_checks(tmp_path):
    out = run_pipeline(tmp_path, [QUIRKS / "invisible-chars.csv"])
    findings = read_findings(out)
    import duckdb

    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as con:
        staged = con.sql(
            "select student_id, name, credit_code from stg_registrations order by student_id"
        ).fetchall()
    employers = pd.read_csv(QUIRKS / "employers.csv", dtype=str)

    assert [row[1] for row in staged] == ["张测一", "李测二", "王测三"]
    assert {row[2] for row in staged} == set(employers["统一社会信用代码"])
    assert findings[findings["field"] == "credit_code"].empty


def test_reexport_duplicates_collapse_hold_back_and_quarantine(tmp_path):
    out = run_pipeline(tmp_path, [QUIRKS / "reexport-duplicates.csv"])
    summary = json.loads((out / "run_summary.json").read_text(encoding="utf-8"))
    quarantine = pd.read_csv(out / "quarantine.csv", encoding="utf-8-sig", dtype=str)
    findings = read_findings(out)

    # 8 rows: 001 twice (exact), 002 twice (conflicting), 003 twice (trailing space), 2 empty
    assert (summary["rows_in"], summary["rows_loaded"], summary["rows_quarantined"]) == (8, 2, 6)
    reasons = dict(zip(quarantine["行号"], quarantine["原因"], strict=True))
    assert reasons["8"] == reasons["9"] == "学号为空，无法确定是哪位学生"
    assert reasons["3"].endswith("完全相同，已合并为一条")
    assert reasons["7"].endswith("完全相同，已合并为一条")
    assert "内容不一致" in reasons["4"] and "内容不一致" in reasons["5"]
    conflict = findings[findings["rule_id"] == "student_id.duplicate_conflict"]
    assert conflict[["student_id", "severity", "source_row"]].values.tolist() == [
        ["2021010002", "error", "4"],
        ["2021010002", "error", "5"],
    ]
