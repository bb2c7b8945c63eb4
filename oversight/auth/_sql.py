"""Running the account store's queries (queries/auth/) on a given cursor, and one transaction helper.

db.run_internal opens a cursor of its own, which in DuckDB is a separate connection and so outside any
transaction the caller holds. Statements that must commit together with their audit row run here, on the
transaction's cursor; permission checks are the calling function's job.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import duckdb
import pandas as pd

from oversight import db


def execute(cur: duckdb.DuckDBPyConnection, name: str, **params: Any) -> list[dict]:
    """Run queries/auth/<name>.sql on `cur` itself, binding exactly the parameters it names; rows as dicts."""
    sql = db.load_sql(f"auth/{name}")
    wanted = db.sql_params(sql)
    missing = wanted - params.keys()
    if missing:
        raise db.QueryError(f"auth/{name}: missing parameters {sorted(missing)}")
    cur.execute(sql, {k: params[k] for k in wanted})
    columns = [d[0] for d in cur.description or ()]
    return [dict(zip(columns, row, strict=True)) for row in cur.fetchall()] if columns else []


def frame(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pd.DataFrame:
    """Run queries/auth/<name>.sql on a fresh cursor (reads outside any transaction)."""
    return db.run_internal(f"auth/{name}", con, **params)


def read(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> list[dict]:
    """execute() on a fresh cursor, for reads outside any transaction."""
    cur = con.cursor()
    try:
        return execute(cur, name, **params)
    finally:
        cur.close()


def first(cur: duckdb.DuckDBPyConnection, name: str, **params: Any) -> dict | None:
    rows = execute(cur, name, **params)
    return rows[0] if rows else None


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """A fresh cursor in an open transaction: committed when the block ends, rolled back if it raises."""
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
