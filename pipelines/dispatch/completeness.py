"""Whether a dispatch row can be mailed tonight, and by which channel.

A personnel file is never handed to the student and never mailed to a vague address: 机要 and
EMS "高校学生档案专用" both need the receiving body's full name, a street-level address, a named
recipient who is not the student, a reachable phone and a 6-digit postcode.
"""

import re

STREET_MARKERS = re.compile(r"(路|街|道|巷|弄|号|村|大厦|大楼|园区|楼|室)")
PHONE_SHAPE = re.compile(
    r"^(\+?86-?)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|[48]00-?\d{3}-?\d{4})$"
)
POSTCODE_SHAPE = re.compile(r"^\d{6}$")


def hold_reason(row: dict) -> str | None:
    """The first reason the row cannot be mailed yet, in the counsellor's words, or None.

    >>> hold_reason({"receiver": "", "address": "", "postcode": "", "recipient": "",
    ...              "phone": "", "name": "张测一", "route": "生源地主管部门"})
    '无法确定档案接收单位（生源地主管部门未登记），请在生源地主管单位表中补充或由学生填写档案单位'
    >>> hold_reason({"receiver": "某市人才服务中心", "address": "某市某区人民路1号",
    ...              "postcode": "350001", "recipient": "张测一", "phone": "0591-12345678",
    ...              "name": "张测一", "route": "学生填写"})
    '档案收件人不能是学生本人，请填写接收单位的经办人或部门'
    """
    if not _filled(row.get("receiver")):
        if row.get("route") == "生源地主管部门":
            return (
                "无法确定档案接收单位（生源地主管部门未登记），"
                "请在生源地主管单位表中补充或由学生填写档案单位"
            )
        return "档案接收单位为空，请学生补填档案单位名称"
    if row.get("route") == "生源地主管部门" and not _filled(row.get("address")):
        return (
            f"生源地主管单位（{row['receiver']}）的地址、邮编尚未登记，"
            "请在 reference_data/authorities.csv 中补充后重新运行"
        )
    if not _filled(row.get("address")) or not STREET_MARKERS.search(row["address"]):
        return "档案接收地址不完整，需写到街道和门牌号"
    if not _filled(row.get("recipient")):
        return "档案收件人为空，请填写接收单位的经办人或部门"
    if row["recipient"].strip() == (row.get("name") or "").strip():
        return "档案收件人不能是学生本人，请填写接收单位的经办人或部门"
    phone = re.sub(r"[\s()（）]", "", row.get("phone") or "")
    if not PHONE_SHAPE.match(phone):
        return "档案接收单位电话格式不对，应为手机号或“区号-号码”"
    if not POSTCODE_SHAPE.match(row.get("postcode") or ""):
        return "无法确定6位邮编（档案单位信息里没有邮编），请核对接收单位邮编后补充"
    return None


def channel(postcode: str, prefixes: dict[str, str], school_province: str) -> str:
    """机要 for files leaving the school's province, EMS within it.

    >>> channel("200093", {"20": "31"}, "31"), channel("350001", {"35": "35"}, "31")
    ('EMS', '机要')
    """
    province = prefixes.get(postcode[:3]) or prefixes.get(postcode[:2])
    return "EMS" if province == school_province else "机要"


def _filled(value: str | None) -> bool:
    return bool(value and value.strip())
