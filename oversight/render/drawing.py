"""The brief's trend chart as one drawing (`trend_drawing`: lines, texts and markers in millimetres from the
chart's top-left corner), and that drawing rasterised with Pillow into a PNG (`trend_png`, for the Word file).

The same shapes are drawn with fpdf2's own primitives into the PDF (oversight.render.pdf) and written as SVG
by the printable page (oversight.ui.print_view), so the three charts are one chart.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

import pandas as pd

from oversight import formatting as fmt
from oversight.brief import TREND_METRICS
from oversight.charts import METRIC_LABELS, SERIES
from oversight.render.fonts import font_files
from oversight.text import strip_diacritics

PT_MM = 25.4 / 72


@dataclass(frozen=True)
class Shape:
    """One drawing operation in millimetres from the chart's top-left corner."""

    op: str  # line | polyline | dot | text
    points: tuple[tuple[float, float], ...]
    colour: str = "#000000"
    width: float = 0.2  # line width (mm) or dot radius
    text: str = ""
    size: float = 7.0  # font size (pt)
    align: str = "l"  # l | m | r (the point is the text's baseline at that side)
    dashed: bool = False


def _nice_top(value: float) -> float:
    """The axis top for the largest rate: 10 %, 20 %, ... or 5 % below 10 %, at least 5 %."""
    if not value or math.isnan(value) or value <= 0.05:
        return 0.05
    step = 0.05 if value <= 0.2 else 0.1
    return min(1.0, math.ceil(value / step - 1e-9) * step) if value <= 1 else math.ceil(value * 10) / 10


def trend_drawing(trend: pd.DataFrame, width: float, height: float) -> list[Shape]:
    """The 12-month trend chart (rates of TREND_METRICS per month) as shapes in a width × height box."""
    shapes: list[Shape] = []
    left, right, top, bottom = 14.0, 3.0, 8.0, 7.0
    plot_w, plot_h = width - left - right, height - top - bottom
    x0, y0 = left, top + plot_h  # origin (bottom-left of the plot area)
    for i, metric in enumerate(TREND_METRICS):  # legend
        lx = left + i * (plot_w / len(TREND_METRICS))
        shapes.append(Shape("line", ((lx, 3.0), (lx + 6, 3.0)), SERIES[i], 0.6))
        shapes.append(Shape("text", ((lx + 7.5, 4.1),), "#333333", text=METRIC_LABELS[metric], size=7))
    if trend.empty:
        shapes.append(Shape("text", ((width / 2, top + plot_h / 2),), "#666666", text="Chưa có số liệu", align="m"))
        return shapes
    values = trend[list(TREND_METRICS)].astype("float64")
    peak = float(values.max().max()) if values.notna().any().any() else 0.0
    y_top = _nice_top(peak)
    ticks = 5
    for k in range(ticks + 1):
        v = y_top * k / ticks
        y = y0 - plot_h * k / ticks
        shapes.append(Shape("line", ((x0, y), (x0 + plot_w, y)), "#D9D9D9" if k else "#808080", 0.15))
        shapes.append(Shape("text", ((x0 - 1.5, y + 1.0),), "#555555", text=fmt.percent(v, 0), size=6.5, align="r"))
    months = list(pd.to_datetime(trend["month_to"]))
    n = len(months)
    step = plot_w / n
    xs = [x0 + step * (j + 0.5) for j in range(n)]
    for x, month in zip(xs, months, strict=True):
        shapes.append(
            Shape("text", ((x, y0 + 4.5),), "#555555", text=f"T{month.month:02d}/{month:%y}", size=6.5, align="m")
        )
    for i, metric in enumerate(TREND_METRICS):
        run: list[tuple[float, float]] = []
        for x, v in zip(xs, values[metric], strict=True):
            if pd.isna(v):
                if len(run) > 1:
                    shapes.append(Shape("polyline", tuple(run), SERIES[i], 0.5))
                run = []
                continue
            point = (x, y0 - plot_h * min(float(v), y_top) / y_top)
            run.append(point)
            shapes.append(Shape("dot", (point,), SERIES[i], 0.7))
        if len(run) > 1:
            shapes.append(Shape("polyline", tuple(run), SERIES[i], 0.5))
    return shapes


def rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def trend_png(trend: pd.DataFrame, width_mm: float, height_mm: float, dpi: int = 200) -> bytes:
    """The trend chart drawn with Pillow (for the DOCX)."""
    from PIL import Image, ImageDraw, ImageFont

    scale = dpi / 25.4
    image = Image.new("RGB", (round(width_mm * scale), round(height_mm * scale)), "white")
    draw = ImageDraw.Draw(image)
    files = font_files()
    fonts: dict[float, object] = {}

    def font(size_pt: float):
        if size_pt not in fonts:
            px = max(6, round(size_pt * PT_MM * scale))
            fonts[size_pt] = ImageFont.truetype(str(files[""]), px) if files else ImageFont.load_default(size=px)
        return fonts[size_pt]

    for shape in trend_drawing(trend, width_mm, height_mm):
        pts = [(x * scale, y * scale) for x, y in shape.points]
        colour = rgb(shape.colour)
        if shape.op in ("line", "polyline"):
            draw.line(pts, fill=colour, width=max(1, round(shape.width * scale)), joint="curve")
        elif shape.op == "dot":
            (x, y), r = pts[0], shape.width * scale
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
        elif shape.op == "text":
            text = shape.text if files else strip_diacritics(shape.text)
            anchor = {"l": "ls", "m": "ms", "r": "rs"}[shape.align]
            draw.text(pts[0], text, fill=colour, font=font(shape.size), anchor=anchor)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(dpi, dpi))
    return buffer.getvalue()
