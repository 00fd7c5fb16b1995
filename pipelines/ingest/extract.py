"""Turn one input file into keyed text records, quarantined rows and what was left aside."""

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from pipelines.errors import (
    EmptyFileError,
    MissingColumnError,
    MissingFileError,
    QuxiangInputError,
)
from pipelines.ingest.fast_text import read_text_fast
from pipelines.ingest.headers import MAX_HEADER_SEARCH_ROWS, HeaderMap, aliases, find_header
from pipelines.ingest.quarantine import (
    EMPTY_STUDENT_ID,
    FORMULA_STUDENT_ID,
    MAX_SWALLOWED_LINES,
    cell,
    quarantine_reason,
    swallowed_span,
)
from pipelines.ingest.readers import FileContent, Row, Sheet, read_file

logger = logging.getLogger(__name__)


SOURCE_COLUMNS = ["source_file", "source_sheet", "source_row"]
# kept beside the canonical columns: unknown columns as JSON, and the columns whose number
# cells had lost digits in Excel (a finding later, never a silent repair)
TRAILING_COLUMNS = ["extra", "lost_digit_columns"]

# Rows handed to the warehouse at a time: large enough for fast inserts, small enough that a
# million-row file never sits in Python whole.
BATCH_ROWS = 20_000


@dataclass
class ExtractedFile:
    path: Path
    sha256: str
    file_format: str
    encoding: str | None
    sheet: str
    header_row: int
    rows_kept: int = 0
    records: list[dict] = field(default_factory=list)
    quarantined: list[dict] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    # every sheet read (a workbook may split its students over several), and those without 学号
    sheets: list[str] = field(default_factory=list)
    ignored_sheets: list[str] = field(default_factory=list)
    # "学号（第 5 列）": a second column for a field already read, set aside
    duplicate_columns: list[str] = field(default_factory=list)
    footer_rows: list[int] = field(default_factory=list)
    blank_rows: int = 0
    # (row, first text line, last text line) of rows an unpaired double quote ran together
    swallowed: list[tuple[int, int, int]] = field(default_factory=list)
    # "duckdb" for a text file DuckDB could read exactly, "python" for the line-by-line readers
    reader: str = "python"

    @property
    def rows_in(self) -> int:
        return self.rows_kept + len(self.quarantined)


def raw_schema(table: str) -> pa.Schema:
    """Source columns, every canonical key of `table` in name order, then the trailing ones.

    >>> raw_schema("roster").names[:4]
    ['source_file', 'source_sheet', 'source_row', 'college']
    """
    keys = sorted(set(aliases(table).values()))
    return pa.schema(
        [
            (column, pa.int64() if column == "source_row" else pa.string())
            for column in [*SOURCE_COLUMNS, *keys, *TRAILING_COLUMNS]
        ]
    )


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_readable(
    path: Path, table: str, encoding: str | None = None, sheet: str | None = None
) -> bool:
    """Fail fast, before any stage starts, on a file the run could not use at all.

    Returns whether the file holds a data row under its header (an export of a college where
    nobody has registered yet holds the header alone).
    """
    _check_exists(path)
    sheets, _ = _headed_sheets(path, read_file(path, encoding), table, sheet)
    return any(_has_record(sheet, header, head) for sheet, header, head in sheets)


def _has_record(sheet: Sheet, header: HeaderMap, head: list[Row]) -> bool:
    """True at the first row below the header that ingest would count as read in.

    A one-cell row is a footer ("合计：0人") unless a record follows it, so it alone is none;
    in a sheet of 学号 alone every filled row is a record. The rows already read for the
    header are looked at first: opening a large workbook sheet again costs seconds.
    """
    least = 1 if len(header.keys) == 1 else 2
    for rows in (head, sheet.open_rows()):
        if any(_filled(row.cells) >= least for row in rows if row.number > header.row_number):
            return True
        if len(head) < MAX_HEADER_SEARCH_ROWS:
            return False  # the head was the whole sheet
    return False


def extract_file(
    path: Path,
    table: str,
    encoding: str | None = None,
    sheet: str | None = None,
    fast_text: bool = True,
) -> ExtractedFile:
    """Read `path` and key its rows by the canonical columns of `table`, kept in `records`."""
    collected: list[dict] = []
    extracted = scan_file(
        path,
        table,
        lambda rows: collected.extend(_arrow_table(rows).to_pylist()),
        encoding,
        sheet=sheet,
        fast_text=fast_text,
    )
    extracted.records = collected
    return extracted


