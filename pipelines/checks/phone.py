"""联系电话 (telephone number of a unit or of an archive recipient).

The 档案寄送清单 and the counsellors call these numbers, so each must reach someone: an
11-digit mainland mobile number (1[3-9]…), a landline written 区号-号码 with an optional
extension, a 400/800 service number, or, for employers abroad, an international number with
its + country code. +86 / 0086 prefixes are accepted and dropped. Area codes are 3 digits for
010 and 020–029 and 4 digits otherwise, which is how a landline typed without a hyphen is
split. Landlines that have the right shape are also checked against libphonenumber's numbering
plan for China, but only as a warning, because local numbering changes faster than the table.

More information:

* 工业和信息化部 《电信网编号计划》
* https://github.com/google/libphonenumber (via the ``phonenumbers`` package)

>>> compact('+86 138 1234 5678')
'13812345678'
>>> check('021-55271234')
[]
>>> [p.rule_id for p in check('55271234')]
['phone.area_code_missing']
"""

import re

import phonenumbers

from pipelines.checks import Problem, problem
from pipelines.checks._text import squeeze, to_text

_MOBILE = re.compile(r"1[3-9]\d{9}")
_SERVICE = re.compile(r"[48]00\d{7}")
_LOCAL = re.compile(r"[2-9]\d{6,7}")
_DIGITS = re.compile(r"[\d-]+")
_EXTENSION = re.compile(r"(?:转|分机|EXT\.?|X|#)-?(\d{1,6})$")
_SEVERAL = re.compile(r"[/,，;；、]|或")


def compact(value: str) -> str:
    """Return the number in national form: 13812345678, 021-55271234-801, 4008001234.

    Foreign numbers come back in E.164 form; values that are no phone number come back with
    spaces removed and full-width characters made half-width.

    >>> compact('（０２１）５５２７ １２３４ 转801')
    '021-55271234-801'
    """
    text = squeeze(value).upper()
    return _parse(text) or text


def check(value: str) -> list[Problem]:
    """Return the problems of one 联系电话; empty when it is valid."""
    text = squeeze(value).upper()
    if not text:
        return []
    number = _parse(text)
    compacted = number or text
    fixed = compacted if compacted != to_text(value) else None
    if number is None:
        return [_unparsed(text, fixed)]
    if number[0] == "0" and not _known_landline(number):
        area = number.split("-")[0]
        return [problem("phone.landline_suspect", fixed=fixed, value=text, area=area)]
    return []


def _parse(text: str) -> str | None:
    # bring every spelling to digits and hyphens (full-width brackets are already half-width)
    text = text.replace("(", "").replace(")", "-")
    if text.startswith(("+86", "0086")):
        text = _mainland(text.removeprefix("+86").removeprefix("0086").lstrip("-"))
    elif text.startswith(("+", "00")):
        return _foreign(text)
    match = _EXTENSION.search(text)
    extension = match.group(1) if match else ""
    text = text[: match.start()] if match else text
    if not _DIGITS.fullmatch(text):
        return None
    digits = text.replace("-", "")
    if not extension and _MOBILE.fullmatch(digits):
        return digits
    if _SERVICE.fullmatch(digits):
        return digits + (f"-{extension}" if extension else "")
    return _landline(text, extension)


def _mainland(national: str) -> str:
    # after +86 a landline drops its leading 0: +86 21 5527 1234
    digits = national.replace("-", "")
    if _MOBILE.fullmatch(digits) or national.startswith("0"):
        return national
    return "0" + national


def _landline(text: str, extension: str) -> str | None:
    groups = text.rstrip("-").split("-")
    # a third hyphen group is an extension: 0571-87654321-801
    if not extension and len(groups) >= 3 and len(groups[-1]) <= 6:
        split = _split_area("".join(groups[:-1]))
        if split:
            return f"{split}-{groups[-1]}"
    split = _split_area("".join(groups))
    if split is None:
        return None
    return f"{split}-{extension}" if extension else split


def _split_area(digits: str) -> str | None:
    if not digits.startswith("0"):
        return None
    size = 3 if digits[1:2] in ("1", "2") else 4
    area, local = digits[:size], digits[size:]
    if not _LOCAL.fullmatch(local) or (size == 3 and len(local) != 8):
        return None
    return f"{area}-{local}"


def _foreign(text: str) -> str | None:
    try:
        parsed = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _known_landline(number: str) -> bool:
    area, local = number.split("-")[:2]
    return phonenumbers.is_valid_number(phonenumbers.parse(area + local, "CN"))


def _unparsed(text: str, fixed: str | None) -> Problem:
    # tell the user which of the common slips it is before falling back to the generic message
    parts = [part for part in _SEVERAL.split(text) if part]
    if len(parts) > 1 and all(_parse(part) for part in parts):
        return problem("phone.multiple", fixed=fixed, value=text)
    if _LOCAL.fullmatch(text.replace("-", "")):
        return problem("phone.area_code_missing", fixed=fixed, value=text)
    return problem("phone.format", fixed=fixed, value=text)
