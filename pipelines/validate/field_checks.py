"""Per-value checks (identifiers, contacts, dates, salary) applied to every registration row.

Checks run once per distinct value and the results are joined back to the rows: a 1 M-row
export has far fewer distinct credit codes or phone numbers than rows. 学号 and 身份证号 are
nearly all distinct, so the plainly valid ones are picked out for the whole column first
(pipelines/validate/plain_values.py) and only the others are checked one by one.
"""

import pandas as pd

from pipelines.checks import (
    Problem,
    credit_code,
    email,
    phone,
    postcode,
    problem,
    resident_id,
    student_id,
)
from pipelines.normalise.dates import parse_date
from pipelines.normalise.salary import is_negotiable, parse_salary
from pipelines.validate.findings import empty_findings, with_row_context
from pipelines.validate.plain_values import PLAIN_VALUES


def field_findings(rows: pd.DataFrame) -> pd.DataFrame:
    """Findings of every per-value check on the cleaned (not yet compacted) rows."""
    parts = [
        _findings_for_field(rows, field, check)
        for field, check in FIELD_CHECKS.items()
        if field in rows
    ]
    return pd.concat([empty_findings(), *parts], ignore_index=True)


def _findings_for_field(rows: pd.DataFrame, field: str, check) -> pd.DataFrame:
    suspect = rows[field].notna()
    if field in PLAIN_VALUES:
        suspect &= ~PLAIN_VALUES[field](rows[field])
    present = rows[suspect]
    verdicts = {value: check(value) for value in present[field].unique()}
    wrong = [value for value, problems in verdicts.items() if problems]
    flagged = present[present[field].isin(wrong)]
    if flagged.empty:
        return empty_findings()
    per_row = flagged.loc[flagged.index.repeat(flagged[field].map(lambda v: len(verdicts[v])))]
    problems = [p for value in flagged[field] for p in verdicts[value]]
    return with_row_context(per_row, field, per_row[field], problems)


def _date_problems(value: str) -> list[Problem]:
    return [] if parse_date(value) else [problem("sign_date.invalid", value=value)]


def _salary_problems(value: str) -> list[Problem]:
    if is_negotiable(value):
        return [problem("salary.negotiable", value=value)]
    if parse_salary(value) is None:
        return [problem("salary.unreadable", value=value)]
    return []


FIELD_CHECKS = {
    "student_id": student_id.check,
    "credit_code": credit_code.check,
    "id_number": resident_id.check,
    "unit_postcode": postcode.check,
    "unit_phone": phone.check,
    "archive_phone": phone.check,
    "unit_email": email.check,
    "archive_email": email.check,
    "sign_date": _date_problems,
    "salary": _salary_problems,
}

# the columns field_findings reads: the identity of each row and the checked fields
CHECKED_COLUMNS = (
    "student_id",
    "college",
    "counsellor",
    "source_file",
    "source_sheet",
    "source_row",
    *(field for field in FIELD_CHECKS if field != "student_id"),
)
