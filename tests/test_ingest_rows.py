"""Every input row ends in exactly one place: the raw table, quarantine, or a footer/blank."""

import csv
import json
import logging

import pytest

from pipelines.ingest.extract import extract_file, scan_file
from pipelines.normalise.salary import parse_salary
from tests.conftest import DATA, QUIRKS, read_findings, run_pipeline

INGEST = DATA / "ingest"


def test_broken_quoting_and_extra_cells_are_quarantined_with_their_reasons():
    extracted = extract_file(INGEST / "broken-quoting.csv", "registrations")
    reasons = {row["source_row"]: row["reason"] for row in extracted.quarantined}

    assert [r["student_id"] for r in extracted.records] == ["S201"]
    assert reasons == {
        3: "本行有 5 个单元格，多于表头的 4 列（可能是内容里有未加引号的逗号）",
        4: "引号不成对：文本第 4–5 行被读成了一行；"
        "请检查文本第 4 行单元格里的双引号，改正后重新导出",
    }
    assert extracted.rows_in == 3


def test_rows_stream_in_batches_and_keep_their_order_and_footers():
    batches = []
    extracted = scan_file(
        QUIRKS / "merged-title-header.xlsx", "registrations", batches.append, batch_rows=2
    )

    assert [batch.num_rows for batch in batches] == [2, 1]
    assert [n for batch in batches for n in batch.column("source_row").to_pylist()] == [4, 5, 6]
    assert extracted.footer_rows == [7]
    assert extracted.rows_in == 3


def test_id_number_stored_as_a_number_is_a_finding_and_never_repaired(tmp_path):
    rows = extract_file(INGEST / "id-number-as-number.xlsx", "registrations").records
    assert [(r["id_number"], r["lost_digit_columns"]) for r in rows] == [
        ("350125200210194077", None),
        ("350125200204025000", "agreement_no,id_number"),
        ("350125021019407", None),
    ]
    assert [r["agreement_no"] for r in rows] == ["2025000001", "20250000000000000000", "2025000003"]

    findings = read_findings(run_pipeline(tmp_path, [INGEST / "id-number-as-number.xlsx"]))
    lost = findings[findings["rule_id"] == "id_number.stored_as_number"]
    assert lost[["student_id", "severity", "value", "source_row"]].values.tolist() == [
        ["S102", "error", "350125200204025000", "3"],
    ]
    assert lost.iloc[0]["message"].startswith(
        "身份证号 350125200204025000 在 Excel 中被存成了数字，Excel 只保留15位有效数字"
    )


def test_id_number_in_scientific_notation_from_a_saved_csv_is_a_finding(tmp_path):
    findings = read_findings(run_pipeline(tmp_path, [INGEST / "id-number-scientific.csv"]))
    lost = findings[findings["rule_id"] == "id_number.stored_as_number"]

    assert lost[["student_id", "value"]].values.tolist() == [["S301", "3.50125E+17"]]


def test_several_files_combine_and_unknown_columns_are_reported_once(tmp_path, caplog):
    files = [INGEST / "unknown-columns-a.csv", INGEST / "unknown-columns-b.csv"]
    with caplog.at_level(logging.WARNING, logger="pipelines.ingest.stage"):
        out = run_pipeline(tmp_path, files)
    summary = json.loads((out / "run_summary.json").read_text(encoding="utf-8"))
    findings = read_findings(out)

    assert summary["unknown_columns"] == {
        "QQ号": ["unknown-columns-a.csv"],
        "备注": ["unknown-columns-a.csv", "unknown-columns-b.csv"],
    }
    warnings = [r.getMessage() for r in caplog.records if r.name == "pipelines.ingest.stage"]
    assert warnings == ["Kept 2 unknown columns in the raw tables' extra column: QQ号, 备注."]
    # the same student in two files: an exact repeat, merged and reported
    repeat = findings[findings["rule_id"] == "student_id.duplicate_exact"]
    assert repeat[["student_id", "source_file", "source_row"]].values.tolist() == [
        ["S401", "unknown-columns-b.csv", "3"],
    ]
    per_file = {
        e["file"].rsplit("/", 1)[-1]: (e["rows_in"], e["rows_loaded"], e["rows_quarantined"])
        for e in summary["files"]
    }
    assert per_file == {"unknown-columns-a.csv": (1, 1, 0), "unknown-columns-b.csv": (2, 1, 1)}


def salary_cases() -> list:
    with (INGEST / "salary_cases.csv").open(encoding="utf-8", newline="") as handle:
        return [
            pytest.param(
                row["text"],
                float(row["yuan_per_month"]) if row["yuan_per_month"] else None,
                id=row["why"],
            )
            for row in csv.DictReader(handle)
        ]


@pytest.mark.parametrize(("text", "expected"), salary_cases())
def test_salary_to_yuan_per_month(text, expected):
    assert parse_salary(text) == expected
