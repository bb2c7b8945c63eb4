"""The app's access to the store: one cached connection per process, cached query results.

Results are cached by the data version (the newest upload id and the number of counted uploads), so a
new upload or a rollback makes every page recompute without anybody clearing anything by hand;
`clear()` is also called after an upload to free memory at once.
"""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from oversight import access, bootstrap, db, metrics
from oversight.config import load_settings


@st.cache_resource(show_spinner=False)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    return db.connection(path)


def connection() -> duckdb.DuckDBPyConnection:
    return _connection(str(load_settings().db_path))


def data_version(con: duckdb.DuckDBPyConnection) -> str:
    cur = con.cursor()
    try:
        top, active, changed = cur.execute(
            "SELECT coalesce(max(upload_id), 0), count(*) FILTER (WHERE state = 'active' AND demo_retired_at IS NULL),"
            " count(*) FILTER (WHERE state <> 'active' OR demo_retired_at IS NOT NULL) FROM uploads"
        ).fetchone()
    finally:
        cur.close()
    return f"{top}-{active}-{changed}"


_EXTRA = {"is_demo_data": bootstrap.is_demo}


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(function: str, db_path: str, version: str, scope: str, kwargs: tuple[tuple[str, Any], ...]) -> Any:
    target = _EXTRA.get(function) or getattr(metrics, function)
    return target(connection(), **dict(kwargs))


def call(function: str, **kwargs: Any) -> Any:
    """metrics.<function>(con, **kwargs) (or bootstrap.is_demo as "is_demo_data"), cached per database, data
    version and the current principal's scope (access.Principal.cache_key): a result computed for one scope
    is never served to another, and nobody acting is denied before the cache is asked."""
    principal = access.current()
    if principal is None:
        access.require(access.READ_AGGREGATES)  # raises: nobody may read anything
    con = connection()
    return _cached(
        function, str(load_settings().db_path), data_version(con), principal.cache_key, tuple(sorted(kwargs.items()))
    )


def frame(function: str, **kwargs: Any) -> pd.DataFrame:
    result = call(function, **kwargs)
    return result.copy() if isinstance(result, pd.DataFrame) else result


def clear() -> None:
    st.cache_data.clear()


def trend(**kwargs: Any) -> pd.DataFrame:
    """metrics.monthly_trend, without the months before the loaded exports begin (a month holding only
    items carried over into the first export would show a meaningless rate)."""
    frame_ = frame("monthly_trend", **kwargs)
    first, _last = call("data_range")
    if first is None:
        return frame_.iloc[0:0]
    return frame_[pd.to_datetime(frame_["month_to"]).dt.date >= first].reset_index(drop=True)
