"""The dispatch stage: tonight's archive mailing list, the rows held back, envelope labels, and
the files already mailed whose registration changed since."""

import logging

from pipelines.context import RunContext
from pipelines.dispatch.assess import HELD, MAILABLE, SENT, assess_routes
from pipelines.dispatch.channel import prefix_provinces
from pipelines.dispatch.ledger import ensure_ledger, next_batch_id, save_batch, sent_student_ids
from pipelines.dispatch.routing import check_routing
from pipelines.dispatch.sheets import changes_sheet, envelope_labels, held_sheet, mailing_sheet
from pipelines.outputs.tables import write_csv, write_workbook
from pipelines.warehouse import query_frame, write_frame

logger = logging.getLogger(__name__)

KNOWN_PREFIXES = (
    "select province_code, postcode_prefix from ref_postcode_prefixes where status = 'known'"
)
PROVINCE_NAMES = "select code, name from ref_regions where level = 'province'"


def build_dispatch(ctx: RunContext) -> dict:
    """Route tonight's files, keep the mailable ones as a batch and write the lists."""
    con = ctx.con
    check_routing(con)
    ensure_ledger(con)

    # route, then judge each row against what is known and what was already mailed
    routes = query_frame(con, "marts/dispatch_routes")
    assessed = assess_routes(
        routes,
        prefix_provinces(con.execute(KNOWN_PREFIXES).fetchall()),
        ctx.school_province,
        sent_student_ids(con),
        dict(con.execute(PROVINCE_NAMES).fetchall()),
    )
    batch_id = next_batch_id(con, ctx.run_date)
    assessed["batch_id"] = assessed["dispatch_status"].map({MAILABLE: batch_id})
    write_frame(con, "dispatch_list", assessed)
    mailable = assessed[assessed["dispatch_status"] == MAILABLE]
    save_batch(con, batch_id, ctx.run_date, mailable)
    changes = query_frame(con, "marts/dispatch_sent_changes")

    # write the workbook and the files for mail merge
    folder = ctx.work_dir / "dispatch"
    mailing = mailing_sheet(assessed)
    labels = envelope_labels(assessed)
    write_csv(mailing, folder / "档案寄送清单.csv")
    write_csv(labels, folder / "信封标签.csv")
    write_workbook(
        {
            "寄送清单": mailing,
            "暂不能寄送": held_sheet(assessed),
            "信封标签": labels,
            "寄出后登记有变更": changes_sheet(changes),
        },
        folder / "档案寄送清单.xlsx",
    )

    counts = assessed["dispatch_status"].value_counts()
    logger.info(
        "Dispatch batch %s: %d files to mail in %d envelopes, %d held back, %d already sent "
        "(%d of them changed since).",
        batch_id,
        counts.get(MAILABLE, 0),
        len(labels),
        counts.get(HELD, 0),
        counts.get(SENT, 0),
        len(changes),
    )
    return {
        "dispatch_batch_id": batch_id,
        "dispatch_mailable": int(counts.get(MAILABLE, 0)),
        "dispatch_envelopes": len(labels),
        "dispatch_held": int(counts.get(HELD, 0)),
        "dispatch_already_sent": int(counts.get(SENT, 0)),
        "dispatch_changed_after_sent": len(changes),
        **_excluded_counts(con),
    }


def _excluded_counts(con) -> dict:
    counts = query_frame(con, "marts/dispatch_exclusions").iloc[0]
    return {
        "dispatch_excluded_postgraduates": int(counts["count_postgraduates"]),
        "dispatch_not_yet_approved": int(counts["count_not_approved"]),
    }
