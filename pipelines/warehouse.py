"""The embedded DuckDB warehouse: connecting, running the project's SQL files, loading frames."""

import logging
from pathlib import Path

import duckdb
import pandas as pd

from pipelines.errors import OutputPathError, WarehouseBusyError
from pipelines.paths import SQL_DIR

logger = logging.getLogger(__name__)


def connect(db_path: Path) -> duckdb.DuckDBPyConnection:
    if db_path.is_dir():
        raise OutputPathError(
            db_path, "--db 指向的是一个文件夹", "请给出数据仓库文件的路径，如 data/quxiang.duckdb"
        )
    db_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return duckdb.connect(str(db_path))
    except duckdb.IOException as exc:
        if "lock" not in str(exc).lower():
            raise
        raise WarehouseBusyError(
            db_path,
            "数据仓库正被另一次运行占用",
            "请等那次运行结束后再试；同一个数据仓库同一时间只能有一次运行",
        ) from exc


def sql_text(name: str) -> str:
    """The statement in sql/<name>.sql."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def create_table(con: duckdb.DuckDBPyConnection, name: str, sql_name: str | None = None) -> int:
    """Materialise sql/<sql_name or name>.sql as table `name`; returns its row count."""
    con.execute(f"create or replace table {name} as {sql_text(sql_name or name)}")
    count = row_count(con, name)
    logger.info("Built %s: %d rows.", name, count)
    return count


def row_count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    # fetchall, not fetchone: DuckDB 2 refuses new work while a result is only partly read
    return con.execute(f"select count(*) from {table}").fetchall()[0][0]


def query_frame(con: duckdb.DuckDBPyConnection, sql_name: str) -> pd.DataFrame:
    """Run sql/<sql_name>.sql and return its rows as a DataFrame."""
    return fetch_frame(con, sql_text(sql_name))


def fetch_frame(con: duckdb.DuckDBPyConnection, query: str) -> pd.DataFrame:
    """Rows of `query` as a DataFrame, through Arrow (much faster than DuckDB's .df())."""
    return con.sql(query).to_arrow_table().to_pandas()


def read_table(con: duckdb.DuckDBPyConnection, table: str) -> pd.DataFrame:
    return fetch_frame(con, f"select * from {table}")


def write_frame(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    """Replace table `name` with the contents of `frame`."""
    con.register("frame_to_write", frame)
    con.execute(f"create or replace table {name} as select * from frame_to_write")
    con.unregister("frame_to_write")
    logger.info("Wrote %d rows to table %s.", len(frame), name)
