"""Running the account store's queries (queries/auth/) on a given cursor.

db.run_internal opens a cursor of its own, which in DuckDB is a separate connection and so outside any
transaction the caller holds. Statements that must commit together with their audit row run here, on the
transaction's cursor; permission checks are the calling function's job.
"""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd

from oversight import db, sql


def rows(cur: duckdb.DuckDBPyConnection, name: str, **params: Any) -> list[dict]:
    """Run queries/auth/<name>.sql on `cur` itself, binding exactly the parameters it names; rows as dicts."""
    return sql.rows(cur, f"auth/{name}", **params)


def frame(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pd.DataFrame:
    """Run queries/auth/<name>.sql on a fresh cursor (reads outside any transaction)."""
    return db.run_internal(f"auth/{name}", con, **params)


def read(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> list[dict]:
    """rows() on a fresh cursor, for reads outside any transaction."""
    cur = con.cursor()
    try:
        return rows(cur, name, **params)
    finally:
        cur.close()


def first(cur: duckdb.DuckDBPyConnection, name: str, **params: Any) -> dict | None:
    found = rows(cur, name, **params)
    return found[0] if found else None
