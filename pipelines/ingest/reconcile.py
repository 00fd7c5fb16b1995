"""What the run prints about its inputs: rows per file, and changes since the last run."""

from pathlib import Path

KIND_LABELS = {"exports": "导出", "evidence": "佐证清单", "roster": "毕业生名单"}


def reconciliation_lines(files: list[dict]) -> list[str]:
    """One Chinese line per export file: rows in = rows loaded + rows quarantined.

    A line of warning follows a file with repeated columns or sheets left unread.

    >>> reconciliation_lines([{"kind": "exports", "file": "in/导出.csv", "encoding": "gb18030",
    ...     "rows_in": 10, "rows_loaded": 8, "rows_quarantined": 2}])
    ['  导出 导出.csv（GB18030 编码）：读入 10 行 = 入库 8 行 + 隔离 2 行']
    >>> reconciliation_lines([{"kind": "exports", "file": "a.csv", "rows_in": 1,
    ...     "rows_loaded": 1, "rows_quarantined": 0, "duplicate_columns": ["学号（第 5 列）"]}])[1]
    '  注意：a.csv 有重复的列 学号（第 5 列），只读取了同名的第一列；请删除重复的列后重新导出'
    """
    lines = []
    for entry in files:
        if "rows_loaded" not in entry:
            continue
        encoding = f"（{entry['encoding'].upper()} 编码）" if entry.get("encoding") else ""
        lines.append(
            f"  {KIND_LABELS[entry['kind']]} {Path(entry['file']).name}{encoding}："
            f"读入 {entry['rows_in']} 行 = 入库 {entry['rows_loaded']} 行"
            f" + 隔离 {entry['rows_quarantined']} 行{_swallowed_note(entry)}"
        )
        lines.extend(_warning_lines(entry))
    return lines


def _swallowed_note(entry: dict) -> str:
    """How many text lines the rows quarantined for an unpaired quote held, if any."""
    spans = entry.get("quote_swallowed") or []
    if not spans:
        return ""
    held = sum(span["last_line"] - span["first_line"] + 1 for span in spans)
    return f"（其中 {len(spans)} 行因引号不成对，由文本 {held} 行拼成）"


def _warning_lines(entry: dict) -> list[str]:
    name = Path(entry["file"]).name
    lines = [
        f"  警告：{name} 第 {span['row']} 行的双引号没有配对，文本第 {span['first_line']}–"
        f"{span['last_line']} 行（共 {span['last_line'] - span['first_line'] + 1} 行）"
        "被读成了一行并已隔离，这些行上的学生没有入库；"
        f"请改正文本第 {span['first_line']} 行的双引号后重新导出，再重新运行"
        for span in entry.get("quote_swallowed") or []
    ]
    if entry["kind"] == "exports" and entry["rows_in"] == 0:
        lines.append(f"  注意：{name} 只有表头，没有数据行（这个学院可能还没有人登记）")
    if entry.get("duplicate_columns"):
        lines.append(
            f"  注意：{name} 有重复的列 {'、'.join(entry['duplicate_columns'])}，"
            "只读取了同名的第一列；请删除重复的列后重新导出"
        )
    if entry.get("ignored_sheets"):
        lines.append(
            f"  注意：{name} 的工作表 {'、'.join(entry['ignored_sheets'])} 没有“学号”列，未读取"
        )
    return lines


def change_line(summary: dict) -> str:
    """One Chinese line: how tonight's registrations and findings differ from the last run.

    >>> print(*change_line({"previous_run_date": "2025-06-29",
    ...     "registration_changes": {"新登记": 3, "有变更": 2, "审核状态变更": 1, "未变化": 9},
    ...     "findings_changes": {"新增": 4, "已修复": 5, "仍未修复": 6}}).split("；"), sep="\\n")
    与上次运行（2025-06-29）相比：新登记 3 人，有变更 2 人，审核状态变更 1 人
    问题新增 4 条，已修复 5 条，仍未修复 6 条。
    >>> change_line({"previous_run_date": None})
    '与上次运行相比：仓库中没有更早的运行，今晚的登记都作为基准保存。'
    """
    previous = summary.get("previous_run_date")
    if previous is None:
        return "与上次运行相比：仓库中没有更早的运行，今晚的登记都作为基准保存。"
    registrations = summary.get("registration_changes", {})
    findings = summary.get("findings_changes", {})
    return (
        f"与上次运行（{previous}）相比：新登记 {registrations.get('新登记', 0)} 人，"
        f"有变更 {registrations.get('有变更', 0)} 人，"
        f"审核状态变更 {registrations.get('审核状态变更', 0)} 人；"
        f"问题新增 {findings.get('新增', 0)} 条，已修复 {findings.get('已修复', 0)} 条，"
        f"仍未修复 {findings.get('仍未修复', 0)} 条。"
    )
