"""Find ID numbers that Excel stored as numbers and so cut to 15 significant digits.

An 18-digit 身份证号 typed into a number cell keeps its first 15 digits; the rest become
zeros (350125200210194077 → 350125200210194000), or the cell shows 3.50125E+17 once saved as
CSV. The lost digits cannot be recovered from the file, so the row gets a finding and the
value is left as read: a silently "repaired" number would be a wrong person.

More information:
- Microsoft: Excel specifications and limits (number precision: 15 digits).
"""

import re

import pandas as pd

# what a CSV saved from Excel holds for such a cell
SCIENTIFIC = re.compile(r"^\d(?:\.\d+)?[eE]\+?\d+$")


def is_scientific(text: str) -> bool:
    """True for a number written in Excel's scientific notation.

    >>> is_scientific("3.50125E+17"), is_scientific("3.50125e17"), is_scientific("350125")
    (True, True, False)
    """
    return bool(SCIENTIFIC.match(text.strip()))


def rows_with_lost_digits(rows: pd.DataFrame, field: str) -> pd.DataFrame:
    """The rows whose `field` was a number cell too long for Excel, as a new frame."""
    if field not in rows:
        return rows.iloc[0:0]
    marked = rows["lost_digit_columns"].fillna("").str.split(",").map(lambda keys: field in keys)
    scientific = rows[field].fillna("").map(is_scientific)
    return rows[marked.astype(bool) | scientific.astype(bool)].copy()
