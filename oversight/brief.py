"""The one-page brief for a leaders' meeting (BÁO CÁO NHANH KỶ LUẬT, KỶ CƯƠNG HÀNH CHÍNH), as PDF and DOCX.

`brief_content` gathers everything from the metrics API once (key figures with the change against the
previous period, the findings text, the 10 units with the lowest discipline score, the 12-month trend);
`brief_pdf` (fpdf2) and `brief_docx` (python-docx) only lay it out, so both say the same thing.

The trend chart is one drawing (`trend_drawing`: lines, texts and markers in millimetres) rendered twice:
with fpdf2's own drawing primitives into the PDF, and with Pillow into a PNG embedded in the DOCX. No
browser, no network.

Fonts: the PDF embeds DejaVu Sans (regular and bold; every Vietnamese glyph), which also draws the PNG.
`font_files` looks for it, in order: oversight/fonts/ (a vendored copy, if the project adds one), the copy
inside the matplotlib package (mpl-data/fonts/ttf; located without importing matplotlib), then the system's
fonts-dejavu-core. Without any of them the brief still renders, with fpdf2's core Helvetica and the text
stripped of diacritics, and `font_files()` returns None so a test or health check can flag it.
"""

from __future__ import annotations

import importlib.util
import io
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd

from oversight import formatting as fmt
from oversight import metrics
from oversight.charts import METRIC_LABELS, SERIES
from oversight.config import Settings, load_settings
from oversight.periods import Period
from oversight.text import strip_diacritics

log = logging.getLogger(__name__)

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TITLE = "BÁO CÁO NHANH KỶ LUẬT, KỶ CƯƠNG HÀNH CHÍNH"
GROUP_LABELS = {"department": "Sở, ban, ngành", "district": "Cấp huyện", "commune": "Cấp xã"}
GROUP_SHORT = {"department": "Sở, ngành", "district": "Huyện", "commune": "Xã"}
TREND_METRICS = ("tasks_overdue_rate", "cases_late_rate", "feedback_overdue_rate")
WORST_LIMIT = 10
WORST_HEADERS = ("TT", "Đơn vị", "Nhóm", "Điểm", "Xếp loại", "NV quá hạn", "HS trễ hạn", "PAKN quá hạn")
FIGURE_HEADERS = ("Chỉ tiêu (toàn tỉnh)", "Kỳ này", "Kỳ trước", "Thay đổi")

_FONT_NAMES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
_PACKAGE_FONTS = Path(__file__).resolve().parent / "fonts"
_SYSTEM_FONTS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/TTF"))


# ---------------------------------------------------------------------------------------------- fonts


def _matplotlib_fonts() -> Path | None:
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"


def font_files() -> dict[str, Path] | None:
    """{'': regular, 'B': bold} DejaVu Sans files, from the first folder holding both, else None."""
    folders = [_PACKAGE_FONTS, _matplotlib_fonts(), *_SYSTEM_FONTS]
    for folder in folders:
        if folder is None:
            continue
        paths = {style: folder / name for style, name in _FONT_NAMES.items()}
        if all(p.is_file() for p in paths.values()):
            return paths
    return None


# ---------------------------------------------------------------------------------------------- content


@dataclass(frozen=True)
class KeyFigure:
    label: str
    current: str
    previous: str
    change: str
    value: object  # raw current value (rate as a fraction, count, points)
    previous_value: object


@dataclass
class BriefContent:
    province: str  # "UBND TỈNH ĐỒNG NAI", "UBND THÀNH PHỐ HÀ NỘI" (the setting OVERSIGHT_PROVINCE)
    title: str
    period_label: str
    range_line: str  # "Từ ngày 01/10/2025 đến ngày 31/10/2025"
    scope_line: str
    exported_line: str
    figures: list[KeyFigure]
    findings: list[str]
    worst: list[tuple[str, ...]]  # formatted rows under WORST_HEADERS
    worst_title: str
    trend: pd.DataFrame  # month_to + TREND_METRICS, months with data only
    notes: list[str] = field(default_factory=list)

    def text(self) -> str:
        """Every piece of text of the brief, one per line (for tests and plain-text use)."""
        lines = [self.province, self.title, self.period_label, self.range_line, self.scope_line]
        lines += [" | ".join((f.label, f.current, f.previous, f.change)) for f in self.figures]
        lines += self.findings + [self.worst_title] + [" | ".join(row) for row in self.worst]
        return "\n".join(lines)


