"""Cross-field and cross-table rules: one SQL file each in sql/rules/, all feeding findings."""

import logging

import pandas as pd

from pipelines.checks import problem
from pipelines.distinct import distinct_rows, spread
from pipelines.ingest.headers import labels
from pipelines.paths import SQL_DIR
from pipelines.validate.findings import FINDING_COLUMNS, empty_findings, with_people
from pipelines.warehouse import query_frame

logger = logging.getLogger(__name__)


def sql_rule_findings(con) -> pd.DataFrame:
    """Run every sql/rules/*.sql; each returns student_id, field, rule_id, value, other,
    expected and the source columns. Messages come from the rule catalogue."""
    parts = []
    for path in sorted((SQL_DIR / "rules").glob("*.sql")):
        frame = query_frame(con, f"rules/{path.stem}")
        logger.info("Rule file %s flagged %d rows.", path.name, len(frame))
        parts.append(frame)
    if not parts:
        return empty_findings()
    flagged = pd.concat(parts, ignore_index=True)
    return _with_messages(con, flagged)


def _with_messages(con, flagged: pd.DataFrame) -> pd.DataFrame:
    field_labels = labels("registrations")
    # many flagged rows share rule and value (an empty field, a wrong label): one message each
    firsts, positions = distinct_rows(flagged[["rule_id", "field", "value", "other", "expected"]])
    problems = spread(
        [
            problem(
                row.rule_id,
                value=row.value,
                other=row.other,
                expected=row.expected,
                field_label=field_labels.get(row.field, row.field),
            )
            for row in firsts.itertuples()
        ],
        positions,
    )
    result = flagged.assign(
        severity=[p.severity for p in problems],
        message=[p.message for p in problems],
        college=None,
        counsellor=None,
    )
    return with_people(con, result[FINDING_COLUMNS])
