"""First start without a well-known password: while no active admin exists, an operator (or the system at
start-up) issues a one-time setup link; whoever opens it chooses the first admin's name and password.

Only the SHA-256 of a link's token is stored; a new link replaces the unused ones; a link works once, until
it expires, and only while there is still no active admin.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

import duckdb

from oversight import access, clock, db
from oversight.auth import _sql, audit
from oversight.auth.users import User, _create_user, _other_active_admins

INVALID_LINK = "Liên kết thiết lập không hợp lệ hoặc đã hết hạn."
DEFAULT_BASE = "http://localhost:8501"


def _digest(token: str) -> str:
    return hashlib.sha256((token or "").encode("utf-8")).hexdigest()


def needs_setup(con: duckdb.DuckDBPyConnection) -> bool:
    """True while no active admin exists."""
    cur = con.cursor()
    try:
        return _other_active_admins(cur, None) == 0
    finally:
        cur.close()


def issue_setup_token(con: duckdb.DuckDBPyConnection, ttl_minutes: int = 60, now: datetime | None = None) -> str:
    """A new one-time setup token valid `ttl_minutes` (MANAGE_USERS: an operator or the system); earlier
    unused tokens stop working. ValueError when an active admin already exists."""
    access.require(access.MANAGE_USERS)
    now = now or clock.utc_now()
    token = secrets.token_urlsafe(32)
    expires_at = now + timedelta(minutes=ttl_minutes)
    with db.transaction(con) as cur:
        if _other_active_admins(cur, None) > 0:
            raise ValueError("Đã có tài khoản quản trị đang hoạt động; không cần liên kết thiết lập.")
        _sql.rows(cur, "setup_tokens_discard")
        _sql.rows(cur, "setup_token_insert", token_hash=_digest(token), now=now, expires_at=expires_at)
        audit.record(cur, audit.SETUP_LINK, detail={"expires_at": expires_at})
    return token


def setup_url(token: str, base: str = DEFAULT_BASE) -> str:
    return f"{base.rstrip('/')}/?setup={token}"


def complete_setup(
    con: duckdb.DuckDBPyConnection,
    token: str,
    username: str,
    password: str,
    display_name: str | None = None,
    now: datetime | None = None,
) -> User:
    """Create the first admin from a valid setup token (acting as the system) and use the token up.
    ValueError INVALID_LINK for a wrong, used or expired token or once an admin exists; ValueError with the
    reason for a bad name or password (the token then stays valid)."""
    now = now or clock.utc_now()
    token_hash = _digest(token)
    with access.acting_as(access.system()), db.transaction(con) as cur:
        valid = _sql.first(cur, "setup_token_valid", token_hash=token_hash, now=now)
        if valid is None or _other_active_admins(cur, None) > 0:
            raise ValueError(INVALID_LINK)
        user = _create_user(cur, username, password, "admin", None, display_name)
        _sql.rows(cur, "setup_token_use", token_hash=token_hash, now=now, username=user.username)
        audit.record(cur, audit.SETUP_ADMIN, target=user.username, detail={"via": "setup_link"})
    return user