def _change_words(current: object, previous: object, unit: str = "điểm %", scale: float = 100.0, decimals=1) -> str:
    """'tăng 1,2 điểm %' / 'giảm 0,8 điểm %' / 'không đổi' / 'chưa có số liệu kỳ trước'."""
    if fmt.is_missing(current):
        return "chưa có số liệu"
    if fmt.is_missing(previous):
        return "chưa có số liệu kỳ trước để so sánh"
    delta = (float(current) - float(previous)) * scale
    if round(delta, decimals) == 0:
        return "không đổi so với kỳ trước"
    word = "tăng" if delta > 0 else "giảm"
    return f"{word} {fmt.number(abs(delta), decimals)} {unit} so với kỳ trước"


def _signed(current: object, previous: object, decimals: int) -> str:
    if fmt.is_missing(current) or fmt.is_missing(previous):
        return fmt.EMPTY
    delta = float(current) - float(previous)
    sign = "+" if round(delta, decimals) > 0 else ("−" if round(delta, decimals) < 0 else "±")
    return f"{sign}{fmt.number(abs(delta), decimals)}"


def key_figures(kpis: dict) -> list[KeyFigure]:
    """The six key figures of the brief with the previous period and the change."""
    prev = kpis.get("previous") or {}

    def rate(label, key):
        cur, old = kpis.get(key), prev.get(key)
        return KeyFigure(label, fmt.percent(cur), fmt.percent(old), fmt.change_points(cur, old) or fmt.EMPTY, cur, old)

    def count(label, key):
        cur, old = kpis.get(key), prev.get(key)
        return KeyFigure(label, fmt.number(cur), fmt.number(old), fmt.change_count(cur, old) or fmt.EMPTY, cur, old)

    score, old_score = kpis.get("cases_766_progress_score"), prev.get("cases_766_progress_score")
    return [
        rate("Tỷ lệ nhiệm vụ quá hạn", "tasks_overdue_rate"),
        count("Hồ sơ TTHC giải quyết quá hạn", "cases_resolved_late"),
        rate("Tỷ lệ hồ sơ TTHC trễ hạn", "cases_late_rate"),
        count("Hồ sơ đang giải quyết quá hạn", "cases_pending_overdue"),
        rate("Tỷ lệ phản ánh, kiến nghị quá hạn", "feedback_overdue_rate"),
        KeyFigure(
            "Điểm tiến độ giải quyết TTHC (QĐ 766)",
            _points20(score),
            _points20(old_score),
            _signed(score, old_score, 2),
            score,
            old_score,
        ),
    ]


def _points20(value: object) -> str:
    return fmt.EMPTY if fmt.is_missing(value) else f"{fmt.points(value)}/20"


def _named(worst: pd.DataFrame, n: int = 3) -> str:
    parts = [f"{row.unit_name} ({fmt.percent(row.metric_value)})" for row in worst.head(n).itertuples()]
    return ", ".join(parts)


