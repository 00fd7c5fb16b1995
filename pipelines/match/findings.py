"""The unit rules: sql/rules/units/*.sql, run after the matches exist, into `findings`.

They sit in a folder of their own because they read `unit_matches` and the unit master as it
was before tonight, which the validate stage has not built yet; their rows join the same
findings table, with messages from the same catalogue.
"""

import logging

import duckdb
import pandas as pd

from pipelines.paths import SQL_DIR
from pipelines.validate.findings import FINDING_COLUMNS
from pipelines.validate.sql_rules import _with_messages as with_messages
from pipelines.warehouse import query_frame

logger = logging.getLogger(__name__)

RULES_DIR = SQL_DIR / "rules" / "units"
SORT_ORDER = ["source_file", "source_row", "field", "rule_id", "message"]


def unit_rule_findings(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Finding rows of every unit rule, in the findings table's column order."""
    parts = []
    for path in sorted(RULES_DIR.glob("*.sql")):
        frame = query_frame(con, f"rules/units/{path.stem}")
        logger.info("Unit rule %s flagged %d rows.", path.name, len(frame))
        parts.append(frame)
    flagged = pd.concat(parts, ignore_index=True)
    if flagged.empty:
        return pd.DataFrame(columns=FINDING_COLUMNS)
    return with_messages(con, flagged)


def add_findings(con: duckdb.DuckDBPyConnection, found: pd.DataFrame) -> None:
    """Append `found` to the findings table and keep the table in its usual order."""
    if found.empty:
        # an empty frame has no column types; registering it would turn source_row to text
        return
    con.register("unit_findings", found)
    con.execute(
        "create or replace table findings as "
        "select * from findings union all by name select * from unit_findings "
        f"order by {', '.join(SORT_ORDER)}"
    )
    con.unregister("unit_findings")


def findings_counts(con: duckdb.DuckDBPyConnection) -> dict:
    """Findings by severity and by rule, over the whole table, for the run summary."""
    by_severity = dict(
        con.execute("select severity, count(*) from findings group by all order by 1").fetchall()
    )
    by_rule = dict(
        con.execute("select rule_id, count(*) from findings group by all order by 1").fetchall()
    )
    return {"findings_by_severity": by_severity, "findings_by_rule": by_rule}
