"""Turn spreadsheet cell values into the text a person sees in the cell."""

import datetime as dt
import math
from decimal import Decimal


def cell_text(value: object) -> str:
    """Render a cell value from an xlsx/xls reader as text.

    Whole numbers lose the float tail Excel gave them, dates become ISO dates; the leading
    zeros of a code typed as a number are already gone in the file and are not invented here.

    >>> cell_text(2025000001.0)
    '2025000001'
    >>> cell_text(10020.0)
    '10020'
    >>> cell_text(8000.5)
    '8000.5'
    >>> cell_text(dt.date(2025, 6, 30))
    '2025-06-30'
    >>> cell_text(dt.datetime(2025, 6, 30, 0, 0))
    '2025-06-30'
    >>> cell_text(None)
    ''
    >>> cell_text(350125200204025000.0)
    '350125200204025000'
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if lost_digits(value):
            # what Excel shows in the formula bar: 15 significant digits, then zeros
            return str(int(Decimal(format(value, f".{EXCEL_DIGITS}g"))))
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value)


# Excel keeps 15 significant digits; longer numbers (18-digit ID numbers, 20-digit agreement
# numbers typed without a leading apostrophe) were cut to zeros when they were typed.
EXCEL_DIGITS = 15


def lost_digits(value: object) -> bool:
    """True for a number cell too long for Excel to have kept every digit.

    >>> lost_digits(350125200210194000.0), lost_digits(2025000001.0), lost_digits("350125")
    (True, False, False)
    """
    return isinstance(value, float) and math.isfinite(value) and abs(value) >= 10**EXCEL_DIGITS
