"""A leader prepares reminder letters in a real browser: on the rankings page for two units (a .zip, read back with
python-docx), then on a unit's page for that unit (one .docx)."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docx import Document

from oversight import db as dbmod
from oversight import metrics, periods

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PERIOD = periods.month(2025, 10)


def _addressee(document) -> str:
    return next(p.text for p in document.paragraphs if p.text.startswith("Kính gửi:"))


def _expected_addressee(name: str, group: str) -> str:
    if group == "department":
        return f"Kính gửi: {name}."
    return f"Kính gửi: Ủy ban nhân dân {name[:1].lower()}{name[1:]}."


def test_letters_for_two_units_from_the_ranking_then_one_from_a_unit_page(browser, server, demo_db_template, tmp_path):
    con = dbmod.open_database(demo_db_template)
    try:
        ranking = metrics.unit_metrics(con, PERIOD)
    finally:
        con.close()
    late = ranking[
        ranking["ranked"] & ((ranking["tasks_done_late"] + ranking["tasks_open_overdue"]) > 0) & (ranking["unit_group"] == "commune")
    ].sort_values(["score", "unit_name"])  # fmt: skip
    two = late.head(2).to_dict("records")
    assert len(two) == 2

    page = browser.new_page(viewport={"width": 1500, "height": 1100}, accept_downloads=True)
    page.goto(f"{server}/?period={PERIOD.id}")
    page.get_by_role("link", name="Xếp hạng").wait_for(timeout=90_000)
    page.get_by_role("link", name="Xếp hạng").click()
    expander = page.get_by_text("Soạn văn bản nhắc nhở").first
    expander.wait_for(timeout=90_000)
    expander.click()
    picker = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Đơn vị nhận văn bản")
    picker.wait_for(timeout=30_000)
    picker.get_by_role("button", name=re.compile("Clear all|Xóa", re.I)).first.click()
    for unit in two:
        box = picker.locator("input")
        box.click()
        box.fill(unit["unit_name"])
        page.get_by_role("option", name=unit["unit_name"], exact=True).click()
        page.keyboard.press("Escape")
    button = page.get_by_role("button", name="Tải 2 văn bản nhắc nhở (.zip)")
    button.wait_for(timeout=60_000)
    with page.expect_download(timeout=60_000) as info:
        button.click()
    path = tmp_path / "nhac_nho.zip"
    info.value.save_as(path)
    assert info.value.suggested_filename == f"nhac_nho_2_don_vi_{PERIOD.id}.zip"
    archive = zipfile.ZipFile(path)
    documents = [n for n in archive.namelist() if n.endswith(".docx")]
    assert len(documents) == 2 and "danh_sach_van_ban.csv" in archive.namelist()
    addressed = sorted(_addressee(Document(io.BytesIO(archive.read(n)))) for n in documents)
    assert addressed == sorted(_expected_addressee(u["unit_name"], u["unit_group"]) for u in two)

    first = two[0]
    page.goto(f"{server}/don-vi?unit={int(first['unit_id'])}&period={PERIOD.id}")
    page.get_by_role("heading", name=first["unit_name"]).wait_for(timeout=90_000)
    page.get_by_text("Soạn văn bản nhắc nhở").first.click()
    button = page.get_by_role("button", name="Tải văn bản nhắc nhở (Word)")
    button.wait_for(timeout=60_000)
    with page.expect_download(timeout=60_000) as info:
        button.click()
    path = tmp_path / "mot_don_vi.docx"
    info.value.save_as(path)
    assert info.value.suggested_filename.endswith(f"_{PERIOD.id}.docx")
    document = Document(str(path))
    assert _addressee(document) == _expected_addressee(first["unit_name"], first["unit_group"])
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in document.tables[0].rows[0].cells[1].text
    page.close()
