"""The thresholds the statistics apply: 红黄牌 lines and the smallest cell a package may show.

They are configured in quxiang.toml ([thresholds]) and travel with the run in the warehouse
table run_settings; whatever the run does not carry takes the default of `Thresholds`.
"""

from dataclasses import fields

import duckdb
import pandas as pd

from pipelines.config import Thresholds


def read_thresholds(con: duckdb.DuckDBPyConnection) -> Thresholds:
    """The run's thresholds from run_settings, each missing one at its default."""
    defaults = Thresholds()
    names = [item.name for item in fields(Thresholds)]
    present = {
        row[0]
        for row in con.execute(
            "select column_name from information_schema.columns where table_name = ?",
            ["run_settings"],
        ).fetchall()
    }
    wanted = [name for name in names if name in present]
    if not wanted:
        return defaults
    # the column names come from the dataclass, never from input
    values = con.execute(f"select {', '.join(wanted)} from run_settings").fetchall()[0]
    # DuckDB hands a decimal literal back as Decimal: take each default's kind
    return Thresholds(
        **{
            name: type(getattr(defaults, name))(value)
            for name, value in zip(wanted, values, strict=True)
            if value is not None
        }
    )


def thresholds_frame(thresholds: Thresholds) -> pd.DataFrame:
    """One row holding every threshold, for the SQL marts to join."""
    values = {item.name: getattr(thresholds, item.name) for item in fields(thresholds)}
    return pd.DataFrame([values])
