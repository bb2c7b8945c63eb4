"""Who is acting, and what they may do: roles, permissions and the unit scope, enforced below the pages.

Every function that reads or changes data asks `require(permission)` (or `authorize_query(name)` for the
named queries), and answers from the principal of the current context. Nobody in the context means nobody
may do anything (default deny): the dashboard sets the logged-in user around each page run, the CLI sets the
operating-system user it runs as, tests set whom they test as.

Roles (METRICS-independent, DESIGN.md "Who uses it"):
- admin: everything, including users, settings and the audit log;
- uploader: reads everything, uploads, rolls back and keeps the unit registry;
- leader: reads every unit's figures and items, exports; changes nothing;
- unit_viewer: the items of its own unit and its sub-units only; other units' aggregates (rankings) as the
  province decides (setting unit_viewer_aggregates: "all" or "own").
"""

from __future__ import annotations

import contextvars
import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pandas as pd

ROLES = ("admin", "uploader", "leader", "unit_viewer")
ROLE_LABELS = {
    "admin": "Quản trị hệ thống",
    "uploader": "Cán bộ cập nhật dữ liệu",
    "leader": "Lãnh đạo (xem toàn tỉnh)",
    "unit_viewer": "Lãnh đạo đơn vị (xem đơn vị mình)",
}

READ_AGGREGATES = "read_aggregates"
READ_ITEMS = "read_items"
DATA_QUALITY = "data_quality"
UPLOAD = "upload"
ROLLBACK = "rollback"
MANAGE_UNITS = "manage_units"
MANAGE_USERS = "manage_users"
MANAGE_SETTINGS = "manage_settings"
VIEW_AUDIT = "view_audit"
EXPORT = "export"
RECORD_REMINDERS = "record_reminders"

_READ = frozenset({READ_AGGREGATES, READ_ITEMS, EXPORT})
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "admin": _READ
    | {DATA_QUALITY, UPLOAD, ROLLBACK, MANAGE_UNITS, MANAGE_USERS, MANAGE_SETTINGS, VIEW_AUDIT, RECORD_REMINDERS},
    "uploader": _READ | {DATA_QUALITY, UPLOAD, ROLLBACK, MANAGE_UNITS, RECORD_REMINDERS},
    "leader": _READ,
    "unit_viewer": _READ,
}
PERMISSION_LABELS = {
    READ_AGGREGATES: "xem số liệu tổng hợp",
    READ_ITEMS: "xem danh sách hồ sơ, nhiệm vụ, phản ánh",
    DATA_QUALITY: "xem kiểm tra chất lượng dữ liệu",
    UPLOAD: "tải dữ liệu lên",
    ROLLBACK: "hủy một lần tải dữ liệu",
    MANAGE_UNITS: "sửa danh mục đơn vị",
    MANAGE_USERS: "quản lý tài khoản",
    MANAGE_SETTINGS: "thay đổi cấu hình",
    VIEW_AUDIT: "xem nhật ký hệ thống",
    EXPORT: "xuất báo cáo",
    RECORD_REMINDERS: "ghi sổ theo dõi nhắc nhở, phê bình",
}

# Which permission each folder of named queries needs (queries/<folder>/<name>.sql). A folder not listed
# here is denied to everybody but the system principal.
QUERY_FOLDERS = {
    "metrics": READ_AGGREGATES,
    "rankings": READ_AGGREGATES,
    "drilldown": READ_ITEMS,
    "checks": DATA_QUALITY,
    # The register of reminders (oversight/reminders.py): read per unit, so a unit viewer gets its own rows only.
    "reminders": READ_ITEMS,
    "report": READ_ITEMS,  # the monthly report (oversight/monthly_report.py): task lists and the register
    "freshness": READ_AGGREGATES,  # what the overview's figures rest on: the newest day, the uploads behind them
}
# Item-level queries must restrict their rows with this bound parameter (NULL = every unit).
ALLOWED_PARAM = "allowed"


class AccessDenied(PermissionError):
    """Raised with a Vietnamese message when the current principal may not do something."""


@dataclass(frozen=True)
class Principal:
    """Somebody acting: a web user, a CLI operator or the system itself (first-start demo loading, caches).

    `units` is None for every unit, else the unit ids whose items this principal may see (its own unit,
    its sub-units and their predecessors). `aggregates_all` says whether it may see other units' per-unit
    figures (rankings); province totals are always visible to whoever may read aggregates."""

    name: str
    role: str | None
    source: str = "web"  # web | cli | system | demo
    user_id: int | None = None
    unit_id: int | None = None
    units: frozenset[int] | None = None
    aggregates_all: bool = True

    @property
    def permissions(self) -> frozenset[str]:
        if self.source == "system":
            return frozenset(PERMISSION_LABELS)
        return ROLE_PERMISSIONS.get(self.role or "", frozenset())

    def can(self, permission: str) -> bool:
        return permission in self.permissions

    @property
    def actor(self) -> str:
        """How the audit log names this principal: "web:lan.nguyen", "cli:root", "system", "inbox"."""
        return self.name if self.source == "system" else f"{self.source}:{self.name}"

    @property
    def cache_key(self) -> str:
        """What distinguishes this principal's query results from another's (cached results are shared by
        every principal with the same key, never across keys)."""
        units = "*" if self.units is None else ",".join(str(u) for u in sorted(self.units))
        return f"{self.role}|{units}|{int(self.aggregates_all)}"


