"""Decide what happens to a 学号 that appears on several rows.

Re-exports and per-college files overlap. An exact repeat is harmless and collapses to its
first row; repeats that disagree cannot be settled by the pipeline (which one is current?), so
every copy is held back and the counsellor is told. sql/staging/registration_repeats.sql finds
both kinds in the warehouse; this module only splits its rows for the two reasons.
"""

import pandas as pd

EXACT = "exact"
CONFLICTING = "conflicting"


def split_repeats(repeats: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (exact repeats, conflicting repeats) of registration_repeats, each a new frame.

    Both carry `first_source`, naming the row they repeat (file and row number), or every row
    of a conflicting 学号, for the quarantine reason.

    >>> exact, conflicting = split_repeats(pd.DataFrame(
    ...     {"student_id": ["1", "2"], "repeat_kind": ["exact", "conflicting"],
    ...      "first_source": ["a.csv 第 2 行", "a.csv 第 3 行、b.csv 第 9 行"]}))
    >>> list(exact["student_id"]), list(conflicting["first_source"])
    (['1'], ['a.csv 第 3 行、b.csv 第 9 行'])
    """
    kinds = repeats["repeat_kind"]
    columns = [c for c in repeats.columns if c not in ("repeat_kind", "row_order")]
    exact = repeats.loc[kinds == EXACT, columns].reset_index(drop=True)
    conflicting = repeats.loc[kinds == CONFLICTING, columns].reset_index(drop=True)
    return exact, conflicting
