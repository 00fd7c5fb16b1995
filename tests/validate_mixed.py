"""A generated export with one planted mistake per row (and clean rows between them).

Every row starts as a clean registration of one of a few destinations, with checksum-valid
identifiers from pipelines.sample.identities; a case then overrides some cells and names the
findings (field, rule_id) that must appear on exactly that row. Evidence files default to one
file of the kind the destination needs; a case may give its own list.
"""

import csv
import random
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pipelines.sample.identities import id_number, unified_credit_code

RNG = random.Random(20250630)
COLLEGE = "机械工程学院"
COUNSELLOR = "周老师"

# fmt: off
HEADERS = [
    "学号", "姓名", "性别", "身份证号", "学院", "专业", "学历", "辅导员", "生源地", "审核状态",
    "毕业去向", "二级去向", "单位信息登记号", "协议书编号", "签订日期", "社会信用代码", "单位名称",
    "地址", "邮编", "联系人", "联系电话", "E-MAIL", "所在地区", "所属行业", "单位性质", "单位类别",
    "出国地区", "托管标志", "工资", "违约金", "专业对口度", "落户具体地址", "落户派出所",
    "档案单位名称", "档案单位地址", "档案单位收件人", "档案单位联系电话",
]
# fmt: on

SHANGHAI_UNIT = {
    "单位名称": "上海测试精密机械有限公司",
    "地址": "上海市浦东新区张江路100号",
    "邮编": "201203",
    "联系人": "钱测试",
    "联系电话": "021-58001234",
    "E-MAIL": "hr@example.com",
    "所在地区": "上海市浦东新区",
    "所属行业": "制造业",
    "单位性质": "其他企业",
}
SUZHOU_UNIT = {
    **SHANGHAI_UNIT,
    "单位名称": "苏州测试电子有限公司",
    "地址": "江苏省苏州市吴中区东吴北路1号",
    "邮编": "215100",
    "联系电话": "0512-65001234",
    "所在地区": "江苏省苏州市吴中区",
}
ARCHIVE = {
    "档案单位名称": "福州市人才服务中心",
    "档案单位地址": "福建省福州市永泰县人民路12号",
    "档案单位收件人": "档案室",
    "档案单位联系电话": "0591-87654321",
}
# (destination, 二级去向, extra cells, evidence kinds in file names)
# fmt: off
TEMPLATES = {
    "dispatch": ("派遣(签订就业协议书)", "一般单位录用", {**SHANGHAI_UNIT, "单位信息登记号": "R"},
                 ["就业协议书"]),
    "contract": ("合同就业", "", SUZHOU_UNIT, ["劳动合同"]),
    "study": ("考研", "", {"单位名称": "测试大学", "地址": "上海市杨浦区测试路1号",
                          "邮编": "200093", "所在地区": "上海市杨浦区", "单位类别": "升学"},
              ["录取通知书"]),
    "abroad": ("出国", "", {"单位名称": "University of Testing", "出国地区": "英国",
                           "所在地区": "境外", "单位类别": "出国、出境"}, ["offer"]),
    "waiting": ("待就业", "", {}, []),
    "freelance": ("灵活就业", "自由职业", {"工资": "9000", "所在地区": "江苏省苏州市吴中区"},
                  ["登记表", "收入流水"]),
    "other_hire": ("灵活就业", "其他录用形式就业", {**SUZHOU_UNIT, "工资": "6000"},
                   ["登记表", "聘用证明"]),
    "startup": ("创业", "创立公司", SUZHOU_UNIT, ["营业执照"]),
    "project": ("国家地方项目", "西部计划", SUZHOU_UNIT, ["项目证明"]),
}
# fmt: on


@dataclass
class Case:
    title: str
    template: str
    cells: dict = field(default_factory=dict)
    expected: tuple = ()
    # (file name suffix, size, sha256); None: the template's evidence
    evidence: list | None = None
    student_id: str = ""
    line: int = 0


