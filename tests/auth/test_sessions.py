"""Login sessions: opened after a password check, collected once as a signed cookie, validated on every run,
ended by logout, by disabling the account, by a password change and by time (oversight.auth.sessions)."""

from __future__ import annotations

import hashlib
import stat
from datetime import datetime, timedelta

from oversight.auth import policy, sessions, users
from oversight.config import load_settings

T0 = datetime(2026, 3, 2, 8, 0)


def _login(con, user, now=T0, client="Mozilla/5.0 thử"):
    started = sessions.start(con, user.user_id, client=client, now=now)
    collected = sessions.collect(con, started.handoff, now=now + timedelta(seconds=5))
    assert collected is not None
    return started, collected


def _row(con, session_id):
    return con.execute(
        "SELECT token_hash, handoff_hash, revoked_at, revoked_reason, client, expires_at, last_seen"
        " FROM web_sessions WHERE session_id = ?",
        [session_id],
    ).fetchone()


def test_a_session_is_kept_only_as_hashes_and_its_cookie_names_it(con, accounts):
    _, leader = accounts
    started, collected = _login(con, leader)
    token_hash, handoff_hash, revoked_at, _, client, expires_at, _ = _row(con, started.session_id)
    token = collected.cookie.split(".")[0]
    assert len(token) == 43  # 32 random bytes, URL-safe base64
    assert token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(con.execute("SELECT * FROM web_sessions").fetchall())
    assert handoff_hash is None and revoked_at is None and client == "Mozilla/5.0 thử"
    assert expires_at == T0 + timedelta(hours=12)  # the default session length
    assert collected.max_age == 12 * 3600 - 5
    live = sessions.validate(con, cookie=collected.cookie, now=T0 + timedelta(hours=1))
    assert live == sessions.Live(started.session_id, leader.user_id)
    assert sessions.validate(con, session_id=started.session_id, now=T0 + timedelta(hours=1)) == live


def test_the_handoff_code_works_once_and_only_briefly(con, accounts):
    _, leader = accounts
    started = sessions.start(con, leader.user_id, now=T0)
    late = T0 + timedelta(seconds=sessions.HANDOFF_SECONDS + 1)
    assert sessions.collect(con, started.handoff, now=late) is None
    again = sessions.start(con, leader.user_id, now=T0)
    assert sessions.collect(con, again.handoff, now=T0 + timedelta(seconds=1)) is not None
    assert sessions.collect(con, again.handoff, now=T0 + timedelta(seconds=2)) is None  # used
    assert sessions.collect(con, "not-a-code", now=T0) is None
    assert sessions.collect(con, None, now=T0) is None


def test_a_tampered_or_made_up_cookie_is_refused(con, accounts):
    _, leader = accounts
    _, collected = _login(con, leader)
    token, signature = collected.cookie.split(".")
    later = T0 + timedelta(minutes=1)
    other = "A" if token[0] != "A" else "B"
    assert sessions.validate(con, cookie=f"{other}{token[1:]}.{signature}", now=later) is None
    assert sessions.validate(con, cookie=f"{token}.{signature[:-1]}x", now=later) is None
    assert sessions.validate(con, cookie=token, now=later) is None  # unsigned
    assert sessions.validate(con, cookie="", now=later) is None
    assert sessions.validate(con, cookie="ả.ả", now=later) is None
    # A row written straight into the table (somebody with database access but not the secret) does not
    # make a cookie: its token still needs the server's signature.
    forged = "f" * 43
    con.execute(
        "INSERT INTO web_sessions (token_hash, user_id, created_at, last_seen, expires_at) VALUES (?, ?, ?, ?, ?)",
        [hashlib.sha256(forged.encode()).hexdigest(), leader.user_id, T0, T0, T0 + timedelta(hours=12)],
    )
    assert sessions.validate(con, cookie=f"{forged}.{'x' * 43}", now=later) is None
    assert sessions.validate(con, cookie=sessions.sign(forged), now=later) is not None  # only with the secret


def test_the_secret_is_private_and_kept(con):
    first = sessions.secret()
    path = sessions.secret_path()
    assert path.parent == load_settings().data_dir
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first) == 32
    sessions._secret.cache_clear()
    assert sessions.secret() == first  # read back, not regenerated


def test_a_session_expires_by_its_length_and_by_a_shorter_setting(con, accounts):
    _, leader = accounts
    started, collected = _login(con, leader)
    assert sessions.validate(con, cookie=collected.cookie, now=T0 + timedelta(hours=11, minutes=59)) is not None
    assert sessions.validate(con, cookie=collected.cookie, now=T0 + timedelta(hours=12)) is None
    policy.set_policy(con, session_hours=2)
    assert sessions.validate(con, cookie=collected.cookie, now=T0 + timedelta(hours=1, minutes=59)) is not None
    assert sessions.validate(con, session_id=started.session_id, now=T0 + timedelta(hours=2, minutes=1)) is None


