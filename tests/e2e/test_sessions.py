"""Sessions that last, in a real browser against a real `streamlit run dashboard.py`: the very first request
after the start is a page address and answers; a login survives a reload (F5) and reaches a second tab; a
bookmarked unit link keeps its period in the page and in the sidebar through the login; logout asks every tab
again on its next run; the cookie is HttpOnly and SameSite=Lax."""

from __future__ import annotations

import pytest

from oversight import db as dbmod
from oversight.auth import policy, users
from tests.e2e.conftest import _demo_copy, _serve
from tests.e2e.test_login import _a_unit

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PASSWORD = "Một mật khẩu đủ dài 2025"
WAIT = 90_000


@pytest.fixture
def account_server(demo_db_template, tmp_path):
    """The dashboard on a copy of the demo database, public demo off, one leader account."""
    db_path = _demo_copy(demo_db_template, tmp_path)
    con = dbmod.open_database(db_path)
    try:
        policy.set_policy(con, public_demo=False)
        users.add_user(con, "lanh.dao", PASSWORD, "leader")
    finally:
        con.close()
    yield from _serve(db_path, tmp_path)


def _login(page) -> None:
    page.get_by_role("heading", name="Đăng nhập").wait_for(timeout=WAIT)
    page.get_by_label("Tên đăng nhập").fill("lanh.dao")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def _logged_in(page) -> None:
    page.get_by_role("button", name="Đăng xuất").wait_for(timeout=WAIT)


def test_sessions_last_across_reloads_and_tabs_and_end_with_logout(browser, account_server, demo_db_template):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()

    # The very first request after the server started is a page address: it answers (with the login).
    page.goto(f"{account_server}/tong-quan")
    page.get_by_role("heading", name="Đăng nhập").wait_for(timeout=WAIT)
    assert page.get_by_text("Page not found").count() == 0

    # A bookmarked unit link, opened logged out: the login, then that unit in that period, sidebar included.
    unit_id, unit_name = _a_unit(demo_db_template)
    page.goto(f"{account_server}/don-vi?unit={unit_id}&period=m2025-09")
    _login(page)
    page.get_by_role("heading", name=unit_name).wait_for(timeout=WAIT)
    _logged_in(page)
    assert "/don-vi" in page.url and f"unit={unit_id}" in page.url and "period=m2025-09" in page.url
    sidebar = page.get_by_test_id("stSidebar")
    sidebar.get_by_text("Từ 01/09/2025 đến 30/09/2025").wait_for(timeout=WAIT)
    assert page.get_by_text("Page not found").count() == 0

    (cookie,) = [c for c in context.cookies() if c["name"] == "oversight_session"]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and cookie["path"] == "/"
    assert page.evaluate("document.cookie").find("oversight_session") == -1  # scripts cannot read it

    # F5: still logged in, on the same unit and period.
    page.reload()
    _logged_in(page)
    page.get_by_role("heading", name=unit_name).wait_for(timeout=WAIT)
    sidebar.get_by_text("Từ 01/09/2025 đến 30/09/2025").wait_for(timeout=WAIT)

    # A second tab: logged in, and /xep-hang answers at its own address.
    other = context.new_page()
    other.goto(f"{account_server}/xep-hang")
    _logged_in(other)
    other.get_by_role("heading", name="Xếp hạng").wait_for(timeout=WAIT)
    assert other.get_by_text("Page not found").count() == 0

    # Logout in the first tab: it asks again, and so does the second tab on its next run.
    page.get_by_role("button", name="Đăng xuất").click()
    page.get_by_role("heading", name="Đăng nhập").wait_for(timeout=WAIT)
    other.get_by_test_id("stSidebar").get_by_text("Kỳ báo cáo").wait_for(timeout=WAIT)
    other.get_by_role("link", name="Tổng quan").click()  # the next run of the second tab's own session
    other.get_by_role("heading", name="Đăng nhập").wait_for(timeout=WAIT)
    other.reload()
    other.get_by_role("heading", name="Đăng nhập").wait_for(timeout=WAIT)
    assert not [c for c in context.cookies() if c["name"] == "oversight_session"]  # the logout cleared it
    context.close()
