"""Decide, row by row, what happens to each routed file tonight (pure; no warehouse access).

Many rows share the same receiving body, address and contact, so each rule is applied once per
distinct combination of the columns it reads and the answer spread back to the rows.
"""

import numpy as np
import pandas as pd

from pipelines.dispatch.channel import channel
from pipelines.dispatch.completeness import hold_reason
from pipelines.distinct import distinct_rows, spread
from pipelines.reference.regions import resolve_region

MAILABLE = "可寄送"
HELD = "暂不能寄送"
SENT = "已寄出"

# the columns hold_reason reads; the student's name only matters when it is the recipient's
HOLD_COLUMNS = [
    "national_code",
    "route",
    "send_to",
    "receiver",
    "address",
    "recipient",
    "name",
    "phone",
    "postcode",
    "receiving_province_code",
    "receiving_province_name",
]
CHANNEL_COLUMNS = ["receiving_province_code", "postcode", "authority_channel"]


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
    named = assessed["receiving_province_code"]
    unnamed = assessed.loc[named.isna(), "address"]
    provinces = {address: _address_province(address) for address in unnamed.dropna().unique()}
    from_address = assessed["address"].map(provinces, na_action="ignore")
    assessed["receiving_province_code"] = named.where(named.notna(), from_address)
    assessed["receiving_province_name"] = assessed["receiving_province_code"].map(province_names)

    # the name is compared with the recipient only; other names would just split the groups
    judged = assessed[HOLD_COLUMNS].copy()
    is_recipient = judged["name"].str.strip() == judged["recipient"].str.strip()
    judged["name"] = judged["name"].where(is_recipient.fillna(False).astype(bool))
    firsts, positions = distinct_rows(judged)
    reasons = spread([hold_reason(row, prefixes) for row in _records(firsts)], positions)
    assessed["hold_reason"] = reasons
    firsts, positions = distinct_rows(assessed[CHANNEL_COLUMNS])
    channels = [
        channel(
            row["receiving_province_code"],
            row["postcode"],
            prefixes,
            school_province,
            row["authority_channel"],
        )
        for row in _records(firsts)
    ]
    assessed["channel"] = spread(channels, positions)

    is_sent = assessed["student_id"].isin(sent_ids).to_numpy(dtype=bool)
    is_held = pd.notna(reasons)
    assessed["dispatch_status"] = np.where(is_sent, SENT, np.where(is_held, HELD, MAILABLE))
    return assessed


def _records(frame: pd.DataFrame) -> list[dict]:
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _address_province(address: object) -> str | None:
    if not isinstance(address, str) or not address.strip():
        return None
    return resolve_region(address).province_code
