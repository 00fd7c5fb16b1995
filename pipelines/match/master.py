"""The persistent unit master and the name macros every unit query uses."""

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