def _arrow_table(rows: pa.Table | pa.RecordBatchReader) -> pa.Table:
    return rows.read_all() if isinstance(rows, pa.RecordBatchReader) else rows


def scan_file(
    path: Path,
    table: str,
    sink: Callable[[pa.Table | pa.RecordBatchReader], None],
    encoding: str | None = None,
    batch_rows: int = BATCH_ROWS,
    sheet: str | None = None,
    fast_text: bool = True,
) -> ExtractedFile:
    """Stream the usable rows of `path` to `sink` as Arrow data shaped by `raw_schema`.

    `sink` is given tables of at most `batch_rows` rows, or one record batch reader over a
    whole file that DuckDB read.

    `sheet` names the one workbook sheet to read (text files have none and ignore it).
    A clean text file is read by DuckDB (`fast_text`), any other by the Python readers.
    Returns the file's accounting; unusable rows are in its `quarantined` list.
    """
    _check_exists(path)
    content = read_file(path, encoding)
    sheets, ignored = _data_sheets(path, content, table, sheet)
    first_sheet, first_header = sheets[0]
    extracted = ExtractedFile(
        path=path,
        sha256=file_sha256(path),
        file_format=content.file_format,
        encoding=content.encoding,
        sheet=first_sheet.name,
        header_row=first_header.row_number,
        unknown_columns=sorted({n for _, h in sheets for n in h.unknown.values()}),
        sheets=[sheet.name for sheet, _ in sheets],
        ignored_sheets=ignored,
        duplicate_columns=[
            _duplicate_label(sheet.name, len(sheets), text, position)
            for sheet, header in sheets
            for position, text in header.duplicates.items()
        ],
    )
    schema = raw_schema(table)
    for sheet, header in sheets:
        if (
            fast_text
            and content.file_format == "text"
            and _read_fast(extracted, sheet, header, schema, sink, batch_rows)
        ):
            continue
        extracted.reader = "python"
        splitter = _RowSplitter(
            extracted, sheet.name, header, schema, sink, batch_rows, sheet.delimiter
        )
        for row in sheet.open_rows():
            if row.number > header.row_number:
                splitter.add(row)
        splitter.finish()
        if sheet.formula_rows is not None:
            _explain_formula_ids(extracted, sheet, splitter.student_position)
    _stop_on_long_swallow(extracted)
    if ignored:
        logger.warning(
            "%s: %d sheets without a 学号 header were not read: %s.",
            path.name,
            len(ignored),
            ", ".join(ignored),
        )
    if extracted.duplicate_columns:
        logger.warning(
            "%s: repeated columns were set aside (the first of each was read): %s.",
            path.name,
            ", ".join(extracted.duplicate_columns),
        )
    logger.info(
        "Read %s: %d rows in, %d quarantined, header on row %d, %d unknown columns.",
        path.name,
        extracted.rows_in,
        len(extracted.quarantined),
        extracted.header_row,
        len(extracted.unknown_columns),
    )
    return extracted


def _read_fast(
    extracted: ExtractedFile,
    sheet: Sheet,
    header: HeaderMap,
    schema: pa.Schema,
    sink: Callable[[pa.Table | pa.RecordBatchReader], None],
    batch_rows: int,
) -> bool:
    """Read a text file through DuckDB into `extracted`; False when it needs the Python reader."""
    found = read_text_fast(
        extracted.path, extracted.encoding or "utf-8", sheet, header, schema, sink, batch_rows
    )
    if found is None:
        return False
    extracted.reader = "duckdb"
    extracted.rows_kept += found.rows_kept
    extracted.blank_rows += found.blank_rows
    extracted.footer_rows.extend(found.footer_rows)
    extracted.swallowed.extend(found.swallowed)
    extracted.quarantined.extend(
        {
            "source_file": extracted.path.name,
            "source_sheet": sheet.name,
            "source_row": number,
            "reason": reason,
            "raw_text": "|".join(cells),
        }
        for number, reason, cells in found.quarantined
    )
    return True


