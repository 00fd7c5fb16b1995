"""The unit-name macros: which spellings count as the same name."""

import csv
from pathlib import Path

import duckdb
import pytest

from pipelines.match.master import prepare_unit_tables

CASES = Path(__file__).parent / "data" / "match" / "name_keys.csv"


def _cases() -> list:
    with CASES.open(encoding="utf-8", newline="") as handle:
        return [pytest.param(row, id=row["case"]) for row in csv.DictReader(handle)]


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    prepare_unit_tables(connection)
    yield connection
    connection.close()


@pytest.mark.parametrize("case", _cases())
def test_clean_and_key(con, case):
    assert con.execute(
        "select unit_name_clean(?), unit_name_key(?)", [case["name"], case["name"]]
    ).fetchall() == [(case["clean"], case["key"])]


def test_missing_name_has_no_key(con):
    assert con.execute("select unit_name_clean(null), unit_name_key(null)").fetchall() == [
        (None, None)
    ]


def test_prepare_keeps_an_existing_master(con):
    con.execute("insert into unit_master (credit_code, name) values ('X', '甲')")
    prepare_unit_tables(con)
    assert con.execute("select credit_code, name from unit_master").fetchall() == [("X", "甲")]


@pytest.mark.parametrize(
    ("key", "pieces"),
    [("甲示例科技", ["甲示", "示例", "例科", "科技"]), ("甲", ["甲"]), ("", [""])],
    ids=["several", "one_character", "empty"],
)
def test_name_pieces(con, key, pieces):
    assert con.execute("select list_sort(unit_name_pieces(?))", [key]).fetchall() == [
        (sorted(pieces),)
    ]
