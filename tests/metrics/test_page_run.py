"""metrics.page_run, the memo of one page run (issue 15, part 3): inside it every figure is the frame it is outside
(whole months, a quarter, a custom period that is not whole months, with Biểu 06 rows in the period, with a field
filter, both unit modes); the caches are checked once per run, not once per call; a change of the data is seen at
the next run, and within the run once data_changed() says so (an upload or a rollback on the page)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from oversight import metrics, metrics_cache, periods
from tests.metrics.test_month_cache import assert_same, build_world, by_key

PERIODS = (
    periods.month(2025, 10),  # Biểu 06 rows in it (build_world: May..Oct 2025)
    periods.month(2026, 1),  # whole month without Biểu 06 rows: the lean path
    periods.quarter(2025, 3),
    periods.custom(date(2025, 10, 2), date(2025, 10, 31)),  # not whole months: classified from the items
    periods.custom(date(2025, 8, 15), date(2025, 11, 20)),
)


def page_figures(con, s) -> dict:
    """What the pages ask for each period, as comparable frames and dicts."""
    out: dict = {"range": metrics.data_range(con)}
    for period in PERIODS:
        key = period.id
        out[f"{key}/fields"] = metrics.field_list(con, period)
        for field in (None, "Hộ tịch", metrics.FIELD_UNKNOWN):
            out[f"{key}/{field}/province"] = metrics.province_kpis(con, period, s, field=field)
            out[f"{key}/{field}/trend"] = metrics.monthly_trend(con, period, 6, settings=s, field=field)
            for units in metrics.UNIT_MODES if field is None else ("reported",):
                out[f"{key}/{field}/{units}/units"] = by_key(
                    metrics.unit_metrics(con, period, "all", units, s, field=field), "unit_id"
                )
                out[f"{key}/{field}/{units}/worst"] = metrics.worst_units(
                    con, period, "score", "all", 10, units, s, field=field
                )
        out[f"{key}/freshness"] = metrics.freshness(con, period)["newest_day"]
    return out


@pytest.fixture
def refreshes(monkeypatch):
    """How many times oversight.metrics asked refresh_cache to check the caches."""
    calls: list[int] = []
    real = metrics.refresh_cache

    def counting(con, *args, **kwargs):
        calls.append(1)
        return real(con, *args, **kwargs)

    monkeypatch.setattr(metrics, "refresh_cache", counting)
    return calls


@pytest.mark.slow
def test_the_figures_inside_a_page_run_are_those_outside(world, mcon, settings, refreshes):
    build_world(world)
    outside = page_figures(mcon, settings)
    calls_outside = len(refreshes)
    with metrics.page_run(mcon):
        inside = page_figures(mcon, settings)
        again = page_figures(mcon, settings)  # the second time from the memo of the months asked
    calls_inside = len(refreshes) - calls_outside
    assert_same(inside, outside, "page run")
    assert_same(again, outside, "page run, asked twice")
    assert outside[f"{PERIODS[0].id}/None/province"]["cases_total"] > 0
    # outside a run every call checks the caches: data_range, then per period field_list, 3 fields x (province,
    # trend), 2 x 2 + 2 x 1 rankings and lagging lists, freshness
    assert calls_outside == 1 + len(PERIODS) * (1 + 3 * 2 + 4 + 2 + 2 + 1)
    assert calls_inside == 1  # inside one, the first call only


def test_a_change_is_seen_at_the_next_run_and_after_data_changed(world, mcon, settings, refreshes):
    unit = world.unit("Sở Tư pháp")
    up = world.upload("cases")
    world.case(up, "HS1", unit, "2025-10-02 08:00", "2025-10-20 17:00", None)
    october = periods.month(2025, 10)
    with metrics.page_run(mcon):
        assert metrics.province_kpis(mcon, october, settings)["cases_total"] == 1
        world.case(up, "HS2", unit, "2025-10-03 08:00", "2025-10-20 17:00", None)
        # within the run the caches are not checked again: the figures of the run's start
        assert metrics.province_kpis(mcon, october, settings)["cases_total"] == 1
        metrics.data_changed()
        assert metrics.province_kpis(mcon, october, settings)["cases_total"] == 2
        world.case(up, "HS3", unit, "2025-10-04 08:00", "2025-10-20 17:00", None)
    with metrics.page_run(mcon):  # the next run checks again
        assert metrics.province_kpis(mcon, october, settings)["cases_total"] == 3
    world.case(up, "HS4", unit, "2025-10-05 08:00", "2025-10-20 17:00", None)
    assert metrics.province_kpis(mcon, october, settings)["cases_total"] == 4  # outside a run: every call
    assert len(refreshes) == 4  # run 1: first call, after data_changed; run 2: once; outside: once


def test_a_run_on_another_connection_or_nested_keeps_its_own_memo(world, mcon, settings, refreshes):
    unit = world.unit("Sở Tư pháp")
    up = world.upload("cases")
    world.case(up, "HS1", unit, "2025-10-02 08:00", "2025-10-20 17:00", None)
    october = periods.month(2025, 10)
    other = mcon.cursor()
    try:
        with metrics.page_run(other):  # a run of another connection does not memo this one's calls
            metrics.province_kpis(mcon, october, settings)
            metrics.province_kpis(mcon, october, settings)
        assert len(refreshes) == 2
        with metrics.page_run(mcon), metrics.page_run(mcon):  # nested: one memo
            metrics.province_kpis(mcon, october, settings)
            metrics.unit_metrics(mcon, october, settings=settings)
        assert len(refreshes) == 3
    finally:
        other.close()


def test_months_outside_the_built_span_are_built_inside_a_run(world, mcon, settings):
    """A period whose months were not built (far before the data) is built at its first call in the run and
    read from the month rows after, as outside a run."""
    unit = world.unit("Sở Tư pháp")
    up = world.upload("cases")
    world.case(up, "HS1", unit, "2025-10-02 08:00", "2025-10-20 17:00", None)
    metrics_cache.refresh_cache(mcon)
    early = periods.month(2020, 3)
    built = "SELECT count(*) FROM metrics_cache_months WHERE month_from = DATE '2020-03-01'"
    assert mcon.execute(built).fetchone()[0] == 0
    with metrics.page_run(mcon):
        first = metrics.province_kpis(mcon, early, settings)
        assert mcon.execute(built).fetchone()[0] == 1
        assert metrics.province_kpis(mcon, early, settings) == first
    assert first["cases_total"] == 0
    pd.testing.assert_frame_equal(
        metrics.unit_metrics(mcon, early, settings=settings), metrics.unit_metrics(mcon, early, settings=settings)
    )


@pytest.fixture
def asked(monkeypatch):
    """The names of the cache/ bookkeeping queries oversight.metrics_cache asked, in order."""
    from oversight import sql

    names: list[str] = []
    real_run = sql.run

    def counting(cur, name, **params):
        if name.startswith("cache/"):
            names.append(name)
        return real_run(cur, name, **params)

    monkeypatch.setattr(sql, "run", counting)
    return names


def test_a_run_asks_which_months_are_built_and_scored_once(world, mcon, settings, asked):
    """The overview's calls (a month and its previous one, then twelve months, then the month again for the
    ranking and the lagging list) learn which months are built, which Biểu 06 periods exist and which months are
    scored in one query at the run's first question; outside a run every call asks."""
    build_world(world)
    october = periods.month(2025, 10)
    january = periods.month(2026, 1)

    def overview(period):
        return (
            metrics.province_kpis(mcon, period, settings),
            metrics.monthly_trend(mcon, period, 12, settings=settings),
            by_key(metrics.unit_metrics(mcon, period, "all", "reported", settings), "unit_id"),
            metrics.worst_units(mcon, period, "score", "all", 10, "reported", settings),
        )

    outside = [overview(october), overview(january)]
    asked_outside = list(asked)
    asked.clear()
    with metrics.page_run(mcon):
        inside = [overview(october), overview(january)]
    for got, want in zip(inside, outside, strict=True):
        assert_same(dict(enumerate(got)), dict(enumerate(want)), "page run")
    # what the caches hold is read once, at the run's first question; every month these calls need is built and
    # scored by then (the calls outside the run built and scored them), so none is asked again
    assert asked.count("cache/page_known") == 1
    assert "cache/case_stats_within" not in asked
    assert "cache/months_built" not in asked
    assert "cache/scores_built" not in asked
    assert asked.count("cache/scoring_name") == 1
    # outside a run every call asks: October and September (the KPIs), the twelve months to October (the trend),
    # the same for January; the scores of January and December for the ranking and the lagging list (October holds
    # Biểu 06 rows: not served from finished rows, no scores asked)
    assert asked_outside.count("cache/months_built") == 8
    assert asked_outside.count("cache/scores_built") == 2
    assert "cache/page_known" not in asked_outside


