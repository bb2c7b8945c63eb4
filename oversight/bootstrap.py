"""The bundled demo province: loaded into an empty database through the real ingestion path (origin 'demo'), never
counted with real data (METRICS.md section 7; oversight.ingest.load retires it when the first real upload is
committed), and brought back by an admin only into a database without active real uploads.

The first start is staged (load_demo_first): the latest month is loaded while the page waits, then a background
thread (start_history) loads the older months, newest first, one database session per month. Every demo file gets
the upload id the all-at-once load (load_demo) gives it (its place in the manifest; the ids are reserved first), so
whichever order they come in, the latest row of an item is the same and the result equals the all-at-once load. A
note in the settings table says the history is still loading: a server restarted midway finds it on its next page
run and loads the files still missing (a file is one transaction: loaded whole or not at all). The history stops
when real data arrives.

The demo is Đồng Nai's (its files name Đồng Nai's units and say "UBND TỈNH ĐỒNG NAI"). A database kept for
another province (OVERSIGHT_PROVINCE) never gets it: it starts empty, the pages show their empty state and
the first admin is created from the setup link, then staff load the province's own exports.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb

from oversight import access, db, logs, sql
from oversight.auth import audit
from oversight.config import Settings, load_settings
from oversight.ingest.load import ORIGIN_DEMO, UploadError

DEMO_USER = "demo"
DEMO_PROVINCE_CODE = "75"  # Đồng Nai, the province the demo generator writes (oversight/demo/units.py)
_lock = threading.Lock()

Progress = Callable[[float, str], None]


class DemoRefused(ValueError):
    """The demo cannot be loaded now (Vietnamese message)."""


def has_data(con: duckdb.DuckDBPyConnection) -> bool:
    cur = con.cursor()
    try:
        return bool(sql.scalar(cur, "ingest/uploads_any"))
    finally:
        cur.close()


def _counts(con: duckdb.DuckDBPyConnection) -> tuple[int, int, int]:
    """(active real uploads, counted demo uploads, retired demo uploads)."""
    cur = con.cursor()
    try:
        return sql.run(cur, "ingest/demo_counts").fetchone()
    finally:
        cur.close()


def is_demo(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the data counted is the bundled demo's only (the UI labels the app as a demo; the public demo
    mode is open only then)."""
    real, demo, _retired = _counts(con)
    return demo > 0 and real == 0


def demo_retired_on(con: duckdb.DuckDBPyConnection) -> date | None:
    """The day the demo stopped counting (the first real upload), while it is retired; else None."""
    cur = con.cursor()
    try:
        row = sql.run(cur, "ingest/demo_retired_at").fetchone()
    finally:
        cur.close()
    return row[0].date() if row and row[0] is not None else None


def demo_retired_notice(day: date) -> str:
    """What the dashboard says once the demo is no longer counted."""
    return f"Dữ liệu minh họa đã được gỡ khỏi số liệu khi tải dữ liệu thật đầu tiên ({day:%d/%m/%Y})."


def refusal(real_uploads: int) -> str:
    return (
        f"Không nạp lại dữ liệu minh họa: cơ sở dữ liệu đang có {real_uploads} lần tải lên dữ liệu thật đang hiệu "
        "lực. Dữ liệu minh họa không bao giờ được tính chung với dữ liệu thật; chỉ nạp lại được vào cơ sở dữ liệu "
        "chưa có dữ liệu thật nào đang hiệu lực."
    )


def demo_applies(settings: Settings | None = None) -> bool:
    """True when the configured province is the demo's, so an empty database may get the demo data."""
    return (settings or load_settings()).province_code == DEMO_PROVINCE_CODE


