"""`python -m oversight users add|passwd|disable|enable|list|setup-link` and `python -m oversight audit`.

Passwords are read with getpass (typed twice) or, for scripts, as one line on standard input
(--password-stdin); never from an argument, which other users of the server could see. The command line
acts as the operating-system user who runs it (oversight.cli), so the audit log says "cli:<user>".
Exit codes: 0 done, 1 refused (the message says why), 2 bad input.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

import pandas as pd

from oversight import access, clock
from oversight.auth import audit, setup, users
from oversight.config import load_settings
from oversight.db import connection
from oversight.units.matcher import UnitMatcher

_DB_HELP = "tệp DuckDB (mặc định: OVERSIGHT_DB hoặc data/oversight.duckdb)"


def register(subparsers) -> None:
    p = subparsers.add_parser("users", help="tài khoản đăng nhập: thêm, đổi mật khẩu, khóa, liệt kê")
    p.add_argument("--db", type=Path, default=None, help=_DB_HELP)
    sub = p.add_subparsers(dest="users_command", required=True)

    add = sub.add_parser("add", help="thêm tài khoản")
    add.add_argument("username", metavar="USERNAME")
    add.add_argument("--role", required=True, choices=access.ROLES, help="vai trò")
    add.add_argument("--unit", help="đơn vị (tên như «Xã Long Phước» hoặc mã số), bắt buộc với unit_viewer")
    add.add_argument("--name", help="họ tên hiển thị")
    add.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu từ một dòng đầu vào chuẩn")
    add.set_defaults(handler=run_add)

    pw = sub.add_parser("passwd", help="đặt mật khẩu mới")
    pw.add_argument("username", metavar="USERNAME")
    pw.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu từ một dòng đầu vào chuẩn")
    pw.set_defaults(handler=run_passwd)

    for name, help_text, handler in (
        ("disable", "vô hiệu hóa tài khoản", users.disable_user),
        ("enable", "kích hoạt lại tài khoản", users.enable_user),
    ):
        sp = sub.add_parser(name, help=help_text)
        sp.add_argument("username", metavar="USERNAME")
        sp.set_defaults(handler=run_change, change=handler)

    sub.add_parser("list", help="liệt kê tài khoản").set_defaults(handler=run_list)

    link = sub.add_parser("setup-link", help="liên kết một lần để tạo quản trị viên đầu tiên")
    link.add_argument("--base", default=setup.DEFAULT_BASE, help="địa chỉ bảng điều hành")
    link.add_argument("--minutes", type=int, default=60, help="thời hạn liên kết (phút)")
    link.set_defaults(handler=run_setup_link)

    a = subparsers.add_parser("audit", help="nhật ký hệ thống: ai làm gì, khi nào")
    a.add_argument("--db", type=Path, default=None, help=_DB_HELP)
    a.add_argument("--limit", type=int, default=50, help="số dòng mới nhất (mặc định 50)")
    a.add_argument("--action", choices=sorted(audit.ACTION_LABELS), help="chỉ một loại hành động")
    a.set_defaults(handler=run_audit)


def _open(db: Path | None):
    """A cursor on the command's session (oversight.cli holds it for the whole command)."""
    return connection(db or load_settings().db_path).cursor()


def _read_password(from_stdin: bool) -> str | None:
    """The new password, or None (after saying why on stderr)."""
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            print("Không đọc được mật khẩu từ đầu vào chuẩn.", file=sys.stderr)
            return None
        return password
    first = getpass.getpass("Mật khẩu mới: ")
    if getpass.getpass("Nhập lại mật khẩu: ") != first:
        print("Hai lần nhập mật khẩu không khớp.", file=sys.stderr)
        return None
    return first


def _unit_id(con, text: str) -> int | None:
    """A unit id from an id or a unit name (matched as in uploads, at today's date); None after saying why."""
    if text.strip().isdigit():
        return int(text)
    match = UnitMatcher(con).match(text)
    if match.unit_id is None:
        hint = "; ".join(f"{name} (mã {uid})" for name, uid, _ in match.suggestions)
        print(
            f"Không xác định được đơn vị «{text}»: {match.reason}." + (f" Gợi ý: {hint}." if hint else ""),
            file=sys.stderr,
        )
    return match.unit_id


