"""The director's one-page report: self-contained HTML, no script, no network at view time."""

import html
from pathlib import Path
from string import Template

import pandas as pd

from pipelines.paths import REPORTS_DIR

BAR_HEIGHT = 22
CHART_WIDTH = 640
LABEL_WIDTH = 180


def render_report(values: dict, tables: dict[str, pd.DataFrame]) -> str:
    """Fill reports/report.html; `values` are plain texts, `tables` become HTML tables."""
    template = Template((REPORTS_DIR / "report.html").read_text(encoding="utf-8"))
    fields = {key: html.escape(str(value)) for key, value in values.items()}
    fields.update({key: html_table(frame) for key, frame in tables.items()})
    fields["denominator_note"] = values.get("denominator_note_html", "")
    fields["college_chart"] = bar_chart(tables["college_table"], "学院", "落实率")
    return template.substitute(fields)


def write_report(text: str, path: Path) -> None:
    path.write_text(text, encoding="utf-8")


def html_table(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for record in frame.itertuples(index=False):
        cells = "".join(_cell(value) for value in record)
        rows.append(f"<tr>{cells}</tr>")
    return f'<div class="scroll"><table><tr>{head}</tr>{"".join(rows)}</table></div>'


def bar_chart(frame: pd.DataFrame, label_column: str, rate_column: str) -> str:
    """Horizontal bars of a percentage column, as inline SVG."""
    height = BAR_HEIGHT * len(frame) + 10
    bars = []
    for index, (label, rate) in enumerate(
        zip(frame[label_column], frame[rate_column], strict=True)
    ):
        fraction = float(str(rate).rstrip("%")) / 100 if isinstance(rate, str) else float(rate)
        y = index * BAR_HEIGHT + 4
        width = max(fraction, 0) * (CHART_WIDTH - LABEL_WIDTH - 60)
        bars.append(
            f'<text class="bar-label" x="0" y="{y + 14}">{html.escape(str(label))}</text>'
            f'<rect class="bar" x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="16"/>'
            f'<text class="bar-label" x="{LABEL_WIDTH + width + 4:.1f}" y="{y + 14}">'
            f"{fraction:.1%}</text>"
        )
    return (
        f'<svg role="img" viewBox="0 0 {CHART_WIDTH} {height}" width="100%">{"".join(bars)}</svg>'
    )


def _cell(value) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (
            f'<td class="num">{value:,}</td>'
            if isinstance(value, int)
            else f'<td class="num">{value}</td>'
        )
    return f"<td>{html.escape(str(value))}</td>"
