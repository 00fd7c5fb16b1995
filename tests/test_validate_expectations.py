"""The Great Expectations suites run on a tiny warehouse, in batches smaller than the table."""

import json

import duckdb
import pandas as pd
import pytest

from pipelines.reference.load import load_reference_tables
from pipelines.validate import expectations
from pipelines.validate.expectations import load_suites, run_suites

ROWS = pd.DataFrame(
    {
        "source_file": ["a.csv"] * 7,
        "source_sheet": [None] * 7,
        "source_row": range(2, 9),
        "student_id": [f"S{n}" for n in range(7)],
        "gender": ["男", "女", "M", None, "女", "男", "男"],
        "penalty": ["5000", "五千", None, "3000元", "12.50", "1e4", None],
        "salary": ["8000", "300", None, "9000", "20万", None, None],
        "salary_yuan_month": [8000.0, 300.0, None, 9000.0, 200000.0, None, None],
    }
)


@pytest.fixture(scope="module")
def warehouse():
    loader = duckdb.connect()
    load_reference_tables(loader)
    # the loader reads its counts with fetchone(), which leaves a result open in DuckDB 2
    con = loader.cursor()
    con.register("rows_frame", ROWS)
    con.execute("create table guarded as select * from rows_frame")
    return con


@pytest.fixture(scope="module")
def suite():
    definition = load_suites()["stg_registrations"]
    kept = {"gender.unknown", "penalty.not_numeric", "salary.implausible"}
    return {
        "guarded": {
            **definition,
            "expectations": [
                item for item in definition["expectations"] if item["meta"]["rule_id"] in kept
            ],
        }
    }


@pytest.fixture(scope="module")
def result(warehouse, suite):
    original = expectations.CHUNK_ROWS
    expectations.CHUNK_ROWS = 3
    try:
        return run_suites(warehouse, suite)
    finally:
        expectations.CHUNK_ROWS = original


def test_every_unexpected_row_becomes_one_finding(result):
    found = result.findings[["student_id", "field", "rule_id", "value", "source_row"]]

    assert sorted(found.values.tolist()) == [
        ["S1", "penalty", "penalty.not_numeric", "五千", 3],
        ["S1", "salary", "salary.implausible", "300", 3],
        ["S2", "gender", "gender.unknown", "M", 4],
        ["S4", "salary", "salary.implausible", "20万", 6],
        ["S5", "penalty", "penalty.not_numeric", "1e4", 7],
    ]


def test_outcomes_add_up_over_the_batches(result):
    outcomes = {outcome.rule_id: outcome for outcome in result.outcomes}

    # nulls are not checked: whether a field must be filled is the destination rules' job
    assert (
        outcomes["gender.unknown"].count_checked,
        outcomes["gender.unknown"].count_unexpected,
    ) == (
        7,
        1,
    )
    assert outcomes["salary.implausible"].count_unexpected == 2
    assert outcomes["salary.implausible"].examples == ["300", "20万"]


def test_findings_are_plain_text_and_json_serialisable(result):
    records = result.findings.drop(columns=["source_row"]).to_dict(orient="records")

    assert json.dumps(records, ensure_ascii=False)
    assert result.findings.iloc[0]["message"] == "性别“M”不是“男”或“女”：请按身份证填写"


def test_timings_are_measured(result):
    assert set(result.seconds) == {"import", "validate"}
    assert result.seconds["validate"] > 0


def test_suites_are_named_after_tables_and_document_their_grain():
    suites = load_suites()

    assert sorted(suites) == ["raw_evidence", "stg_registrations"]
    for definition in suites.values():
        assert (
            definition["meta"]["description"].rstrip(".").split(". ")[-1].startswith("One row per")
        )
        assert all("rule_id" in item["meta"] for item in definition["expectations"])
