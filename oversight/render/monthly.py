"""The monthly report (oversight.monthly_report) laid out as PDF (fpdf2, on oversight.render.pdf's PdfPage) and as a
Word document (python-docx, on oversight.render.word's WordPage): the same blocks, tables and column widths in
both. It runs over as many A4 portrait pages as it needs: a table's header row is repeated on every page it
continues on, a heading is never left alone at the foot of a page, and the PDF's pages are numbered.
"""

from __future__ import annotations

from oversight.monthly_report import Block, MonthlyReport
from oversight.render.pdf import MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PAGE_H, PAGE_W, ROW_H, PdfPage
from oversight.render.word import WordPage

TEXT_W = PAGE_W - 2 * MARGIN_X
FOOT = PAGE_H - MARGIN_BOTTOM - 4.0  # the page number's line is below this
KEEP_WITH_NEXT = 18.0  # mm a heading needs below it, else it starts the next page


def _pdf_room(doc: PdfPage, needed: float) -> None:
    if doc.pdf.get_y() + needed > FOOT:
        doc.pdf.add_page()
        doc.pdf.set_y(MARGIN_TOP)


def _pdf_table(doc: PdfPage, block: Block) -> None:
    """The table in page-sized slices, each under its own header row."""
    rows = list(block.rows)
    while True:
        _pdf_room(doc, 2 * ROW_H)
        fits = max(1, int((FOOT - doc.pdf.get_y()) // ROW_H) - 1)
        doc.table(block.headers, rows[:fits], block.widths, block.aligns)
        rows = rows[fits:]
        if not rows:
            break
        doc.pdf.add_page()
        doc.pdf.set_y(MARGIN_TOP)
    doc.pdf.ln(1)


def pdf(report: MonthlyReport) -> bytes:
    """The monthly report as PDF bytes."""
    doc = PdfPage()
    pdf = doc.pdf
    pdf.set_title(report.document_title)
    pdf.set_author(report.province)
    pdf.set_creator("Oversight")
    pdf.set_auto_page_break(True, MARGIN_BOTTOM + 4.0)  # paragraphs flow on; tables are sliced by _pdf_table
    doc.font(8)
    pdf.set_xy(MARGIN_X, MARGIN_TOP)
    pdf.cell(0, 4, doc.t(report.exported_line), align="R")
    pdf.set_xy(MARGIN_X, MARGIN_TOP)
    doc.line_of(report.province, 10.5, bold=True, h=5)
    pdf.ln(3)
    doc.line_of(report.title, 14, bold=True, align="C", h=7)
    doc.line_of(report.subtitle, 11, bold=True, align="C", h=5.5)
    doc.font(8.5)
    pdf.multi_cell(TEXT_W, 4.2, doc.t(report.purpose), align="C", new_x="LMARGIN", new_y="NEXT")
    doc.line_of(report.range_line, 9, align="C", h=4.8)
    pdf.ln(1)
    for block in report.blocks:
        if block.kind == "heading":
            _pdf_room(doc, KEEP_WITH_NEXT)
            if block.level == 1:
                doc.section(block.text)
            else:
                pdf.ln(0.5)
                doc.line_of(block.text, 9, bold=True, h=5)
        elif block.kind == "table":
            _pdf_table(doc, block)
        else:
            size, prefix = {"bullet": (8.5, "• "), "note": (7, ""), "para": (8.5, "")}[block.kind]
            doc.font(size)
            pdf.multi_cell(TEXT_W, size * 0.5, doc.t(prefix + block.text), align="J", new_x="LMARGIN", new_y="NEXT")
    pages = pdf.pages_count
    pdf.set_auto_page_break(False)
    for number in range(1, pages + 1):
        pdf.page = number
        doc.font(7)
        pdf.set_xy(MARGIN_X, PAGE_H - MARGIN_BOTTOM - 3)
        pdf.cell(TEXT_W, 3, doc.t(f"{report.document_title} — trang {number}/{pages}"), align="C")
    pdf.page = pages
    return bytes(pdf.output())


def _repeat_header(table) -> None:
    """Word repeats the table's first row at the top of every page the table continues on."""
    from docx.oxml.ns import qn

    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(tr_pr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))


def docx(report: MonthlyReport) -> bytes:
    """The monthly report as a Word document (.docx bytes)."""
    doc = WordPage(report.document_title, report.province)
    para = doc.para
    para(report.exported_line, 8, align="R", colour=(85, 85, 85))
    para(report.province, 11, bold=True, after=6)
    para(report.title, 14, bold=True, align="C")
    para(report.subtitle, 12, bold=True, align="C", after=2)
    para(report.purpose, 10, align="C", italic=True, after=2)
    para(report.range_line, 10, align="C", after=6)
    for block in report.blocks:
        if block.kind == "heading":
            p = para(
                block.text, 11 if block.level == 1 else 10, bold=True, after=3, before=6 if block.level == 1 else 3
            )
            p.paragraph_format.keep_with_next = True
        elif block.kind == "table":
            table = doc.table(block.headers, block.rows, [w / 10 for w in block.widths], block.aligns)
            _repeat_header(table)
            para("", 4)
        elif block.kind == "bullet":
            para("• " + block.text, 10, align="J", after=2)
        elif block.kind == "note":
            para(block.text, 8.5, italic=True, after=2)
        else:
            para(block.text, 10, align="J", after=2)
    return doc.bytes()
