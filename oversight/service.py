"""What the service does for itself when a process starts: files for its own user only, and no leftovers of
an interrupted upload.

    harden(settings)                   umask 077 for everything this process creates; the data folder, the
                                       database, the originals and the logs brought to 0700 / 0600
    clean_interrupted_uploads(con)     originals written by an upload that never committed (the process was
                                       killed between storing the file and its transaction), and .part files
    start()                            both, then the drop folder's watcher (oversight/inbox.py) and the monthly
                                       report's schedule (oversight/report_service.py)
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

import duckdb

from oversight.config import Settings

# An original younger than this may belong to an upload another process is committing right now.
LEFTOVER_AGE_SECONDS = 15 * 60


def harden(settings: Settings) -> None:
    """Files of this process for its user only; existing data brought to the same (folders 0700, files 0600)."""
    os.umask(0o077)
    data = settings.data_dir
    data.mkdir(parents=True, exist_ok=True)
    folders = [data, settings.uploads_dir, data / "logs"]
    for folder in folders:
        if folder.is_dir():
            _chmod(folder, 0o700)
            for path in folder.iterdir():
                if path.is_file():
                    _chmod(path, 0o600)
    db = settings.db_path
    for path in (db, db.with_name(db.name + ".wal")):
        if path.is_file():
            _chmod(path, 0o600)


def _chmod(path: Path, mode: int) -> None:
    with contextlib.suppress(PermissionError):  # not ours (a read-only mount): `oversight check` reports it
        os.chmod(path, mode)


def clean_interrupted_uploads(
    con: duckdb.DuckDBPyConnection, settings: Settings, now: float | None = None
) -> list[str]:
    """Remove originals no upload points to and stale .part files, older than LEFTOVER_AGE_SECONDS.
    Returns the names removed."""
    from oversight import db

    folder = settings.uploads_dir
    if not folder.is_dir():
        return []
    stored = {Path(p).name for p in db.run_internal("service/stored_originals", con)["stored_path"]}
    now = time.time() if now is None else now
    removed = []
    for path in sorted(folder.iterdir()):
        if not path.is_file() or path.name in stored:
            continue
        if now - path.stat().st_mtime < LEFTOVER_AGE_SECONDS:
            continue
        try:
            path.unlink()
        except OSError:
            continue
        removed.append(path.name)
    return removed


def start() -> None:
    """Once per server process: harden the data folder, clean up after interrupted uploads and start watching
    the drop folder (oversight/inbox.py). Problems are
    logged, never fatal: the pages say what is wrong (an unknown province, a busy or unreadable database)."""
    from oversight import db, logs
    from oversight.config import ProvinceError, load_settings

    try:
        settings = load_settings()
    except ProvinceError:
        return
    try:
        harden(settings)
        if settings.db_path.exists():
            with db.session(settings.db_path, wait=10, linger=0) as con:
                removed = clean_interrupted_uploads(con, settings)
            if removed:
                logs.get("server").info("removed %d originals of interrupted uploads: %s", len(removed), removed)
    except Exception:  # noqa: BLE001 - the service starts whatever this finds; the log says what it was
        logs.get("server").exception("start-up housekeeping failed")
    try:
        from oversight import inbox

        inbox.start_watcher(settings)  # the drop folder, watched by one server per data folder
    except Exception:  # noqa: BLE001 - the pages are served without it; the log says why
        logs.get("server").exception("the drop folder watcher did not start")
    try:
        from oversight import report_service

        report_service.start_scheduler(settings)  # the monthly report on OVERSIGHT_REPORT_DAY, when set
    except Exception:  # noqa: BLE001 - the pages are served without it; the log says why
        logs.get("server").exception("the monthly report scheduler did not start")