def _refused(exc: Exception) -> int:
    print(str(exc), file=sys.stderr)
    return 1


def run_add(args) -> int:
    con = _open(args.db)
    try:
        unit_id = None
        if args.unit:
            unit_id = _unit_id(con, args.unit)
            if unit_id is None:
                return 2
        password = _read_password(args.password_stdin)
        if password is None:
            return 2
        try:
            user = users.add_user(con, args.username, password, args.role, unit_id, args.name)
        except (ValueError, access.AccessDenied) as exc:
            return _refused(exc)
    finally:
        con.close()
    print(f"Đã thêm tài khoản «{user.username}» ({access.ROLE_LABELS[user.role]}).")
    return 0


def run_passwd(args) -> int:
    password = _read_password(args.password_stdin)
    if password is None:
        return 2
    con = _open(args.db)
    try:
        user = users.set_password(con, args.username, password)
    except (ValueError, access.AccessDenied) as exc:
        return _refused(exc)
    finally:
        con.close()
    print(f"Đã đổi mật khẩu của tài khoản «{user.username}».")
    return 0


def run_change(args) -> int:
    con = _open(args.db)
    try:
        user = args.change(con, args.username)
    except (ValueError, access.AccessDenied) as exc:
        return _refused(exc)
    finally:
        con.close()
    state = "đang hoạt động" if user.active else "đã bị vô hiệu hóa"
    print(f"Tài khoản «{user.username}» {state}.")
    return 0


def _when(value, fmt: str = "%d/%m/%Y %H:%M") -> str:
    return "" if pd.isna(value) else clock.local_text(pd.Timestamp(value).to_pydatetime(), fmt)


def run_list(args) -> int:
    con = _open(args.db)
    try:
        df = users.list_users(con)
    finally:
        con.close()
    if df.empty:
        print("Chưa có tài khoản nào.")
        return 0
    table = pd.DataFrame(
        {
            "Tên đăng nhập": df["username"],
            "Họ tên": df["display_name"].fillna(""),
            "Vai trò": df["role"].map(lambda r: access.ROLE_LABELS.get(r, "chưa phân quyền")),
            "Đơn vị": df["unit_name"].fillna(""),
            "Hoạt động": df["active"].map({True: "có", False: "không"}),
            "Sai liên tiếp": df["failed_attempts"],
            "Đăng nhập gần nhất": df["last_login_at"].map(_when),
        }
    )
    print(table.to_string(index=False))
    return 0


def run_setup_link(args) -> int:
    if args.minutes < 1:
        print("Thời hạn liên kết phải từ 1 phút trở lên.", file=sys.stderr)
        return 2
    con = _open(args.db)
    try:
        if not setup.needs_setup(con):
            print("Đã có tài khoản quản trị đang hoạt động; không cần liên kết thiết lập.", file=sys.stderr)
            return 1
        token = setup.issue_setup_token(con, ttl_minutes=args.minutes)
    finally:
        con.close()
    print(
        f"Mở liên kết sau để tạo tài khoản quản trị đầu tiên (dùng một lần, hết hạn sau {args.minutes} phút):",
        file=sys.stderr,
    )
    print(setup.setup_url(token, args.base))
    return 0


def run_audit(args) -> int:
    if args.limit < 1:
        print("Số dòng phải từ 1 trở lên.", file=sys.stderr)
        return 2
    con = _open(args.db)
    try:
        df = audit.events(con, action=args.action, limit=args.limit)
    except access.AccessDenied as exc:
        return _refused(exc)
    finally:
        con.close()
    if df.empty:
        print("Nhật ký trống.")
        return 0
    table = pd.DataFrame(
        {
            "Thời điểm": df["at"].map(lambda v: _when(v, "%d/%m/%Y %H:%M:%S")),
            "Người thực hiện": df["actor"].map(audit.actor_text),
            "Hành động": df["action"].map(lambda a: audit.ACTION_LABELS.get(a, a)),
            "Đối tượng": df["target"].fillna(""),
            "Kết quả": df["ok"].map({True: "thành công", False: "không thành công"}),
            "Chi tiết": df["detail"].fillna(""),
        }
    )
    print(table.to_string(index=False))
    return 0
