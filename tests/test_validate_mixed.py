"""Sixty-odd planted mistakes in one generated export: each found on its exact row, clean rows
untouched. This module runs the whole job once (and pays Great Expectations' import)."""

import random

import openpyxl
import pandas as pd
import pytest

from pipelines.checks import credit_code, org_code, resident_id
from pipelines.context import RunInputs
from pipelines.outputs.findings_files import FIXLIST_HEADERS
from pipelines.run import RunOptions, execute
from pipelines.sample.identities import id_number, unified_credit_code
from tests.conftest import RUN_DATE, read_findings
from tests.validate_mixed import TEMPLATES, Case, build, credit_code_of

RNG = random.Random(7)
SHARED_CODE = unified_credit_code(RNG, "91", "310115")
BAD_CHECK = SHARED_CODE[:-1] + (
    "1" if credit_code.calc_check_digit(SHARED_CODE[:17]) != "1" else "2"
)
ORG_CODE = "MA1K2L3P" + org_code.calc_check_digit("MA1K2L3P")
MALE_ID = id_number(RNG, "350125", "男")
BAD_BIRTH = "35012520021332123"
HK_BODY = "81000020030405123"
LOWER_CODE = unified_credit_code(RNG, "91", "310115")
CONTRACT_CODE = credit_code_of("苏州测试电子有限公司", "江苏省苏州市吴中区")


def _x_id() -> str:
    """An ID number whose check character is X, written with a lower-case x."""
    for sequence in range(1000):
        body = f"35012520030405{sequence:03d}"
        if resident_id.calc_check_digit(body) == "X":
            return body + "x"
    raise AssertionError("no X check digit in range")