def test_last_seen_is_refreshed_at_most_every_few_minutes(con, accounts):
    _, leader = accounts
    started, collected = _login(con, leader)
    sessions.validate(con, cookie=collected.cookie, now=T0 + timedelta(minutes=1))
    assert _row(con, started.session_id)[6] == T0 + timedelta(seconds=5)  # set when the cookie was collected
    sessions.validate(con, cookie=collected.cookie, now=T0 + timedelta(minutes=6))
    assert _row(con, started.session_id)[6] == T0 + timedelta(minutes=6)


def test_logout_ends_that_session_only(con, accounts):
    _, leader = accounts
    first, first_cookie = _login(con, leader)
    second, second_cookie = _login(con, leader)  # another browser
    later = T0 + timedelta(minutes=10)
    ended = sessions.revoke(con, cookie=first_cookie.cookie, now=later)
    assert ended == sessions.Live(first.session_id, leader.user_id)
    assert sessions.validate(con, cookie=first_cookie.cookie, now=later) is None
    assert sessions.validate(con, session_id=first.session_id, now=later) is None
    assert sessions.validate(con, cookie=second_cookie.cookie, now=later) is not None
    assert _row(con, first.session_id)[2:4] == (later, "logout")
    assert sessions.revoke(con, cookie=first_cookie.cookie, now=later) is None  # already ended
    assert sessions.revoke(con, session_id=second.session_id, now=later).session_id == second.session_id


def test_disabling_an_account_ends_all_its_sessions(con, accounts):
    admin, leader = accounts
    _, leader_cookie = _login(con, leader)
    started = sessions.start(con, leader.user_id, now=T0)  # not collected yet
    _, admin_cookie = _login(con, admin)
    users.disable_user(con, "lanhdao")
    now = T0 + timedelta(minutes=1)
    assert sessions.validate(con, cookie=leader_cookie.cookie, now=now) is None
    assert sessions.collect(con, started.handoff, now=now) is None
    assert sessions.validate(con, cookie=admin_cookie.cookie, now=now) is not None
    users.enable_user(con, "lanhdao")  # enabling again does not bring old sessions back
    assert sessions.validate(con, cookie=leader_cookie.cookie, now=now) is None
    reasons = con.execute(
        "SELECT DISTINCT revoked_reason FROM web_sessions WHERE user_id = ?", [leader.user_id]
    ).fetchall()
    assert reasons == [("disabled",)]


def test_a_password_change_ends_all_the_accounts_sessions(con, accounts):
    admin, leader = accounts
    _, leader_cookie = _login(con, leader)
    _, admin_cookie = _login(con, admin)
    users.set_password(con, "lanhdao", "Mật khẩu mới hoàn toàn")
    now = T0 + timedelta(minutes=1)
    assert sessions.validate(con, cookie=leader_cookie.cookie, now=now) is None
    assert sessions.validate(con, cookie=admin_cookie.cookie, now=now) is not None
    assert con.execute("SELECT revoked_reason FROM web_sessions WHERE user_id = ?", [leader.user_id]).fetchall() == [
        ("password",)
    ]


def test_a_disabled_account_fails_validation_even_before_revocation(con, accounts):
    _, leader = accounts
    _, collected = _login(con, leader)
    con.execute("UPDATE users SET active = false WHERE user_id = ?", [leader.user_id])
    assert sessions.validate(con, cookie=collected.cookie, now=T0 + timedelta(minutes=1)) is None


def test_a_touch_at_the_same_moment_as_another_tabs_touch_still_validates(con, accounts):
    """Two tabs of one browser (one cookie) running a page at the same moment when the session is due for its
    touch: DuckDB refuses the second concurrent update of the session's row ("Conflict on update!"), which
    failed the page run; the other tab's touch is enough, and the session is valid."""
    _, leader = accounts
    started, collected = _login(con, leader)
    other = con.cursor()
    other.execute("BEGIN TRANSACTION")
    other.execute(  # the other tab's touch, not yet committed
        "UPDATE web_sessions SET last_seen = ? WHERE session_id = ?", [T0 + timedelta(minutes=6), started.session_id]
    )
    live = sessions.validate(con, cookie=collected.cookie, now=T0 + timedelta(minutes=6, seconds=1))
    other.execute("COMMIT")
    assert live is not None and live.session_id == started.session_id and live.user_id == leader.user_id
    assert _row(con, started.session_id)[6] == T0 + timedelta(minutes=6)  # the other tab's touch
