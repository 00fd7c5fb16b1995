"""The director's one-page report: self-contained HTML, no script, no network at view time."""

import datetime as dt
import html
import numbers
from pathlib import Path
from string import Template

import numpy as np
import pandas as pd

from pipelines.paths import REPORTS_DIR

BAR_HEIGHT = 22
# a narrow drawing keeps 13px labels legible when a phone scales the chart to its width
CHART_WIDTH = 420
LABEL_WIDTH = 120
LINE_HEIGHT = 200


def render_report(values: dict, blocks: dict[str, str]) -> str:
    """Fill reports/report.html: `values` are plain texts (escaped), `blocks` ready HTML."""
    template = Template((REPORTS_DIR / "report.html").read_text(encoding="utf-8"))
    fields = {key: html.escape(str(value)) for key, value in values.items()}
    fields.update(blocks)
    return template.substitute(fields)


def write_report(text: str, path: Path) -> None:
    path.write_text(text, encoding="utf-8")


def html_table(frame: pd.DataFrame) -> str:
    """A scrollable table; an empty frame becomes a short sentence instead."""
    if frame.empty:
        return '<p class="empty">暂无数据。</p>'
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for record in frame.itertuples(index=False):
        cells = "".join(_cell(value) for value in record)
        rows.append(f"<tr>{cells}</tr>")
    return f'<div class="scroll"><table><tr>{head}</tr>{"".join(rows)}</table></div>'


def bar_chart(labels, amounts, texts, scale: float | None = None) -> str:
    """Horizontal bars as inline SVG; `scale` is the amount of a full bar (default the largest).

    >>> bar_chart(["甲"], [0.5], ["50.0%"], scale=1.0).count("<rect")
    1
    """
    amounts = [float(amount) for amount in amounts]
    if not amounts:
        return ""
    full = scale or max(max(amounts), 1e-9)
    height = BAR_HEIGHT * len(amounts) + 10
    bars = []
    for index, (label, amount, text) in enumerate(zip(labels, amounts, texts, strict=True)):
        y = index * BAR_HEIGHT + 4
        width = max(amount, 0) / full * (CHART_WIDTH - LABEL_WIDTH - 60)
        bars.append(
            f'<text class="bar-label" x="0" y="{y + 14}">{html.escape(_short(str(label)))}</text>'
            f'<rect class="bar" x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="16"/>'
            f'<text class="bar-label" x="{LABEL_WIDTH + width + 4:.1f}" y="{y + 14}">'
            f"{html.escape(str(text))}</text>"
        )
    return (
        f'<svg role="img" viewBox="0 0 {CHART_WIDTH} {height}" width="100%">{"".join(bars)}</svg>'
    )


def line_chart(labels, rates) -> str:
    """A rate (0–1) over time as an inline SVG line with a dot and a label per point."""
    rates = [float(rate) for rate in rates]
    if not rates:
        return ""
    left, right, top, bottom = 30, 30, 20, 30
    step = (CHART_WIDTH - left - right) / max(len(rates) - 1, 1)
    points = [
        (left + index * step, top + (1 - rate) * (LINE_HEIGHT - top - bottom))
        for index, rate in enumerate(rates)
    ]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    marks = "".join(
        f'<circle class="dot" cx="{x:.1f}" cy="{y:.1f}" r="3"/>'
        f'<text class="bar-label" x="{x:.1f}" y="{y - 6:.1f}" text-anchor="middle">'
        f"{rate:.1%}</text>"
        f'<text class="bar-label" x="{x:.1f}" y="{LINE_HEIGHT - 8}" text-anchor="middle">'
        f"{html.escape(str(label)[5:])}</text>"
        for (x, y), rate, label in zip(points, rates, labels, strict=True)
    )
    axis = (
        f'<line class="axis" x1="{left}" y1="{LINE_HEIGHT - bottom}" '
        f'x2="{CHART_WIDTH - right}" y2="{LINE_HEIGHT - bottom}"/>'
    )
    return (
        f'<svg role="img" viewBox="0 0 {CHART_WIDTH} {LINE_HEIGHT}" width="100%">'
        f'{axis}<polyline class="line" points="{path}"/>{marks}</svg>'
    )


def _short(label: str, limit: int = 9) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _cell(value) -> str:
    if isinstance(value, bool | np.bool_):
        return f"<td>{'是' if value else '否'}</td>"
    if isinstance(value, numbers.Integral):
        return f'<td class="num">{value:,}</td>'
    if isinstance(value, float):
        if pd.isna(value):
            return "<td></td>"
        text = f"{value:,.0f}" if value.is_integer() or abs(value) >= 100 else f"{value:.2f}"
        return f'<td class="num">{text}</td>'
    if isinstance(value, dt.date):
        return f'<td class="date">{value.isoformat()[:10]}</td>'
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "<td></td>"
    return f"<td>{html.escape(str(value))}</td>"
