"""findings.csv / findings.parquet, quarantine.csv and the counsellors' fix lists."""

from pathlib import Path

import pandas as pd

from pipelines.outputs.tables import write_csv, write_workbook

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
SEVERITY_LABELS = {"error": "错误", "warning": "提醒"}
UNASSIGNED = "未分配辅导员"


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


def write_fixlists(findings: pd.DataFrame, names: pd.DataFrame, labels: dict, folder: Path) -> int:
    """One workbook per counsellor under fixlists/<学院>/<辅导员>.xlsx; returns how many."""
    if findings.empty:
        return 0
    rows = findings.merge(names, on=["source_file", "source_row"], how="left").assign(
        field_label=lambda f: f["field"].map(labels).fillna(f["field"]),
        severity_label=lambda f: f["severity"].map(SEVERITY_LABELS),
        college=lambda f: f["college"].fillna("未填学院"),
        counsellor=lambda f: f["counsellor"].fillna(UNASSIGNED),
    )
    count = 0
    for (college, counsellor), group in rows.groupby(["college", "counsellor"], sort=True):
        sheet = group.sort_values(["severity", "student_id", "field"])[list(FIXLIST_HEADERS)]
        path = folder / "fixlists" / _safe_name(college) / f"{_safe_name(counsellor)}.xlsx"
        write_workbook({"待修改": sheet.rename(columns=FIXLIST_HEADERS)}, path)
        count += 1
    return count


def _safe_name(text: str) -> str:
    return "".join("_" if ch in '\\/:*?"<>|' else ch for ch in str(text)).strip() or "未命名"
