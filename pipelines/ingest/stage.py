"""The ingest stage: every input file into raw_* tables, unusable rows into quarantine."""

import logging
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from pipelines.context import RunContext
from pipelines.history.remember import remember_inputs
from pipelines.ingest.extract import SOURCE_COLUMNS, ExtractedFile, raw_schema, scan_file
from pipelines.ingest.provenance import restore_provenance
from pipelines.warehouse import row_count, write_frame

logger = logging.getLogger(__name__)

QUARANTINE_COLUMNS = [*SOURCE_COLUMNS, "reason", "raw_text"]


def ingest(ctx: RunContext) -> dict:
    """Read exports, evidence manifest and roster; returns the per-file row accounting."""
    inputs = ctx.inputs
    groups = (
        ("exports", "registrations", list(inputs.exports)),
        ("evidence", "evidence", [inputs.evidence] if inputs.evidence else []),
        ("roster", "roster", [inputs.roster] if inputs.roster else []),
    )
    extracted: dict[str, list[ExtractedFile]] = {}
    for kind, table, paths in groups:
        # --sheet names a sheet of the exports; the manifest and roster keep their own layout
        sheet = inputs.sheet if kind == "exports" else None
        extracted[kind] = load_raw_table(
            ctx.con, f"raw_{table}", table, paths, inputs.encoding, sheet
        )
    # a partition's copy of an export names its rows by the export the office uploaded
    restore_provenance(ctx.con, extracted["exports"])
    write_frame(ctx.con, "quarantine", _quarantine_frame(extracted["exports"]))

    files = [_file_summary(e, kind) for kind, group in extracted.items() for e in group]
    unknown = unknown_columns(files)
    if unknown:
        # once per run, not once per row or file: the office decides whether to add an alias
        logger.warning(
            "Kept %d unknown columns in the raw tables' extra column: %s.",
            len(unknown),
            ", ".join(unknown),
        )
    # by file name, like unknown_columns; the log and the printed lines say them per file
    ignored_sheets = {
        Path(e["file"]).name: e["ignored_sheets"] for e in files if e["ignored_sheets"]
    }
    duplicates = {
        Path(e["file"]).name: e["duplicate_columns"] for e in files if e["duplicate_columns"]
    }
    remember_inputs(ctx, files)
    return {
        "files": files,
        "unknown_columns": unknown,
        "ignored_sheets": ignored_sheets,
        "duplicate_columns": duplicates,
        "has_roster": bool(extracted["roster"]),
        "has_evidence": bool(extracted["evidence"]),
    }


def load_raw_table(
    con: duckdb.DuckDBPyConnection,
    name: str,
    table: str,
    paths: list[Path],
    encoding: str | None = None,
    sheet: str | None = None,
    fast_text: bool = True,
) -> list[ExtractedFile]:
    """Stream the rows of `paths` into table `name` (text columns of `table` + source).

    `fast_text=False` reads clean text files line by line too (the benchmark's comparison).
    """
    schema = raw_schema(table)
    con.register("raw_batch", schema.empty_table())
    con.execute(f"create or replace table {name} as select * from raw_batch")
    con.unregister("raw_batch")

    def append(batch: pa.Table | pa.RecordBatchReader) -> None:
        con.register("raw_batch", batch)
        con.execute(f"insert into {name} select * from raw_batch")
        con.unregister("raw_batch")

    extracted = [
        scan_file(path, table, append, encoding, sheet=sheet, fast_text=fast_text) for path in paths
    ]
    logger.info("Loaded %d rows into %s.", row_count(con, name), name)
    return extracted


def unknown_columns(files: list[dict]) -> dict[str, list[str]]:
    """Each unknown header, with the files it came from.

    >>> unknown_columns([{"file": "a/x.csv", "unknown_columns": ["备注"]},
    ...                  {"file": "y.csv", "unknown_columns": ["备注", "QQ"]}])
    {'QQ': ['y.csv'], '备注': ['x.csv', 'y.csv']}
    """
    found: dict[str, list[str]] = {}
    for entry in files:
        for column in entry["unknown_columns"]:
            found.setdefault(column, []).append(Path(entry["file"]).name)
    return dict(sorted(found.items()))


def _quarantine_frame(extracted: list[ExtractedFile]) -> pd.DataFrame:
    rows = [row for e in extracted for row in e.quarantined]
    frame = pd.DataFrame.from_records(rows, columns=QUARANTINE_COLUMNS)
    # typed even when empty, so that later stages can append their held-back rows
    return frame.astype({c: "int64" if c == "source_row" else "str" for c in QUARANTINE_COLUMNS})


def _file_summary(extracted: ExtractedFile, kind: str) -> dict:
    return {
        "kind": kind,
        "file": str(extracted.path),
        "sha256": extracted.sha256,
        "format": extracted.file_format,
        "encoding": extracted.encoding,
        "sheet": extracted.sheet,
        "sheets": extracted.sheets,
        "ignored_sheets": extracted.ignored_sheets,
        "duplicate_columns": extracted.duplicate_columns,
        "header_row": extracted.header_row,
        "reader": extracted.reader,
        "rows_in": extracted.rows_in,
        "rows_quarantined_at_read": len(extracted.quarantined),
        "unknown_columns": extracted.unknown_columns,
        "footer_rows_ignored": extracted.footer_rows,
        "blank_rows_skipped": extracted.blank_rows,
        "quote_swallowed": [
            {"row": row, "first_line": first, "last_line": last}
            for row, first, last in extracted.swallowed
        ],
    }