def test_a_run_scores_a_month_once_and_follows_a_change_of_scoring(world, mcon, settings, asked, monkeypatch):
    """Scores the run builds itself (the first ranking of a month after a refresh dropped them, or under other
    weights) are remembered by the run: the next calls ask nothing, and their figures are those outside a run."""
    from dataclasses import replace

    build_world(world)
    january = periods.month(2026, 1)
    other = replace(settings, weights={"tasks": 10.0, "cases": 70.0, "feedback": 20.0}, min_volume=3)
    outside = [metrics.unit_metrics(mcon, january, "all", "reported", s) for s in (settings, other, settings)]
    metrics_cache.refresh_cache(mcon, force=True)  # the finished scores dropped: built again when first asked
    asked.clear()
    missing: list[bool] = []  # a served query that found its scores missing asks again: never here
    real_ensure = metrics._ensure_scores

    def recording(con, ranges, scoring, again):
        missing.append(again)
        return real_ensure(con, ranges, scoring, again)

    monkeypatch.setattr(metrics, "_ensure_scores", recording)
    with metrics.page_run(mcon):
        inside = [metrics.unit_metrics(mcon, january, "all", "reported", s) for s in (settings, other)]
        inside.append(metrics.unit_metrics(mcon, january, "all", "reported", settings))
        inside.append(metrics.worst_units(mcon, january, "score", "all", 10, "reported", settings))
    for got, want in zip(inside, outside, strict=False):
        assert_same({"x": by_key(got, "unit_id")}, {"x": by_key(want, "unit_id")}, "scores built in the run")
    assert asked.count("cache/page_known") == 1
    assert asked.count("cache/scoring_name") == 2  # one per scoring
    # January and December built for the settings, then for the other weights (dropping the first), then again
    assert asked.count("cache/fill_month_scores") == 3
    # the run knew the other weights' build dropped the first scores: asked for them, never read them missing
    assert asked.count("cache/scores_built") == 3
    assert missing == [False] * 4
    # the last ranking and the lagging list under the settings' weights: nothing asked after the third build
    assert asked[-1] == "cache/fill_month_scores"
