"""The partitioned night's quarantine.csv and findings.csv: every partition's, in one list.

Each partition writes its own lists into its folder; the clerk works through one. The
combined file is the partitions' files one after another, with a first column 分区 naming
the partition each row came from, in the same UTF-8 (with BOM) the partitions write, so
that Excel on Windows opens it alike. Only the partitions that finished tonight are listed:
a failed partition's carried-over folder holds an earlier run's rows.
"""

import csv
import logging
from pathlib import Path

from pipelines.outputs.safe_cells import neutralise

logger = logging.getLogger(__name__)

COMBINED_LISTS = ("quarantine.csv", "findings.csv")
PARTITION_COLUMN = "分区"


def write_combined_lists(night_dir: Path, partitions: list[str]) -> dict[str, int]:
    """Write each of `COMBINED_LISTS` at the top of `night_dir`; rows written per file."""
    counts = {}
    for name in COMBINED_LISTS:
        counts[name] = combine_csv(
            [(partition, night_dir / partition / name) for partition in partitions],
            night_dir / name,
        )
        logger.info("Combined %d partitions' %s: %d rows.", len(partitions), name, counts[name])
    return counts


def combine_csv(parts: list[tuple[str, Path]], target: Path) -> int:
    """The rows of every existing file of `parts` under one header, partition first.

    Returns the number of data rows written; without any file, nothing is written.
    """
    written = 0
    header: list[str] | None = None
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        for partition, path in parts:
            if not path.is_file():
                continue
            with path.open(encoding="utf-8-sig", newline="") as source:
                rows = csv.reader(source)
                own_header = next(rows, None)
                if own_header is None:
                    continue
                if header is None:
                    header = own_header
                    writer.writerow([PARTITION_COLUMN, *header])
                label = neutralise(partition)
                for row in rows:
                    writer.writerow([label, *row])
                    written += 1
    if header is None:
        target.unlink()
    return written
