"""Record that a file already mailed has been passed on to the body the registration now names.

When a registration changes after its file was mailed, the school no longer holds the file: the
body that received it forwards it (转递) or returns it. Once the office has arranged that, it
records the file's new whereabouts; the record is a row of `dispatch_sent` carrying tonight's
route, so the change stops being flagged.
"""

import datetime as dt
from pathlib import Path

import duckdb

from pipelines.dispatch.ledger import MAILING_FIELDS, record_sent
from pipelines.errors import QuxiangInputError

FORWARDED_BATCH = "转递"
TONIGHTS_ROUTE = "select * from dispatch_list where student_id = $student_id"


class NotForwardableError(QuxiangInputError):
    """The student has no mailed file, or no route tonight to forward it to."""


def record_forwarded(
    con: duckdb.DuckDBPyConnection,
    db_path: Path,
    student_id: str,
    forwarded_date: dt.date,
    tracking_no: str | None = None,
) -> str:
    """Record the file of `student_id` as forwarded to its latest route; returns the body."""
    sent = con.execute(
        "select count(*) from dispatch_sent where student_id = ?", [student_id]
    ).fetchall()[0][0]
    if not sent:
        raise NotForwardableError(
            db_path,
            f"学号 {student_id} 的档案还没有登记寄出",
            "寄出后请用 quxiang dispatch mark-sent 登记；转递只用于已寄出、登记又有变更的档案",
        )
    route = con.sql(TONIGHTS_ROUTE, params={"student_id": student_id}).to_arrow_table()
    route = route.to_pandas()
    if route.empty or route["receiver"].isna().all():
        raise NotForwardableError(
            db_path,
            f"学号 {student_id} 在最近一次运行中没有可寄往的接收单位"
            "（不在寄送范围内或接收单位未定）",
            "请先让登记审核通过并确定档案接收单位，重新运行后再登记转递",
        )
    record_sent(
        con,
        route[list(MAILING_FIELDS)].assign(tracking_no=tracking_no),
        f"{FORWARDED_BATCH}-{forwarded_date:%Y%m%d}",
        forwarded_date,
    )
    return str(route["receiver"].iloc[0])
