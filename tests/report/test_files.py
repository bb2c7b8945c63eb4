"""The monthly report's Word file opened with python-docx and its PDF read with pypdf: the worst units, the
unfinished tasks by lead unit and the month's reminders are in both, and the download is audited."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from docx import Document
from pypdf import PdfReader

from oversight import exports, periods
from oversight.auth import audit
from oversight.config import load_settings
from tests.report.conftest import add_reminder

OCTOBER = periods.month(2025, 10)
STAMP = datetime(2025, 11, 5, 8, 30)

pytestmark = pytest.mark.slow  # each test builds and renders the report (several seconds)


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_word_and_pdf_hold_the_month(awk):
    add_reminder(awk, "Sở Y tế", "phe_binh", date(2025, 10, 20), "123/UBND-HCTC", "Để 12 nhiệm vụ quá hạn")
    add_reminder(awk, "Xã Long Phước", "nhac_nho", date(2025, 10, 31), "130/UBND-HCTC", "Hồ sơ trễ hạn")
    files = exports.monthly_report_files(awk, OCTOBER, load_settings(), exported_at=STAMP)
    word, pdf = docx_text(files["docx"]), pdf_text(files["pdf"])
    for text in (word, pdf):
        assert "UBND TỈNH ĐỒNG NAI" in text
        assert "BÁO CÁO THÁNG 10/2025" in text
        assert "Lập lúc 08:30 ngày 05/11/2025" in text
        # the worst units of each group (test_content: Sở Y tế 64,2; Xã Long Phước 60,0)
        assert "Sở Y tế" in text and "64,2" in text
        assert "Xã Long Phước" in text and "60,0" in text
        # the unfinished tasks by lead unit and the overdue one with a deadline
        assert "Nhiệm vụ chưa hoàn thành theo đơn vị chủ trì" in text
        assert "Sở Tư pháp" in text and "505/UBND-NC" in text
        # the reminders of the month
        assert "123/UBND-HCTC" in text and "130/UBND-HCTC" in text
        assert "Phê bình (1)" in text and "Nhắc nhở (1)" in text
    # the Word table of unfinished tasks, row by row (Sở Y tế 62 = 12 overdue + 13 on time + 37 without deadline)
    tables = Document(io.BytesIO(files["docx"])).tables
    tasks = next(t for t in tables if t.rows[0].cells[1].text == "Đơn vị chủ trì" and len(t.columns) == 6
                 and t.rows[0].cells[2].text == "Chưa hoàn thành")  # fmt: skip
    assert [[c.text for c in row.cells] for row in tasks.rows[1:]] == [
        ["1", "Sở Y tế", "62", "12", "13", "37"],
        ["2", "Sở Tư pháp", "3", "1", "1", "1"],
    ]
    assert Document(io.BytesIO(files["docx"])).core_properties.title == (
        "Báo cáo tháng 10/2025 về kỷ luật, kỷ cương hành chính"
    )
    reader = PdfReader(io.BytesIO(files["pdf"]))
    assert len(reader.pages) >= 2  # 13 overdue tasks and the sections run past one page
    assert f"trang 1/{len(reader.pages)}" in reader.pages[0].extract_text()


def test_each_download_is_audited(awk):
    exports.monthly_report_docx(awk, OCTOBER, load_settings(), exported_at=STAMP)
    exports.monthly_report_pdf(awk, OCTOBER, load_settings(), exported_at=STAMP)
    events = audit.events(awk, action=audit.EXPORT)
    targets = list(events["target"].head(2))
    assert sorted(targets) == ["monthly_report_docx", "monthly_report_pdf"]
    assert "m2025-10" in str(events["detail"].iloc[0])


def test_a_long_table_repeats_its_header_on_every_pdf_page(awk):
    """140 reminders in October: the register's table runs over several pages, each under its header row."""
    for i in range(140):
        add_reminder(awk, "Sở Y tế", "nhac_nho", date(2025, 10, 1 + i % 28), f"{1000 + i}/UBND-HCTC", f"Lần {i}")
    pdf = exports.monthly_report_pdf(awk, OCTOBER, load_settings(), exported_at=STAMP)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    holding = [text for text in pages if "/UBND-HCTC" in text]
    assert len(holding) >= 2
    assert all("Số văn bản" in text for text in holding)
    assert all(f"{1000 + i}/UBND-HCTC" in "\n".join(pages) for i in range(140))
