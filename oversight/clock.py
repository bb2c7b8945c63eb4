"""Time as the server keeps it and as a user reads it.

The store keeps naive timestamps in UTC (DuckDB's current_timestamp and `utc_now()` here); every time a user
reads is the province's time, Asia/Ho_Chi_Minh (UTC+7, no daylight saving), whatever the server's own zone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def utc_now() -> datetime:
    """Now, as a naive UTC timestamp (the form the database stores)."""
    return datetime.now(UTC).replace(tzinfo=None)


def local_today() -> date:
    """Today in the province (from 17:00 UTC it is already tomorrow there), whatever the server's zone."""
    return datetime.now(LOCAL_TZ).date()


def local_now_text() -> str:
    """Now in the province's time with its offset, e.g. '2026-12-08T02:44:00+07:00' (for logs people read)."""
    return datetime.now(LOCAL_TZ).isoformat(timespec="seconds")


def to_local(stamp: datetime) -> datetime:
    """A stored (naive UTC, or aware) timestamp in the province's time, naive."""
    aware = stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=UTC)
    return aware.astimezone(LOCAL_TZ).replace(tzinfo=None)


def local_text(stamp: datetime | None, fmt: str = "%H:%M %d/%m/%Y") -> str:
    """A stored timestamp as the province reads it ('' when there is none)."""
    return "" if stamp is None else to_local(stamp).strftime(fmt)


def local_series(values):
    """A pandas Series of stored (naive UTC) timestamps in the province's time, naive; NaT stays NaT."""
    import pandas as pd

    stamps = pd.to_datetime(values)
    if stamps.dt.tz is None:
        stamps = stamps.dt.tz_localize("UTC")
    return stamps.dt.tz_convert(LOCAL_TZ).dt.tz_localize(None)


def utc_from_local(stamp: datetime) -> datetime:
    """A naive province-time timestamp (a day a user picked) as the store's naive UTC."""
    return stamp.replace(tzinfo=LOCAL_TZ).astimezone(UTC).replace(tzinfo=None)