# fmt: off
CASES = [
    # identifiers
    Case("credit code check digit", "dispatch", {"社会信用代码": BAD_CHECK},
         (("credit_code", "credit_code.checksum"),)),
    Case("legacy organisation code", "contract", {"社会信用代码": ORG_CODE},
         (("credit_code", "credit_code.legacy_org_code"),)),
    Case("legacy registration number", "contract", {"社会信用代码": "320506000123456"},
         (("credit_code", "credit_code.legacy_reg_no"),)),
    Case("credit code 17 characters", "contract", {"社会信用代码": SHARED_CODE[:17]},
         (("credit_code", "credit_code.length"),)),
    Case("credit code letter O", "contract", {"社会信用代码": "91320506MA1K2L3P0O"},
         (("credit_code", "credit_code.charset"),)),
    Case("ID check digit", "waiting", {"身份证号": MALE_ID[:-1] + ("0" if MALE_ID[-1] != "0"
                                                                   else "1"), "性别": "男"},
         (("id_number", "id_number.checksum"),)),
    Case("ID birth date", "waiting",
         {"身份证号": BAD_BIRTH + resident_id.calc_check_digit(BAD_BIRTH), "性别": "男"},
         (("id_number", "id_number.birth_date"),)),
    Case("ID 16 digits", "waiting", {"身份证号": MALE_ID[:16]},
         (("id_number", "id_number.length"),)),
    Case("ID 15-digit legacy", "waiting", {"身份证号": "350125820101123", "性别": "男"},
         (("id_number", "id_number.legacy_15"),)),
    Case("ID lower-case x", "waiting", {"身份证号": _x_id(), "性别": "男"},
         (("id_number", "id_number.normalised"),)),
    # contacts and postcodes
    Case("phone too short", "dispatch", {"联系电话": "12345"}, (("unit_phone", "phone.format"),)),
    Case("landline without area code", "dispatch", {"联系电话": "58001234"},
         (("unit_phone", "phone.area_code_missing"),)),
    Case("two phone numbers", "dispatch", {"联系电话": "13812345678/13912345678"},
         (("unit_phone", "phone.multiple"),)),
    Case("archive phone garbage", "waiting", {"档案单位联系电话": "电话"},
         (("archive_phone", "phone.format"),)),
    Case("email without @", "dispatch", {"E-MAIL": "hr at example.com"},
         (("unit_email", "email.format"),)),
    Case("email full-width @", "dispatch", {"E-MAIL": "hr＠example.com"},
         (("unit_email", "email.normalised"),)),
    Case("postcode four digits", "dispatch", {"邮编": "2012"},
         (("unit_postcode", "postcode.format"),)),
    Case("postcode lost its zero", "contract", {"邮编": "21510"},
         (("unit_postcode", "postcode.leading_zero"),)),
    Case("postcode of another province", "dispatch", {"邮编": "100000"},
         (("unit_postcode", "postcode.province_mismatch"),)),
    # dates and money
    Case("sign date does not exist", "dispatch", {"签订日期": "2025-02-30"},
         (("sign_date", "sign_date.invalid"),)),
    Case("sign date two years early", "dispatch", {"签订日期": "2023-05-01"},
         (("sign_date", "sign_date.outside_window"),)),
    Case("sign date after the run", "contract", {"签订日期": "2025-12-01"},
         (("sign_date", "sign_date.outside_window"),)),
    Case("salary negotiable", "dispatch", {"工资": "面议"}, (("salary", "salary.negotiable"),)),
    Case("salary unreadable", "dispatch", {"工资": "看情况"}, (("salary", "salary.unreadable"),)),
    Case("salary implausible", "dispatch", {"工资": "300"}, (("salary", "salary.implausible"),)),
    Case("freelance below minimum wage", "freelance", {"工资": "1800"},
         (("salary", "salary.below_minimum_wage"),)),
    Case("penalty in words", "dispatch", {"违约金": "五千"}, (("penalty", "penalty.not_numeric"),)),
    Case("major fit not offered", "dispatch", {"专业对口度": "非常对口"},
         (("major_fit", "major_fit.unknown"),)),
    # labels and reference tables
    Case("gender letter", "waiting", {"性别": "M"}, (("gender", "gender.unknown"),)),
    Case("gender against ID", "waiting", {"身份证号": MALE_ID, "性别": "女"},
         (("gender", "gender.id_number_mismatch"),)),
    Case("review state unknown", "waiting", {"审核状态": "已审"},
         (("review_status", "review_status.unknown"),)),
    Case("degree unknown", "waiting", {"学历": "进修生"},
         (("degree_level", "degree_level.unknown"),)),
    Case("unit nature unknown", "dispatch", {"单位性质": "私人老板"},
         (("unit_nature", "unit_nature.unknown"),)),
    Case("industry unknown", "dispatch", {"所属行业": "互联网大厂"},
         (("industry", "industry.unknown"),)),
    Case("unit region unknown", "contract", {"所在地区": "火星市奥林匹斯区"},
         (("unit_region", "region.unknown"),)),
    Case("origin unknown", "waiting", {"生源地": "某某省某某县"}, (("origin", "region.unknown"),)),
    Case("country unknown", "abroad", {"出国地区": "美利坚"},
         (("abroad_country", "abroad_country.unknown"),)),
    Case("country is the mainland", "abroad", {"出国地区": "中国"},
         (("abroad_country", "abroad_country.unknown"),)),
    # destination matrix
    Case("Shanghai unit without 登记号", "dispatch", {"单位信息登记号": ""},
         (("unit_reg_no", "unit_reg_no.required_local"),)),
    Case("dispatch without unit name", "dispatch", {"单位名称": ""},
         (("unit_name", "destination.required_field"),)),
    Case("dispatch without agreement number", "dispatch", {"协议书编号": ""},
         (("agreement_no", "destination.required_field"),)),
    Case("study with category 企业", "study", {"单位类别": "企业"},
         (("unit_category", "destination.fixed_value"),)),
    Case("study without the school's code", "study", {"社会信用代码": ""},
         (("credit_code", "destination.required_field"),)),
    Case("abroad located in Shanghai", "abroad", {"所在地区": "上海市浦东新区"},
         (("unit_region", "destination.fixed_value"),)),
    Case("abroad without country", "abroad", {"出国地区": ""},
         (("abroad_country", "destination.required_field"),)),
    Case("waiting with a unit", "waiting", {"单位名称": "某某公司"},
         (("unit_name", "destination.forbidden_field"),)),
    Case("project without its name", "project", {"二级去向": ""},
         (("sub_destination", "sub_destination.missing"),)),
    Case("startup without its kind", "startup", {"二级去向": ""},
         (("sub_destination", "sub_destination.missing"),)),
    Case("civil service at a company", "dispatch", {"二级去向": "公务员录用"},
         (("unit_nature", "unit_nature.subtype_mismatch"),)),
    Case("army at a company", "dispatch", {"二级去向": "部队录用"},
         (("unit_nature", "unit_nature.subtype_mismatch"),)),
    Case("custody for a Shanghai student", "contract",
         {"托管标志": "是", "生源地": "上海市闵行区",
          "身份证号": id_number(RNG, "310112", "男"), "性别": "男"},
         (("custody", "custody.not_allowed"),)),
    Case("police station without moving", "dispatch",
         {"落户具体地址": "户口未迁入", "落户派出所": "张江派出所"},
         (("hukou_police_station", "hukou_police_station.not_moved"),)),
    Case("postgraduate with archive unit", "contract",
         {"学历": "硕士研究生", "档案单位地址": "", "档案单位收件人": "", "档案单位联系电话": ""},
         (("archive_unit", "archive.postgraduate_filled"),)),
    Case("destination unknown", "waiting", {"毕业去向": "去火星"},
         (("destination", "destination.unknown"),)),
    Case("destination empty", "waiting", {"毕业去向": ""},
         (("destination", "destination.missing"),)),
    # across rows
    Case("agreement number shared A", "dispatch", {"协议书编号": "2025999999"},
         (("agreement_no", "agreement_no.shared"),)),
    Case("agreement number shared B", "dispatch", {"协议书编号": "2025999999"},
         (("agreement_no", "agreement_no.shared"),)),
    Case("credit code two names A", "dispatch",
         {"社会信用代码": SHARED_CODE, "单位名称": "上海共用代码测试有限公司"},
         (("unit_name", "unit_name.several_per_credit_code"),)),
    Case("credit code two names B", "dispatch",
         {"社会信用代码": SHARED_CODE, "单位名称": "上海另一家测试有限公司"},
         (("unit_name", "unit_name.several_per_credit_code"),)),
    Case("student id twice A", "waiting", {"学号": "2021888888"},
         (("student_id", "student_id.duplicate_conflict"),)),
    Case("student id twice B", "contract", {"学号": "2021888888"},
         (("student_id", "student_id.duplicate_conflict"),)),
    Case("counsellor in another college", "waiting", {"学院": "管理学院"},
         (("counsellor", "counsellor.several_colleges"),)),
    Case("not on the roster", "waiting", {"学号": "2099000001"},
         (("student_id", "student_id.not_in_roster"),)),
    # evidence
    Case("placed without evidence", "contract", evidence=[],
         expected=(("evidence", "evidence.missing"),)),
    Case("four evidence files", "contract",
         evidence=[(f"劳动合同{n}.pdf", 1000, None) for n in range(4)],
         expected=(("evidence", "evidence.too_many"),)),
    Case("contract with an agreement only", "contract", evidence=[("就业协议书.pdf", 1000, None)],
         expected=(("evidence", "evidence.kind_missing"),)),
    Case("other hire without proof of pay", "other_hire", evidence=[("登记表.pdf", 1000, None)],
         expected=(("evidence", "evidence.kind_missing"),)),
]

