"""The persistent unit master and the name macros every unit query uses."""

import datetime as dt
import logging

import duckdb

from pipelines.warehouse import row_count, sql_text

logger = logging.getLogger(__name__)

# Defined in dependency order: the key macro calls the clean one.
NAME_MACROS = ("unit_name_clean", "unit_name_key", "unit_name_pieces")


def prepare_unit_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the name macros, and the unit master when the warehouse has none yet."""
    for macro in NAME_MACROS:
        con.execute(sql_text(f"macros/{macro}"))
    con.execute(sql_text("schema/unit_master"))


def rewind_to_night(con: duckdb.DuckDBPyConnection, night: dt.date) -> None:
    """Let a night that runs again see the master as it was before that night's first run.

    The first run of a night keeps a copy of the master as it found it; a re-run of the same
    night (a correction, a crash) starts from that copy, so the same inputs give the same unit
    matches. Only the latest night's copy is kept: re-running an older night is not supported.
    """
    con.execute(sql_text("schema/unit_master_night"))
    saved_night = con.execute("select max(night_date) from unit_master_night").fetchall()[0][0]
    con.execute("begin transaction")
    if saved_night == night:
        con.execute("delete from unit_master")
        con.execute("insert into unit_master by name select * from unit_master_before_night")
    else:
        con.execute("create or replace table unit_master_before_night as from unit_master")
        con.execute("create or replace table unit_master_night as select ?::date as night_date",
                    [night])
    con.execute("commit")
    logger.info("Unit master %s as before the night of %s.",
                "restored" if saved_night == night else "saved", night.isoformat())


def replace_master(con: duckdb.DuckDBPyConnection, next_sql: str) -> int:
    """Replace the master's rows with those of sql/<next_sql>.sql in one transaction.

    The query reads the master as it was, so it is materialised before the master is
    emptied. Returns the number of units afterwards.
    """
    con.execute("begin transaction")
    try:
        con.execute(f"create or replace temp table unit_master_next as {sql_text(next_sql)}")
        con.execute("delete from unit_master")
        con.execute("insert into unit_master by name select * from unit_master_next")
        con.execute("drop table unit_master_next")
    except duckdb.Error:
        con.execute("rollback")
        raise
    con.execute("commit")
    return row_count(con, "unit_master")
