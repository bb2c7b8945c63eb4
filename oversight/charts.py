"""Plotly figure builders: a DataFrame in, a figure out, so charts are tested without a browser.

Colours, number formats and Vietnamese labels live here and nowhere else.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from oversight import formatting as fmt
from oversight import memo

RED = "#B3261E"
AMBER = "#C77700"
GREEN = "#2E7D32"
GREY = "#8A8A8A"
SERIES = ["#B3261E", "#1F5AA6", "#C77700", "#2E7D32", "#6A4C93"]
FONT = dict(family="Roboto, 'Segoe UI', Arial, sans-serif", size=13)

METRIC_LABELS = {
    "tasks_overdue_rate": "Nhiệm vụ quá hạn",
    "cases_late_rate": "Hồ sơ TTHC trễ hạn",
    "feedback_overdue_rate": "Phản ánh, kiến nghị quá hạn",
    "cases_resolved_late": "Hồ sơ giải quyết quá hạn",
    "cases_pending_overdue": "Hồ sơ đang giải quyết quá hạn",
    "score": "Điểm kỷ luật, kỷ cương",
}

# The rates where higher is worse: a chart of the highest leaves out the units at 0 %.
LATE_RATES = ("tasks_overdue_rate", "cases_late_rate", "feedback_overdue_rate")


def chart_text(value: object) -> str:
    """Text from the data (a unit or field name) as Plotly must receive it: Plotly renders a subset of HTML in
    labels (<a href>, <b>, <br>), so a name written as a link in an uploaded file would become a live link."""
    return html.escape(str(value), quote=False)


# Plotly measures no text it draws outside a bar: the right margin must hold the longest value label.
CHAR_PX = 7.6  # about the width of a character at FONT's 13 px, digits and Vietnamese letters alike
WRAP_AT = 22  # characters per line of a unit name or an axis title, so a phone's narrow chart keeps room for bars


def wrap(text: str, width: int = WRAP_AT) -> str:
    """Text broken into lines of at most `width` characters at spaces (Plotly's <br>); a word longer than
    `width` stays whole. The text must already be escaped (chart_text)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def label_margin(texts: list[str]) -> int:
    """Pixels to the right of the plot for value labels written outside the bars."""
    longest = max((len(t) for t in texts), default=0)
    return int(longest * CHAR_PX) + 14


def _bars_axes(fig: go.Figure, names: list[str], texts: list[str], title: str, top: float, tickformat: str):
    """Shared axes of the horizontal bar charts: names wrapped as tick texts (the data keep the names), the
    value axis from 0 to just past the longest bar, its title wrapped, and margins that fit the labels."""
    fig.update_yaxes(tickmode="array", tickvals=names, ticktext=[wrap(n) for n in names], automargin=True)
    fig.update_xaxes(title=dict(text=wrap(title, 30)), range=[0, top * 1.02 if top > 0 else 1.0], automargin=True)
    fig.update_xaxes(tickformat=tickformat)
    fig.update_layout(margin=dict(r=label_margin(texts)))


def _layout(fig: go.Figure, height: int) -> go.Figure:
    right = fig.layout.margin.r if fig.layout.margin.r is not None else 10
    fig.update_layout(
        height=height,
        margin=dict(l=10, r=right, t=30, b=10),
        font=FONT,
        plot_bgcolor="white",
        paper_bgcolor="white",
        separators=",.",  # decimal comma, thousands dot
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0),
        hoverlabel=dict(font=FONT),
    )
    fig.update_xaxes(showgrid=False)
    fig.update_yaxes(gridcolor="#ECECEC", zeroline=False)
    return fig


