"""The Great Expectations results as one self-contained HTML page in the run folder.

GE's own Data Docs site loads Bootstrap, jQuery and fonts from public CDNs and spreads one
validation over many files; the office's machines may be offline and the page is mailed on.
So the suite results are rendered here into a single page with inline CSS and no script:
it opens from a USB stick or an e-mail attachment exactly as it does on the server.
"""

from html import escape
from pathlib import Path

import pandas as pd

from pipelines.checks import rules

PAGE_NAME = "data_docs/index.html"

EXPECTATION_LABELS = {
    "expect_column_values_to_be_in_set": "取值在允许范围内",
    "expect_column_values_to_match_regex": "格式符合要求",
    "expect_column_values_to_not_match_regex": "不含不允许的字符",
    "expect_column_values_to_be_between": "数值在合理范围内",
    "expect_column_values_to_not_be_null": "不为空",
}

STYLE = """
body { font-family: "Microsoft YaHei", "PingFang SC", sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin-bottom: 2em; width: 100%; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #ddebf7; }
td.number { text-align: right; }
tr.failed td.status { color: #b00020; font-weight: bold; }
tr.passed td.status { color: #1b5e20; }
"""


def write_data_docs(outcomes: pd.DataFrame, seconds: dict, run_date: str, folder: Path) -> Path:
    """Write the page under `folder`; returns its path."""
    path = folder / PAGE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_page(outcomes, seconds, run_date), encoding="utf-8")
    return path


def render_page(outcomes: pd.DataFrame, seconds: dict, run_date: str) -> str:
    """The whole HTML document for one run's suite results."""
    count_failed = int((outcomes["count_unexpected"] > 0).sum()) if len(outcomes) else 0
    sections = [
        _suite_section(suite, group) for suite, group in outcomes.groupby("suite", sort=True)
    ]
    timing = (
        f"加载 Great Expectations {seconds.get('import', 0):.2f} 秒，"
        f"校验 {seconds.get('validate', 0):.2f} 秒"
    )
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>数据质量检查 {escape(run_date)}</title><style>{STYLE}</style></head><body>"
        f"<h1>数据质量检查（{escape(run_date)}）</h1>"
        f"<p>共 {len(outcomes)} 项单列检查，{count_failed} 项发现问题；{timing}。"
        "每个问题的学生、行号和修改方法见 findings.csv 与各辅导员的修改清单。</p>"
        + "".join(sections)
        + "</body></html>\n"
    )


def _suite_section(suite: str, group: pd.DataFrame) -> str:
    header = "".join(
        f"<th>{name}</th>"
        for name in ("规则", "字段", "检查", "检查行数", "问题行数", "通过率", "结果", "问题示例")
    )
    body = "".join(_row(row) for row in group.itertuples(index=False))
    return f"<h2>{escape(suite)}</h2><table><tr>{header}</tr>{body}</table>"


def _row(row) -> str:
    passed = row.count_unexpected == 0
    rate = 1 - row.count_unexpected / row.count_checked if row.count_checked else 1
    description = rules().get(row.rule_id, {}).get("description", "")
    cells = [
        f'<td title="{escape(description)}">{escape(row.rule_id)}</td>',
        f"<td>{escape(row.column_name)}</td>",
        f"<td>{EXPECTATION_LABELS.get(row.expectation, escape(row.expectation))}</td>",
        f'<td class="number">{row.count_checked}</td>',
        f'<td class="number">{row.count_unexpected}</td>',
        f'<td class="number">{rate:.2%}</td>',
        f'<td class="status">{"通过" if passed else "未通过"}</td>',
        f"<td>{escape(row.examples)}</td>",
    ]
    return f'<tr class="{"passed" if passed else "failed"}">{"".join(cells)}</tr>'
