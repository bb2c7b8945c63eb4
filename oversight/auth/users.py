"""Local accounts: add, change, disable and list users; log in with lockout; the principal a user acts as.

Every change is one transaction together with its audit row (never holding the password). Account
management needs access.MANAGE_USERS (admins, command-line operators); a user may change their own
password; logging in needs nobody acting.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, fields
from datetime import datetime
from functools import cache
from typing import NoReturn

import duckdb
import pandas as pd

from oversight import access, clock, db
from oversight.auth import _sql, audit, sessions, throttle
from oversight.auth.passwords import check_password_policy, hash_password, needs_rehash, verify_password
from oversight.auth.policy import Policy, get_policy
from oversight.text import clean

WRONG_LOGIN = "Tên đăng nhập hoặc mật khẩu không đúng."
THROTTLED_LOGIN = "Đăng nhập tạm bị chặn do nhập sai nhiều lần; thử lại sau {until}."
UNKNOWN_ACTOR = "web:?"  # a refused login under a name that is no account: the typed text is never stored
_USERNAME = re.compile(r"[\w.@-]{3,64}")
_ACTOR_NAME_MAX = 64  # a typed user name is cut to this in the audit log


class LoginError(Exception):
    """A refused login; str(error) is the Vietnamese message to show."""


@dataclass(frozen=True)
class User:
    """An account as pages see it (never its password hash)."""

    user_id: int
    username: str
    display_name: str | None
    role: str | None
    unit_id: int | None
    active: bool
    failed_attempts: int
    locked_until: datetime | None
    created_at: datetime
    created_by: str
    password_changed_at: datetime | None
    last_login_at: datetime | None

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and self.locked_until > now


_USER_FIELDS = tuple(f.name for f in fields(User))


def normalize_username(text: object) -> str:
    """User names are stored and compared NFC-normalised, trimmed and in lower case."""
    return clean(text).lower()


def _user(row: dict) -> User:
    return User(**{name: row[name] for name in _USER_FIELDS})


def _find(cur: duckdb.DuckDBPyConnection, username: str) -> tuple[User, str] | None:
    """The account and its password hash, or None."""
    row = _sql.first(cur, "user_by_name", username=normalize_username(username))
    return None if row is None else (_user(row), row["password_hash"])


def _existing(cur: duckdb.DuckDBPyConnection, username: str) -> User:
    found = _find(cur, username)
    if found is None:
        raise ValueError(f"Không có tài khoản «{normalize_username(username)}».")
    return found[0]


def _reload(cur: duckdb.DuckDBPyConnection, user_id: int) -> User:
    return _user(_sql.first(cur, "user_by_id", user_id=user_id))


def _check_role(cur: duckdb.DuckDBPyConnection, role: str | None, unit_id: int | None) -> None:
    if role is not None and role not in access.ROLES:
        raise ValueError(f"Vai trò «{role}» không hợp lệ; chọn một trong: {', '.join(access.ROLES)}.")
    if role == "unit_viewer" and unit_id is None:
        raise ValueError(f"Vai trò «{access.ROLE_LABELS['unit_viewer']}» cần chọn đơn vị.")
    if unit_id is None:
        return
    unit = _sql.first(cur, "unit_by_id", unit_id=int(unit_id))
    if unit is None:
        raise ValueError(f"Không có đơn vị mã {unit_id}.")
    if unit["merged_into"] is not None:
        raise ValueError(f"Đơn vị «{unit['name']}» đã được gộp vào đơn vị khác; hãy chọn đơn vị được giữ lại.")


def _other_active_admins(cur: duckdb.DuckDBPyConnection, user_id: int | None) -> int:
    return int(_sql.first(cur, "active_admins", except_user_id=user_id)["admins"])


def _keeps_an_admin(cur: duckdb.DuckDBPyConnection, user: User, message: str) -> None:
    """Refuse a change that would leave no active admin (nobody could manage accounts from the dashboard)."""
    if user.role == "admin" and user.active and _other_active_admins(cur, user.user_id) == 0:
        raise ValueError(message)


def _create_user(
    cur: duckdb.DuckDBPyConnection,
    username: str,
    password: str,
    role: str | None,
    unit_id: int | None = None,
    display_name: str | None = None,
) -> User:
    """Validate and insert an account on `cur` (inside the caller's transaction; no permission check, no
    audit row: add_user and setup.complete_setup do both)."""
    name = normalize_username(username)
    if not _USERNAME.fullmatch(name):
        raise ValueError("Tên đăng nhập phải dài 3–64 ký tự, chỉ gồm chữ, số và các dấu . _ - @.")
    _check_role(cur, role, unit_id)
    check_password_policy(password, name)
    if _find(cur, name) is not None:
        raise ValueError(f"Tên đăng nhập «{name}» đã tồn tại.")
    row = _sql.first(
        cur,
        "user_insert",
        username=name,
        display_name=clean(display_name) or None,
        role=role,
        unit_id=None if unit_id is None else int(unit_id),
        password_hash=hash_password(password),
        created_by=audit.current_actor(),
        now=clock.utc_now(),
    )
    return _reload(cur, row["user_id"])


def add_user(
    con: duckdb.DuckDBPyConnection,
    username: str,
    password: str,
    role: str | None,
    unit_id: int | None = None,
    display_name: str | None = None,
) -> User:
    """A new account (admin only). ValueError with a Vietnamese message for a bad name, role, unit or
    password, or a name already taken."""
    access.require(access.MANAGE_USERS)
    with db.transaction(con) as cur:
        user = _create_user(cur, username, password, role, unit_id, display_name)
        audit.record(cur, audit.USER_ADD, target=user.username, detail={"role": role, "unit_id": user.unit_id})
    return user


def set_password(con: duckdb.DuckDBPyConnection, username: str, new_password: str) -> User:
    """A new password (admins for anybody, a user for themself); it also lifts the name's login blocks and ends
    every login session of the account (oversight.auth.sessions)."""
    principal = access.current()
    is_admin = principal is not None and principal.can(access.MANAGE_USERS)
    if not is_admin and (principal is None or principal.name != normalize_username(username)):
        access.require(access.MANAGE_USERS)  # raises: only admins change other people's passwords
    with db.transaction(con) as cur:
        user = _existing(cur, username)
        if not is_admin and principal.user_id != user.user_id:
            access.require(access.MANAGE_USERS)
        check_password_policy(new_password, user.username)
        _sql.rows(
            cur,
            "user_set_password",
            user_id=user.user_id,
            password_hash=hash_password(new_password),
            now=clock.utc_now(),
        )
        sessions.revoke_user(cur, user.user_id, "password")  # every browser logged in must log in again
        audit.record(cur, audit.PASSWORD_CHANGE, target=user.username)
        changed = _reload(cur, user.user_id)
    throttle.forget_name(user.username)
    return changed


def set_role(con: duckdb.DuckDBPyConnection, username: str, role: str | None, unit_id: int | None = None) -> User:
    """Change an account's role and unit (admin only); the last active admin keeps the admin role."""
    access.require(access.MANAGE_USERS)
    with db.transaction(con) as cur:
        user = _existing(cur, username)
        _check_role(cur, role, unit_id)
        if role != "admin":
            _keeps_an_admin(
                cur,
                user,
                "Không thể bỏ quyền quản trị của quản trị viên cuối cùng; hãy cấp quyền cho người khác trước.",
            )
        unit_id = None if unit_id is None else int(unit_id)
        _sql.rows(cur, "user_set_role", user_id=user.user_id, role=role, unit_id=unit_id)
        changes = {
            key: {"old": old, "new": new}
            for key, old, new in (("role", user.role, role), ("unit_id", user.unit_id, unit_id))
            if old != new
        }
        audit.record(cur, audit.USER_CHANGE, target=user.username, detail=changes)
        return _reload(cur, user.user_id)


