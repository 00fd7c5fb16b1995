"""Turn one input file into keyed text records, quarantined rows and what was left aside."""

import hashlib
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from pipelines.errors import EmptyFileError, MissingColumnError, MissingFileError
from pipelines.ingest.headers import HeaderMap, find_header
from pipelines.ingest.readers import FileContent, Sheet, read_file

logger = logging.getLogger(__name__)


@dataclass
class ExtractedFile:
    path: Path
    sha256: str
    file_format: str
    encoding: str | None
    sheet: str
    header_row: int
    records: list[dict] = field(default_factory=list)
    quarantined: list[dict] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    footer_rows: list[int] = field(default_factory=list)
    blank_rows: int = 0

    @property
    def rows_in(self) -> int:
        return len(self.records) + len(self.quarantined)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_readable(path: Path, table: str, encoding: str | None = None) -> None:
    """Fail fast, before any stage starts, on a file the run could not use at all."""
    _check_exists(path)
    _pick_sheet(path, read_file(path, encoding, head_only=True), table)


def extract_file(path: Path, table: str, encoding: str | None = None) -> ExtractedFile:
    """Read `path` and key its rows by the canonical columns of `table`."""
    _check_exists(path)
    content = read_file(path, encoding)
    sheet, header = _pick_sheet(path, content, table)
    extracted = ExtractedFile(
        path=path,
        sha256=file_sha256(path),
        file_format=content.file_format,
        encoding=content.encoding,
        sheet=sheet.name,
        header_row=header.row_number,
        unknown_columns=sorted(header.unknown.values()),
    )
    _split_rows(extracted, sheet, header)
    logger.info(
        "Read %s: %d rows in, %d quarantined, header on row %d, %d unknown columns.",
        path.name,
        extracted.rows_in,
        len(extracted.quarantined),
        header.row_number,
        len(extracted.unknown_columns),
    )
    return extracted


def _check_exists(path: Path) -> None:
    if not path.is_file():
        raise MissingFileError(path, "文件不存在", "请检查路径和文件名是否正确")
    if path.stat().st_size == 0:
        raise EmptyFileError(path, "文件是空的（0 字节）", "请重新从就业平台导出后再运行")


def _pick_sheet(path: Path, content: FileContent, table: str) -> tuple[Sheet, HeaderMap]:
    non_empty = [sheet for sheet in content.sheets if any(any(c) for _, c in sheet.rows)]
    if not non_empty:
        raise EmptyFileError(
            path, "文件中没有任何数据", "请确认导出时选择了数据范围，重新导出后再运行"
        )
    for sheet in non_empty:
        header = find_header(sheet.rows, table)
        if header is not None:
            return sheet, header
    raise MissingColumnError(
        path,
        "找不到“学号”列（已检查每个工作表的前 30 行表头）",
        "请确认导出文件包含“学号”列，或把表头改为“学号”后重试",
    )


def _split_rows(extracted: ExtractedFile, sheet: Sheet, header: HeaderMap) -> None:
    """Keyed records for usable rows; quarantine, footer and blank rows for the others."""
    data_rows = [(n, cells) for n, cells in sheet.rows if n > header.row_number]
    student_position = next(p for p, k in header.keys.items() if k == "student_id")
    # A footer ("合计：3人", "导出时间…") is a one-cell row below the last real record.
    last_record = max((n for n, cells in data_rows if _filled(cells) >= 2), default=0)
    for row_number, cells in data_rows:
        if _filled(cells) == 0:
            extracted.blank_rows += 1
        elif row_number > last_record and _filled(cells) == 1:
            extracted.footer_rows.append(row_number)
        else:
            _keep_or_quarantine(extracted, row_number, cells, header, student_position)


def _keep_or_quarantine(
    extracted: ExtractedFile,
    row_number: int,
    cells: list[str],
    header: HeaderMap,
    student_position: int,
) -> None:
    source = {
        "source_file": extracted.path.name,
        "source_sheet": extracted.sheet,
        "source_row": row_number,
    }
    reason = _quarantine_reason(cells, header, student_position)
    if reason is not None:
        extracted.quarantined.append({**source, "reason": reason, "raw_text": "|".join(cells)})
        return
    record = {key: _cell(cells, position) for position, key in header.keys.items()}
    extra = {name: _cell(cells, position) for position, name in header.unknown.items()}
    record["extra"] = json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None
    extracted.records.append({**source, **record})


def _quarantine_reason(cells: list[str], header: HeaderMap, student_position: int) -> str | None:
    overflow = [c for c in cells[header.width :] if c.strip()]
    if overflow:
        return (
            f"本行有 {header.width + len(overflow)} 个单元格，多于表头的 {header.width} 列"
            "（可能是内容里有未加引号的逗号）"
        )
    if len(cells) < header.width and len(cells) <= max(header.keys):
        return f"本行只有 {len(cells)} 列，少于表头的 {header.width} 列（行被截断或换行符断开）"
    if not _cell(cells, student_position).strip():
        return "学号为空，无法确定是哪位学生"
    return None


def _filled(cells: list[str]) -> int:
    return sum(1 for cell in cells if cell.strip())


def _cell(cells: list[str], position: int) -> str:
    return cells[position] if position < len(cells) else ""
