"""The named-query runner: every SQL statement of the product is a file in queries/, run from here.

A query is named by its path under queries/ without the extension ("units/pending_names"); it holds one
statement. Parameters are bound by name ($from, $unit_id, ...): exactly the names the file uses, so a caller
cannot forget one silently nor smuggle text into SQL. These functions run on the cursor they are given, so a
statement joins the caller's transaction; `transaction` is the one place that opens, commits and rolls back.

This module sits at the bottom of the layers (CONTRIBUTING.md): it imports nothing of the product, not even
its configuration (oversight/config.py reads the province list, oversight/units/provinces.py, which runs its
queries here), so the settings, the unit registry and the database sessions (oversight/db.py) can all build on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"
_PARAM = re.compile(r"(?<![:$\w])\$([A-Za-z_]\w*)")
_LINE_COMMENT = re.compile(r"--[^\n]*")
_STRING = re.compile(r"'(?:[^']|'')*'")


class QueryError(ValueError):
    pass


@cache
def load_sql(name: str) -> str:
    """The text of queries/<name>.sql; a name outside queries/ or of no file is refused."""
    path = (QUERIES_DIR / f"{name}.sql").resolve()
    if QUERIES_DIR.resolve() not in path.parents or not path.is_file():
        raise QueryError(f"no query named {name!r}")
    return path.read_text(encoding="utf-8")


def sql_params(sql: str) -> set[str]:
    """The $names a query uses (comments and string literals ignored)."""
    stripped = _STRING.sub("''", _LINE_COMMENT.sub("", sql))
    return set(_PARAM.findall(stripped))


def bind(name: str, sql: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """Exactly the parameters `sql` names, taken from `params`; a missing one is refused by name."""
    wanted = sql_params(sql)
    missing = wanted - params.keys()
    if missing:
        raise QueryError(f"{name}: missing parameters {sorted(missing)}")
    return {k: params[k] for k in wanted}


def run(cur: duckdb.DuckDBPyConnection, name: str, /, **params: Any) -> duckdb.DuckDBPyConnection:
    """Execute queries/<name>.sql on `cur` itself (inside the caller's transaction, if any); `cur` is returned
    for fetchone()/fetchall()/df()."""
    sql = load_sql(name)
    bound = bind(name, sql, params)
    return cur.execute(sql, bound) if bound else cur.execute(sql)


def rows(cur: duckdb.DuckDBPyConnection, name: str, /, **params: Any) -> list[dict]:
    """run() and return the result as a list of dicts (empty for statements without a result)."""
    run(cur, name, **params)
    columns = [d[0] for d in cur.description or ()]
    return [dict(zip(columns, row, strict=True)) for row in cur.fetchall()] if columns else []


def first(cur: duckdb.DuckDBPyConnection, name: str, /, **params: Any) -> dict | None:
    """The first row of run() as a dict, or None."""
    found = rows(cur, name, **params)
    return found[0] if found else None


def scalar(cur: duckdb.DuckDBPyConnection, name: str, /, **params: Any) -> Any:
    """The first column of the first row of run(), or None when there is no row."""
    row = run(cur, name, **params).fetchone()
    return row[0] if row else None


def frame(cur: duckdb.DuckDBPyConnection, name: str, /, **params: Any) -> pd.DataFrame:
    """run() and return the result as a DataFrame."""
    return run(cur, name, **params).df()


def arrow(cur: duckdb.DuckDBPyConnection, name: str, /, **params: Any) -> pa.Table:
    """run() as an Arrow table, read straight from the query (a DB-API result would copy every row once more)."""
    sql = load_sql(name)
    return cur.sql(sql, params=bind(name, sql, params) or None).to_arrow_table()


def run_many(cur: duckdb.DuckDBPyConnection, name: str, batch: Iterable[Mapping[str, Any]]) -> int:
    """Execute queries/<name>.sql once per parameter set of `batch` on `cur`; the number of sets run."""
    sql = load_sql(name)
    bound = [bind(name, sql, params) for params in batch]
    if bound:
        cur.executemany(sql, bound)
    return len(bound)


def script(cur: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Execute a file of queries/ holding several statements without parameters (a migration, a staging view)."""
    cur.execute(path.read_text(encoding="utf-8"))


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """A fresh cursor in an open transaction: committed when the block ends, rolled back if it raises.
    The only BEGIN/COMMIT/ROLLBACK of the product."""
    cur = con.cursor()
    try:
        cur.execute("BEGIN TRANSACTION")
        try:
            yield cur
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        cur.execute("COMMIT")
    finally:
        cur.close()


def spark(session: Any, name: str, /) -> Any:
    """queries/<name>.sql run by an Apache Spark session (oversight.lake_spark): a Spark DataFrame. The text is the
    same DuckDB runs; a query run this way takes no parameters (its inputs are the session's temporary views), and
    one that names any is refused, so nothing is ever put into its text."""
    sql = load_sql(name)
    if sql_params(sql):
        raise QueryError(f"{name}: Spark runs only queries without parameters, not {sorted(sql_params(sql))}")
    return session.sql(sql)