@cache
def credit_code_of(unit_name: str, unit_region: str) -> str:
    """One code per unit, registered in the unit's district; schools are 事业单位 (12)."""
    region = {"上海市浦东新区": "310115", "上海市杨浦区": "310110"}.get(unit_region, "320506")
    prefix = "12" if unit_name.endswith("大学") else "91"
    return unified_credit_code(RNG, prefix, region)


def clean_row(student_id: str, template: str) -> dict:
    """A registration with no mistake, for `template`."""
    gender = RNG.choice("男女")
    destination, sub_destination, extra, _ = TEMPLATES[template]
    row = dict.fromkeys(HEADERS, "")
    row.update(
        {
            "学号": student_id,
            "姓名": "测试" + student_id[-3:],
            "性别": gender,
            "身份证号": id_number(RNG, "350125", gender),
            "学院": COLLEGE,
            "专业": "车辆工程",
            "学历": "本科",
            "辅导员": COUNSELLOR,
            "生源地": "福建省福州市永泰县",
            "审核状态": "审核通过",
            "毕业去向": destination,
            "二级去向": sub_destination,
            **ARCHIVE,
        }
    )
    row.update(extra)
    if row["单位信息登记号"]:
        row["单位信息登记号"] = f"DJ{student_id}"
    if template in ("dispatch", "contract", "other_hire", "startup", "project", "study"):
        row["社会信用代码"] = credit_code_of(row["单位名称"], row["所在地区"])
        row["签订日期"] = "2025-06-01"
        row["专业对口度"] = "对口"
        row["工资"] = row["工资"] or "8000"
    if template == "dispatch":
        row["协议书编号"] = f"2025{student_id[-6:]}"
        row["违约金"] = "5000"
    return row


def evidence_rows(case: Case) -> list[dict]:
    kinds = TEMPLATES[case.template][3]
    files = case.evidence
    if files is None:
        files = [(f"{kind}.pdf", 120_000, None) for kind in kinds]
    return [
        {
            "学号": case.student_id,
            "文件名": f"{case.student_id}_{name}",
            "文件大小": str(size),
            "sha256": digest or f"{RNG.getrandbits(256):064x}",
        }
        for name, size, digest in files
    ]


def write_csv(path: Path, rows: list[dict], headers: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, headers)
        writer.writeheader()
        writer.writerows(rows)
    return path


def build(folder: Path, cases: list[Case], clean_per_template: int = 3) -> dict:
    """Write export, evidence manifest and roster; fills each case's student_id and line.

    Returns the paths and the clean rows' student ids.
    """
    rows, evidence, clean_ids = [], [], []
    number = 0
    for template in TEMPLATES:
        for _ in range(clean_per_template):
            number += 1
            clean = Case("clean", template, student_id=f"2021{number:06d}")
            rows.append(clean_row(clean.student_id, template))
            evidence += evidence_rows(clean)
            clean_ids.append(clean.student_id)
    for case in cases:
        number += 1
        case.student_id = case.cells.get("学号") or f"2021{number:06d}"
        row = {**clean_row(case.student_id, case.template), **case.cells}
        if "社会信用代码" in case.cells and "单位名称" not in case.cells:
            # a unit of its own, so the planted code does not give a clean unit two codes
            row["单位名称"] = f"独立测试{case.student_id}有限公司"
        case.line = len(rows) + 2
        rows.append(row)
        evidence += evidence_rows(case)
    roster = [{"学号": r["学号"], "姓名": r["姓名"]} for r in rows if r["学号"] != "2099000001"]
    return {
        "export": write_csv(folder / "mixed.csv", rows, HEADERS),
        "evidence": write_csv(
            folder / "evidence.csv", evidence, ["学号", "文件名", "文件大小", "sha256"]
        ),
        "roster": write_csv(folder / "roster.csv", roster, ["学号", "姓名"]),
        "clean_ids": clean_ids,
    }