def _stop_on_long_swallow(extracted: ExtractedFile) -> None:
    """Stop the run when an unpaired quote ran more than a handful of text lines together."""
    for row, first, last in extracted.swallowed:
        logger.warning(
            "%s: an unpaired quote in row %d ran text lines %d-%d into one quarantined row.",
            extracted.path.name, row, first, last,
        )  # fmt: skip
    long = [span for span in extracted.swallowed if span[2] - span[1] + 1 > MAX_SWALLOWED_LINES]
    if not long:
        return
    row, first, last = long[0]
    raise QuxiangInputError(
        extracted.path,
        f"第 {row} 行的单元格里有一个没有配对的双引号：文本第 {first}–{last} 行"
        f"（共 {last - first + 1} 行）被读成了一行，这些行上的学生都无法入库，"
        "落实率和各项统计都会缺少他们",
        f"请改正文本第 {first} 行单元格里的双引号（成对或删去）后重新导出，再重新运行",
    )


def _explain_formula_ids(extracted: ExtractedFile, sheet: Sheet, student_position: int) -> None:
    """Say so when a row's 学号 is empty because it is a formula Excel never calculated."""
    empty = [
        row
        for row in extracted.quarantined
        if row["source_sheet"] == sheet.name and row["reason"] == EMPTY_STUDENT_ID
    ]
    if not empty or sheet.formula_rows is None:
        return
    formulas = sheet.formula_rows(student_position, {row["source_row"] for row in empty})
    for row in empty:
        if row["source_row"] in formulas:
            row["reason"] = FORMULA_STUDENT_ID


def _duplicate_label(sheet: str, sheet_count: int, text: str, position: int) -> str:
    """How a repeated column is named to the office: header text, column, sheet if several.

    >>> _duplicate_label("", 1, "学号", 4), _duplicate_label("B", 2, "学号", 0)
    ('学号（第 5 列）', '学号（工作表 B 第 1 列）')
    """
    where = f"工作表 {sheet} " if sheet_count > 1 else ""
    return f"{text}（{where}第 {position + 1} 列）"


def _check_exists(path: Path) -> None:
    if path.is_dir():
        raise MissingFileError(
            path, "这是一个文件夹，不是文件", "请写出文件夹里要读取的那个文件的名字"
        )
    if not path.is_file():
        raise MissingFileError(path, "文件不存在", "请检查路径和文件名是否正确")
    if path.stat().st_size == 0:
        raise EmptyFileError(path, "文件是空的（0 字节）", "请重新从就业平台导出后再运行")


def _data_sheets(
    path: Path, content: FileContent, table: str, chosen: str | None = None
) -> tuple[list[tuple[Sheet, HeaderMap]], list[str]]:
    """Every sheet whose top rows hold a 学号 header, and the names of non-empty ones without.

    With `chosen`, a workbook's sheet of that name only; its 学号 header is required.
    """
    found, ignored = _headed_sheets(path, content, table, chosen)
    return [(sheet, header) for sheet, header, _ in found], ignored


def _headed_sheets(
    path: Path, content: FileContent, table: str, chosen: str | None = None
) -> tuple[list[tuple[Sheet, HeaderMap, list[Row]]], list[str]]:
    """`_data_sheets`, each sheet with its top rows as read to find the header."""
    if chosen is not None and content.file_format in ("xlsx", "xls"):
        return [_chosen_sheet(path, content.sheets, chosen, table)], []
    heads = [(sheet, sheet.head(MAX_HEADER_SEARCH_ROWS)) for sheet in content.sheets]
    non_empty = [(sheet, head) for sheet, head in heads if any(any(r.cells) for r in head)]
    if not non_empty:
        raise EmptyFileError(
            path, "文件中没有任何数据", "请确认导出时选择了数据范围，重新导出后再运行"
        )
    found: list[tuple[Sheet, HeaderMap, list[Row]]] = []
    ignored: list[str] = []
    for sheet, head in non_empty:
        header = find_header(head, table)
        if header is None:
            ignored.append(sheet.name)
        else:
            found.append((sheet, header, head))
    if not found:
        raise MissingColumnError(
            path,
            f"找不到“学号”列（已检查每个工作表的前 {MAX_HEADER_SEARCH_ROWS} 行表头）",
            "请确认导出文件包含“学号”列，或把表头改为“学号”后重试",
        )
    return found, ignored


