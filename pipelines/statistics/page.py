"""Compose report.html from the statistics sheets: key figures, charts and tables."""

import pandas as pd

from pipelines.config import Thresholds
from pipelines.outputs.report_html import bar_chart, html_table, line_chart
from pipelines.statistics.tables import (
    as_percent_text,
    dimension_rows,
    percent_text,
    point_change_text,
)

FLOW_TABLES = {
    "home_table": "本省/外省",
    "origin_table": "与生源地关系",
    "economic_table": "经济区域",
    "strategic_table": "重点区域",
    "industry_table": "行业门类",
    "nature_table": "单位性质",
    "job_table": "职位类别",
}
TOP_PROVINCES = 10
RED_NOTE = "数据仓库中还没有往年的登记快照，本表只判黄牌；红牌请结合往年数据认定。"
NO_TREND = "数据仓库中还没有往日的登记快照，暂无趋势；每晚运行后会逐日积累。"


def report_fields(
    sheets: dict[str, pd.DataFrame], header: dict, thresholds: Thresholds
) -> tuple[dict, dict[str, str]]:
    """Plain values and HTML blocks for reports/report.html."""
    overall = sheets["总体"]
    groups = sheets["去向构成"]
    values = {
        "run_date": header["run_date"],
        "formula_label": header["formula_label"],
        "count_errors": header["count_errors"],
        "count_graduates": int(overall["毕业生数"].sum()),
        "count_placed": int(overall["已落实"].sum()),
        "placement_rate": percent_text(overall["落实率"].iloc[0]) if len(overall) else "—",
        "further_study_rate": percent_text(_group_share(groups, "升学")),
        "yellow_line": f"{thresholds.yellow_card_below:.0%}",
        "red_line": f"{thresholds.red_card_below:.0%}",
        "red_years": thresholds.red_card_years,
        "red_note": RED_NOTE if needs_history(thresholds, header["has_earlier_years"]) else "",
    }
    note = header["note"]
    blocks = {"denominator_note": f'<p class="note">{note}</p>' if note else ""}

    # rates and destination groups
    colleges = sheets["按学院"]
    blocks["college_chart"] = bar_chart(
        colleges["学院"], colleges["落实率"], colleges["落实率"].map(percent_text), scale=1.0
    )
    main_groups = groups[groups["其中"] == ""]
    blocks["groups_chart"] = bar_chart(
        main_groups["去向类别"], main_groups["占比"], main_groups["占比"].map(percent_text), 1.0
    )
    blocks["groups_table"] = html_table(as_percent_text(parts_under_groups(groups), "占比"))
    for key, sheet in (
        ("college_table", "按学院"),
        ("degree_table", "按学历层次"),
        ("gender_table", "按性别"),
        ("origin_table_rates", "按生源地"),
        ("major_table", "按专业"),
    ):
        blocks[key] = html_table(as_percent_text(sheets[sheet], "落实率"))

    # where the employed went
    flows = sheets["就业流向"]
    provinces = dimension_rows(flows, "就业省份").head(TOP_PROVINCES)
    blocks["province_chart"] = bar_chart(
        provinces["就业省份"], provinces["人数"], provinces["人数"].astype(str)
    )
    for key, dimension in FLOW_TABLES.items():
        blocks[key] = html_table(as_percent_text(dimension_rows(flows, dimension), "占比"))

    # 升学, service, pay, fit, warnings
    study = sheets["升学"]
    blocks["study_table"] = html_table(as_percent_text(study, "占比"))
    blocks["grassroots_table"] = html_table(sheets["基层项目与入伍"])
    # the section title carries the unit; a phone has no room for it in every header
    salary = sheets["月收入"]
    blocks["salary_table"] = html_table(
        salary.rename(columns=lambda header: header.removesuffix("（元/月）"))
    )
    blocks["fit_table"] = html_table(as_percent_text(sheets["专业对口度"], "占比"))
    blocks["warning_table"] = html_table(as_percent_text(sheets["红黄牌专业"], "落实率"))

    # trend over the stored snapshots
    trend = sheets.get("趋势")
    if trend is None or trend.empty:
        blocks["trend_chart"] = f'<p class="empty">{NO_TREND}</p>'
        blocks["trend_table"] = blocks["trend_college_table"] = ""
    else:
        school = trend[trend["范围"] == "全校"]
        blocks["trend_chart"] = line_chart(school["快照日期"].astype(str), school["落实率"])
        shown = as_percent_text(trend, "落实率").assign(
            较一周前变化=trend["较一周前变化"].map(point_change_text)
        )
        blocks["trend_table"] = html_table(shown[shown["范围"] == "全校"])
        colleges_table = html_table(shown[shown["范围"] != "全校"])
        blocks["trend_college_table"] = (
            f"<details><summary>各学院</summary>{colleges_table}</details>"
        )
    return values, blocks


def needs_history(thresholds: Thresholds, has_earlier_years: bool) -> bool:
    """Whether the 红牌 rule lacks the earlier years it needs."""
    return thresholds.red_card_years > 1 and not has_earlier_years


def parts_under_groups(groups: pd.DataFrame) -> pd.DataFrame:
    """The 去向构成 sheet with each group's parts (境内升学, 境外留学) right below it."""
    order = {group: index for index, group in enumerate(dict.fromkeys(groups["去向类别"]))}
    ranked = groups.assign(order=groups["去向类别"].map(order))
    return ranked.sort_values(["order", "其中"], kind="stable").drop(columns="order")


def _group_share(groups: pd.DataFrame, group: str):
    rows = groups[(groups["去向类别"] == group) & (groups["其中"] == "")]
    return rows["占比"].iloc[0] if len(rows) else 0.0
