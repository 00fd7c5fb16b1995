"""The normalise stage's SQL gives exactly what the Python text rules give.

Cleaning and the ASCII spellings run in DuckDB; these tests feed the same tricky values to
both and compare, so the two cannot drift apart.
"""

import datetime as dt
import sys
import unicodedata

import duckdb
import pandas as pd
import pyarrow as pa
import pytest

from pipelines.context import RunContext, RunInputs
from pipelines.ingest.extract import raw_schema
from pipelines.normalise.registrations import (
    CODE_FIELDS,
    EMAIL_FIELDS,
    LABEL_FIELDS,
    canonical_degree,
    compact_code,
)
from pipelines.normalise.stage import normalise
from pipelines.reference.load import load_reference_tables
from pipelines.text.clean import clean_text, label_key
from pipelines.warehouse import read_table, sql_text

# full-width letters and digits, NBSP, ideographic and other odd spaces, zero-width characters,
# BOM, soft hyphen, control characters, tabs and line breaks inside, mixed case, empty cells
TRICKY = [
    "ｇ２０２１０１Ａ",
    "\u00a0 9111 0108-5h7k\u3000",
    "\u200b张\u200b测一\u3000",
    "a\x00b\x1fc\x7fd\x85e\x9ff",
    "第一行\n第二行\t末尾",
    "\u2000\u1680x\u2001\u2028y\u2029",
    "\ufeff\u00adAbC dEf\u202f",
    "Mixed Case 123",
    "   ",
    "\u200b",
    "",
    "\u2003签订 就业协议书\u205f",
    "abc@ＥＸＡＭＰＬＥ.com",
    "本科生 毕业",
    "2025年6月30日",
    "45838",
    "8-10K",
    "１.２万",
]


def _every_character() -> list[str]:
    """One value per code point of the BMP up to the CJK block, at both ends and inside."""
    chars = [chr(code) for code in range(0x3100) if not 0xD800 <= code <= 0xDFFF]
    chars += [chr(code) for code in (0xFEFF, 0xFF01, 0xFF21, 0xFF41, 0xFF5E, 0xFFE5)]
    return [f"{char}a{char}b{char}" for char in chars]


@pytest.fixture
def con():
    connection = duckdb.connect()
    connection.execute(sql_text("macros/clean_text"))
    yield connection
    connection.close()


def test_clean_text_macro_removes_what_clean_text_removes(con):
    values = TRICKY + _every_character()
    cleaned = con.execute(
        "select clean_text(value) from unnest(?::varchar[]) as cells(value)", [values]
    ).fetchall()
    expected = [clean_text(value) or None for value in values]
    mismatches = [
        (value, got[0], want)
        for value, got, want in zip(values, cleaned, expected, strict=True)
        if got[0] != want
    ]
    assert mismatches == []


def test_clean_text_macro_pins_the_tricky_cases(con):
    cleaned = dict(
        con.execute(
            "select value, clean_text(value) from unnest(?::varchar[]) as cells(value)",
            [TRICKY[:12]],
        ).fetchall()
    )
    assert cleaned["\u200b张\u200b测一\u3000"] == "张测一"
    assert cleaned["a\x00b\x1fc\x7fd\x85e\x9ff"] == "abcdef"
    assert cleaned["第一行\n第二行\t末尾"] == "第一行\n第二行\t末尾"
    assert cleaned["\u2000\u1680x\u2001\u2028y\u2029"] == "x\u2001\u2028y"
    assert cleaned["\ufeff\u00adAbC dEf\u202f"] == "AbC dEf"
    assert cleaned["   "] is None
    assert cleaned["\u200b"] is None
    assert cleaned[""] is None


