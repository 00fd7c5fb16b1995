"""The shape of a finding, and building finding rows from flagged registration rows."""

import pandas as pd

from pipelines.checks import problem
from pipelines.warehouse import fetch_frame

FINDING_COLUMNS = [
    "student_id",
    "college",
    "counsellor",
    "field",
    "rule_id",
    "severity",
    "message",
    "value",
    "source_file",
    "source_sheet",
    "source_row",
]


def empty_findings() -> pd.DataFrame:
    return pd.DataFrame(
        {c: pd.Series(dtype="int64" if c == "source_row" else "str") for c in FINDING_COLUMNS}
    )


def findings_for_rows(
    rows: pd.DataFrame, field: str, rule_id: str, other_column: str | None = None
) -> pd.DataFrame:
    """One finding of `rule_id` per row, quoting the row's `field` value.

    The catalogue template may use {value} and {other} (the value of `other_column`).
    """
    if rows.empty:
        return empty_findings()
    values = rows[field].fillna("")
    others = rows[other_column] if other_column else pd.Series("", index=rows.index)
    problems = [problem(rule_id, value=v, other=o) for v, o in zip(values, others, strict=True)]
    return with_row_context(rows, field, values, problems)


def with_row_context(
    rows: pd.DataFrame, field: str, values: pd.Series, problems: list
) -> pd.DataFrame:
    """Finding rows for `problems`, one per row of `rows`, with the row's identity attached."""
    frame = pd.DataFrame(
        {
            "student_id": rows["student_id"].to_numpy(),
            "college": _column(rows, "college"),
            "counsellor": _column(rows, "counsellor"),
            "field": field,
            "rule_id": [p.rule_id for p in problems],
            "severity": [p.severity for p in problems],
            "message": [p.message for p in problems],
            "value": values.to_numpy(),
            "source_file": rows["source_file"].to_numpy(),
            "source_sheet": rows["source_sheet"].to_numpy(),
            "source_row": rows["source_row"].astype("int64").to_numpy(),
        }
    )
    return frame[FINDING_COLUMNS]


def with_people(con, findings: pd.DataFrame) -> pd.DataFrame:
    """The findings with each student's college and counsellor from the registrations.

    Rules on the evidence manifest point at manifest rows, so people are found by student_id
    (unique once repeats are settled), not by source row.
    """
    people = fetch_frame(
        con,
        "select student_id, any_value(college) as college, any_value(counsellor) as counsellor "
        "from stg_registrations group by student_id",
    )
    merged = findings.drop(columns=["college", "counsellor"]).merge(
        people, on="student_id", how="left"
    )
    return merged[FINDING_COLUMNS]


def _column(rows: pd.DataFrame, name: str):
    return rows[name].to_numpy() if name in rows else None
