"""The DuckDB store: sessions on the database file, a cursor per query, migrations and the access-checked runner.

Queries live in queries/ as .sql files, one question per file, named by their path without the
extension ("metrics/cases_by_unit") and run by oversight/sql.py, which binds exactly the names the file uses,
so a caller cannot forget one silently nor smuggle text into SQL. Here: run_query (on somebody's behalf,
access-checked), run_internal (for modules that check permissions themselves), and the sessions that hand out
the database file's one connection per process, prepared (migrated, the unit registry seeded, views created).
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from oversight import access, sql
from oversight.config import QUERIES_DIR, load_settings
from oversight.sql import QueryError, load_sql, sql_params, transaction
from oversight.units.registry import check_registry_province, seed_registry

__all__ = ["QueryError", "load_sql", "sql_params", "transaction"]  # the runner's names, re-exported

SCHEMA_DIR = QUERIES_DIR / "schema"
STAGING_DIR = QUERIES_DIR / "staging"


def migration_files() -> list[tuple[int, Path]]:
    out = []
    for path in sorted(SCHEMA_DIR.glob("*.sql")):
        version = int(path.name.split("_", 1)[0])
        out.append((version, path))
    versions = [v for v, _ in out]
    if len(versions) != len(set(versions)):
        raise RuntimeError(f"duplicate migration numbers in {SCHEMA_DIR}")
    return out


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the migrations not yet recorded in schema_version, each in its own transaction."""
    cur = con.cursor()
    try:
        sql.run(cur, "db/schema_version_table")
        done = {row["version"] for row in sql.rows(cur, "db/schema_versions_applied")}
    finally:
        cur.close()
    applied = []
    for version, path in migration_files():
        if version in done:
            continue
        with transaction(con) as tx:
            sql.script(tx, path)
            sql.run(tx, "db/schema_version_record", version=version, name=path.name)
        applied.append(version)
    return applied


_STAGING_NAME = re.compile(
    r"^\s*create\s+or\s+replace\s+(?:temp\s+|temporary\s+)?view\s+([A-Za-z_][A-Za-z_0-9]*)",
    re.IGNORECASE | re.MULTILINE,
)


def staging_files() -> tuple[str, list[str], list[Path]]:
    """The staging files, the names of the views they make, and a digest of what makes them: every
    file's name and bytes, the DuckDB version (a view is stored bound by the engine that made it) and the
    newest migration this program knows (a migration may alter a table a view reads)."""
    paths = sorted(STAGING_DIR.glob("*.sql"))
    h = hashlib.sha256(f"duckdb {duckdb.__version__}; schema {_latest_version()}\n".encode())
    names: list[str] = []
    for path in paths:
        data = path.read_bytes()
        h.update(f"{path.name} {len(data)}\n".encode())
        h.update(data)
        names.extend(_STAGING_NAME.findall(data.decode("utf-8")))
    return h.hexdigest(), names, paths


def views_current(con: duckdb.DuckDBPyConnection, digest: str, names: list[str]) -> bool:
    """Whether the database's staging views and macros were made from files with this digest and its views all
    still exist."""
    cur = con.cursor()
    try:
        sql.run(cur, "db/staging_digest_table")
        if sql.scalar(cur, "db/staging_digest_current") != digest:
            return False
        return sql.scalar(cur, "db/staging_views_present", names=names) == len(set(names))
    finally:
        cur.close()


def create_views(con: duckdb.DuckDBPyConnection, force: bool = False) -> bool:
    """(Re)create the staging views and macros (each file in queries/staging is one CREATE OR REPLACE), unless
    the database records that they were made from the same files (same digest: staging_files()) and they all
    exist. The views and the digest are written in one transaction, the digest last. Returns whether it made them.
    """
    digest, names, paths = staging_files()
    if not force and views_current(con, digest, names):
        return False
    with transaction(con) as tx:
        sql.run(tx, "db/staging_digest_table")
        for path in paths:
            sql.script(tx, path)
        sql.run(tx, "db/staging_digest_record", digest=digest)
    return True


def prepare(con: duckdb.DuckDBPyConnection, path: object = None) -> None:
    """Migrate a freshly opened database, seed the unit registry, check it is the configured province's and
    (re)create the staging views (always when a migration was applied; else only when the staging files
    changed since they were made, see create_views). The caller closes `con` when this raises."""
    applied = migrate(con)
    seed_registry(con)
    check_registry_province(con, path)
    create_views(con, force=bool(applied))


