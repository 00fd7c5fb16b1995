"""Text clean-up shared by header matching and value normalisation."""

import re
import unicodedata

# Zero-width characters, word joiner and BOM survive copy-paste from web forms and WeChat.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Control characters (NUL from broken exports, a stray CR or form feed) cannot be shown, break
# file names and xlsx cells; a line break and a tab inside a multi-line cell are kept.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# NBSP and the ideographic (full-width) space look like spaces but are not stripped by str.strip
# in every tool the office uses.
ODD_SPACES = re.compile("[\u00a0\u3000\u2002-\u200a\u202f\u205f]")


def clean_text(value: str) -> str:
    """Remove invisible and control characters, turn odd spaces into spaces and trim.

    >>> clean_text("\\u200b张\\u200b测一\\u3000")
    '张测一'
    >>> clean_text(" 北京示例科技有限公司\\u00a0")
    '北京示例科技有限公司'
    >>> clean_text("计算机\\x00学院\\r"), clean_text("第一行\\n第二行")
    ('计算机学院', '第一行\\n第二行')
    """
    return ODD_SPACES.sub(" ", CONTROL.sub("", INVISIBLE.sub("", value))).strip()


def half_width(value: str) -> str:
    """Full-width digits, letters and punctuation to half-width (NFKC), for code-like fields.

    >>> half_width("９１１１ＡＢ（１）")
    '9111AB(1)'
    """
    return unicodedata.normalize("NFKC", value)


def header_key(value: str) -> str:
    """The form of a header cell used for alias matching.

    Spaces, line breaks, required-field stars and full-width variants do not matter.

    >>> header_key(" *统一社会\\n信用代码 ")
    '统一社会信用代码'
    >>> header_key("Ｅ－ＭＡＩＬ")
    'E-MAIL'
    """
    text = half_width(clean_text(value)).upper()
    return re.sub(r"[\s*＊:：]", "", text)


def label_key(value: str) -> str:
    """The spelling used to compare labels such as 毕业去向: half-width, no spaces at all.

    >>> label_key(" 派遣（签订 就业协议书） ")
    '派遣(签订就业协议书)'
    """
    return "".join(half_width(clean_text(value)).split())