def findings(kpis: dict, worst_by_metric: dict[str, pd.DataFrame], ranking: pd.DataFrame, settings) -> list[str]:
    """The main findings as short Vietnamese sentences, generated from the figures."""
    prev = kpis.get("previous") or {}
    out = []
    rate = kpis.get("cases_late_rate")
    if fmt.is_missing(rate):
        out.append("Chưa có số liệu hồ sơ TTHC trong kỳ.")
    else:
        text = (
            f"Tỷ lệ hồ sơ TTHC trễ hạn toàn {settings.province_kind} {fmt.percent(rate)}, "
            f"{_change_words(rate, prev.get('cases_late_rate'))} "
            f"({fmt.number(kpis.get('cases_resolved_late'))} hồ sơ giải quyết quá hạn, "
            f"{fmt.number(kpis.get('cases_pending_overdue'))} hồ sơ đang quá hạn)"
        )
        named = _named(worst_by_metric["cases_late_rate"])
        out.append(text + (f"; các đơn vị có tỷ lệ trễ hạn cao nhất: {named}." if named else "."))
    rate = kpis.get("tasks_overdue_rate")
    if fmt.is_missing(rate):
        out.append("Chưa có số liệu nhiệm vụ có thời hạn trong kỳ.")
    else:
        text = (
            f"Tỷ lệ nhiệm vụ quá hạn {fmt.percent(rate)}, {_change_words(rate, prev.get('tasks_overdue_rate'))} "
            f"({fmt.number(kpis.get('tasks_open_overdue'))} nhiệm vụ đang quá hạn)"
        )
        named = _named(worst_by_metric["tasks_overdue_rate"])
        out.append(text + (f"; cao nhất: {named}." if named else "."))
    rate = kpis.get("feedback_overdue_rate")
    if fmt.is_missing(rate):
        out.append("Chưa có số liệu phản ánh, kiến nghị trong kỳ.")
    else:
        text = (
            f"Tỷ lệ phản ánh, kiến nghị quá hạn {fmt.percent(rate)}, "
            f"{_change_words(rate, prev.get('feedback_overdue_rate'))}"
        )
        named = _named(worst_by_metric["feedback_overdue_rate"])
        out.append(text + (f"; cao nhất: {named}." if named else "."))
    if not ranking.empty:
        ranked = ranking[ranking["ranked"].fillna(False).astype(bool)]
        weak = ranked[ranked["band"] == settings.lowest_band]
        sentence = f"Xếp hạng {fmt.number(len(ranked))} đơn vị"
        sentence += (
            f": {fmt.number(len(weak))} đơn vị xếp loại {settings.lowest_band}"
            if len(weak)
            else f", không có đơn vị xếp loại {settings.lowest_band}"
        )
        # every unit that existed in the period is listed (METRICS.md section 6): those without any item are told
        # apart from those below the minimum volume
        empty = int(
            (
                (ranking["cases_total"] + ranking["tasks_total"] + ranking["feedback_total"] == 0)
                & ranking["cases_source"].isna()
            ).sum()
        )
        unranked = len(ranking) - len(ranked) - empty
        if unranked:
            sentence += f"; {fmt.number(unranked)} đơn vị chưa đủ số liệu để xếp hạng"
        if empty:
            sentence += f"; {fmt.number(empty)} đơn vị không có số liệu trong kỳ"
        out.append(sentence + ".")
    return out


def _trend(con, period: Period, group: str, units: str, settings: Settings, field: str | None = None) -> pd.DataFrame:
    """12 months ending with the period's last month, without the months before the loaded data begin."""
    frame = metrics.monthly_trend(con, period, 12, group=group, units=units, settings=settings, field=field)
    first, _last = metrics.data_range(con)
    if first is None:
        return frame.iloc[0:0]
    return frame[pd.to_datetime(frame["month_to"]).dt.date >= first].reset_index(drop=True)


def brief_content(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    group: str = "all",
    units: str = "reported",
    settings: Settings | None = None,
    exported_at: datetime | None = None,
    field: str | None = None,
) -> BriefContent:
    """What the brief says (one definition for the PDF, the Word file and the printable page); `field`
    restricts every figure to one field (lĩnh vực)."""
    settings = settings or load_settings()
    stamp = exported_at or datetime.now(LOCAL_TZ)
    kpis = metrics.province_kpis(con, period, settings=settings, field=field)
    worst_by_metric = {
        metric: metrics.worst_units(
            con, period, metric, group=group, limit=3, units=units, settings=settings, field=field
        )
        for metric in TREND_METRICS
    }
    worst = metrics.worst_units(
        con,
        period,
        "score",
        group=group,
        limit=WORST_LIMIT,
        units=units,
        settings=settings,
        field=field,
    )
    ranking = metrics.unit_metrics(con, period, group=group, units=units, settings=settings, field=field)
    scope = GROUP_LABELS.get(group, "tất cả các nhóm đơn vị")
    rows = [
        (
            fmt.number(row.lag_rank),
            str(row.unit_name),
            GROUP_SHORT.get(row.unit_group, ""),
            fmt.number(row.score, 1),
            "" if fmt.is_missing(getattr(row, "band", None)) else str(row.band),
            fmt.percent(row.tasks_overdue_rate),
            fmt.percent(row.cases_late_rate),
            fmt.percent(row.feedback_overdue_rate),
        )
        for row in worst.merge(ranking[["unit_id", "band"]], on="unit_id", how="left").itertuples()
    ]
    return BriefContent(
        province=settings.province_title,
        title=TITLE,
        period_label=period.label,
        range_line=f"Từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y}",
        scope_line=f"Chỉ số chính: toàn {settings.province_kind}; xếp hạng và xu hướng: {scope}"
        + (f"; lĩnh vực: {field}" if field else ""),
        exported_line=f"Ngày xuất: {stamp:%d/%m/%Y %H:%M}",
        figures=key_figures(kpis),
        findings=findings(kpis, worst_by_metric, ranking, settings),
        worst=rows,
        worst_title=f"{WORST_LIMIT} đơn vị có điểm kỷ luật, kỷ cương thấp nhất",
        trend=_trend(con, period, group, units, settings, field),
        notes=[
            f"Chỉ xếp hạng đơn vị có từ {settings.min_volume} nhiệm vụ / hồ sơ / phản ánh trở lên. "
            "NV: nhiệm vụ; HS: hồ sơ TTHC; PAKN: phản ánh, kiến nghị."
        ],
    )


