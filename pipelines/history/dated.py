"""Keep one copy of a run's rows per run date in a growing history table.

Re-running a night replaces that night's rows, so history never holds a night twice, and a
column added to the staging table later is added to the history table (older nights NULL).
"""

import logging

import duckdb

from pipelines.warehouse import row_count, sql_text

logger = logging.getLogger(__name__)


def replace_run_rows(con: duckdb.DuckDBPyConnection, table: str, date_column: str) -> int:
    """Replace this run date's rows of `table` by the rows of sql/history/<table>.sql.

    Returns the number of rows stored for this run date.
    """
    query = sql_text(f"history/{table}")
    con.execute(f"create table if not exists {table} as select * from ({query}) limit 0")
    _add_new_columns(con, table, query)
    con.execute(f"delete from {table} where {date_column} = (select run_date from run_settings)")
    con.execute(f"insert into {table} by name {query}")
    count = con.execute(
        f"select count(*) from {table} where {date_column} = (select run_date from run_settings)"
    ).fetchall()[0][0]
    logger.info(
        "Stored %d rows of this run in %s (%d in all).", count, table, row_count(con, table)
    )
    return count


def _add_new_columns(con: duckdb.DuckDBPyConnection, table: str, query: str) -> None:
    existing = {row[0]: row[1] for row in con.execute(f"describe {table}").fetchall()}
    produced = con.execute(f"describe ({query})").fetchall()
    for name, column_type, *_ in produced:
        if name not in existing:
            con.execute(f'alter table {table} add column "{name}" {column_type}')
            logger.info("Added column %s to %s.", name, table)
        elif existing[name] == '"NULL"' and column_type != '"NULL"':
            # a night without rows created the column untyped; the first night with rows
            # gives it its type, else no later value could ever be stored in it
            con.execute(f'alter table {table} alter column "{name}" type {column_type}')
            logger.info("Gave column %s of %s the type %s.", name, table, column_type)
