"""Access settings an admin changes from the dashboard, kept in app_settings (JSON values) with defaults.

- public_demo: while the database holds only the bundled demo data, visitors who are not logged in may
  look at it read-only, as leaders;
- unit_viewer_aggregates: "all" (unit viewers see every unit's rankings and figures, only their own
  items) or "own" (their own unit's figures only);
- max_failed_logins, lockout_minutes: consecutive failed logins of one typed name from one client that block
  that pair, and for how long the first block lasts (doubling with each further failure; auth/throttle.py);
- session_hours: how long a login lasts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields, replace

import duckdb

from oversight import access, clock, db
from oversight.auth import _sql, audit

AGGREGATE_CHOICES = ("all", "own")
AGGREGATE_LABELS = {"all": "mọi đơn vị", "own": "chỉ đơn vị mình"}
SETTING_LABELS = {
    "public_demo": "Khách chưa đăng nhập được xem dữ liệu mẫu (chỉ xem) khi chưa có dữ liệu thật",
    "unit_viewer_aggregates": "Lãnh đạo đơn vị xem số liệu tổng hợp, xếp hạng của",
    "max_failed_logins": "Số lần đăng nhập sai liên tiếp (cùng tên, cùng máy) thì tạm chặn",
    "lockout_minutes": "Thời gian tạm chặn lần đầu (phút; gấp đôi sau mỗi lần sai tiếp theo)",
    "session_hours": "Thời hạn một phiên đăng nhập (giờ)",
}
# Inclusive bounds of the whole-number settings.
INT_RANGES = {"max_failed_logins": (1, 100), "lockout_minutes": (1, 1440), "session_hours": (1, 720)}


@dataclass(frozen=True)
class Policy:
    public_demo: bool = True
    unit_viewer_aggregates: str = "all"
    max_failed_logins: int = 5
    lockout_minutes: int = 15
    session_hours: int = 12


KEYS = tuple(f.name for f in fields(Policy))


def validate(key: str, value: object) -> object:
    """`value` if it is allowed for `key`, else ValueError with a Vietnamese message."""
    if key not in KEYS:
        raise ValueError(f"Không có thiết lập «{key}».")
    label = SETTING_LABELS[key]
    if key == "public_demo":
        if not isinstance(value, bool):
            raise ValueError(f"«{label}» phải là có hoặc không.")
    elif key == "unit_viewer_aggregates":
        if value not in AGGREGATE_CHOICES:
            raise ValueError(
                f"«{label}» phải là «all» ({AGGREGATE_LABELS['all']}) hoặc «own» ({AGGREGATE_LABELS['own']})."
            )
    else:
        low, high = INT_RANGES[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"«{label}» phải là số nguyên từ {low} đến {high}.")
    return value


def _stored(rows: list[dict]) -> dict:
    """Stored values that are still valid (a value that no longer validates falls back to its default)."""
    out = {}
    for row in rows:
        try:
            out[row["key"]] = validate(row["key"], json.loads(row["value"]))
        except ValueError:
            continue
    return out


def get_policy(con: duckdb.DuckDBPyConnection) -> Policy:
    """The settings in force (no permission needed: the login page reads them before anybody acts)."""
    return replace(Policy(), **_stored(_sql.read(con, "settings_all")))


def set_policy(con: duckdb.DuckDBPyConnection, **changes: object) -> Policy:
    """Change settings (admin only); one transaction with a settings_change audit row of old → new values."""
    principal = access.require(access.MANAGE_SETTINGS)
    for key, value in changes.items():
        validate(key, value)
    now = clock.utc_now()
    with db.transaction(con) as cur:
        old = replace(Policy(), **_stored(_sql.rows(cur, "settings_all")))
        diff = {k: {"old": getattr(old, k), "new": v} for k, v in changes.items() if getattr(old, k) != v}
        for key in diff:
            value = json.dumps(changes[key])
            _sql.rows(cur, "setting_upsert", key=key, value=value, now=now, changed_by=principal.actor)
        if diff:
            audit.record(cur, audit.SETTINGS_CHANGE, target=",".join(diff), detail=diff)
    return replace(old, **{k: changes[k] for k in diff})
