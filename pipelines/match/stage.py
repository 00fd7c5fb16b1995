"""The match stage: compare tonight's units with the unit master, then grow the master."""

import logging

from pipelines.context import RunContext
from pipelines.match.findings import add_findings, findings_counts, unit_rule_findings
from pipelines.match.master import prepare_unit_tables, replace_master, rewind_to_night
from pipelines.match.review import write_review
from pipelines.warehouse import create_table, read_table

logger = logging.getLogger(__name__)


def match_units(ctx: RunContext) -> dict:
    """Match, report conflicts and suggestions against the master as it was, then update it."""
    con = ctx.con
    prepare_unit_tables(con)
    rewind_to_night(con, ctx.run_date)

    # compare with the master as it was before tonight
    create_table(con, "unit_matches", "marts/unit_matches")
    create_table(con, "unit_suggestions", "marts/unit_suggestions")
    found = unit_rule_findings(con)
    add_findings(con, found)
    create_table(con, "unit_conflicts", "marts/unit_conflicts")
    statuses = dict(
        con.execute(
            "select match_status, count(*) from unit_matches group by all order by 1"
        ).fetchall()
    )

    # only then let tonight's approved registrations into the master
    units = replace_master(con, "marts/unit_master_next")

    path = write_review(
        ctx.work_dir,
        statuses,
        read_table(con, "unit_conflicts"),
        read_table(con, "unit_suggestions"),
    )
    logger.info(
        "Unit master holds %d units after this run; matches by status: %s; %d unit findings; "
        "wrote %s.",
        units,
        statuses,
        len(found),
        path.name,
    )
    return {
        "unit_match_status": statuses,
        "unit_master_size": units,
        "unit_findings": len(found),
        **findings_counts(con),
    }
