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


def placement_sheets(placement: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """One frame per breakdown dimension, in the order of DIMENSION_SHEETS."""
    sheets = {}
    for dimension, sheet_name in DIMENSION_SHEETS.items():
        rows = placement[placement["dimension"] == dimension]
        frame = rows[list(PLACEMENT_HEADERS)].rename(columns=PLACEMENT_HEADERS)
        sheets[sheet_name] = frame.rename(columns={"分组": dimension}).reset_index(drop=True)
    return sheets


def group_sheet(groups: pd.DataFrame) -> pd.DataFrame:
    return groups.rename(
        columns={"destination_group": "去向类别", "count_graduates": "人数", "share": "占比"}
    )


def flow_sheet(flows: pd.DataFrame) -> pd.DataFrame:
    return flows.rename(
        columns={"dimension": "维度", "dimension_value": "分组", "count_graduates": "人数"}
    )


def as_percent_text(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """A copy with `column` shown as a percentage text, for the HTML report."""
    return frame.assign(**{column: frame[column].map(lambda rate: f"{rate:.2%}")})