# ---------------------------------------------------------------------------------------------- chart


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


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


PT_MM = 25.4 / 72


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
        colour = _rgb(shape.colour)
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


# ---------------------------------------------------------------------------------------------- PDF

PAGE_W, PAGE_H = 210.0, 297.0
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 14.0, 11.0, 10.0
ROW_H = 5.2


class _Pdf:
    def __init__(self):
        from fpdf import FPDF

        self.pdf = FPDF(orientation="P", unit="mm", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(MARGIN_X, MARGIN_TOP, MARGIN_X)
        self.pdf.set_lang("vi-VN")
        files = font_files()
        self.unicode = files is not None
        if files:
            for style, path in files.items():
                self.pdf.add_font("DejaVu", style, str(path))
            self.family = "DejaVu"
        else:
            log.warning("no DejaVu Sans font found: the PDF brief is written without Vietnamese diacritics")
            self.family = "helvetica"
        self.pdf.add_page()

    def t(self, text: str) -> str:
        return text if self.unicode else strip_diacritics(text).replace("−", "-").replace("±", "+/-")

    def font(self, size: float, bold: bool = False) -> None:
        self.pdf.set_font(self.family, "B" if bold else "", size)

    def fit(self, text: str, width: float, smallest: float = 6.0) -> str:
        """The text in the current font, else in a font down to `smallest` pt, else shortened with an
        ellipsis, to fit the width (the font size is left set for the cell to be written)."""
        text = self.t(text)
        size = self.pdf.font_size_pt
        while self.pdf.get_string_width(text) > width and size > smallest:
            size -= 0.5
            self.pdf.set_font_size(size)
        if self.pdf.get_string_width(text) <= width:
            return text
        while text and self.pdf.get_string_width(text + "…") > width:
            text = text[:-1]
        return text.rstrip() + "…"

    def line_of(self, text: str, size: float, bold=False, align="L", h=None) -> None:
        from fpdf.enums import XPos, YPos

        self.font(size, bold)
        self.pdf.cell(0, h or size * 0.5, self.t(text), align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float], aligns) -> None:
        from fpdf.enums import XPos, YPos

        pdf = self.pdf
        pdf.set_fill_color(220, 230, 241)
        pdf.set_draw_color(128, 128, 128)
        pdf.set_line_width(0.15)
        self.font(7.5, bold=True)
        for i, (title, w) in enumerate(zip(headers, widths, strict=True)):
            last = i == len(widths) - 1
            self.font(7.5, bold=True)
            pdf.cell(w, ROW_H, self.fit(title, w - 1), border=1, align="C", fill=True,
                     new_x=XPos.LMARGIN if last else XPos.RIGHT, new_y=YPos.NEXT if last else YPos.TOP)  # fmt: skip
        self.font(7.5)
        for row in rows:
            for i, (value, w, align) in enumerate(zip(row, widths, aligns, strict=True)):
                last = i == len(widths) - 1
                self.font(7.5)
                pdf.cell(w, ROW_H, self.fit(value, w - 1.5), border=1, align=align,
                         new_x=XPos.LMARGIN if last else XPos.RIGHT, new_y=YPos.NEXT if last else YPos.TOP)  # fmt: skip

    def section(self, text: str) -> None:
        self.pdf.ln(1.5)
        self.line_of(text, 9.5, bold=True, h=5.5)

    def paragraph_height(self, text: str, size: float, line_h: float) -> float:
        self.font(size)
        lines = self.pdf.multi_cell(PAGE_W - 2 * MARGIN_X, line_h, self.t(text), dry_run=True, output="LINES")
        return len(lines) * line_h

    def chart(self, trend: pd.DataFrame, x: float, y: float, width: float, height: float) -> None:
        pdf = self.pdf
        for shape in trend_drawing(trend, width, height):
            pts = [(x + px, y + py) for px, py in shape.points]
            r, g, b = _rgb(shape.colour)
            if shape.op in ("line", "polyline"):
                pdf.set_draw_color(r, g, b)
                pdf.set_line_width(shape.width)
                if shape.op == "line":
                    pdf.line(*pts[0], *pts[1])
                else:
                    pdf.polyline(pts)
            elif shape.op == "dot":
                pdf.set_fill_color(r, g, b)
                (cx, cy), rad = pts[0], shape.width
                pdf.ellipse(cx - rad, cy - rad, 2 * rad, 2 * rad, style="F")
            elif shape.op == "text":
                pdf.set_text_color(r, g, b)
                self.font(shape.size)
                text = self.t(shape.text)
                tx, ty = pts[0]
                w = pdf.get_string_width(text)
                tx -= {"l": 0.0, "m": w / 2, "r": w}[shape.align]
                pdf.text(tx, ty, text)
        pdf.set_text_color(0, 0, 0)
        pdf.set_draw_color(0, 0, 0)


