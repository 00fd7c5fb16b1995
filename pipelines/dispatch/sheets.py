"""The tables of the archive mailing workbook, as DataFrames with the office's headings."""

import pandas as pd

from pipelines.dispatch.assess import HELD, MAILABLE

MAILING_COLUMNS = {
    "student_id": "学号",
    "name": "姓名",
    "college": "学院",
    "major": "专业",
    "degree_level": "学历",
    "destination_name": "毕业去向",
    "receiver": "收件单位",
    "address": "地址",
    "postcode": "邮编",
    "recipient": "收件人",
    "phone": "电话",
    "channel": "寄送方式",
    "transfer_no": "转递编号",
    "batch_id": "批次号",
    "route": "接收依据",
    "postcode_source": "邮编来源",
}
HELD_COLUMNS = {
    "college": "学院",
    "counsellor": "辅导员",
    "student_id": "学号",
    "name": "姓名",
    "destination_name": "毕业去向",
    "route": "接收依据",
    "receiver": "收件单位",
    "hold_reason": "暂不能寄送的原因",
}
LABEL_COLUMNS = {
    "batch_id": "批次号",
    "receiver": "收件单位",
    "address": "地址",
    "postcode": "邮编",
    "recipient": "收件人",
    "phone": "电话",
    "channel": "寄送方式",
    "count_files": "份数",
    "student_ids": "学号",
    "names": "姓名",
}
CHANGE_COLUMNS = {
    "college": "学院",
    "counsellor": "辅导员",
    "student_id": "学号",
    "name": "姓名",
    "batch_id": "批次号",
    "sent_date": "寄出日期",
    "tracking_no": "运单号",
    "sent_receiver": "原收件单位",
    "change_description": "寄出后的变更",
}
# EMS and 机要 are handed in at different counters, so each pile is kept together
ENVELOPE_KEY = ["channel", "receiver", "address", "postcode", "recipient", "phone"]


def mailing_sheet(assessed: pd.DataFrame) -> pd.DataFrame:
    """One row per file to mail tonight, grouped by channel and receiving body."""
    mailable = assessed[assessed["dispatch_status"] == MAILABLE]
    ordered = mailable.sort_values([*ENVELOPE_KEY, "student_id"])
    return ordered[list(MAILING_COLUMNS)].rename(columns=MAILING_COLUMNS)


def held_sheet(assessed: pd.DataFrame) -> pd.DataFrame:
    """One row per file that cannot be mailed yet, by college and counsellor, with the reason."""
    held = assessed[assessed["dispatch_status"] == HELD]
    ordered = held.sort_values(["college", "counsellor", "student_id"])
    return ordered[list(HELD_COLUMNS)].rename(columns=HELD_COLUMNS)


def envelope_labels(assessed: pd.DataFrame) -> pd.DataFrame:
    """One label per receiving body; several students to one body share one envelope.

    >>> frame = pd.DataFrame({
    ...     "dispatch_status": ["可寄送"] * 3, "batch_id": ["20250831-01"] * 3,
    ...     "receiver": ["乙", "乙", "甲"], "address": ["A路1号"] * 2 + ["B路2号"],
    ...     "postcode": ["200000"] * 3, "recipient": ["人事处"] * 3,
    ...     "phone": ["021-12345678"] * 3, "channel": ["EMS"] * 3,
    ...     "student_id": ["S2", "S1", "S3"], "name": ["二", "一", "三"]})
    >>> envelope_labels(frame)[["收件单位", "份数", "学号", "姓名"]].values.tolist()
    [['乙', 2, 'S1、S2', '一、二'], ['甲', 1, 'S3', '三']]
    """
    mailable = assessed[assessed["dispatch_status"] == MAILABLE].sort_values("student_id")
    grouped = mailable.groupby(["batch_id", *ENVELOPE_KEY], dropna=False, sort=True)
    labels = grouped.agg(
        count_files=("student_id", "size"),
        student_ids=("student_id", "、".join),
        names=("name", lambda names: "、".join(names.fillna(""))),
    ).reset_index()
    return labels[list(LABEL_COLUMNS)].rename(columns=LABEL_COLUMNS)


def changes_sheet(changes: pd.DataFrame) -> pd.DataFrame:
    """One row per file already mailed whose registration changed afterwards."""
    return changes[list(CHANGE_COLUMNS)].rename(columns=CHANGE_COLUMNS)
