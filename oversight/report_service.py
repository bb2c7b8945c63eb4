"""The monthly report written by the service itself, e-mailed where a mail server is configured, and the command
`python -m oversight report`.

Schedule: with OVERSIGHT_REPORT_DAY = D (1-28), from day D of each month (province time) the service writes the
previous month's report (oversight.monthly_report, Word and PDF) into OVERSIGHT_REPORT_DIR (default
<data folder>/reports) as bao_cao_thang_YYYY-MM.docx / .pdf, and sends both files to OVERSIGHT_SMTP_TO when
OVERSIGHT_SMTP_HOST is set (oversight/mailer.py). A server that was stopped on day D writes it when it next runs
in that month; before day D nothing is written.

Once per month, with any number of server processes: the month's row in report_runs (schema 071) is the claim.
Processes take turns on the database file, and inserting a month's row is one statement whose primary key
admits one row, so exactly one process claims the month and writes it; the others find the row and do nothing.
A table rather than a lock file because the record is also what an operator wants to read afterwards (when it
was written, which files, to whom it was mailed, what failed), and it travels with the database's backups. A
claim never completed (the process killed while writing, the disk full: `error` says so) may be taken over after
STALE_CLAIM; a failed e-mail is recorded and not retried (the files are there; `report --email` sends again).

The thread (start_scheduler, from oversight.service.start) checks every CHECK_EVERY seconds; nothing it meets
stops it or the service.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd

from oversight import access, clock, db, exports, logs, mailer, monthly_report
from oversight.config import Settings, load_settings
from oversight.periods import Period

CHECK_EVERY = 300.0  # seconds between two looks at the calendar
STALE_CLAIM = timedelta(minutes=30)
SERVER_DB_WAIT = 10.0
FORMATS = ("docx", "pdf")


@dataclass
class RunResult:
    """What one check did: 'off' (no day set), 'not_due' (before the day), 'taken' (another run or process has
    the month), 'written' (files written; emailed_to and error say how the e-mail went), 'failed'."""

    status: str
    month: str | None = None
    files: list[Path] = field(default_factory=list)
    emailed_to: list[str] = field(default_factory=list)
    error: str | None = None


def month_key(period: Period) -> str:
    return f"{period.year}-{period.number:02d}"


def _local(now: datetime | None) -> datetime:
    """`now` (aware, or naive UTC; default the clock) in province time."""
    stamp = now or datetime.now(UTC)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone(clock.LOCAL_TZ)


def due_period(settings: Settings, now: datetime | None = None) -> Period | None:
    """The month whose report is due at `now`: the previous month, from the set day on; None when off or early."""
    day = settings.report_day
    if day is None:
        return None
    today = _local(now).date()
    if today.day < day:
        return None
    return monthly_report.previous_month(today, settings)


def write_files(files: dict[str, bytes], folder: Path, period: Period) -> list[Path]:
    """Write each file as <folder>/bao_cao_thang_YYYY-MM.<format>, whole or not at all (a temporary file renamed
    into place), for the service user only. An existing report of the month is replaced."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    written = []
    for suffix, content in files.items():
        target = folder / f"{monthly_report.file_stem(period)}.{suffix}"
        part = target.with_name(f".{target.name}.{os.getpid()}.part")
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(content)
                out.flush()
                os.fsync(out.fileno())
            os.replace(part, target)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
        written.append(target)
    return written


def subject(period: Period, settings: Settings) -> str:
    return (
        f"Báo cáo tháng {period.number:02d}/{period.year} về kỷ luật, kỷ cương hành chính — {settings.province_title}"
    )


def body(period: Period, settings: Settings, files: list[Path]) -> str:
    names = "\n".join(f"  - {p.name}" for p in files)
    return (
        f"Kính gửi Tổ công tác của Chủ tịch UBND {settings.province_kind},\n\n"
        f"Hệ thống Oversight gửi kèm báo cáo tháng {period.number:02d}/{period.year} về tình hình chấp hành kỷ "
        f"luật, kỷ cương hành chính của {settings.province_label} (số liệu từ ngày {period.start:%d/%m/%Y} đến "
        f"ngày {period.end:%d/%m/%Y}):\n{names}\n\n"
        "Thư này do hệ thống tự động gửi theo lịch đã cài đặt; xin không trả lời thư này.\n"
    )


