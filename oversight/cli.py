"""`python -m oversight`: the command line (METRICS.md section 7 is its contract).

Each command lives beside the code it drives and registers itself here:
    ingest, uploads   oversight.ingest.cli
    metrics           oversight.metrics_cli
    demo              oversight.demo.cli
    users, audit      oversight.auth.cli
    backup, restore, check  oversight.ops_cli
    inbox             oversight.inbox (the drop folder)
    report            oversight.report_service (the monthly report)
    lake              oversight.lake (the facts lake: Parquet files)

A command that names a database (every one but `demo`) runs inside one session on it (oversight.db):
the file is opened when the command starts, waiting up to OVERSIGHT_LOCK_WAIT seconds (default 30) while
another process (the dashboard in the middle of a page run, another command) holds it, and closed when
the command ends, so the dashboard and any number of commands take turns on the same file.

Exit statuses: 0 done; 1 refused or failed (one Vietnamese sentence on stderr; an unexpected error's
traceback goes to <data folder>/logs/cli.log, never to the terminal); 2 bad input; 75 (EX_TEMPFAIL) the
database stayed busy longer than the wait: try again later; 130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback
from pathlib import Path

import duckdb

from oversight import access, clock, db, storage
from oversight.config import ProvinceError, load_settings

EXIT_FAILED = 1
EXIT_BUSY = 75  # EX_TEMPFAIL (sysexits.h): the database stayed busy; the same command may succeed later

COMMAND_MODULES = (
    "oversight.ingest.cli",
    "oversight.metrics_cli",
    "oversight.demo.cli",
    "oversight.auth.cli",
    "oversight.ops_cli",
    "oversight.inbox",
    "oversight.report_service",
    "oversight.lake",
)


# The module registering each command: a command line naming one imports that module only (`demo` pulls in
# openpyxl, `report` the PDF renderer, ...: an ingest need not wait for them). tests/ingest/test_process_speed.py
# checks this table against what every module registers.
COMMANDS = {
    "ingest": "oversight.ingest.cli",
    "uploads": "oversight.ingest.cli",
    "metrics": "oversight.metrics_cli",
    "demo": "oversight.demo.cli",
    "users": "oversight.auth.cli",
    "audit": "oversight.auth.cli",
    "backup": "oversight.ops_cli",
    "restore": "oversight.ops_cli",
    "check": "oversight.ops_cli",
    "inbox": "oversight.inbox",
    "report": "oversight.report_service",
    "lake": "oversight.lake",
}


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or, when `argv` starts with a known command, of that command alone."""
    parser = argparse.ArgumentParser(prog="python -m oversight", description="Oversight — kỷ luật, kỷ cương hành chính")
    sub = parser.add_subparsers(dest="command", required=True)
    first = argv[0] if argv else None
    modules = (COMMANDS[first],) if first in COMMANDS else COMMAND_MODULES
    for name in modules:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    os.umask(0o077)  # what a command writes (originals, the database, logs, backups) is the service user's only
    try:
        # Only the server's operators can run the command line: they act as admins, recorded under their
        # operating-system user name.
        with access.acting_as(access.operator()):
            if not hasattr(args, "db") or getattr(args, "own_session", False):
                return int(args.handler(args) or 0)
            with db.session(args.db or load_settings().db_path, linger=0):
                return int(args.handler(args) or 0)
    except ProvinceError as exc:  # OVERSIGHT_PROVINCE unknown, or the database kept for another province
        print(exc, file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("Đã dừng.", file=sys.stderr)
        return 130
    except db.DatabaseBusy as exc:
        return _failed(f"Lỗi: {exc}; hãy chạy lại lệnh sau ít phút", exc, EXIT_BUSY)
    except Exception as exc:  # noqa: BLE001 - every failure ends as one sentence and a logged traceback
        return _failed(f"Lỗi: {describe(exc, args.command)}", exc, EXIT_FAILED)


def describe(exc: BaseException, command: str) -> str:
    """What went wrong, in one Vietnamese clause (the details are in the log)."""
    cause = storage.problem(exc)
    if cause is not None:
        return f"{cause}; lệnh «{command}» không thay đổi gì"
    if isinstance(exc, duckdb.IOException):
        return "không mở hoặc không ghi được tệp cơ sở dữ liệu"
    if isinstance(exc, duckdb.Error):
        return f"lệnh «{command}» gặp lỗi cơ sở dữ liệu, không thay đổi gì thêm"
    if isinstance(exc, PermissionError):
        return f"không có quyền truy cập tệp «{exc.filename}»" if exc.filename else "không có quyền truy cập tệp"
    if isinstance(exc, OSError):
        return f"không đọc hoặc ghi được tệp «{exc.filename}»" if exc.filename else "lỗi đọc ghi tệp"
    if isinstance(exc, MemoryError):
        return f"không đủ bộ nhớ để chạy lệnh «{command}»"
    return f"lệnh «{command}» gặp lỗi không lường trước"


def log_path() -> Path:
    return load_settings().data_dir / "logs" / "cli.log"


def _failed(message: str, exc: BaseException, status: int) -> int:
    """Print one sentence, keep the traceback in the log (folder 0700, file 0600), return the exit status."""
    path = log_path()
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as log:
            log.write(f"--- {clock.local_now_text()} pid {os.getpid()}: {' '.join(sys.argv)}\n")
            log.write("".join(traceback.format_exception(exc)))
        where = f" Chi tiết đã ghi vào {_shown(path)}."
    except OSError:
        where = ""
    print(f"{message.rstrip('.')}.{where}", file=sys.stderr)
    return status


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
