"""The DuckDB store: one connection per process, a cursor per query, migrations and named queries.

Queries live in queries/ as .sql files, one question per file, named by their path without the
extension ("metrics/cases_by_unit"). Parameters are bound by name ($from, $to, ...): run_query binds
exactly the names the file uses, so a caller cannot forget one silently nor smuggle text into SQL.
"""

from __future__ import annotations

import re
import threading
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from oversight import access
from oversight.config import QUERIES_DIR, load_settings

SCHEMA_DIR = QUERIES_DIR / "schema"
STAGING_DIR = QUERIES_DIR / "staging"
_PARAM = re.compile(r"(?<![:$\w])\$([A-Za-z_]\w*)")
_LINE_COMMENT = re.compile(r"--[^\n]*")
_STRING = re.compile(r"'(?:[^']|'')*'")

_lock = threading.Lock()
_connections: dict[str, duckdb.DuckDBPyConnection] = {}


class QueryError(ValueError):
    pass


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
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
        " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
    )
    done = {row[0] for row in con.execute("SELECT version FROM schema_version").fetchall()}
    applied = []
    for version, path in migration_files():
        if version in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(path.read_text(encoding="utf-8"))
            con.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", [version, path.name])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the staging views; each file in queries/staging is one CREATE OR REPLACE VIEW."""
    for path in sorted(STAGING_DIR.glob("*.sql")):
        con.execute(path.read_text(encoding="utf-8"))


def open_database(path: str | Path) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) a database file, migrate it and seed the unit registry."""
    path = Path(path)
    load_settings()  # an unknown OVERSIGHT_PROVINCE stops here, before a file is created
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    migrate(con)
    from oversight.units.registry import check_registry_province, seed_registry

    seed_registry(con)
    try:
        check_registry_province(con, path)
    except Exception:
        con.close()
        raise
    create_views(con)
    return con


def connection(path: str | Path | None = None) -> duckdb.DuckDBPyConnection:
    """The process-wide connection for a database path (default: the OVERSIGHT_DB setting)."""
    key = str(Path(path) if path is not None else load_settings().db_path)
    with _lock:
        con = _connections.get(key)
        if con is None:
            con = open_database(key)
            _connections[key] = con
        return con


def close_all() -> None:
    with _lock:
        for con in _connections.values():
            con.close()
        _connections.clear()


@cache
def load_sql(name: str) -> str:
    path = (QUERIES_DIR / f"{name}.sql").resolve()
    if QUERIES_DIR.resolve() not in path.parents or not path.is_file():
        raise QueryError(f"no query named {name!r}")
    return path.read_text(encoding="utf-8")


def sql_params(sql: str) -> set[str]:
    """The $names a query uses (comments and string literals ignored)."""
    stripped = _STRING.sub("''", _LINE_COMMENT.sub("", sql))
    return set(_PARAM.findall(stripped))


def run_query(name: str, con: duckdb.DuckDBPyConnection | None = None, **params: Any) -> pd.DataFrame:
    """Run queries/<name>.sql with named parameters bound, on a fresh cursor; return a DataFrame.

    Only for the current principal (oversight.access): the query's folder names the permission it needs,
    item-level queries get the principal's units bound as $allowed (a caller cannot pass its own), and
    per-unit rows outside the principal's scope never leave this function. Nobody acting: denied."""
    sql = load_sql(name)
    wanted = sql_params(sql)
    if access.ALLOWED_PARAM in params:
        raise QueryError(f"{name}: ${access.ALLOWED_PARAM} is bound from the current principal, not by callers")
    grant = access.authorize_query(name, wanted)
    return grant.apply(_execute(name, sql, wanted, con, {**params, **grant.params}))


def run_internal(name: str, con: duckdb.DuckDBPyConnection | None = None, **params: Any) -> pd.DataFrame:
    """Run a named query without asking who acts: for the modules that check permissions themselves
    (accounts, the audit log, cache rebuilds). Never for reading facts on somebody's behalf."""
    sql = load_sql(name)
    return _execute(name, sql, sql_params(sql), con, params)


def _execute(name: str, sql: str, wanted: set[str], con, params: dict) -> pd.DataFrame:
    missing = wanted - params.keys()
    if missing:
        raise QueryError(f"{name}: missing parameters {sorted(missing)}")
    bound = {k: v for k, v in params.items() if k in wanted}
    cur = (con or connection()).cursor()
    try:
        return cur.execute(sql, bound).df()
    finally:
        cur.close()
