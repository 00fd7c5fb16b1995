"""The validate benchmark's comparison, on a small warehouse (no pipeline run needed)."""

import duckdb

from pipelines.validate.benchmark import compare_with_scan

SUMMARY = {
    "stage_seconds": {"ingest": 0.5, "validate": 2.0, "report": 1.0},
    "expectations_seconds": {"import": 1.25, "validate": 0.25},
}


def test_compare_with_scan_reads_the_same_tables(tmp_path):
    path = tmp_path / "warehouse.duckdb"
    con = duckdb.connect(str(path))
    for table in ("clean_registrations", "stg_registrations", "raw_evidence"):
        con.execute(f"create table {table} as select range as source_row from range(1234)")
    con.close()

    result = compare_with_scan(path, SUMMARY)
    lines = result.lines()

    assert result.rows == 1234
    assert result.scan_seconds > 0
    assert lines[0] == "rows 1234"
    assert lines[1].split() == ["validate", "2.00", "s"]
    assert lines[-2].startswith("ratio ")
    assert lines[-1] == "stages ingest 0.50 s, validate 2.00 s, report 1.00 s"
