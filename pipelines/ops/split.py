"""Split a night's inputs into partitions by 学院, by the province of 生源地, or another column.

Each export is read through the ingest's own readers (every format, encoding and sheet the
nightly run accepts), its header found and mapped by `column_aliases.csv`, and each data row
is written, cells exactly as read, to a UTF-8 CSV of its partition under the header row as
written. So every partition is an export in its own right and its run reads it like any
other: rows it would quarantine are quarantined there. A reserved first column carries the
original file, sheet and row of each copied row, so that the partition's findings point at
the export the office uploaded (`pipelines/ingest/provenance.py`).

Every row of one 学号 goes to the partition of that 学号's first row in file order, so that a
repeated registration (exact or conflicting) is settled by one partition's duplicate rules,
as a single run settles it, rather than loaded once in each of two partitions. The roster
is split by the same column (so each partition's 落实率 has its own denominator) and the
evidence manifest by the partition of each 学号.
"""

import csv
import functools
import logging
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipelines.context import RunInputs
from pipelines.errors import MissingColumnError, QuxiangInputError
from pipelines.ingest.headers import MAX_HEADER_SEARCH_ROWS, aliases, find_header, labels
from pipelines.ingest.provenance import PROVENANCE, provenance_cell
from pipelines.ingest.readers import read_file
from pipelines.normalise.registrations import compact_code
from pipelines.reference.regions import resolve_region
from pipelines.text.clean import clean_text, header_key

logger = logging.getLogger(__name__)

# `--partition-by 省份`: the province of 生源地, not a column of its own in the export
PROVINCE = "省份"
UNKNOWN_PROVINCE = "生源地无法识别"
# characters a folder name cannot hold on some system the office may copy the outputs to
UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
# the night's own files beside the partition folders; a college must not be named like them
NIGHT_FILES = ("quarantine.csv", "findings.csv", "run.log", "run_summary.json")


@dataclass(frozen=True)
class PartitionKey:
    """What `--partition-by` names: a form label, its canonical key, and how values group."""

    label: str
    key: str
    by_province: bool = False

    def value_of(self, cell: str) -> str:
        """The partition of a row whose partition cell holds `cell` ('' when it is blank)."""
        text = cell.strip()
        if not text:
            return ""
        if self.by_province:
            return _province_name(text)
        return safe_name(text)

    @property
    def blank(self) -> str:
        return f"未填写{self.label}"


@dataclass
class SplitInputs:
    """Each partition's inputs, and how the night's rows were shared out."""

    partitions: dict[str, RunInputs] = field(default_factory=dict)
    rows: Counter = field(default_factory=Counter)
    roster_rows: Counter = field(default_factory=Counter)
    # one-cell rows without a partition value: the sheet's footer (合计, 导出时间 …)
    footer_rows: int = 0
    # manifest rows whose 学号 is in no partition's export
    evidence_unmatched: int = 0
    # rows sent to the partition of their 学号's first row, not the one their own cell names
    rows_rerouted: int = 0


class PartitionColumnError(QuxiangInputError):
    """`--partition-by` (or the setting) names no column a partition can be made of."""

    def sentence(self) -> str:
        if self.path.startswith("--"):
            return f"参数 {self.path}：{self.problem}。{self.remedy}"
        return super().sentence()


# the columns an office usually partitions by, named first in the list of usable ones
USUAL_COLUMNS = ("college", "major", "counsellor", "degree_level")


def partition_key(text: str, source: str = "--partition-by") -> PartitionKey:
    r"""Resolve the `--partition-by` text (or the setting `source`) to a column of the export.

    >>> partition_key("学院"), partition_key("省份").key
    (PartitionKey(label='学院', key='college', by_province=False), 'origin')
    >>> try:
    ...     partition_key(" ")
    ... except PartitionColumnError as exc:
    ...     print(*exc.sentence().split("。"), sep="\n")
    参数 --partition-by：没有写分区列
    请写导出文件的表头名称（如 学院），或写 省份；不分区运行时不要写 --partition-by
    """
    if not text.strip():
        raise PartitionColumnError(
            source,
            "没有写分区列",
            "请写导出文件的表头名称（如 学院），或写 省份；不分区运行时不要写 --partition-by",
        )
    if text.strip() == PROVINCE:
        return PartitionKey(PROVINCE, "origin", by_province=True)
    key = aliases("registrations").get(header_key(text))
    if key is None or key == "student_id":
        raise PartitionColumnError(
            source,
            f"不认识的分区列“{text}”",
            f"可用的列：{usable_columns()}",
        )
    return PartitionKey(text.strip(), key)


def usable_columns() -> str:
    """The columns `--partition-by` accepts, by the platform's names, the usual ones first.

    >>> usable_columns().split("、")[:5]
    ['学院', '专业', '辅导员', '学历', '省份（生源地所在省份）']
    """
    names = labels("registrations")
    others = sorted(set(names) - {*USUAL_COLUMNS, "student_id"})
    usual = [names[key] for key in USUAL_COLUMNS]
    return "、".join([*usual, f"{PROVINCE}（生源地所在省份）", *(names[key] for key in others)])


