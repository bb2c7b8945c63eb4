"""PDF documents (fpdf2): an A4 portrait page with the embedded fonts and its layout helpers (`PdfPage`: lines
of text, a bordered table whose cells shrink or shorten their text to fit, section headings, paragraph heights
and the drawn trend chart), and the one-page brief laid out on it (`brief`).

The page embeds DejaVu Sans (oversight.render.fonts); without it the text is written in fpdf2's core Helvetica
stripped of diacritics (a warning is logged).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import pandas as pd

from oversight.brief import FIGURE_HEADERS, WORST_HEADERS, BriefContent
from oversight.render.drawing import rgb, trend_drawing
from oversight.render.fonts import font_files
from oversight.text import strip_diacritics

log = logging.getLogger(__name__)

PAGE_W, PAGE_H = 210.0, 297.0
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 14.0, 11.0, 10.0
ROW_H = 5.2


class PdfPage:
    """One A4 portrait page (millimetres, no automatic page break) with the fonts set up."""

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
            log.warning("no DejaVu Sans font found: the PDF is written without Vietnamese diacritics")
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
            r, g, b = rgb(shape.colour)
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


# The brief's tables: column widths in mm (the Word file takes the same, in cm) and alignments.
FIGURE_WIDTHS = (82.0, 34.0, 34.0, 32.0)
WORST_WIDTHS = (8.0, 62.0, 17.0, 12.0, 19.0, 20.0, 20.0, 24.0)
WORST_ALIGNS = ("C", "L", "L", "R", "L", "R", "R", "R")


def brief(content: BriefContent) -> bytes:
    """The one-page A4 brief as PDF bytes."""
    doc = PdfPage()
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
