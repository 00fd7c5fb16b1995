"""Values that certainly pass their per-value check, found for a whole column at once.

Almost every 学号 and 身份证号 is unique and well formed, so checking each distinct value in
Python costs about as much as a loop over the rows. These tests pick out, with vectorised
string and array operations, the values for which ``check`` would surely return no problem;
only the rest go through ``check``. They are deliberately narrower than the checks: a value
they do not pass is not wrong, it is just left to ``check`` (tests/test_validate_plain.py
holds them to that on every value the checks' cases know).
"""

import datetime
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

# plain ASCII letters and digits with at least one digit: check() has nothing to say about such
# a 学号 unless it is Excel's scientific notation, which needs one digit, an E and digits
_PLAIN_STUDENT_ID = r"[0-9A-Za-z]*[0-9][0-9A-Za-z]*"
_SCIENTIFIC_STUDENT_ID = r"[0-9][Ee][0-9]+"

# an 18-character ID number as typed correctly: 17 ASCII digits and a digit or upper-case X
_PLAIN_ID_NUMBER = r"[0-9]{17}[0-9X]"
_ID_WEIGHTS = np.array((7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2))
_ID_CHECK_CHARACTERS = np.frombuffer(b"10X98765432", dtype=np.uint8)
_EARLIEST_BIRTH = pd.Timestamp(1900, 1, 1)
_CHINA = ZoneInfo("Asia/Shanghai")


def plain_student_ids(values: pd.Series) -> pd.Series:
    """True where pipelines.checks.student_id.check surely finds nothing.

    >>> plain_student_ids(pd.Series(["2021040003", "M2021E05", "2E09", "学号未知", None],
    ...                             dtype="str")).tolist()
    [True, True, False, False, False]
    """
    plain = values.str.fullmatch(_PLAIN_STUDENT_ID)
    scientific = values.str.fullmatch(_SCIENTIFIC_STUDENT_ID)
    return (plain & ~scientific).fillna(False).astype(bool)


def plain_id_numbers(values: pd.Series, today: datetime.date | None = None) -> pd.Series:
    """True where pipelines.checks.resident_id.check surely finds nothing.

    The number must be written exactly (no space, no lower-case x, no full-width digit), its
    check character must be right and its birth date must exist between 1900 and yesterday
    (a birth date of today is left to check(), which knows the exact time in China).

    >>> plain_id_numbers(pd.Series(["11010520020314109X", "11010520020314109x",
    ...                             "110105200203141090", "11010520020230109X", None],
    ...                            dtype="str")).tolist()
    [True, False, False, False, False]
    """
    today = today or datetime.datetime.now(_CHINA).date()
    shaped = values.str.fullmatch(_PLAIN_ID_NUMBER).fillna(False).astype(bool)
    result = pd.Series(False, index=values.index)
    candidates = values[shaped]
    if candidates.empty:
        return result

    # the check character: weighted sum of the first 17 digits modulo 11
    characters = np.frombuffer("".join(candidates.tolist()).encode("ascii"), dtype=np.uint8)
    characters = characters.reshape(-1, 18)
    totals = (characters[:, :17].astype(np.int64) - ord("0")) @ _ID_WEIGHTS
    checked = characters[:, 17] == _ID_CHECK_CHARACTERS[totals % 11]

    # the birth date must exist and lie between 1900 and yesterday
    born = pd.to_datetime(candidates.str.slice(6, 14), format="%Y%m%d", errors="coerce")
    latest = pd.Timestamp(today) - pd.Timedelta(days=1)
    dated = (born >= _EARLIEST_BIRTH) & (born <= latest)

    result[shaped] = checked & dated.fillna(False).to_numpy(dtype=bool)
    return result


PLAIN_VALUES = {
    "student_id": plain_student_ids,
    "id_number": plain_id_numbers,
}
