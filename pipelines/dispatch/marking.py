"""Mark a batch as mailed: which files of the batch, with which 运单号.

Nothing is recorded when any tracking row does not fit the batch: a half-recorded batch is
harder to repair than a rejected file.
"""

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from pipelines.dispatch.ledger import batch_files, batch_overview, record_sent
from pipelines.dispatch.tracking import read_tracking
from pipelines.errors import QuxiangInputError

logger = logging.getLogger(__name__)


class UnknownBatchError(QuxiangInputError):
    """The warehouse holds no batch with the given 批次号."""


class TrackingMismatchError(QuxiangInputError):
    """Rows of the tracking file name students or bodies that are not in the batch."""


@dataclass(frozen=True)
class MarkResult:
    count_recorded: int
    count_tracked: int
    count_already_sent: int
    count_left: int


def mark_batch_sent(
    con: duckdb.DuckDBPyConnection,
    db_path: Path,
    batch_id: str,
    sent_date: dt.date,
    tracking_path: Path | None = None,
) -> MarkResult:
    """Record the files of `batch_id` as sent: all of them, or those the tracking file names."""
    files = batch_files(con, batch_id)
    if files.empty:
        known = batch_overview(con)["batch_id"].tolist()
        raise UnknownBatchError(
            db_path,
            f"数据仓库中没有批次 {batch_id}"
            + (f"（已有批次：{'、'.join(known[-5:])}）" if known else "（还没有任何批次）"),
            "请用 quxiang dispatch batches 查看批次号后重试",
        )
    tracking = read_tracking(tracking_path) if tracking_path else None
    chosen, problems = files_to_mark(files, tracking, batch_id)
    if problems:
        raise TrackingMismatchError(
            tracking_path, "；".join(problems), "请改正运单号文件后重新登记，本次没有登记任何寄出"
        )

    fresh = chosen[~chosen["is_sent"]]
    recorded = record_sent(con, fresh, batch_id, sent_date) if len(fresh) else 0
    left = files[~files["is_sent"] & ~files["student_id"].isin(fresh["student_id"])]
    return MarkResult(
        count_recorded=recorded,
        count_tracked=int(fresh["tracking_no"].notna().sum()),
        count_already_sent=int(chosen["is_sent"].sum()),
        count_left=len(left),
    )


def files_to_mark(
    files: pd.DataFrame, tracking: pd.DataFrame | None, batch_id: str
) -> tuple[pd.DataFrame, list[str]]:
    """The batch files the tracking rows name, each with its `tracking_no`, and the problems.

    Without a tracking file every file of the batch is chosen, without a number. A row with a
    学号 names one student; a row with only a 收件单位 names every file of the batch for that
    body.

    >>> files = pd.DataFrame({"student_id": ["S1", "S2", "S3"], "receiver": ["甲", "甲", "乙"],
    ...                       "is_sent": [False, False, False]})
    >>> tracking = pd.DataFrame({"row_number": [2, 3], "student_id": [None, "S9"],
    ...                          "receiver": ["甲", None], "tracking_no": ["1150001", "1150002"]})
    >>> chosen, problems = files_to_mark(files, tracking, "20250701-01")
    >>> chosen[["student_id", "tracking_no"]].values.tolist(), problems
    ([['S1', '1150001'], ['S2', '1150001']], ['第 3 行的学号 S9 不在批次 20250701-01 中'])
    """
    if tracking is None:
        return files.assign(tracking_no=None), []

    # match each tracking row to the files it names
    problems = []
    chosen = []
    for row in tracking.itertuples(index=False):
        if not _given(row.tracking_no):
            problems.append(f"第 {row.row_number} 行没有运单号")
            continue
        if _given(row.student_id):
            named = files[files["student_id"] == row.student_id]
            what = f"学号 {row.student_id}"
        else:
            named = files[files["receiver"] == row.receiver]
            what = f"收件单位“{row.receiver if _given(row.receiver) else ''}”"
        if named.empty:
            problems.append(f"第 {row.row_number} 行的{what} 不在批次 {batch_id} 中")
            continue
        chosen.append(named.assign(tracking_no=row.tracking_no, row_number=row.row_number))
    if not chosen:
        return files.head(0).assign(tracking_no=None), problems

    # one file, one number
    marked = pd.concat(chosen, ignore_index=True)
    repeated = marked[marked.duplicated("student_id", keep=False)]
    for student_id, rows in repeated.groupby("student_id", sort=True):
        lines = "、".join(str(number) for number in sorted(rows["row_number"]))
        problems.append(f"学号 {student_id} 在第 {lines} 行重复出现")
    return marked.drop(columns="row_number").drop_duplicates("student_id"), problems


def _given(value: object) -> bool:
    # pandas gives NaN, not None, for an empty text cell
    return isinstance(value, str) and bool(value.strip())
