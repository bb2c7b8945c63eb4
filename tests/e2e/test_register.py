"""The register in a real browser: an uploader records a reminder by hand on «Sổ theo dõi nhắc nhở, phê bình», it
appears on the unit's page; a leader sees the entry but no form to record."""

from __future__ import annotations

from datetime import date

import pytest

from oversight import db as dbmod
from oversight import metrics
from oversight.auth import policy, users
from tests.e2e.conftest import _demo_copy, _serve
from tests.metrics.helpers import span

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PASSWORD = "Một mật khẩu đủ dài 2025"
WAIT = 90_000


@pytest.fixture
def register_server(demo_db_template, tmp_path):
    """The demo database, public demo off, an uploader and a leader."""
    db_path = _demo_copy(demo_db_template, tmp_path)
    con = dbmod.open_database(db_path)
    try:
        policy.set_policy(con, public_demo=False)
        users.add_user(con, "can.bo", PASSWORD, "uploader")
        users.add_user(con, "lanh.dao", PASSWORD, "leader")
        worst = metrics.worst_units(con, span(date(2025, 9, 1), date(2025, 9, 30)), "score", group="department")
    finally:
        con.close()
    unit = (int(worst["unit_id"].iloc[0]), str(worst["unit_name"].iloc[0]))
    for url in _serve(db_path, tmp_path):
        yield url, unit


def _log_in(page, username: str) -> None:
    page.get_by_role("heading", name="Đăng nhập").wait_for(timeout=WAIT)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("button", name="Đăng xuất").wait_for(timeout=WAIT)


def test_uploader_records_by_hand_and_the_unit_page_shows_it(browser, register_server):
    url, (unit_id, unit_name) = register_server
    page = browser.new_page(viewport={"width": 1400, "height": 1100})
    page.goto(f"{url}/so-theo-doi")
    _log_in(page, "can.bo")
    page.get_by_role("heading", name="Sổ theo dõi nhắc nhở, phê bình").wait_for(timeout=WAIT)
    page.get_by_text("Ghi sổ một văn bản nhắc nhở, phê bình").click()
    units = page.locator("[data-testid='stMultiSelect']").first
    units.click()
    page.keyboard.type(unit_name)
    page.get_by_role("option", name=unit_name).first.click()
    page.keyboard.press("Escape")
    page.get_by_label("Số, ký hiệu văn bản").fill("555/UBND-HCTC")
    page.get_by_label("Lý do").fill("Chậm hoàn thành nhiệm vụ tháng 9")
    page.get_by_role("button", name="Ghi sổ").click()
    page.get_by_text("Đã ghi sổ 1 mục (nhắc nhở).").wait_for(timeout=WAIT)
    page.get_by_text("1 mục · mỗi đơn vị").wait_for(timeout=WAIT)

    page.goto(f"{url}/don-vi?unit={unit_id}&period=m2025-09")
    page.get_by_role("heading", name=unit_name).wait_for(timeout=WAIT)
    page.get_by_role("heading", name="Nhắc nhở, phê bình").wait_for(timeout=WAIT)
    page.get_by_text("1 lần bị nhắc nhở, phê bình được ghi sổ").wait_for(timeout=WAIT)
    assert page.get_by_text("(555/UBND-HCTC)").count() == 1
    page.close()

    leader = browser.new_page(viewport={"width": 1400, "height": 1100})
    leader.goto(f"{url}/so-theo-doi")
    _log_in(leader, "lanh.dao")
    leader.get_by_role("heading", name="Sổ theo dõi nhắc nhở, phê bình").wait_for(timeout=WAIT)
    leader.get_by_text("1 mục · mỗi đơn vị").wait_for(timeout=WAIT)
    leader.get_by_role("button", name="Tải bảng tổng hợp chấm điểm CCHC (Excel)").wait_for(timeout=WAIT)
    assert leader.get_by_text("Ghi sổ một văn bản nhắc nhở, phê bình").count() == 0
    assert leader.get_by_role("button", name="Ghi sổ").count() == 0
    leader.close()
