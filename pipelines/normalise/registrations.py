"""Clean registration text: one canonical spelling per value, before any rule looks at it."""

import re

import pandas as pd

from pipelines.normalise.dates import parse_date
from pipelines.normalise.salary import parse_salary
from pipelines.text.clean import clean_text, half_width, label_key

# Fields that hold codes, numbers or addresses of machines: full-width forms and inner spaces
# carry no meaning there, and case does not either (except e-mail local parts, kept as typed).
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


def clean_frame(raw: pd.DataFrame) -> pd.DataFrame:
    """Every text cell trimmed and freed of invisible characters; empty text becomes NA.

    Returns a new frame with the same columns.
    """
    text_columns = [c for c in raw.columns if c not in ("source_row",)]
    cleaned = raw.copy()
    for column in text_columns:
        cleaned[column] = raw[column].map(_clean_or_na, na_action="ignore").astype("str")
    return cleaned


def normalise_registrations(cleaned: pd.DataFrame) -> pd.DataFrame:
    """Canonical values for the staging table.

    Returns a new frame: code fields compacted, labels half-width, `degree_level` canonical,
    plus `sign_date_parsed` (date) and `salary_yuan_month` (float).
    """
    result = cleaned.copy()
    for column in CODE_FIELDS:
        if column in result:
            result[column] = cleaned[column].map(compact_code, na_action="ignore").astype("str")
    for column in EMAIL_FIELDS + LABEL_FIELDS:
        if column in result:
            result[column] = cleaned[column].map(label_key, na_action="ignore").astype("str")
    if "degree_level" in result:
        result["degree_level"] = (
            result["degree_level"].map(canonical_degree, na_action="ignore").astype("str")
        )
    result["sign_date_parsed"] = _mapped(cleaned, "sign_date", parse_date)
    result["salary_yuan_month"] = _mapped(cleaned, "salary", parse_salary).astype("Float64")
    return result


def _clean_or_na(value: str) -> str | None:
    text = clean_text(value)
    return text or None


def _mapped(frame: pd.DataFrame, column: str, parse) -> pd.Series:
    if column not in frame:
        return pd.Series([None] * len(frame), index=frame.index, dtype=object)
    return frame[column].map(parse, na_action="ignore").astype(object)