FIGURE_WIDTHS = (82.0, 34.0, 34.0, 32.0)
WORST_WIDTHS = (8.0, 62.0, 17.0, 12.0, 19.0, 20.0, 20.0, 24.0)
WORST_ALIGNS = ("C", "L", "L", "R", "L", "R", "R", "R")


def render_pdf(content: BriefContent) -> bytes:
    doc = _Pdf()
    pdf = doc.pdf
    pdf.set_title(f"{content.title} — {content.period_label}")
    pdf.set_author(content.province)
    pdf.set_creator("Oversight")
    doc.font(8)
    pdf.set_xy(MARGIN_X, MARGIN_TOP)
    pdf.cell(0, 4, doc.t(content.exported_line), align="R")
    pdf.set_xy(MARGIN_X, MARGIN_TOP)
    doc.line_of(content.province, 10.5, bold=True, h=5)
    pdf.ln(2)
    doc.line_of(content.title, 13.5, bold=True, align="C", h=7)
    doc.line_of(content.period_label, 11, bold=True, align="C", h=5.5)
    doc.line_of(content.range_line, 9, align="C", h=4.5)
    doc.line_of(content.scope_line, 8, align="C", h=4.5)

    doc.section("1. Các chỉ số chính")
    doc.table(
        FIGURE_HEADERS,
        [(f.label, f.current, f.previous, f.change) for f in content.figures],
        FIGURE_WIDTHS,
        ("L", "R", "R", "R"),
    )

    doc.section("2. Nhận định")
    doc.font(8.5)
    for sentence in content.findings:
        pdf.multi_cell(PAGE_W - 2 * MARGIN_X, 4.2, doc.t("• " + sentence), align="J", new_x="LMARGIN", new_y="NEXT")

    doc.section(f"3. {content.worst_title}")
    if content.worst:
        doc.table(WORST_HEADERS, content.worst, WORST_WIDTHS, WORST_ALIGNS)
    else:
        doc.line_of("Không có đơn vị đủ số liệu để xếp hạng.", 8.5, h=5)
    doc.font(7)
    pdf.multi_cell(PAGE_W - 2 * MARGIN_X, 3.5, doc.t(" ".join(content.notes)), new_x="LMARGIN", new_y="NEXT")

    doc.section("4. Xu hướng 12 tháng")
    top = pdf.get_y()
    room = PAGE_H - MARGIN_BOTTOM - top
    height = max(30.0, min(72.0, room))
    doc.chart(content.trend, MARGIN_X, top, PAGE_W - 2 * MARGIN_X, height)
    if top + height > PAGE_H - MARGIN_BOTTOM + 0.01:
        log.warning("the brief's chart was squeezed to %.0f mm", height)
    return bytes(pdf.output())


# ---------------------------------------------------------------------------------------------- DOCX

DOCX_FONT = "Times New Roman"


