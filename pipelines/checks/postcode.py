"""邮编 (postal code of mainland China).

Six digits: the first two name the province, the next ones the delivery area. The 档案寄送清单
prints it on the envelope, so a wrong postcode delays a student's file. Spreadsheets often
store postcodes as numbers, which drops the leading zero of the codes of 内蒙古, 山西, 河北 and
the other 0-regions: ``010020`` comes back as ``10020``; such five-digit values get their own
message suggesting the zero back rather than a silent guess.

The same check serves every postcode field; whether the postcode fits the address's province
is a cross-field rule elsewhere.

More information:

* 中国邮政 邮政编码查询 https://www.ems.com.cn/
* GB/T 2260 (province part of the code)

>>> compact('２００ ０９３')
'200093'
>>> check('200093')
[]
>>> [p.rule_id for p in check('10020')]
['postcode.leading_zero']
"""

from pipelines.checks import Problem, problem
from pipelines.checks._text import squeeze, to_text


def compact(value: str) -> str:
    """Return the postcode without spaces, half-width.

    >>> compact(' ０１００２０\u00a0')
    '010020'
    """
    return squeeze(value)


def restore_leading_zero(value: str) -> str | None:
    """Return the six-digit postcode a five-digit value most likely lost its zero from, or None.

    Only postcodes 01xxxx to 07xxxx exist with a leading zero, so only 1xxxx to 7xxxx qualify.

    >>> restore_leading_zero('10020'), restore_leading_zero('90000'), restore_leading_zero(10020)
    ('010020', None, '010020')
    """
    code = compact(value)
    if len(code) == 5 and _is_digits(code) and code[0] in "1234567":
        return "0" + code
    return None


def check(value: str) -> list[Problem]:
    """Return the problems of one 邮编; empty when it is valid."""
    code = compact(value)
    if not code:
        return []
    fixed = code if code != to_text(value) else None
    if len(code) == 6 and _is_digits(code):
        return []
    restored = restore_leading_zero(code)
    if restored:
        return [problem("postcode.leading_zero", fixed=fixed, value=code, expected=restored)]
    return [problem("postcode.format", fixed=fixed, value=code)]


def _is_digits(code: str) -> bool:
    # str.isdigit alone accepts other scripts' digits and superscripts
    return code.isascii() and code.isdigit()
