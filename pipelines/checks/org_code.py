"""组织机构代码 (GB 11714 organisation code).

Before the 2015 reform every organisation in China had a nine-character 组织机构代码: eight
body characters (digits or capital letters) and one check character, usually written
``XXXXXXXX-X``. The 统一社会信用代码 that replaced it keeps those nine characters as its
positions 9 to 17, so an employer's old and new codes meet there. Exports still show bare
organisation codes in the 社会信用代码 column for employers copied from old records.

The check character is 11 minus the weighted sum (weights 3, 7, 9, 10, 5, 8, 4, 2; letters
count A=10 … Z=35) modulo 11, written X for 10 and 0 for 11.

More information:

* GB 11714-1997 全国组织机构代码编制规则
* https://github.com/wenerme/go-gb (gb11714/sum.go; note it returns "11" where the standard
  says "0")

>>> compact(' 7712 5461 - 5 ')
'771254615'
>>> check('771254615')
[]
>>> [p.rule_id for p in check('77125461-9')]
['org_code.checksum']
"""

import re

from pipelines.checks import Problem, problem
from pipelines.checks._text import squeeze, to_text

_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_SHAPE = re.compile(r"[0-9A-Z]{8}[0-9X]")


def compact(value: str) -> str:
    """Return the code without spaces or hyphen, half-width and upper-case.

    >>> compact('ｍａ２ｂｃ５１ｘ-７')
    'MA2BC51X7'
    """
    return squeeze(value, drop="-").upper()


def calc_check_digit(body: str) -> str:
    """Return the check character for the eight body characters.

    >>> calc_check_digit('77125461')
    '5'
    """
    total = sum(int(char, 36) * weight for char, weight in zip(body, _WEIGHTS, strict=True))
    remainder = 11 - total % 11
    return {10: "X", 11: "0"}.get(remainder, str(remainder))


def is_shaped(code: str) -> bool:
    """Tell whether a compact value has the shape of an organisation code (8 + 1 characters)."""
    return _SHAPE.fullmatch(code) is not None


def check(value: str) -> list[Problem]:
    """Return the problems of one 组织机构代码; empty when it is valid."""
    code = compact(value)
    if not code:
        return []
    fixed = code if code != to_text(value) else None
    if not is_shaped(code):
        return [problem("org_code.format", fixed=fixed, value=code)]
    expected = calc_check_digit(code[:8])
    if code[8] != expected:
        return [problem("org_code.checksum", fixed=fixed, value=code, expected=expected)]
    return []