def safe_name(value: str) -> str:
    """A partition value as a folder name: path separators and control characters replaced.

    >>> safe_name("经济/管理学院"), safe_name(".hidden"), safe_name("findings.csv")
    ('经济_管理学院', '_hidden', '_findings.csv')
    """
    name = UNSAFE.sub("_", value.strip())
    if name.lower() in NIGHT_FILES or name.lower().endswith(".failed.log"):
        return "_" + name
    return "_" + name[1:] if name.startswith(".") else name


def split_inputs(inputs: RunInputs, by: PartitionKey, folder: Path) -> SplitInputs:
    """Write each partition's exports, roster and manifest under `folder/<partition>/`.

    Not yet here: the single run's stop on an unpaired quote that swallowed many lines runs
    only inside each partition's ingest, so such a file fails its partition (exit 1, naming
    the split copy's text lines) instead of stopping the night before the split. Partitions
    are also shown by their folder-safe names (`信息_工程学院`), not the college's spelling.
    """
    result = SplitInputs()
    # 学号 (as the normaliser compares them) -> the partition of its first row
    owners: dict[str, str] = {}
    headers: list[list[str]] = []
    exports: dict[str, list[Path]] = {}
    names = _file_names(inputs.exports)
    folders: dict[str, str] = {}
    for path, name in zip(inputs.exports, names, strict=True):
        with _Writers(folder) as writers:
            sheets = _sheets(path, "registrations", inputs.encoding, inputs.sheet)
            for sheet, header_cells, rows in sheets:
                headers.append(header_cells)
                position = _position(path, header_cells, "registrations", by)
                id_position = _position(path, header_cells, "registrations", _STUDENT_ID)
                file_name = name if not sheet.label else f"{name}-{safe_name(sheet.label)}"
                header = [PROVENANCE, *header_cells]
                for row in rows:
                    cells = row.cells
                    written = _cell(cells, position).strip()
                    partition = by.value_of(written)
                    if not partition and sum(1 for c in cells if c.strip()) == 1:
                        result.footer_rows += 1
                        continue
                    partition = partition or by.blank
                    _check_one_value_per_folder(folders, partition, written, by, path)
                    student = student_key(_cell(cells, id_position))
                    if student:
                        first = owners.setdefault(student, partition)
                        result.rows_rerouted += first != partition
                        partition = first
                    origin = provenance_cell(path.name, sheet.name, row.number)
                    writers.write(partition, file_name, header, [origin, *cells])
                    result.rows[partition] += 1
            for partition, path_written in writers.paths:
                exports.setdefault(partition, []).append(path_written)
    roster = _split_roster(inputs, by, folder, result)
    evidence = _split_evidence(inputs, owners, folder, result)
    # a college with graduates on the roster but no registration still has a 落实率 (zero)
    for partition in sorted(set(roster) - set(exports)):
        exports[partition] = [_header_only(folder / partition / f"{names[0]}.csv", headers[0])]
    # a partition where nobody uploaded anything is still checked for missing evidence
    if inputs.evidence is not None:
        for partition in sorted(set(exports) - set(evidence)):
            header, _ = _canonical("evidence", {})
            evidence[partition] = _header_only(folder / partition / "佐证清单.csv", header)
    for partition in sorted(exports):
        result.partitions[partition] = replace(
            inputs,
            exports=tuple(exports[partition]),
            roster=roster.get(partition),
            evidence=evidence.get(partition),
            encoding=None,
            sheet=None,
        )
    logger.info(
        "Split %d rows of %d exports into %d partitions by %s; %d footer rows left aside; "
        "%d rows followed their 学号's first row into another partition.",
        sum(result.rows.values()),
        len(inputs.exports),
        len(result.partitions),
        by.label,
        result.footer_rows,
        result.rows_rerouted,
    )
    return result


_STUDENT_ID = PartitionKey("学号", "student_id")


def _check_one_value_per_folder(
    folders: dict[str, str], partition: str, written: str, by: PartitionKey, path: Path
) -> None:
    """Stop when two spellings would share a folder: one warehouse would hold both colleges."""
    # provinces group many spellings on purpose; the folder is the province's name
    if by.by_province:
        return
    first = folders.setdefault(partition, written)
    if first != written:
        shown = [f"“{text}”" if text else "空白" for text in (first, written)]
        raise QuxiangInputError(
            path,
            f"{by.label}{shown[0]}和{shown[1]}会成为同一个分区文件夹“{partition}”",
            f"请在导出里把{by.label}名称改正或统一后重新运行",
        )


def _split_roster(inputs: RunInputs, by: PartitionKey, folder: Path, result: SplitInputs):
    if inputs.roster is None:
        return {}
    with _Writers(folder) as writers:
        for keyed in _keyed_rows(inputs.roster, "roster", inputs.encoding, by):
            partition = by.value_of(keyed.get(by.key, ""))
            if not partition and sum(1 for cell in keyed.values() if cell.strip()) == 1:
                result.footer_rows += 1
                continue
            partition = partition or by.blank
            writers.write(partition, "毕业生名单", *_canonical("roster", keyed))
            result.roster_rows[partition] += 1
    return dict(writers.paths)


