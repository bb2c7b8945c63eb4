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
BLOCKED = "Đăng nhập tạm bị chặn do nhập sai nhiều lần; thử lại sau 15:45."
ATTACKER, OFFICE = "203.0.113.9", "10.1.2.3"


def _fail(con, username, password, now=NOW, client="10.0.0.7") -> str:
    with pytest.raises(users.LoginError) as caught:
        users.authenticate(con, username, password, now=now, client=client)
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
        ("web:?", "login_failed", None, False),
        ("web:lanhdao", "login_failed", "lanhdao", False),
    ]


def test_five_failures_block_that_name_from_that_client_even_with_the_right_password(con, accounts):
    for attempt in range(1, 5):
        assert _fail(con, "lanhdao", f"sai lần thứ {attempt}", NOW + timedelta(minutes=attempt - 5)) == WRONG
    assert _fail(con, "lanhdao", "sai lần thứ năm") == BLOCKED  # 08:30 UTC + 15 min = 15:45 in Hà Nội
    assert _fail(con, "lanhdao", LEADER_PASSWORD, NOW + timedelta(minutes=14)) == BLOCKED
    actions = [row[1] for row in _audit(con) if row[0] == "web:lanhdao"]
    assert actions == ["login_failed"] * 5 + ["login_locked"]
    user = users.authenticate(con, "lanhdao", LEADER_PASSWORD, now=NOW + timedelta(minutes=15))
    assert (user.failed_attempts, user.locked_until) == (0, None)


def test_an_attacker_cannot_lock_out_the_user_from_another_client(con, accounts):
    for _ in range(8):
        _fail(con, "quantri", "đoán mò", client=ATTACKER)
    assert _fail(con, "quantri", ADMIN_PASSWORD, client=ATTACKER).startswith("Đăng nhập tạm bị chặn")
    admin = users.authenticate(con, "quantri", ADMIN_PASSWORD, now=NOW, client=OFFICE)
    assert admin.role == "admin" and admin.locked_until is None


def test_unknown_and_known_names_are_blocked_alike(con, accounts):
    """The answer never tells whether a name is an account, not even once it is blocked."""
    known = [_fail(con, "lanhdao", "sai mật khẩu rồi") for _ in range(6)]
    unknown = [_fail(con, "khong.co.ai", "sai mật khẩu rồi") for _ in range(6)]
    assert known == unknown == [WRONG] * 4 + [BLOCKED] * 2


def test_blocks_grow_with_each_failure_after_the_limit(con, accounts):
    for _ in range(5):
        _fail(con, "lanhdao", "sai mật khẩu rồi")
    after_first = NOW + timedelta(minutes=15)
    assert _fail(con, "lanhdao", "sai nữa", after_first) == BLOCKED.replace("15:45", "16:15")  # 30 minutes
    after_second = after_first + timedelta(minutes=30)
    assert _fail(con, "lanhdao", "lại sai", after_second) == BLOCKED.replace("15:45", "17:15")  # 60 minutes


def test_success_resets_the_count(con, accounts):
    for _ in range(4):
        _fail(con, "lanhdao", "sai mật khẩu rồi")
    users.authenticate(con, "lanhdao", LEADER_PASSWORD, now=NOW, client="10.0.0.7")
    for _ in range(4):
        assert _fail(con, "lanhdao", "sai mật khẩu rồi") == WRONG  # four more: still not blocked
    assert users.authenticate(con, "lanhdao", LEADER_PASSWORD, now=NOW).failed_attempts == 0


def test_blocking_follows_the_policy(con, accounts):
    strict = policy.Policy(max_failed_logins=2, lockout_minutes=60)
    for _ in range(2):
        with pytest.raises(users.LoginError) as caught:
            users.authenticate(con, "lanhdao", "sai mật khẩu rồi", policy=strict, now=NOW)
    assert str(caught.value) == "Đăng nhập tạm bị chặn do nhập sai nhiều lần; thử lại sau 16:30."


def test_a_name_that_is_no_account_is_never_written_down(con, accounts):
    typed = "Mật-khẩu-gõ-nhầm-ô 2025"  # a password typed into the name box
    _fail(con, typed, "bất kỳ")
    row = con.execute("SELECT actor, action, target, detail FROM audit_log ORDER BY audit_id DESC LIMIT 1").fetchone()
    assert row[:3] == ("web:?", "login_failed", None)
    dump = "|".join(str(v) for r in con.execute("SELECT * FROM audit_log").fetchall() for v in r)
    assert users.normalize_username(typed) not in dump and "gõ-nhầm" not in dump


def test_disabled_account_refused_with_the_generic_message(con, accounts):
    users.set_role(con, "lanhdao", "admin")
    users.disable_user(con, "lanhdao")
    assert _fail(con, "lanhdao", LEADER_PASSWORD) == WRONG
    detail = con.execute("SELECT detail FROM audit_log WHERE action = 'login_failed'").fetchone()[0]
    assert detail == '{"client": "10.0.0.7", "reason": "disabled"}'
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
