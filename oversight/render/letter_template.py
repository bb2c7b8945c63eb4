"""Builds the reminder letter's template shipped with the product (oversight/templates/thu_nhac_nho.docx).

    .venv/bin/python -m oversight.render.letter_template [output.docx]

The layout is that of a công văn in Nghị định 30/2020/NĐ-CP (Phụ lục I, mẫu 1.4 and section II on the
format): A4, margins top and bottom 2 cm, left 3 cm, right 1.5 cm; Times New Roman; a borderless two-column
header table (left: the governing body 13 pt, the issuing body 13 pt bold, a short rule, «Số: …/…» 13 pt and
the trích yếu «V/v …» 12 pt under it; right: the quốc hiệu 12 pt bold upper case, the tiêu ngữ 14 pt bold with a
rule under it, the place and date 14 pt italic); «Kính gửi:» 14 pt; the body 14 pt justified with a first-line
indent; «Nơi nhận:» 12 pt bold italic and its list 11 pt; the signature block 14 pt bold. The wording uses the
placeholders of oversight.render.letter.PLACEHOLDERS; a province's office may write its own template from
this one (docs/letters.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

from oversight.render.letter import DEFAULT_TEMPLATE, DOCX_FONT

BODY = 14
BODY_PARAGRAPHS = (
    "Theo số liệu tổng hợp trên Hệ thống theo dõi kỷ luật, kỷ cương hành chính {{tinh}}, trong {{ky_bao_cao}} "
    "(từ ngày {{tu_ngay}} đến ngày {{den_ngay}}), {{ten_don_vi}} còn để xảy ra tình trạng chậm trễ: {{tom_tat}}",
    "Danh sách cụ thể như sau:",
    "{{bang_danh_sach}}",
    "{{yeu_cau}} khẩn trương chỉ đạo hoàn thành các nhiệm vụ, giải quyết dứt điểm các hồ sơ thủ tục hành chính, "
    "phản ánh, kiến nghị còn quá hạn nêu trên; làm rõ nguyên nhân, trách nhiệm của tập thể, cá nhân có liên quan; "
    "có biện pháp khắc phục, không để tình trạng chậm trễ tái diễn.",
    "Báo cáo kết quả thực hiện gửi Ủy ban nhân dân tỉnh (qua Văn phòng Ủy ban nhân dân tỉnh) trước ngày "
    "{{han_bao_cao}}. Kết quả khắc phục được Sở Nội vụ tổng hợp, theo dõi làm căn cứ đánh giá, chấm điểm chỉ số "
    "cải cách hành chính của cơ quan, đơn vị.",
    "Ủy ban nhân dân tỉnh đề nghị {{ten_don_vi}} nghiêm túc thực hiện./.",
)
RECIPIENTS = ("- Như trên;", "- Chủ tịch, các PCT UBND tỉnh;", "- Sở Nội vụ (theo dõi);", "- Lưu: VT.")
SIGNATURE = ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")


def _font(run, size: float, bold=False, italic=False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = DOCX_FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), DOCX_FONT)


def _para(container, text: str, size: float, bold=False, italic=False, align="C", before=0.0, after=0.0):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = container.add_paragraph()
    if text:
        _font(paragraph.add_run(text), size, bold, italic)
    paragraph.alignment = {
        "C": WD_ALIGN_PARAGRAPH.CENTER,
        "L": WD_ALIGN_PARAGRAPH.LEFT,
        "J": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.space_after = Pt(after)
    return paragraph


def _rule(container, indent_cm: float) -> None:
    """A short centred rule: an empty 2 pt paragraph with a bottom border, indented on both sides."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    paragraph = _para(container, "", 2)
    paragraph.paragraph_format.left_indent = Cm(indent_cm)
    paragraph.paragraph_format.right_indent = Cm(indent_cm)
    paragraph.paragraph_format.line_spacing = Pt(2)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _borderless(table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _two_columns(document, widths_cm: tuple[float, float]):
    from docx.shared import Cm

    table = document.add_table(rows=1, cols=2)
    _borderless(table)
    table.autofit = False
    for column, cell, width in zip(table.columns, table.rows[0].cells, widths_cm, strict=True):
        column.width = cell.width = Cm(width)
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)  # start empty
    return table.rows[0].cells


def build_document():
    """The template as a python-docx Document."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    normal = document.styles["Normal"]
    normal.font.name = DOCX_FONT
    normal.font.size = Pt(BODY)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), DOCX_FONT)
    normal.element.get_or_add_rPr().append(
        normal.element.get_or_add_rPr().makeelement(qn("w:lang"), {qn("w:val"): "vi-VN"})
    )
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    document.core_properties.title = "Văn bản nhắc nhở"
    document.core_properties.language = "vi-VN"
    document.core_properties.author = "Oversight"

    left, right = _two_columns(document, (6.3, 10.2))
    _para(left, "{{co_quan_chu_quan}}", 13)
    _para(left, "{{co_quan_ban_hanh}}", 13, bold=True)
    _rule(left, 2.0)
    _para(left, "Số: {{so_van_ban}}", 13, before=6)
    _para(left, "V/v {{trich_yeu}}", 12, before=2)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True)
    _para(right, "Độc lập - Tự do - Hạnh phúc", 14, bold=True)
    _rule(right, 2.3)
    _para(right, "{{dia_danh}}, {{ngay_van_ban}}", 14, italic=True, before=6)

    _para(document, "Kính gửi: {{kinh_gui}}.", BODY, before=18, after=12)
    for text in BODY_PARAGRAPHS:
        paragraph = _para(document, text, BODY, align="J", after=6)
        paragraph.paragraph_format.first_line_indent = Cm(1.0)

    left, right = _two_columns(document, (8.0, 8.5))
    _para(left, "Nơi nhận:", 12, bold=True, italic=True, align="L", before=12)
    for line in RECIPIENTS:
        _para(left, line, 11, align="L")
    for index, line in enumerate(SIGNATURE):
        _para(right, line, BODY, bold=True, before=12 if index == 0 else 0)
    for _ in range(4):
        _para(right, "", BODY)
    return document


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else DEFAULT_TEMPLATE
    target.parent.mkdir(parents=True, exist_ok=True)
    build_document().save(target)
    print(f"Đã ghi mẫu văn bản: {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
