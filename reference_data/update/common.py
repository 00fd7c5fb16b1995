"""Helpers shared by the reference-data regeneration scripts."""

import csv
import logging
from collections.abc import Iterable, Sequence
from pathlib import Path

REFERENCE_DIR = Path(__file__).resolve().parent.parent

logger = logging.getLogger(__name__)


def write_table(stem: str, header: Sequence[str], rows: Iterable[Sequence[str]]) -> Path:
    """Write rows, sorted by their first column, to reference_data/<stem>.csv.

    The file is UTF-8 without BOM, LF line endings, every value text, so that a
    regeneration on another machine gives a byte-identical file.
    """
    path = REFERENCE_DIR / f"{stem}.csv"
    ordered = sorted((list(row) for row in rows), key=lambda row: row)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(ordered)
    logger.info("Wrote %d rows to %s.", len(ordered), path)
    return path