EVIDENCE_CASES = [
    Case("executable evidence", "contract", evidence=[("劳动合同.exe", 1000, None)],
         expected=("evidence.file_type",)),
    Case("path in the file name", "contract", evidence=[("../劳动合同.pdf", 1000, None)],
         expected=("evidence.file_name",)),
    Case("empty file", "contract", evidence=[("劳动合同.pdf", 0, None)],
         expected=("evidence.empty_file",)),
    Case("same file A", "contract", evidence=[("劳动合同.pdf", 1000, "ab" * 32)],
         expected=("evidence.hash_shared",)),
    Case("same file B", "contract", evidence=[("劳动合同.pdf", 1000, "ab" * 32)],
         expected=("evidence.hash_shared",)),
]

# rows one step away from a mistake, which every rule must leave alone
NEAR_MISSES = [
    Case("Hong Kong resident permit", "waiting",
         {"身份证号": HK_BODY + resident_id.calc_check_digit(HK_BODY), "性别": "男"}),
    Case("mobile with +86", "dispatch", {"联系电话": "+86 138 1234 5678"}),
    Case("landline with extension", "dispatch", {"联系电话": "021-58001234-801"}),
    Case("credit code in lower case with spaces", "dispatch",
         {"社会信用代码": " " + LOWER_CODE.lower() + " ", "单位名称": "上海小写代码测试有限公司"}),
    Case("dispatch to a unit outside Shanghai needs no 登记号", "dispatch",
         {**{key: value for key, value in TEMPLATES["contract"][2].items()},
          "单位信息登记号": "", "社会信用代码": CONTRACT_CODE}),
    Case("custody for a student and unit outside Shanghai", "contract", {"托管标志": "是"}),
    Case("police station when the 户口 moves", "dispatch",
         {"落户具体地址": "上海市浦东新区张江路100号", "落户派出所": "张江派出所"}),
    Case("postgraduate without archive fields", "contract",
         {"学历": "博士研究生", "档案单位名称": "", "档案单位地址": "", "档案单位收件人": "",
          "档案单位联系电话": ""}),
    Case("freelance at the minimum wage", "freelance", {"工资": "2490"}),
    Case("sign date on the first day of the window", "dispatch", {"签订日期": "2024-09-01"}),
    Case("penalty with 元", "dispatch", {"违约金": "3000元"}),
    Case("country by its code", "abroad", {"出国地区": "GB"}),
    Case("country by its short name", "abroad", {"出国地区": "中国香港"}),
    Case("civil service at a 机关", "dispatch",
         {"二级去向": "公务员录用", "单位性质": "机关", "单位名称": "上海测试区人民政府",
          "社会信用代码": unified_credit_code(RNG, "11", "310115")}),
    Case("evidence named by its kind in another case", "contract",
         evidence=[("LAODONG.PDF", 1000, None), ("劳动合同扫描件.jpeg", 5, None)]),
]
# fmt: on


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mixed")
    files = build(folder, CASES + EVIDENCE_CASES + NEAR_MISSES)
    options = RunOptions(
        inputs=RunInputs((files["export"],), files["evidence"], files["roster"]),
        out_dir=folder / "out",
        db_path=folder / "warehouse.duckdb",
        run_date=RUN_DATE,
    )
    execute(options, use_prefect=False)
    out = options.out_dir
    return {"out": out, "findings": read_findings(out), **files}


