"""The app's access to the store: one database session per page run, cached query results.

Every page run is one session on the database file (oversight.db.session, opened by dashboard.py through
page_session()): the file is open only while some page run needs it, so the command line can write to it
in between. When another process is writing, the page shows a spinner and waits (OVERSIGHT_LOCK_WAIT
seconds at most), then a message, never a traceback.

Results are cached by the data version (the newest upload id, the number of counted uploads and of the
others), read from the database at each call: a new upload or a rollback, from this page or from the command
line in another process, makes the next page run recompute without anybody clearing anything by hand;
`clear()` is also called after an upload to free memory at once. Accounts are not cached: the login gate reads
its user on every page run, so `users disable` takes effect at the next one.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from oversight import access, bootstrap, db, metrics, sql, storage
from oversight.config import load_settings

WAITING = "Đang chờ một tác vụ ghi dữ liệu khác hoàn tất…"


def busy_message(exc: db.DatabaseBusy) -> str:
    return (
        f"Cơ sở dữ liệu đang bận quá {db.seconds_text(exc.waited)} giây vì một tác vụ ghi dữ liệu khác "
        "(nạp tệp, hoàn tác, cập nhật tài khoản…). Vui lòng tải lại trang sau ít phút."
    )


def db_path() -> str:
    return str(load_settings().db_path)


@contextmanager
def page_session() -> Iterator[duckdb.DuckDBPyConnection]:
    """The database session of one page run (dashboard.py wraps the whole script in it)."""
    spinners: list = []

    def waiting() -> None:
        spinner = st.spinner(WAITING)
        spinner.__enter__()
        spinners.append(spinner)

    with ExitStack() as stack:
        try:
            con = stack.enter_context(db.session(db_path(), on_wait=waiting))
        except db.DatabaseBusy as exc:
            _end(spinners)
            st.error(busy_message(exc))
            st.stop()
        except (OSError, duckdb.Error) as exc:
            cause = storage.problem(exc)
            if cause is None:
                raise
            _end(spinners)
            st.error(storage.open_message(cause))
            st.stop()
        _end(spinners)
        stack.enter_context(metrics.page_run(con))  # the caches checked once per page run
        yield con


def _end(spinners: list) -> None:
    while spinners:
        spinners.pop().__exit__(None, None, None)


def connection() -> duckdb.DuckDBPyConnection:
    """The connection of this page run's session (run each query on a cursor of its own)."""
    con = db.current(db_path())
    if con is None:
        raise RuntimeError("oversight.ui.data.connection() outside a database session (dashboard.py opens one)")
    return con


def data_version(con: duckdb.DuckDBPyConnection) -> str:
    cur = con.cursor()
    try:
        top, active, changed = sql.run(cur, "ui/data_version").fetchone()
    finally:
        cur.close()
    return f"{top}-{active}-{changed}"


def _overdue_head(con: duckdb.DuckDBPyConnection, limit: int, **kwargs: Any) -> tuple[pd.DataFrame, int]:
    """metrics.overdue_items' first `limit` rows (worst first) and how many there are: what a kind page shows,
    kept small in the cache (a province's whole list, hundreds of thousands of rows at 10 million cases, was
    copied out of the cache at every page run); the CSV download asks for the whole list when clicked."""
    items = metrics.overdue_items(con, **kwargs)
    return items.head(limit), len(items)


_EXTRA = {"is_demo_data": bootstrap.is_demo, "overdue_items_head": _overdue_head}


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
    metrics.data_changed()


def trend(**kwargs: Any) -> pd.DataFrame:
    """metrics.monthly_trend, without the months before the loaded exports begin (a month holding only
    items carried over into the first export would show a meaningless rate)."""
    frame_ = frame("monthly_trend", **kwargs)
    first, _last = call("data_range")
    if first is None:
        return frame_.iloc[0:0]
    return frame_[pd.to_datetime(frame_["month_to"]).dt.date >= first].reset_index(drop=True)
