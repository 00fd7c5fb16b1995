"""Apply a row rule once per distinct row: exports repeat the same values over many rows."""

import numpy as np
import pandas as pd


def distinct_rows(frame: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """The first row of each distinct row of `frame` (NA equal to NA), and for every row the
    position of its distinct row among them.

    Answers worked out for the distinct rows, as an array `answers`, spread back to every row
    as `answers[positions]`.

    >>> firsts, positions = distinct_rows(pd.DataFrame({"a": ["x", "y", "x", None, None]}))
    >>> firsts["a"].tolist(), positions.tolist()
    (['x', 'y', nan], [0, 1, 0, 2, 2])
    """
    if frame.empty:
        return frame, np.empty(0, dtype=np.int64)
    positions = frame.groupby(list(frame.columns), dropna=False, sort=False).ngroup().to_numpy()
    _, first_rows = np.unique(positions, return_index=True)
    return frame.iloc[first_rows], positions


def spread(answers: list, positions: np.ndarray) -> np.ndarray:
    """The answer of each row's distinct row, as an object array in the rows' order.

    >>> spread(["a", None], np.array([0, 1, 0])).tolist()
    ['a', None, 'a']
    """
    table = np.empty(len(answers), dtype=object)
    table[:] = answers
    return table[positions]
