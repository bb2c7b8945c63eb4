"""No English interface word and no raw value on any page, in a real browser, as an admin and as a leader.

Every page of oversight/ui/navigation.py PAGES the account is offered (so a page added there is checked too),
every tab of it and every expander opened: the visible text, the table cells, the charts' texts and tooltips,
and the buttons' and fields' titles, labels and placeholders (tests/e2e/words.py says what is collected and
what offends). One failure lists every offender with its page and tab.
"""

from __future__ import annotations

import pytest

from oversight import access
from oversight import db as dbmod
from oversight.auth import audit, policy, users
from oversight.ui.navigation import PAGES
from tests.e2e.conftest import _demo_copy, _serve
from tests.e2e.words import clipped, collect, offenders

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PASSWORD = "Một mật khẩu đủ dài 2025"
WAIT = 90_000
ACCOUNTS = {"quan.tri": "admin", "lanh.dao": "leader"}


@pytest.fixture
def words_server(demo_db_template, tmp_path):
    """The demo database, public demo off, an admin and a leader; a few audit rows of every sort the admin
    page lists (a failed login with its reason, an export of each kind, a settings change)."""
    db_path = _demo_copy(demo_db_template, tmp_path)
    con = dbmod.open_database(db_path)
    try:
        policy.set_policy(con, public_demo=False, max_failed_logins=7)
        for name, role in ACCOUNTS.items():
            users.add_user(con, name, PASSWORD, role)
        users.set_role(con, "lanh.dao", "uploader")
        users.set_role(con, "lanh.dao", "leader")
        for target in (
            "brief_pdf",
            "brief_docx",
            "items_workbook",
            "ranking_workbook",
            "xep_hang_commune_m2025-10.csv",
        ):
            audit.record(con, audit.EXPORT, target=target, detail={"period": "m2025-10", "group": "all", "rows": 3})
        with access.acting_as(None), pytest.raises(users.LoginError):
            users.authenticate(con, "lanh.dao", "không đúng mật khẩu", client="127.0.0.1")
    finally:
        con.close()
    yield from _serve(db_path, tmp_path)


def _settled(page) -> None:
    """Wait until the page's run has ended (no run indicator, no spinner) and stayed so for a moment."""
    page.get_by_role("button", name="Đăng xuất").wait_for(timeout=WAIT)
    quiet = 0
    for _ in range(240):
        busy = page.locator('[data-testid="stStatusWidget"], [data-testid="stSpinner"]').count()
        quiet = 0 if busy else quiet + 1
        if quiet >= 4:
            return
        page.wait_for_timeout(250)


def _login(page, base: str, name: str) -> None:
    page.goto(base)
    page.get_by_role("heading", name="Đăng nhập").wait_for(timeout=WAIT)
    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_label("Mật khẩu").press("Enter")  # on a phone the open sidebar may lie over the button
    _settled(page)


def _close_sidebar(page) -> None:
    page.evaluate(
        """() => {
          const sidebar = document.querySelector('[data-testid="stSidebar"]');
          if (!sidebar || sidebar.getAttribute('aria-expanded') === 'false') return;
          const button = sidebar.querySelector('[data-testid="stSidebarCollapseButton"] button')
            || sidebar.querySelector('button[aria-label="Collapse sidebar"]');
          if (button) button.click();
        }"""
    )
    page.wait_for_timeout(600)


def _calendars(page, state: str):
    """Open each visible date field's calendar (the picker speaks the browser's language unless told)."""
    fields = page.get_by_test_id("stMain").locator('[data-testid="stDateInput"]')
    for i in range(fields.count()):
        field = fields.nth(i)
        if not field.is_visible():
            continue
        field.click()
        page.wait_for_timeout(700)
        yield f"{state}, lịch chọn ngày {i + 1}"
        page.keyboard.press("Escape")
        page.wait_for_timeout(300)


def _states(page):
    """Yield a label for each state of the page worth reading: as opened, each tab, each date field's
    calendar, expanders opened."""
    yield "trang"
    if page.viewport_size["width"] < 640:
        _close_sidebar(page)  # on a phone the open sidebar lies over the page and takes the clicks
    main = page.get_by_test_id("stMain")
    tabs = main.get_by_role("tab")
    if not tabs.count():
        yield from _calendars(page, "trang")
    for i in range(tabs.count()):
        tab = tabs.nth(i)
        name = tab.inner_text().strip()
        tab.click()
        _settled(page)
        yield f"thẻ «{name}»"
        yield from _calendars(page, f"thẻ «{name}»")
    expanders = main.locator('[data-testid="stExpander"] summary')
    for i in range(expanders.count()):
        summary = expanders.nth(i)
        if summary.is_visible():
            summary.click()
            _settled(page)
    if expanders.count():
        yield "mở các mục thu gọn"


@pytest.mark.parametrize("width", [1400, 390])
def test_no_english_word_or_raw_value_on_any_page(browser, words_server, width):
    problems: list[str] = []
    for name, role in ACCOUNTS.items():
        permissions = access.ROLE_PERMISSIONS[role]
        context = browser.new_context(viewport={"width": width, "height": 1000})
        page = context.new_page()
        page.goto(words_server)
        page.get_by_role("heading", name="Đăng nhập").wait_for(timeout=WAIT)
        page.wait_for_timeout(1000)
        problems += [f"[{width} px] Đăng nhập — {problem}" for problem in offenders(collect(page))]
        _login(page, words_server, name)
        for spec in PAGES:
            if not any(p in permissions for p in spec.needs):
                continue
            page.goto(f"{words_server}/{spec.url_path}")
            _settled(page)
            for state in _states(page):
                for problem in offenders(collect(page)):
                    problems.append(f"[{name}, {width} px] {spec.title} ({state}) — {problem}")
                for text in clipped(page):
                    problems.append(f"[{name}, {width} px] {spec.title} ({state}) — biểu đồ cắt mất chữ: {text!r}")
        context.close()
    assert not problems, "Chữ tiếng Anh hoặc giá trị thô trên trang:\n" + "\n".join(dict.fromkeys(problems))
