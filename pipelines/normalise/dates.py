"""Parse the date spellings found in 签约日期 cells.

More information:
- Excel stores dates as days since 1899-12-30 (serial numbers), shown as numbers when the
  column is not formatted as a date.
"""

import datetime as dt
import re

EXCEL_EPOCH = dt.date(1899, 12, 30)
# Serial numbers between these bounds are dates from 1954 to 2119; anything else is not a date.
SERIAL_RANGE = (20000, 80000)
SPELLED = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$")
COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_date(text: str) -> dt.date | None:
    """Return the date a cell text stands for, or None when it is not a real date.

    >>> parse_date("2025/6/30"), parse_date("2025.6.30"), parse_date("2025年6月30日")
    (datetime.date(2025, 6, 30), datetime.date(2025, 6, 30), datetime.date(2025, 6, 30))
    >>> parse_date("20250630"), parse_date("45838"), parse_date("2025-06-30 00:00:00")
    (datetime.date(2025, 6, 30), datetime.date(2025, 6, 30), datetime.date(2025, 6, 30))
    >>> parse_date("2025-06-31") is None, parse_date("") is None, parse_date("下周") is None
    (True, True, True)
    """
    text = text.strip()
    match = SPELLED.match(text) or COMPACT.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    if text.isdigit() and SERIAL_RANGE[0] <= int(text) <= SERIAL_RANGE[1]:
        return EXCEL_EPOCH + dt.timedelta(days=int(text))
    return None
