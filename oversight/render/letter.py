"""Reminder letters (văn bản đôn đốc, nhắc nhở) as Word files: a .docx template with placeholders, filled.

The template (oversight/templates/thu_nhac_nho.docx, built by oversight.render.letter_template, or the
province's own file named by OVERSIGHT_LETTER_TEMPLATE) holds the letter's wording and layout (Nghị định
30/2020/NĐ-CP, Phụ lục I). Its placeholders are written `{{name}}` (PLACEHOLDERS lists them with their meaning);
the paragraph that holds only `{{bang_danh_sach}}` (TABLES_MARKER) is replaced by the tables of the unit's late
items. Word often splits what a user types into several runs (spelling marks, an edit in the middle): a
placeholder is found in the text of the whole paragraph, and the runs it spans are merged into the first one,
which keeps its formatting.

Everything filled in is plain text (python-docx writes text nodes: no field codes, no markup, no formulas), with
the characters XML forbids removed; a value is never searched for placeholders again, so a text from an upload
that looks like `{{ten_don_vi}}` stays as written.

Like the other renderers, this module reads no database and decides no figure: it is handed a `LetterContent`
(oversight.letters words it) and returns bytes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

DOCX_FONT = "Times New Roman"
DEFAULT_TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "thu_nhac_nho.docx"
TABLES_MARKER = "bang_danh_sach"
PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")
# Characters XML 1.0 forbids (python-docx / lxml refuse them): control characters but tab, LF, CR.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_TEMPLATE_MB = 20

# Every placeholder a template may use, with what it becomes (README.md and docs/letters.md list the same).
PLACEHOLDERS: dict[str, str] = {
    "co_quan_chu_quan": "cơ quan chủ quản, chữ in hoa: «UBND TỈNH ĐỒNG NAI»",
    "co_quan_ban_hanh": "cơ quan ban hành (cài đặt OVERSIGHT_LETTER_ISSUER, mặc định «VĂN PHÒNG»)",
    "so_van_ban": "số, ký hiệu văn bản: «…/…» để điền tay (hoặc số đã nhập)",
    "dia_danh": "địa danh ghi ở dòng ngày tháng: «Đồng Nai»",
    "ngay_van_ban": "«ngày … tháng … năm 2025» để điền tay (hoặc ngày đã nhập)",
    "trich_yeu": "trích yếu sau «V/v»: mức độ và lý do, ví dụ «nhắc nhở do chậm thực hiện nhiệm vụ …»",
    "muc_do": "mức độ: «nhắc nhở», «phê bình» hoặc «kiểm điểm»",
    "ly_do": "lý do người soạn nhập",
    "tinh": "«tỉnh Đồng Nai»",
    "ten_don_vi": "tên đầy đủ của đơn vị: «Xã Long Phước», «Sở Tư pháp»",
    "kinh_gui": "nơi nhận sau «Kính gửi»: «Ủy ban nhân dân xã Long Phước», «Sở Tư pháp»",
    "ky_bao_cao": "kỳ báo cáo, viết thường: «tháng 10/2025», «quý IV/2025»",
    "tu_ngay": "ngày đầu kỳ: «01/10/2025»",
    "den_ngay": "ngày cuối kỳ (ngày tính số ngày quá hạn của mục chưa hoàn thành): «31/10/2025»",
    "tom_tat": "câu tóm tắt số liệu của đơn vị trong kỳ (nhiệm vụ, hồ sơ, phản ánh; điểm, xếp loại, hạng)",
    "so_nhiem_vu_qua_han": "số nhiệm vụ hoàn thành quá hạn và đang quá hạn",
    "so_ho_so_tre_han": "số hồ sơ TTHC giải quyết quá hạn và đang quá hạn",
    "so_phan_anh_qua_han": "số phản ánh, kiến nghị xử lý quá hạn và đang quá hạn",
    "ty_le_nhiem_vu_qua_han": "tỷ lệ nhiệm vụ quá hạn: «25,0 %»",
    "ty_le_ho_so_tre_han": "tỷ lệ hồ sơ TTHC trễ hạn",
    "ty_le_phan_anh_qua_han": "tỷ lệ phản ánh, kiến nghị quá hạn",
    "diem": "điểm kỷ luật, kỷ cương (0–100) hoặc «chưa đủ số liệu»",
    "xep_loai": "xếp loại: «Tốt», «Khá», «Trung bình», «Yếu»",
    "yeu_cau": "mở đầu đoạn yêu cầu theo mức độ: «Ủy ban nhân dân tỉnh nhắc nhở … và đề nghị Thủ trưởng đơn vị»",
    "han_bao_cao": "hạn báo cáo kết quả khắc phục: «14/11/2025»",
    "ngay_lap": "ngày lập dự thảo: «05/11/2025»",
    TABLES_MARKER: "đoạn riêng: thay bằng các bảng nhiệm vụ, hồ sơ, phản ánh trễ hạn của đơn vị",
}


class TemplateError(ValueError):
    """A template that cannot be used, with a Vietnamese message naming the file and what is wrong."""


@dataclass(frozen=True)
class ItemTable:
    """One kind's late items as the letter lists them: a heading, column headers and widths, rows of text."""

    heading: str
    headers: tuple[str, ...]
    widths_cm: tuple[float, ...]
    aligns: tuple[str, ...]  # "L", "C", "R" per column
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = ()  # sentences under the table (rows left out, aggregates without a list, …)


