"""The validate stage: every rule's findings in one `findings` table."""

import logging

import pandas as pd

from pipelines.context import RunContext
from pipelines.history.remember import remember_registrations
from pipelines.validate.expectations import outcomes_frame, run_suites
from pipelines.validate.field_checks import CHECKED_COLUMNS, field_findings
from pipelines.validate.findings import FINDING_COLUMNS, with_people
from pipelines.validate.sql_rules import sql_rule_findings
from pipelines.warehouse import read_table, write_frame

logger = logging.getLogger(__name__)

SORT_ORDER = ["source_file", "source_row", "field", "rule_id", "message"]


def validate(ctx: RunContext) -> dict:
    """Build the findings table; returns counts by severity and by rule."""
    con = ctx.con
    # only the checked columns: the whole table is some fifty text columns wide
    cleaned = con.table("clean_registrations").select(*CHECKED_COLUMNS).to_arrow_table().to_pandas()
    duplicates = read_table(con, "findings_duplicates")
    expectations = run_suites(con)
    write_frame(con, "expectation_outcomes", outcomes_frame(expectations.outcomes))
    findings = pd.concat(
        [
            duplicates,
            field_findings(cleaned),
            with_people(con, expectations.findings),
            sql_rule_findings(con),
        ],
        ignore_index=True,
    )[FINDING_COLUMNS]
    findings = findings.sort_values(SORT_ORDER, kind="stable").reset_index(drop=True)
    write_frame(con, "findings", findings)

    by_severity = findings["severity"].value_counts().sort_index().to_dict()
    by_rule = findings["rule_id"].value_counts().sort_index().to_dict()
    logger.info("Validation found %d problems (%s).", len(findings), by_severity)
    return {
        "findings_by_severity": by_severity,
        "findings_by_rule": by_rule,
        "expectations_seconds": expectations.seconds,
        **remember_registrations(ctx),
    }
