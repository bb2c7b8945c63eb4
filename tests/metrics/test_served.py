"""The served path (issue 15 part 3; schema 075): a single month without a field filter is answered from the
finished rows metrics_month_totals and metrics_month_scores, built with the month caches and, for a scoring, when
first asked. Its frames are exactly those of the lean path (the *_months queries), rows in the same order, for the
first, the reform and the last month of the random province under both cut-offs, both unit modes, every group and
lagging metric, and the most improved units (what the lean path's ranking holds); a served query whose rows are missing (a refresh dropped them meanwhile) raises, and the figures
are still right; another scoring replaces the one kept; an incremental refresh leaves the finished rows a full
rebuild leaves."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import replace

import duckdb
import pytest

from oversight import metrics, metrics_cache, periods
from oversight.db import run_query
from tests.metrics.helpers import span
from tests.metrics.test_month_cache import assert_same, build_world
from tests.metrics.test_month_units import chosen  # noqa: F401  (the fixture)

SERVED = (
    "metrics/province_totals_served",
    "metrics/monthly_trend_served",
    "rankings/unit_ranking_served",
    "rankings/lagging_served",
    "rankings/improved_served",
)


@contextmanager
def lean_only():
    metrics.SERVED_PATH = False
    try:
        yield
    finally:
        metrics.SERVED_PATH = True


def figures(con, month: periods.Period, s) -> dict:
    """What the pages ask of one month, every field, rows in the order the queries give them."""
    period = span(month.start, month.end, s)
    out: dict = {"province": metrics.province_kpis(con, period, s)}
    for units in metrics.UNIT_MODES:
        out[f"trend/{units}"] = metrics.monthly_trend(con, period, 12, units=units, settings=s)
        for group in ("all", *metrics.GROUPS):
            out[f"units/{group}/{units}"] = metrics.unit_metrics(con, period, group, units, s)
            out[f"improved/{group}/{units}"] = metrics.most_improved(con, period, group, 10, units, s)
            out[f"trend/{group}/{units}"] = metrics.monthly_trend(con, period, 6, group=group, units=units, settings=s)
            for metric in metrics.LAGGING_METRICS if group == "all" else ("score", "cases_late_rate"):
                out[f"worst/{metric}/{group}/{units}"] = metrics.worst_units(con, period, metric, group, 5, units, s)
    return out


def months_of(cutoff: str) -> list[periods.Period]:
    """The first month with data, the month of the 1/7/2025 reform (its previous month before it), the last."""
    return [periods.month(y, m, cutoff) for y, m in ((2024, 11), (2025, 7), (2026, 1))]


@pytest.mark.slow
@pytest.mark.parametrize("cutoff", periods.CUTOFFS)
def test_every_month_served_equals_the_lean_path(world, mcon, settings, chosen, cutoff):  # noqa: F811
    build_world(world, with_stats=False)
    s = replace(settings, period_cutoff=cutoff)
    rose = 0
    for month in months_of(cutoff):
        del chosen[:]
        served = figures(mcon, month, s)
        rose += sum(len(frame) for key, frame in served.items() if key.startswith("improved/"))
        assert {name for name in chosen if name.endswith("_served")} == set(SERVED), month.label
        assert not [name for name in chosen if name.endswith("_months")], month.label
        del chosen[:]
        with lean_only():
            lean = figures(mcon, month, s)
        assert not [name for name in chosen if name.endswith("_served")], month.label
        assert_same(served, lean, month.label)
    assert served["province"]["cases_total"] > 0
    assert rose, "no unit rose in any month: the most improved lists were compared empty"


def test_a_field_a_unit_or_a_run_of_months_is_not_served(world, mcon, settings, chosen):  # noqa: F811
    ids = build_world(world, with_stats=False)
    october = span(periods.month(2025, 10).start, periods.month(2025, 10).end, settings)
    metrics.province_kpis(mcon, october, settings, field="Hộ tịch")
    metrics.unit_metrics(mcon, october, settings=settings, field="Hộ tịch")
    metrics.monthly_trend(mcon, october, 12, unit_id=ids["unit"], settings=settings)
    quarter = periods.quarter(2025, 3)
    metrics.province_kpis(mcon, span(quarter.start, quarter.end, settings), settings)
    metrics.worst_units(mcon, span(quarter.start, quarter.end, settings), "score", settings=settings)
    assert not [name for name in chosen if name.endswith("_served")]
    assert chosen.count("metrics/province_totals_months") == 2


def test_missing_rows_raise_and_the_figures_stay_right(world, mcon, settings, chosen):  # noqa: F811
    build_world(world, with_stats=False)
    october = periods.month(2025, 10)
    period = span(october.start, october.end, settings)
    with lean_only():
        expected = {
            group: metrics.unit_metrics(mcon, period, group, settings=settings) for group in ("all", "district")
        }
        expected_kpis = metrics.province_kpis(mcon, period, settings)
        expected_worst = metrics.worst_units(mcon, period, "score", settings=settings)
    metrics.unit_metrics(mcon, period, settings=settings)  # builds the scores of October and September
    params = {
        "from": october.start,
        "to": october.end,
        "prev_from": october.previous().start,
        "prev_to": october.previous().end,
        "units": "reported",
        "group": "district",
        "field": None,
        **metrics.scoring_params(settings),
        **metrics.band_params(settings),
    }
    assert len(run_query("rankings/unit_ranking_served", mcon, **params)) == len(expected["district"]) > 0
    # a month listing no unit of the group asked for (no district after 1/7/2025): built, the answer is empty
    mcon.execute("DELETE FROM metrics_month_scores WHERE unit_group = 'district'")
    assert run_query("rankings/unit_ranking_served", mcon, **params).empty
    # a refresh dropped the rows meanwhile: each served query raises instead of answering from nothing
    mcon.execute("DELETE FROM metrics_month_scores")
    mcon.execute("DELETE FROM metrics_month_totals WHERE month_from = ?", [october.start])
    with pytest.raises(duckdb.Error, match="metrics_month_scores: not built"):
        run_query("rankings/unit_ranking_served", mcon, **params)
    with pytest.raises(duckdb.Error, match="metrics_month_totals: not built"):
        run_query(
            "metrics/province_totals_served",
            mcon,
            **{k: params[k] for k in ("from", "to", "prev_from", "prev_to", "field")},
        )
    # and the figures are still those of the lean path: the scores built again, the totals from the lean query
    del chosen[:]
    for group in ("all", "district"):
        assert_same({"x": metrics.unit_metrics(mcon, period, group, settings=settings)}, {"x": expected[group]}, group)
    assert metrics.province_kpis(mcon, period, settings) == expected_kpis
    assert_same({"x": metrics.worst_units(mcon, period, "score", settings=settings)}, {"x": expected_worst}, "worst")
    assert "rankings/unit_ranking_served" in chosen and "metrics/province_totals_months" in chosen
    assert mcon.execute("SELECT count(DISTINCT month_from) FROM metrics_month_scores").fetchone()[0] == 2


def test_another_scoring_replaces_the_one_kept(world, mcon, settings):
    build_world(world, with_stats=False)
    october = periods.month(2025, 10)
    other = replace(settings, weights={"tasks": 10.0, "cases": 70.0, "feedback": 20.0}, min_volume=3)
    for s in (settings, other):
        period = span(october.start, october.end, s)
        served = metrics.unit_metrics(mcon, period, settings=s)
        with lean_only():
            lean = metrics.unit_metrics(mcon, period, settings=s)
        assert_same({"x": served}, {"x": lean}, "scoring")
        kept = mcon.execute("SELECT DISTINCT scoring FROM metrics_month_scores").fetchall()
        w = metrics.scoring_params(s)
        assert kept == [(f"{w['w_tasks']}/{w['w_cases']}/{w['w_feedback']}/{w['min_volume']}",)]
    assert not served["score"].equals(
        metrics.unit_metrics(mcon, span(october.start, october.end), settings=settings)["score"]
    )


def test_the_totals_follow_an_incremental_refresh_and_the_scores_are_built_again(world, mcon, settings, monkeypatch):
    monkeypatch.setattr(metrics_cache, "INCREMENTAL_MAX_ITEM_SHARE", 1.0)
    monkeypatch.setattr(metrics_cache, "INCREMENTAL_MAX_MONTH_SHARE", 1.0)
    build_world(world, with_stats=False)
    october = periods.month(2025, 10)
    period = span(october.start, october.end, settings)
    before = metrics.unit_metrics(mcon, period, settings=settings)
    unit = world.unit("Xã Long Phước", valid="new")
    late = world.upload("cases")
    for i in range(12):
        world.case(late, f"LATE{i}", unit, "2025-10-02 08:00", "2025-10-03 17:00", "2025-10-20 08:00")
    assert metrics_cache.refresh_mode(mcon, settings=settings) == metrics_cache.INCREMENTAL
    # October's scores were dropped with its changed rows; November's too (the cases were resolved in October)
    assert (
        mcon.execute("SELECT count(*) FROM metrics_month_scores WHERE month_from = ?", [october.start]).fetchone()[0]
        == 0
    )
    after = metrics.unit_metrics(mcon, period, settings=settings)
    with lean_only():
        lean = metrics.unit_metrics(mcon, period, settings=settings)
    assert_same({"x": after}, {"x": lean}, "after")
    row = after.set_index("unit_id").loc[unit]
    assert row["cases_resolved_late"] == before.set_index("unit_id").loc[unit, "cases_resolved_late"] + 12


@pytest.mark.parametrize("cutoff", periods.CUTOFFS)
def test_the_month_totals_are_those_of_period_month_totals(world, mcon, settings, cutoff):
    """metrics_month_totals is summed in one pass (queries/cache/fill_month_totals.sql): each of its rows equals what
    period_month_totals gives that month, unit mode and group, for every month the caches built."""
    build_world(world, with_stats=False)
    s = replace(settings, period_cutoff=cutoff)
    metrics_cache.refresh_mode(mcon, force=True, settings=s)
    months = mcon.execute("SELECT month_from, month_to FROM metrics_cache_months ORDER BY month_from").fetchall()
    assert len(months) > 12
    froms, tos = [m[0] for m in months], [m[1] for m in months]
    for units in metrics.UNIT_MODES:
        for group in ("all", *metrics.GROUPS):
            stored = mcon.execute(
                "SELECT * EXCLUDE (cutoff, units_mode, unit_group) FROM metrics_month_totals"
                " WHERE units_mode = ? AND unit_group = ? ORDER BY month_from",
                [units, group],
            ).fetchall()
            expected = mcon.execute(
                "SELECT * EXCLUDE (period_no) FROM period_month_totals(?, ?, ?, ?, NULL, NULL) ORDER BY period_no",
                [froms, tos, units, group],
            ).fetchall()
            assert stored == expected, (units, group)
            assert any(row[2] > 0 for row in stored), (units, group)  # cases_total: not a table of zeros


def test_after_an_upload_the_first_views_scores_are_built_ahead(world, mcon, settings):
    """prepare_first_view (called after an upload's refresh) builds the scores of the month the dashboard opens on
    and of the month before it, and no other; the first ranking then reads them as they are."""
    build_world(world, with_stats=False)
    metrics_cache.refresh_cache(mcon)
    _first, last = metrics.data_range(mcon)
    opens_on = periods.default_period(last, periods.settings_cutoff(settings))
    before = periods.previous_period(opens_on)
    scored = "SELECT DISTINCT month_from FROM metrics_month_scores ORDER BY 1"
    assert mcon.execute(scored).fetchall() == []
    metrics.prepare_first_view(mcon, settings)
    assert [r[0] for r in mcon.execute(scored).fetchall()] == [before.start, opens_on.start]
    with lean_only():
        lean = metrics.unit_metrics(mcon, opens_on, settings=settings)
    assert_same({"x": metrics.unit_metrics(mcon, opens_on, settings=settings)}, {"x": lean}, "prepared")


def test_nothing_is_prepared_when_nothing_is_loaded(mcon, settings):
    metrics_cache.refresh_cache(mcon)
    metrics.prepare_first_view(mcon, settings)
    assert mcon.execute("SELECT count(*) FROM metrics_month_scores").fetchone()[0] == 0