def disable_user(con: duckdb.DuckDBPyConnection, username: str) -> User:
    """Stop an account from logging in and end its login sessions (admin only); the last active admin
    cannot be disabled."""
    access.require(access.MANAGE_USERS)
    with db.transaction(con) as cur:
        user = _existing(cur, username)
        _keeps_an_admin(
            cur, user, "Không thể vô hiệu hóa quản trị viên cuối cùng; hãy cấp quyền quản trị cho người khác trước."
        )
        _sql.rows(cur, "user_set_active", user_id=user.user_id, active=False)
        sessions.revoke_user(cur, user.user_id, "disabled")
        audit.record(cur, audit.USER_DISABLE, target=user.username)
        return _reload(cur, user.user_id)


def enable_user(con: duckdb.DuckDBPyConnection, username: str) -> User:
    """Let an account log in again (admin only); it also lifts the name's login blocks."""
    access.require(access.MANAGE_USERS)
    with db.transaction(con) as cur:
        user = _existing(cur, username)
        _sql.rows(cur, "user_set_active", user_id=user.user_id, active=True)
        audit.record(cur, audit.USER_ENABLE, target=user.username)
        enabled = _reload(cur, user.user_id)
    throttle.forget_name(user.username)
    return enabled


def list_users(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every account with its unit's name, without password hashes (admin only)."""
    access.require(access.MANAGE_USERS)
    return _sql.frame(con, "users_list")


def get_user(con: duckdb.DuckDBPyConnection, user_id: int) -> User | None:
    """One account by id, or None (no permission needed: the login gate reloads its user on every run)."""
    rows = _sql.read(con, "user_by_id", user_id=int(user_id))
    return _user(rows[0]) if rows else None


@cache
def _dummy_hash() -> str:
    return hash_password("oversight: a password nobody has")


def _refuse(con: duckdb.DuckDBPyConnection, actor: str, name: str, action: str, detail: dict, message: str) -> NoReturn:
    audit.record(con, action, target=name, detail=detail, ok=False, actor=actor)
    raise LoginError(message)


def authenticate(
    con: duckdb.DuckDBPyConnection,
    username: str,
    password: str,
    policy: Policy | None = None,
    now: datetime | None = None,
    client: str = "?",
) -> User:
    """The account whose name and password these are, else LoginError.

    One answer for an unknown name, a wrong password and a disabled account, and the same throttling for
    all three (oversight/auth/throttle.py: per typed name and client address, growing delays), so the answer
    never tells whether an account exists and nobody can lock another user out. Every attempt is audited;
    a name that is no account is never written down (it may be a password typed into the wrong box)."""
    name = normalize_username(username)
    policy = policy or get_policy(con)
    now = now or clock.utc_now()
    cur = con.cursor()
    try:
        found = _find(cur, name)
    finally:
        cur.close()
    actor, target = (f"web:{name[:_ACTOR_NAME_MAX]}", name) if found is not None else (UNKNOWN_ACTOR, None)
    until = throttle.blocked_until(name, client, now)
    if until is not None:
        _refuse(con, actor, target, audit.LOGIN_LOCKED, {"client": client}, _blocked_message(until))
    if found is None:
        verify_password(_dummy_hash(), password or "")  # an unknown name costs what a known one costs
        _failed(con, None, name, client, actor, {"reason": "unknown_user"}, policy, now)
    user, stored = found
    matches = verify_password(stored, password or "")
    if not user.active:
        # Same message as a wrong password, whatever the password: a message of its own would tell anyone
        # trying names that the account exists (and, with the right password, that they guessed it). The
        # audit row says why; the user asks an admin.
        _failed(con, user, name, client, actor, {"reason": "disabled"}, policy, now)
    if not matches:
        _failed(con, user, name, client, actor, {"reason": "wrong_password"}, policy, now)
    throttle.succeeded(name, client)
    new_hash = hash_password(password) if needs_rehash(stored) else stored
    for pause in (*_CONFLICT_PAUSES, None):
        try:
            with db.transaction(con) as cur:
                _sql.rows(cur, "login_succeeded", user_id=user.user_id, now=now, password_hash=new_hash)
                audit.record(cur, audit.LOGIN, target=name, actor=actor)
                return _reload(cur, user.user_id)
        except duckdb.TransactionException as exc:
            # The same account logging in at the same moment in another tab or by another person (a shared
            # account): DuckDB refuses the second concurrent update of the user's row ("Conflict on update").
            # The other login commits within milliseconds; this one is then written again.
            if pause is None or "Conflict" not in str(exc):
                raise
            time.sleep(pause)
    raise AssertionError("unreachable")


_CONFLICT_PAUSES = (0.01, 0.02, 0.05, 0.1, 0.2, 0.4, 0.8)  # 1.6 s in all


def _blocked_message(until: datetime) -> str:
    return THROTTLED_LOGIN.format(until=clock.local_text(until, "%H:%M"))


SSO_UNKNOWN = (
    "Tài khoản «{email}» đã được xác thực nhưng chưa được cấp quyền trong hệ thống này; "
    "đề nghị quản trị hệ thống tạo tài khoản có tên đăng nhập là địa chỉ thư điện tử này."
)


def sso_login(con: duckdb.DuckDBPyConnection, email: str | None, now: datetime | None = None) -> User:
    """The local account for an identity the province's single sign-on (OIDC, st.login) vouched for: the
    account whose user name is that e-mail address. The provider proves who it is; the role still comes
    from here, so an identity without an active local account gets nothing (LoginError). Audited under
    "sso:<email>"."""
    name = normalize_username(email or "")
    actor = f"sso:{name[:_ACTOR_NAME_MAX]}"
    cur = con.cursor()
    try:
        found = _find(cur, name) if name else None
    finally:
        cur.close()
    if found is None or not found[0].active:
        reason = "unknown_user" if found is None else "disabled"
        _refuse(con, actor, name, audit.LOGIN_FAILED, {"reason": reason, "via": "sso"}, SSO_UNKNOWN.format(email=name))
    user = found[0]
    with db.transaction(con) as tx:
        _sql.rows(tx, "login_succeeded", user_id=user.user_id, now=now or clock.utc_now(), password_hash=found[1])
        audit.record(tx, audit.LOGIN, target=name, detail={"via": "sso"}, actor=actor)
        return _reload(tx, user.user_id)


def _failed(
    con: duckdb.DuckDBPyConnection,
    user: User | None,
    name: str,
    client: str,
    actor: str,
    detail: dict,
    policy: Policy,
    now: datetime,
) -> NoReturn:
    """Count a refused attempt against the typed name and client (blocking the pair at the limit), and against
    the account (`user`, None when the name is no account) when it is active; audit it and raise LoginError."""
    until = throttle.failed(name, client, now, policy.max_failed_logins, policy.lockout_minutes)
    detail = {**detail, "client": client}
    with db.transaction(con) as cur:
        if user is not None and user.active:
            detail.update(_sql.first(cur, "login_failed", user_id=user.user_id) or {})
        if until is not None:
            detail["blocked_until"] = until
        audit.record(
            cur, audit.LOGIN_FAILED, target=user.username if user else None, detail=detail, ok=False, actor=actor
        )
    raise LoginError(_blocked_message(until) if until is not None else WRONG_LOGIN)


def principal_for(con: duckdb.DuckDBPyConnection, user: User, policy: Policy | None = None) -> access.Principal:
    """Whom a logged-in user acts as. A unit viewer sees the items of its unit, the unit's sub-units and
    the predecessors of each; other units' figures as policy.unit_viewer_aggregates says. A disabled
    account acts as nobody with a role (sees nothing)."""
    base = {"name": user.username, "source": "web", "user_id": user.user_id, "unit_id": user.unit_id}
    if not user.active:
        return access.Principal(role=None, **base)
    if user.role != "unit_viewer":
        return access.Principal(role=user.role, **base)
    scope = _sql.read(con, "unit_scope", unit_id=user.unit_id)
    aggregates_all = (policy or get_policy(con)).unit_viewer_aggregates == "all"
    units = frozenset(int(row["unit_id"]) for row in scope)
    return access.Principal(role=user.role, units=units, aggregates_all=aggregates_all, **base)
