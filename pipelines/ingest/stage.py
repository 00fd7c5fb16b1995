"""The ingest stage: every input file into raw_* tables, unusable rows into quarantine."""

import logging

import pandas as pd

from pipelines.context import RunContext
from pipelines.history.remember import remember_inputs
from pipelines.ingest.extract import ExtractedFile, extract_file
from pipelines.ingest.headers import aliases
from pipelines.warehouse import write_frame

logger = logging.getLogger(__name__)

SOURCE_COLUMNS = ["source_file", "source_sheet", "source_row"]
QUARANTINE_COLUMNS = [*SOURCE_COLUMNS, "reason", "raw_text"]


def ingest(ctx: RunContext) -> dict:
    """Read exports, evidence manifest and roster; returns the per-file row accounting."""
    inputs = ctx.inputs
    exports = [extract_file(path, "registrations", inputs.encoding) for path in inputs.exports]
    evidence = (
        extract_file(inputs.evidence, "evidence", inputs.encoding) if inputs.evidence else None
    )
    roster = extract_file(inputs.roster, "roster", inputs.encoding) if inputs.roster else None

    write_frame(ctx.con, "raw_registrations", _records_frame(exports, "registrations"))
    write_frame(ctx.con, "raw_evidence", _records_frame([evidence] if evidence else [], "evidence"))
    write_frame(ctx.con, "raw_roster", _records_frame([roster] if roster else [], "roster"))
    write_frame(ctx.con, "quarantine", _quarantine_frame(exports))

    files = [
        _file_summary(e, kind)
        for kind, group in (("exports", exports), ("evidence", [evidence]), ("roster", [roster]))
        for e in group
        if e is not None
    ]
    return {
        "files": files,
        "has_roster": roster is not None,
        "has_evidence": evidence is not None,
        **remember_inputs(ctx, files),
    }


def _records_frame(extracted: list[ExtractedFile], table: str) -> pd.DataFrame:
    keys = sorted(set(aliases(table).values()))
    columns = [*SOURCE_COLUMNS, *keys, "extra"]
    records = [record for e in extracted for record in e.records]
    frame = pd.DataFrame.from_records(records, columns=columns)
    frame["source_row"] = frame["source_row"].astype("int64")
    return frame.astype({c: "str" for c in columns if c != "source_row"})


def _quarantine_frame(extracted: list[ExtractedFile]) -> pd.DataFrame:
    rows = [row for e in extracted for row in e.quarantined]
    frame = pd.DataFrame.from_records(rows, columns=QUARANTINE_COLUMNS)
    return frame.astype({"source_row": "int64"})


def _file_summary(extracted: ExtractedFile, kind: str) -> dict:
    return {
        "kind": kind,
        "file": str(extracted.path),
        "sha256": extracted.sha256,
        "format": extracted.file_format,
        "encoding": extracted.encoding,
        "sheet": extracted.sheet,
        "header_row": extracted.header_row,
        "rows_in": extracted.rows_in,
        "rows_quarantined_at_read": len(extracted.quarantined),
        "unknown_columns": extracted.unknown_columns,
        "footer_rows_ignored": extracted.footer_rows,
        "blank_rows_skipped": extracted.blank_rows,
    }
