"""assess_routes decides once per distinct combination, and still answers every row as the
row-by-row rules do."""

import pandas as pd

from pipelines.dispatch.assess import HELD, MAILABLE, SENT, assess_routes
from pipelines.dispatch.channel import channel
from pipelines.dispatch.completeness import hold_reason

PREFIXES = {"35": frozenset({"35"}), "20": frozenset({"31"})}
BODY = {
    "national_code": "72",
    "route": "学生填写",
    "send_to": "档案单位",
    "receiver": "永泰测试人才服务中心",
    "address": "福建省福州市永泰县测试路4号",
    "postcode": "350700",
    "phone": "0591-60000004",
    "receiving_province_code": "35",
    "authority_channel": None,
}


def _routes() -> pd.DataFrame:
    rows = [
        # same body and contact; only the recipient being the student holds the row
        {**BODY, "student_id": "1", "recipient": "人事科", "name": "庚测七"},
        {**BODY, "student_id": "2", "recipient": "庚测七", "name": " 庚测七 "},
        {**BODY, "student_id": "3", "recipient": " 辛测八", "name": "辛测八"},
        {**BODY, "student_id": "4", "recipient": "人事科", "name": None},
        {**BODY, "student_id": "5", "recipient": "人事科", "name": "壬测九"},
        {**BODY, "student_id": "6", "recipient": None, "name": "癸测十"},
        {
            **BODY,
            "student_id": "7",
            "recipient": "人事科",
            "name": "甲",
            "receiving_province_code": None,
            "address": "上海市杨浦区军工路100号",
            "postcode": "200093",
        },
    ]
    return pd.DataFrame(rows).astype("str").where(pd.DataFrame(rows).notna())


def test_every_row_gets_what_the_row_by_row_rules_give():
    routes = _routes()
    assessed = assess_routes(routes, PREFIXES, "31", {"5"}, {"35": "福建省", "31": "上海市"})

    records = assessed.astype(object).where(assessed.notna(), None).to_dict("records")
    expected_reasons = [hold_reason(row, PREFIXES) for row in records]
    expected_channels = [
        channel(
            row["receiving_province_code"],
            row["postcode"],
            PREFIXES,
            "31",
            row["authority_channel"],
        )
        for row in records
    ]
    reasons = [None if pd.isna(r) else r for r in assessed["hold_reason"]]
    assert reasons == expected_reasons
    assert assessed["channel"].tolist() == expected_channels
    self_held = "档案收件人不能是学生本人（档案不能由学生自带），请填写接收单位的经办人或部门"
    assert reasons[:5] == [None, self_held, self_held, None, None]
    assert assessed["receiving_province_code"].tolist()[6] == "31"
    assert assessed["channel"].tolist() == ["机要"] * 6 + ["EMS"]
    assert assessed["dispatch_status"].tolist() == [
        MAILABLE,
        HELD,
        HELD,
        MAILABLE,
        SENT,
        HELD,
        MAILABLE,
    ]