def system() -> Principal:
    """The product itself (first-start demo loading, cache rebuilds)."""
    return Principal(name="system", role="admin", source="system")


def inbox() -> Principal:
    """The product loading the files dropped into its drop folder (oversight/inbox.py): the system's rights,
    named "inbox" in the audit log (shown as «thư mục nhận tệp»)."""
    return Principal(name="inbox", role="admin", source="system")


def operator(name: str | None = None) -> Principal:
    """Whoever runs the command line on the server: only the server's operators can, so an admin, recorded
    under their operating-system user name."""
    return Principal(name=name or _os_user(), role="admin", source="cli")


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no passwd entry for the uid (containers)
        return "unknown"


_current: contextvars.ContextVar[Principal | None] = contextvars.ContextVar("oversight_principal", default=None)


def current() -> Principal | None:
    return _current.get()


@contextmanager
def acting_as(principal: Principal | None) -> Iterator[Principal | None]:
    """Run the block as `principal` (None: as nobody, everything denied)."""
    token = _current.set(principal)
    try:
        yield principal
    finally:
        _current.reset(token)


def require(permission: str) -> Principal:
    """The current principal if it has `permission`, else AccessDenied (nobody: always denied)."""
    principal = current()
    if principal is None:
        raise AccessDenied("Chưa đăng nhập: không có quyền truy cập dữ liệu.")
    if not principal.can(permission):
        what = PERMISSION_LABELS.get(permission, permission)
        role = ROLE_LABELS.get(principal.role or "", "chưa được phân quyền")
        raise AccessDenied(f"Tài khoản «{principal.name}» ({role}) không có quyền {what}.")
    return principal


def may(permission: str) -> bool:
    principal = current()
    return principal is not None and principal.can(permission)


def require_unit(unit_id: int | None) -> Principal:
    """Items of one unit (None: of every unit): denied when the unit lies outside the principal's scope."""
    principal = require(READ_ITEMS)
    if principal.units is None:
        return principal
    if unit_id is None or int(unit_id) not in principal.units:
        raise AccessDenied(f"Tài khoản «{principal.name}» chỉ được xem danh sách chi tiết của đơn vị mình.")
    return principal


@dataclass(frozen=True)
class QueryGrant:
    """What authorize_query allows: extra bound parameters and a filter for per-unit rows."""

    principal: Principal
    params: dict
    unit_filter: frozenset[int] | None  # None: keep every row

    def apply(self, frame: pd.DataFrame) -> pd.DataFrame:
        if self.unit_filter is None or "unit_id" not in frame.columns:
            return frame
        keep = frame["unit_id"].isna() | frame["unit_id"].isin(list(self.unit_filter))
        return frame[keep].reset_index(drop=True)


def aggregates_cut() -> bool:
    """Whether the per-unit figures the current principal reads are cut to its own units (a unit viewer where the
    province lets unit viewers see only their own figures): a figure that picks units among all of them (the most
    improved ten) must then pick among the principal's units, not cut the province's pick."""
    principal = current()
    return (
        principal is not None
        and principal.source != "system"
        and principal.units is not None
        and not principal.aggregates_all
    )


def authorize_query(name: str, wanted_params: set[str]) -> QueryGrant:
    """May the current principal run the named query? Item-level queries (drilldown/) get the principal's
    unit list bound as $allowed; per-unit aggregates are cut to the principal's units when the province
    lets unit viewers see only their own figures."""
    folder = name.split("/", 1)[0]
    principal = current()
    if principal is not None and principal.source == "system":
        return QueryGrant(principal, {ALLOWED_PARAM: None} if ALLOWED_PARAM in wanted_params else {}, None)
    permission = QUERY_FOLDERS.get(folder)
    if permission is None:  # the product's own queries (accounts, caches): never on somebody's behalf
        raise AccessDenied(f"Truy vấn {name} chỉ dành cho hệ thống.")
    principal = require(permission)
    params: dict = {}
    unit_filter = None
    if permission == READ_ITEMS:
        if ALLOWED_PARAM not in wanted_params:
            raise AccessDenied(f"Truy vấn {name} không giới hạn theo đơn vị: bị từ chối.")
        params[ALLOWED_PARAM] = None if principal.units is None else sorted(principal.units)
        unit_filter = principal.units  # belt and braces: rows outside the scope never leave
    elif permission == READ_AGGREGATES and aggregates_cut():
        unit_filter = principal.units
    return QueryGrant(principal, params, unit_filter)
