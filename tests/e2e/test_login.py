"""A fresh installation in a real browser: the one-time link the server prints creates the first admin, who
logs out and back in with the password; a wrong password is refused."""

from __future__ import annotations

import re
import time
from datetime import date

import pytest

from oversight import db as dbmod
from oversight import metrics
from tests.metrics.helpers import span

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PASSWORD = "Một mật khẩu đủ dài 2025"


def _setup_token(log) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = re.search(r"\?setup=([\w-]+)", log.read_text(errors="replace"))
        if found:
            return found.group(1)
        time.sleep(0.5)
    raise AssertionError(log.read_text(errors="replace"))


def test_first_admin_from_the_printed_link_then_login(browser, private_server, demo_db_template, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(private_server)
    page.get_by_role("heading", name="Đăng nhập").wait_for(timeout=90_000)
    page.get_by_text("Chưa có tài khoản quản trị").wait_for(timeout=30_000)

    token = _setup_token(tmp_path / "streamlit.log")
    page.goto(f"{private_server}/?setup={token}")
    page.get_by_role("heading", name="Tạo tài khoản quản trị đầu tiên").wait_for(timeout=60_000)
    page.get_by_label("Tên đăng nhập").fill("quan.tri")
    page.get_by_label("Mật khẩu (ít nhất 10 ký tự)").fill(PASSWORD)
    page.get_by_label("Nhập lại mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Tạo tài khoản").click()
    page.get_by_role("heading", name="Tổng quan").wait_for(timeout=90_000)
    assert "setup=" not in page.url

    page.get_by_role("button", name="Đăng xuất").click()
    page.get_by_role("heading", name="Đăng nhập").wait_for(timeout=60_000)
    page.get_by_label("Tên đăng nhập").fill("quan.tri")
    page.get_by_label("Mật khẩu").fill("không phải mật khẩu")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng.").wait_for(timeout=30_000)
    assert page.get_by_label("Mật khẩu").input_value() == ""  # the form forgets what was typed
    page.get_by_label("Tên đăng nhập").fill("quan.tri")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("heading", name="Tổng quan").wait_for(timeout=90_000)
    assert page.get_by_role("link", name="Quản trị").is_visible()

    # A bookmarked unit page opened in another browser (no session cookie): the login comes first, then the
    # page the link names. (The same browser stays logged in: tests/e2e/test_sessions.py.)
    unit_id, unit_name = _a_unit(demo_db_template)
    page.close()
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{private_server}/don-vi?unit={unit_id}&period=m2025-09")
    page.get_by_role("heading", name="Đăng nhập").wait_for(timeout=60_000)
    page.get_by_label("Tên đăng nhập").fill("quan.tri")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("heading", name=unit_name).wait_for(timeout=90_000)
    assert "/don-vi" in page.url and f"unit={unit_id}" in page.url and "period=m2025-09" in page.url
    page.close()


def _a_unit(db_path) -> tuple[int, str]:
    """The worst unit of September 2025 in the demo database (it has figures in that month)."""
    con = dbmod.open_database(db_path)
    try:
        worst = metrics.worst_units(con, span(date(2025, 9, 1), date(2025, 9, 30)), "score", limit=1)
    finally:
        con.close()
    return int(worst["unit_id"].iloc[0]), str(worst["unit_name"].iloc[0])


@pytest.mark.parametrize("address", ["/upload", "/tai-du-lieu", "/admin"])
def test_no_page_opens_before_the_login_gate(browser, private_server, address):
    """Also on the first visit after the server starts, when Streamlit still serves pages/ by file name."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(f"{private_server}{address}")
    page.get_by_role("heading", name="Đăng nhập").wait_for(timeout=90_000)
    page.wait_for_timeout(1500)
    body = page.inner_text("body")
    for leak in ("Tải tệp lên", "Quản trị hệ thống", "AccessDenied", "Traceback", "Tổng quan"):
        assert leak not in body, (address, leak)
    assert page.get_by_role("button", name="Đăng nhập").is_visible()
    page.close()
