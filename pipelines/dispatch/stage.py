"""The dispatch stage: the archive mailing list, the rows held back, and envelope labels."""

import logging

import pandas as pd

from pipelines.context import RunContext
from pipelines.dispatch.completeness import channel, hold_reason
from pipelines.outputs.tables import write_csv, write_workbook
from pipelines.warehouse import query_frame, write_frame

logger = logging.getLogger(__name__)

LIST_COLUMNS = {
    "batch_id": "批次号",
    "receiver": "收件单位",
    "address": "地址",
    "postcode": "邮编",
    "recipient": "收件人",
    "phone": "电话",
    "channel": "寄送方式",
    "student_id": "学号",
    "name": "姓名",
    "college": "学院",
    "major": "专业",
    "degree_level": "学历",
    "destination_name": "毕业去向",
    "transfer_no": "转递编号",
    "route": "接收依据",
}
HELD_COLUMNS = {
    "student_id": "学号",
    "name": "姓名",
    "college": "学院",
    "counsellor": "辅导员",
    "destination_name": "毕业去向",
    "route": "接收依据",
    "receiver": "收件单位",
    "hold_reason": "暂不能寄送的原因",
}


def build_dispatch(ctx: RunContext) -> dict:
    """Split tonight's dispatch routes into mailable and held rows and write the lists."""
    routes = query_frame(ctx.con, "marts/dispatch_routes")
    records = routes.astype(object).where(routes.notna(), None).to_dict("records")
    routes["hold_reason"] = [hold_reason(row) for row in records]
    prefixes = dict(
        ctx.con.execute(
            "select postcode_prefix, province_code from ref_postcode_prefixes"
        ).fetchall()
    )
    routes["channel"] = (
        routes["postcode"].fillna("").map(lambda code: channel(code, prefixes, ctx.school_province))
    )
    routes["batch_id"] = ctx.run_date.strftime("%Y%m%d") + "-01"
    write_frame(ctx.con, "dispatch_list", routes)

    mailable = routes[routes["hold_reason"].isna()]
    held = routes[routes["hold_reason"].notna()].sort_values(
        ["college", "counsellor", "student_id"]
    )
    mailing = mailable[list(LIST_COLUMNS)].rename(columns=LIST_COLUMNS)
    folder = ctx.work_dir / "dispatch"
    write_csv(mailing, folder / "档案寄送清单.csv")
    write_workbook(
        {
            "寄送清单": mailing,
            "暂不能寄送": held[list(HELD_COLUMNS)].rename(columns=HELD_COLUMNS),
            "信封标签": envelope_labels(mailable),
        },
        folder / "档案寄送清单.xlsx",
    )

    excluded = _excluded_counts(ctx.con)
    logger.info("Dispatch: %d files to mail, %d held back.", len(mailable), len(held))
    return {"dispatch_mailable": len(mailable), "dispatch_held": len(held), **excluded}


def envelope_labels(mailable: pd.DataFrame) -> pd.DataFrame:
    """One label per receiving body; several students to one body share one envelope."""
    grouped = mailable.groupby(
        ["receiver", "address", "postcode", "recipient", "phone", "channel"],
        dropna=False,
        sort=True,
    )
    labels = grouped["student_id"].agg(lambda ids: "、".join(sorted(ids))).reset_index()
    labels["count_files"] = grouped.size().to_numpy()
    return labels.rename(
        columns={
            "receiver": "收件单位",
            "address": "地址",
            "postcode": "邮编",
            "recipient": "收件人",
            "phone": "电话",
            "channel": "寄送方式",
            "student_id": "学号",
            "count_files": "份数",
        }
    )


def _excluded_counts(con) -> dict:
    counts = query_frame(con, "marts/dispatch_exclusions").iloc[0]
    return {
        "dispatch_excluded_postgraduates": int(counts["count_postgraduates"]),
        "dispatch_not_yet_approved": int(counts["count_not_approved"]),
    }