def utc(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Timestamps are stored in UTC whatever the server's time zone: current_timestamp becomes a TIMESTAMP in the
    TimeZone setting, for every cursor of the database (GLOBAL). Users read them in the province's time
    (oversight/clock.py)."""
    cur = con.cursor()
    try:
        sql.run(cur, "db/timezone_utc")
    finally:
        cur.close()
    return con


def open_database(path: str | Path) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) a database file, migrate it and seed the unit registry: a connection of its
    own, for scripts and tests that own the file. The app and the command line take a session() instead."""
    path = Path(path)
    load_settings()  # an unknown OVERSIGHT_PROVINCE stops here, before a file is created
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    con = utc(duckdb.connect(str(path)))
    try:
        prepare(con, path)
    except BaseException:
        con.close()
        raise
    return con


# ------------------------------------------------------------------------------------------------ sessions
#
# DuckDB lets one process at a time open a file read-write. So that the command line works while the
# dashboard serves the same file, no process keeps it open while idle: the file is opened by the first
# session of the process, shared by every thread inside a session (each query on its own cursor), and closed
# when the last session ends (after `linger` seconds, when set). Opening waits, with growing pauses, while
# another process holds the file, up to `lock_wait` seconds; then DatabaseBusy.

LOCK_CONFLICT = "Could not set lock"
_FIRST_PAUSE, _MAX_PAUSE = 0.01, 0.25


class DatabaseBusy(RuntimeError):
    """The database file stayed locked by another process for longer than the wait allowed."""

    def __init__(self, path: str, waited: float):
        self.path, self.waited = path, waited
        super().__init__(f"không mở được cơ sở dữ liệu (đang bận quá {seconds_text(waited)} giây)")


def seconds_text(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def is_lock_conflict(exc: BaseException) -> bool:
    return isinstance(exc, duckdb.IOException) and LOCK_CONFLICT in str(exc)


def connect_waiting(
    path: str, wait: float, on_wait: Callable[[], None] | None = None, read_only: bool = False
) -> duckdb.DuckDBPyConnection:
    """duckdb.connect(path), retried with growing pauses while another process holds the file's lock, for at
    most `wait` seconds (on_wait is called once, when the first attempt finds the file busy)."""
    deadline = time.monotonic() + wait
    pause = _FIRST_PAUSE
    told = False
    waiting = None
    try:
        while True:
            try:
                return utc(duckdb.connect(path, read_only=read_only))
            except duckdb.IOException as exc:
                if LOCK_CONFLICT not in str(exc):
                    raise
                left = deadline - time.monotonic()
                if left <= 0:
                    raise DatabaseBusy(path, wait) from None
                if on_wait is not None and not told:
                    told = True
                    on_wait()
                waiting = _announce_wait(path, waiting)
                time.sleep(min(pause, left))
                pause = min(pause * 2, _MAX_PAUSE)
    finally:
        if waiting is not None:
            waiting.unlink(missing_ok=True)


# A process that keeps the file open through overlapping sessions (the dashboard under many users: some page run
# is always under way) would never let another process in. So a process waiting for the file says so, in a file
# of its own under <database>.waiting/ touched on every attempt; the process holding the file lets no new session
# join its open connection while such a fresh note of another process is there, closes the file as soon as its
# sessions in progress end, and waits for its own turn like anybody else.
WAITING_FRESH = 2.0  # seconds: a note older than this is left by a process that stopped waiting (or died)


def _waiting_dir(path: str) -> Path:
    return Path(path + ".waiting")


def _announce_wait(path: str, note: Path | None) -> Path | None:
    """Touch this thread's note that it waits for the file (None for an in-memory database or when it cannot)."""
    if path == ":memory:":
        return None
    note = note or _waiting_dir(path) / f"{os.getpid()}.{threading.get_ident()}"
    try:
        note.parent.mkdir(exist_ok=True)
        note.touch()
    except OSError:
        return None
    return note


def others_waiting(path: str) -> bool:
    """True while another process waits for the file (a fresh note of another process id)."""
    folder = _waiting_dir(path)
    if path == ":memory:" or not folder.is_dir():
        return False
    mine = f"{os.getpid()}."
    now = time.time()
    try:
        for note in folder.iterdir():
            if not note.name.startswith(mine):
                with contextlib.suppress(OSError):
                    if now - note.stat().st_mtime < WAITING_FRESH:
                        return True
    except OSError:
        return False
    return False


@dataclass
class _Shared:
    """One database file's connection in this process and how many sessions use it."""

    con: duckdb.DuckDBPyConnection | None = None
    users: int = 0
    pinned: bool = False
    opening: threading.Lock = field(default_factory=threading.Lock)
    closer: threading.Timer | None = None


_lock = threading.Lock()
_shared: dict[str, _Shared] = {}
_prepared: set[str] = set()  # files migrated and seeded by this process
_local = threading.local()  # per thread: the sessions it is inside, innermost last


def _key(path: str | Path | None) -> str:
    return str(Path(path) if path is not None else load_settings().db_path)


def _latest_version() -> int:
    return max((v for v, _ in migration_files()), default=0)


def _open_shared(key: str, wait: float, on_wait: Callable[[], None] | None) -> duckdb.DuckDBPyConnection:
    if key != ":memory:":
        Path(key).parent.mkdir(parents=True, exist_ok=True)
    con = connect_waiting(key, wait, on_wait)
    try:
        if key in _prepared:
            # Migrated and seeded by this process already: a cheap check that nobody replaced the file since.
            cur = con.cursor()
            try:
                version = sql.scalar(cur, "db/schema_version_latest")
            except duckdb.CatalogException:
                version = None
            finally:
                cur.close()
            if version is None or version < _latest_version():
                prepare(con, key)
        else:
            prepare(con, key)
            _prepared.add(key)
    except BaseException:
        con.close()
        raise
    return con


def acquire(
    path: str | Path | None = None, wait: float | None = None, on_wait: Callable[[], None] | None = None
) -> duckdb.DuckDBPyConnection:
    """Start using a database file (see session(); every acquire is paired with one release)."""
    key = _key(path)
    if wait is None:
        wait = load_settings().lock_wait
    waited, told = _let_waiting_process_in(key, wait, on_wait)
    with _lock:
        shared = _shared.setdefault(key, _Shared())
        shared.users += 1
        if shared.closer is not None:
            shared.closer.cancel()
            shared.closer = None
    try:
        with shared.opening:
            if shared.con is None:
                try:
                    shared.con = _open_shared(key, max(wait - waited, 0.0), None if told else on_wait)
                except DatabaseBusy:
                    raise DatabaseBusy(key, wait) from None  # the whole wait, letting the other in included
            return shared.con
    except BaseException:
        release(key)
        raise


def _let_waiting_process_in(key: str, wait: float, on_wait: Callable[[], None] | None) -> tuple[float, bool]:
    """While this process has the file open and another process waits for it, a new session does not join the
    open connection: it waits (at most `wait` seconds) until the other process has had the file. Returns the
    seconds it waited and whether on_wait was called."""
    started = time.monotonic()
    slept = told = False
    while current(key) is None and others_waiting(key):  # a nested session never waits for its own thread
        with _lock:
            shared = _shared.get(key)
            if shared is not None and shared.con is not None and not shared.users and shared.closer is not None:
                shared.closer.cancel()  # lingering for a next page run: close it now, somebody else waits
                shared.closer = None
                _close(shared)
        left = wait - (time.monotonic() - started)
        if left <= 0:
            break  # the other did not get in within our bound: go on as before rather than fail here
        if on_wait is not None and not told:
            told = True
            on_wait()
        slept = True
        time.sleep(min(0.05, left))
    return (time.monotonic() - started if slept else 0.0), told


def release(path: str | Path | None = None, linger: float | None = None) -> None:
    """Stop using a database file; the last user closes it (after `linger` seconds, default the setting)."""
    key = _key(path)
    if linger is None:
        linger = load_settings().linger
    with _lock:
        shared = _shared.get(key)
        if shared is None or shared.users <= 0:
            return
        shared.users -= 1
        if shared.users or shared.pinned or shared.con is None:
            return
        if linger <= 0 or others_waiting(key):
            _close(shared)
            return
        timer = threading.Timer(linger, _close_idle, args=(key,))
        timer.daemon = True
        shared.closer = timer
        timer.start()


def _close(shared: _Shared) -> None:
    con, shared.con = shared.con, None
    if con is not None:
        con.close()


def _close_idle(key: str) -> None:
    with _lock:
        shared = _shared.get(key)
        if shared is not None and shared.closer is threading.current_thread():
            shared.closer = None
            if not shared.users and not shared.pinned:
                _close(shared)


def _held() -> list[tuple[str, duckdb.DuckDBPyConnection]]:
    held = getattr(_local, "held", None)
    if held is None:
        held = _local.held = []
    return held


@contextmanager
def session(
    path: str | Path | None = None,
    wait: float | None = None,
    on_wait: Callable[[], None] | None = None,
    linger: float | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Use the database file for the length of the block: one page run, one command, one background job.

    The connection is shared with the other threads of the process inside a session on the same file; run
    each query on a cursor of its own. The file is opened (waiting for another process's write to finish,
    at most `wait` seconds, default the setting OVERSIGHT_LOCK_WAIT: DatabaseBusy after that) when no
    session of the process holds it, and closed when the last session ends (`linger` seconds later, default
    the setting OVERSIGHT_DB_LINGER: a page run that follows at once, as after st.rerun(), finds it open)."""
    key = _key(path)
    con = acquire(key, wait, on_wait)
    held = _held()
    held.append((key, con))
    try:
        yield con
    finally:
        held.remove((key, con))
        release(key, linger)


def current(path: str | Path | None = None) -> duckdb.DuckDBPyConnection | None:
    """The connection of the innermost session of this thread on `path` (default: the OVERSIGHT_DB file)."""
    key = _key(path)
    for held_key, con in reversed(_held()):
        if held_key == key:
            return con
    return None


def connection(path: str | Path | None = None) -> duckdb.DuckDBPyConnection:
    """Inside a session: its connection. Outside: the file is opened and kept open until close_all() (scripts
    and tests only; the app and the command line always work inside a session, so they never keep it)."""
    key = _key(path)
    con = current(key)
    if con is not None:
        return con
    with _lock:
        shared = _shared.get(key)
        if shared is not None and shared.pinned and shared.con is not None:
            return shared.con
    con = acquire(key)
    with _lock:
        shared = _shared[key]
        if shared.pinned:
            shared.users -= 1
        else:
            shared.pinned = True
    return con


def is_open(path: str | Path | None = None) -> bool:
    """Whether this process has the file open now."""
    with _lock:
        shared = _shared.get(_key(path))
        return shared is not None and shared.con is not None


def close_all() -> None:
    """Close every file this process has open (tests; the end of a script)."""
    with _lock:
        for shared in _shared.values():
            if shared.closer is not None:
                shared.closer.cancel()
            _close(shared)
        _shared.clear()


atexit.register(close_all)  # a lingering file is closed (and checkpointed) when the process ends


def run_query(name: str, con: duckdb.DuckDBPyConnection | None = None, **params: Any) -> pd.DataFrame:
    """Run queries/<name>.sql with named parameters bound, on a fresh cursor; return a DataFrame.

    Only for the current principal (oversight.access): the query's folder names the permission it needs,
    item-level queries get the principal's units bound as $allowed (a caller cannot pass its own), and
    per-unit rows outside the principal's scope never leave this function. Nobody acting: denied."""
    text = load_sql(name)
    wanted = sql_params(text)
    if access.ALLOWED_PARAM in params:
        raise QueryError(f"{name}: ${access.ALLOWED_PARAM} is bound from the current principal, not by callers")
    grant = access.authorize_query(name, wanted)
    return grant.apply(_execute(name, text, wanted, con, {**params, **grant.params}))


def run_internal(name: str, con: duckdb.DuckDBPyConnection | None = None, **params: Any) -> pd.DataFrame:
    """Run a named query without asking who acts: for the modules that check permissions themselves
    (accounts, the audit log, cache rebuilds). Never for reading facts on somebody's behalf."""
    text = load_sql(name)
    return _execute(name, text, sql_params(text), con, params)


def _execute(name: str, text: str, wanted: set[str], con, params: dict) -> pd.DataFrame:
    bound = sql.bind(name, text, params)
    cur = (con or connection()).cursor()
    try:
        return cur.execute(text, bound).df()
    finally:
        cur.close()
