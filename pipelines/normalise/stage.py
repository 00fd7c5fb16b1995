"""The normalise stage: raw text into the staging table, duplicates settled.

The rows stay in the warehouse: cleaning, settling repeats and the ASCII spellings run as SQL
(sql/staging/), and Python sees only the repeated rows, the suspect ID numbers and the
distinct values whose canonical form its rules decide.
"""

import logging

import pandas as pd

from pipelines.context import RunContext
from pipelines.normalise.duplicates import split_repeats
from pipelines.normalise.lost_digits import rows_with_lost_digits
from pipelines.normalise.registrations import canonical_forms
from pipelines.reference.regions import resolve_region
from pipelines.text.clean import label_key
from pipelines.validate.findings import findings_for_rows
from pipelines.warehouse import (
    create_table,
    query_frame,
    read_table,
    sql_text,
    write_frame,
)

logger = logging.getLogger(__name__)


def normalise(ctx: RunContext) -> dict:
    """Build clean_registrations, norm_registrations and stg_registrations."""
    con = ctx.con

    # clean every cell, then settle the 学号 seen on several rows
    con.execute(sql_text("macros/clean_text"))
    rows_read = create_table(con, "clean_registration_rows", "staging/clean_registration_rows")
    create_table(con, "registration_repeats", "staging/registration_repeats")
    exact, conflicting = split_repeats(read_table(con, "registration_repeats"))
    _quarantine_duplicates(ctx, exact, conflicting)
    create_table(con, "clean_registrations", "staging/clean_registrations")
    con.execute("drop table clean_registration_rows")
    lost = rows_with_lost_digits(query_frame(con, "staging/lost_digit_candidates"), "id_number")

    # the validate stage reads this table for every finding raised while normalising
    write_frame(
        con,
        "findings_duplicates",
        pd.concat(
            [
                findings_for_rows(
                    exact, "student_id", "student_id.duplicate_exact", "first_source"
                ),
                findings_for_rows(
                    conflicting, "student_id", "student_id.duplicate_conflict", "first_source"
                ),
                findings_for_rows(lost, "id_number", "id_number.stored_as_number"),
            ]
        ),
    )

    # canonical spellings, national codes and regions
    write_frame(con, "text_forms", canonical_forms(query_frame(con, "staging/text_form_values")))
    create_table(con, "norm_registrations", "staging/norm_registrations")
    write_frame(con, "platform_destination_keys", _platform_keys(con))
    regions = _resolved_regions(query_frame(con, "staging/region_texts"))
    write_frame(con, "resolved_regions", regions)
    rows = create_table(con, "stg_registrations", "staging/stg_registrations")
    logger.info(
        "Normalised %d rows: %d exact repeats merged, %d conflicting repeats held back, "
        "%d ID numbers with digits lost in Excel.",
        rows_read,
        len(exact),
        len(conflicting),
        len(lost),
    )
    return {
        "rows_staged": rows,
        "id_numbers_with_lost_digits": len(lost),
        "exact_repeats": len(exact),
        "conflicting_repeats": len(conflicting),
    }


def _quarantine_duplicates(ctx: RunContext, exact: pd.DataFrame, conflicting: pd.DataFrame) -> None:
    held = pd.concat(
        [
            exact.assign(reason="与 " + exact["first_source"] + " 完全相同，已合并为一条"),
            conflicting.assign(
                reason="同一学号出现在 " + conflicting["first_source"] + "，内容不一致，暂不处理"
            ),
        ]
    )
    held = held.assign(raw_text=held["student_id"])[
        ["source_file", "source_sheet", "source_row", "reason", "raw_text"]
    ]
    ctx.con.register("held_rows", held)
    ctx.con.execute("insert into quarantine select * from held_rows")
    ctx.con.unregister("held_rows")


def _platform_keys(con) -> pd.DataFrame:
    """Platform destination labels in the same canonical spelling as normalised values."""
    table = read_table(con, "ref_platform_destinations")
    keys = pd.DataFrame(
        {
            "destination": table["destination"].map(label_key),
            "sub_destination": table["sub_destination"].fillna("").map(label_key),
            "national_code": table["national_code"],
        }
    )
    return keys.drop_duplicates(subset=["destination", "sub_destination"], keep="first")


def _resolved_regions(texts: pd.DataFrame) -> pd.DataFrame:
    matches = [resolve_region(text) for text in texts["region_text"]]
    return pd.DataFrame(
        {
            "region_text": texts["region_text"].astype("str"),
            "region_code": pd.Series([m.code for m in matches], dtype="str"),
            "province_code": pd.Series([m.province_code for m in matches], dtype="str"),
        }
    )