def email(settings: Settings, period: Period, files: list[Path]) -> list[str]:
    """Send the report's files to OVERSIGHT_SMTP_TO; the addresses accepted (mailer.MailError on failure)."""
    attachments = [mailer.Attachment(p.name, p.read_bytes()) for p in files]
    return mailer.send(settings, subject(period, settings), body(period, settings, files), attachments)


def _who() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _record(settings: Settings, name: str, wait: float, **params) -> None:
    with access.acting_as(access.system()), db.session(settings.db_path, wait=wait, linger=0) as con:
        db.run_internal(f"report_runs/{name}", con, **params)


def run_scheduled(settings: Settings | None = None, now: datetime | None = None, db_wait: float = SERVER_DB_WAIT):
    """One check: when the previous month's report is due and no process has claimed it, claim it, write both
    files, record them, then e-mail them where a mail server is configured. Returns a RunResult; raises only when
    the database cannot be opened (busy: the next check tries again)."""
    settings = settings or load_settings()
    log = logs.get("report")
    if settings.report_day is None:
        return RunResult("off")
    period = due_period(settings, now)
    if period is None:
        return RunResult("not_due")
    month = month_key(period)
    utc_now = _local(now).astimezone(UTC).replace(tzinfo=None)
    with access.acting_as(access.system()), db.session(settings.db_path, wait=db_wait, linger=0) as con:
        claimed = db.run_internal(
            "report_runs/claim", con, month=month, now=utc_now, who=_who(), stale_before=utc_now - STALE_CLAIM
        )
        if claimed.empty:
            return RunResult("taken", month)
        try:
            content = exports.monthly_report_files(con, period, settings, exported_at=_local(now), formats=FORMATS)
            files = write_files(content, settings.report_dir, period)
        except Exception as exc:  # noqa: BLE001 - recorded and logged; a later check may take the claim over
            log.exception("monthly report %s not written", month)
            error = f"không lập hoặc không ghi được báo cáo: {type(exc).__name__}: {exc}"[:1000]
            db.run_internal("report_runs/failed", con, month=month, error=error)
            return RunResult("failed", month, error=error)
        db.run_internal("report_runs/written", con, month=month, now=utc_now, files="; ".join(map(str, files)))
    log.info("monthly report %s written: %s", month, ", ".join(map(str, files)))
    result = RunResult("written", month, files)
    if mailer.configured(settings):
        try:  # outside the database session: a slow mail server never holds the file
            result.emailed_to = email(settings, period, files)
            _record(settings, "emailed", db_wait, month=month, emailed_to=", ".join(result.emailed_to))
            log.info("monthly report %s e-mailed to %s", month, ", ".join(result.emailed_to))
        except mailer.MailError as exc:
            result.error = f"không gửi được thư: {exc}"
            log.warning("monthly report %s not e-mailed: %s", month, exc)
            _record(settings, "failed", db_wait, month=month, error=result.error[:1000])
    return result


def last_run(settings: Settings, month: str) -> dict | None:
    """The record of one month's scheduled report (None when never claimed)."""
    with access.acting_as(access.system()), db.session(settings.db_path, linger=0) as con:
        rows = db.run_internal("report_runs/get", con, month=month)
    return None if rows.empty else rows.iloc[0].to_dict()


def status(settings: Settings) -> list[tuple[bool, str]]:
    """What `python -m oversight check` says of the schedule, as (is a warning, Vietnamese sentence); nothing when
    it is off: the day, the folder, whom it mails, and the newest month's outcome (a warning when it failed to
    write or to send)."""
    if settings.report_day is None:
        return [(True, settings.report_day_problem)] if settings.report_day_problem else []
    mail = f"gửi thư tới {', '.join(settings.smtp_to)}" if mailer.configured(settings) else "không gửi thư"
    day, folder = settings.report_day, settings.report_dir
    out = [(False, f"Báo cáo tháng tự động: từ ngày {day} hằng tháng, ghi vào «{folder}», {mail}.")]
    try:
        with access.acting_as(access.system()), db.session(settings.db_path, linger=0) as con:
            rows = db.run_internal("report_runs/latest", con)
    except Exception:  # noqa: BLE001 - the database findings say what is wrong with the file
        return out
    if rows.empty:
        return out
    row = rows.iloc[0]
    year, number = str(row["month"]).split("-")
    if not pd.isna(row["error"]):
        out.append((True, f"Báo cáo tháng {number}/{year}: {row['error']}"))
    elif not pd.isna(row["written_at"]):
        out.append((False, f"Báo cáo tháng {number}/{year} đã ghi lúc {clock.local_text(row['written_at'])}."))
    return out