def load_demo(
    con: duckdb.DuckDBPyConnection,
    settings: Settings | None = None,
    progress: Progress | None = None,
    requested_by: access.Principal | None = None,
) -> list[int]:
    """Give the database the demo province, once: on the first start (an empty database), or when an admin brings
    it back (bring_back_demo). Returns the upload ids that now count as the demo ([] when it already counts).
    Refused (DemoRefused) while any real upload is active. Demo uploads retired by real data that has since been
    rolled back are restored as they were; otherwise the demo files are generated if missing and ingested with
    origin 'demo'."""
    from oversight.demo.generator import ensure_demo
    from oversight.ingest.pipeline import ingest_file

    settings = settings or load_settings()
    if not demo_applies(settings):  # Đồng Nai's demo never goes into another province's database
        if requested_by is not None:
            raise DemoRefused(
                f"Không nạp dữ liệu minh họa: đó là số liệu giả lập của tỉnh Đồng Nai, còn cơ sở dữ liệu này của "
                f"{settings.province_label}."
            )
        return []
    actor = requested_by.actor if requested_by is not None else None
    with _lock, access.acting_as(access.system()):
        real, demo, retired = _counts(con)
        if real:
            raise DemoRefused(refusal(real))
        if demo:
            return []
        if retired:
            ids = _restore(con, actor)
        else:
            if progress:
                progress(0.0, "Đang tạo dữ liệu minh họa…")
            files: list[Path] = ensure_demo(settings.demo_dir)
            ids = []
            for i, path in enumerate(files, 1):
                if progress:
                    progress((i - 1) / len(files), f"Đang nạp {path.name} ({i}/{len(files)})")
                _plan, result = ingest_file(con, path, user=DEMO_USER, origin=ORIGIN_DEMO)
                if result.upload_id is not None:
                    ids.append(result.upload_id)
        if progress:
            progress(1.0, "Đang tổng hợp số liệu…")
        from oversight.metrics_cache import refresh_cache

        refresh_cache(con)
        return ids


def _restore(con: duckdb.DuckDBPyConnection, actor: str | None) -> list[int]:
    """Count the retired demo uploads again (inside load_demo's checks), audited, in one transaction."""
    with sql.transaction(con) as cur:
        real = sql.scalar(cur, "ingest/uploads_real_active")
        if real:  # a real upload committed meanwhile by another process
            raise DemoRefused(refusal(real))
        ids = sorted(r[0] for r in sql.run(cur, "ingest/demo_restore").fetchall())
        audit.record(
            cur, audit.UPLOAD, target="demo", detail={"status": "demo_restored", "uploads": len(ids)}, actor=actor
        )
    from oversight.ingest.load import lake_after_commit

    lake_after_commit(con)  # the manifest: the demo's uploads count again
    return ids


def bring_back_demo(
    con: duckdb.DuckDBPyConnection, settings: Settings | None = None, progress: Progress | None = None
) -> list[int]:
    """An admin's request to show the demo again (`python -m oversight demo --load`): allowed to admins only, and
    only into a database without active real uploads (DemoRefused otherwise, with its Vietnamese message)."""
    principal = access.require(access.MANAGE_SETTINGS)
    return load_demo(con, settings, progress, requested_by=principal)


# The staged first start (module docstring).
FIRST_MONTHS = 1  # the latest months loaded before the pages show figures (about 10 s on 2 cores per month)
REFRESH_EVERY = 4  # the background rebuilds the caches after this many months (a page view rebuilds them if due)
_history_thread: threading.Thread | None = None
_history_lock = threading.Lock()


def _file_month(path: Path) -> date:
    """A demo file's month, from its name (2026-10_ho_so.xlsx: October 2026; oversight.demo.generator.file_name)."""
    return date(int(path.name[:4]), int(path.name[5:7]), 1)


def demo_slots(files: list[Path], months: list[date]) -> list[tuple[int, Path]]:
    """(upload id, file) for demo files listed in the manifest's order: the id the all-at-once load gives the file in
    a fresh database, its place among every month's files (per month: case list, Biểu 06, tasks, feedback)."""
    from oversight.demo.generator import KINDS

    seen: dict[date, int] = {}
    slots = []
    for path in files:
        month = _file_month(path)
        place = seen.get(month, 0)
        seen[month] = place + 1
        slots.append((months.index(month) * len(KINDS) + place + 1, path))
    return slots


