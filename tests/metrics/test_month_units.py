"""The lean path (the *_months queries over metrics_month_units, schema 022), chosen in oversight.metrics for
periods of whole months without Biểu 06 aggregates in them, gives exactly the frames of the item-level path: for
months, a quarter, a half, a year, a year to date ending at a month end and a custom run of months, under both
cut-offs, with and without a field filter, both unit modes and every group; and it is the path that answers
(and not when a Biểu 06 aggregate lies within a period)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from oversight import metrics, metrics_cache, periods
from tests.metrics.helpers import ending, span
from tests.metrics.test_month_cache import assert_same, build_world, by_key, item_level, named_periods

LEAN = {
    "metrics/province_totals_months",
    "metrics/monthly_trend_months",
    "rankings/unit_ranking_months",
    "rankings/lagging_months",
    "metrics/field_list_months",
}


@pytest.fixture
def chosen(monkeypatch):
    """The names of the queries run, in order."""
    names: list[str] = []
    real = metrics.run_query

    def spy(name, *args, **kwargs):
        names.append(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(metrics, "run_query", spy)
    return names


def figures(con, period: periods.Period, s) -> dict:
    start, end = period.start, period.end
    out: dict = {"fields": metrics.field_list(con, span(start, end))}
    for field in (None, "Hộ tịch", metrics.FIELD_UNKNOWN):
        out[f"province/{field}"] = metrics.province_kpis(con, span(start, end, s), s, field=field)
        for group in ("all", *metrics.GROUPS) if field is None else ("all", "commune"):
            for units in metrics.UNIT_MODES:
                key = f"{field}/{group}/{units}"
                out[f"units/{key}"] = by_key(
                    metrics.unit_metrics(con, span(start, end, s), group, units, s, field=field), "unit_id"
                )
                for metric in ("score", "feedback_satisfaction_rate") if field is None else ("score",):
                    out[f"worst/{metric}/{key}"] = metrics.worst_units(
                        con, span(start, end), metric, group, 10, units, s, field=field
                    )
    return out


def trends(con, period: periods.Period, s) -> dict:
    out = {}
    for field in (None, "Đất đai"):
        for group in ("all", "commune"):
            for units in metrics.UNIT_MODES:
                out[f"{field}/{group}/{units}"] = metrics.monthly_trend(
                    con, ending(period.end), 12, group=group, units=units, settings=s, field=field
                )
    return out


@pytest.mark.slow
@pytest.mark.parametrize("cutoff", periods.CUTOFFS)
def test_the_lean_path_equals_the_item_level_path(world, mcon, settings, chosen, cutoff):
    build_world(world, with_stats=False)
    s = replace(settings, period_cutoff=cutoff)
    for period in named_periods(cutoff):
        del chosen[:]
        lean = figures(mcon, period, s)
        # a ranking and the KPIs also ask for the previous period: a custom run of months has a custom previous
        # period of the same length, not whole months, so those two stay on the general path
        prev = period.previous()
        both = metrics_cache.month_span(prev.start, prev.end) is not None
        # a single month without a field filter is read from its finished rows (the served path, test_served.py)
        single = len(metrics_cache.month_span(period.start, period.end)[1]) == 1
        for name in ("rankings/lagging", "metrics/field_list"):  # one period
            assert f"{name}_months" in chosen and name not in chosen, period.label
        assert ("rankings/lagging_served" in chosen) is single, period.label
        for name in ("metrics/province_totals", "rankings/unit_ranking"):
            assert (f"{name}_months" in chosen, name in chosen) == (both, not both), (period.label, name)
            assert (f"{name}_served" in chosen) is (both and single), (period.label, name)
        with item_level(mcon):
            reference = figures(mcon, period, s)
        assert_same(lean, reference, period.label)
        assert lean["province/None"]["cases_total"] > 0, period.label
        assert lean["province/Hộ tịch"]["cases_total"] > 0, period.label
    del chosen[:]
    lean = trends(mcon, period, s)
    # every field: from the finished month rows; one field: summed from metrics_month_units
    assert chosen.count("metrics/monthly_trend_served") == chosen.count("metrics/monthly_trend_months") == len(lean) / 2
    with item_level(mcon):
        reference = trends(mcon, period, s)
    assert_same(lean, reference, "trend")


@pytest.mark.slow
def test_biểu_06_aggregates_within_a_period_keep_the_general_path(world, mcon, settings, chosen):
    build_world(world)  # Biểu 06 aggregates for the calendar months May..October 2025
    decree09 = replace(settings, period_cutoff=periods.DECREE09)
    for period, s, lean in (
        (periods.month(2025, 11), settings, False),  # its previous month, October, has aggregates
        (periods.month(2025, 12), settings, True),
        (periods.quarter(2025, 3), settings, False),
        (periods.month(2025, 8, periods.DECREE09), decree09, True),  # 15/07-14/08 contains no calendar month
    ):
        start, end = period.start, period.end
        del chosen[:]
        metrics.unit_metrics(mcon, span(start, end, s), settings=s)
        metrics.province_kpis(mcon, span(start, end, s), s)
        for name in ("rankings/unit_ranking", "metrics/province_totals"):  # a month: its finished rows (served)
            assert (f"{name}_months" in chosen or f"{name}_served" in chosen) is lean, (start, end, name)
    del chosen[:]
    metrics.province_kpis(mcon, span(date(2025, 12, 2), date(2025, 12, 31), settings), settings)  # not whole months
    assert "metrics/province_totals" in chosen and "metrics/province_totals_months" not in chosen


def test_each_lean_query_takes_the_parameters_of_the_query_it_replaces():
    for lean in LEAN:
        assert metrics.QUERY_PARAMS[lean] == metrics.QUERY_PARAMS[lean.removesuffix("_months")], lean
    served = [name for name in metrics.QUERY_PARAMS if name.endswith("_served")]
    # a served file stands for a query of its own, with its parameters, except the served-only questions (no
    # general SQL: metrics.most_improved filters unit_metrics otherwise), which take the ranking's and their limit
    served_only = {"rankings/improved_served"}
    assert len(served) == 5
    for name in served:
        if name in served_only:
            assert name.removesuffix("_served") not in metrics.QUERY_PARAMS, name
            assert metrics.QUERY_PARAMS[name] == (*metrics.QUERY_PARAMS["rankings/unit_ranking"], "limit"), name
        else:
            assert metrics.QUERY_PARAMS[name] == metrics.QUERY_PARAMS[name.removesuffix("_served")], name
