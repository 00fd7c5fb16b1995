"""The thresholds the statistics apply: 红黄牌 lines and the smallest cell a package may show.

The values are configured in quxiang.toml ([thresholds]) and travel with the run in the
warehouse table run_settings; a run that carries none gets the defaults below.
"""

from dataclasses import dataclass, fields

import duckdb
import pandas as pd


@dataclass(frozen=True)
class ReportThresholds:
    # 江西's practice (domain notes §8): below 50 % a 黄牌, two years running a 红牌
    yellow_card_below: float = 0.5
    red_card_below: float = 0.5
    red_card_years: int = 2
    # a breakdown cell of fewer students could point at a person
    small_cell: int = 5


def read_thresholds(con: duckdb.DuckDBPyConnection) -> ReportThresholds:
    """The run's thresholds from run_settings, each missing one at its default."""
    names = [item.name for item in fields(ReportThresholds)]
    present = {
        row[0]
        for row in con.execute(
            "select column_name from information_schema.columns where table_name = ?",
            ["run_settings"],
        ).fetchall()
    }
    wanted = [name for name in names if name in present]
    if not wanted:
        return ReportThresholds()
    # the column names come from the dataclass above, never from input
    values = con.execute(f"select {', '.join(wanted)} from run_settings").fetchall()[0]
    defaults = ReportThresholds()
    # DuckDB hands a decimal literal back as Decimal: take each default's kind
    return ReportThresholds(
        **{
            name: type(getattr(defaults, name))(value)
            for name, value in zip(wanted, values, strict=True)
            if value is not None
        }
    )


def thresholds_frame(thresholds: ReportThresholds) -> pd.DataFrame:
    """One row holding every threshold, for the SQL marts to join."""
    return pd.DataFrame(
        [{item.name: getattr(thresholds, item.name) for item in fields(thresholds)}]
    )
