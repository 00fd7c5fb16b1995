"""Decide, row by row, what happens to each routed file tonight (pure; no warehouse access)."""

import pandas as pd

from pipelines.dispatch.channel import channel
from pipelines.dispatch.completeness import hold_reason
from pipelines.reference.regions import resolve_region

MAILABLE = "可寄送"
HELD = "暂不能寄送"
SENT = "已寄出"


def assess_routes(
    routes: pd.DataFrame,
    prefixes: dict[str, frozenset[str]],
    school_province: str,
    sent_ids: set[str],
    province_names: dict[str, str],
) -> pd.DataFrame:
    """Add the receiving province, the hold reason, the channel and the status of each row.

    Returns:
        A copy of `routes` with `receiving_province_code` filled from the address where the
        data did not name it, and `receiving_province_name`, `hold_reason`, `channel` and
        `dispatch_status` (可寄送 / 暂不能寄送 / 已寄出) added.
    """
    assessed = routes.copy()

    # the province named by the data wins; otherwise read it off the address (once per address)
    unnamed = assessed.loc[assessed["receiving_province_code"].isna(), "address"]
    provinces = {address: _address_province(address) for address in unnamed.dropna().unique()}
    assessed["receiving_province_code"] = [
        named if isinstance(named, str) else provinces.get(address)
        for named, address in zip(
            assessed["receiving_province_code"], assessed["address"], strict=True
        )
    ]
    assessed["receiving_province_name"] = assessed["receiving_province_code"].map(province_names)

    records = assessed.astype(object).where(assessed.notna(), None).to_dict("records")
    reasons = [hold_reason(row, prefixes) for row in records]
    assessed["hold_reason"] = reasons
    assessed["channel"] = [
        channel(
            row["receiving_province_code"],
            row["postcode"],
            prefixes,
            school_province,
            row["authority_channel"],
        )
        for row in records
    ]

    assessed["dispatch_status"] = [
        SENT if student in sent_ids else (HELD if reason else MAILABLE)
        for student, reason in zip(assessed["student_id"], reasons, strict=True)
    ]
    return assessed


def _address_province(address: object) -> str | None:
    if not isinstance(address, str) or not address.strip():
        return None
    return resolve_region(address).province_code