def test_there_are_more_than_sixty_planted_mistakes():
    assert len(CASES) + len(EVIDENCE_CASES) >= 60


@pytest.mark.parametrize("case", CASES, ids=[case.title for case in CASES])
def test_planted_mistake_is_found_on_its_row(mixed, case):
    findings = mixed["findings"]
    on_row = findings[
        (findings["source_file"] == "mixed.csv") & (findings["source_row"] == str(case.line))
    ]
    found = set(zip(on_row["field"], on_row["rule_id"], strict=True))

    for expected in case.expected:
        assert expected in found, (case.title, sorted(found))


@pytest.mark.parametrize("case", EVIDENCE_CASES, ids=[case.title for case in EVIDENCE_CASES])
def test_evidence_mistake_is_found_on_its_manifest_row(mixed, case):
    findings = mixed["findings"]
    mine = findings[
        (findings["source_file"] == "evidence.csv") & (findings["student_id"] == case.student_id)
    ]

    assert mine["rule_id"].tolist() == list(case.expected)
    assert mine["field"].tolist() == ["evidence"]
    assert mine["college"].tolist() == ["机械工程学院"]


def test_clean_rows_have_no_finding(mixed):
    findings = mixed["findings"]

    assert findings[findings["student_id"].isin(mixed["clean_ids"])].empty