def _note(con: duckdb.DuckDBPyConnection) -> dict | None:
    cur = con.cursor()
    try:
        row = sql.run(cur, "ingest/demo_history_get").fetchone()
    finally:
        cur.close()
    return json.loads(row[0]) if row else None


def history_progress(con: duckdb.DuckDBPyConnection) -> tuple[int, int] | None:
    """(demo files loaded, demo files expected) while the demo history is still loading in the background; else
    None."""
    note = _note(con)
    if note is None:
        return None
    cur = con.cursor()
    try:
        loaded = sql.scalar(cur, "ingest/demo_uploads_count")
    finally:
        cur.close()
    return int(loaded), int(note["files"])


def history_caption(loaded: int, total: int) -> str:
    """What every page says while the older months of the demo are still loading."""
    return (
        f"Đang nạp dần dữ liệu minh họa của các tháng trước (đã nạp {loaded}/{total} tệp): số liệu tháng gần nhất đã "
        "đủ; biểu đồ xu hướng và các kỳ cũ sẽ đủ số liệu khi nạp xong."
    )


def load_demo_first(
    con: duckdb.DuckDBPyConnection,
    settings: Settings | None = None,
    progress: Progress | None = None,
    months: list[date] | None = None,
    first_months: int = FIRST_MONTHS,
) -> list[int]:
    """The first start's part the page waits for: reserve an upload id for every demo file of `months` (default:
    the whole demo), note that the history is loading, load the latest `first_months` months and build the
    caches. start_history() loads the rest. Returns the upload ids loaded now. Same refusals and restoring as
    load_demo."""
    from oversight.demo.generator import KINDS, month_files
    from oversight.demo.simulate import MONTHS
    from oversight.metrics_cache import refresh_cache

    settings = settings or load_settings()
    if not demo_applies(settings):
        return []
    every = sorted(months or MONTHS)
    with _lock, access.acting_as(access.system()):
        real, demo, retired = _counts(con)
        if real:
            raise DemoRefused(refusal(real))
        if demo:
            return []
        if retired:
            ids = _restore(con, None)
        else:
            note = {"months": [m.isoformat() for m in every], "files": len(every) * len(KINDS)}
            with sql.transaction(con) as cur:
                if not sql.scalar(cur, "ingest/uploads_any"):  # ids reserved once, before any file
                    sql.run(cur, "ingest/upload_ids_reserve", n=note["files"])
                sql.run(cur, "ingest/demo_history_set", value=json.dumps(note))
            if progress:
                progress(0.0, "Đang tạo dữ liệu minh họa của tháng gần nhất…")
            latest = every[-first_months:]
            slots = demo_slots(month_files(settings.demo_dir, latest), every)
            ids = _load_slots(con, slots, progress)
        if progress:
            progress(1.0, "Đang tổng hợp số liệu…")
        refresh_cache(con)
        return ids


def _load_slots(
    con: duckdb.DuckDBPyConnection,
    slots: list[tuple[int, Path]],
    progress: Progress | None = None,
    after_file: Callable[[int], None] | None = None,
) -> list[int]:
    """Load each demo file not yet loaded under its reserved upload id (inside acting_as(system))."""
    from oversight.ingest.pipeline import ingest_file

    cur = con.cursor()
    try:
        taken = {r[0] for r in sql.run(cur, "ingest/upload_ids_taken", ids=[i for i, _ in slots]).fetchall()}
    finally:
        cur.close()
    ids = []
    for n, (upload_id, path) in enumerate(slots, 1):
        if upload_id in taken:
            continue
        if progress:
            progress((n - 1) / len(slots), f"Đang nạp {path.name} ({n}/{len(slots)})")
        _plan, result = ingest_file(con, path, user=DEMO_USER, origin=ORIGIN_DEMO, upload_id=upload_id)
        if result.upload_id is not None:
            ids.append(result.upload_id)
        if after_file:
            after_file(upload_id)
    return ids


