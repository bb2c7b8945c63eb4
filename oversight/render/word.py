"""Word documents (python-docx): an A4 portrait document in Times New Roman with Vietnamese set as its language
(`WordPage`: paragraphs, bordered tables with a shaded header row, a picture), and the one-page brief laid out
on it (`brief`, with the same sections, tables and column widths as the PDF's).

The trend chart is the PDF's drawing rasterised into a PNG (oversight.render.drawing.trend_png).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from oversight.brief import FIGURE_HEADERS, WORST_HEADERS, BriefContent
from oversight.render.drawing import trend_png
from oversight.render.pdf import FIGURE_WIDTHS, WORST_ALIGNS, WORST_WIDTHS

DOCX_FONT = "Times New Roman"


class WordPage:
    """An A4 document (1.8 cm side margins, 1.2 cm top and bottom) whose Normal style is DOCX_FONT 10 pt,
    language vi-VN, no spacing; `title` and `author` go into its properties. Alignments are "L", "C", "R", "J"."""

    def __init__(self, title: str, author: str):
        from docx import Document
        from docx.oxml.ns import qn
        from docx.shared import Cm, Pt

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
        core.title = title
        core.author = author
        core.language = "vi-VN"
        self.document = document

    @staticmethod
    def _alignment(code: str):
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        return {
            "L": WD_ALIGN_PARAGRAPH.LEFT,
            "C": WD_ALIGN_PARAGRAPH.CENTER,
            "R": WD_ALIGN_PARAGRAPH.RIGHT,
            "J": WD_ALIGN_PARAGRAPH.JUSTIFY,
        }[code]

    def para(
        self,
        text: str,
        size: float = 10,
        bold=False,
        align: str | None = None,
        after: float = 0,
        italic=False,
        colour=None,
        before: float | None = None,
    ):
        """One paragraph of one run; `after` / `before` are the spacing in points."""
        from docx.shared import Pt, RGBColor

        p = self.document.add_paragraph()
        run = p.add_run(text)
        run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
        if colour:
            run.font.color.rgb = RGBColor(*colour)
        if align:
            p.alignment = self._alignment(align)
        p.paragraph_format.space_after = Pt(after)
        if before is not None:
            p.paragraph_format.space_before = Pt(before)
        return p

    def table(
        self, headers: Sequence[str], rows: Sequence[Sequence[str]], widths_cm: Sequence[float], aligns: Sequence[str]
    ):
        """A centred grid table, 8.5 pt, with a bold centred header row shaded light blue."""
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.oxml.ns import qn
        from docx.shared import Cm, Pt

        t = self.document.add_table(rows=1 + len(rows), cols=len(headers))
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        for r, values in enumerate([headers, *rows]):
            for c, value in enumerate(values):
                cell = t.cell(r, c)
                cell.width = Cm(widths_cm[c])
                p = cell.paragraphs[0]
                run = p.add_run(str(value))
                run.font.size = Pt(8.5)
                run.font.bold = r == 0
                p.alignment = self._alignment("C" if r == 0 else aligns[c])
                if r == 0:
                    shading = cell._tc.get_or_add_tcPr().makeelement(
                        qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): "DCE6F1"}
                    )
                    cell._tc.get_or_add_tcPr().append(shading)
        return t

    def picture(self, png: bytes, width_mm: float) -> None:
        """A centred paragraph holding the PNG image, `width_mm` wide."""
        from docx.shared import Cm

        paragraph = self.document.add_paragraph()
        paragraph.alignment = self._alignment("C")
        paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(width_mm / 10))

    def bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def brief(content: BriefContent) -> bytes:
    """The one-page A4 brief as a Word document (.docx bytes)."""
    doc = WordPage(f"{content.title} — {content.period_label}", content.province)
    para, table = doc.para, doc.table
    para(content.exported_line, 8, align="R", colour=(85, 85, 85))
    para(content.province, 11, bold=True, after=4)
    para(content.title, 13, bold=True, align="C")
    para(content.period_label, 11.5, bold=True, align="C")
    para(content.range_line, 10, align="C")
    para(content.scope_line, 9, align="C", italic=True, after=4)

    para("1. Các chỉ số chính", 10.5, bold=True, after=2)
    table(
        FIGURE_HEADERS,
        [(f.label, f.current, f.previous, f.change) for f in content.figures],
        [w / 10 for w in FIGURE_WIDTHS],
        ("L", "R", "R", "R"),
    )
    para("2. Nhận định", 10.5, bold=True, after=2, before=4)
    for sentence in content.findings:
        para("• " + sentence, 9.5, align="J", after=1)
    para(f"3. {content.worst_title}", 10.5, bold=True, after=2, before=4)
    if content.worst:
        table(WORST_HEADERS, content.worst, [w / 10 for w in WORST_WIDTHS], WORST_ALIGNS)
    else:
        para("Không có đơn vị đủ số liệu để xếp hạng.", 9.5)
    para(" ".join(content.notes), 8, italic=True)
    para("4. Xu hướng 12 tháng", 10.5, bold=True, after=2, before=4)
    width_mm, height_mm = 174.0, 60.0
    doc.picture(trend_png(content.trend, width_mm, height_mm), width_mm)
    return doc.bytes()