def _split_evidence(inputs: RunInputs, owners: dict, folder: Path, result: SplitInputs):
    if inputs.evidence is None:
        return {}
    with _Writers(folder) as writers:
        for keyed in _keyed_rows(inputs.evidence, "evidence", inputs.encoding, _STUDENT_ID):
            partition = owners.get(student_key(keyed.get("student_id", "")))
            if partition is None:
                result.evidence_unmatched += 1
                continue
            writers.write(partition, "佐证清单", *_canonical("evidence", keyed))
    return dict(writers.paths)


def _keyed_rows(path: Path, table: str, encoding: str | None, by: PartitionKey):
    """The rows of a roster or manifest as {key: cell}, whatever each sheet's column order.

    Unknown columns are not carried over: neither file has any the run reads.
    """
    known = aliases(table)
    for _, header_cells, rows in _sheets(path, table, encoding):
        _position(path, header_cells, table, by)
        positions: dict[str, int] = {}
        for position, cell in enumerate(header_cells):
            positions.setdefault(known.get(header_key(cell), ""), position)
        positions.pop("", None)
        for row in rows:
            yield {key: _cell(row.cells, position) for key, position in positions.items()}


def _canonical(table: str, keyed: dict[str, str]) -> tuple[list[str], list[str]]:
    """The platform's header for every key of `table`, and the row's cells in that order."""
    names = labels(table)
    keys = sorted(names)
    return [names[key] for key in keys], [keyed.get(key, "") for key in keys]


@dataclass(frozen=True)
class _SheetName:
    """A sheet's own name (the provenance of its rows), and the one its split copy carries."""

    name: str
    # '' when the file has one sheet: its copy keeps the export's name alone
    label: str


def _sheets(path: Path, table: str, encoding: str | None, chosen: str | None = None):
    """(sheet names, header cells, data rows) of every sheet holding a 学号 header.

    `chosen` (`--sheet`) keeps a workbook's sheet of that name only; text files have none.
    """
    content = read_file(path, encoding)
    several = len(content.sheets) > 1
    for sheet in content.sheets:
        if chosen is not None and content.file_format in ("xlsx", "xls") and sheet.name != chosen:
            continue
        header = find_header(sheet.head(MAX_HEADER_SEARCH_ROWS), table)
        if header is None:
            continue
        header_cells = next(
            row.cells for row in sheet.head(header.row_number) if row.number == header.row_number
        )
        rows = (
            row
            for row in sheet.open_rows()
            if row.number > header.row_number and any(c.strip() for c in row.cells)
        )
        yield _SheetName(sheet.name, sheet.name if several else ""), header_cells, rows


def _position(path: Path, header_cells: list[str], table: str, by: PartitionKey) -> int:
    known = aliases(table)
    for position, cell in enumerate(header_cells):
        if known.get(header_key(cell)) == by.key:
            return position
    raise MissingColumnError(
        path,
        f"没有“{by.label}”列，无法按{by.label}分区",
        "请换一个分区列，或去掉 --partition-by 不分区运行",
    )


def student_key(cell: str) -> str:
    """A 学号 as the normaliser compares them: clean, half-width, upper-case, no spaces.

    >>> student_key(" ｓ００１ "), student_key("S 001")
    ('S001', 'S001')
    """
    return compact_code(clean_text(cell))


def _cell(cells: list[str], position: int) -> str:
    return cells[position] if position < len(cells) else ""


def _file_names(exports: tuple[Path, ...]) -> list[str]:
    """The split copies keep each export's name; two exports of one name get a number.

    >>> _file_names((Path("a/导出.xlsx"), Path("b/导出.csv"), Path("c.csv")))
    ['导出', '导出-2', 'c']
    """
    seen: Counter = Counter()
    names = []
    for path in exports:
        seen[path.stem] += 1
        names.append(path.stem if seen[path.stem] == 1 else f"{path.stem}-{seen[path.stem]}")
    return names


def _header_only(path: Path, header_cells: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow(header_cells)
    return path


@functools.cache
def _province_name(origin: str) -> str:
    match = resolve_region(origin)
    if match.province_code is None:
        return UNKNOWN_PROVINCE
    return resolve_region(match.province_code).name or UNKNOWN_PROVINCE


class _Writers:
    """One open CSV per (partition, file) while a file is split; closed on leaving."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.open: dict[tuple[str, str], tuple] = {}
        self.paths: list[tuple[str, Path]] = []

    def __enter__(self) -> "_Writers":
        return self

    def write(self, partition: str, name: str, header: list[str], cells: list[str]) -> None:
        writer = self.open.get((partition, name))
        if writer is None:
            path = self.folder / partition / f"{name}.csv"
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = path.open("w", encoding="utf-8", newline="")
            writer = (handle, csv.writer(handle))
            writer[1].writerow(header)
            self.open[(partition, name)] = writer
            self.paths.append((partition, path))
        writer[1].writerow(cells)

    def __exit__(self, *exc) -> None:
        for handle, _ in self.open.values():
            handle.close()
