"""The metrics caches: builds metrics_item_cache, metrics_unit_cache, metrics_upload_days (schemas 020, 021), the
month counts metrics_month_counts and their pivot metrics_month_units (schemas 021, 022) that oversight.metrics
reads, and rebuilds them when the loaded data or the staging SQL changed.

The statements are the files of queries/cache, run through oversight.sql inside one transaction (sql.transaction)
per rebuild. A month is built when the cache is rebuilt (every month around the data, under the cut-off setting)
or, for a period outside that span, when a query first asks for it (ensure_months).
"""

from __future__ import annotations

import functools
import hashlib
import threading
from datetime import date, timedelta

import duckdb
import pandas as pd

from oversight import periods, sql
from oversight.config import Settings, load_settings
from oversight.db import STAGING_DIR

_cache_lock = threading.Lock()

# Months built ahead of the first month with data, so that a 12-month trend starting before the data is read
# from metrics_month_counts too.
MONTHS_BEFORE_DATA = 11
# The longest run of months read from metrics_month_counts (queries/staging/11_fn_month_cutoff.sql).
MAX_MONTH_SPAN_DAYS = 7320


@functools.cache
def _staging_version() -> str:
    """A digest of the staging SQL, so a changed definition also invalidates the cache (read once per process:
    the views are created from the same files when the database is opened)."""
    digest = hashlib.sha256()
    for path in sorted(STAGING_DIR.glob("*.sql")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def as_date(value) -> date | None:
    """A date read from DuckDB (date, timestamp or NULL) as a date or None."""
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()


def month_span(start: date, end: date) -> tuple[str, list[periods.Period]] | None:
    """(cut-off, months) when [start, end] is a run of whole calendar or 15→14 months, else None: the periods
    the SQL answers from metrics_month_counts (the same rule as the month_cutoff macro)."""
    if end < start or (end - start).days > MAX_MONTH_SPAN_DAYS:
        return None
    if start.day == 1 and (end + timedelta(days=1)).day == 1:
        cutoff = periods.CALENDAR
    elif start.day == 15 and end.day == 14:
        cutoff = periods.DECREE09
    else:
        return None
    months = [periods.month_containing(end, cutoff)]
    while months[-1].start > start:
        months.append(months[-1].previous())
    return cutoff, months[::-1]


def refresh_cache(con: duckdb.DuckDBPyConnection, force: bool = False, settings: Settings | None = None) -> bool:
    """Rebuild the metrics caches when the loaded data changed since they were built (or always, with force):
    metrics_item_cache and metrics_unit_cache (schema 020), then metrics_month_counts (schema 021) for every
    month of the cut-off setting from MONTHS_BEFORE_DATA months before the first month with data to the last
    (months of the other cut-off are built when first asked for). Every function of oversight.metrics calls it
    first; ingestion may call it right after an upload so that the first page view does not pay for it. Returns
    True when it rebuilt."""
    with _cache_lock:
        cur = con.cursor()
        try:
            fingerprint = sql.scalar(cur, "cache/fingerprint") + "|" + _staging_version()
            stored = sql.run(cur, "cache/fingerprint_stored").fetchall()
        finally:
            cur.close()
        if stored and stored[0][0] == fingerprint and not force:
            return False
        cutoff = (settings if settings is not None else load_settings()).period_cutoff
        with sql.transaction(con) as cur:
            sql.run(cur, "cache/clear_items")
            sql.run(cur, "cache/fill_items")
            sql.run(cur, "cache/clear_units")
            sql.run(cur, "cache/fill_units")
            sql.run(cur, "cache/clear_upload_days")
            sql.run(cur, "cache/fill_upload_days")
            sql.run(cur, "cache/clear_month_counts")
            sql.run(cur, "cache/clear_month_units")
            sql.run(cur, "cache/clear_months")
            sql.run(cur, "cache/fill_backdated")
            _build_months(cur, _months_with_data(cur, cutoff), backdated=True)
            sql.run(cur, "cache/fingerprint_record", fingerprint=fingerprint)
        return True


def _months_with_data(cur: duckdb.DuckDBPyConnection, cutoff: str) -> list[periods.Period]:
    """The months of `cutoff` from MONTHS_BEFORE_DATA months before the data range to its end."""
    row = sql.first(cur, "metrics/data_range")
    first, last = periods.plausible_range(as_date(row["min_date"]), as_date(row["max_date"]))
    if first is None or last is None:
        return []
    span = month_span(periods.month_containing(first, cutoff).start, periods.month_containing(last, cutoff).end)
    months = span[1] if span else [periods.month_containing(last, cutoff)]
    return periods.months_back(months[-1], len(months) + MONTHS_BEFORE_DATA)


def _build_months(cur: duckdb.DuckDBPyConnection, months: list[periods.Period], backdated: bool = False) -> None:
    """Classify and count each month (inside the caller's transaction), pivot its rows into metrics_month_units
    (with `backdated`, also every backdated span row of metrics_month_counts) and record it as built."""
    if not months:
        return
    params = {"month_from": [m.start for m in months], "month_to": [m.end for m in months]}
    sql.run(cur, "cache/fill_month_counts", **params)
    sql.run(cur, "cache/fill_month_units", **params, backdated=backdated)
    sql.run(cur, "cache/fill_months", **params)


def ensure_months(con: duckdb.DuckDBPyConnection, ranges: list[tuple[date, date]], lean: bool = False) -> bool:
    """Build the months of every run-of-months range not built yet (a period outside the prebuilt span), so
    that the SQL, which reads such a range from metrics_month_counts, finds every month of it. With `lean`, also
    say whether the lean path may answer: every range is a run of whole months (month_span, the rule of the
    month_cutoff macro) and no Biểu 06 aggregate row lies within any of them (the only rows kind_counts adds to
    the month counts of such periods)."""
    wanted: dict[date, periods.Period] = {}
    whole = bool(ranges)
    for start, end in ranges:
        span = month_span(start, end)
        if span:
            wanted.update((m.start, m) for m in span[1])
        else:
            whole = False
    if not wanted:
        return False
    with _cache_lock:
        cur = con.cursor()
        try:
            built = sql.rows(cur, "cache/months_built", **{"from": min(wanted), "to": max(wanted)})
            built_starts = {row["month_from"] for row in built}
            missing = [m for start, m in sorted(wanted.items()) if start not in built_starts]
            if missing:
                with sql.transaction(con) as tx:
                    _build_months(tx, missing)
            if not (lean and whole):
                return False
            starts, ends = zip(*ranges, strict=True)
            stats = sql.scalar(cur, "cache/case_stats_within", month_from=list(starts), month_to=list(ends))
            return stats == 0
        finally:
            cur.close()
