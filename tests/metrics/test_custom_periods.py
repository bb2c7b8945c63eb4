"""A custom period (not a run of whole months) is answered from the month rows of its near run of calendar months,
corrected by the items dated between their bounds, when those bounds are close (queries/staging/12_fn_near_month_run.sql);
else it is classified from the items, and kind_counts counts the open backlog (items received before the first period
asked for starts and not done by the end of the last one) per status and due day instead of classifying each of them
once per period (queries/staging/20_kind_counts.sql). Its figures are
those of classifying every item: for many seeded random custom periods (start and end days inside months, across
month boundaries and the 1/7/2025 reform, both cut-offs), with Biểu 06 rows, field filters, both unit modes, on
the province of test_month_cache (open items across months, backdated, done by status, paused, without deadline,
tasks without assignment date).

The reference is the same API with the switches backlog_grouped() and near_months() replaced by `false` on the test
connection."""

from __future__ import annotations

import random
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, timedelta

import pytest

from oversight import db as dbmod
from oversight import metrics, metrics_cache, periods
from tests.metrics.test_month_cache import assert_same, build_world, by_key


@contextmanager
def every_item_classified(con):
    """The reference: no grouped backlog, no near runs (each switch replaced on the test connection)."""
    con.execute("CREATE OR REPLACE MACRO backlog_grouped() AS false")
    con.execute("CREATE OR REPLACE MACRO near_months() AS false")
    try:
        yield
    finally:
        dbmod.create_views(con, force=True)  # (their digest did not change)


def random_custom_periods(rng: random.Random, count: int, cutoff: str, near: bool = False) -> list[periods.Period]:
    """Custom periods between 1/2025 and 1/2026, 1 to 120 days long, none a run of whole months; with `near`, periods
    whose bounds lie a few days from month bounds (answered from their near run: metrics_cache.near_run), including
    one bound on a month bound."""
    out: list[periods.Period] = []
    while len(out) < count:
        if near:
            first = date(2025, 1 + rng.randrange(11), 1)
            start = first + timedelta(days=rng.choice([-3, -2, -1, 0, 1, 2, 3]))
            months = rng.randrange(1, 4)
            last = (first.replace(day=28) + timedelta(days=31 * months)).replace(day=1) - timedelta(days=1)
            end = last + timedelta(days=rng.choice([-3, -2, -1, 0, 1, 2, 3]))
        else:
            start = date(2025, 1, 1) + timedelta(days=rng.randrange(390))
            end = min(start + timedelta(days=rng.randrange(120)), date(2026, 1, 31))
        period = periods.period_for_range(start, end, cutoff)
        if period.kind == "custom" and not metrics_cache.month_span(start, end):
            out.append(period)
    return out


def figures(con, period: periods.Period, s, ids: dict) -> dict:
    out: dict = {}
    for field in (None, "Hộ tịch", metrics.FIELD_UNKNOWN):
        out[f"{field}/province"] = metrics.province_kpis(con, period, s, field=field)
        for units in metrics.UNIT_MODES if field is None else ("reported",):
            out[f"{field}/{units}/units"] = by_key(
                metrics.unit_metrics(con, period, "all", units, s, field=field), "unit_id"
            )
            out[f"{field}/{units}/worst"] = metrics.worst_units(con, period, "score", "all", 10, units, s, field=field)
    for kind in metrics.KINDS:
        out[f"{kind}/by_unit"] = by_key(metrics.kind_by_unit(con, kind, period), "unit_id")
    out["unit"] = by_key(metrics.field_breakdown(con, "cases", period, unit_id=ids["unit"], units="today"), "field")
    return out


def open_through(con, period: periods.Period) -> int:
    """Items received before the period (and its previous one) and not done by its end: the grouped backlog."""
    previous_start = period.start - (period.end - period.start) - timedelta(days=1)
    return con.execute(
        "SELECT count(*) FROM metrics_item_cache WHERE received_at < ? AND scope_end >= ?",
        [previous_start, period.end + timedelta(days=1)],
    ).fetchone()[0]


@pytest.mark.slow
@pytest.mark.parametrize("cutoff", periods.CUTOFFS)
def test_random_custom_periods_equal_classifying_every_item(world, mcon, settings, cutoff):
    ids = build_world(world)
    s = replace(settings, period_cutoff=cutoff)
    rng = random.Random(f"custom-{cutoff}")
    grouped = near = 0
    for period in random_custom_periods(rng, 8, cutoff) + random_custom_periods(rng, 6, cutoff, near=True):
        fast = figures(mcon, period, s, ids)
        with every_item_classified(mcon):
            reference = figures(mcon, period, s, ids)
        assert_same(fast, reference, period.label)
        assert fast["None/province"]["cases_total"] > 0, period.label
        grouped += open_through(mcon, period)
        near += bool(
            metrics_cache.near_run(period.start, period.end)
            and metrics_cache.near_run(period.previous().start, period.previous().end)
        )
    assert grouped > 0  # the periods do have an open backlog to group
    assert near >= 4  # and most of the second set is answered from near runs
