"""The figures of METRICS.md as a Python API over the named queries (queries/metrics, rankings, drilldown).

Every function takes the DuckDB connection (each query runs on its own cursor), the period (an
oversight.periods.Period, passed as it is: its start and end, and its previous period where a figure compares) and
options; the SQL lives in queries/ and all values are bound parameters. The rules themselves are in the staging
macros (queries/staging): one classification serves the counts, the rankings and the drill-down lists, so a count
and its list never disagree. The caches the queries read are built by oversight.metrics_cache.

QUERY_PARAMS names, per query, exactly the parameters this module passes; tests/metrics/test_sql_files.py
checks it against the $names each file uses and runs every file with them.
"""

from __future__ import annotations

import contextvars
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import duckdb
import pandas as pd

from oversight import access, periods
from oversight.config import Settings, load_settings
from oversight.db import run_query
from oversight.metrics_cache import Known, as_date, ensure_months, ensure_scores, month_span, refresh_cache

GROUPS = ("department", "district", "commune")
UNIT_MODES = ("reported", "today")
KINDS = ("tasks", "cases", "feedback")
NOT_ENOUGH_DATA = "chưa đủ số liệu"
# How the figures and the field filter name the items without a field (lĩnh vực).
FIELD_UNKNOWN = "Không rõ lĩnh vực"
OUTCOMES = (
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "resolved_no_deadline",
    "pending_on_time",
    "pending_overdue",
    "pending_no_deadline",
)

_PERIOD = ("from", "to")
_SCORING = ("w_tasks", "w_cases", "w_feedback", "min_volume")
_RANKING = (
    *_PERIOD,
    "prev_from",
    "prev_to",
    "units",
    "group",
    "field",
    *_SCORING,
    "band_names",
    "band_mins",
    "lowest_band",
)
_LAGGING = (*_PERIOD, "units", "group", "field", *_SCORING, "metric", "limit")
QUERY_PARAMS: dict[str, tuple[str, ...]] = {
    "metrics/cases_by_unit": (*_PERIOD, "units", "group", "field"),
    "metrics/tasks_by_unit": (*_PERIOD, "units", "group", "field"),
    "metrics/feedback_by_unit": (*_PERIOD, "units", "group", "field"),
    "metrics/province_totals": (*_PERIOD, "prev_from", "prev_to", "field"),
    "metrics/province_totals_months": (*_PERIOD, "prev_from", "prev_to", "field"),
    "metrics/province_totals_served": (*_PERIOD, "prev_from", "prev_to", "field"),
    "metrics/field_list": _PERIOD,
    "metrics/field_list_months": _PERIOD,
    "metrics/cases_by_field": (*_PERIOD, "units", "unit"),
    "metrics/tasks_by_field": (*_PERIOD, "units", "unit"),
    "metrics/feedback_by_field": (*_PERIOD, "units", "unit"),
    "metrics/monthly_trend": ("month_from", "month_to", "units", "group", "unit", "field"),
    "metrics/monthly_trend_months": ("month_from", "month_to", "units", "group", "unit", "field"),
    "metrics/monthly_trend_served": ("month_from", "month_to", "units", "group", "unit", "field"),
    "metrics/data_range": (),
    "metrics/unit_names_at": ("day",),
    "rankings/unit_ranking": _RANKING,
    "rankings/unit_ranking_months": _RANKING,
    "rankings/unit_ranking_served": _RANKING,
    "rankings/lagging": _LAGGING,
    "rankings/lagging_months": _LAGGING,
    "rankings/lagging_served": _LAGGING,
    "rankings/improved_served": (*_RANKING, "limit"),
    "drilldown/overdue_tasks": (*_PERIOD, "units", "unit", "group", "field"),
    "drilldown/overdue_cases": (*_PERIOD, "units", "unit", "group", "field"),
    "drilldown/overdue_feedback": (*_PERIOD, "units", "unit", "group", "field"),
    "drilldown/items": (*_PERIOD, "units", "unit", "group", "kind", "outcomes", "field"),
    # one item's page (oversight/items.py)
    "drilldown/item_find": ("kind", "code", "upload", "row"),
    "drilldown/item_tasks": ("upload", "row"),
    "drilldown/item_cases": ("upload", "row"),
    "drilldown/item_feedback": ("upload", "row"),
    "drilldown/item_classified": ("kind", "key", "to"),
    "drilldown/item_warnings": ("kind", "upload", "row"),
    "checks/case_stats_identities": (),
    "checks/status_date_conflicts": ("upload",),
    "checks/done_without_date": (),
    "checks/fact_units_known": (),
}

