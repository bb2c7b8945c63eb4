"""The one-page brief: PDF (read back with pypdf) and DOCX (read back with python-docx)."""

from __future__ import annotations

import io
import math
import unicodedata

import pandas as pd
import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Length
from PIL import Image
from pypdf import PdfReader

from oversight import brief, exports, metrics
from oversight import formatting as fmt
from oversight.config import load_settings
from oversight.render import drawing, fonts

from .conftest import EXPORTED_AT, PERIOD

HEADING = "BÁO CÁO NHANH KỶ LUẬT, KỶ CƯƠNG HÀNH CHÍNH"


@pytest.fixture(scope="module")
def content(demo_con):
    return brief.brief_content(demo_con, PERIOD, exported_at=EXPORTED_AT)


@pytest.fixture(scope="module")
def pdf_bytes(demo_con):
    return exports.brief_pdf(demo_con, PERIOD, exported_at=EXPORTED_AT)


@pytest.fixture(scope="module")
def pdf_text(pdf_bytes):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    return unicodedata.normalize("NFC", "\n".join(page.extract_text() for page in reader.pages))


@pytest.fixture(scope="module")
def docx_document(demo_con):
    return Document(io.BytesIO(exports.brief_docx(demo_con, PERIOD, exported_at=EXPORTED_AT)))


@pytest.fixture(scope="module")
def worst10(demo_con):
    return metrics.worst_units(demo_con, PERIOD, "score", limit=10)


@pytest.fixture(scope="module")
def kpis(demo_con):
    return metrics.province_kpis(demo_con, PERIOD)


def expected_figures(kpis) -> list[str]:
    prev = kpis["previous"]
    return [
        fmt.percent(kpis["tasks_overdue_rate"]),
        fmt.change_points(kpis["tasks_overdue_rate"], prev["tasks_overdue_rate"]),
        fmt.number(kpis["cases_resolved_late"]),
        fmt.change_count(kpis["cases_resolved_late"], prev["cases_resolved_late"]),
        fmt.percent(kpis["cases_late_rate"]),
        fmt.change_points(kpis["cases_late_rate"], prev["cases_late_rate"]),
        fmt.number(kpis["cases_pending_overdue"]),
        fmt.percent(kpis["feedback_overdue_rate"]),
        f"{fmt.points(kpis['cases_766_progress_score'])}/20",
    ]


# ---------------------------------------------------------------------------------------------- content


def test_font_with_vietnamese_glyphs_is_found():
    files = fonts.font_files()
    assert files is not None, "DejaVu Sans not found (install matplotlib or fonts-dejavu-core)"
    from fontTools.ttLib import TTFont

    cmap = TTFont(files[""]).getBestCmap()
    assert all(
        ord(ch) in cmap
        for ch in "ẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹĐđƠơƯư−"
    )


def test_key_figures_are_the_province_kpis(content, kpis):
    figures = {f.label: f for f in content.figures}
    assert list(figures) == [
        "Tỷ lệ nhiệm vụ quá hạn",
        "Hồ sơ TTHC giải quyết quá hạn",
        "Tỷ lệ hồ sơ TTHC trễ hạn",
        "Hồ sơ đang giải quyết quá hạn",
        "Tỷ lệ phản ánh, kiến nghị quá hạn",
        "Điểm tiến độ giải quyết TTHC (QĐ 766)",
    ]
    prev = kpis["previous"]
    for figure, key in zip(
        content.figures,
        [
            "tasks_overdue_rate",
            "cases_resolved_late",
            "cases_late_rate",
            "cases_pending_overdue",
            "feedback_overdue_rate",
            "cases_766_progress_score",
        ],
        strict=True,
    ):
        assert figure.value == kpis[key] and figure.previous_value == prev[key]
    late = figures["Tỷ lệ hồ sơ TTHC trễ hạn"]
    assert late.current == fmt.percent(kpis["cases_late_rate"])
    assert late.change == fmt.change_points(kpis["cases_late_rate"], prev["cases_late_rate"])