@dataclass(frozen=True)
class LetterContent:
    """One unit's letter, worded: the placeholder values and the tables."""

    unit_id: int
    values: dict[str, str]
    tables: tuple[ItemTable, ...] = ()
    closing_notes: tuple[str, ...] = field(default=())  # sentences after the tables (when the days are counted)
    title: str = "Văn bản nhắc nhở"


def plain(value: object) -> str:
    """A value as text a .docx can hold: str(), XML-illegal characters removed."""
    return _XML_ILLEGAL.sub("", "" if value is None else str(value))


# --------------------------------------------------------------------------------------------- template


def load_template(path: Path | None):
    """The template as a python-docx Document: `path` (the province's own) or DEFAULT_TEMPLATE. A missing,
    oversized or unreadable file raises TemplateError (Vietnamese)."""
    from docx import Document

    source = Path(path) if path else DEFAULT_TEMPLATE
    try:
        size = source.stat().st_size
        if size > MAX_TEMPLATE_MB * 1024 * 1024:
            raise TemplateError(f"Mẫu văn bản «{source}» quá lớn (trên {MAX_TEMPLATE_MB} MB).")
        data = source.read_bytes()
    except OSError as exc:
        raise TemplateError(
            f"Không đọc được mẫu văn bản «{source}» (cài đặt OVERSIGHT_LETTER_TEMPLATE): {exc.strerror or exc}."
        ) from exc
    try:
        return Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds on a file that is not a .docx
        raise TemplateError(f"Tệp «{source}» không phải văn bản Word (.docx) hợp lệ; không dùng làm mẫu được.") from exc


def _paragraphs(document) -> Iterator:
    """Every paragraph of the document: the body, its tables (nested too), headers and footers."""

    def walk(container) -> Iterator:
        yield from container.paragraphs
        for table in container.tables:
            for row in table.rows:
                for cell in row.cells:
                    yield from walk(cell)

    yield from walk(document)
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            if part is not None and not part.is_linked_to_previous:
                yield from walk(part)


def placeholders_in(document) -> list[str]:
    """The placeholder names the document uses, in order, each once."""
    seen: dict[str, None] = {}
    for paragraph in _paragraphs(document):
        for match in PLACEHOLDER.finditer("".join(run.text for run in paragraph.runs)):
            seen.setdefault(match.group(1), None)
    return list(seen)


def check_template(document, source: str = "mẫu văn bản") -> None:
    """Refuse a template with an unknown placeholder (a typo would be printed as is) or without the tables'
    paragraph."""
    names = placeholders_in(document)
    unknown = [n for n in names if n not in PLACEHOLDERS]
    if unknown:
        listed = ", ".join("{{" + n + "}}" for n in unknown)
        raise TemplateError(
            f"{source} có trường không xác định: {listed}. Các trường dùng được: "
            + ", ".join("{{" + n + "}}" for n in PLACEHOLDERS)
            + "."
        )
    if TABLES_MARKER not in names:
        raise TemplateError(f"{source} thiếu đoạn {{{{{TABLES_MARKER}}}}} (nơi đặt bảng danh sách trễ hạn của đơn vị).")


def fill_paragraph(paragraph, values: dict[str, str]) -> None:
    """Replace every {{name}} of the paragraph by values[name] (plain text), even when Word split it across
    runs: the runs a placeholder spans are merged into its first run, the others keep their text and format."""
    runs = list(paragraph.runs)
    if not runs:
        return
    texts = [run.text for run in runs]
    full = "".join(texts)
    matches = list(PLACEHOLDER.finditer(full))
    if not matches:
        return
    starts = []
    position = 0
    for text in texts:
        starts.append(position)
        position += len(text)

    def locate(offset: int) -> tuple[int, int]:
        """(run index, offset in that run) of a character offset of the paragraph's text."""
        for index in range(len(runs) - 1, -1, -1):
            if starts[index] <= offset and (offset < starts[index] + len(texts[index]) or index == len(runs) - 1):
                return index, offset - starts[index]
        return 0, offset

    for match in reversed(matches):  # from the end: earlier offsets stay valid
        name = match.group(1)
        if name not in values:
            continue
        first, first_at = locate(match.start())
        last, last_at = locate(match.end() - 1)
        value = plain(values[name])
        if first == last:
            texts[first] = texts[first][:first_at] + value + texts[first][last_at + 1 :]
        else:
            texts[first] = texts[first][:first_at] + value
            for middle in range(first + 1, last):
                texts[middle] = ""
            texts[last] = texts[last][last_at + 1 :]
    for run, text in zip(runs, texts, strict=True):
        if run.text != text:
            run.text = text


# --------------------------------------------------------------------------------------------- tables


