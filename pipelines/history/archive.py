"""Keep every input file's bytes in the warehouse, once per distinct content (sha256).

A night's result can then be reproduced, or a complaint checked, from the warehouse alone,
without trusting that the export folder was kept.
"""

import logging
from pathlib import Path

import duckdb

from pipelines.warehouse import sql_text

logger = logging.getLogger(__name__)


def archive_inputs(con: duckdb.DuckDBPyConnection, files: list[tuple[Path, str]], run_date) -> int:
    """Store each (path, sha256) not yet in `input_archive`; returns how many were new."""
    query = sql_text("history/input_archive")
    stored = 0
    for path, sha256 in files:
        params = {
            "path": str(path),
            "sha256": sha256,
            "file_name": path.name,
            "run_date": run_date,
        }
        con.execute(
            f"create table if not exists input_archive as select * from ({query}) limit 0",
            params,
        )
        known = con.execute(
            "select count(*) from input_archive where sha256 = ?", [sha256]
        ).fetchall()[0][0]
        if known:
            continue
        con.execute(f"insert into input_archive by name {query}", params)
        stored += 1
    logger.info("Archived %d new input files (%d already stored).", stored, len(files) - stored)
    return stored
