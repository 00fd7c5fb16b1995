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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pyarrow as pa

from pipelines.ingest.headers import HeaderMap
from pipelines.ingest.quarantine import EMPTY_STUDENT_ID, quarantine_reason
from pipelines.ingest.readers import Row, Sheet

logger = logging.getLogger(__name__)

# Encodings DuckDB's reader takes as they are; other text is first re-encoded as UTF-8.
NATIVE_ENCODINGS = ("utf-8", "utf-8-sig")
BLOCK_BYTES = 1 << 24
# Python's csv keeps spaces around a quoted cell ('"a" ,b' gives 'a '); DuckDB drops them.
QUOTE_SPACES = (b'" ', b' "')
QUOTE_TABS = (b'"\t', b'\t"')
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


def read_text_fast(
    path: Path,
    encoding: str,
    sheet: Sheet,
    header: HeaderMap,
    schema: pa.Schema,
    sink: Callable[[pa.Table], None],
    batch_rows: int,
) -> FastRead | None:
    """Read the data rows under `header` through DuckDB; None when the file needs Python.

    The kept rows go to `sink` as tables of `schema` in file order, as the Python reader
    sends them; nothing is sent before the whole file has been checked.
    """
    head = sheet.head(header.row_number)
    header_line = head[-1].lines[1] if head and head[-1].lines else None
    if sheet.delimiter is None or header_line != header.row_number:
        return None
    with _utf8_copy(path, encoding) as utf8:
        layout = _byte_layout(utf8, sheet.delimiter)
        if layout is None:
            return None
        con = duckdb.connect()
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
    con.execute("set preserve_insertion_order = true")
    con.execute(
        f"create temp table text_cells as select * from read_csv(?, columns = {columns}, "
        "header = false, skip = ?, delim = ?, quote = '\"', escape = '\"', strict_mode = true, "
        "auto_detect = false, null_padding = false, ignore_errors = false, "
        "max_line_size = 16777216)",
        [str(path), header.row_number, delimiter],
    )
    cells = [f"coalesce(c{p}, '')" for p in range(width)]
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
    con.execute(
        f"create temp table text_marks as select rowid + 1 as ordinal, {filled} as count_filled, "
        f"{breaks} as count_breaks from text_cells"
    )
    rows, embedded, last_full = con.execute(
        "select count(*), coalesce(sum(count_breaks), 0), "
        "coalesce(max(ordinal) filter (where count_filled >= 2), 0) from text_marks"
    ).fetchall()[0]
    if lines != header.row_number + rows + embedded + trailing_blank:
        logger.info("%s has blank or odd lines between records; it is read line by line.",
                    path.name)  # fmt: skip
        return None

    found = FastRead()
    found.blank_rows = trailing_blank
    found.blank_rows += con.execute(
        "select count(*) from text_marks where count_filled = 0"
    ).fetchall()[0][0]
    # one-cell rows after the last record are the footer ("合计：3人"), as the Python reader
    # decides; a sheet of 学号 alone has no footer
    footer_from = last_full + 1 if len(header.keys) > 1 else rows + 1
    found.footer_rows = [
        header.row_number + ordinal
        for (ordinal,) in con.execute(
            "select ordinal from text_marks where count_filled = 1 and ordinal >= ? "
            "order by ordinal",
            [footer_from],
        ).fetchall()
    ]
    student = next(p for p, key in header.keys.items() if key == "student_id")
    found.quarantined = _quarantined(con, header, student, delimiter, footer_from, cells)
    skipped = [row - header.row_number for row, _, _ in found.quarantined]
    con.register("text_skipped", pa.table({"ordinal": pa.array(skipped, pa.int64())}))
    result = con.sql(
        f"select {kept} from text_cells "
        "join text_marks on text_marks.ordinal = text_cells.rowid + 1 "
        "anti join text_skipped on text_skipped.ordinal = text_marks.ordinal "
        "where count_filled > 0 and (count_filled >= 2 or text_marks.ordinal < ?) "
        "order by text_marks.ordinal",
        params=[footer_from],
    )
    for batch in result.to_arrow_reader(batch_rows):
        sink(pa.Table.from_batches([batch]).cast(schema))
        found.rows_kept += batch.num_rows
    return found


def _quarantined(con, header, student, delimiter, footer_from, cells):
    """Rows with no 学号, and rows whose quoted cell swallowed other records."""
    text = f"c{student}"
    empty_id = f"({text} is null or {text} = '' or not regexp_matches({text}, '{VISIBLE}'))"
    rows = con.execute(
        f"select text_marks.ordinal, count_breaks, {empty_id}, list_value({', '.join(cells)}) "
        "from text_cells join text_marks on text_marks.ordinal = text_cells.rowid + 1 "
        f"where count_filled > 0 and (count_filled >= 2 or text_marks.ordinal < ?) "
        f"and ({empty_id} or count_breaks > 0) order by text_marks.ordinal",
        [footer_from],
    ).fetchall()
    # the first line of a row: its number, plus the line breaks inside earlier rows' cells
    breaks_before = dict(
        con.execute(
            "select ordinal, sum(count_breaks) over (order by ordinal) - count_breaks "
            "from text_marks where count_breaks > 0"
        ).fetchall()
    )
    found = []
    for ordinal, count_breaks, has_no_id, values in rows:
        number = header.row_number + ordinal
        if count_breaks:
            first = number + breaks_before[ordinal]
            row = Row(number, values, (), (first, first + count_breaks))
            reason = quarantine_reason(row, header, student, delimiter)
        else:
            reason = EMPTY_STUDENT_ID if has_no_id else None
        if reason is not None:
            found.append((number, reason, values))
    return found


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
        "source_row": f"{header.row_number} + text_marks.ordinal",
        "extra": json_object_sql(list(set_aside.items())) if set_aside else "null",
        "lost_digit_columns": "null",
    }
    return ", ".join(
        f"{values.get(name) or by_key.get(name) or 'null'} as {name}" for name in schema.names
    )


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _byte_layout(path: Path, delimiter: str) -> tuple[int, int] | None:
    """(text lines, trailing empty lines) of a file DuckDB reads as Python does, else None.

    A lone CR (Python keeps it inside the cell, DuckDB ends the row), NUL, or a space or tab
    beside a double quote rule the file out.
    """
    banned = QUOTE_SPACES + (QUOTE_TABS if delimiter != "\t" else ())
    newlines = crs = crlfs = 0
    previous = b""
    last = b""
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(BLOCK_BYTES), b""):
            joined = previous + block
            if b"\x00" in block or any(pattern in joined for pattern in banned):
                return None
            newlines += block.count(b"\n")
            crs += block.count(b"\r")
            crlfs += joined.count(b"\r\n")
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


@contextmanager
def _utf8_copy(path: Path, encoding: str) -> Iterator[Path]:
    """`path` itself when DuckDB reads its encoding; else a temporary UTF-8 copy of it."""
    if encoding.lower().replace("_", "-") in NATIVE_ENCODINGS:
        yield path
        return
    decoder = codecs.getincrementaldecoder(encoding)()
    with tempfile.TemporaryDirectory(prefix="quxiang-text-") as folder:
        copy = Path(folder) / "utf8.csv"
        with path.open("rb") as source, copy.open("wb") as target:
            for block in iter(lambda: source.read(BLOCK_BYTES), b""):
                target.write(decoder.decode(block).encode("utf-8"))
            target.write(decoder.decode(b"", final=True).encode("utf-8"))
        yield copy


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
