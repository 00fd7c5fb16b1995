"""Small-cell suppression for the college packages, so that no person can be singled out."""

import pandas as pd

SUPPRESSED_RATE = "—"


def suppress_small_cells(
    frame: pd.DataFrame, size_column: str, hidden_columns: list[str], threshold: int
) -> pd.DataFrame:
    """A copy where rows whose `size_column` is below `threshold` show no figures.

    The size becomes "<threshold" and every column in `hidden_columns` "—".

    >>> cells = pd.DataFrame({"专业": ["英语", "会计学"], "毕业生数": [3, 12]})
    >>> cells["落实率"] = [1.0, 0.5]
    >>> suppress_small_cells(cells, "毕业生数", ["落实率"], 5).values.tolist()
    [['英语', '<5', '—'], ['会计学', 12, 0.5]]
    """
    small = frame[size_column] < threshold
    result = frame.astype({column: object for column in [size_column, *hidden_columns]})
    result.loc[small, size_column] = f"<{threshold}"
    for column in hidden_columns:
        result.loc[small, column] = SUPPRESSED_RATE
    return result