def _set_cell_shading(cell, fill: str) -> None:
    from docx.oxml.ns import qn

    properties = cell._tc.get_or_add_tcPr()
    shading = properties.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill})
    properties.append(shading)


def _run_font(run, size: float, bold: bool = False, italic: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = DOCX_FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), DOCX_FONT)


def _paragraph_before(anchor, text: str, size: float, bold=False, italic=False, indent_cm: float = 0.0):
    """A new paragraph just before `anchor` (a paragraph), justified, 6 pt after."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    paragraph = anchor.insert_paragraph_before()
    paragraph.style = anchor.style
    run = paragraph.add_run(plain(text))
    _run_font(run, size, bold, italic)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Cm(indent_cm)
    paragraph.paragraph_format.space_before = Pt(3)
    paragraph.paragraph_format.space_after = Pt(3)
    return paragraph


def _table_before(document, anchor, table: ItemTable, size: float = 11) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    aligns = {"L": WD_ALIGN_PARAGRAPH.LEFT, "C": WD_ALIGN_PARAGRAPH.CENTER, "R": WD_ALIGN_PARAGRAPH.RIGHT}
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.headers))
    try:
        grid.style = "Table Grid"
    except KeyError:  # a province's template without the built-in table style: borders set by hand
        borders = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            element = OxmlElement(f"w:{edge}")
            for key, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "000000")):
                element.set(qn(f"w:{key}"), value)
            borders.append(element)
        grid._tbl.tblPr.append(borders)
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    for column, width in zip(grid.columns, table.widths_cm, strict=True):
        column.width = Cm(width)  # the grid's widths (LibreOffice reads these, Word the cells')
    for r, values in enumerate([table.headers, *table.rows]):
        for c, value in enumerate(values):
            cell = grid.cell(r, c)
            cell.width = Cm(table.widths_cm[c])
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.first_line_indent = Cm(0)
            run = paragraph.add_run(plain(value))
            _run_font(run, size, bold=r == 0)
            paragraph.alignment = aligns["C" if r == 0 else table.aligns[c]]
            if r == 0:
                _set_cell_shading(cell, "F2F2F2")
    # a row never breaks across pages; the header row repeats on every page the table runs onto
    for index, row in enumerate(grid.rows):
        properties = row._tr.get_or_add_trPr()
        keep = OxmlElement("w:cantSplit")
        keep.set(qn("w:val"), "true")
        properties.append(keep)
        if index == 0:
            repeat = OxmlElement("w:tblHeader")
            repeat.set(qn("w:val"), "true")
            properties.append(repeat)
    anchor._p.addprevious(grid._tbl)


def _insert_tables(document, marker, content: LetterContent, size: float) -> None:
    for table in content.tables:
        heading = _paragraph_before(marker, table.heading, size, bold=True, indent_cm=1.0)
        heading.paragraph_format.keep_with_next = True  # never alone at the foot of a page
        if table.rows:
            _table_before(document, marker, table)
        for note in table.notes:
            _paragraph_before(marker, note, size - 1, italic=True, indent_cm=1.0)
    for note in content.closing_notes:
        _paragraph_before(marker, note, size - 1, italic=True, indent_cm=1.0)
    marker._p.getparent().remove(marker._p)


def _marker_size(paragraph) -> float:
    for run in paragraph.runs:
        if run.font.size is not None:
            return run.font.size.pt
    style = paragraph.style
    while style is not None:
        if style.font is not None and style.font.size is not None:
            return style.font.size.pt
        style = style.base_style
    return 14.0


# --------------------------------------------------------------------------------------------- render


def render(content: LetterContent, template: Path | None = None) -> bytes:
    """The letter as .docx bytes: the template (`template`, else DEFAULT_TEMPLATE) with every placeholder
    replaced and the item tables where {{bang_danh_sach}} stands."""
    document = load_template(template)
    check_template(document, f"Mẫu văn bản «{(template or DEFAULT_TEMPLATE).name}»")
    values = {**{k: v for k, v in content.values.items() if k != TABLES_MARKER}, TABLES_MARKER: ""}
    markers = []
    for paragraph in list(_paragraphs(document)):
        names = {m.group(1) for m in PLACEHOLDER.finditer("".join(run.text for run in paragraph.runs))}
        if TABLES_MARKER in names:
            markers.append(paragraph)
        fill_paragraph(paragraph, values)
    for index, marker in enumerate(markers):
        if marker.text.strip():  # the marker shared its paragraph with other text: the tables go after it
            from docx.oxml import OxmlElement
            from docx.text.paragraph import Paragraph

            empty = OxmlElement("w:p")
            marker._p.addnext(empty)
            marker = Paragraph(empty, marker._parent)
        if index == 0:
            _insert_tables(document, marker, content, _marker_size(markers[0]))
        else:  # a second marker: the tables once are enough
            marker._p.getparent().remove(marker._p)
    core = document.core_properties
    core.title = plain(content.title)[:250]
    core.language = "vi-VN"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def table_texts(document) -> Sequence[list[list[str]]]:
    """Every table of the body as rows of cell texts (for tests and the index)."""
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
