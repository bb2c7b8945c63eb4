"""The dashboard script with a login session cookie (AppTest cannot send cookies, so the function that reads
st.context.cookies is replaced): a live cookie logs the session in, an ended or altered one shows the login,
and the logout button ends the session in the database."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from oversight import db as dbmod
from oversight.auth import policy, sessions, users
from oversight.ui import login
from tests.app.conftest import PASSWORD
from tests.conftest import ROOT


@pytest.fixture
def browser_cookie(app_db, monkeypatch):
    """A leader's collected session cookie, and a way to make the 'browser' send a given cookie."""
    con = dbmod.connection(app_db)
    policy.set_policy(con, public_demo=False)
    user = users.add_user(con, "lanh.dao", PASSWORD, "leader")
    collected = sessions.collect(con, sessions.start(con, user.user_id).handoff)
    sent = {"value": collected.cookie}
    monkeypatch.setattr(login, "cookie", lambda: sent["value"])
    return con, collected, sent


def _run() -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_live_cookie_opens_the_dashboard(browser_cookie):
    _, collected, _ = browser_cookie
    at = _run()
    assert at.title[0].value == "Tổng quan"
    assert "lanh.dao" in " ".join(c.value for c in at.sidebar.caption)
    assert at.session_state[login.SESSION_KEY] == collected.session_id


@pytest.mark.parametrize("how", ["revoked", "altered", "password"])
def test_an_ended_or_altered_cookie_shows_the_login(browser_cookie, how):
    con, collected, sent = browser_cookie
    if how == "revoked":
        sessions.revoke(con, cookie=collected.cookie)
    elif how == "altered":
        token, signature = collected.cookie.split(".")
        sent["value"] = f"{token}.{signature[::-1]}"
    else:
        users.set_password(con, "lanh.dao", "Một mật khẩu khác hẳn")
    at = _run()
    assert at.title[0].value == "Đăng nhập"


def test_logout_ends_the_session_for_every_tab(browser_cookie):
    con, collected, _ = browser_cookie
    at = _run()
    at.sidebar.button(key="sidebar_logout").click().run()
    assert at.title[0].value == "Đăng nhập"
    assert sessions.validate(con, cookie=collected.cookie) is None
    other_tab = _run()  # another tab still sending the old cookie
    assert other_tab.title[0].value == "Đăng nhập"


def test_a_tab_logged_in_is_logged_out_when_its_account_is_disabled(browser_cookie):
    con, _, _ = browser_cookie
    at = _run()
    assert at.title[0].value == "Tổng quan"
    users.disable_user(con, "lanh.dao")  # by an admin, elsewhere
    at.run()
    assert at.title[0].value == "Đăng nhập"
    assert "Phiên làm việc đã kết thúc" in " ".join(i.value for i in at.info)
