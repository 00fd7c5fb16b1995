"""Read a clean delimited text export with DuckDB's CSV reader, when that provably loses nothing.

Python's csv reader numbers every record and names the reason of each bad one, at about ten
times the CPU of DuckDB's reader, which does not number rows. In a file where every record is
one line plus the line breaks inside its quoted cells, the record number is the header's number
plus the row's position, so DuckDB's rows can be numbered after all. This path is taken only
when the bytes prove that: DuckDB accepts every row in strict mode, and the file's line count
equals the lines above the data + the rows + the line breaks inside cells + trailing empty
lines. Anything else (blank lines between records, broken quoting, ragged rows, lone CRs, NUL,
spaces around quotes, an encoding DuckDB does not read) leaves the file to the Python reader,
so every quirk keeps its reason and row number. Both paths give the same raw rows.
"""

import codecs
import json
import logging
import tempfile
from collections.abc import Callable
from pathlib import Path

import duckdb
import pyarrow as pa

from pipelines.ingest.headers import HeaderMap
from pipelines.ingest.quarantine import EMPTY_STUDENT_ID, quarantine_reason, swallowed_span
from pipelines.ingest.readers import Row, Sheet

logger = logging.getLogger(__name__)

# Encodings DuckDB's reader takes as they are; other text is first re-encoded as UTF-8.
NATIVE_ENCODINGS = ("utf-8", "utf-8-sig")
BLOCK_BYTES = 1 << 24
MEMORY_LIMIT = "512MB"
# What Python's str.strip() removes, so that a cell of only such characters counts as empty
# here as it does in the Python reader (U+3000 is the last of them).
WHITESPACE = [chr(code) for code in range(0x3001) if chr(code).isspace()]
FIRST_IS_SPACE = "(" + ", ".join(f"chr({ord(char)})" for char in WHITESPACE) + ")"
VISIBLE = "[^" + "".join(f"\\x{{{ord(char):x}}}" for char in WHITESPACE) + "]"


class FastRead:
    """What a fast read found, in the terms of the Python reader's accounting."""

    def __init__(self) -> None:
        self.rows_kept = 0
        self.blank_rows = 0
        self.footer_rows: list[int] = []
        self.quarantined: list[tuple[int, str, list[str]]] = []  # (row, reason, cells)
        self.swallowed: list[tuple[int, int, int]] = []  # (row, first line, last line)


def read_text_fast(
    path: Path,
    encoding: str,
    sheet: Sheet,
    header: HeaderMap,
    schema: pa.Schema,
    sink: Callable[[pa.Table | pa.RecordBatchReader], None],
    batch_rows: int,
) -> FastRead | None:
    """Read the data rows under `header` through DuckDB; None when the file needs Python.

    The kept rows go to `sink` as one stream of `schema` batches in file order; nothing is
    sent before the whole file has been checked.
    """
    head = sheet.head(header.row_number)
    header_line = head[-1].lines[1] if head and head[-1].lines else None
    if sheet.delimiter is None or header_line != header.row_number:
        return None
    with tempfile.TemporaryDirectory(prefix="quxiang-text-") as folder:
        utf8 = _utf8_copy(path, encoding, Path(folder))
        layout = _byte_layout(utf8, sheet.delimiter)
        if layout is None:
            return None
        con = duckdb.connect()
        # the file's cells sit in this private database until they are numbered and sent on;
        # beyond MEMORY_LIMIT they spill to disk, so a million rows stay well under a GB
        con.execute(f"set memory_limit = '{MEMORY_LIMIT}'")
        con.execute("set temp_directory = ?", [str(Path(folder) / "spill")])
        try:
            kept = _kept_columns(path.name, header, schema)
            return _read(con, utf8, sheet.delimiter, header, layout, kept, schema, sink,
                         batch_rows)  # fmt: skip
        except duckdb.Error as exc:
            # strict mode refuses a ragged row or a broken quote: the Python reader names it
            logger.info("%s is read line by line: %s", path.name, str(exc).splitlines()[0])
            return None
        finally:
            con.close()