@memo.remembered(min_cells=0)  # a warm page run draws the figure the last one built
def trend_chart(trend: pd.DataFrame, metrics: list[str], height: int = 320) -> go.Figure:
    """Monthly rates as lines; `trend` has `month_to` (the month's last day) and one column per metric."""
    fig = go.Figure()
    labels = [f"T{m.month:02d}/{m.year}" for m in pd.to_datetime(trend["month_to"])]
    for i, metric in enumerate(metrics):
        values = trend[metric].astype("float64")
        fig.add_trace(
            go.Scatter(
                x=labels,
                y=values,
                mode="lines+markers",
                name=METRIC_LABELS.get(metric, metric),
                line=dict(color=SERIES[i % len(SERIES)], width=2.5),
                customdata=[fmt.percent(v) for v in values],
                hovertemplate="%{x}: %{customdata}<extra>%{fullData.name}</extra>",
                connectgaps=False,
            )
        )
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    return _layout(fig, height)


def bars_shown(units: pd.DataFrame, metric: str) -> pd.DataFrame:
    """The rows ranking_bars draws: those with a value, and for a late or overdue rate only those above 0 %
    (a chart of the highest rates that lists units with nothing late reads as if they were late)."""
    data = units.dropna(subset=[metric])
    if metric in LATE_RATES:
        data = data[data[metric].astype("float64") > 0]
    return data


@memo.remembered(min_cells=0)  # a warm page run draws the figure the last one built
def ranking_bars(
    units: pd.DataFrame, metric: str, count_column: str | None = None, height: int | None = None
) -> go.Figure:
    """Horizontal bars, worst at the top; each bar carries its unit_id for click-through (bars_shown says which
    rows are drawn).

    Rates (fractions) show as percentages; the score (0-100) as a number with one decimal.
    """
    data = bars_shown(units, metric).iloc[::-1]
    values = data[metric].astype("float64")
    is_score = metric == "score"
    texts = [fmt.number(v, 1) if is_score else fmt.percent(v) for v in values]
    if count_column:
        texts = [f"{t} ({fmt.number(c)})" for t, c in zip(texts, data[count_column], strict=True)]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=[chart_text(name) for name in data["unit_name"]],
            orientation="h",
            marker_color=RED,
            text=texts,
            textposition="outside",
            cliponaxis=False,
            customdata=[int(u) for u in data["unit_id"]],
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    top = 100.0 if is_score else float(values.max()) if len(values) else 1.0  # the score axis: 0..100
    names = [chart_text(name) for name in data["unit_name"]]
    _bars_axes(fig, names, texts, METRIC_LABELS.get(metric, metric), top, "" if is_score else ".0%")
    fig.update_layout(clickmode="event+select")
    return _layout(fig, height or 70 + 34 * max(len(data), 1))


def traffic_light(metric: str, value: object, targets: dict[str, tuple[float, float]]) -> str:
    """'green' / 'amber' / 'red' against the targets (lower is better), 'grey' when empty."""
    if fmt.is_missing(value) or metric not in targets:
        return "grey"
    green, amber = targets[metric]
    v = float(value)  # type: ignore[arg-type]
    return "green" if v <= green else ("amber" if v <= amber else "red")


@memo.remembered(min_cells=0)  # a warm page run draws the figure the last one built
def field_bars(fields: pd.DataFrame, metric: str, volume: str, height: int | None = None) -> go.Figure:
    """Late rate per field (lĩnh vực), worst on top, with the volume in the label."""
    data = fields.dropna(subset=[metric]).sort_values(metric).tail(15)
    values = data[metric].astype("float64")
    texts = [f"{fmt.percent(v)} ({fmt.number(n)})" for v, n in zip(values, data[volume], strict=True)]
    fig = go.Figure(
        go.Bar(
            x=values.tolist(),
            y=[chart_text(name) for name in data["field"]],
            orientation="h",
            marker_color=SERIES[1],
            text=texts,
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    top = float(values.max()) if len(values) else 1.0
    _bars_axes(fig, [chart_text(f) for f in data["field"]], texts, METRIC_LABELS.get(metric, metric), top, ".0%")
    return _layout(fig, height or 70 + 34 * max(len(data), 1))
