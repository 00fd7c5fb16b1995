"""Synthetic people and employers with checksum-valid identifiers. Nobody here is real."""

import random

from pipelines.checks import credit_code, org_code, resident_id

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程"
)
GIVEN = "测试样例模拟示范晓明华文静婷宇轩欣怡子涵浩然梓萱雨桐一诺思远嘉怡俊杰雅琪"
# (生源地, county code, the prefecture's telephone area code)
ORIGINS = (
    ("上海市浦东新区", "310115", "021"),
    ("上海市闵行区", "310112", "021"),
    ("福建省福州市永泰县", "350125", "0591"),
    ("江苏省苏州市吴中区", "320506", "0512"),
    ("浙江省杭州市西湖区", "330106", "0571"),
    ("安徽省合肥市蜀山区", "340104", "0551"),
    ("河南省郑州市金水区", "410105", "0371"),
    ("山东省青岛市黄岛区", "370211", "0532"),
    ("四川省成都市武侯区", "510107", "028"),
    ("湖北省武汉市洪山区", "420111", "027"),
    ("江西省南昌市青山湖区", "360111", "0791"),
    ("广西壮族自治区南宁市青秀区", "450103", "0771"),
    ("新疆维吾尔自治区和田地区和安县", "653229", "0903"),
    ("内蒙古自治区呼和浩特市赛罕区", "150105", "0471"),
    ("甘肃省兰州市城关区", "620102", "0931"),
)


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def id_number(rng: random.Random, region_code: str, gender: str) -> str:
    """An 18-digit 身份证号 born 2002-2004 with the right parity and check digit."""
    birth = f"{rng.randint(2002, 2004)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    sequence = rng.randrange(0, 999)
    if (sequence % 2 == 1) != (gender == "男"):
        sequence = (sequence + 1) % 1000
    body = f"{region_code}{birth}{sequence:03d}"
    return body + resident_id.calc_check_digit(body)


def unified_credit_code(rng: random.Random, prefix: str, region_code: str) -> str:
    """A GB 32100 code: department+type prefix, region, organisation code, check digit."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body8 = "".join(rng.choice(alphabet[:10] if i < 2 else alphabet) for i in range(8))
    organisation = body8 + org_code.calc_check_digit(body8)
    body = f"{prefix}{region_code}{organisation}"
    return body + credit_code.calc_check_digit(body)


# Prefectures of the sample whose local numbers still have seven digits.
SEVEN_DIGIT_AREAS = ("0771", "0903", "0471", "0931")


def landline(rng: random.Random, area_code: str) -> str:
    digits = 7 if area_code in SEVEN_DIGIT_AREAS else 8
    rest = rng.randint(0, 10 ** (digits - 1) - 1)
    return f"{area_code}-{rng.randint(5, 7)}{rest:0{digits - 1}d}"


def mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3578')}{rng.randint(0, 9)}{rng.randint(0, 99999999):08d}"