def _chosen_sheet(
    path: Path, sheets: list[Sheet], chosen: str, table: str
) -> tuple[Sheet, HeaderMap, list[Row]]:
    names = [sheet.name for sheet in sheets]
    # a name typed on the command line rarely keeps the sheet tab's stray spaces
    sheet = next((s for s in sheets if s.name == chosen), None) or next(
        (s for s in sheets if s.name.strip() == chosen.strip()), None
    )
    if sheet is None:
        raise QuxiangInputError(
            path,
            f"没有名为“{chosen}”的工作表（文件中的工作表：{'、'.join(names)}）",
            "请用 --sheet 写出其中一个工作表的名字，或不写 --sheet 读取所有含“学号”列的工作表",
        )
    head = sheet.head(MAX_HEADER_SEARCH_ROWS)
    header = find_header(head, table)
    if header is None:
        raise MissingColumnError(
            path,
            f"工作表“{sheet.name}”的前 {MAX_HEADER_SEARCH_ROWS} 行里找不到“学号”列",
            "请确认 --sheet 选对了工作表，或把表头改为“学号”后重试",
        )
    return sheet, header, head


class _RowSplitter:
    """Sends usable rows on in column batches; quarantines, skips blanks, sets footers aside.

    A footer ("合计：3人", "导出时间…") is a one-cell row below the last real record; since
    rows stream, one-cell rows wait until a later record shows they were not the footer.
    """

    def __init__(
        self,
        extracted: ExtractedFile,
        sheet: str,
        header: HeaderMap,
        schema: pa.Schema,
        sink: Callable[[pa.Table | pa.RecordBatchReader], None],
        batch_rows: int,
        delimiter: str | None = None,
    ) -> None:
        self.extracted = extracted
        self.sheet = sheet
        self.header = header
        self.schema = schema
        self.sink = sink
        self.batch_rows = batch_rows
        self.delimiter = delimiter
        self.student_position = next(p for p, k in header.keys.items() if k == "student_id")
        self.key_positions = list(header.keys.items())
        # unknown and repeated columns are both kept in `extra`, so no cell is lost
        self.set_aside = [
            *header.unknown.items(),
            *((p, f"{text}（第 {p + 1} 列）") for p, text in header.duplicates.items()),
        ]
        # a sheet with only a 学号 column has one-cell records, and so no footer to tell apart
        self.footers_possible = len(header.keys) > 1
        self.pending: list[Row] = []
        self.columns: dict[str, list] = {}
        self.size = 0
        self._start_batch()

    def add(self, row: Row) -> None:
        filled = _filled(row.cells)
        if filled == 0:
            self.extracted.blank_rows += 1
        elif filled == 1 and self.footers_possible:
            self.pending.append(row)
        else:
            for waiting in self.pending:
                self._keep_or_quarantine(waiting)
            self.pending = []
            self._keep_or_quarantine(row)

    def finish(self) -> None:
        self.extracted.footer_rows.extend(row.number for row in self.pending)
        self.pending = []
        self._flush()

    def _start_batch(self) -> None:
        written = {*SOURCE_COLUMNS, *self.header.keys.values(), *TRAILING_COLUMNS}
        self.columns = {name: [] for name in self.schema.names if name in written}
        self.size = 0

    def _flush(self) -> None:
        if not self.size:
            return
        arrays = [
            pa.array(self.columns[f.name], type=f.type)
            if f.name in self.columns
            else pa.nulls(self.size, type=f.type)
            for f in self.schema
        ]
        self.sink(pa.Table.from_arrays(arrays, schema=self.schema))
        self.extracted.rows_kept += self.size
        self._start_batch()

    def _keep_or_quarantine(self, row: Row) -> None:
        reason = quarantine_reason(row, self.header, self.student_position, self.delimiter)
        if reason is not None:
            span = swallowed_span(reason, row)
            if span is not None:
                self.extracted.swallowed.append((row.number, *span))
            self.extracted.quarantined.append(
                {
                    "source_file": self.extracted.path.name,
                    "source_sheet": self.sheet,
                    "source_row": row.number,
                    "reason": reason,
                    "raw_text": "|".join(row.cells),
                }
            )
            return
        cells, columns = row.cells, self.columns
        width = len(cells)
        columns["source_file"].append(self.extracted.path.name)
        columns["source_sheet"].append(self.sheet)
        columns["source_row"].append(row.number)
        for position, key in self.key_positions:
            columns[key].append(cells[position] if position < width else "")
        extra = {name: cell(cells, position) for position, name in self.set_aside}
        columns["extra"].append(
            json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None
        )
        lossy = sorted(self.header.keys[p] for p in row.lossy if p in self.header.keys)
        columns["lost_digit_columns"].append(",".join(lossy) or None)
        self.size += 1
        if self.size >= self.batch_rows:
            self._flush()


def _filled(cells: list[str]) -> int:
    return sum(map(bool, map(str.strip, cells)))
