"""The warehouse's memory of dispatch: every night's batch, and what was actually mailed.

`dispatch_batches` keeps the mailable rows of each night under their 批次号, so a batch can be
marked sent days later even though `dispatch_list` is rebuilt every night. `dispatch_sent`
keeps one row per mailed file with its 运单号 and the mailing fields as they were when sent;
it is never rebuilt, because 机要/EMS tracking can only be queried for about a year and the
office must be able to answer "where did the file go" long after that.
"""

import datetime as dt
import logging

import duckdb
import pandas as pd

from pipelines.warehouse import query_frame, sql_text

logger = logging.getLogger(__name__)

# the mailing fields kept with each batch and each sent file, in the tables' column order
MAILING_FIELDS = (
    "student_id",
    "name",
    "college",
    "major",
    "degree_level",
    "counsellor",
    "destination_name",
    "route",
    "receiver",
    "address",
    "postcode",
    "recipient",
    "phone",
    "channel",
    "transfer_no",
)

BATCHES_DDL = """
create table if not exists dispatch_batches (
    batch_id varchar,
    run_date date,
    student_id varchar,
    name varchar,
    college varchar,
    major varchar,
    degree_level varchar,
    counsellor varchar,
    destination_name varchar,
    route varchar,
    receiver varchar,
    address varchar,
    postcode varchar,
    recipient varchar,
    phone varchar,
    channel varchar,
    transfer_no varchar
)
"""

SENT_DDL = """
create table if not exists dispatch_sent (
    batch_id varchar,
    sent_date date,
    tracking_no varchar,
    recorded_at timestamp,
    student_id varchar,
    name varchar,
    college varchar,
    major varchar,
    degree_level varchar,
    counsellor varchar,
    destination_name varchar,
    route varchar,
    receiver varchar,
    address varchar,
    postcode varchar,
    recipient varchar,
    phone varchar,
    channel varchar,
    transfer_no varchar
)
"""

BATCH_NUMBERS = """
select
    cast(split_part(batch_id, '-', 2) as integer) as batch_number,
    batch_id in (select batch_id from dispatch_sent) as is_sent
from (select distinct batch_id from dispatch_batches)
where starts_with(batch_id, $prefix || '-')
"""


def ensure_ledger(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(BATCHES_DDL)
    con.execute(SENT_DDL)


def next_batch_id(con: duckdb.DuckDBPyConnection, run_date: dt.date) -> str:
    """Tonight's 批次号 YYYYMMDD-NN: a rerun reuses the night's batch until part of it is sent.

    A batch of which nothing was marked sent yet is simply rebuilt; once any file of it is
    recorded as sent, a later run on the same date starts the next number.
    """
    prefix = run_date.strftime("%Y%m%d")
    numbers = con.execute(BATCH_NUMBERS, {"prefix": prefix}).fetchall()
    sent = [number for number, is_sent in numbers if is_sent]
    unsent = [number for number, is_sent in numbers if not is_sent]
    if unsent and max(unsent) > max(sent, default=0):
        return f"{prefix}-{max(unsent):02d}"
    return f"{prefix}-{max(sent, default=0) + 1:02d}"


def save_batch(
    con: duckdb.DuckDBPyConnection, batch_id: str, run_date: dt.date, mailable: pd.DataFrame
) -> None:
    """Replace the rows kept for `batch_id` with tonight's mailable rows."""
    rows = _plain(mailable[list(MAILING_FIELDS)])
    con.execute("begin transaction")
    con.execute("delete from dispatch_batches where batch_id = ?", [batch_id])
    con.register("batch_rows", rows)
    con.execute(
        "insert into dispatch_batches by name "
        "select ? as batch_id, ? as run_date, * from batch_rows",
        [batch_id, run_date],
    )
    con.unregister("batch_rows")
    con.execute("commit")
    logger.info("Kept %d mailable rows as batch %s.", len(rows), batch_id)


def record_sent(
    con: duckdb.DuckDBPyConnection, rows: pd.DataFrame, batch_id: str, sent_date: dt.date
) -> int:
    """Append mailed rows (the mailing fields and `tracking_no`) to dispatch_sent."""
    frame = _plain(rows[[*MAILING_FIELDS, "tracking_no"]])
    con.execute("begin transaction")
    con.register("sent_rows", frame)
    con.execute(
        "insert into dispatch_sent by name "
        "select ? as batch_id, ? as sent_date, current_timestamp as recorded_at, * "
        "from sent_rows",
        [batch_id, sent_date],
    )
    con.unregister("sent_rows")
    con.execute("commit")
    logger.info("Recorded %d files of batch %s as sent.", len(frame), batch_id)
    return len(frame)


def sent_student_ids(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {row[0] for row in con.execute("select student_id from dispatch_sent").fetchall()}


def batch_files(con: duckdb.DuckDBPyConnection, batch_id: str) -> pd.DataFrame:
    """The files listed in one batch, each with `is_sent` (recorded by any batch)."""
    relation = con.sql(sql_text("marts/dispatch_batch_files"), params={"batch_id": batch_id})
    return relation.to_arrow_table().to_pandas()


def batch_overview(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per batch: date, files listed, files marked sent, files with a 运单号."""
    return query_frame(con, "marts/dispatch_batch_overview")


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    # object columns with None, so DuckDB sees text and NULL rather than Arrow's NA types
    plain = frame.astype(object)
    return plain.where(plain.notna(), None)
