"""Synthetic 毕业去向登记 rows as the platform exports them (Chinese headers)."""

import datetime as dt
import random

from pipelines.sample.employers import Unit
from pipelines.sample.identities import ORIGINS, id_number, landline, person_name

COLLEGES = {
    "机械工程学院": (("机械设计制造及其自动化", "车辆工程"), ("周老师", "吴老师")),
    "光电信息与计算机工程学院": (
        ("计算机科学与技术", "软件工程", "光电信息科学与工程"),
        ("郑老师", "王老师"),
    ),
    "管理学院": (("会计学", "工商管理", "物流管理"), ("冯老师",)),
    "外语学院": (("英语", "日语"), ("陈老师",)),
}
DEGREES = (("本科", 76), ("硕士研究生", 18), ("专科", 4), ("博士研究生", 2))
REVIEW = (("审核通过", 82), ("待审核", 11), ("审核不通过", 4), ("未提交", 3))
# (毕业去向, 二级去向, weight)
DESTINATIONS = (
    ("派遣(签订就业协议书)", "一般单位录用", 34),
    ("派遣(签订就业协议书)", "公务员录用", 2),
    ("派遣(签订就业协议书)", "部队录用", 1),
    ("合同就业", "", 15),
    ("灵活就业", "其他录用形式就业", 5),
    ("灵活就业", "自由职业", 3),
    ("考研", "", 15),
    ("出国", "", 6),
    ("国家地方项目", "西部计划", 2),
    ("创业", "创立公司", 1),
    ("待就业", "", 11),
    ("不就业", "", 5),
)
COUNTRIES = ("英国", "美国", "日本", "新加坡", "澳大利亚", "中国香港")
HEADERS = (
    "学号",
    "姓名",
    "性别",
    "身份证号",
    "学院",
    "专业",
    "学历",
    "辅导员",
    "生源地",
    "审核状态",
    "毕业去向",
    "二级去向",
    "单位信息登记号",
    "协议书编号",
    "签订日期",
    "社会信用代码",
    "单位名称",
    "地址",
    "邮编",
    "联系人",
    "联系电话",
    "E-MAIL",
    "所在地区",
    "出国地区",
    "所属行业",
    "单位类别",
    "单位性质",
    "工资",
    "专业对口度",
    "档案单位名称",
    "档案单位地址",
    "档案单位收件人",
    "档案单位联系电话",
)


def pick(rng: random.Random, weighted) -> object:
    values, weights = zip(
        *[(item[:-1] if len(item) > 2 else item[0], item[-1]) for item in weighted], strict=True
    )
    return rng.choices(values, weights=weights)[0]


def cohort_sign_dates(today: dt.date) -> tuple[str, ...]:
    """Agreement dates of this year's cohort, in the spellings students type, all before today.

    After July the cohort signed in spring; before it, the cohort signs from the autumn on.

    >>> cohort_sign_dates(dt.date(2026, 12, 4))
    ('2026-05-20', '2026/6/3', '2026.4.18', '20260612')
    >>> cohort_sign_dates(dt.date(2027, 3, 1))
    ('2026-11-20', '2026/12/3', '2026.10.18', '20261212')
    """
    if today.month >= 7:
        year = today.year
        return (f"{year}-05-20", f"{year}/6/3", f"{year}.4.18", f"{year}0612")
    year = today.year - 1
    return (f"{year}-11-20", f"{year}/12/3", f"{year}.10.18", f"{year}1212")