# Lagging views: the metrics a unit can be ranked worst-first by.
LAGGING_METRICS = (
    "tasks_overdue_rate",
    "cases_late_rate",
    "cases_on_time_rate",
    "cases_766_progress_ratio",
    "feedback_overdue_rate",
    "feedback_766_on_time_ratio",
    "feedback_satisfaction_rate",
    "score",
)

CASE_COLUMNS = (
    "cases_total",
    "cases_new_online",
    "cases_new_offline",
    "cases_carried_over",
    "cases_resolved",
    "cases_resolved_early",
    "cases_resolved_on_time",
    "cases_resolved_late",
    "cases_pending",
    "cases_pending_on_time",
    "cases_pending_overdue",
    "cases_no_deadline",
    "cases_late_rate",
    "cases_on_time_rate",
    "cases_766_progress_ratio",
    "cases_766_progress_score",
)
TASK_COLUMNS = (
    "tasks_total",
    "tasks_done_on_time",
    "tasks_done_late",
    "tasks_open_on_time",
    "tasks_open_overdue",
    "tasks_no_deadline",
    "tasks_overdue_rate",
    "tasks_due_soon",
)
FEEDBACK_COLUMNS = (
    "feedback_total",
    "feedback_done_on_time",
    "feedback_done_late",
    "feedback_open_on_time",
    "feedback_open_overdue",
    "feedback_no_deadline",
    "feedback_rated",
    "feedback_satisfied",
    "feedback_overdue_rate",
    "feedback_766_on_time_ratio",
    "feedback_766_points",
    "feedback_satisfaction_rate",
)
# One record per unit, in this order (the `metrics` command prints exactly these).
UNIT_FIELDS = (
    "unit_id",
    "unit_name",
    "unit_code",
    "unit_group",
    *CASE_COLUMNS,
    *TASK_COLUMNS,
    *FEEDBACK_COLUMNS,
    "score",
    "band",
    "rank",
    "prev_rank",
    "movement",
    "ranked",
)
# The most improved units (most_improved), as the overview lists them.
IMPROVED_FIELDS = ("unit_id", "unit_name", "unit_group", "score", "band", "rank", "prev_rank", "movement")
PROVINCE_FIELDS = tuple(c for c in (*CASE_COLUMNS, *TASK_COLUMNS, *FEEDBACK_COLUMNS))


def _ranges(params: dict) -> list[tuple[date, date]]:
    """The periods a query's parameters name: [from, to], [prev_from, prev_to] and each trend month."""
    out = []
    for a, b in (("from", "to"), ("prev_from", "prev_to")):
        if params.get(a) is not None and params.get(b) is not None:
            out.append((params[a], params[b]))
    out.extend(zip(params.get("month_from") or [], params.get("month_to") or [], strict=True))
    return out


# The lean path: a query with a variant named <name>_months (province totals, trend, ranking, lagging list, field
# list) is answered by that variant, from metrics_month_units (schema 022), when all its periods are runs of whole
# months without Biểu 06 aggregates in them (_ensure_months says so). Chosen here, so that only the chosen query
# is planned. Tests switch it off to compare the paths.
MONTH_UNITS_PATH = True
# The served path: a lean query with a variant named <name>_served (province totals, trend, ranking, lagging list) is
# answered from the finished rows of single months (metrics_month_totals, metrics_month_scores: schema 075) when
# every period is a single month, no field filter and no single unit is asked for. A served query raises
# SERVED_MISSING when its rows are not there (a refresh dropped them meanwhile): the scores are built and it is
# asked once more, else the lean query answers. Tests switch it off to compare the paths.
SERVED_PATH = True
SERVED_MISSING = ("metrics_month_scores: not built", "metrics_month_totals: not built")


class _PageRun:
    """What one page run has already asked of the caches (see page_run)."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con
        self.fresh = False
        self.lean: dict[tuple, bool] = {}
        self.known = Known()
        self.names: dict[tuple, pd.DataFrame] = {}


_page_run: contextvars.ContextVar[_PageRun | None] = contextvars.ContextVar("metrics_page_run", default=None)


@contextmanager
def page_run(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """The calls of one page run on `con` (oversight.ui.data wraps each page run in it): the caches are checked
    against the loaded data (refresh_cache) at the first call only, and the months a set of periods needs
    (ensure_months, and whether the lean path may answer them) and the units' former names are asked once, not
    at every call. The figures are the same as outside it; a change of the data is seen at the next page run
    (or the next call outside one). Nested runs on the same connection share the outer one's memo."""
    current = _page_run.get()
    if current is not None and current.con is con:
        yield
        return
    token = _page_run.set(_PageRun(con))
    try:
        yield
    finally:
        _page_run.reset(token)


