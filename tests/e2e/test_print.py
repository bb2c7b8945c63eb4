"""The brief printed from a real browser: Chromium opens /bao-cao-nhanh, the print button calls the browser's
print, and the page printed to an A4 PDF is one page holding the brief and none of Streamlit's chrome."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from oversight import db as dbmod
from oversight import formatting as fmt
from oversight import metrics
from tests.metrics.helpers import span

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

A4_WIDTH_PX, A4_HEIGHT_PX = 794, 1123  # 210 × 297 mm at 96 px per inch


def test_the_brief_prints_on_one_a4_page(browser, server, demo_db_template, tmp_path):
    con = dbmod.open_database(demo_db_template)
    try:
        kpis = metrics.province_kpis(con, span(date(2025, 9, 1), date(2025, 9, 30)))
        worst = metrics.worst_units(con, span(date(2025, 9, 1), date(2025, 9, 30)), "score", limit=10)
    finally:
        con.close()
    worst_name = worst["unit_name"].iloc[0]
    late_rate = fmt.percent(kpis["cases_late_rate"])  # e.g. "10,0 %"
    assert "," in late_rate

    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{server}/bao-cao-nhanh?period=m2025-09")
    sheet = page.locator(".ov-brief")
    sheet.wait_for(timeout=90_000)
    page.wait_for_function(
        "() => { const i = document.querySelector('.ov-brief img.ov-chart'); return i && i.complete && i.naturalWidth > 0; }",
        timeout=30_000,
    )
    assert "Tháng 09/2025" in sheet.inner_text()
    # A fresh server answers the first deep link with Streamlit's "Page not found" dialog over the right page
    # (streamlit/streamlit#9624; the same on /xep-hang); it is hidden when printing, but makes the page inert.
    notice = page.get_by_role("dialog").filter(has_text="Page not found")
    if notice.count():
        page.keyboard.press("Escape")
        notice.wait_for(state="hidden", timeout=10_000)

    # the button opens the browser's print dialog (window.print, counted here instead of opened)
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.get_by_role("button", name="In báo cáo (A4)").click()
    assert page.evaluate("() => window.__printed") == 1

    page.emulate_media(media="print")
    for chrome in ('[data-testid="stSidebar"]', '[data-testid="stHeader"]', ".st-key-brief_screen"):
        page.locator(chrome).first.wait_for(state="hidden", timeout=15_000)  # raises if it stays visible
    assert sheet.is_visible()
    pdf = page.pdf(format="A4", print_background=True)
    (tmp_path / "brief.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "BÁO CÁO NHANH KỶ LUẬT, KỶ CƯƠNG HÀNH CHÍNH" in text
    assert "Tháng 09/2025" in text
    assert late_rate in text
    assert worst_name in text
    for chrome in ("Tổng quan", "Lĩnh vực theo dõi", "Kỳ báo cáo", "In báo cáo", "Báo cáo nhanh (PDF", "Deploy"):
        assert chrome not in text, chrome

    # what a person sees: the page under print emulation at the width of an A4 sheet
    page.set_viewport_size({"width": A4_WIDTH_PX, "height": A4_HEIGHT_PX})
    page.screenshot(path=str(tmp_path / "brief_print.png"), full_page=True)
    page.close()
