"""Shape the statistics tables as the office reads them (Chinese headers, percentages)."""

import pandas as pd

PLACEMENT_HEADERS = {
    "dimension_value": "分组",
    "count_graduates": "毕业生数",
    "count_placed": "已落实",
    "placement_rate": "落实率",
}
DIMENSION_SHEETS = {
    "全校": "总体",
    "学院": "按学院",
    "学历层次": "按学历层次",
    "专业": "按专业",
    "性别": "按性别",
    "生源地": "按生源地",
}
GROUP_HEADERS = {
    "destination_group": "去向类别",
    "destination_subgroup": "其中",
    "is_placed": "计入落实率",
    "count_graduates": "人数",
    "share": "占比",
}
CELL_HEADERS = {
    "dimension": "维度",
    "dimension_value": "分组",
    "count_graduates": "人数",
    "share": "占比",
}
GRASSROOTS_HEADERS = {"project_kind": "类别", "project": "项目", "count_graduates": "人数"}
SALARY_HEADERS = {
    "dimension": "维度",
    "dimension_value": "分组",
    "count_reported": "填报人数",
    "salary_p25": "下四分位数（元/月）",
    "salary_median": "中位数（元/月）",
    "salary_p75": "上四分位数（元/月）",
    "salary_mean": "平均数（元/月）",
}
MAJOR_FIT_HEADERS = {
    "college": "学院",
    "major_fit": "专业对口度",
    "count_graduates": "人数",
    "share": "占比",
}
WARNING_HEADERS = {
    "card": "预警",
    "college": "学院",
    "degree_level": "学历层次",
    "major": "专业",
    "count_graduates": "毕业生数",
    "count_placed": "已落实",
    "placement_rate": "落实率",
    "count_years_below_red_line": "连续低于红牌线年数",
}
TREND_HEADERS = {
    "scope": "范围",
    "snapshot_date": "快照日期",
    "count_graduates": "毕业生数",
    "count_placed": "已落实",
    "placement_rate": "落实率",
    "week_before_date": "一周前快照",
    "change_since_week_before": "较一周前变化",
}
STUDENT_HEADERS = {
    "student_id": "学号",
    "name": "姓名",
    "major": "专业",
    "degree_level": "学历层次",
    "id_number": "身份证号",
    "destination_subgroup": "去向类别",
    "national_name": "毕业去向",
    "review_status": "审核状态",
    "unit_name": "单位或院校名称",
    "unit_region": "单位所在地",
    "unit_phone": "单位联系电话",
}


def placement_sheets(placement: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """One frame per breakdown dimension, in the order of DIMENSION_SHEETS."""
    sheets = {}
    for dimension, sheet_name in DIMENSION_SHEETS.items():
        rows = placement[placement["dimension"] == dimension]
        frame = rows[list(PLACEMENT_HEADERS)].rename(columns=PLACEMENT_HEADERS)
        sheets[sheet_name] = frame.rename(columns={"分组": dimension}).reset_index(drop=True)
    return sheets


def group_sheet(groups: pd.DataFrame) -> pd.DataFrame:
    """Groups first, then the parts of 升学; 计入落实率 as 是/否."""
    frame = renamed(groups, GROUP_HEADERS)
    return frame.assign(计入落实率=frame["计入落实率"].map({True: "是", False: "否"}))


def renamed(frame: pd.DataFrame, headers: dict[str, str]) -> pd.DataFrame:
    """The columns of `headers`, in its order, under its Chinese names."""
    return frame[list(headers)].rename(columns=headers).reset_index(drop=True)


def dimension_rows(frame: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """The rows of one dimension of a (维度, 分组, …) sheet, without the 维度 column."""
    rows = frame[frame["维度"] == dimension].drop(columns="维度")
    return rows.rename(columns={"分组": dimension}).reset_index(drop=True)


def as_percent_text(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """A copy with each of `columns` shown as percentage text, for the HTML report."""
    return frame.assign(**{column: frame[column].map(percent_text) for column in columns})


def point_change_text(change) -> str:
    """A change of rate in percentage points.

    >>> point_change_text(0.0781), point_change_text(-0.01), point_change_text(None)
    ('+7.81 个百分点', '-1.00 个百分点', '—')
    """
    if change is None or pd.isna(change):
        return "—"
    return f"{change * 100:+.2f} 个百分点"


def percent_text(rate) -> str:
    """
    >>> percent_text(0.5), percent_text(None), percent_text("—")
    ('50.00%', '—', '—')
    """
    if rate is None or isinstance(rate, str) or pd.isna(rate):
        return "—"
    return f"{rate:.2%}"
