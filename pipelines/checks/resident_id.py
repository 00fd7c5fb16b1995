"""身份证号 (GB 11643-1999 citizen identity number).

Eighteen characters: a 6-digit address code, the birth date as YYYYMMDD, a 3-digit sequence
number (odd for men, even for women) and a check character, X standing for 10. The national
platform verifies graduates against 学信网 by this number, so it must be entered exactly:
a lower-case x, full-width characters or spaces are corrected here but still reported.
Numbers of 港澳台居民居住证 (810000, 820000, 830000) and of foreigners' permanent residence
cards follow the same structure and pass. Address codes are not checked, because students
keep numbers whose address code has since been abolished.

More information:

* GB 11643-1999 公民身份号码
* https://github.com/arthurdejong/python-stdnum (stdnum/cn/ric.py; it rejects 830000 numbers
  and address codes missing from its table for the birth year, so it is not used here)

>>> compact('110105 20020314 109ｘ')
'11010520020314109X'
>>> check('11010520020314109X')
[]
>>> [p.rule_id for p in check('11010520020314109x')]
['id_number.normalised']
"""

import datetime
import re
from zoneinfo import ZoneInfo

from pipelines.checks import Problem, problem
from pipelines.checks._text import halfwidth, squeeze, to_text

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_SHAPE = re.compile(r"\d{17}[\dX]")
_LEGACY = re.compile(r"\d{15}")
_EITHER = re.compile(r"\d{17}[\dX]|\d{15}")
_EARLIEST = datetime.date(1900, 1, 1)
_CHINA = ZoneInfo("Asia/Shanghai")


def compact(value: str) -> str:
    """Return the number without spaces, half-width and with an upper-case X.

    >>> compact(' 11010520020314109Ｘ ')
    '11010520020314109X'
    """
    return squeeze(value).upper()


def calc_check_digit(body: str) -> str:
    """Return the check character for the first 17 digits.

    >>> calc_check_digit('11010520020314109')
    'X'
    """
    total = sum(int(digit) * weight for digit, weight in zip(body, _WEIGHTS, strict=True))
    return "10X98765432"[total % 11]


def birth_date(value: str) -> datetime.date | None:
    """Return the birth date written in an 18- or 15-digit number, or None if there is none.

    >>> birth_date('11010520020314109X'), birth_date('110105020314109')
    (datetime.date(2002, 3, 14), datetime.date(1902, 3, 14))
    """
    number = compact(value)
    if not _EITHER.fullmatch(number):
        return None
    digits = _date_digits(number)
    try:
        return datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def gender(value: str) -> str | None:
    """Return '男' or '女' from the parity of the sequence number, or None.

    >>> gender('11010520020314109X'), gender('110105199901010024')
    ('男', '女')
    """
    number = compact(value)
    if not _EITHER.fullmatch(number):
        return None
    return "男" if int(number[16 if len(number) == 18 else 14]) % 2 else "女"


def legacy_to_18(number: str) -> str:
    """Return the 18-digit form of a 15-digit number (century 19 inserted, check added).

    >>> legacy_to_18('110105020314109')
    '110105190203141093'
    """
    body = number[:6] + "19" + number[6:]
    return body + calc_check_digit(body)


def check(value: str) -> list[Problem]:
    """Return the problems of one 身份证号; empty when it is valid."""
    number = compact(value)
    if not number:
        return []
    fixed = number if number != to_text(value) else None
    if _LEGACY.fullmatch(number):
        # converting a number whose date is impossible would only spread the mistake
        expected = legacy_to_18(number)
        legacy = problem("id_number.legacy_15", fixed=fixed, value=number, expected=expected)
        return _check_birth_date(number, fixed) or [legacy]
    if len(number) != 18:
        return [problem("id_number.length", fixed=fixed, value=number, length=len(number))]
    if not _SHAPE.fullmatch(number):
        return [problem("id_number.charset", fixed=fixed, value=number)]
    expected = calc_check_digit(number[:17])
    if number[17] != expected:
        return [problem("id_number.checksum", fixed=fixed, value=number, expected=expected)]
    raw = to_text(value)
    problems = _check_birth_date(number, fixed)
    # whitespace around the value is harmless; anything the student typed inside is reported
    if problems or fixed is None or fixed == raw.strip():
        return problems
    return [problem("id_number.normalised", fixed=fixed, value=raw, reason=_normalisation(raw))]


def _date_digits(number: str) -> str:
    # 15-digit numbers were issued to people born in the 1900s and carry a 2-digit year
    return "19" + number[6:12] if len(number) == 15 else number[6:14]


def _check_birth_date(number: str, fixed: str | None) -> list[Problem]:
    born = birth_date(number)
    if born is None:
        reason = "不存在"
    elif born > datetime.datetime.now(_CHINA).date():
        reason = "晚于今天"
    elif born < _EARLIEST:
        reason = "早于1900年"
    else:
        return []
    digits = _date_digits(number)
    date = f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"
    return [problem("id_number.birth_date", fixed=fixed, value=number, date=date, reason=reason)]


def _normalisation(raw: str) -> str:
    # name what was corrected so the student knows what to retype
    reasons = {
        "小写 x": "x" in raw or "ｘ" in raw,
        "全角字符": any("\uff01" <= char <= "\uff5e" for char in raw),
        "空格或不可见字符": any(char.isspace() for char in halfwidth(raw).strip()),
    }
    return "、".join(name for name, found in reasons.items() if found) or "多余字符"
