"""Load every reference table in reference_data/ into DuckDB as text.

Codes such as "010" or "01" must keep their leading zeros, so no column is left
to DuckDB's type sniffing: every column is read as VARCHAR. Empty cells become
NULL, which is how SQL spells "no value" (e.g. an empty sub_destination).
"""

import logging
import re
from pathlib import Path

import duckdb

from pipelines.warehouse import row_count

# the repository root is the parent of the pipelines/ package
REFERENCE_DIR = Path(__file__).resolve().parents[2] / "reference_data"

TABLE_STEM = re.compile(r"^[a-z][a-z0-9_]*$")

READ_TABLE_SQL = """
create or replace table {table} as
select *
from read_csv(
    $path,
    header = true,
    delim = ',',
    quote = '"',
    escape = '"',
    encoding = 'utf-8',
    all_varchar = true
)
"""

logger = logging.getLogger(__name__)


def load_reference_tables(
    con: duckdb.DuckDBPyConnection, reference_dir: Path | None = None
) -> dict[str, int]:
    """Create or replace table ref_<stem> for each reference_data/<stem>.csv.

    Returns:
        The row count of each table, keyed by table name (e.g. "ref_regions").
    """
    folder = Path(reference_dir) if reference_dir is not None else REFERENCE_DIR
    counts = {}
    for path in sorted(folder.glob("*.csv")):
        table = table_name(path)
        con.execute(READ_TABLE_SQL.format(table=table), {"path": str(path)})
        counts[table] = row_count(con, table)
        logger.info("Loaded %d rows from %s into %s.", counts[table], path, table)
    return counts


def table_name(path: Path) -> str:
    """Name of the DuckDB table that holds a reference CSV.

    >>> table_name(Path("reference_data/regions.csv"))
    'ref_regions'
    >>> table_name(Path("reference_data/Regions 2024.csv"))
    Traceback (most recent call last):
    ValueError: reference file name must be lower-case letters, digits and _: Regions 2024.csv
    """
    if not TABLE_STEM.match(path.stem):
        raise ValueError(
            f"reference file name must be lower-case letters, digits and _: {path.name}"
        )
    return f"ref_{path.stem}"
