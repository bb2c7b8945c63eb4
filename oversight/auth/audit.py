"""The audit log: who did what, when, and whether it succeeded (table audit_log, schema 050).

`record` writes one row on the connection or cursor it is given, so a caller's transaction commits the
change and its audit row together. Details are JSON text and never hold a password.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import duckdb
import pandas as pd

from oversight import access
from oversight.auth import _sql

LOGIN = "login"
LOGIN_FAILED = "login_failed"
LOGIN_LOCKED = "login_locked"
LOGOUT = "logout"
UPLOAD = "upload"
ROLLBACK = "rollback"
SETTINGS_CHANGE = "settings_change"
USER_ADD = "user_add"
USER_CHANGE = "user_change"
USER_DISABLE = "user_disable"
USER_ENABLE = "user_enable"
PASSWORD_CHANGE = "password_change"
EXPORT = "export"
SETUP_LINK = "setup_link"
SETUP_ADMIN = "setup_admin"
UNITS_CHANGE = "units_change"
COLUMN_MAPPING = "column_mapping"
REMINDER_ADD = "reminder_add"
REMINDER_EDIT = "reminder_edit"
REMINDER_WITHDRAW = "reminder_withdraw"

ACTION_LABELS = {
    LOGIN: "Đăng nhập",
    LOGIN_FAILED: "Đăng nhập không thành công",
    LOGIN_LOCKED: "Đăng nhập khi đang bị tạm chặn",
    LOGOUT: "Đăng xuất",
    UPLOAD: "Tải dữ liệu lên",
    ROLLBACK: "Hoàn tác một lần tải lên",
    SETTINGS_CHANGE: "Thay đổi cấu hình",
    USER_ADD: "Thêm tài khoản",
    USER_CHANGE: "Đổi vai trò, đơn vị của tài khoản",
    USER_DISABLE: "Vô hiệu hóa tài khoản",
    USER_ENABLE: "Kích hoạt lại tài khoản",
    PASSWORD_CHANGE: "Đổi mật khẩu",
    EXPORT: "Xuất báo cáo",
    SETUP_LINK: "Tạo liên kết thiết lập quản trị viên đầu tiên",
    SETUP_ADMIN: "Tạo tài khoản quản trị đầu tiên",
    UNITS_CHANGE: "Sửa danh mục đơn vị",
    COLUMN_MAPPING: "Ghi nhớ ánh xạ cột của một mẫu tệp",
    REMINDER_ADD: "Ghi sổ nhắc nhở, phê bình",
    REMINDER_EDIT: "Sửa một mục sổ nhắc nhở, phê bình",
    REMINDER_WITHDRAW: "Thu hồi một mục sổ nhắc nhở, phê bình",
}
NOBODY = "nobody"
# Actors that are the product itself, as a person reads them (users keep their "web:name", "cli:name").
ACTOR_LABELS = {"system": "hệ thống", "inbox": "thư mục nhận tệp"}


def actor_text(actor: str) -> str:
    """An audit row's actor as shown: "thư mục nhận tệp" for the drop folder, users as recorded."""
    return ACTOR_LABELS.get(actor, actor)


def current_actor() -> str:
    """How the audit log names whoever acts now."""
    principal = access.current()
    return principal.actor if principal is not None else NOBODY


def record(
    con: duckdb.DuckDBPyConnection,
    action: str,
    target: str | None = None,
    detail: dict | str | None = None,
    ok: bool = True,
    actor: str | None = None,
) -> None:
    """Insert one audit row on `con` itself (a connection, or the cursor of an open transaction).
    `actor` defaults to the current principal's (access.Principal.actor), "nobody" when nobody acts."""
    if isinstance(detail, dict):
        detail = json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str)
    _sql.rows(
        con,
        "audit_insert",
        actor=actor or current_actor(),
        action=action,
        target=None if target is None else str(target),
        detail=detail,
        ok=bool(ok),
    )


def events(
    con: duckdb.DuckDBPyConnection,
    since: datetime | None = None,
    until: datetime | None = None,
    actor: str | None = None,
    action: str | None = None,
    limit: int = 500,
) -> pd.DataFrame:
    """Audit rows newest first (since <= at < until), optionally of one actor and one action."""
    access.require(access.VIEW_AUDIT)
    params: dict[str, Any] = {"since": since, "until": until, "actor": actor, "action": action}
    return _sql.frame(con, "audit_events", limit=int(limit), **params)
