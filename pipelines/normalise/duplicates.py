"""Decide what happens to a 学号 that appears on several rows.

Re-exports and per-college files overlap. An exact repeat is harmless and collapses to its
first row; repeats that disagree cannot be settled by the pipeline (which one is current?), so
every copy is held back and the counsellor is told.
"""

import pandas as pd

SOURCE_COLUMNS = ("source_file", "source_sheet", "source_row", "extra", "lost_digit_columns")


def split_duplicates(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return (kept rows, exact repeats, conflicting repeats), each a new frame.

    Exact repeats and conflicting repeats carry a `first_source` column naming the row they
    repeat (file and row number), for the quarantine reason.
    """
    content = [c for c in frame.columns if c not in SOURCE_COLUMNS]
    fingerprint = pd.util.hash_pandas_object(frame[content].astype(str), index=False)
    counts = frame.groupby("student_id")["student_id"].transform("size")
    variants = fingerprint.groupby(frame["student_id"]).transform("nunique")

    conflicting = frame[(counts > 1) & (variants > 1)].copy()
    rest = frame[~frame.index.isin(conflicting.index)]
    repeated = rest.duplicated(subset="student_id", keep="first")
    exact = rest[repeated].copy()
    kept = rest[~repeated].copy()

    first = kept.set_index("student_id")[["source_file", "source_row"]]
    exact["first_source"] = exact["student_id"].map(_describe(first))
    conflicting["first_source"] = conflicting["student_id"].map(_all_rows(conflicting))
    return kept, exact, conflicting


def _describe(first: pd.DataFrame) -> dict[str, str]:
    return {sid: f"{row.source_file} 第 {row.source_row} 行" for sid, row in first.iterrows()}


def _all_rows(conflicting: pd.DataFrame) -> dict[str, str]:
    grouped = conflicting.groupby("student_id")
    return {
        sid: "、".join(f"{r.source_file} 第 {r.source_row} 行" for r in rows.itertuples())
        for sid, rows in grouped
    }
