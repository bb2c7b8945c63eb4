"""The one-page brief in the browser, laid out to print on one A4 page (the page "Báo cáo nhanh").

The content is `oversight.brief.brief_content`, the same BriefContent the PDF and Word files lay out, so the
printed page, the PDF and the DOCX say the same thing. Here it becomes one HTML "sheet" (every text from the
data escaped; the trend chart is the brief's own drawing, `drawing.trend_drawing`, as an SVG image) and a
print stylesheet: A4 portrait, 12 mm margins, Streamlit's chrome (sidebar, header, toolbar, decoration bar)
and the page's own controls hidden, so the browser's print (or "Save as PDF") gives exactly the sheet.

The content is cached like `data.call` caches the metrics: per database, data version and the current
principal's scope, so one person's figures are never served to another.
"""

from __future__ import annotations

import base64
import dataclasses
import html
from datetime import datetime

import streamlit as st

from oversight import access, brief
from oversight.brief import BriefContent
from oversight.config import load_settings
from oversight.periods import Period
from oversight.render import drawing
from oversight.ui import data

SCREEN_KEY = "brief_screen"  # the container of everything on the page that is not printed
PRINT_LABEL = "In báo cáo (A4)"
CHART_MM = (186.0, 72.0)  # the printable width of A4 with 12 mm margins
PT_MM = 25.4 / 72

PRINT_CSS = f"""
<style>
@page {{ size: A4 portrait; margin: 12mm; }}
@media print {{
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stBottom"], [data-testid="stDialog"], [data-testid="stToast"],
  .st-key-{SCREEN_KEY} {{ display: none !important; }}
  html, body, .stApp, [data-testid="stApp"], [data-testid="stAppViewContainer"], [data-testid="stMain"],
  [data-testid="stMainBlockContainer"] {{
    height: auto !important; min-height: 0 !important; overflow: visible !important;
    position: static !important; background: #fff !important;
  }}
  [data-testid="stMainBlockContainer"] {{ padding: 0 !important; margin: 0 !important; max-width: none !important; }}
  .ov-brief {{ box-shadow: none !important; border: 0 !important; padding: 0 !important; margin: 0 !important;
               width: auto !important; max-width: none !important; }}
  .ov-brief * {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
}}
</style>
"""

SHEET_CSS = """
<style>
.ov-brief { max-width: 210mm; box-sizing: border-box; padding: 12mm; margin: 0 auto; background: #fff;
  color: #1f1f1f; border: 1px solid #ddd; box-shadow: 0 2px 10px rgba(0,0,0,.12);
  font-size: 8.5pt; line-height: 1.35; break-inside: avoid; }
.ov-brief .ov-top { display: flex; justify-content: space-between; align-items: baseline; }
.ov-brief .ov-province { font-weight: 700; font-size: 10.5pt; }
.ov-brief .ov-stamp { font-size: 8pt; color: #555; }
.ov-brief .ov-title { text-align: center; font-weight: 700; font-size: 13.5pt; margin: 2.5mm 0 0.5mm; }
.ov-brief .ov-period { text-align: center; font-weight: 700; font-size: 11pt; }
.ov-brief .ov-range { text-align: center; font-size: 9pt; }
.ov-brief .ov-scope { text-align: center; font-size: 8pt; font-style: italic; color: #333; }
.ov-brief h3 { font-size: 9.5pt; font-weight: 700; margin: 2.5mm 0 1mm; padding: 0; line-height: 1.3; }
.ov-brief table { border-collapse: collapse; width: 100%; font-size: 7.5pt; margin: 0; }
.ov-brief th, .ov-brief td { border: 0.2mm solid #808080; padding: 0.5mm 1.2mm; line-height: 1.25;
  white-space: nowrap; }
.ov-brief th { background: #dce6f1; text-align: center; font-weight: 700; }
.ov-brief td.r { text-align: right; font-variant-numeric: tabular-nums; }
.ov-brief td.c { text-align: center; }
.ov-brief td.name { white-space: normal; }
.ov-brief ul { margin: 0; padding-left: 4.5mm; font-size: 8.5pt; }
.ov-brief li, .ov-brief p { font-size: 8.5pt; line-height: 1.35; margin: 0 0 0.6mm; padding: 0; }
.ov-brief li { text-align: justify; }
.ov-brief .ov-notes { font-size: 7pt; color: #444; margin-top: 0.8mm; }
.ov-brief .ov-chart { display: block; width: 100%; height: auto; margin-top: 1mm; }
</style>
"""

BUTTON_HTML = """
<style>
.ov-print-button { display: inline-flex; align-items: center; gap: 0.4rem; min-height: 2.5rem;
  padding: 0.25rem 0.75rem; border-radius: 0.5rem; border: 1px solid rgba(49, 51, 63, 0.2);
  background: #fff; color: inherit; font: inherit; cursor: pointer; }
.ov-print-button .ov-icon { font-family: "Material Symbols Rounded"; font-size: 1.25rem; line-height: 1;
  font-weight: 400; font-style: normal; letter-spacing: normal; text-transform: none; white-space: nowrap;
  font-feature-settings: "liga"; -webkit-font-smoothing: antialiased; }
.ov-print-button:hover { border-color: #B3261E; color: #B3261E; }
.ov-print-button:focus-visible { outline: 2px solid #B3261E; outline-offset: 2px; }
</style>
<button type="button" class="ov-print-button" id="ov-print-brief" title="Mở hộp thoại in của trình duyệt">
<span class="ov-icon" aria-hidden="true" translate="no">print</span>LABEL</button>
<script>
(function () {
  var button = document.getElementById("ov-print-brief");
  if (button) { button.addEventListener("click", function () { window.print(); }); }
})();
</script>
"""


