"""A leader's path in a real browser: the overview, a click on the worst unit's bar, its profile with the
same period, then the Excel ranking downloaded and read back."""

from __future__ import annotations

import re
from datetime import date

import pytest
from openpyxl import load_workbook

from oversight import db as dbmod
from oversight import metrics
from tests.metrics.helpers import span

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def test_click_worst_unit_then_download_the_ranking(browser, server, demo_db_template, tmp_path):
    con = dbmod.open_database(demo_db_template)
    try:
        worst = metrics.worst_units(con, span(date(2025, 9, 1), date(2025, 9, 30)), "score", limit=10)
    finally:
        con.close()
    worst_name, worst_id = worst["unit_name"].iloc[0], int(worst["unit_id"].iloc[0])

    page = browser.new_page(viewport={"width": 1500, "height": 1100}, accept_downloads=True)
    page.goto(f"{server}/?period=m2025-09")
    page.get_by_text("10 đơn vị chậm nhất").wait_for(timeout=90_000)
    chart = page.locator(".js-plotly-plot").nth(1)
    chart.locator(".barlayer .point").first.wait_for(timeout=30_000)
    # bars are drawn bottom-up: the worst unit is the last point, at the top
    box = chart.locator(".barlayer .point").last.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)

    page.wait_for_url(re.compile(r".*/don-vi\?.*"), timeout=60_000)
    page.get_by_role("heading", name=worst_name).wait_for(timeout=60_000)
    assert f"unit={worst_id}" in page.url and "period=m2025-09" in page.url
    assert page.get_by_text("Tháng 09/2025").first.is_visible()

    page.get_by_role("link", name="Xếp hạng").click()
    button = page.get_by_role("button", name="Tải bảng xếp hạng (Excel)")
    button.wait_for(timeout=60_000)
    with page.expect_download(timeout=60_000) as info:
        button.click()
    path = tmp_path / "xep_hang.xlsx"
    info.value.save_as(path)
    wb = load_workbook(path)
    titles = [c.value for ws in wb.worksheets for row in ws.iter_rows(max_row=6) for c in row if c.value]
    assert any("Tháng 09/2025" in str(t) for t in titles), titles
    page.close()
