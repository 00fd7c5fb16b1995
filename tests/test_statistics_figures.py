"""The statistics of a hand-counted cohort (tests/data/statistics/README.md), exactly."""

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from pipelines.config import Thresholds
from pipelines.context import RunContext, RunInputs
from pipelines.reference.load import load_reference_tables
from pipelines.statistics.stage import compute_statistics
from pipelines.statistics.thresholds import read_thresholds
from pipelines.warehouse import fetch_frame, read_table

COHORT = Path(__file__).parent / "data" / "statistics"
RUN_DATE = dt.date(2025, 8, 31)


def build_cohort(folder: Path, formula: str = "2024", roster: bool = True) -> RunContext:
    """A warehouse holding the cohort's staged registrations and roster, statistics built."""
    con = duckdb.connect(str(folder / "warehouse.duckdb"))
    load_reference_tables(con)
    con.execute(
        "create table run_settings as select ?::date as run_date, ? as formula_version, "
        "'31' as school_province",
        [RUN_DATE, formula],
    )
    con.execute(
        "create table stg_registrations as "
        + (COHORT / "stg_registrations.sql").read_text(encoding="utf-8"),
        {"path": str(COHORT / "registrations.csv")},
    )
    con.execute(
        "create table raw_roster as select * from read_csv(?, header = true, all_varchar = true)"
        + ("" if roster else " limit 0"),
        [str(COHORT / "roster.csv")],
    )
    work_dir = folder / "out"
    work_dir.mkdir()
    return RunContext(RunInputs(()), con, work_dir, RUN_DATE, formula_version=formula)


def rows(ctx: RunContext, table: str, columns: str) -> list[tuple]:
    return [tuple(r) for r in fetch_frame(ctx.con, f"select {columns} from {table}").values]


@pytest.fixture(scope="module", params=["2024", "2021"])
def cohort(request, tmp_path_factory) -> RunContext:
    ctx = build_cohort(tmp_path_factory.mktemp(f"cohort{request.param}"), request.param)
    ctx.summary["statistics"] = compute_statistics(ctx)
    return ctx


def test_placement_rate_is_placed_over_the_roster_in_both_versions(cohort):
    assert cohort.summary["statistics"] == {
        "count_graduates": 14,
        "count_placed": 9,
        "placement_rate": 9 / 14,
    }


def test_rates_by_college_degree_and_gender(cohort):
    cells = rows(
        cohort,
        "stats_placement where dimension in ('学院', '学历层次', '性别')",
        "dimension, dimension_value, count_graduates, count_placed, placement_rate",
    )
    assert sorted(cells) == [
        ("学历层次", "本科", 12, 7, 7 / 12),
        ("学历层次", "硕士研究生", 2, 2, 1.0),
        ("学院", "乙学院", 7, 3, 3 / 7),
        ("学院", "甲学院", 7, 6, 6 / 7),
        ("性别", "女", 7, 4, 4 / 7),
        ("性别", "男", 7, 5, 5 / 7),
    ]


EXPECTED_GROUPS = {
    "2024": [
        ("单位就业", "", True, 5),
        ("自主创业", "", True, 1),
        ("自由职业", "", True, 1),
        ("升学", "", True, 2),
        ("未就业", "", False, 1),
        ("暂不就业", "", False, 1),
        ("登记未审核通过", "", False, 1),
        ("未登记", "", False, 2),
        ("升学", "境内升学", True, 1),
        ("升学", "境外留学", True, 1),
    ],
    "2021": [
        ("协议和合同就业", "", True, 4),
        ("灵活就业", "", True, 2),
        ("自主创业", "", True, 1),
        ("升学", "", True, 2),
        ("未就业", "", False, 1),
        ("暂不就业", "", False, 1),
        ("登记未审核通过", "", False, 1),
        ("未登记", "", False, 2),
        ("升学", "境内升学", True, 1),
        ("升学", "境外留学", True, 1),
    ],
}


def test_destination_groups_of_the_selected_formula(cohort):
    groups = rows(
        cohort,
        "stats_destination_groups",
        "destination_group, destination_subgroup, is_placed, count_graduates, share",
    )
    expected = EXPECTED_GROUPS[cohort.formula_version]
    assert groups == [(*row, row[3] / 14) for row in expected]
    # the sub-rates of the placed groups add up to the placement rate
    assert sum(share for *_, placed, _, share in groups[:4] if placed) == pytest.approx(9 / 14)