def render_docx(content: BriefContent) -> bytes:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(1.8)
    section.top_margin, section.bottom_margin = Cm(1.2), Cm(1.2)
    section.header_distance = section.footer_distance = Cm(0.6)
    normal = document.styles["Normal"]
    normal.font.name = DOCX_FONT
    normal.font.size = Pt(10)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), DOCX_FONT)
    lang = normal.element.get_or_add_rPr().makeelement(qn("w:lang"), {qn("w:val"): "vi-VN"})
    normal.element.get_or_add_rPr().append(lang)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    core = document.core_properties
    core.title = f"{content.title} — {content.period_label}"
    core.author = content.province
    core.language = "vi-VN"

    def para(text: str, size: float = 10, bold=False, align=None, after: float = 0, italic=False, colour=None):
        p = document.add_paragraph()
        run = p.add_run(text)
        run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
        if colour:
            run.font.color.rgb = RGBColor(*colour)
        if align:
            p.alignment = align
        p.paragraph_format.space_after = Pt(after)
        return p

    def table(headers, rows, widths_cm, aligns):
        t = document.add_table(rows=1 + len(rows), cols=len(headers))
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        align_map = {"L": WD_ALIGN_PARAGRAPH.LEFT, "C": WD_ALIGN_PARAGRAPH.CENTER, "R": WD_ALIGN_PARAGRAPH.RIGHT}
        for r, values in enumerate([headers, *rows]):
            for c, value in enumerate(values):
                cell = t.cell(r, c)
                cell.width = Cm(widths_cm[c])
                p = cell.paragraphs[0]
                run = p.add_run(str(value))
                run.font.size = Pt(8.5)
                run.font.bold = r == 0
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER if r == 0 else align_map[aligns[c]]
                if r == 0:
                    shading = cell._tc.get_or_add_tcPr().makeelement(
                        qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): "DCE6F1"}
                    )
                    cell._tc.get_or_add_tcPr().append(shading)
        return t

    para(content.exported_line, 8, align=WD_ALIGN_PARAGRAPH.RIGHT, colour=(85, 85, 85))
    para(content.province, 11, bold=True, after=4)
    para(content.title, 13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(content.period_label, 11.5, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(content.range_line, 10, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(content.scope_line, 9, align=WD_ALIGN_PARAGRAPH.CENTER, italic=True, after=4)

    para("1. Các chỉ số chính", 10.5, bold=True, after=2)
    table(
        FIGURE_HEADERS,
        [(f.label, f.current, f.previous, f.change) for f in content.figures],
        [w / 10 for w in FIGURE_WIDTHS],
        ("L", "R", "R", "R"),
    )
    para("2. Nhận định", 10.5, bold=True, after=2).paragraph_format.space_before = Pt(4)
    for sentence in content.findings:
        para("• " + sentence, 9.5, align=WD_ALIGN_PARAGRAPH.JUSTIFY, after=1)
    para(f"3. {content.worst_title}", 10.5, bold=True, after=2).paragraph_format.space_before = Pt(4)
    if content.worst:
        table(WORST_HEADERS, content.worst, [w / 10 for w in WORST_WIDTHS], WORST_ALIGNS)
    else:
        para("Không có đơn vị đủ số liệu để xếp hạng.", 9.5)
    para(" ".join(content.notes), 8, italic=True)
    para("4. Xu hướng 12 tháng", 10.5, bold=True, after=2).paragraph_format.space_before = Pt(4)
    picture = document.add_paragraph()
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    width_mm, height_mm = 174.0, 60.0
    picture.add_run().add_picture(io.BytesIO(trend_png(content.trend, width_mm, height_mm)), width=Cm(width_mm / 10))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------- API


def brief_pdf(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    group: str = "all",
    units: str = "reported",
    settings: Settings | None = None,
    *,
    exported_at: datetime | None = None,
    field: str | None = None,
) -> bytes:
    """The one-page A4 brief as PDF bytes."""
    return render_pdf(brief_content(con, period, group, units, settings, exported_at, field))


def brief_docx(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    group: str = "all",
    units: str = "reported",
    settings: Settings | None = None,
    *,
    exported_at: datetime | None = None,
    field: str | None = None,
) -> bytes:
    """The one-page A4 brief as a Word document (.docx bytes)."""
    return render_docx(brief_content(con, period, group, units, settings, exported_at, field))