# ------------------------------------------------------------------------------------------------ thread
_schedulers: dict[str, tuple[threading.Thread, threading.Event]] = {}
_schedulers_lock = threading.Lock()


def schedule(settings: Settings, stop: threading.Event, every: float = CHECK_EVERY) -> None:
    """Check every `every` seconds until `stop` is set; nothing a check meets ends the loop."""
    log = logs.get("report")
    log.info("monthly report on day %s of each month into %s", settings.report_day, settings.report_dir)
    while not stop.is_set():
        try:
            run_scheduled(settings)
        except db.DatabaseBusy as exc:
            log.info("database busy (%s); the next check tries again", exc)
        except Exception:  # noqa: BLE001 - the service outlives any check
            log.exception("monthly report check failed")
        stop.wait(every)


def start_scheduler(settings: Settings | None = None, every: float = CHECK_EVERY) -> threading.Event | None:
    """Start this process's scheduler thread for the data folder (once); its stop event, or None when no report
    day is set (an invalid one is logged)."""
    settings = settings or load_settings()
    if settings.report_day is None:
        if settings.report_day_problem:
            logs.get("report").warning(settings.report_day_problem)
        return None
    key = str(settings.data_dir.resolve())
    with _schedulers_lock:
        running = _schedulers.get(key)
        if running is not None and running[0].is_alive():
            return running[1]
        stop = threading.Event()
        thread = threading.Thread(target=schedule, args=(settings, stop, every), name="oversight-report", daemon=True)
        _schedulers[key] = (thread, stop)
        thread.start()
        return stop


def stop_scheduler(settings: Settings | None = None, timeout: float = 60.0) -> None:
    settings = settings or load_settings()
    with _schedulers_lock:
        running = _schedulers.pop(str(settings.data_dir.resolve()), None)
    if running is not None:
        running[1].set()
        running[0].join(timeout)


# ------------------------------------------------------------------------------------------------ command
def register(subparsers) -> None:
    p = subparsers.add_parser(
        "report",
        help="lập báo cáo tháng (Word và PDF) cho Tổ công tác của Chủ tịch UBND tỉnh",
        description="Lập báo cáo tháng về kỷ luật, kỷ cương hành chính (Word và PDF) vào một thư mục, "
        "và gửi thư kèm báo cáo nếu có --email.",
    )
    p.add_argument(
        "--db", type=Path, default=None, help="tệp DuckDB (mặc định: OVERSIGHT_DB hoặc data/oversight.duckdb)"
    )
    p.add_argument("--month", default=None, help="tháng báo cáo, dạng YYYY-MM (mặc định: tháng trước)")
    p.add_argument("--out", type=Path, default=None, help="thư mục ghi báo cáo (mặc định: OVERSIGHT_REPORT_DIR)")
    p.add_argument("--email", action="store_true", help="gửi thư kèm báo cáo tới OVERSIGHT_SMTP_TO")
    p.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace) -> int:
    settings = load_settings(args.db)
    if args.email and not mailer.configured(settings):
        print(
            "Lỗi: chưa cấu hình máy chủ thư (OVERSIGHT_SMTP_HOST) hoặc người nhận (OVERSIGHT_SMTP_TO).", file=sys.stderr
        )
        return 2
    if args.month:
        try:
            year, number = monthly_report.parse_month(args.month)
        except ValueError as exc:
            print(f"Lỗi: {exc}.", file=sys.stderr)
            return 2
        period = monthly_report.report_month(year, number, settings)
    else:
        period = monthly_report.previous_month(_local(None).date(), settings)
    folder = args.out or settings.report_dir
    con = db.connection(settings.db_path)  # the command's session (oversight.cli)
    try:
        content = exports.monthly_report_files(con, period, settings, formats=FORMATS)
    except ValueError as exc:  # a month outside the span data can have
        print(f"Lỗi: {exc}.", file=sys.stderr)
        return 2
    files = write_files(content, folder, period)
    print(f"Đã lập báo cáo tháng {period.number:02d}/{period.year} ({period.start:%d/%m/%Y} – {period.end:%d/%m/%Y}):")
    for path in files:
        print(f"  {path}")
    if args.email:
        try:
            sent = email(settings, period, files)
        except mailer.MailError as exc:
            print(f"Lỗi: không gửi được thư: {exc}.", file=sys.stderr)
            return 1
        print(f"Đã gửi thư tới: {', '.join(sent)}")
    return 0
