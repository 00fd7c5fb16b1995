"""Whether a dispatch row can be mailed tonight, and if not, why.

A personnel file is never handed to the student and never mailed to a vague address: 机要 and
EMS "高校学生档案专用" both need the receiving body's full name, an address down to the street
and number, a named recipient who is not the student, a reachable phone and a 6-digit postcode
that belongs to the province the file goes to.

More information:

* domain.md §6c (required fields and transport rules, 个人自带拒收)
* 暨南大学档案馆 发档 page; 北京大学 档案转递 page
"""

import re

from pipelines.dispatch.channel import postcode_provinces

AUTHORITY_TARGETS = {"生源地主管部门": "生源地", "单位所在地主管部门": "单位所在地"}

# an address must name the county-level area, the street (or village, building) and a number
ADDRESS_AREA = re.compile(r"(省|市|区|县|旗|州|盟)")
ADDRESS_STREET = re.compile(r"(路|街|道|巷|弄|胡同|里|村|镇|乡|大厦|大楼|园区|广场|校区)")
ADDRESS_NUMBER = re.compile(r"[0-9一二三四五六七八九十百零〇]+\s*(号|弄|栋|幢|座|楼|室)")
PHONE_SHAPE = re.compile(
    r"^(\+?86-?)?(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|[48]00-?\d{3}-?\d{4})$"
)
POSTCODE_SHAPE = re.compile(r"^\d{6}$")
# what students write when they mean to carry the file themselves
SELF_RECIPIENTS = ("本人", "学生本人", "自取", "自带", "个人")


def hold_reason(row: dict, prefixes: dict[str, frozenset[str]] | None = None) -> str | None:
    """The first reason the row cannot be mailed yet, in the counsellor's words, or None.

    `prefixes` maps postcode prefixes to the provinces known to use them; with it, a postcode
    that belongs to another province than the one the file goes to holds the row.

    >>> hold_reason({"national_code": "70", "route": "其他去向", "send_to": "生源地主管部门",
    ...              "receiver": None})[:22]
    '无法确定档案接收单位（生源地主管部门未登记）'
    >>> hold_reason({"national_code": "72", "route": "学生填写", "send_to": "档案单位",
    ...              "receiver": "某市人才服务中心",
    ...              "address": "某省某市某区人民路1号", "postcode": "350001",
    ...              "recipient": "张测一", "phone": "0591-12345678", "name": "张测一"})
    '档案收件人不能是学生本人（档案不能由学生自带），请填写接收单位的经办人或部门'
    """
    if not _filled(row.get("national_code")):
        return "毕业去向为空或无法识别，档案去向无法确定：请先按修改清单更正毕业去向"
    if not _filled(row.get("route")):
        return (
            "路由表 reference_data/dispatch_routing.csv 中没有适用于该毕业去向的规则，"
            "请补充规则后重新运行"
        )
    missing_body = _missing_body(row)
    if missing_body:
        return missing_body
    return _missing_address(row) or _wrong_contact(row) or _wrong_postcode(row, prefixes)


def is_street_level(address: str | None) -> bool:
    """Whether an address reaches the county, the street and a number.

    >>> is_street_level("上海市杨浦区军工路100号"), is_street_level("福建省福州市永泰县")
    (True, False)
    >>> is_street_level("某市人民路"), is_street_level("某县某镇某村三组12号")
    (False, True)
    """
    text = address or ""
    return all(pattern.search(text) for pattern in (ADDRESS_AREA, ADDRESS_STREET, ADDRESS_NUMBER))


def is_phone(phone: str | None) -> bool:
    """A mobile number, or an area code with a landline (extension allowed).

    >>> is_phone("0591-87654321"), is_phone("138 0013 8000"), is_phone("87654321")
    (True, True, False)
    """
    return bool(PHONE_SHAPE.match(re.sub(r"[\s()（）]", "", phone or "")))


def _missing_body(row: dict) -> str | None:
    send_to = row.get("send_to")
    if not _filled(row.get("receiver")):
        if send_to in AUTHORITY_TARGETS:
            return (
                f"无法确定档案接收单位（{send_to}未登记），"
                "请在 reference_data/authorities.csv 中补充，或由学生填写档案单位"
            )
        if send_to == "单位":
            return f"档案应寄{row['route']}，但登记表中单位名称为空，请学生补填单位名称"
        return "档案接收单位为空，请学生补填档案单位名称"
    if send_to in AUTHORITY_TARGETS and not _filled(row.get("address")):
        return (
            f"{AUTHORITY_TARGETS[send_to]}主管单位（{row['receiver']}）的地址、邮编尚未登记，"
            "请在 reference_data/authorities.csv 中补充后重新运行"
        )
    return None


def _missing_address(row: dict) -> str | None:
    if not _filled(row.get("address")):
        return "档案接收地址为空，请学生补填档案单位地址（写到区县、街道和门牌号）"
    if not is_street_level(row["address"]):
        return f"档案接收地址“{row['address']}”不完整，需写到区县、街道和门牌号"
    return None


def _wrong_contact(row: dict) -> str | None:
    recipient = (row.get("recipient") or "").strip()
    if not recipient:
        return "档案收件人为空，请填写接收单位的经办人或部门"
    if recipient == (row.get("name") or "").strip() or recipient in SELF_RECIPIENTS:
        return "档案收件人不能是学生本人（档案不能由学生自带），请填写接收单位的经办人或部门"
    if not is_phone(row.get("phone")):
        return f"档案接收单位电话“{row.get('phone') or ''}”格式不对，应为11位手机号或“区号-号码”"
    return None


def _wrong_postcode(row: dict, prefixes: dict[str, frozenset[str]] | None) -> str | None:
    postcode = (row.get("postcode") or "").strip()
    if not postcode:
        why, remedy = _why_no_postcode(row)
        return f"无法确定6位邮编（{why}），{remedy}"
    if not POSTCODE_SHAPE.match(postcode):
        return f"邮编“{postcode}”不是6位数字，请核对接收单位邮编"
    province = row.get("receiving_province_code")
    known = postcode_provinces(postcode, prefixes or {})
    if province and known and province not in known:
        where = row.get("receiving_province_name") or province
        return f"邮编 {postcode} 与收件地址所在省份（{where}）不一致，请核对邮编或地址"
    return None


def _why_no_postcode(row: dict) -> tuple[str, str]:
    """Why no postcode could be derived, and who can supply it."""
    if row.get("send_to") == "档案单位":
        return (
            "登记表没有档案单位邮编，档案单位既不是签约单位，也不在主管单位表中",
            "请核对该单位的邮编，把单位全称、地址和邮编补充到 reference_data/authorities.csv "
            "后重新运行",
        )
    if row.get("send_to") == "单位":
        return "登记表中单位邮编为空", "请学生补填单位邮编"
    return (
        "主管单位表中没有邮编",
        "请在 reference_data/authorities.csv 中补充邮编后重新运行",
    )


def _filled(value: str | None) -> bool:
    return bool(value and str(value).strip())