def data_changed() -> None:
    """The loaded data changed within this page run (an upload, a rollback): the next call checks the caches
    again and asks for its months afresh (oversight.ui.data.clear calls it)."""
    memo = _page_run.get()
    if memo is not None:
        memo.fresh = False
        memo.lean.clear()
        memo.known = Known()
        memo.names.clear()


def _memo(con: duckdb.DuckDBPyConnection) -> _PageRun | None:
    memo = _page_run.get()
    return memo if memo is not None and memo.con is con else None


def _fresh(con: duckdb.DuckDBPyConnection) -> None:
    """refresh_cache, once per page run."""
    memo = _memo(con)
    if memo is None or not memo.fresh:
        refresh_cache(con)
        if memo is not None:
            memo.fresh = True


def _lean_path(con: duckdb.DuckDBPyConnection, ranges: list[tuple[date, date]], wanted: bool) -> bool:
    """ensure_months(con, ranges, lean=wanted), once per page run for the same ranges."""
    memo = _memo(con)
    if memo is None:
        return ensure_months(con, ranges, lean=wanted)
    key = (tuple(ranges), wanted)
    if key not in memo.lean:
        memo.lean[key] = ensure_months(con, ranges, lean=wanted, known=memo.known)
    return memo.lean[key]


def _run(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    expected = set(QUERY_PARAMS[name])
    if set(params) != expected:
        raise ValueError(f"{name}: parameters {sorted(params)} differ from QUERY_PARAMS {sorted(expected)}")
    _fresh(con)
    if name.startswith(("metrics/", "rankings/")):  # the lists (drilldown/) and checks classify items
        lean = f"{name}_months"
        wanted = MONTH_UNITS_PATH and lean in QUERY_PARAMS
        ranges = _ranges(params)
        if _lean_path(con, ranges, wanted) and wanted:
            if _served_path(name, ranges, params):
                served = _served(con, name, ranges, params)
                if served is not None:
                    return served
            name = lean
    return run_query(name, con, **params)


def _served_path(name: str, ranges: list[tuple[date, date]], params: dict) -> bool:
    """Whether the served variant of `name` may answer: it exists, every period is a single month (the lean path
    holds already), no field filter, no single unit."""
    if not SERVED_PATH or f"{name}_served" not in QUERY_PARAMS:
        return False
    if params.get("field") is not None or params.get("unit") is not None:
        return False
    spans = [month_span(start, end) for start, end in ranges]
    return bool(spans) and all(span is not None and len(span[1]) == 1 for span in spans)


def _served_only(con: duckdb.DuckDBPyConnection, served: str, params: dict) -> pd.DataFrame | None:
    """For a question with only a served file (`served`, no SQL of its own for other periods): its frame when the
    served path may answer, as _run decides it; None otherwise (the caller answers from a general figure)."""
    _fresh(con)
    name = served.removesuffix("_served")
    ranges = _ranges(params)
    if not (MONTH_UNITS_PATH and _lean_path(con, ranges, True) and _served_path(name, ranges, params)):
        return None
    return _served(con, name, ranges, params)


def _served(con: duckdb.DuckDBPyConnection, name: str, ranges: list[tuple[date, date]], params: dict):
    """The served query's frame, its scores built first (once per page run) when it reads them; None when its rows
    are missing (twice for the scores, rebuilt in between): the lean query answers then."""
    scoring = {key: params[key] for key in _SCORING} if "w_tasks" in params else None
    for attempt in range(2 if scoring is not None else 1):  # the totals are built with the months: no second try
        if scoring is not None:
            _ensure_scores(con, ranges, scoring, again=attempt > 0)
        try:
            return run_query(f"{name}_served", con, **params)
        except duckdb.Error as exc:
            if not any(marker in str(exc) for marker in SERVED_MISSING):
                raise
    return None


def _ensure_scores(con: duckdb.DuckDBPyConnection, ranges: list[tuple[date, date]], scoring: dict, again: bool) -> None:
    """ensure_scores for the ranges (single months), once per page run unless asked `again` (a served query found
    them missing: asked of the database afresh)."""
    memo = _memo(con)
    if memo is not None and again:
        memo.known.scored.clear()
    ensure_scores(con, ranges, scoring, known=memo.known if memo is not None else None)


def _settings(settings: Settings | None) -> Settings:
    return settings if settings is not None else load_settings()


def _in_scope(unit_id: int | None) -> None:
    """Asking for the items of one unit outside the principal's scope is refused outright (the SQL would
    return nothing anyway: run_query binds the scope into every item list)."""
    if unit_id is None:
        access.require(access.READ_ITEMS)
    else:
        access.require_unit(unit_id)


def _unit_figures_in_scope(unit_id: int | None) -> None:
    """One unit's figures (trend, fields) carry no unit_id column for run_query to filter by: when the
    province lets unit viewers see only their own figures, another unit's are refused here."""
    principal = access.require(access.READ_AGGREGATES)
    restricted = principal.units is not None and not principal.aggregates_all
    if unit_id is not None and restricted and int(unit_id) not in principal.units:
        raise access.AccessDenied(f"Tài khoản «{principal.name}» chỉ được xem số liệu của đơn vị mình.")


def _check(value: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise ValueError(f"{what} không hợp lệ: {value!r} (một trong: {', '.join(allowed)})")
    return value


def _group(group: str | None) -> str:
    group = group or "all"
    return _check(group, ("all", *GROUPS), "nhóm đơn vị")


def _field(field: str | None) -> str | None:
    """A field filter as the data stores fields (NFC, as ingestion normalises them); None or empty = every field.
    FIELD_UNKNOWN selects the items without a field (and Biểu 06 rows over all fields)."""
    if field is None or not str(field).strip():
        return None
    return unicodedata.normalize("NFC", str(field))


def _range(period: periods.Period) -> dict:
    """The period's start and end as the queries bind them ($from, $to); a period outside the span data can
    have is refused."""
    start, end = period.start, period.end
    if end < start:
        raise ValueError(f"khoảng thời gian không hợp lệ: {start:%d/%m/%Y} sau {end:%d/%m/%Y}")
    first, last = periods.usable_span()
    if start < first or end > last:
        raise ValueError(
            f"khoảng thời gian {start:%d/%m/%Y} – {end:%d/%m/%Y} nằm ngoài phạm vi có thể có số liệu "
            f"({first:%d/%m/%Y} – {last:%d/%m/%Y})"
        )
    return {"from": start, "to": end}


def scoring_params(settings: Settings | None = None) -> dict:
    s = _settings(settings)
    return {
        "w_tasks": float(s.weights.get("tasks", 0.0)),
        "w_cases": float(s.weights.get("cases", 0.0)),
        "w_feedback": float(s.weights.get("feedback", 0.0)),
        "min_volume": int(s.min_volume),
    }


def band_params(settings: Settings | None = None) -> dict:
    s = _settings(settings)
    bands = sorted(s.bands, key=lambda b: b[1], reverse=True)
    return {
        "band_names": [name for name, _ in bands],
        "band_mins": [float(threshold) for _, threshold in bands],
        "lowest_band": s.lowest_band,
    }


def _tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """Ranks and day counts as nullable integers (counts are BIGINT already), index reset."""
    for column in ("rank", "prev_rank", "movement", "lag_rank", "days_overdue"):
        if column in frame.columns:
            frame[column] = frame[column].astype("Int64")
    return frame.reset_index(drop=True)


def _names_as_reported(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, day: date, units: str) -> pd.DataFrame:
    """In 'reported' mode a unit renamed after `day` shows the name it had on `day` (the period's end);
    in 'today' mode every unit shows its current name."""
    if units != "reported" or frame.empty or "unit_id" not in frame.columns or "unit_name" not in frame.columns:
        return frame
    memo = _memo(con)
    principal = access.current()
    key = (day, principal.cache_key if principal is not None else None)
    if memo is not None and key in memo.names:
        former = memo.names[key]
    else:
        former = run_query("metrics/unit_names_at", con, day=day)  # the caller's query refreshed the cache
        if memo is not None:
            memo.names[key] = former
    if former.empty:
        return frame
    names = dict(zip(former["unit_id"].astype(int), former["name"], strict=True))
    frame["unit_name"] = [names.get(int(u), n) for u, n in zip(frame["unit_id"], frame["unit_name"], strict=True)]
    return frame


def unit_metrics(
    con: duckdb.DuckDBPyConnection,
    period: periods.Period,
    group: str = "all",
    units: str = "reported",
    settings: Settings | None = None,
    field: str | None = None,
) -> pd.DataFrame:
    """One row per unit the period lists (METRICS.md section 6: every unit that existed during some part of
    the period, with zeros and empty rates when it has no data, plus every unit with items or aggregate rows in it;
    under `units` 'today', the units they are today): UNIT_FIELDS over the items of `field` only, when given (every
    count and rate of METRICS.md sections 3-5, score 0-100, band, rank within the group, previous period's rank,
    movement = prev_rank - rank, ranked) plus unit_short_name, unit_type, cases_source ('cases' / 'case_stats', None
    without case data) and score details. The unit picker, rankings, exports, brief and `metrics` command read it."""
    s = _settings(settings)
    span = _range(period)
    prev = period.previous()
    frame = _run(
        con,
        "rankings/unit_ranking",
        **span,
        prev_from=prev.start,
        prev_to=prev.end,
        units=_check(units, UNIT_MODES, "chế độ đơn vị"),
        group=_group(group),
        field=_field(field),
        **scoring_params(s),
        **band_params(s),
    )
    return _names_as_reported(con, _tidy(frame), period.end, units)


def most_improved(
    con: duckdb.DuckDBPyConnection,
    period: periods.Period,
    group: str = "all",
    limit: int = 10,
    units: str = "reported",
    settings: Settings | None = None,
    field: str | None = None,
) -> pd.DataFrame:
    """The units of unit_metrics that rose most in rank since the previous period (the overview's "10 đơn vị tiến
    bộ nhất"): ranked, movement > 0, most improved first, then the higher score, then the ranking's order; `limit`
    rows at most, IMPROVED_FIELDS. A single month without Biểu 06 rows, every field, is read from the finished
    scores (rankings/improved_served: ten rows instead of the whole ranking); any other period, or a principal who
    sees only its own units' figures (the ten among its units), filters unit_metrics (improved_of)."""
    s = _settings(settings)
    if access.aggregates_cut():  # the pick among the principal's own units: from its cut ranking
        return improved_of(unit_metrics(con, period, group, units, s, field), limit)
    prev = period.previous()
    frame = _served_only(
        con,
        "rankings/improved_served",
        {
            **_range(period),
            "prev_from": prev.start,
            "prev_to": prev.end,
            "units": _check(units, UNIT_MODES, "chế độ đơn vị"),
            "group": _group(group),
            "field": _field(field),
            **scoring_params(s),
            **band_params(s),
            "limit": int(limit),
        },
    )
    if frame is None:
        return improved_of(unit_metrics(con, period, group, units, s, field), limit)
    for column in ("unit_name", "unit_group", "band"):  # as unit_metrics' even when no unit rose (empty: object)
        frame[column] = frame[column].astype("str")
    return _names_as_reported(con, _tidy(frame), period.end, units)


def improved_of(ranking: pd.DataFrame, limit: int) -> pd.DataFrame:
    """most_improved's rows taken from a unit_metrics frame (in its order)."""
    moved = ranking[ranking["ranked"] & ranking["movement"].notna() & (ranking["movement"] > 0)]
    moved = moved.sort_values(["movement", "score"], ascending=[False, False], kind="stable").head(int(limit))
    return moved[list(IMPROVED_FIELDS)].reset_index(drop=True)


def province_kpis(
    con: duckdb.DuckDBPyConnection,
    period: periods.Period,
    settings: Settings | None = None,
    field: str | None = None,
) -> dict:
    """Province totals and rates (PROVINCE_FIELDS) for the period plus `period_from`, `period_to`, `label`,
    and the same under "previous" for the previous comparable period; over the items of `field` only, when
    given. Rates are None when undefined (also when the field has no items)."""
    span = _range(period)
    prev = period.previous()
    frame = _tidy(
        _run(
            con,
            "metrics/province_totals",
            **span,
            prev_from=prev.start,
            prev_to=prev.end,
            field=_field(field),
        )
    )
    out = _province(period, frame.iloc[0])
    out["previous"] = _province(prev, frame.iloc[1])
    return out


def _province(period: periods.Period, row: pd.Series) -> dict:
    out = {"period_from": period.start, "period_to": period.end, "label": period.label, "period_id": period.id}
    for column in PROVINCE_FIELDS:
        out[column] = _plain(row[column])
    return out


def _plain(value):
    if value is None or value is pd.NA:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        return value
    if hasattr(value, "item"):
        value = value.item()
    return value


def monthly_trend(
    con: duckdb.DuckDBPyConnection,
    period: periods.Period,
    months: int = 12,
    group: str = "all",
    unit_id: int | None = None,
    units: str = "reported",
    settings: Settings | None = None,
    field: str | None = None,
) -> pd.DataFrame:
    """Per (reporting) month, oldest first, the `months` months ending with the one containing the period's end:
    month_id, label, month_from, month_to, the counts and every rate (tasks_overdue_rate, cases_late_rate,
    cases_resolved_late, cases_pending_overdue, feedback_overdue_rate, ...), over the units of `group` or
    one unit (`unit_id`, a displayed unit under `units`), and the items of `field` only when given."""
    _unit_figures_in_scope(unit_id)
    cutoff = _settings(settings).period_cutoff
    span = periods.months_back(periods.month_containing(period.end, cutoff), months)
    frame = _run(
        con,
        "metrics/monthly_trend",
        month_from=[p.start for p in span],
        month_to=[p.end for p in span],
        units=_check(units, UNIT_MODES, "chế độ đơn vị"),
        group=_group(group),
        unit=unit_id,
        field=_field(field),
    )
    frame = _tidy(frame)
    frame.insert(0, "month_id", [p.id for p in span])
    frame.insert(1, "label", [p.label for p in span])
    return frame


def worst_units(
    con: duckdb.DuckDBPyConnection,
    period: periods.Period,
    metric: str,
    group: str = "all",
    limit: int = 10,
    units: str = "reported",
    settings: Settings | None = None,
    field: str | None = None,
) -> pd.DataFrame:
    """The lagging list for `metric` (LAGGING_METRICS), worst first, only units meeting the minimum volume:
    the scorecard columns plus metric_value, metric_count (late/overdue items), metric_volume, lag_rank. With
    `field`, over the items of that field only (volume included)."""
    frame = _run(
        con,
        "rankings/lagging",
        **_range(period),
        units=_check(units, UNIT_MODES, "chế độ đơn vị"),
        group=_group(group),
        field=_field(field),
        **scoring_params(settings),
        metric=_check(metric, LAGGING_METRICS, "chỉ tiêu"),
        limit=int(limit),
    )
    return _names_as_reported(con, _tidy(frame), period.end, units)


def overdue_items(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    period: periods.Period,
    unit_id: int | None = None,
    group: str | None = None,
    units: str = "reported",
    field: str | None = None,
) -> pd.DataFrame:
    """The late and overdue items behind the counts (tasks_done_late + tasks_open_overdue, cases_resolved_late
    + cases_pending_overdue, feedback_done_late + feedback_open_overdue) of one displayed unit or a group:
    unit_id, unit_name, unit_group, reported_unit_name, doc_number / case_code / feedback_code, content /
    procedure_name, field, received_at, due_at, done_at, status_text, outcome, outcome_label,
    is_carried_over, days_overdue, upload_id, source_row. Worst first. A unit outside the current principal's
    scope is refused (access.AccessDenied); a group list holds only the units in its scope. With `field`, the
    items of that field only."""
    _check(kind, KINDS, "loại dữ liệu")
    _in_scope(unit_id)
    frame = _run(
        con,
        f"drilldown/overdue_{kind}",
        **_range(period),
        units=_check(units, UNIT_MODES, "chế độ đơn vị"),
        unit=unit_id,
        group=_group(group),
        field=_field(field),
    )
    return _names_as_reported(con, _tidy(frame), period.end, units)


def items(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    period: periods.Period,
    outcomes: tuple[str, ...] | list[str],
    unit_id: int | None = None,
    group: str | None = None,
    units: str = "reported",
    field: str | None = None,
) -> pd.DataFrame:
    """The items of `kind` whose classification is one of `outcomes` (OUTCOMES): the list behind any count
    (of `field` only, when given)."""
    for outcome in outcomes:
        _check(outcome, OUTCOMES, "phân loại")
    _in_scope(unit_id)
    frame = _run(
        con,
        "drilldown/items",
        **_range(period),
        units=_check(units, UNIT_MODES, "chế độ đơn vị"),
        unit=unit_id,
        group=_group(group),
        kind=_check(kind, KINDS, "loại dữ liệu"),
        outcomes=list(outcomes),
        field=_field(field),
    )
    return _names_as_reported(con, _tidy(frame), period.end, units)


def field_breakdown(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    period: periods.Period,
    unit_id: int | None = None,
    units: str = "reported",
) -> pd.DataFrame:
    """Per field (lĩnh vực; 'Không rõ lĩnh vực' when empty), the counts and rates of `kind` for one displayed
    unit or, with unit_id None, the province. Largest first."""
    _unit_figures_in_scope(unit_id)
    frame = _run(
        con,
        f"metrics/{_check(kind, KINDS, 'loại dữ liệu')}_by_field",
        **_range(period),
        units=_check(units, UNIT_MODES, "chế độ đơn vị"),
        unit=unit_id,
    )
    return _tidy(frame)


def kind_by_unit(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    period: periods.Period,
    group: str = "all",
    units: str = "reported",
    field: str | None = None,
) -> pd.DataFrame:
    """Counts and rates of one kind per unit (units with items of that kind only, in `field` when given),
    without scores."""
    frame = _run(
        con,
        f"metrics/{_check(kind, KINDS, 'loại dữ liệu')}_by_unit",
        **_range(period),
        units=_check(units, UNIT_MODES, "chế độ đơn vị"),
        group=_group(group),
        field=_field(field),
    )
    return _names_as_reported(con, _tidy(frame), period.end, units)


def field_list(con: duckdb.DuckDBPyConnection, period: periods.Period) -> pd.DataFrame:
    """The fields (lĩnh vực) with items to be handled in the period, the values the `field` filter takes: field
    (as stored; FIELD_UNKNOWN for items without one and Biểu 06 rows over all fields), tasks_total, cases_total,
    feedback_total and total, largest first."""
    return _tidy(_run(con, "metrics/field_list", **_range(period)))


def data_range(con: duckdb.DuckDBPyConnection) -> tuple[date | None, date | None]:
    """The first and last day of loaded data (active uploads), or (None, None) when nothing is loaded; within
    the plausible span (periods.plausible_range: a mistyped year in a file never stretches it past the calendar)."""
    row = _run(con, "metrics/data_range").iloc[0]
    return periods.plausible_range(as_date(row["min_date"]), as_date(row["max_date"]))


def prepare_first_view(con: duckdb.DuckDBPyConnection, settings: Settings | None = None) -> None:
    """After an upload's cache refresh: build the finished scores of the month the dashboard opens on (and of the
    month before it, which the ranking's movement reads), so that the first leader to open the rankings does not
    wait for them (about 0.4 s at 10 million cases). Nothing when nothing is loaded."""
    s = _settings(settings)
    if not access.may(access.READ_AGGREGATES):
        return  # whoever uploaded may not read the figures: the first reader builds them
    with page_run(con):
        _first, last = data_range(con)
        if last is None:
            return
        unit_metrics(con, periods.default_period(last, periods.settings_cutoff(s)), settings=s)


def data_quality(con: duckdb.DuckDBPyConnection, upload_id: int | None = None) -> dict[str, pd.DataFrame]:
    """The rows every check in queries/checks returns (empty = pass)."""
    return {
        "case_stats_identities": _run(con, "checks/case_stats_identities"),
        "status_date_conflicts": _run(con, "checks/status_date_conflicts", upload=upload_id),
        "done_without_date": _run(con, "checks/done_without_date"),
        "fact_units_known": _run(con, "checks/fact_units_known"),
    }


def freshness(con: duckdb.DuckDBPyConnection, period: periods.Period) -> dict:
    """What a period's figures rest on (the overview says it): `newest_day`, the newest day of the period's data
    (a counted item's reception or completion, a Biểu 06 report's end; None without data in the period),
    `last_upload` (the newest counted upload: upload_id, file_name, kind, uploaded_at UTC, uploaded_by, origin;
    None when nothing counts) and `uploads`, the counted uploads whose period meets this one, newest first."""
    _fresh(con)
    span = _range(period)
    newest = run_query("freshness/newest_day", con, **span)
    last = run_query("freshness/last_upload", con)
    return {
        "newest_day": as_date(newest.iloc[0]["newest_day"]) if len(newest) else None,
        "last_upload": last.iloc[0].to_dict() if len(last) else None,
        "uploads": run_query("freshness/period_uploads", con, **span),
    }