def test_flows_of_graduates_in_work(cohort):
    flows = rows(
        cohort, "stats_flows where scope = '全校'", "dimension, dimension_value, count_graduates"
    )
    by_dimension = {}
    for dimension, value, count in flows:
        by_dimension.setdefault(dimension, {})[value] = count
    assert by_dimension["就业省份"] == {
        "上海市": 3,
        "广东省": 1,
        "甘肃省": 1,
        "福建省": 1,
        "（未识别）": 1,
    }
    assert by_dimension["本省/外省"] == {"本省": 3, "外省": 3, "（未识别）": 1}
    assert by_dimension["与生源地关系"] == {"回生源地省份": 1, "生源地以外省份": 5, "（未识别）": 1}
    assert by_dimension["经济区域"] == {"东部": 5, "西部": 1, "（未识别）": 1}
    assert by_dimension["重点区域"] == {"长三角": 3, "粤港澳大湾区": 1}
    assert by_dimension["行业门类"]["信息传输、软件和信息技术服务业"] == 2
    assert by_dimension["单位性质"] == {
        "其他企业": 3,
        "国有企业": 1,
        "部队": 1,
        "机关": 1,
        "（未识别）": 1,
    }
    assert "职位类别" not in by_dimension
    college = rows(
        cohort,
        "stats_flows where scope = '乙学院' and dimension = '就业省份'",
        "dimension_value, count_graduates, share",
    )
    assert college == [("上海市", 1, 0.5), ("甘肃省", 1, 0.5)]


def test_further_study_service_salary_and_major_fit(cohort):
    assert rows(cohort, "stats_further_study", "dimension, dimension_value, count_graduates") == [
        ("境内升学院校", "示例大学", 1),
        ("境外留学国家/地区", "英国", 1),
        ("境外留学院校", "伦敦示例学院", 1),
    ]
    assert rows(cohort, "stats_grassroots", "project_kind, project, count_graduates") == [
        ("国家基层项目", "西部计划", 1),
        ("国家基层项目", "小计", 1),
        ("应征入伍", "应征义务兵", 1),
        ("应征入伍", "小计", 1),
        ("合计", "", 2),
    ]
    salary = rows(
        cohort,
        "stats_salary",
        "dimension, dimension_value, count_reported, salary_p25, salary_median, salary_p75",
    )
    assert salary[0] == ("全校", "合计", 4, 5750.0, 6500.0, 7250.0)
    assert ("学历层次", "本科", 3, 5500.0, 6000.0, 7000.0) in salary
    fit = rows(cohort, "stats_major_fit where college = '全校'", "major_fit, count_graduates")
    assert sorted(fit) == [("不对口", 1), ("对口", 1), ("比较对口", 1)]


def test_yellow_card_for_the_major_below_the_line(cohort):
    assert rows(
        cohort,
        "stats_warning_majors",
        "card, college, degree_level, major, count_graduates, count_placed",
    ) == [("黄牌", "乙学院", "本科", "英语", 6, 2)]


def test_thresholds_come_from_run_settings_with_defaults(tmp_path):
    con = duckdb.connect()
    con.execute("create table run_settings as select 0.6 as yellow_card_below, 3 as small_cell")
    assert read_thresholds(con) == Thresholds(yellow_card_below=0.6, small_cell=3)
    con.execute("create or replace table run_settings as select '2024' as formula_version")
    assert read_thresholds(con) == Thresholds()


def test_without_roster_the_denominator_is_the_registered(tmp_path):
    ctx = build_cohort(tmp_path, roster=False)
    assert compute_statistics(ctx) == {
        "count_graduates": 12,
        "count_placed": 9,
        "placement_rate": 9 / 12,
    }


def test_trend_over_snapshots_and_change_since_a_week_before(tmp_path):
    ctx = build_cohort(tmp_path)
    # three nights: R01 R02 placed on 08-01, R01–R05 on 08-08, everyone as now on 08-15
    ctx.con.execute(
        "create table registration_snapshots as "
        "select date '2025-08-01' as snapshot_date, * replace "
        "(is_placed and student_id in ('R01', 'R02') as is_placed) from stg_registrations "
        "union all by name "
        "select date '2025-08-08' as snapshot_date, * replace "
        "(is_placed and student_id <= 'R05' as is_placed) from stg_registrations "
        "union all by name "
        "select date '2025-08-15' as snapshot_date, * from stg_registrations"
    )
    compute_statistics(ctx)
    trend = read_table(ctx.con, "stats_trend").query("scope == '全校'")
    assert [str(d) for d in trend["snapshot_date"]] == [
        "2025-08-01",
        "2025-08-08",
        "2025-08-15",
    ]
    assert trend["count_placed"].tolist() == [2, 5, 9]
    assert trend["count_graduates"].tolist() == [14, 14, 14]
    assert trend["change_since_week_before"].tolist()[1:] == pytest.approx([3 / 14, 4 / 14])
    assert trend["change_since_week_before"].isna().tolist()[0]


def test_red_card_when_the_year_before_was_below_the_line_too(tmp_path):
    ctx = build_cohort(tmp_path)
    # last year's final snapshot: nobody placed, so every major was below 50 %
    ctx.con.execute(
        "create table registration_snapshots as "
        "select date '2024-12-31' as snapshot_date, * replace (false as is_placed) "
        "from stg_registrations"
    )
    compute_statistics(ctx)
    assert rows(
        ctx,
        "stats_warning_majors",
        "card, college, degree_level, major, count_years_below_red_line",
    ) == [("红牌", "乙学院", "本科", "英语", 2)]
    assert len(rows(ctx, "stats_major_years", "*")) == 5
    assert rows(ctx, "stats_trend", "*") == []  # last year's cohort is not in the trend
