"""Logging in: one message for unknown names and wrong passwords, lockout, disabled accounts, rehash, audit."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from argon2 import PasswordHasher

from oversight import access
from oversight.auth import passwords, policy, users
from tests.auth.conftest import ADMIN_PASSWORD, LEADER_PASSWORD

NOW = datetime(2025, 10, 6, 8, 30)
WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."
LOCKED = "Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần; thử lại sau 08:45."


def _fail(con, username, password, now=NOW) -> str:
    with pytest.raises(users.LoginError) as caught:
        users.authenticate(con, username, password, now=now)
    return str(caught.value)


def _audit(con):
    return con.execute("SELECT actor, action, target, ok FROM audit_log ORDER BY audit_id").fetchall()


def test_right_password_logs_in_and_is_audited(con, accounts):
    user = users.authenticate(con, " LanhDao ", LEADER_PASSWORD, now=NOW)
    assert (user.username, user.last_login_at, user.failed_attempts) == ("lanhdao", NOW, 0)
    assert _audit(con)[-1] == ("web:lanhdao", "login", "lanhdao", True)


def test_login_needs_nobody_acting(con, accounts):
    with access.acting_as(None):
        assert users.authenticate(con, "lanhdao", LEADER_PASSWORD).username == "lanhdao"


def test_unknown_name_and_wrong_password_get_the_same_message(con, accounts, monkeypatch):
    calls = []
    real = passwords.verify_password
    monkeypatch.setattr(users, "verify_password", lambda h, p: calls.append(h) or real(h, p))
    assert _fail(con, "ai.do", LEADER_PASSWORD) == WRONG
    assert _fail(con, "lanhdao", "không phải mật khẩu") == WRONG
    assert len(calls) == 2  # the unknown name cost an argon2 verification too
    assert _audit(con)[-2:] == [
        ("web:ai.do", "login_failed", "ai.do", False),
        ("web:lanhdao", "login_failed", "lanhdao", False),
    ]


def test_five_failures_lock_even_the_right_password_until_the_lock_expires(con, accounts):
    for attempt in range(1, 5):
        assert _fail(con, "lanhdao", f"sai lần thứ {attempt}", NOW + timedelta(minutes=attempt - 5)) == WRONG
    assert _fail(con, "lanhdao", "sai lần thứ năm") == LOCKED
    assert _fail(con, "lanhdao", LEADER_PASSWORD, NOW + timedelta(minutes=14)) == LOCKED
    actions = [row[1] for row in _audit(con) if row[0] == "web:lanhdao"]
    assert actions == ["login_failed"] * 5 + ["login_locked"]
    user = users.authenticate(con, "lanhdao", LEADER_PASSWORD, now=NOW + timedelta(minutes=15))
    assert (user.failed_attempts, user.locked_until) == (0, None)


def test_after_a_lock_expires_the_count_starts_again(con, accounts):
    for _ in range(5):
        _fail(con, "lanhdao", "sai mật khẩu rồi")
    later = NOW + timedelta(minutes=20)
    assert _fail(con, "lanhdao", "sai mật khẩu rồi", later) == WRONG  # one failure, not a sixth
    row = con.execute("SELECT failed_attempts, locked_until FROM users WHERE username = 'lanhdao'").fetchone()
    assert row == (1, None)


def test_success_resets_the_count(con, accounts):
    for _ in range(4):
        _fail(con, "lanhdao", "sai mật khẩu rồi")
    users.authenticate(con, "lanhdao", LEADER_PASSWORD, now=NOW)
    for _ in range(4):
        assert _fail(con, "lanhdao", "sai mật khẩu rồi") == WRONG  # four more: still not locked
    assert users.authenticate(con, "lanhdao", LEADER_PASSWORD, now=NOW).failed_attempts == 0


def test_lockout_follows_the_policy(con, accounts):
    strict = policy.Policy(max_failed_logins=2, lockout_minutes=60)
    for _ in range(2):
        with pytest.raises(users.LoginError) as caught:
            users.authenticate(con, "lanhdao", "sai mật khẩu rồi", policy=strict, now=NOW)
    assert str(caught.value) == "Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần; thử lại sau 09:30."


def test_unknown_names_never_lock(con, accounts):
    for _ in range(7):
        assert _fail(con, "ai.do", "sai mật khẩu rồi") == WRONG


def test_disabled_account_refused_with_the_generic_message(con, accounts):
    users.set_role(con, "lanhdao", "admin")
    users.disable_user(con, "lanhdao")
    assert _fail(con, "lanhdao", LEADER_PASSWORD) == WRONG
    detail = con.execute("SELECT detail FROM audit_log WHERE action = 'login_failed'").fetchone()[0]
    assert detail == '{"reason": "disabled"}'
    users.enable_user(con, "lanhdao")
    assert users.authenticate(con, "lanhdao", LEADER_PASSWORD).active


def test_login_rehashes_a_hash_made_with_old_parameters(con, accounts, monkeypatch):
    before = con.execute("SELECT password_hash FROM users WHERE username = 'quantri'").fetchone()[0]
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=2, memory_cost=16, parallelism=1))
    users.authenticate(con, "quantri", ADMIN_PASSWORD)
    after = con.execute("SELECT password_hash FROM users WHERE username = 'quantri'").fetchone()[0]
    assert after != before and not passwords.needs_rehash(after)
    users.authenticate(con, "quantri", ADMIN_PASSWORD)  # the new hash verifies
    assert con.execute("SELECT password_hash FROM users WHERE username = 'quantri'").fetchone()[0] == after


def test_no_password_anywhere_in_the_audit_log(con, accounts):
    secret = "Bí mật tuyệt đối 2025"
    users.add_user(con, "canbo", secret, "uploader")
    users.authenticate(con, "canbo", secret)
    _fail(con, "canbo", secret + "?")
    _fail(con, "ai.do", secret)
    users.set_password(con, "canbo", secret + " mới")
    for _ in range(5):
        _fail(con, "canbo", secret)
    for password in (secret, secret + "?", ADMIN_PASSWORD, LEADER_PASSWORD):
        hits = con.execute(
            "SELECT count(*) FROM audit_log WHERE contains(concat_ws('|', audit_id, \"at\", actor, action, target,"
            " detail, ok), ?)",
            [password],
        ).fetchone()[0]
        assert hits == 0
    assert con.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 12
