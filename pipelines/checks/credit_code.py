"""统一社会信用代码 (GB 32100-2015 unified social credit code).

Every employer, school and public body registered in China since 2015 has an 18-character
code: 登记管理部门码 and 机构类别码 (who registered it and what kind of body it is), the
6-digit 行政区划码 of the registering office, the nine-character 组织机构代码 (GB 11714) and a
mod-31 check character. The career office uses it to match one employer across students,
so a wrong character splits an employer in two. Older records may still hold the 9-character
组织机构代码 or the 15-digit 工商注册号 that the credit code replaced.

Codes from 中央军委改革和编制办公室 (A), 农业 (N) and 其他 (Y) registrars are legitimate;
python-stdnum's ``cn.uscc`` rejects them because it wants digits in positions 1 to 8.

More information:

* GB 32100-2015 法人和其他组织统一社会信用代码编码规则
* https://github.com/wenerme/go-gb (gb32100/code.go: table of registrar and category codes)
* https://www.gsxt.gov.cn/ (国家企业信用信息公示系统, to look an employer's code up)

>>> compact('9111 0000 6000 3734 1l')
'91110000600037341L'
>>> check('91110000600037341L')
[]
>>> [p.rule_id for p in check('91110000600037341M')]
['credit_code.checksum']
"""

import re
from dataclasses import replace

from pipelines.checks import Problem, problem
from pipelines.checks import org_code as gb11714
from pipelines.checks._text import squeeze, to_text

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUES = {char: index for index, char in enumerate(ALPHABET)}
_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))

# 登记管理部门码 -> allowed 机构类别码 (GB 32100-2015, as tabulated in go-gb gb32100/code.go)
_CATEGORIES = {
    "1": "1239", "2": "19", "3": "123459", "4": "19", "5": "1239", "6": "129",
    "7": "129", "8": "19", "9": "1239", "A": "19", "N": "1239", "Y": "1",
}  # fmt: skip

# 100000 is the region segment of bodies registered by central government offices
_REGION = re.compile(r"100000|(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[12])\d{4}")
_REG_NO = re.compile(r"\d{15}")


def compact(value: str) -> str:
    """Return the code without spaces or hyphens, half-width and upper-case.

    >>> compact(' 91３５０１００Ｍ０００１００y４３\u200b')
    '91350100M000100Y43'
    """
    return squeeze(value, drop="-").upper()


def calc_check_digit(body: str) -> str:
    """Return the check character for the first 17 characters.

    >>> calc_check_digit('91110000600037341')
    'L'
    """
    total = sum(_VALUES[char] * weight for char, weight in zip(body, _WEIGHTS, strict=True))
    return ALPHABET[-total % 31]


def region_segment(code: str) -> str | None:
    """Return positions 3–8 (the registering office's region code) of a valid-looking code.

    >>> region_segment('91350100M000100Y43')
    '350100'
    """
    code = compact(code)
    return code[2:8] if len(code) == 18 and code[2:8].isdigit() else None


def org_code(code: str) -> str | None:
    """Return the nine-character 组织机构代码 of a credit code or of a legacy organisation code.

    >>> org_code('91350100M000100Y43'), org_code('77125461-5')
    ('M000100Y4', '771254615')
    """
    code = compact(code)
    if len(code) == 18:
        return code[8:17]
    return code if gb11714.is_shaped(code) else None


def check(value: str) -> list[Problem]:
    """Return the problems of one 社会信用代码; empty when it is valid."""
    code = compact(value)
    if not code:
        return []
    fixed = code if code != to_text(value) else None
    if len(code) != 18:
        return _check_legacy(code, fixed)
    bad = sorted({char for char in code if char not in _VALUES})
    if bad:
        return [problem("credit_code.charset", fixed=fixed, value=code, chars="、".join(bad))]
    expected = calc_check_digit(code[:17])
    if code[17] != expected:
        return [problem("credit_code.checksum", fixed=fixed, value=code, expected=expected)]
    return _check_structure(code, fixed)


def _check_legacy(code: str, fixed: str | None) -> list[Problem]:
    # the column is named for the credit code, but old records keep the codes it replaced
    if gb11714.is_shaped(code):
        legacy = problem("credit_code.legacy_org_code", fixed=fixed, value=code)
        return [legacy, *(replace(found, fixed=fixed) for found in gb11714.check(code))]
    if _REG_NO.fullmatch(code):
        return [problem("credit_code.legacy_reg_no", fixed=fixed, value=code)]
    return [problem("credit_code.length", fixed=fixed, value=code, length=len(code))]


def _check_structure(code: str, fixed: str | None) -> list[Problem]:
    # a code can pass the check character and still be made up; these only raise doubts
    problems = []
    if code[1] not in _CATEGORIES.get(code[0], ""):
        problems.append(problem("credit_code.dept_type", fixed=fixed, value=code, prefix=code[:2]))
    if not _REGION.fullmatch(code[2:8]):
        problems.append(
            problem("credit_code.region_segment", fixed=fixed, value=code, segment=code[2:8])
        )
    expected = gb11714.calc_check_digit(code[8:16])
    if code[16] != expected:
        problems.append(
            problem("credit_code.org_code_checksum", fixed=fixed, value=code, expected=expected)
        )
    return problems
