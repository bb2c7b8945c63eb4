"""A case list with the extreme dates ingestion still accepts (received 01/01/2000, and five years after today)
loaded through the real ingestion path on top of the demo, then every page opened in a real browser by an admin:
none shows an exception or an error message."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from oversight import db as dbmod
from oversight import periods
from oversight.auth import users
from oversight.ingest.pipeline import ingest_file
from oversight.ui.navigation import PAGES
from tests.e2e.conftest import _demo_copy, _serve
from tests.ingest import corpus as C
from tests.ingest.helpers import write

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PASSWORD = "Một mật khẩu đủ dài 2025"
HEADINGS = {  # the page's title as the browser shows it; the unit page is headed by the unit's name
    "pages/overview.py": "Tổng quan",
    "pages/rankings.py": "Xếp hạng đơn vị",
    "pages/unit.py": None,
    "pages/brief.py": "Báo cáo nhanh",
    "pages/tasks.py": "Nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao",
    "pages/cases.py": "Giải quyết thủ tục hành chính",
    "pages/feedback.py": "Phản ánh, kiến nghị (đường dây 1022)",
    "pages/upload.py": "Tải dữ liệu",
    "pages/units_admin.py": "Danh mục đơn vị",
    "pages/admin.py": "Quản trị hệ thống",
    "pages/register.py": "Sổ theo dõi nhắc nhở, phê bình",
    "pages/map.py": "Bản đồ xã, phường",
}


def _extreme_file(tmp_path):
    ahead = periods.latest_plausible(date.today())
    rows = [
        [1, "HS-2000", "Đăng ký khai sinh", "Hộ tịch", "Sở Tư pháp", datetime(2000, 1, 1, 8),
         datetime(2000, 1, 10, 16), None, "Đang giải quyết", "Trực tiếp"],
        [2, "HS-XA", "Đăng ký khai sinh", "Hộ tịch", "Sở Tư pháp", datetime(ahead.year, ahead.month, ahead.day, 8),
         datetime(ahead.year, ahead.month, ahead.day, 16), None, "Đang giải quyết", "Trực tuyến"],
    ]  # fmt: skip
    return write(tmp_path, "ho_so_ngay_bien.xlsx", C.case_list(rows))


@pytest.fixture
def extreme_server(demo_db_template, tmp_path):
    db_path = _demo_copy(demo_db_template, tmp_path)
    con = dbmod.open_database(db_path)
    try:
        plan, result = ingest_file(con, _extreme_file(tmp_path), user="e2e")
        assert result.upload_id is not None, plan.error
        users.add_user(con, "quan.tri", PASSWORD, "admin")
    finally:
        con.close()
    yield from _serve(db_path, tmp_path)


def _no_error(page, where: str) -> None:
    for test_id in ("stException", "stAlertContentError"):
        shown = page.locator(f"[data-testid='{test_id}']")
        assert shown.count() == 0, (where, shown.first.inner_text())


def test_every_page_opens_without_an_error(browser, extreme_server):
    page = browser.new_page(viewport={"width": 1500, "height": 1100})
    page.goto(extreme_server)
    page.get_by_role("heading", name="Đăng nhập").wait_for(timeout=90_000)  # real data: no public demo
    page.get_by_label("Tên đăng nhập").fill("quan.tri")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("heading", name="Tổng quan").wait_for(timeout=90_000)
    _no_error(page, "Tổng quan")
    for spec in PAGES:
        if spec.hidden:  # reached by links only (the item page), never from the menu
            continue
        page.get_by_role("link", name=spec.title, exact=True).click()
        if not spec.default:  # the default page's address is the site's root
            page.wait_for_url(re.compile(rf".*/{spec.url_path}(\?.*)?$"), timeout=60_000, wait_until="commit")
        heading = HEADINGS[spec.script]
        if heading:
            page.get_by_role("heading", name=heading).first.wait_for(timeout=90_000)
        else:
            page.get_by_text("Xu hướng 12 tháng").first.wait_for(timeout=90_000)
        page.wait_for_timeout(1_000)  # let the page finish its run before looking for errors
        _no_error(page, spec.title)
    # the upload history lists the file
    page.get_by_role("link", name="Tải dữ liệu", exact=True).click()
    page.get_by_role("tab", name="Lịch sử tải lên").click()
    page.get_by_text("Chọn một dòng để xem").wait_for(timeout=60_000)
    _no_error(page, "Lịch sử tải lên")
    page.close()
