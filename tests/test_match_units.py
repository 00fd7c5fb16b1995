"""The unit master and matcher on two small exports: last year's, seeded by `units import`,
and tonight's, run through the nightly stages."""

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from conftest import read_findings, run_pipeline

from pipelines.match.importer import import_units

MATCH = Path(__file__).parent / "data" / "match"
UNIT_RULES = {
    "unit_name.differs_from_master",
    "credit_code.several_per_unit_name",
    "credit_code.region_mismatch",
    "credit_code.school_shape",
}


@pytest.fixture(scope="module")
def two_years(tmp_path_factory):
    """The warehouse and output folder after last year's import and tonight's run."""
    tmp = tmp_path_factory.mktemp("units")
    imported = import_units(
        [MATCH / "past_units.csv"], tmp / "warehouse.duckdb", dt.date(2024, 8, 31)
    )
    out = run_pipeline(tmp, [MATCH / "tonight.csv"])
    con = duckdb.connect(str(tmp / "warehouse.duckdb"), read_only=True)
    yield {"imported": imported, "out": out, "con": con}
    con.close()


def master_row(con, credit_code: str) -> tuple:
    return con.execute(
        "select name, former_names, first_seen_date, last_seen_date, count_graduates "
        "from unit_master where credit_code = ?",
        [credit_code],
    ).fetchall()


def unit_findings(out: Path) -> pd.DataFrame:
    findings = read_findings(out)
    return findings[findings["rule_id"].isin(UNIT_RULES)].sort_values(["student_id", "rule_id"])


def test_import_takes_only_approved_rows_without_code_errors(two_years):
    imported = two_years["imported"]
    assert (imported.rows_read, imported.rows_approved, imported.rows_with_code_errors) == (6, 5, 1)
    assert (imported.units_before, imported.units_after) == (0, 4)


def test_renamed_unit_keeps_one_master_row_with_both_names(two_years):
    assert master_row(two_years["con"], "9131011591FQ8104XY") == [
        (
            "上海甲示例数字技术有限公司",
            ["上海甲示例科技有限公司"],
            dt.date(2024, 8, 31),
            dt.date(2025, 8, 31),
            2,
        )
    ]


def test_typo_under_known_code_is_flagged_with_the_master_name(two_years):
    findings = unit_findings(two_years["out"])
    typo = findings[findings["student_id"] == "T02"]
    assert typo[["field", "rule_id", "severity", "value"]].values.tolist() == [
        ["unit_name", "unit_name.differs_from_master", "warning", "上海乙示列机械集团有限公司"]
    ]
    assert typo["message"].iloc[0] == (
        "单位名称“上海乙示列机械集团有限公司”与单位库中社会信用代码 9131011597YQPBAQX2 的单位名称"
        "“上海乙示例机械集团有限公司”不一致：请对照营业执照或协议书核对单位全称；单位确已更名的，"
        "保留新名称即可"
    )


def test_a_typo_does_not_rename_the_master_unit(two_years):
    name, former_names, *_ = master_row(two_years["con"], "9131011597YQPBAQX2")[0]
    assert (name, former_names) == ("上海乙示例机械集团有限公司", [])


def test_missing_code_gets_the_right_suggestion_first(two_years):
    suggestions = (
        two_years["con"]
        .execute(
            "select student_id, suggestion_rank, suggested_credit_code, score, suggestion_text "
            "from unit_suggestions order by student_id, suggestion_rank"
        )
        .fetchall()
    )
    # 杭州丙示范网络有限公司 shares pieces of the name but scores 0.56, under the 0.8 floor;
    # T09's wrong code belongs to a unit the master never took in, so it gets nothing
    assert suggestions == [
        (
            "T03",
            1,
            "9133010604FR6PUD5G",
            0.905,
            "是否为：杭州丙示例软件有限公司（社会信用代码 9133010604FR6PUD5G，相似度 0.905）",
        )
    ]


def test_row_with_bad_code_never_enters_the_master(two_years):
    # 上海戊示例物流有限公司 came with the same wrong check character last year and tonight
    con = two_years["con"]
    assert master_row(con, "9131010480LB7KD964") == []
    assert con.execute(
        "select count(*) from unit_master where name = '上海戊示例物流有限公司'"
    ).fetchall() == [(0,)]


