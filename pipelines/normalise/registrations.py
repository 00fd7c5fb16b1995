"""Canonical spellings of registration values, before any rule looks at them.

Cleaning and the ASCII cases run in SQL (sql/macros/clean_text.sql,
sql/staging/norm_registrations.sql); the rules here settle the rest, once per distinct value.
"""

import re

import pandas as pd

from pipelines.normalise.dates import parse_date
from pipelines.normalise.salary import parse_salary
from pipelines.text.clean import half_width, label_key

# Fields that hold codes, numbers or addresses of machines: full-width forms and inner spaces
# carry no meaning there, and case does not either (except e-mail local parts, kept as typed).
# sql/staging/norm_registrations.sql and text_form_values.sql name the same fields.
CODE_FIELDS = (
    "student_id",
    "id_number",
    "credit_code",
    "unit_postcode",
    "unit_phone",
    "archive_phone",
    "agreement_no",
    "unit_reg_no",
    "origin_code",
    "destination_code",
    "transfer_no",
)
EMAIL_FIELDS = ("unit_email", "archive_email")
LABEL_FIELDS = ("destination", "sub_destination", "review_status", "degree_level", "gender")

DEGREE_PATTERNS = (
    ("博士", "博士研究生"),
    ("硕士", "硕士研究生"),
    ("研究生", "硕士研究生"),
    ("本科", "本科"),
    ("学士", "本科"),
    ("二学位", "本科"),
    ("专科", "专科"),
    ("高职", "专科"),
)


def compact_code(value: str) -> str:
    """Half-width, upper-case, no spaces or hyphen-like separators inside.

    >>> compact_code(" ９１１１０１０８５h7k2m9q0j ")
    '911101085H7K2M9Q0J'
    >>> compact_code("110105 20020314 109x")
    '11010520020314109X'
    """
    return re.sub(r"\s+", "", half_width(value)).upper()


def canonical_degree(value: str) -> str:
    """The four degree levels used in every report.

    >>> canonical_degree("本科生毕业"), canonical_degree("硕士生毕业"), canonical_degree("高职")
    ('本科', '硕士研究生', '专科')
    """
    for needle, level in DEGREE_PATTERNS:
        if needle in value:
            return level
    return value


def canonical_forms(values: pd.DataFrame) -> pd.DataFrame:
    """The canonical text of each (kind, value) pair that SQL leaves to Python.

    `kind` is one of FORM_RULES: ``code`` and ``label`` for non-ASCII codes and labels,
    ``degree`` for 学历, ``sign_date`` (ISO date) and ``salary`` (yuan per month, as the
    shortest text that reads back as the same float). A value that cannot be parsed gets NA.

    >>> forms = canonical_forms(pd.DataFrame({
    ...     "kind": ["code", "degree", "sign_date", "salary"],
    ...     "value": ["９１ ａ", "本科生毕业", "2025年6月30日", "面议"],
    ... }))
    >>> forms["canonical"].fillna("(none)").tolist()
    ['91A', '本科', '2025-06-30', '(none)']

    Returns:
        A new frame with the columns of `values` and `canonical` (text) added.
    """
    canonical = [
        FORM_RULES[kind](value) for kind, value in zip(values["kind"], values["value"], strict=True)
    ]
    return values.assign(canonical=pd.Series(canonical, index=values.index, dtype="str"))


def _iso_date(value: str) -> str | None:
    parsed = parse_date(value)
    return parsed.isoformat() if parsed else None


def _salary_text(value: str) -> str | None:
    parsed = parse_salary(value)
    return None if parsed is None else repr(parsed)


FORM_RULES = {
    "code": compact_code,
    "label": label_key,
    "degree": lambda value: canonical_degree(label_key(value)),
    "sign_date": _iso_date,
    "salary": _salary_text,
}