def student_row(
    rng: random.Random,
    number: int,
    employers: list[Unit],
    schools: list[Unit],
    sign_dates: tuple[str, ...] | None = None,
) -> dict:
    college = list(COLLEGES)[number % len(COLLEGES)]
    majors, counsellors = COLLEGES[college]
    gender = rng.choice("男女")
    origin, origin_code, area_code = rng.choice(ORIGINS)
    row = dict.fromkeys(HEADERS, "")
    row.update(
        {
            "学号": f"2021{list(COLLEGES).index(college) + 1:02d}{number:04d}",
            "姓名": person_name(rng),
            "性别": gender,
            "身份证号": id_number(rng, origin_code, gender),
            "学院": college,
            "专业": rng.choice(majors),
            "学历": pick(rng, DEGREES),
            "辅导员": rng.choice(counsellors),
            "生源地": origin,
            "审核状态": pick(rng, REVIEW),
        }
    )
    destination, sub = pick(rng, DESTINATIONS)
    row.update({"毕业去向": destination, "二级去向": sub})
    if (
        destination in ("派遣(签订就业协议书)", "合同就业", "灵活就业", "国家地方项目", "创业")
        and sub != "自由职业"
    ):
        agreement = sign_dates or cohort_sign_dates(dt.date.today())
        unit = _employer_for(rng, sub, employers)
        _fill_unit(rng, row, unit, agreement if destination.startswith("派遣") else ())
    elif destination == "考研":
        _fill_unit(rng, row, rng.choice(schools), ())
        row.update({"单位类别": "升学", "工资": "", "专业对口度": ""})
    elif destination == "出国":
        row.update(
            {
                "单位名称": "海外示例大学",
                "所在地区": "境外",
                "出国地区": rng.choice(COUNTRIES),
                "单位类别": "出国、出境",
            }
        )
    _fill_archive(rng, row, area_code)
    return row


# The form pairs these 二级去向 with a unit of one nature: 公务员 with 机关, 部队录用 with 部队.
SUBTYPE_NATURES = {"公务员录用": "机关", "部队录用": "部队"}


def _employer_for(rng: random.Random, sub: str, employers: list[Unit]) -> Unit:
    nature = SUBTYPE_NATURES.get(sub)
    fitting = [unit for unit in employers if nature is None or unit.nature == nature]
    return rng.choice(fitting or employers)


def _fill_unit(rng: random.Random, row: dict, unit: Unit, sign_dates: tuple[str, ...]) -> None:
    """The unit's fields; with `sign_dates` also an agreement (number, date, 登记号)."""
    row.update(
        {
            "社会信用代码": unit.credit_code,
            "单位名称": unit.name,
            "地址": unit.address,
            "邮编": unit.postcode,
            "联系人": unit.contact,
            "联系电话": unit.phone,
            "E-MAIL": unit.email,
            "所在地区": unit.region,
            "所属行业": unit.industry,
            "单位性质": unit.nature,
            "工资": rng.choice(("8000", "8k", "1.2万", "6500元/月", "9000")),
            "专业对口度": rng.choice(("对口", "比较对口", "不对口")),
        }
    )
    if sign_dates:
        row["签订日期"] = rng.choice(sign_dates)
        row["协议书编号"] = f"{row['签订日期'][:4]}{rng.randint(0, 999999):06d}"
    if unit.region.startswith("上海") and sign_dates:
        row["单位信息登记号"] = f"SH{rng.randint(100000, 999999)}"


def _fill_archive(rng: random.Random, row: dict, area_code: str) -> None:
    """Students pick 与签约单位相同 or type their 生源地's talent centre; postgraduates skip it."""
    if row["学历"] in ("硕士研究生", "博士研究生") or rng.random() < 0.3:
        return
    if row["单位名称"] and row["单位性质"] in ("机关", "国有企业", "科研设计单位", "医疗卫生单位"):
        row.update(
            {
                "档案单位名称": row["单位名称"],
                "档案单位地址": row["地址"],
                "档案单位收件人": "人事处",
                "档案单位联系电话": row["联系电话"],
            }
        )
        return
    city = row["生源地"].split("市")[0].split("省")[-1].split("区")[-1]
    row.update(
        {
            "档案单位名称": f"{city}市人才服务中心",
            "档案单位地址": f"{row['生源地']}人民路{rng.randint(1, 200)}号",
            "档案单位收件人": "档案室",
            "档案单位联系电话": landline(rng, area_code),
        }
    )
