"""学号 (student number).

Each university numbers its students its own way, so no length or checksum applies; what can be
told from the value alone is whether it was damaged on its way through Excel. A 学号 column
formatted as a number shows ``2.02104E+09`` and a CSV saved from that sheet keeps only those
digits: the student can no longer be told apart, and the number cannot be recovered from the
file. A value without any digit (``学号未知``) or with signs and punctuation (``-1``, ``2021/01``)
is no student number either. Letters are allowed: some schools prefix postgraduates with M or D.

More information:

* 教育部 全国高校毕业生毕业去向登记 平台填报说明 (学号 is the school's own number)

>>> check('2021040003')
[]
>>> [p.rule_id for p in check('2.02104E+09')]
['student_id.format']
>>> [p.rule_id for p in check('学号未知')]
['student_id.characters']
"""

import re

from pipelines.checks import Problem, problem
from pipelines.checks._text import squeeze

# what Excel writes for a number too wide for its column (one digit before the point, so a
# 学号 with an E inside such as 2021E05 is not taken for one): 2.02104E+09, 1E+11, 1e5
_SCIENTIFIC = re.compile(r"[+-]?\d(\.\d+)?E[+-]?\d+", re.IGNORECASE)
_ALLOWED = re.compile(r"[0-9A-Za-z]")


def compact(value: str) -> str:
    """Return the 学号 half-width and without spaces.

    >>> compact(' ２０２１ ０４０００３ ')
    '2021040003'
    """
    return squeeze(value)


def check(value: str) -> list[Problem]:
    """Return the problems of one 学号; empty when it looks like a student number."""
    code = compact(value)
    if not code:
        return []
    if _SCIENTIFIC.fullmatch(code):
        return [problem("student_id.format", value=code)]
    if not any(char.isdigit() for char in code):
        return [problem("student_id.characters", value=code, reason="没有任何数字")]
    odd = "".join(sorted({char for char in code if not _ALLOWED.fullmatch(char)}))
    if odd:
        return [problem("student_id.characters", value=code, reason=f"含有字符 {odd}")]
    return []
