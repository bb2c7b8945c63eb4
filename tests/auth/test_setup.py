"""First-admin setup links: one use, an expiry, only while no active admin exists, only the hash stored."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import pytest

from oversight import access
from oversight.auth import setup, users

NOW = datetime(2025, 10, 6, 8, 0)
PASSWORD = "Quản trị viên đầu tiên"
INVALID = "^Liên kết thiết lập không hợp lệ hoặc đã hết hạn.$"


def test_a_fresh_database_needs_setup_and_has_no_account(con):
    assert setup.needs_setup(con)
    assert con.execute("SELECT count(*) FROM users").fetchone()[0] == 0


def test_setup_link_creates_the_first_admin_once(con):
    token = setup.issue_setup_token(con, now=NOW)
    assert setup.setup_url(token) == f"http://localhost:8501/?setup={token}"
    stored = con.execute("SELECT token_hash FROM setup_tokens").fetchall()
    assert stored == [(hashlib.sha256(token.encode()).hexdigest(),)]
    admin = setup.complete_setup(con, token, "QuanTri", PASSWORD, "Trần Văn Quản", now=NOW + timedelta(minutes=5))
    assert (admin.username, admin.role, admin.display_name, admin.created_by) == (
        "quantri",
        "admin",
        "Trần Văn Quản",
        "system",
    )
    assert not setup.needs_setup(con)
    assert users.authenticate(con, "quantri", PASSWORD).user_id == admin.user_id
    with pytest.raises(ValueError, match=INVALID):  # used up
        setup.complete_setup(con, token, "khac", PASSWORD, now=NOW + timedelta(minutes=6))
    rows = con.execute("SELECT actor, action, target FROM audit_log ORDER BY audit_id").fetchall()
    assert rows[:2] == [("cli:pytest", "setup_link", None), ("system", "setup_admin", "quantri")]
    assert con.execute("SELECT used_by FROM setup_tokens").fetchone()[0] == "quantri"


def test_wrong_and_expired_tokens_are_refused(con):
    token = setup.issue_setup_token(con, ttl_minutes=60, now=NOW)
    with pytest.raises(ValueError, match=INVALID):
        setup.complete_setup(con, token + "x", "quantri", PASSWORD, now=NOW)
    with pytest.raises(ValueError, match=INVALID):
        setup.complete_setup(con, "", "quantri", PASSWORD, now=NOW)
    with pytest.raises(ValueError, match=INVALID):
        setup.complete_setup(con, token, "quantri", PASSWORD, now=NOW + timedelta(minutes=60))
    assert setup.needs_setup(con)


def test_a_new_link_replaces_the_unused_one(con):
    first = setup.issue_setup_token(con, now=NOW)
    second = setup.issue_setup_token(con, now=NOW)
    with pytest.raises(ValueError, match=INVALID):
        setup.complete_setup(con, first, "quantri", PASSWORD, now=NOW)
    assert setup.complete_setup(con, second, "quantri", PASSWORD, now=NOW).role == "admin"


def test_a_bad_password_keeps_the_link_usable(con):
    token = setup.issue_setup_token(con, now=NOW)
    with pytest.raises(ValueError, match="ít nhất 10 ký tự"):
        setup.complete_setup(con, token, "quantri", "ngắn", now=NOW)
    assert setup.complete_setup(con, token, "quantri", PASSWORD, now=NOW).role == "admin"


def test_no_link_once_an_admin_exists(con):
    token = setup.issue_setup_token(con, now=NOW)
    users.add_user(con, "quantri", PASSWORD, "admin")
    with pytest.raises(ValueError, match=INVALID):
        setup.complete_setup(con, token, "khac", PASSWORD, now=NOW)
    with pytest.raises(ValueError, match="Đã có tài khoản quản trị"):
        setup.issue_setup_token(con, now=NOW)
    assert con.execute("SELECT count(*) FROM users").fetchone()[0] == 1


def test_a_disabled_last_admin_is_not_an_admin(con):
    users.add_user(con, "quantri", PASSWORD, "admin")
    con.execute("UPDATE users SET active = FALSE")  # e.g. disabled by hand in the database
    assert setup.needs_setup(con)


def test_completing_setup_needs_nobody_but_issuing_needs_an_operator(con):
    token = setup.issue_setup_token(con, now=NOW)
    with access.acting_as(None):
        assert setup.complete_setup(con, token, "quantri", PASSWORD, now=NOW).role == "admin"
    con.execute("DELETE FROM users")
    with access.acting_as(access.Principal(name="lanhdao", role="leader")), pytest.raises(access.AccessDenied):
        setup.issue_setup_token(con)