def _read(con, path, delimiter, header, layout, kept, schema, sink, batch_rows):
    lines, trailing_blank = layout
    width = header.width
    columns = "{" + ", ".join(f"'c{p}': 'VARCHAR'" for p in range(width)) + "}"
    filled = " + ".join(
        f"(case when c{p} is null or c{p} = '' then 0 when c{p}[1] not in {FIRST_IS_SPACE} "
        f"then 1 when regexp_matches(c{p}, '{VISIBLE}') then 1 else 0 end)"
        for p in range(width)
    )
    breaks = " + ".join(
        f"(case when contains(c{p}, chr(10)) then length(c{p}) - length(replace(c{p}, chr(10), "
        "'')) else 0 end)"
        for p in range(width)
    )
    # insertion order is file order, so rowid + 1 is the row's position under the header
    con.execute("set preserve_insertion_order = true")
    con.execute(
        f"create temp table text_cells as select *, {filled} as count_filled, "
        f"{breaks} as count_breaks from read_csv(?, columns = {columns}, header = false, "
        "skip = ?, delim = ?, quote = '\"', escape = '\"', strict_mode = true, "
        "auto_detect = false, null_padding = false, ignore_errors = false, "
        "max_line_size = 16777216)",
        [str(path), header.row_number, delimiter],
    )
    rows, embedded, last_full = con.execute(
        "select count(*), coalesce(sum(count_breaks), 0), "
        "coalesce(max(rowid + 1) filter (where count_filled >= 2), 0) from text_cells"
    ).fetchall()[0]
    if lines != header.row_number + rows + embedded + trailing_blank:
        logger.info("%s has blank or odd lines between records; it is read line by line.",
                    path.name)  # fmt: skip
        return None

    found = FastRead()
    found.blank_rows = trailing_blank
    found.blank_rows += con.execute(
        "select count(*) from text_cells where count_filled = 0"
    ).fetchall()[0][0]
    # one-cell rows after the last record are the footer ("合计：3人"), as the Python reader
    # decides; a sheet of 学号 alone has no footer
    footer_from = last_full + 1 if len(header.keys) > 1 else rows + 1
    found.footer_rows = [
        header.row_number + ordinal
        for (ordinal,) in con.execute(
            "select rowid + 1 from text_cells where count_filled = 1 and rowid + 1 >= ? "
            "order by rowid",
            [footer_from],
        ).fetchall()
    ]
    student = next(p for p, key in header.keys.items() if key == "student_id")
    empty_id = f"(c{student} is null or not regexp_matches(c{student}, '{VISIBLE}'))"
    records = f"count_filled > 0 and (count_filled >= 2 or rowid + 1 < {footer_from:d})"
    cells = [f"coalesce(c{p}, '')" for p in range(width)]
    found.quarantined, found.swallowed = _quarantined(
        con, header, student, delimiter, records, empty_id, cells
    )
    swallowed = [
        row - header.row_number for row, reason, _ in found.quarantined
        if reason != EMPTY_STUDENT_ID
    ]  # fmt: skip
    result = con.sql(
        f"select {kept} from text_cells where {records} and not {empty_id} "
        "and not list_contains(?::bigint[], rowid + 1)",
        params=[swallowed],
    )
    batches = result.to_arrow_reader(batch_rows)
    # one stream for the whole file: the warehouse stores it far faster than in pieces
    sink(pa.RecordBatchReader.from_batches(schema, (b.cast(schema) for b in batches)))
    blank_records = found.blank_rows - trailing_blank
    found.rows_kept = rows - blank_records - len(found.footer_rows) - len(found.quarantined)
    return found


def _quarantined(con, header, student, delimiter, records, empty_id, cells):
    """Rows with no 学号, and rows whose quoted cell swallowed other records (with lines)."""
    rows = con.execute(
        f"select rowid + 1, count_breaks, {empty_id}, list_value({', '.join(cells)}) "
        f"from text_cells where {records} and ({empty_id} or count_breaks > 0) order by rowid"
    ).fetchall()
    # the first line of a row: its number, plus the line breaks inside earlier rows' cells
    breaks_before = dict(
        con.execute(
            "select rowid + 1, sum(count_breaks) over (order by rowid) - count_breaks "
            "from text_cells where count_breaks > 0"
        ).fetchall()
    )
    found = []
    spans = []
    for ordinal, count_breaks, has_no_id, values in rows:
        number = header.row_number + ordinal
        if count_breaks:
            first = number + breaks_before[ordinal]
            row = Row(number, values, (), (first, first + count_breaks))
            reason = quarantine_reason(row, header, student, delimiter)
            span = swallowed_span(reason, row) if reason else None
            if span is not None:
                spans.append((number, *span))
        else:
            reason = EMPTY_STUDENT_ID if has_no_id else None
        if reason is not None:
            found.append((number, reason, values))
    return found, spans


