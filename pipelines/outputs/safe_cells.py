"""Keep spreadsheet programs from running a cell as a formula (CSV/formula injection)."""

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Prefix text that a spreadsheet would read as a formula with an apostrophe.

    >>> neutralise("=HYPERLINK(1)"), neutralise("+8613800138000"), neutralise("张测一")
    ("'=HYPERLINK(1)", "'+8613800138000", '张测一')
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell neutralised."""
    result = frame.copy()
    for column in result.columns:
        if result[column].dtype == object or pd.api.types.is_string_dtype(result[column]):
            result[column] = result[column].map(neutralise, na_action="ignore")
    return result