def _history_stopped(con: duckdb.DuckDBPyConnection) -> bool:
    """True when real data arrived: the history is not loaded any more (its note is removed)."""
    cur = con.cursor()
    try:
        if not sql.scalar(cur, "ingest/uploads_real_any"):
            return False
    finally:
        cur.close()
    with sql.transaction(con) as cur:
        sql.run(cur, "ingest/demo_history_clear")
    return True


def load_history(settings: Settings | None = None, after_file: Callable[[int], None] | None = None) -> bool:
    """Load the demo files the note says are still missing, newest month first, one database session per month
    (the file is free for the command line between months), rebuilding the caches every few months; remove the
    note when every file is in. The files are written month by month as they are needed when the demo folder does
    not hold them all yet. Returns True when the history is complete (or nothing was pending), False when it
    stopped because real data arrived. Safe to run again after an interruption: loaded files are skipped."""
    from oversight.demo.generator import listed_files, write_in_order
    from oversight.metrics_cache import refresh_cache

    settings = settings or load_settings()
    with access.acting_as(access.system()):
        with db.session(settings.db_path) as con:
            note = _note(con)
            if note is None:
                return True
            if _history_stopped(con):
                return False
        every = [date.fromisoformat(m) for m in note["months"]]
        newest_first = sorted(every, reverse=True)
        listed = listed_files(settings.demo_dir, every)
        if listed is not None:
            months = [(m, [p for p in listed if _file_month(p) == m]) for m in newest_first]
        else:
            months = write_in_order(settings.demo_dir, newest_first)  # each month written as it comes
        slots: list[tuple[int, Path]] = []
        for n, (_month, paths) in enumerate(months):
            month_slots = demo_slots(paths, every)
            slots.extend(month_slots)
            with db.session(settings.db_path) as con:
                if _note(con) is None or _history_stopped(con):
                    return False
                try:
                    loaded = _load_slots(con, month_slots, after_file=after_file)
                    if loaded and n % REFRESH_EVERY == 1:  # the previous month at once, then every few months
                        refresh_cache(con)
                except UploadError:  # a real upload came in meanwhile: the demo no longer loads
                    _history_stopped(con)
                    return False
        with db.session(settings.db_path) as con:
            cur = con.cursor()
            try:
                taken = sql.run(cur, "ingest/upload_ids_taken", ids=[i for i, _ in slots]).fetchall()
            finally:
                cur.close()
            if len(taken) == len(slots) == int(note["files"]):
                with sql.transaction(con) as tx:
                    sql.run(tx, "ingest/demo_history_clear")
                refresh_cache(con)
                return True
            return False


def _history_worker(settings: Settings) -> None:
    try:
        load_history(settings)
    except Exception:  # noqa: BLE001 - the next page run starts it again; the log says what failed
        logs.get("server").exception("loading the demo history failed")


def start_history(con: duckdb.DuckDBPyConnection, settings: Settings | None = None) -> bool:
    """Start loading the rest of the demo history in a background thread, when its note says some is missing and
    no such thread runs in this process (every page run asks: a restarted server resumes). True when it runs."""
    global _history_thread
    if _note(con) is None:
        return False
    settings = settings or load_settings()
    with _history_lock:
        if _history_thread is not None and _history_thread.is_alive():
            return True
        _history_thread = threading.Thread(target=_history_worker, args=(settings,), name="demo-history", daemon=True)
        _history_thread.start()
    return True


def wait_for_history(timeout: float | None = None) -> bool:
    """Wait for this process's history thread (tests, the benchmark); True when none is running any more."""
    thread = _history_thread
    if thread is not None:
        thread.join(timeout)
        return not thread.is_alive()
    return True
