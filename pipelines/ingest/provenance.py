"""Rows copied from another export keep the file, sheet and line they were copied from.

The partitioned night's split writes each row to a partition's own CSV with one reserved
first column, `PROVENANCE`, holding where the row was read: the original file, sheet and row
number as a JSON array. The partition's ingest reads that CSV like any export (the column is
an unknown one to the readers) and then names every row, kept or quarantined, by its origin,
so that the office is pointed at the line of the export it uploaded, not at the copy.
A file without the column is left exactly as read.
"""

import functools
import json
import logging

import duckdb

from pipelines.ingest.extract import ExtractedFile
from pipelines.warehouse import create_table

logger = logging.getLogger(__name__)

# a header no platform export has: it starts with an underscore, which no alias does
PROVENANCE = "_来源"


def provenance_cell(file: str, sheet: str, row: int) -> str:
    """The reserved cell of a copied row; '|' escaped, since quarantine joins cells with it.

    >>> provenance_cell("导出|1.csv", "", 57)
    '["导出\\\\u007c1.csv","",57]'
    """
    return f"{_prefix(file, sheet)}{row}]"


@functools.cache
def _prefix(file: str, sheet: str) -> str:
    # one JSON encoding per file and sheet, not per row: the split writes millions of them
    text = json.dumps([file, sheet], ensure_ascii=False, separators=(",", ":"))
    return text[:-1].replace("|", "\\u007c") + ","


def restore_provenance(con: duckdb.DuckDBPyConnection, extracted: list[ExtractedFile]) -> None:
    """Name the rows of copied exports by their origin, in `raw_registrations` and quarantine."""
    copied = [e for e in extracted if PROVENANCE in e.unknown_columns]
    if not copied:
        return
    create_table(con, "raw_registrations", "staging/raw_registrations_traced")
    for file in copied:
        file.unknown_columns.remove(PROVENANCE)
        file.quarantined = [_traced(row) for row in file.quarantined]
    logger.info("Named the rows of %d copied exports by their original files.", len(copied))


def _traced(row: dict) -> dict:
    """A quarantined row with the origin of its first cell, and that cell taken off its text.

    >>> row = _traced({"source_file": "a.csv", "source_sheet": "", "source_row": 2,
    ...                "reason": "x", "raw_text": '["导出.xlsx","Sheet1",57]||张三'})
    >>> row["source_file"], row["source_sheet"], row["source_row"], row["raw_text"]
    ('导出.xlsx', 'Sheet1', 57, '|张三')
    """
    first, _, rest = row["raw_text"].partition("|")
    try:
        file, sheet, number = json.loads(first)
    except ValueError:
        return row
    origin = {"source_file": file, "source_sheet": sheet, "source_row": number}
    return {**row, **origin, "raw_text": rest}
