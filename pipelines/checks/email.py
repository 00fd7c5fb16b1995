"""E-MAIL (e-mail address of a unit or of an archive recipient).

Offer letters, 档案 receipts and the school's follow-up surveys go to these addresses, so each
must at least be an address: a user name, one @ and a domain with a dot and a letter suffix.
Nothing is looked up on the network. Chinese input methods produce full-width ＠ and ． or the
ideographic 。, and copy-paste adds spaces; those are corrected and reported, because the
platform stores what was typed.

The pattern is the "dot-atom" part of RFC 5322 (no quoted user names, no IP-address domains,
no internationalised domains: none of those turn up in practice and all defeat mail merges).

More information:

* RFC 5322 section 3.4.1 (addr-spec), RFC 1035 section 2.3.1 (domain labels)
* https://html.spec.whatwg.org/multipage/input.html#valid-e-mail-address

>>> compact('zhangsan＠163．com')
'zhangsan@163.com'
>>> check('zhangsan@163.com')
[]
>>> [p.rule_id for p in check('zhangsan＠163.com')]
['email.normalised']
"""

import re

from pipelines.checks import Problem, problem
from pipelines.checks._text import squeeze, to_text

_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
_SUFFIX = re.compile(r"[A-Za-z]{2,63}")


def compact(value: str) -> str:
    """Return the address without spaces, with full-width characters and 。 made half-width.

    >>> compact(' Li.Si ＠ QQ。com ')
    'Li.Si@QQ.com'
    """
    return squeeze(value).replace("。", ".")


def check(value: str) -> list[Problem]:
    """Return the problems of one E-MAIL; empty when it is valid."""
    address = compact(value)
    if not address:
        return []
    raw = to_text(value)
    fixed = address if address != raw else None
    reason = _syntax_error(address)
    if reason:
        return [problem("email.format", fixed=fixed, value=address, reason=reason)]
    if fixed and fixed != raw.strip():
        return [problem("email.normalised", fixed=fixed, value=raw.strip())]
    return []


def _syntax_error(address: str) -> str | None:
    local, at, domain = address.partition("@")
    labels = domain.split(".")
    # the first slip found, in the order a person would look for it
    slips = (
        (not address.isascii(), "含有中文或其他非英文字符"),
        (not at, "缺少 @"),
        ("@" in domain, "应有且只有一个 @"),
        (len(local) > 64 or not _LOCAL.fullmatch(local), "@ 前的用户名不正确"),
        (len(labels) < 2, "域名缺少 .com、.cn 等后缀"),
        (len(domain) > 253 or not all(map(_LABEL.fullmatch, labels)), "@ 后的域名不正确"),
        (not _SUFFIX.fullmatch(labels[-1]), "域名后缀不正确"),
    )
    return next((reason for failed, reason in slips if failed), None)
