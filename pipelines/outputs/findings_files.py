"""findings.csv / findings.parquet, quarantine.csv, the counsellors' fix lists and the office's
list of verified registrations that still have errors."""

from pathlib import Path

import pandas as pd
import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from pipelines.outputs.file_names import safe_file_name
from pipelines.outputs.tables import STREAMING_OPTIONS, write_csv, write_frames, write_workbook

FIXLIST_HEADERS = {
    "student_id": "学号",
    "name": "姓名",
    "field_label": "字段",
    "value": "填写内容",
    "severity_label": "级别",
    "message": "问题与修改方法",
    "source_file": "来源文件",
    "source_row": "行号",
}
CHANGE_COLUMNS = ("student_id", "name", "field_label", "value", "severity_label", "message")
# a change sheet has no source row: a fixed problem's row may be gone from tonight's export
CHANGE_HEADERS = {key: label for key, label in FIXLIST_HEADERS.items() if key in CHANGE_COLUMNS}
VERIFIED_HEADERS = {"college": "学院", "counsellor": "辅导员", **FIXLIST_HEADERS}
SEVERITY_LABELS = {"error": "错误", "warning": "提醒"}
# fields that are not columns of the registration form
EXTRA_FIELD_LABELS = {
    "evidence": "佐证材料",
    "destination": "毕业去向",
    "sub_destination": "二级去向",
}
UNASSIGNED = "未分配辅导员"
NO_COLLEGE = "未填学院"
PROBLEMS_SHEET = "待修改"
CHANGE_SHEETS = {"新增": "新增问题", "已修复": "已修复"}
VERIFIED_WITH_ERRORS = "审核通过仍有错误.xlsx"
VERIFIED = "审核通过"
# the bad value: red on pink for errors, dark yellow for warnings
HIGHLIGHTS = {
    "错误": {"bg_color": "#FFC7CE", "font_color": "#9C0006"},
    "提醒": {"bg_color": "#FFEB9C", "font_color": "#9C5700"},
}
HEADER_FORMAT = {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}


def write_findings(findings: pd.DataFrame, folder: Path) -> None:
    write_csv(findings, folder / "findings.csv")
    findings.to_parquet(folder / "findings.parquet", index=False)


def write_quarantine(quarantine: pd.DataFrame, folder: Path) -> None:
    write_csv(
        quarantine.rename(
            columns={
                "source_file": "来源文件",
                "source_sheet": "工作表",
                "source_row": "行号",
                "reason": "原因",
                "raw_text": "原始内容",
            }
        ),
        folder / "quarantine.csv",
    )


def fixlist_rows(findings: pd.DataFrame, people: pd.DataFrame, labels: dict) -> pd.DataFrame:
    """Findings ready for a fix list: name, field label and severity label added.

    `people` has one row per student: student_id, name (and any other columns to carry).
    """
    all_labels = {**EXTRA_FIELD_LABELS, **labels}
    return findings.merge(people, on="student_id", how="left").assign(
        field_label=lambda f: f["field"].map(all_labels).fillna(f["field"]),
        severity_label=lambda f: f["severity"].map(SEVERITY_LABELS),
        college=lambda f: f["college"].fillna(NO_COLLEGE),
        counsellor=lambda f: f["counsellor"].fillna(UNASSIGNED),
    )


def write_fixlists(
    findings: pd.DataFrame,
    people: pd.DataFrame,
    labels: dict,
    folder: Path,
    changes: pd.DataFrame | None = None,
) -> int:
    """One workbook per counsellor under fixlists/<学院>/<辅导员>.xlsx; returns how many.

    Sheet 待修改 lists tonight's problems of that counsellor's students, one row per problem;
    新增问题 and 已修复 come from `changes` (the findings_changes table) when given.
    """
    rows = fixlist_rows(findings, people, labels)
    changed = (
        fixlist_rows(changes, people, labels)
        if changes is not None
        else rows.iloc[0:0].assign(change="")
    )
    changed = changed[changed["change"].isin(list(CHANGE_SHEETS))]

    # split once by owner: filtering the whole table per counsellor grows with their number
    problems_of = _by_owner(rows)
    changes_of = _by_owner(changed)
    for college, counsellor in sorted(problems_of.keys() | changes_of.keys()):
        mine = problems_of.get((college, counsellor), rows.iloc[0:0])
        their_changes = changes_of.get((college, counsellor), changed.iloc[0:0])
        sheets = {PROBLEMS_SHEET: _sheet(mine, FIXLIST_HEADERS)}
        for change, sheet_name in CHANGE_SHEETS.items():
            sheets[sheet_name] = _sheet(
                their_changes[their_changes["change"] == change], CHANGE_HEADERS
            )
        path = (folder / "fixlists" / safe_file_name(college, "未填学院")
                / f"{safe_file_name(counsellor, UNASSIGNED)}.xlsx")
        write_highlighted_workbook(sheets, path)
    return len(problems_of.keys() | changes_of.keys())


def _by_owner(rows: pd.DataFrame) -> dict[tuple[str, str], pd.DataFrame]:
    return {key: part for key, part in rows.groupby(["college", "counsellor"], sort=False)}


def write_verified_with_errors(
    findings: pd.DataFrame, people: pd.DataFrame, labels: dict, folder: Path
) -> int:
    """The office's list of 审核通过 registrations that still have errors; returns its rows.

    `people` must carry review_status. The platform accepted these registrations although
    they break a rule, so the office reopens them rather than waiting for the counsellor.
    """
    rows = fixlist_rows(findings, people, labels)
    flagged = rows[(rows["severity"] == "error") & (rows["review_status"] == VERIFIED)]
    ordered = flagged.sort_values(["college", "counsellor", "student_id", "field"], kind="stable")
    write_workbook(
        {"审核通过仍有错误": ordered[list(VERIFIED_HEADERS)].rename(columns=VERIFIED_HEADERS)},
        folder / VERIFIED_WITH_ERRORS,
    )
    return len(flagged)


def write_highlighted_workbook(sheets: dict[str, pd.DataFrame], path: Path) -> None:
    """Sheets with frozen, filtered headers; each 填写内容 cell coloured by its 级别."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with xlsxwriter.Workbook(str(path), STREAMING_OPTIONS) as workbook:
        formats = {"header": workbook.add_format(HEADER_FORMAT)}
        highlights = {label: workbook.add_format(style) for label, style in HIGHLIGHTS.items()}
        for name, frame in sheets.items():
            headers = list(frame.columns)
            for sheet, rows in write_frames(workbook, formats, name, headers, [frame], len(frame)):
                _highlight_values(sheet, headers, rows, highlights)


def _highlight_values(sheet, headers: list[str], rows: int, highlights: dict) -> None:
    if rows == 0:
        return
    value_column = headers.index("填写内容")
    level_letter = xl_col_to_name(headers.index("级别"))
    for label, highlight in highlights.items():
        sheet.conditional_format(
            1,
            value_column,
            rows,
            value_column,
            {"type": "formula", "criteria": f'=${level_letter}2="{label}"', "format": highlight},
        )


def _sheet(rows: pd.DataFrame, headers: dict) -> pd.DataFrame:
    ordered = rows.sort_values(["severity", "student_id", "field", "rule_id"], kind="stable")
    return ordered[list(headers)].rename(columns=headers).reset_index(drop=True)