def test_unapproved_row_never_enters_the_master(two_years):
    # 上海庚示例传媒有限公司 was 待审核 last year; tonight its code is an admitting school's
    assert master_row(two_years["con"], "9131010449M2UDA235")[0][0] == "示例理工大学"


@pytest.mark.parametrize(
    ("student_id", "matched_by", "match_status"),
    [
        ("T01", "credit_code", "name_differs"),
        ("T04", "org_code", "matched"),
        ("T05", None, "new"),
        ("T10", "credit_code", "name_variant"),
    ],
    ids=["renamed", "legacy_org_code", "new_unit", "limited_liability_spelling"],
)
def test_match_status(two_years, student_id, matched_by, match_status):
    assert two_years["con"].execute(
        "select matched_by, match_status from unit_matches where student_id = ?", [student_id]
    ).fetchall() == [(matched_by, match_status)]


def test_conflict_findings_on_the_exact_rows(two_years):
    findings = unit_findings(two_years["out"])
    assert findings[["student_id", "rule_id", "value"]].values.tolist() == [
        ["T01", "unit_name.differs_from_master", "上海甲示例数字技术有限公司"],
        ["T02", "unit_name.differs_from_master", "上海乙示列机械集团有限公司"],
        ["T05", "credit_code.region_mismatch", "9144030556R8EN3Q63"],
        ["T06", "credit_code.school_shape", "9131010449M2UDA235"],
        ["T07", "credit_code.several_per_unit_name", "91310110343Y1JW633"],
        ["T08", "credit_code.several_per_unit_name", "9131011057XTX6GJ2X"],
    ]


def test_region_and_school_messages(two_years):
    messages = unit_findings(two_years["out"]).set_index("student_id")["message"]
    assert messages["T05"] == (
        "社会信用代码 9144030556R8EN3Q63 的登记机关在广东省，而所在地区填写的是上海市：分支机构"
        "或在总部所在地注册的单位可能如此，否则请核对社会信用代码和所在地区"
    )
    assert messages["T06"] == (
        "升学的录取学校“示例理工大学”的社会信用代码 9131010449M2UDA235 以 91 开头：公办高校和"
        "科研院所的代码以 12 开头，民办高校以 52 开头；请核对是否填成了其他单位的代码，应填录取"
        "学校的社会信用代码"
    )


def test_review_workbook(two_years):
    path = two_years["out"] / "units" / "单位核对.xlsx"
    sheets = pd.read_excel(path, sheet_name=None, dtype=str, engine="calamine")
    assert list(sheets) == ["匹配汇总", "单位冲突", "建议单位"]
    summary = sheets["匹配汇总"].set_index("匹配结果")["登记数"].astype(int)
    assert summary.to_dict() == {
        "代码和名称都与单位库一致": 1,
        "名称写法不同（括号、空格、公司后缀等），视为一致": 1,
        "使用单位曾用名": 0,
        "名称与单位库不一致": 2,
        "只有代码，没有单位名称": 0,
        "单位库中没有的新单位": 5,
    }
    conflicts = sheets["单位冲突"]
    assert len(conflicts) == 6
    assert conflicts.loc[conflicts["学号"] == "T02", "单位库中的名称"].tolist() == [
        "上海乙示例机械集团有限公司"
    ]
    assert sheets["建议单位"]["建议"].tolist() == [
        "是否为：杭州丙示例软件有限公司（社会信用代码 9133010604FR6PUD5G，相似度 0.905）"
    ]


def test_a_rerun_of_the_same_night_changes_nothing(tmp_path):
    run_pipeline(tmp_path, [MATCH / "tonight.csv"], out_name="first")
    first = _master(tmp_path)
    run_pipeline(tmp_path, [MATCH / "tonight.csv"], out_name="second")
    assert _master(tmp_path) == first


def _master(tmp: Path) -> list:
    with duckdb.connect(str(tmp / "warehouse.duckdb"), read_only=True) as con:
        return con.execute("select * from unit_master order by credit_code").fetchall()
