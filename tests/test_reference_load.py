import csv

import duckdb
import pytest

from pipelines.reference import REFERENCE_DIR, load_reference_tables


def count_rows(path) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def counts(con):
    return load_reference_tables(con)


def test_one_table_per_csv_with_exact_row_counts(counts):
    expected = {f"ref_{path.stem}": count_rows(path) for path in REFERENCE_DIR.glob("*.csv")}

    assert counts == expected


def test_every_column_is_text(con, counts):
    types = con.execute(
        "select distinct data_type from duckdb_columns() where table_name like 'ref_%'"
    ).fetchall()

    assert types == [("VARCHAR",)]


@pytest.mark.parametrize(
    "table, column, value",
    [
        ("ref_industries", "code", "01"),
        ("ref_postcode_prefixes", "postcode_prefix", "05"),
        ("ref_countries", "numeric", "004"),
        ("ref_destinations", "code", "10"),
    ],
)
def test_leading_zeros_are_kept(con, counts, table, column, value):
    found = con.execute(f"select count(*) from {table} where {column} = ?", [value]).fetchone()

    assert found[0] >= 1


def test_override_folder_and_codes_that_look_like_numbers(tmp_path):
    (tmp_path / "codes.csv").write_text("code,name\n010,甲\n007,乙\n1e3,丙\n", encoding="utf-8")
    connection = duckdb.connect()

    counts = load_reference_tables(connection, tmp_path)

    assert counts == {"ref_codes": 3}
    rows = connection.execute("select code from ref_codes order by code").fetchall()
    assert rows == [("007",), ("010",), ("1e3",)]


def test_reload_replaces_the_table(tmp_path):
    path = tmp_path / "codes.csv"
    connection = duckdb.connect()
    path.write_text("code\n01\n02\n", encoding="utf-8")
    load_reference_tables(connection, tmp_path)
    path.write_text("code\n01\n", encoding="utf-8")

    assert load_reference_tables(connection, tmp_path) == {"ref_codes": 1}


def test_bad_file_name_is_refused(tmp_path):
    (tmp_path / "Bad Name.csv").write_text("code\n1\n", encoding="utf-8")

    with pytest.raises(ValueError, match=r"Bad Name\.csv"):
        load_reference_tables(duckdb.connect(), tmp_path)
