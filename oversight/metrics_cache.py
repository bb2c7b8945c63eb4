"""The metrics caches: builds metrics_item_cache, metrics_unit_cache, metrics_upload_days (schemas 020, 021), the
month counts metrics_month_counts and their pivot metrics_month_units (schemas 021, 022), the finished figures of
single months metrics_month_totals (with the months) and metrics_month_scores (per scoring, when first asked:
ensure_scores; schema 075) that oversight.metrics reads, and rebuilds them when the loaded data or the staging SQL
changed: incrementally after an upload, a rollback, a replacement or the demo retired (only the items of the uploads
concerned, and the months and units they count in: refresh_mode), in full otherwise.

The statements are the files of queries/cache, run through oversight.sql inside one transaction (sql.transaction)
per rebuild. A month is built when the cache is rebuilt (every month around the data, under the cut-off setting)
or, for a period outside that span, when a query first asks for it (ensure_months).
"""

from __future__ import annotations

import functools
import hashlib
import threading
from dataclasses import dataclass, field
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


def near_run(start: date, end: date) -> tuple[date, date] | None:
    """The run of calendar months a period [start, end] is answered from, corrected by the items dated between the two
    pairs of bounds, when some period of the same query is not a run of whole months (kind_counts;
    queries/staging/12_fn_near_month_run.sql near_month_run, which this mirrors): the 1st nearest to start, the month
    end nearest to end (a tie takes the month holding the bound); None when four times the days between the bounds
    outnumber the period's days (such a run is never empty). A run of whole calendar months is its own near run."""
    if end < start or (end - start).days > MAX_MONTH_SPAN_DAYS - 40:
        return None  # (the run reaches at most 16 days past either bound: within MAX_MONTH_SPAN_DAYS)
    first = start.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    near_from = first if (start - first).days <= (following - start).days else following
    month_end = (end.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    previous_end = end.replace(day=1) - timedelta(days=1)
    near_to = month_end if (month_end - end).days <= (end - previous_end).days else previous_end
    between = abs((start - near_from).days) + abs((end - near_to).days)
    return (near_from, near_to) if 4 * between <= (end - start).days + 1 else None


# The per-(month, unit) cache rows an incremental refresh rebuilds: (clear, fill) pairs of queries/cache run in this
# order, each bound to the pairs ($month_from[i], $month_to[i], $unit_id[i]) and the units $units whose backdated
# rows are rebuilt (a file takes the names it uses). A new cache table keyed by month and unit adds its pair here.
MONTH_UNIT_STEPS: tuple[tuple[str, str], ...] = (
    ("cache/clear_month_counts_units", "cache/fill_month_counts_units"),
    ("cache/clear_backdated_units", "cache/fill_backdated_units"),
    ("cache/clear_month_units_units", "cache/fill_month_units_units"),
)
# The month rows dropped when a month leaves the span a full rebuild builds (bound to $month_from, $month_to).
MONTH_CLEAR_STEPS: tuple[str, ...] = (
    "cache/drop_month_counts",
    "cache/drop_month_units",
    "cache/drop_month_totals",
    "cache/drop_month_scores",
    "cache/drop_months",
)
# The incremental path gives way to a full rebuild when the change marks more than this share of the cached items,
# or touches (or adds) more than this share of the months (the full rebuild then costs about as much).
INCREMENTAL_MAX_ITEM_SHARE = 0.5
INCREMENTAL_MAX_MONTH_SHARE = 0.5

FULL = "full"
INCREMENTAL = "incremental"


@dataclass(frozen=True)
class _Loaded:
    """A fingerprint (queries/cache/fingerprint.sql + the staging version) read back: per upload whether its rows
    count (active and not a retired demo upload), the fact row counts, the registry counts, the staging version."""

    counted: dict[int, bool]
    rows: tuple[int, int, int]
    registry: tuple[str, str]
    staging: str


def _parse(fingerprint: str | None) -> _Loaded | None:
    if not fingerprint:
        return None
    try:
        uploads_part, tasks, cases, feedback, units, lineage, staging = fingerprint.split("|")
        counted = {}
        for entry in uploads_part.split(",") if uploads_part else ():
            upload_id, state, *flags = entry.split(":")
            counted[int(upload_id)] = state == "active" and "demo_retired" not in flags
        return _Loaded(counted, (int(tasks), int(cases), int(feedback)), (units, lineage), staging)
    except ValueError:
        return None


def refresh_cache(con: duckdb.DuckDBPyConnection, force: bool = False, settings: Settings | None = None) -> bool:
    """Bring the metrics caches up to date with the loaded data when it changed since they were built (or always,
    with force), incrementally when it can (refresh_mode). Every function of oversight.metrics calls it first;
    ingestion may call it right after an upload so that the first page view does not pay for it. Returns True when
    it rebuilt."""
    return bool(refresh_mode(con, force, settings))


def refresh_mode(con: duckdb.DuckDBPyConnection, force: bool = False, settings: Settings | None = None) -> str:
    """refresh_cache, saying how: "" (up to date), INCREMENTAL or FULL.

    Full: metrics_item_cache and metrics_unit_cache (schema 020), then metrics_month_counts (schema 021) for every
    month of the cut-off setting from MONTHS_BEFORE_DATA months before the first month with data to the last (months
    of the other cut-off are built when first asked for). Incremental, when the only change since the last build is
    uploads starting or stopping to count (a new upload, a rollback, a replacement, the demo retired): only the items
    with a row in those uploads are rebuilt, and the (month, unit) rows of both their old and new versions, the
    backdated rows of their units and the item days of their uploads; months entering or leaving the span are built
    or dropped, so the caches end exactly as a full rebuild leaves them. A full rebuild with force (a unit renamed or
    merged), a changed staging SQL or cut-off setting, an unknown cache state, or whenever the incremental path
    cannot be sure (rows changed outside the uploads, an upload deleted, a change touching most items or months)."""
    with _cache_lock:
        cur = con.cursor()
        try:
            (state,) = sql.rows(cur, "cache/fingerprint")
        finally:
            cur.close()
        fingerprint = state["fingerprint"] + "|" + _staging_version()
        stored, stored_cutoff = state["stored_fingerprint"], state["stored_cutoff"]
        if stored == fingerprint and not force:
            return ""
        cutoff = (settings if settings is not None else load_settings()).period_cutoff
        if not force and stored_cutoff == cutoff:
            try:
                with sql.transaction(con) as cur:
                    _refresh_incremental(cur, _parse(stored), _parse(fingerprint), cutoff)
                    _record(cur, fingerprint, cutoff)
                return INCREMENTAL
            except _NotSure:
                pass  # rolled back: the full rebuild below
        with sql.transaction(con) as cur:
            sql.run(cur, "cache/clear_items")
            sql.run(cur, "cache/fill_items")
            sql.run(cur, "cache/clear_units")
            sql.run(cur, "cache/fill_units")
            sql.run(cur, "cache/clear_upload_days")
            sql.run(cur, "cache/fill_upload_days")
            sql.run(cur, "cache/clear_month_counts")
            sql.run(cur, "cache/clear_month_units")
            sql.run(cur, "cache/clear_month_totals")
            sql.run(cur, "cache/clear_month_scores")
            sql.run(cur, "cache/clear_months")
            sql.run(cur, "cache/fill_backdated")
            _build_months(cur, _months_with_data(cur, cutoff), backdated=True)
            _record(cur, fingerprint, cutoff)
        return FULL


def _record(cur: duckdb.DuckDBPyConnection, fingerprint: str, cutoff: str) -> None:
    sql.run(cur, "cache/fingerprint_record", fingerprint=fingerprint)
    sql.run(cur, "cache/cutoff_record", cutoff=cutoff)


def _changed_uploads(old: _Loaded | None, new: _Loaded | None, cur: duckdb.DuckDBPyConnection) -> list[int] | None:
    """The uploads that started or stopped counting between `old` and `new`, or None when the change is not only
    that (unknown state, another staging version or registry, an upload deleted, fact rows not those of the new
    uploads)."""
    if old is None or new is None or old.staging != new.staging or old.registry != new.registry:
        return None
    if any(old.counted[i] and i not in new.counted for i in old.counted):
        return None  # a counted upload deleted: its items are unknown
    added = sorted(i for i in new.counted if i not in old.counted)
    grown = tuple(n - o for n, o in zip(new.rows, old.rows, strict=True))
    if any(grown):
        row = sql.first(cur, "cache/upload_rows", ids=added)
        if (row["tasks_rows"], row["cases_rows"], row["feedback_rows"]) != grown:
            return None
    return sorted(i for i, counts in new.counted.items() if counts != old.counted.get(i, False))


class _NotSure(Exception):
    """The incremental refresh cannot be sure of its result (or would cost about a full rebuild): its transaction
    is rolled back and the caches are rebuilt in full."""


def _refresh_incremental(cur: duckdb.DuckDBPyConnection, old: _Loaded | None, new: _Loaded | None, cutoff: str) -> None:
    """The incremental refresh (refresh_mode) inside the caller's transaction; raises _NotSure when the caller must
    roll it back and rebuild everything."""
    changed = _changed_uploads(old, new, cur)
    if changed is None:
        raise _NotSure
    cached = sql.scalar(cur, "cache/items_count")
    marked = sql.scalar(cur, "cache/dirty_mark", ids=changed) if changed else 0
    if marked > INCREMENTAL_MAX_ITEM_SHARE * max(cached, 1):
        raise _NotSure
    built = [
        (as_date(row["month_from"]), as_date(row["month_to"]))
        for row in sql.rows(cur, "cache/months_built", **{"from": date.min, "to": date.max})
    ]
    pairs: set[tuple[date, date, int]] = set()
    units: set[int] = set()
    uploads: set[int] = set(changed)
    if marked:
        # the months, units and uploads of the marked items' cached (old) versions ...
        pairs.update(_dirty_pairs(cur, built))
        for row in sql.rows(cur, "cache/dirty_unit_uploads"):
            units.add(row["unit_id"])
            uploads.add(row["upload_id"])
        sql.run(cur, "cache/clear_items_dirty")
        sql.run(cur, "cache/fill_items_dirty")
        # ... and of their new versions
        pairs.update(_dirty_pairs(cur, built))
        for row in sql.rows(cur, "cache/dirty_unit_uploads"):
            units.add(row["unit_id"])
            uploads.add(row["upload_id"])
        sql.run(cur, "cache/dirty_clear")
    ids = sorted(uploads)
    sql.run(cur, "cache/clear_upload_days_uploads", ids=ids)
    sql.run(cur, "cache/fill_upload_days_uploads", ids=ids)
    sql.run(cur, "cache/clear_units")
    sql.run(cur, "cache/fill_units")
    wanted = _months_with_data(cur, cutoff)
    wanted_keys = {(m.start, m.end) for m in wanted}
    built_keys = set(built)
    added = [m for m in wanted if (m.start, m.end) not in built_keys]
    dropped = sorted(built_keys - wanted_keys)
    kept_pairs = sorted(p for p in pairs if (p[0], p[1]) in wanted_keys)
    touched_months = {(p[0], p[1]) for p in kept_pairs}
    if len(touched_months) + len(added) > INCREMENTAL_MAX_MONTH_SHARE * max(len(wanted), 1):
        raise _NotSure
    if dropped:
        starts, ends = zip(*dropped, strict=True)
        for name in MONTH_CLEAR_STEPS:
            sql.run(cur, name, month_from=list(starts), month_to=list(ends))
    params = {
        "month_from": [p[0] for p in kept_pairs],
        "month_to": [p[1] for p in kept_pairs],
        "unit_id": [p[2] for p in kept_pairs],
        "units": sorted(units),
    }
    if kept_pairs or units:
        backdated = _backdated_months(cur, units)
        for clear, fill in MONTH_UNIT_STEPS:
            sql.run(cur, clear, **params)
            sql.run(cur, fill, **params)
        backdated |= _backdated_months(cur, units)
        # the finished figures of every month whose rows changed, whole (a rank depends on every unit of its month)
        touched = sorted(touched_months | {key for key in wanted_keys & built_keys if key[0] in backdated})
        if touched:
            spans = {"month_from": [m[0] for m in touched], "month_to": [m[1] for m in touched]}
            sql.run(cur, "cache/drop_month_totals", **spans)
            sql.run(cur, "cache/drop_month_scores", **spans)  # built again when first asked for (ensure_scores)
            sql.run(cur, "cache/fill_month_totals", **spans)
    _build_months(cur, added)


def _backdated_months(cur: duckdb.DuckDBPyConnection, units: set[int]) -> set[date]:
    """The starts of the months holding a backdated span row of `units` (metrics_month_units)."""
    if not units:
        return set()
    return {as_date(row["month_from"]) for row in sql.rows(cur, "cache/backdated_months_units", units=sorted(units))}


def _dirty_pairs(cur: duckdb.DuckDBPyConnection, months: list[tuple[date, date]]) -> set[tuple[date, date, int]]:
    """The (month start, month end, unit) pairs among `months` the marked items count in, as cached now."""
    if not months:
        return set()
    found = sql.run(
        cur, "cache/dirty_month_units", month_from=[m[0] for m in months], month_to=[m[1] for m in months]
    ).fetchall()
    return {(as_date(a), as_date(b), int(u)) for a, b, u in found}


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
    sql.run(cur, "cache/fill_month_totals", **params)  # read through metrics_cache_months: after fill_months


@dataclass
class Known:
    """What one page run has learned of the caches (oversight.metrics.page_run), so that its later calls ask the
    database nothing it already answered: read in one pass at its first question (cache/page_known: the months
    built, the Biểu 06 aggregate periods of the active uploads, the months scored under each scoring), then kept up
    to date by what the run builds itself. Valid while the data does not change: a page run forgets it when it does
    (metrics.data_changed)."""

    built: set[date] = field(default_factory=set)
    stats_periods: list[tuple[date, date]] | None = None
    scored: set[tuple[date, date, str]] = field(default_factory=set)
    names: dict[tuple, str] = field(default_factory=dict)
    read: bool = False

    def learn(self, cur: duckdb.DuckDBPyConnection) -> None:
        """cache/page_known, once."""
        if self.read:
            return
        stats: set[tuple[date, date]] = set()
        for row in sql.rows(cur, "cache/page_known"):
            span = (as_date(row["period_from"]), as_date(row["period_to"]))
            if row["what"] == "built":
                self.built.add(span[0])
            elif row["what"] == "stats":
                stats.add(span)
            else:
                self.scored.add((*span, row["scoring"]))
        self.stats_periods = sorted(stats)
        self.read = True

    def scoring_name(self, cur: duckdb.DuckDBPyConnection, scoring: dict) -> str:
        """The scoring_key name of `scoring`, asked once per run."""
        key = tuple(sorted(scoring.items()))
        if key not in self.names:
            self.names[key] = sql.scalar(cur, "cache/scoring_name", **scoring)
        return self.names[key]


def _stats_within(cur: duckdb.DuckDBPyConnection, ranges: list[tuple[date, date]], known: Known | None) -> bool:
    """Whether a Biểu 06 aggregate row has its period within one of `ranges` (cache/case_stats_within; with
    `known`, from the periods the page run read once)."""
    if known is None:
        starts, ends = zip(*ranges, strict=True)
        return sql.scalar(cur, "cache/case_stats_within", month_from=list(starts), month_to=list(ends)) > 0
    known.learn(cur)
    return any(lo <= a and b <= hi for a, b in known.stats_periods or () for lo, hi in ranges)


def ensure_months(
    con: duckdb.DuckDBPyConnection, ranges: list[tuple[date, date]], lean: bool = False, known: Known | None = None
) -> bool:
    """Build the months of every run-of-months range not built yet (a period outside the prebuilt span) and, when
    some range is not whole months, of every range's near run (near_run), so that the SQL, which reads such ranges
    from metrics_month_counts, finds every month of them. With `lean`, also say whether the lean path may answer:
    every range is a run of whole months (month_span, the rule of the month_cutoff macro) and no Biểu 06 aggregate
    row lies within any of them (the only rows kind_counts adds to the month counts of such periods)."""
    wanted: dict[date, periods.Period] = {}
    whole = bool(ranges)
    for start, end in ranges:
        span = month_span(start, end)
        if span:
            wanted.update((m.start, m) for m in span[1])
        else:
            whole = False
    if not whole:  # a query with a custom period reads each of its periods' near runs
        for start, end in ranges:
            near = near_run(start, end)
            if near:
                wanted.update((m.start, m) for m in month_span(*near)[1])
    if not wanted:
        return False
    with _cache_lock:
        cur = con.cursor()
        try:
            if known is not None:
                known.learn(cur)
            if known is None or not known.built.issuperset(wanted):
                built = sql.rows(cur, "cache/months_built", **{"from": min(wanted), "to": max(wanted)})
                built_starts = {row["month_from"] for row in built}
                missing = [m for start, m in sorted(wanted.items()) if start not in built_starts]
                if missing:
                    with sql.transaction(con) as tx:
                        _build_months(tx, missing)
                if known is not None:
                    known.built.update(wanted)
            if not (lean and whole):
                return False
            return not _stats_within(cur, ranges, known)
        finally:
            cur.close()


def ensure_scores(
    con: duckdb.DuckDBPyConnection, months: list[tuple[date, date]], scoring: dict, known: Known | None = None
) -> None:
    """Build the finished unit scores (metrics_month_scores, schema 075) of the built `months` not yet there under
    `scoring` (oversight.metrics.scoring_params: the weights and minimum volume), both unit modes, dropping those
    of any other scoring (one is kept at a time). The months must be built (ensure_months). With `known`, months
    the page run knows scored (read at its first question, or scored by itself) are not asked again."""
    wanted = sorted(set(months))
    if not wanted:
        return
    if known is not None:
        cur = con.cursor()
        try:
            known.learn(cur)
            name = known.scoring_name(cur, scoring)
        finally:
            cur.close()
        if all((*m, name) in known.scored for m in wanted):
            return
        ensure_scores(con, months, scoring)
        # building drops every other scoring's rows: forget them too (forgetting is safe, it only asks again)
        known.scored = {s for s in known.scored if s[2] == name} | {(*m, name) for m in wanted}
        return
    spans = {"month_from": [m[0] for m in wanted], "month_to": [m[1] for m in wanted]}
    with _cache_lock:
        cur = con.cursor()
        try:
            there = {
                (as_date(r["month_from"]), as_date(r["month_to"]))
                for r in sql.rows(cur, "cache/scores_built", **spans, **scoring)
            }
        finally:
            cur.close()
        missing = [m for m in wanted if m not in there]
        if not missing:
            return
        build = {"month_from": [m[0] for m in missing], "month_to": [m[1] for m in missing]}
        with sql.transaction(con) as tx:
            sql.run(tx, "cache/drop_scores_other", **scoring)
            sql.run(tx, "cache/drop_month_scores", **build)
            sql.run(tx, "cache/fill_month_scores", **build, **scoring)
