"""Find the header row of a sheet and map its cells to the canonical column keys."""

import csv
import functools
import logging
from dataclasses import dataclass, field

from pipelines.paths import REFERENCE_DIR
from pipelines.text.clean import header_key

logger = logging.getLogger(__name__)

# Title rows, merged group banners and notes sit above the header in hand-made exports.
MAX_HEADER_SEARCH_ROWS = 30


@dataclass(frozen=True)
class HeaderMap:
    row_number: int
    keys: dict[int, str]  # column position -> canonical key
    unknown: dict[int, str]  # column position -> header text as written
    width: int
    # column position -> header text of a second column for a key already mapped
    duplicates: dict[int, str] = field(default_factory=dict)


@functools.cache
def aliases(table: str) -> dict[str, str]:
    """Normalised header text -> canonical key, for one input table."""
    with (REFERENCE_DIR / "column_aliases.csv").open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["table"] == table]
    return {header_key(row["alias"]): row["key"] for row in rows}


@functools.cache
def labels(table: str) -> dict[str, str]:
    """Canonical key -> the platform's own name for it (the first alias listed)."""
    with (REFERENCE_DIR / "column_aliases.csv").open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["table"] == table]
    result: dict[str, str] = {}
    for row in rows:
        result.setdefault(row["key"], row["alias"])
    return result


def map_header(
    cells: list[str], table: str
) -> tuple[dict[int, str], dict[int, str], dict[int, str]]:
    """Split header cells into known keys, unknown columns and repeats of a known key.

    The first column for a key is read; a later one (a second 学号) is set aside and reported.
    """
    known = aliases(table)
    keys: dict[int, str] = {}
    unknown: dict[int, str] = {}
    duplicates: dict[int, str] = {}
    for position, cell in enumerate(cells):
        key = known.get(header_key(cell))
        if key is not None and key not in keys.values():
            keys[position] = key
        elif key is not None:
            duplicates[position] = cell.strip()
        elif cell.strip():
            unknown[position] = cell.strip()
    return keys, unknown, duplicates


def find_header(rows: list, table: str) -> HeaderMap | None:
    """The first row, among the top rows, holding 学号 and the most known headers.

    `rows` are the sheet's first rows (objects with `number` and `cells`).
    """
    best: HeaderMap | None = None
    for row in rows[:MAX_HEADER_SEARCH_ROWS]:
        keys, unknown, duplicates = map_header(row.cells, table)
        if "student_id" not in keys.values():
            continue
        if best is None or len(keys) > len(best.keys):
            best = HeaderMap(row.number, keys, unknown, len(row.cells), duplicates)
    return best