@pytest.mark.parametrize("case", NEAR_MISSES, ids=[case.title for case in NEAR_MISSES])
def test_near_miss_has_no_finding(mixed, case):
    findings = mixed["findings"]
    mine = findings[findings["student_id"] == case.student_id]

    assert mine[["field", "rule_id", "value"]].values.tolist() == []


def test_messages_name_the_field_the_value_and_the_fix(mixed):
    findings = mixed["findings"].set_index(["rule_id", "value"])

    assert findings.loc[("penalty.not_numeric", "五千"), "message"] == (
        "违约金“五千”不是金额：请填写数字（元），如 5000；没有违约金填 0"
    )
    assert findings.loc[("salary.below_minimum_wage", "1800"), "message"].startswith(
        "工资“1800”低于江苏省月最低工资标准 2490 元"
    )


def test_fix_list_has_the_counsellors_problems(mixed):
    findings = mixed["findings"]
    path = mixed["out"] / "fixlists" / "机械工程学院" / "周老师.xlsx"
    workbook = openpyxl.load_workbook(path)
    problems = workbook["待修改"]
    header = [cell.value for cell in problems[1]]
    mine = findings[(findings["college"] == "机械工程学院") & (findings["counsellor"] == "周老师")]

    assert workbook.sheetnames == ["待修改", "新增问题", "已修复"]
    assert header == list(FIXLIST_HEADERS.values())
    assert problems.max_row - 1 == len(mine)
    assert problems.freeze_panes == "A2"
    assert problems.auto_filter.ref == f"A1:H{len(mine) + 1}"
    assert sum(len(rules.rules) for rules in problems.conditional_formatting) == 2


def test_other_college_is_a_separate_fix_list(mixed):
    path = mixed["out"] / "fixlists" / "管理学院" / "周老师.xlsx"
    sheet = openpyxl.load_workbook(path)["待修改"]

    assert [cell.value for cell in sheet[2]][2:5] == ["辅导员", "周老师", "提醒"]


def test_verified_rows_with_errors_are_listed_for_the_office(mixed):
    findings = mixed["findings"]
    listed = pd.read_excel(mixed["out"] / "审核通过仍有错误.xlsx", dtype=str, engine="openpyxl")
    review = next(case for case in CASES if case.title == "review state unknown")

    assert len(listed) == int((findings["severity"] == "error").sum()) - _errors_not_verified(
        findings, review.student_id
    )
    assert review.student_id not in set(listed["学号"])
    assert list(listed.columns[:3]) == ["学院", "辅导员", "学号"]


def _errors_not_verified(findings: pd.DataFrame, unverified_id: str) -> int:
    # held-back duplicates are not in the registrations, so they carry no review state
    errors = findings[findings["severity"] == "error"]
    return int(
        (errors["student_id"] == unverified_id).sum()
        + (errors["rule_id"] == "student_id.duplicate_conflict").sum()
    )


def test_quality_page_opens_offline(mixed):
    page = (mixed["out"] / "data_docs" / "index.html").read_text(encoding="utf-8")

    assert "<script" not in page and "http" not in page
    assert "penalty.not_numeric" in page
    assert "未通过" in page
