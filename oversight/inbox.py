"""The drop folder: exports placed in a folder the service watches are loaded like uploads.

A file placed in the folder (setting OVERSIGHT_INBOX, default <data folder>/inbox/), by staff or by a system's
scheduled export, goes through the same reading and checks as an upload on the page (oversight.ingest.pipeline,
never strict: rejected rows are reported, the valid rows load), acting as the product itself, named "inbox" in
the audit log («thư mục nhận tệp») and recorded as such in the upload history (details.source = 'inbox').
It is then moved to done/ (loaded, or loaded before) or rejected/ (refused as a whole) under the folder, with a
report `<name>.ket-qua.txt` beside it. A name already taken there gets « (2)», « (3)»…: nothing is overwritten.

A file is read only when it is complete: its size and modification time have not changed over two consecutive
polls nor for `inbox_quiet` seconds (OVERSIGHT_INBOX_QUIET, default 5), it can be opened, and its name is not a
temporary one (dot-files, `~$…`, `.~lock…`, `*.part`, `*.tmp`, `*.crdownload`). Exporters that can should write
`name.xlsx.part` and rename it to `name.xlsx` when done. An empty file waits a minute: an exporter may create
it before writing.

Nothing is ever lost: while the database is busy (another process writing for longer than a few seconds) or the
disk fails, the file stays where it is and is tried again at the next poll; a file the product fails on in an
unexpected way three times running goes to rejected/ with a report pointing at data/logs/inbox.log. One bad file
never stops the watcher.

One watcher per data folder: the server's thread (start_watcher, from oversight.service.start) and the command
`python -m oversight inbox [--once]` hold an exclusive lock on <data folder>/inbox.lock while they work; a
second server waits for the lock and takes over when the first stops.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import io
import itertools
import os
import sys
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from oversight import access, clock, db, logs
from oversight.config import Settings, load_settings

INBOX_USER = "inbox"  # uploads.uploaded_by of what the folder loads
DONE, REJECTED = "done", "rejected"
REPORT_SUFFIX = ".ket-qua.txt"
LOCK_NAME = "inbox.lock"
TEMPORARY_PREFIXES = (".", "~$")  # dot-files (".~lock.x.xlsx#" of LibreOffice too), Office owner files
TEMPORARY_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial", ".download", "#")
EMPTY_GRACE_SECONDS = 60.0
MAX_FAILURES = 3
SERVER_DB_WAIT = 5.0  # the server's watcher does not hold up page runs: busy, it tries again at the next poll


def is_temporary(name: str) -> bool:
    """A name a program gives a file it is still writing (or its lock file): never read."""
    lower = name.lower()
    return lower.startswith(TEMPORARY_PREFIXES) or lower.endswith(TEMPORARY_SUFFIXES)


@dataclass
class Outcome:
    """What became of one file: status 'loaded' | 'duplicate' | 'rejected' | 'failed' (moved away), or
    'busy' | 'error' (left in place, tried again at the next poll)."""

    file_name: str
    status: str
    message: str
    moved_to: Path | None = None
    report: Path | None = None
    upload_id: int | None = None

    @property
    def done(self) -> bool:
        return self.moved_to is not None


@dataclass
class _Seen:
    signature: tuple[int, int, int]  # size, mtime (ns), inode
    since: float  # monotonic time it was first seen with this signature
    failures: int = 0
    handled: tuple | None = None  # (plan, result) committed, the move still to do


class Inbox:
    """The drop folder of a settings' data folder; poll() handles every file complete by now."""

    def __init__(self, settings: Settings | None = None, db_wait: float | None = None):
        self.settings = settings or load_settings()
        folder = self.settings.inbox_dir
        if folder is None:
            raise ValueError("the drop folder is switched off (OVERSIGHT_INBOX=off)")
        self.folder = folder
        self.db_wait = self.settings.lock_wait if db_wait is None else db_wait
        self.log = logs.get("inbox")
        self._seen: dict[str, _Seen] = {}
        self._told: set[str] = set()

    # ------------------------------------------------------------------------------------------- scanning
    def _ensure_folders(self) -> bool:
        try:
            if not self.folder.is_dir():
                self.folder.mkdir(parents=True, mode=0o700)
            for sub in (DONE, REJECTED):
                (self.folder / sub).mkdir(mode=0o700, exist_ok=True)
        except OSError as exc:
            self._tell_once("folder", "drop folder %s unusable: %s", self.folder, exc)
            return False
        return True

    def _tell_once(self, key: str, message: str, *args) -> None:
        if key not in self._told:
            self._told.add(key)
            self.log.warning(message, *args)

    def candidates(self) -> list[Path]:
        try:
            entries = sorted(self.folder.iterdir())
        except OSError:
            return []
        return [p for p in entries if not is_temporary(p.name) and p.is_file() and not p.is_symlink()]

    def waiting(self) -> list[str]:
        """Files seen but not read yet (still being written, or not quiet long enough)."""
        return sorted(self._seen)

    def poll(self) -> list[Outcome]:
        """Read, load and move away every file complete since the last poll. Never raises for a file."""
        if not self._ensure_folders():
            return []
        now, wall = time.monotonic(), time.time()
        quiet = self.settings.inbox_quiet
        present, ready = set(), []
        for path in self.candidates():
            present.add(path.name)
            try:
                stat = path.stat()
            except OSError:
                continue
            signature = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
            seen = self._seen.get(path.name)
            if seen is None or seen.signature != signature:
                self._seen[path.name] = _Seen(signature, now)  # new or still changing: look again next poll
                continue
            wanted = quiet if stat.st_size else max(quiet, EMPTY_GRACE_SECONDS)
            if now - seen.since < wanted or 0 <= wall - stat.st_mtime < wanted:
                continue
            if not _can_open(path):
                self._tell_once(f"open:{path.name}", "cannot open %s yet; waiting", path)
                continue
            ready.append((path, seen))
        for gone in set(self._seen) - present:
            del self._seen[gone]
        outcomes = [self._handle(path, seen) for path, seen in ready]
        if any(o.status == "loaded" for o in outcomes):
            self._refresh_cache()
        return outcomes

    # ------------------------------------------------------------------------------------------- one file
    def _handle(self, path: Path, seen: _Seen) -> Outcome:
        name = path.name
        if seen.handled is None:
            try:
                with access.acting_as(access.inbox()):
                    seen.handled = _ingest(self.settings.db_path, path, self.db_wait)
            except db.DatabaseBusy as exc:
                self.log.info("%s: database busy (%s); trying again at the next poll", name, exc)
                return Outcome(name, "busy", f"cơ sở dữ liệu đang bận, để lại tệp và thử lại sau ({exc})")
            except (OSError, duckdb.IOException) as exc:  # the disk, not the file: never counts against it
                self.log.warning("%s: cannot read or write (%s); trying again at the next poll", name, exc)
                return Outcome(name, "error", f"lỗi đọc ghi ({exc}); để lại tệp và thử lại sau")
            except Exception as exc:  # noqa: BLE001 - one bad file never stops the watcher
                seen.failures += 1
                self.log.exception("%s: unexpected failure %d of %d", name, seen.failures, MAX_FAILURES)
                if seen.failures < MAX_FAILURES:
                    return Outcome(name, "error", f"lỗi không lường trước ({type(exc).__name__}); sẽ thử lại")
                seen.handled = (None, None)
        plan, result = seen.handled
        status = "failed" if result is None else result.status
        folder = DONE if status in ("loaded", "duplicate") else REJECTED
        when = clock.utc_now()
        try:
            moved, report = self._file_away(path, folder, report_text(name, when, plan, result, folder))
        except OSError as exc:
            self.log.warning(
                "%s: processed (%s) but cannot move it to %s/ (%s); trying again", name, status, folder, exc
            )
            return Outcome(name, "error", f"đã xử lý ({status}) nhưng chưa chuyển được vào {folder}/: {exc}")
        self._seen.pop(name, None)
        upload_id = None if result is None else result.upload_id
        self.log.info("%s: %s (upload %s) -> %s", name, status, upload_id, moved)
        return Outcome(name, status, summary(status, plan, result), moved, report, upload_id)

    def _file_away(self, path: Path, folder: str, text: str) -> tuple[Path, Path | None]:
        """Move `path` into folder/ under a free name (« (2)», « (3)»… when taken) with its report beside it.
        Never overwrites: the file is hard-linked into place (which fails when the name exists), then the
        report written, then the original unlinked."""
        target_dir = self.folder / folder
        target_dir.mkdir(mode=0o700, exist_ok=True)
        stem, suffix = _split_name(path.name)
        for n in itertools.count(1):
            name = path.name if n == 1 else f"{stem} ({n}){suffix}"
            target, report = target_dir / name, target_dir / (name + REPORT_SUFFIX)
            if os.path.lexists(target) or os.path.lexists(report):
                continue
            try:
                os.link(path, target)
                linked = True
            except FileExistsError:
                continue
            except OSError:  # a file system without hard links: rename (checked free just above)
                os.rename(path, target)
                linked = False
            break
        with contextlib.suppress(OSError):
            os.chmod(target, 0o600)
        written: Path | None = report
        try:
            fd = os.open(report, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8-sig") as out:  # BOM: Windows editors read the Vietnamese
                out.write(text)
        except OSError as exc:
            written = None
            self.log.warning("%s: report not written (%s)", target, exc)
        if linked:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        return target, written

    def _refresh_cache(self) -> None:
        from oversight import metrics, metrics_cache

        try:
            with access.acting_as(access.inbox()), db.session(self.settings.db_path, wait=self.db_wait) as con:
                metrics_cache.refresh_cache(con)
                metrics.prepare_first_view(con, self.settings)
        except Exception:  # noqa: BLE001 - the next page run rebuilds what is stale
            self.log.exception("metrics cache refresh after loading from the drop folder failed")


def _ingest(database: Path, path: Path, wait: float | None):
    """Load one file, holding the database only to read the registry and to commit (never while reading)."""
    from oversight.ingest.pipeline import SOURCE_INBOX, ingest_file_between_sessions

    return ingest_file_between_sessions(database, path, user=INBOX_USER, source=SOURCE_INBOX, wait=wait)


def _can_open(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            fh.read(1)
    except OSError:
        return False
    return True


def _split_name(name: str) -> tuple[str, str]:
    path = Path(name)
    return (path.stem, path.suffix) if path.suffix and path.stem else (name, "")


# ------------------------------------------------------------------------------------------------ reports
def summary(status: str, plan, result) -> str:
    """One Vietnamese line: what became of the file."""
    if result is None:
        return "lỗi không lường trước khi nạp, không nạp gì; chi tiết trong logs/inbox.log"
    if status == "loaded":
        text = f"đã nạp {result.rows_loaded} dòng (lần tải lên số {result.upload_id})"
        return text + (f", {result.rows_rejected} dòng bị từ chối" if result.rows_rejected else "")
    if status == "duplicate":
        return f"đã nạp trước đó (lần tải lên số {result.upload_id}), không nạp lại"
    return "không nạp — " + (plan.error if plan is not None and plan.error else result.message)


def report_text(file_name: str, when: datetime, plan, result, folder: str) -> str:
    """The report written beside a file moved away (Vietnamese, plain text)."""
    from oversight.ingest.cli import report

    status = "failed" if result is None else result.status
    lines = [
        "KẾT QUẢ NẠP TỆP TỪ THƯ MỤC NHẬN TỆP",
        f"Tệp: {file_name}",
        f"Thời điểm xử lý: {clock.local_text(when, '%H:%M:%S %d/%m/%Y')} (giờ Việt Nam)",
        f"Kết quả: {summary(status, plan, result)}",
        f"Tệp đã được chuyển vào thư mục {folder}/.",
    ]
    if plan is not None and plan.kind:
        lines.append(f"Loại dữ liệu: {plan.kind_label}")
    if plan is not None and plan.period:
        lines.append(f"Kỳ báo cáo: {plan.period[0]:%d/%m/%Y} – {plan.period[1]:%d/%m/%Y}")
    if result is not None:
        loaded = result.rows_loaded if status == "loaded" else 0
        rejected = plan.rows_rejected if plan is not None else result.rows_rejected
        lines.append(f"Số dòng đã nạp: {loaded}; số dòng bị từ chối: {rejected}")
        if result.upload_id is not None:
            lines.append(f"Mã tải lên: {result.upload_id}")
    if status == "duplicate":
        lines.append(
            "Tệp có cùng nội dung (cùng mã SHA-256) với một lần tải lên đang hiệu lực: số liệu không thay đổi."
        )
    if status == "rejected":
        lines.append("Sửa tệp (hoặc xuất lại từ hệ thống) rồi đặt lại vào thư mục nhận tệp để nạp.")
    if result is None:
        lines.append(
            "Hệ thống gặp lỗi không lường trước khi đọc tệp này ba lần liên tiếp; chi tiết được ghi trong "
            "logs/inbox.log của thư mục dữ liệu. Hãy báo quản trị hệ thống, rồi đặt lại tệp vào thư mục để thử lại."
        )
    else:
        details = io.StringIO()
        report(plan, result, details)
        lines += ["", "Chi tiết (như lệnh «python -m oversight ingest» in ra):", details.getvalue().rstrip()]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------------------------ locking
class FolderLock:
    """An exclusive lock on <data folder>/inbox.lock (fcntl.flock): one watcher per data folder, across
    processes and within one."""

    def __init__(self, settings: Settings):
        self.path = settings.data_dir / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> bool:
        if self._fd is not None:
            return True
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


class Busy(RuntimeError):
    """Another process (a running server) watches the drop folder."""


def process_once(settings: Settings | None = None, db_wait: float | None = None) -> tuple[list[Outcome], list[str]]:
    """Handle the folder once (the command `inbox --once`, cron): look, wait the quiet time when something is
    there, look again and handle what did not change. Returns the outcomes and the files left (still changing)."""
    settings = settings or load_settings()
    lock = FolderLock(settings)
    if not lock.acquire():
        raise Busy(str(lock.path))
    try:
        inbox = Inbox(settings, db_wait)
        outcomes = inbox.poll()
        if inbox.waiting():
            time.sleep(settings.inbox_quiet + 0.05)
            outcomes += inbox.poll()
        handled = {o.file_name for o in outcomes}
        return outcomes, [name for name in inbox.waiting() if name not in handled]
    finally:
        lock.release()


# ------------------------------------------------------------------------------------------------ watcher
_watchers: dict[str, tuple[threading.Thread, threading.Event]] = {}
_watchers_lock = threading.Lock()


def watch(settings: Settings, stop: threading.Event, db_wait: float | None = None) -> None:
    """Poll the folder every inbox_poll seconds until `stop` is set, once this process holds the folder's lock
    (while another holds it, try for it at every poll)."""
    log = logs.get("inbox")
    lock = FolderLock(settings)
    told = False
    try:
        while not stop.is_set():
            try:
                if lock.acquire():
                    break
            except OSError as exc:
                log.warning("cannot take %s: %s", lock.path, exc)
            if not told:
                log.info("another process watches %s; waiting for its lock", settings.inbox_dir)
                told = True
            stop.wait(settings.inbox_poll)
        else:
            return
        log.info("watching %s every %gs", settings.inbox_dir, settings.inbox_poll)
        inbox = Inbox(settings, db_wait)
        while not stop.is_set():
            try:
                inbox.poll()
            except Exception:  # noqa: BLE001 - the watcher outlives anything one poll meets
                log.exception("drop folder poll failed")
            stop.wait(settings.inbox_poll)
    finally:
        lock.release()


def start_watcher(settings: Settings | None = None) -> threading.Event | None:
    """Start the server's watcher thread for this data folder (once per process); returns its stop event, or
    None when the drop folder is switched off."""
    settings = settings or load_settings()
    if settings.inbox_dir is None:
        return None
    key = str(settings.data_dir.resolve())
    with _watchers_lock:
        running = _watchers.get(key)
        if running is not None and running[0].is_alive():
            return running[1]
        stop = threading.Event()
        thread = threading.Thread(
            target=watch, args=(settings, stop, SERVER_DB_WAIT), name="oversight-inbox", daemon=True
        )
        _watchers[key] = (thread, stop)
        thread.start()
        return stop


def stop_watcher(settings: Settings | None = None, timeout: float = 60.0) -> None:
    """Stop this process's watcher of a data folder and wait for the poll in progress to finish (tests)."""
    settings = settings or load_settings()
    with _watchers_lock:
        running = _watchers.pop(str(settings.data_dir.resolve()), None)
    if running is not None:
        running[1].set()
        running[0].join(timeout)


# ------------------------------------------------------------------------------------------------ command
def register(subparsers) -> None:
    p = subparsers.add_parser(
        "inbox", help="nạp các tệp đặt trong thư mục nhận tệp (OVERSIGHT_INBOX, mặc định data/inbox/)"
    )
    p.add_argument(
        "--db", type=Path, default=None, help="tệp DuckDB (mặc định: OVERSIGHT_DB hoặc data/oversight.duckdb)"
    )
    p.add_argument("--once", action="store_true", help="xử lý thư mục một lần rồi thoát (dùng với cron)")
    p.set_defaults(handler=run_inbox, own_session=True)  # a session per file, never held while waiting


def _line(outcome: Outcome, settings: Settings) -> str:
    where = ""
    if outcome.moved_to is not None:
        with contextlib.suppress(ValueError):
            where = f" → {outcome.moved_to.relative_to(settings.inbox_dir)}"
    return f"«{outcome.file_name}»: {outcome.message}{where}"


def run_inbox(args: argparse.Namespace) -> int:
    settings = load_settings(args.db)
    if settings.inbox_dir is None:
        print("Thư mục nhận tệp đang tắt (OVERSIGHT_INBOX=off).", file=sys.stderr)
        return 2
    if not args.once:
        print(f"Đang theo dõi thư mục nhận tệp «{settings.inbox_dir}» (Ctrl+C để dừng)…", file=sys.stderr)
        watch(settings, threading.Event())
        return 0
    try:
        outcomes, left = process_once(settings)
    except Busy:
        print(
            f"Thư mục nhận tệp «{settings.inbox_dir}» đang được một tiến trình khác (máy chủ đang chạy) theo dõi; "
            "các tệp sẽ được nạp ở đó, không cần chạy lệnh này."
        )
        return 0
    for outcome in outcomes:
        print(_line(outcome, settings))
    for name in left:
        print(f"«{name}»: đang được ghi hoặc vừa thay đổi, để lại cho lần sau")
    if not outcomes and not left:
        print(f"Thư mục nhận tệp «{settings.inbox_dir}» không có tệp nào.")
    if any(o.status == "busy" for o in outcomes):
        return 75  # the database stayed busy: the same command may succeed later
    return 1 if any(o.status == "error" for o in outcomes) else 0