def test_worst_units_are_metrics_worst_by_score(content, worst10):
    assert [row[1] for row in content.worst] == list(worst10["unit_name"])
    assert [row[3] for row in content.worst] == [fmt.number(v, 1) for v in worst10["score"]]
    assert [row[6] for row in content.worst] == [fmt.percent(v) for v in worst10["cases_late_rate"]]


def test_findings_name_the_rate_its_change_and_the_worst_units(content, kpis, demo_con):
    first = content.findings[0]
    rate, prev = kpis["cases_late_rate"], kpis["previous"]["cases_late_rate"]
    word = "giảm" if rate < prev else "tăng"
    change = fmt.number(abs(rate - prev) * 100, 1)
    assert first.startswith(f"Tỷ lệ hồ sơ TTHC trễ hạn toàn tỉnh {fmt.percent(rate)}, {word} {change} điểm %")
    worst = metrics.worst_units(demo_con, PERIOD, "cases_late_rate", limit=3)
    assert f"{worst['unit_name'].iloc[0]} ({fmt.percent(worst['metric_value'].iloc[0])})" in first


@pytest.mark.parametrize(
    ("current", "previous", "expected"),
    [
        (0.032, 0.040, "giảm 0,8 điểm % so với kỳ trước"),
        (0.05, 0.04, "tăng 1,0 điểm % so với kỳ trước"),
        (0.05, 0.05, "không đổi so với kỳ trước"),
        (0.05, None, "chưa có số liệu kỳ trước để so sánh"),
        (None, 0.05, "chưa có số liệu"),
    ],
)
def test_change_words(current, previous, expected):
    assert brief._change_words(current, previous) == expected


def test_findings_without_data_say_so():
    empty = {k: None for k in metrics.PROVINCE_FIELDS} | {"previous": {}}
    none = {m: pd.DataFrame(columns=["unit_name", "metric_value"]) for m in brief.TREND_METRICS}
    text = brief.findings(empty, none, pd.DataFrame(), load_settings())
    assert text == [
        "Chưa có số liệu hồ sơ TTHC trong kỳ.",
        "Chưa có số liệu nhiệm vụ có thời hạn trong kỳ.",
        "Chưa có số liệu phản ánh, kiến nghị trong kỳ.",
    ]


def test_trend_starts_where_the_data_begins_and_ends_with_the_period(content, demo_con):
    first, _ = metrics.data_range(demo_con)
    months = pd.to_datetime(content.trend["month_to"]).dt.date
    assert months.iloc[-1] == PERIOD.end
    assert months.min() >= first and len(content.trend) <= 12


def test_trend_drawing_has_a_line_per_rate_and_stays_in_its_box(content):
    shapes = drawing.trend_drawing(content.trend, 180, 60)
    assert {s.colour for s in shapes if s.op == "polyline"} >= set(drawing.SERIES[:3])
    for shape in shapes:
        for x, y in shape.points:
            assert -0.01 <= x <= 180.01 and -0.01 <= y <= 60.01, shape
    labels = [s.text for s in shapes if s.op == "text"]
    assert "T10/25" in labels and "Hồ sơ TTHC trễ hạn" in labels
    empty = drawing.trend_drawing(content.trend.iloc[0:0], 180, 60)
    assert "Chưa có số liệu" in [s.text for s in empty]


def test_trend_png(content):
    image = Image.open(io.BytesIO(drawing.trend_png(content.trend, 174, 60, dpi=100)))
    assert image.format == "PNG" and image.size == (round(174 / 25.4 * 100), round(60 / 25.4 * 100))
    assert len(image.convert("RGB").getcolors(maxcolors=1 << 20)) > 10  # something was drawn


# ---------------------------------------------------------------------------------------------- PDF


def test_pdf_is_one_a4_page(pdf_bytes):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)


def test_pdf_embeds_dejavu(pdf_bytes):
    fonts = PdfReader(io.BytesIO(pdf_bytes)).pages[0]["/Resources"]["/Font"]
    names = {str(fonts[key].get_object()["/BaseFont"]) for key in fonts}
    assert any("DejaVuSans" in name for name in names), names


