"""`python -m oversight backup DEST | restore SRC | check`: operating an installation.

backup [--db PATH] DEST     a consistent copy of the database and the uploaded originals into DEST
restore [--db PATH] SRC     put a backup back (the replaced database is kept beside it)
check [--db PATH]           what is wrong with this installation; exit 1 when something is broken
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from oversight import access, backup, clock, health
from oversight.config import load_settings

_DB_HELP = "tệp DuckDB (mặc định: OVERSIGHT_DB hoặc data/oversight.duckdb)"


def register(subparsers) -> None:
    p = subparsers.add_parser("backup", help="sao lưu cơ sở dữ liệu và tệp gốc (được cả khi dịch vụ đang chạy)")
    p.add_argument("--db", type=Path, default=None, help=_DB_HELP)
    p.add_argument("dest", type=Path, metavar="DEST", help="thư mục mới (hoặc trống) để ghi bản sao lưu")
    p.set_defaults(handler=run_backup)

    r = subparsers.add_parser("restore", help="khôi phục từ một bản sao lưu")
    r.add_argument("--db", type=Path, default=None, help=_DB_HELP)
    r.add_argument("src", type=Path, metavar="SRC", help="thư mục bản sao lưu")
    r.set_defaults(handler=run_restore, own_session=True)  # it holds, then replaces, the file itself

    c = subparsers.add_parser("check", help="kiểm tra cài đặt: quyền truy cập, ổ đĩa, tài khoản quản trị, lược đồ")
    c.add_argument("--db", type=Path, default=None, help=_DB_HELP)
    c.set_defaults(handler=run_check)


def run_backup(args: argparse.Namespace) -> int:
    access.require(access.MANAGE_USERS)
    settings = load_settings(args.db)
    try:
        info = backup.backup(settings.db_path, args.dest, settings.uploads_dir)
    except backup.BackupError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1
    size_mib = info.size / (1 << 20)
    print(
        f"Đã sao lưu vào «{info.folder}» lúc {clock.local_text(info.created_at)}: cơ sở dữ liệu {size_mib:.1f} MiB "
        f"(lược đồ {info.schema_version}, SHA-256 {info.sha256[:12]}…), {info.originals} tệp gốc."
    )
    return 0


def run_restore(args: argparse.Namespace) -> int:
    access.require(access.MANAGE_USERS)
    settings = load_settings(args.db)
    try:
        kept = backup.restore(args.src, settings.db_path, settings.uploads_dir)
    except backup.BackupError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1
    print(f"Đã khôi phục «{settings.db_path}» từ «{args.src}».")
    if kept is not None:
        print(f"Cơ sở dữ liệu trước khi khôi phục được giữ lại ở «{kept}».")
    return 0


def run_check(args: argparse.Namespace) -> int:
    findings = health.check(load_settings(args.db))
    for finding in findings:
        print(finding.line())
    return 1 if any(f.level == health.FAIL for f in findings) else 0
