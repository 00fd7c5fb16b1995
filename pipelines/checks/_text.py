"""Text clean-up shared by the check modules."""

import math

# U+FF01..U+FF5E are the full-width forms of ASCII 0x21..0x7E; U+3000 is the ideographic space
_HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_HALFWIDTH[0x3000] = ord(" ")

# characters that copy-paste from web pages and Word leaves behind and nobody can see
_INVISIBLE = dict.fromkeys(map(ord, "\u00a0\u200b\u200c\u200d\u2060\ufeff\u00ad"), " ")

_TABLE = str.maketrans(_HALFWIDTH | _INVISIBLE)


def to_text(value: object) -> str:
    """Return ``value`` as a string; None, NaN and pandas' NA become ''.

    >>> to_text(None), to_text(float('nan')), to_text(10020)
    ('', '', '10020')
    """
    if isinstance(value, str):
        return value
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if type(value).__name__ in {"NAType", "NaTType"}:
        return ""
    return str(value)


def halfwidth(value: object) -> str:
    """Return the text with full-width ASCII made half-width and invisible characters as spaces.

    >>> halfwidth('１１０\u200b１０５Ｘ')
    '110 105X'
    """
    return to_text(value).translate(_TABLE)


def squeeze(value: object, drop: str = "") -> str:
    """Return :func:`halfwidth` text without whitespace and without the characters in ``drop``.

    >>> squeeze(' 91\u00a03501-00 ', drop='-')
    '91350100'
    """
    text = "".join(halfwidth(value).split())
    for char in drop:
        text = text.replace(char, "")
    return text
