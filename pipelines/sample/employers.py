"""The sample's employers and admitting schools: synthetic names, real places."""

import random
from dataclasses import dataclass

from pipelines.sample.identities import landline, mobile, person_name, unified_credit_code

# (region code, 所在地区, address prefix, postcode, telephone area code)
PLACES = (
    ("310115", "上海市浦东新区", "上海市浦东新区张江路", "201203", "021"),
    ("310104", "上海市徐汇区", "上海市徐汇区漕溪北路", "200030", "021"),
    ("310110", "上海市杨浦区", "上海市杨浦区军工路", "200093", "021"),
    ("110108", "北京市海淀区", "北京市海淀区中关村大街", "100080", "010"),
    ("440305", "广东省深圳市南山区", "广东省深圳市南山区科技园南路", "518057", "0755"),
    ("330106", "浙江省杭州市西湖区", "浙江省杭州市西湖区文三路", "310012", "0571"),
    ("320506", "江苏省苏州市吴中区", "江苏省苏州市吴中区东吴北路", "215128", "0512"),
    ("350102", "福建省福州市鼓楼区", "福建省福州市鼓楼区五四路", "350003", "0591"),
    ("420111", "湖北省武汉市洪山区", "湖北省武汉市洪山区珞喻路", "430074", "027"),
)
# (name stem, 所属行业, 单位性质, credit code prefix)
KINDS = (
    ("智能科技有限公司", "信息传输、软件和信息技术服务业", "其他企业", "91"),
    ("电子股份有限公司", "制造业", "其他企业", "91"),
    ("机械制造集团有限公司", "制造业", "国有企业", "91"),
    ("建设工程有限公司", "建筑业", "国有企业", "91"),
    ("会计师事务所（特殊普通合伙）", "租赁和商务服务业", "其他企业", "91"),
    ("汽车零部件有限公司", "制造业", "三资企业", "91"),
    ("医院", "卫生和社会工作", "医疗卫生单位", "12"),
    ("规划设计研究院", "科学研究和技术服务业", "科研设计单位", "12"),
    ("区人民政府办公室", "公共管理、社会保障和社会组织", "机关", "11"),
    ("武警部队某部", "公共管理、社会保障和社会组织", "部队", "A1"),
)
STEMS = "华拓申浦启明远航星河云帆东辰瑞博恒信沪江天工"


@dataclass(frozen=True)
class Unit:
    credit_code: str
    name: str
    region: str
    address: str
    postcode: str
    industry: str
    nature: str
    contact: str
    phone: str
    email: str


def make_employers(rng: random.Random, count: int) -> list[Unit]:
    units = []
    for index in range(count):
        region_code, region, street, postcode, area_code = rng.choice(PLACES)
        stem, industry, nature, prefix = KINDS[index % len(KINDS)]
        city = region[:2] if region.startswith(("上海", "北京")) else region[3:5]
        name = f"{city}{rng.choice(STEMS)}{rng.choice(STEMS)}{stem}"
        units.append(
            Unit(
                unified_credit_code(rng, prefix, region_code),
                name,
                region,
                f"{street}{rng.randint(1, 999)}号",
                postcode,
                industry,
                nature,
                person_name(rng),
                landline(rng, area_code) if index % 3 else mobile(rng),
                f"hr{index:03d}@example.com",
            )
        )
    return units


def make_schools(rng: random.Random) -> list[Unit]:
    """Admitting schools for 考研: 事业单位 codes (12…), 单位类别 升学."""
    names = ("示例理工大学", "样例师范大学", "模拟财经大学", "示范医科大学")
    schools = []
    for name, (region_code, region, street, postcode, area_code) in zip(
        names, PLACES[::2], strict=False
    ):
        schools.append(
            Unit(
                unified_credit_code(rng, "12", region_code),
                name,
                region,
                f"{street}{rng.randint(1, 300)}号",
                postcode,
                "教育",
                "高等教育单位",
                "研究生院招生办",
                landline(rng, area_code),
                "yjs@example.edu.cn",
            )
        )
    return schools