def test_pdf_text_has_heading_figures_and_worst_units_with_diacritics(pdf_text, kpis, worst10, content):
    for text in ("UBND TỈNH ĐỒNG NAI", HEADING, "Tháng 10/2025", "Từ ngày 01/10/2025 đến ngày 31/10/2025"):
        assert text in pdf_text
    assert "Ngày xuất: 05/11/2025 08:30" in pdf_text
    for figure in expected_figures(kpis):
        assert figure in pdf_text, figure
    for name in worst10["unit_name"]:
        assert name in pdf_text, name
    flat = " ".join(pdf_text.split())
    assert " ".join(content.findings[0].split()) in flat
    assert "Xu hướng 12 tháng" in pdf_text and "T10/25" in pdf_text


def test_pdf_for_a_group_and_for_an_empty_database_is_one_page(demo_con, con):
    for connection, group in ((demo_con, "commune"), (con, "all")):
        data = exports.brief_pdf(connection, PERIOD, group=group, exported_at=EXPORTED_AT)
        reader = PdfReader(io.BytesIO(data))
        assert len(reader.pages) == 1
    text = unicodedata.normalize("NFC", reader.pages[0].extract_text())
    assert "Chưa có số liệu" in text and "Không có đơn vị đủ số liệu" in text


# ---------------------------------------------------------------------------------------------- DOCX


def test_docx_has_heading_figures_and_worst_units(docx_document, kpis, worst10, content):
    paragraphs = [p.text for p in docx_document.paragraphs]
    assert "UBND TỈNH ĐỒNG NAI" in paragraphs and HEADING in paragraphs
    assert "Tháng 10/2025" in paragraphs and "Từ ngày 01/10/2025 đến ngày 31/10/2025" in paragraphs
    assert "• " + content.findings[0] in paragraphs
    figures, worst = docx_document.tables
    assert len(figures.rows) == 1 + 6 and len(worst.rows) == 1 + len(worst10)
    cells = [c.text for row in figures.rows for c in row.cells]
    for figure in expected_figures(kpis):
        assert figure in cells, figure
    assert [row.cells[1].text for row in worst.rows[1:]] == list(worst10["unit_name"])
    assert worst.rows[0].cells[1].text == "Đơn vị"


def test_docx_fits_one_a4_page(docx_document):
    body = docx_document.element.body
    assert len(docx_document.sections) == 1
    section = docx_document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert not body.findall(".//" + qn("w:br") + "[@" + qn("w:type") + "='page']")
    assert all(not p.paragraph_format.page_break_before for p in docx_document.paragraphs)
    assert len(docx_document.tables) == 2 and len(docx_document.paragraphs) <= 20
    assert len(docx_document.inline_shapes) == 1
    # A generous height estimate: text lines at 1.2 × size with characters 0.5 em wide, table rows of
    # as many lines as their fullest cell, plus the picture; it must stay within the printable height.
    usable_w = Length(section.page_width - section.left_margin - section.right_margin).pt
    total = 0.0
    for p in docx_document.paragraphs:
        size = max((r.font.size.pt for r in p.runs if r.font.size), default=10)
        lines = max(1, math.ceil(len(p.text) * 0.5 * size / usable_w))
        spacing = sum((x or Length(0)).pt for x in (p.paragraph_format.space_before, p.paragraph_format.space_after))
        total += lines * 1.2 * size + spacing
    for table in docx_document.tables:
        for row in table.rows:
            lines = max(math.ceil(len(c.text) * 0.5 * 8.5 / (Length(c.width).pt - 10)) for c in row.cells)
            total += max(1, lines) * 1.2 * 8.5 + 2
    total += docx_document.inline_shapes[0].height.pt
    usable_h = Length(section.page_height - section.top_margin - section.bottom_margin).pt
    assert total < usable_h, (total, usable_h)


def test_docx_chart_picture_is_a_png(docx_document):
    blip = docx_document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip
    part = docx_document.part.related_parts[blip.embed]
    assert part.content_type == "image/png"
    assert Image.open(io.BytesIO(part.blob)).format == "PNG"