def _kept_columns(file_name: str, header: HeaderMap, schema: pa.Schema) -> str:
    """The select list of a kept raw row, shaped as the Python reader shapes it."""
    by_key = {key: f"coalesce(c{p}, '')" for p, key in header.keys.items()}
    # as a dict, like the Python reader's: of two unknown columns named alike, the last wins
    set_aside = {
        **{text: f"coalesce(c{p}, '')" for p, text in header.unknown.items()},
        **{
            f"{text}（第 {p + 1} 列）": f"coalesce(c{p}, '')"
            for p, text in header.duplicates.items()
        },
    }
    values = {
        "source_file": _literal(file_name),
        "source_sheet": "''",
        "source_row": f"{header.row_number} + rowid + 1",
        "extra": json_object_sql(list(set_aside.items())) if set_aside else "null::varchar",
        "lost_digit_columns": "null::varchar",
    }
    return ", ".join(
        f"{values.get(name) or by_key.get(name) or 'null::varchar'} as {name}"
        for name in schema.names
    )


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _byte_layout(path: Path, delimiter: str) -> tuple[int, int] | None:
    """(text lines, trailing empty lines) of a file DuckDB reads as Python does, else None.

    A lone CR (Python keeps it inside the cell, DuckDB ends the row), NUL, or a space or tab
    beside a double quote (Python's csv reads '"a" ,b' as 'a ', DuckDB drops the space) rule
    the file out.
    """
    spaces = b" " if delimiter == "\t" else b" \t"
    newlines = crs = crlfs = 0
    previous = b""
    last = b""
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(BLOCK_BYTES), b""):
            joined = previous + block
            if b"\x00" in block or _space_beside_quote(joined, spaces):
                return None
            newlines += block.count(b"\n")
            carriage_returns = block.count(b"\r")
            crs += carriage_returns
            crlfs += joined.count(b"\r\n") if carriage_returns or previous == b"\r" else 0
            previous = block[-1:]
            last = (last + block)[-4096:]
    if crs != crlfs:
        return None
    lines = newlines + (0 if last.endswith(b"\n") else 1)
    tail = last.replace(b"\r\n", b"\n")
    # empty lines at the end: the Python reader counts each as a blank row
    trailing_blank = len(tail) - len(tail.rstrip(b"\n")) - 1 if tail.endswith(b"\n") else 0
    if not tail.rstrip(b"\n"):
        return None
    return lines, max(trailing_blank, 0)


def _space_beside_quote(block: bytes, spaces: bytes) -> bool:
    """True when a space (or tab) in `block` touches a double quote.

    >>> _space_beside_quote(b'a,"b" ,c', b" "), _space_beside_quote(b'a b,"c"', b" ")
    (True, False)
    """
    for space in (bytes([code]) for code in spaces):
        count = block.count(space)
        if count > len(block) // 64:
            # spaces everywhere: one substring search each way beats visiting them all
            if b'"' + space in block or space + b'"' in block:
                return True
            continue
        at = block.find(space)
        while at != -1:
            if block[at - 1 : at] == b'"' or block[at + 1 : at + 2] == b'"':
                return True
            at = block.find(space, at + 1)
    return False


def _utf8_copy(path: Path, encoding: str, folder: Path) -> Path:
    """`path` itself when DuckDB reads its encoding; else a UTF-8 copy of it in `folder`."""
    if codecs.lookup(encoding).name in NATIVE_ENCODINGS:
        return path
    decoder = codecs.getincrementaldecoder(encoding)()
    copy = folder / "utf8.csv"
    with path.open("rb") as source, copy.open("wb") as target:
        for block in iter(lambda: source.read(BLOCK_BYTES), b""):
            target.write(decoder.decode(block).encode("utf-8"))
        target.write(decoder.decode(b"", final=True).encode("utf-8"))
    return copy


def json_object_sql(pairs: list[tuple[str, str]]) -> str:
    """SQL building the JSON text `json.dumps(dict, ensure_ascii=False, sort_keys=True)` gives.

    `pairs` are (key, SQL expression of a text value).

    >>> print(json_object_sql([("备注", "c3"), ("QQ", "c4")]).replace(" || ', ' || ", "\\n"))
    '{' || '"QQ"' || ': ' || to_json(c4)::varchar
    '"备注"' || ': ' || to_json(c3)::varchar || '}'
    """
    parts = []
    for key, expression in sorted(pairs):
        literal = json.dumps(key, ensure_ascii=False).replace("'", "''")
        parts.append(f"'{literal}' || ': ' || to_json({expression})::varchar")
    return "'{' || " + " || ', ' || ".join(parts) + " || '}'"
