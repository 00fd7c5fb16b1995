"""The match stage: compare tonight's units with the unit master, then grow the master."""

import logging

from pipelines.context import RunContext
from pipelines.warehouse import create_table, row_count, sql_text

logger = logging.getLogger(__name__)

UNIT_MASTER_DDL = """
create table if not exists unit_master (
    credit_code varchar primary key,
    name varchar,
    address varchar,
    region_code varchar,
    industry_section varchar,
    unit_nature_code varchar,
    first_seen_date date,
    last_seen_date date,
    count_graduates bigint,
    former_names varchar[]
)
"""


def match_units(ctx: RunContext) -> dict:
    """Build unit_matches against the master as it was, then replace the master."""
    con = ctx.con
    con.execute(UNIT_MASTER_DDL)
    create_table(con, "unit_matches", "marts/unit_matches")
    statuses = dict(
        con.execute(
            "select match_status, count(*) from unit_matches group by all order by 1"
        ).fetchall()
    )

    con.execute("begin transaction")
    con.execute(
        f"create or replace temp table unit_master_next as {sql_text('marts/unit_master_next')}"
    )
    con.execute("delete from unit_master")
    con.execute("insert into unit_master select * from unit_master_next")
    con.execute("commit")
    units = row_count(con, "unit_master")
    logger.info(
        "Unit master holds %d units after this run; matches by status: %s.", units, statuses
    )
    return {"unit_match_status": statuses, "unit_master_size": units}