def _stage_on(tmp_path, values: list[str], student_ids=None) -> duckdb.DuckDBPyConnection:
    """Run the normalise stage on one raw row per value, the value in every text field.

    Without `student_ids` every row gets its own 学号, so that no row repeats another.
    """
    connection = duckdb.connect(str(tmp_path / "w.duckdb"))
    load_reference_tables(connection)
    schema = raw_schema("registrations")
    text_columns = [name for name in schema.names if name not in ("source_file", "source_row")]
    columns = {
        "source_file": ["t.csv"] * len(values),
        "source_row": list(range(2, len(values) + 2)),
        **{name: values for name in text_columns},
        "student_id": student_ids or [f"{value}#{index}" for index, value in enumerate(values)],
        "lost_digit_columns": [None] * len(values),
    }
    raw = pa.table({name: columns[name] for name in schema.names}, schema=schema)
    connection.register("raw_arrow", raw)
    connection.execute("create table raw_registrations as select * from raw_arrow")
    connection.execute(
        "create table quarantine (source_file varchar, source_sheet varchar, "
        "source_row bigint, reason varchar, raw_text varchar)"
    )
    ctx = RunContext(
        inputs=RunInputs(()),
        con=connection,
        work_dir=tmp_path,
        run_date=dt.date(2025, 8, 31),
    )
    normalise(ctx)
    return connection


def _python_form(field: str, cleaned: str | None) -> str | None:
    if cleaned is None:
        return None
    if field in CODE_FIELDS:
        return compact_code(cleaned)
    if field == "degree_level":
        return canonical_degree(label_key(cleaned))
    if field in EMAIL_FIELDS + LABEL_FIELDS:
        return label_key(cleaned)
    return cleaned


def test_staged_values_are_the_python_rules_applied(tmp_path):
    ascii_values = [chr(code) + " x\ty\nZ " + chr(code) for code in range(0x21, 0x7F)]
    values = TRICKY + ascii_values
    connection = _stage_on(tmp_path, values)
    normalised = read_table(connection, "norm_registrations")
    connection.close()

    fields = [f for f in normalised.columns if f not in ("source_file", "source_row")]
    skipped = ("student_id", "lost_digit_columns", "sign_date_parsed", "salary_yuan_month")
    fields = [field for field in fields if field not in skipped]
    for field in fields:
        cleaned = [clean_text(value) or None for value in values]
        expected = [_python_form(field, text) for text in cleaned]
        got = [None if pd.isna(value) else value for value in normalised[field]]
        assert got == expected, field


def test_dates_and_salaries_are_parsed_once_per_value(tmp_path):
    connection = _stage_on(tmp_path, ["2025年6月30日", "45838", "8-10K", "１.２万", "面议", ""])
    parsed = connection.execute(
        "select sign_date_parsed, salary_yuan_month from norm_registrations"
    ).fetchall()
    connection.close()
    assert parsed == [
        (dt.date(2025, 6, 30), None),
        (dt.date(2025, 6, 30), 45838.0),
        (None, 9000.0),
        (None, 12000.0),
        (None, None),
        (None, None),
    ]


def test_python_and_unicode_agree_on_nfkc_for_ascii():
    # the SQL keeps ASCII text out of NFKC; that is safe only while NFKC leaves ASCII alone
    ascii_text = "".join(chr(code) for code in range(128))
    assert unicodedata.normalize("NFKC", ascii_text) == ascii_text
    assert sys.maxunicode > 0xFFFF


def test_repeats_are_merged_or_held_back_naming_the_rows_they_repeat(tmp_path):
    # rows 2 and 4: same 学号, same content; rows 3 and 5: same 学号, different content
    connection = _stage_on(
        tmp_path, ["甲", "乙", "甲", "丙", "丁"], student_ids=["1", "2", "1", "2", "3"]
    )
    quarantined = connection.execute(
        "select source_row, reason, raw_text from quarantine order by source_row"
    ).fetchall()
    kept = connection.execute("select source_row from clean_registrations").fetchall()
    findings = connection.execute(
        "select rule_id, source_row, value from findings_duplicates"
    ).fetchall()
    connection.close()
    assert quarantined == [
        (3, "同一学号出现在 t.csv 第 3 行、t.csv 第 5 行，内容不一致，暂不处理", "2"),
        (4, "与 t.csv 第 2 行 完全相同，已合并为一条", "1"),
        (5, "同一学号出现在 t.csv 第 3 行、t.csv 第 5 行，内容不一致，暂不处理", "2"),
    ]
    assert kept == [(2,), (6,)]
    assert findings == [
        ("student_id.duplicate_exact", 4, "1"),
        ("student_id.duplicate_conflict", 3, "2"),
        ("student_id.duplicate_conflict", 5, "2"),
    ]
