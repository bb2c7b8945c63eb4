"""What every administrative change of the unit registry shares (page "Danh mục đơn vị"): the refusal it raises,
the audit record it leaves, and reading one unit before changing it.

No streamlit in oversight/units: every function takes the DuckDB connection, reads on a cursor of its own and
writes in one transaction (oversight.sql.transaction); a refused action raises AdminError with the Vietnamese
message to show. The changes themselves live in pending.py (names uploads did not know), departments.py,
merges.py and renames.py; browse.py reads the registry.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from contextlib import closing
from datetime import date
from typing import Any

import duckdb

from oversight import sql
from oversight.auth import audit
from oversight.formatting import day


class AdminError(ValueError):
    """A refused administrative action; str(error) is the Vietnamese message to show."""


def audited(change: Callable) -> Callable:
    """Record a successful change of the registry in the audit log (action units_change), with its arguments."""

    @functools.wraps(change)
    def run(con: duckdb.DuckDBPyConnection, *args, **kwargs):
        result = change(con, *args, **kwargs)
        bound = inspect.signature(change).bind(con, *args, **kwargs)
        detail = {k: v for k, v in bound.arguments.items() if k not in ("con", "user")}
        audit.record(con, audit.UNITS_CHANGE, target=change.__name__, detail=detail)
        return result

    return run


def read(con: duckdb.DuckDBPyConnection, name: str, /, **params: Any) -> list[dict]:
    """The rows of queries/<name>.sql on a cursor of its own (a read outside any transaction)."""
    with closing(con.cursor()) as cur:
        return sql.rows(cur, name, **params)


def write(con: duckdb.DuckDBPyConnection, name: str, /, **params: Any) -> None:
    """One statement of queries/<name>.sql on a cursor of its own, committed by itself."""
    with closing(con.cursor()) as cur:
        sql.run(cur, name, **params)


def unit_row(con: duckdb.DuckDBPyConnection, unit_id: int) -> dict:
    """unit_id, name, code, unit_group, valid_from, valid_to, merged_into, unit_type, short_name of a unit;
    AdminError when there is none of that id."""
    found = read(con, "units/unit_by_id", id=int(unit_id))
    if not found:
        raise AdminError(f"Không có đơn vị số {unit_id} trong danh mục.")
    return found[0]


def validity(valid_from: date | None, valid_to: date | None) -> str:
    """ "từ 01/07/2025 đến nay", "từ trước đến 30/06/2025"."""
    start = f"từ {day(valid_from)}" if valid_from else "từ trước"
    end = f"đến {day(valid_to)}" if valid_to else "đến nay"
    return f"{start} {end}"
