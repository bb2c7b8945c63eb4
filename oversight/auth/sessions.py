"""Login sessions that last across reloads and tabs: a server-side row per login, named by a cookie.

- `start` (after the login form checked the password) opens a session and returns its id, which the
  Streamlit session that logged in keeps in its own (server-side) state, and a one-time handoff code;
- the browser hands the code to the login route (oversight.ui.server), which `collect`s the session's cookie:
  a random 256-bit token, kept here only as its SHA-256, signed with the server's secret (HMAC-SHA256) so a
  made-up or altered cookie is refused before any lookup, and one written into the table by somebody who
  cannot read the secret file never validates;
- every page run `validate`s the cookie (or the id): not revoked, not past its end nor the current session
  length setting (policy.session_hours, counted from the login), its account active. Nothing is audited per
  run; `last_seen` is refreshed at most every TOUCH_EVERY;
- logout `revoke`s one session; disabling an account or changing its password revokes all of that
  account's sessions (oversight.auth.users, in the same transaction).

No permission is needed: these are the login machinery itself (like users.authenticate).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

import duckdb

from oversight import clock, db
from oversight.auth import _sql
from oversight.auth.policy import Policy, get_policy
from oversight.config import load_settings

COOKIE_NAME = "oversight_session"
HANDOFF_SECONDS = 120  # the login form's code must reach the login route within this
TOUCH_EVERY = timedelta(minutes=5)
SECRET_FILE = "session_secret"
_CLIENT_MAX = 200


@dataclass(frozen=True)
class Started:
    session_id: int
    handoff: str  # the one-time code the browser hands to the login route


@dataclass(frozen=True)
class Collected:
    session_id: int
    user_id: int
    cookie: str  # the signed cookie value
    max_age: int  # seconds until the session ends


@dataclass(frozen=True)
class Live:
    session_id: int
    user_id: int


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def secret_path(data_dir: Path | None = None) -> Path:
    return (data_dir or load_settings().data_dir) / SECRET_FILE


@cache
def _secret(path: Path) -> bytes:
    """The server's signing secret: 32 random bytes in the data folder (0600), created on first use."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_hex(32))
    value = bytes.fromhex(path.read_text().strip())
    if len(value) < 32:
        raise RuntimeError(f"{path}: the session secret is too short; delete the file to make a new one")
    return value


def secret() -> bytes:
    return _secret(secret_path())


def _sign(token: str) -> str:
    mac = hmac.new(secret(), token.encode("ascii"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).rstrip(b"=").decode("ascii")


def sign(token: str) -> str:
    """The cookie value for a token: token.signature."""
    return f"{token}.{_sign(token)}"


def unsign(cookie: str | None) -> str | None:
    """The token of a cookie value whose signature is right, else None."""
    if not cookie or cookie.count(".") != 1:
        return None
    token, signature = cookie.split(".")
    try:
        expected = _sign(token)
    except UnicodeEncodeError:
        return None
    return token if hmac.compare_digest(signature, expected) else None


def start(
    con: duckdb.DuckDBPyConnection,
    user_id: int,
    client: str | None = None,
    policy: Policy | None = None,
    now: datetime | None = None,
) -> Started:
    """Open a session for a user whose password was just checked."""
    now = now or clock.utc_now()
    hours = (policy or get_policy(con)).session_hours
    handoff = secrets.token_urlsafe(32)
    with db.transaction(con) as cur:
        row = _sql.first(
            cur,
            "session_insert",
            handoff_hash=_digest(handoff),
            handoff_expires_at=now + timedelta(seconds=HANDOFF_SECONDS),
            user_id=int(user_id),
            now=now,
            expires_at=now + timedelta(hours=hours),
            client=(client or "")[:_CLIENT_MAX] or None,
        )
    return Started(session_id=int(row["session_id"]), handoff=handoff)


def collect(con: duckdb.DuckDBPyConnection, handoff: str | None, now: datetime | None = None) -> Collected | None:
    """Exchange a handoff code (once, within HANDOFF_SECONDS) for the session's signed cookie; None when the
    code is unknown, used, late, or its session has ended."""
    if not handoff:
        return None
    now = now or clock.utc_now()
    token = secrets.token_urlsafe(32)  # 256 bits
    with db.transaction(con) as cur:
        row = _sql.first(cur, "session_collect", handoff_hash=_digest(handoff), token_hash=_digest(token), now=now)
    if row is None:
        return None
    max_age = max(int((row["expires_at"] - now).total_seconds()), 0)
    return Collected(int(row["session_id"]), int(row["user_id"]), sign(token), max_age)


def validate(
    con: duckdb.DuckDBPyConnection,
    *,
    cookie: str | None = None,
    session_id: int | None = None,
    policy: Policy | None = None,
    now: datetime | None = None,
) -> Live | None:
    """The live session a cookie (or a session id kept server-side) names, else None."""
    token = unsign(cookie) if cookie else None
    if token is None and session_id is None:
        return None
    now = now or clock.utc_now()
    hours = (policy or get_policy(con)).session_hours
    rows = _sql.read(
        con,
        "session_valid",
        token_hash=None if token is None else _digest(token),
        session_id=None if session_id is None else int(session_id),
        now=now,
        session_hours=hours,
    )
    if not rows:
        return None
    row = rows[0]
    if now - row["last_seen"] >= TOUCH_EVERY:
        cur = con.cursor()
        try:
            _sql.rows(cur, "session_touch", session_id=row["session_id"], now=now)
        except duckdb.TransactionException as exc:
            # Another tab of the same browser (same cookie) touched the session at the same moment: DuckDB
            # refuses the second concurrent update ("Conflict on update!"); the other one's touch is enough.
            if "Conflict" not in str(exc):
                raise
        finally:
            cur.close()
    return Live(session_id=int(row["session_id"]), user_id=int(row["user_id"]))


def revoke(
    con: duckdb.DuckDBPyConnection,
    *,
    cookie: str | None = None,
    session_id: int | None = None,
    reason: str = "logout",
    now: datetime | None = None,
) -> Live | None:
    """End the session a cookie or id names (logout); the session ended, or None when none was live."""
    token = unsign(cookie) if cookie else None
    if token is None and session_id is None:
        return None
    with db.transaction(con) as cur:
        row = _sql.first(
            cur,
            "session_revoke",
            session_id=None if session_id is None else int(session_id),
            token_hash=None if token is None else _digest(token),
            now=now or clock.utc_now(),
            reason=reason,
        )
    return None if row is None else Live(int(row["session_id"]), int(row["user_id"]))


def revoke_user(cur: duckdb.DuckDBPyConnection, user_id: int, reason: str, now: datetime | None = None) -> None:
    """End every session of an account, on the caller's transaction cursor."""
    _sql.rows(cur, "sessions_revoke_user", user_id=int(user_id), reason=reason, now=now or clock.utc_now())