# ---------------------------------------------------------------------------------------------- content


@st.cache_data(show_spinner=False, max_entries=64)
def _cached_content(
    db_path: str, version: str, scope: str, period: Period, group: str, units: str, field: str | None
) -> BriefContent:
    return brief.brief_content(data.connection(), period, group=group, units=units, field=field)


def content(period: Period, group: str, units: str, field: str | None = None) -> BriefContent:
    """brief.brief_content for the filters, as the current principal (cached per data version and scope); the
    export time is the time of this page run."""
    principal = access.current()
    if principal is None:
        access.require(access.READ_AGGREGATES)  # raises: nobody may read anything
    con = data.connection()
    cached = _cached_content(
        str(load_settings().db_path), data.data_version(con), principal.cache_key, period, group, units, field
    )
    now = datetime.now(brief.LOCAL_TZ)
    return dataclasses.replace(cached, exported_line=f"Ngày xuất: {now:%d/%m/%Y %H:%M}")


# ---------------------------------------------------------------------------------------------- HTML


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def trend_svg(trend, width_mm: float = CHART_MM[0], height_mm: float = CHART_MM[1]) -> str:
    """The brief's trend chart (drawing.trend_drawing, in millimetres) as an SVG document."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(width_mm)} {_num(height_mm)}" '
        f'width="{_num(width_mm)}mm" height="{_num(height_mm)}mm" '
        'font-family="Source Sans Pro, DejaVu Sans, Arial, sans-serif">',
        f'<rect width="{_num(width_mm)}" height="{_num(height_mm)}" fill="#ffffff"/>',
    ]
    for shape in drawing.trend_drawing(trend, width_mm, height_mm):
        colour = html.escape(shape.colour, quote=True)
        dash = ' stroke-dasharray="1 1"' if shape.dashed else ""
        if shape.op == "line":
            (x1, y1), (x2, y2) = shape.points
            parts.append(
                f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" stroke="{colour}" '
                f'stroke-width="{_num(shape.width)}"{dash}/>'
            )
        elif shape.op == "polyline":
            points = " ".join(f"{_num(x)},{_num(y)}" for x, y in shape.points)
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="{_num(shape.width)}" '
                f'stroke-linejoin="round"{dash}/>'
            )
        elif shape.op == "dot":
            (x, y) = shape.points[0]
            parts.append(f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(shape.width)}" fill="{colour}"/>')
        elif shape.op == "text":
            (x, y) = shape.points[0]
            anchor = {"l": "start", "m": "middle", "r": "end"}[shape.align]
            parts.append(
                f'<text x="{_num(x)}" y="{_num(y)}" fill="{colour}" font-size="{_num(shape.size * PT_MM)}" '
                f'text-anchor="{anchor}">{html.escape(shape.text)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _table(headers, rows, classes) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td class="{c}">{html.escape(str(v))}</td>' for v, c in zip(row, classes, strict=True))
        + "</tr>"
        for row in rows
    )  # fmt: skip
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


FIGURE_CLASSES = ("name", "r", "r", "r")
WORST_CLASSES = ("c", "name", "", "r", "", "r", "r", "r")


def sheet_html(content: BriefContent, demo: bool = False) -> str:
    """The brief as one HTML block (text escaped), in the order and with the words of the PDF."""
    e = html.escape
    figures = _table(
        brief.FIGURE_HEADERS, [(f.label, f.current, f.previous, f.change) for f in content.figures], FIGURE_CLASSES
    )
    findings = "".join(f"<li>{e(s)}</li>" for s in content.findings)
    worst = (
        _table(brief.WORST_HEADERS, content.worst, WORST_CLASSES)
        if content.worst
        else "<p>Không có đơn vị đủ số liệu để xếp hạng.</p>"
    )
    notes = " ".join(content.notes) + (" Dữ liệu minh họa, không phải số liệu thực tế." if demo else "")
    chart = base64.b64encode(trend_svg(content.trend).encode("utf-8")).decode("ascii")
    return (
        SHEET_CSS + '<div class="ov-brief" data-testid="ovBrief">'
        f'<div class="ov-top"><span class="ov-province">{e(content.province)}</span>'
        f'<span class="ov-stamp">{e(content.exported_line)}</span></div>'
        f'<div class="ov-title">{e(content.title)}</div>'
        f'<div class="ov-period">{e(content.period_label)}</div>'
        f'<div class="ov-range">{e(content.range_line)}</div>'
        f'<div class="ov-scope">{e(content.scope_line)}</div>'
        f"<h3>1. Các chỉ số chính</h3>{figures}"
        f"<h3>2. Nhận định</h3><ul>{findings}</ul>"
        f"<h3>3. {e(content.worst_title)}</h3>{worst}"
        f'<div class="ov-notes">{e(notes)}</div>'
        "<h3>4. Xu hướng 12 tháng</h3>"
        f'<img class="ov-chart" alt="Biểu đồ xu hướng 12 tháng: tỷ lệ nhiệm vụ quá hạn, hồ sơ TTHC trễ hạn, '
        f'phản ánh quá hạn" src="data:image/svg+xml;base64,{chart}">'
        "</div>"
    )


# ---------------------------------------------------------------------------------------------- Streamlit


def print_styles() -> None:
    """The print stylesheet (style only: Streamlit puts it outside the page's layout)."""
    st.html(PRINT_CSS)


def print_button() -> None:
    """A button that opens the browser's print dialog (window.print(); st.html is not iframed)."""
    st.html(BUTTON_HTML.replace("LABEL", html.escape(PRINT_LABEL)), width="content", unsafe_allow_javascript=True)


def sheet(content: BriefContent, demo: bool = False) -> None:
    st.html(sheet_html(content, demo))
