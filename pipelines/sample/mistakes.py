"""The mistakes planted in the sample, one kind per listed row, so outputs can be checked.

Every planted row is chosen by position among the registrations, so the same seed gives the
same students; tests read the generated files rather than relying on these positions.
"""

import datetime as dt
import random

from pipelines.checks import credit_code


def plant_mistakes(rng: random.Random, rows: list[dict]) -> list[dict]:
    """Return new rows: the input with mistakes planted and re-export artefacts added."""
    rows = [dict(row) for row in rows]
    employed = [r for r in rows if r["社会信用代码"] and r["毕业去向"] != "考研"]
    unemployed = [r for r in rows if r["毕业去向"] == "待就业"]

    bad = employed[0]
    bad["社会信用代码"] = bad["社会信用代码"][:-1] + _other_check(bad["社会信用代码"])
    employed[1]["社会信用代码"] = " " + employed[1]["社会信用代码"].lower() + " "
    employed[2]["邮编"] = employed[2]["邮编"][1:]
    employed[3]["联系电话"] = "12345"
    employed[4]["E-MAIL"] = "hr at example.com"
    employed[5]["单位名称"] = ""
    employed[6]["签订日期"] = f"{dt.date.today().year}-02-30"
    employed[7]["工资"] = "面议"
    rows[10]["身份证号"] = rows[10]["身份证号"][:-1] + (
        "0" if rows[10]["身份证号"][-1] != "0" else "1"
    )
    rows[11]["身份证号"] = rows[11]["身份证号"][:-1] + rows[11]["身份证号"][-1].lower()
    unemployed[0]["单位名称"] = "某某公司"
    for row in [r for r in rows if r["毕业去向"] == "出国"][:1]:
        row["出国地区"] = ""
    for row in [r for r in rows if r["档案单位收件人"] == "档案室"][:1]:
        row["档案单位收件人"] = row["姓名"]

    repeated = dict(rows[20])
    conflicting = {**rows[21], "单位名称": rows[21]["单位名称"] + "（分公司）", "工资": "9500"}
    no_id = {**rows[22], "学号": ""}
    return [*rows, repeated, conflicting, no_id]


def _other_check(code: str) -> str:
    right = credit_code.calc_check_digit(code[:17])
    return "1" if right != "1" else "2"
