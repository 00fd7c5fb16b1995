"""units/单位核对.xlsx: the office's morning look at tonight's unit conflicts and suggestions.

The sheets are built as frames by pure functions; the one writer call is at the end.
"""

from pathlib import Path

import pandas as pd

from pipelines.outputs.tables import write_workbook

REVIEW_FILE = Path("units") / "单位核对.xlsx"

RULE_LABELS = {
    "unit_name.differs_from_master": "单位名称与单位库不一致",
    "unit_name.several_per_credit_code": "同一代码对应多个单位名称",
    "credit_code.several_per_unit_name": "同一单位名称对应多个代码",
    "credit_code.region_mismatch": "代码登记地与所在地区不一致",
    "credit_code.school_shape": "录取学校代码不像高校",
}
STATUS_LABELS = {
    "matched": "代码和名称都与单位库一致",
    "name_variant": "名称写法不同（括号、空格、公司后缀等），视为一致",
    "former_name": "使用单位曾用名",
    "name_differs": "名称与单位库不一致",
    "no_name": "只有代码，没有单位名称",
    "new": "单位库中没有的新单位",
}
CONFLICT_COLUMNS = {
    "rule_label": "问题",
    "severity_label": "级别",
    "student_id": "学号",
    "college": "学院",
    "counsellor": "辅导员",
    "credit_code": "社会信用代码",
    "unit_name": "单位名称",
    "master_name": "单位库中的名称",
    "unit_region": "所在地区",
    "message": "说明",
    "source_file": "来源文件",
    "source_row": "行号",
}
SUGGESTION_COLUMNS = {
    "student_id": "学号",
    "unit_name": "填写的单位名称",
    "credit_code": "填写的社会信用代码",
    "suggestion_rank": "建议顺序",
    "suggestion_text": "建议",
    "suggested_name": "建议单位名称",
    "suggested_credit_code": "建议社会信用代码",
    "score": "相似度",
    "source_file": "来源文件",
    "source_row": "行号",
}


def conflicts_sheet(conflicts: pd.DataFrame) -> pd.DataFrame:
    """The unit_conflicts rows with Chinese problem labels and headers."""
    labelled = conflicts.assign(
        rule_label=conflicts["rule_id"].map(RULE_LABELS),
        severity_label=conflicts["severity"].map({"error": "错误", "warning": "提醒"}),
    )
    return labelled[list(CONFLICT_COLUMNS)].rename(columns=CONFLICT_COLUMNS)


def suggestions_sheet(suggestions: pd.DataFrame) -> pd.DataFrame:
    """The unit_suggestions rows, best suggestion of each registration first."""
    return suggestions[list(SUGGESTION_COLUMNS)].rename(columns=SUGGESTION_COLUMNS)


def status_sheet(statuses: dict[str, int]) -> pd.DataFrame:
    """How tonight's registrations with a credit code compare with the unit master."""
    return pd.DataFrame(
        {
            "匹配结果": [STATUS_LABELS[status] for status in STATUS_LABELS],
            "登记数": [int(statuses.get(status, 0)) for status in STATUS_LABELS],
        }
    )


def write_review(
    folder: Path, statuses: dict[str, int], conflicts: pd.DataFrame, suggestions: pd.DataFrame
) -> Path:
    """Write the review workbook under `folder`; returns its path."""
    path = folder / REVIEW_FILE
    write_workbook(
        {
            "匹配汇总": status_sheet(statuses),
            "单位冲突": conflicts_sheet(conflicts),
            "建议单位": suggestions_sheet(suggestions),
        },
        path,
    )
    return path
