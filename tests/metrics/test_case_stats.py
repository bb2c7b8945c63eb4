"""Aggregate Biểu 06 rows (case_stats): combining periods and precedence against case-level data."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from oversight import metrics
from tests.metrics.helpers import span, with_data

JUL = (date(2025, 7, 1), date(2025, 7, 31))
AUG = (date(2025, 8, 1), date(2025, 8, 31))
SEP = (date(2025, 9, 1), date(2025, 9, 30))
Q3 = (date(2025, 7, 1), date(2025, 9, 30))
OCT = (date(2025, 10, 1), date(2025, 10, 31))
COLS = [
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
]


def figures(frame, unit_id):
    """The unit's case columns; None when it has no case figures (a unit that existed in the period is listed all
    the same, METRICS.md section 6: with zeros and no case source)."""
    rows = frame[frame.unit_id == unit_id]
    if rows.empty:
        return None
    if pd.isna(rows.iloc[0].cases_source):
        assert [int(rows.iloc[0][c]) for c in COLS] == [0] * len(COLS)
        return None
    return [int(rows.iloc[0][c]) for c in COLS]


def load_months(world, unit_id):
    # (new online, new offline, carried, early, on time, late, pending within, pending overdue)
    # July:   10 + 5 + 3 = 18 = (4 + 6 + 2) + (4 + 2)
    # August: 8 + 2 + 6 = 16 = (3 + 5 + 1) + (5 + 2)    carried 6 = July's pending
    # Sept.:  6 + 4 + 7 = 17 = (5 + 4 + 3) + (3 + 2)    carried 7 = August's pending
    for period, numbers in (
        (JUL, (10, 5, 3, 4, 6, 2, 4, 2)),
        (AUG, (8, 2, 6, 3, 5, 1, 5, 2)),
        (SEP, (6, 4, 7, 5, 4, 3, 3, 2)),
    ):
        up = world.upload("case_stats", period=period)
        world.case_stat(up, unit_id, period, *numbers)


def test_three_months_combine_into_the_quarter(world, mcon, settings):
    unit = world.unit("Xã Long Phước", valid="new")
    load_months(world, unit)
    frame = metrics.unit_metrics(mcon, span(*Q3, settings), settings=settings)
    # new add up: online 10 + 8 + 6 = 24, offline 5 + 2 + 4 = 11; carried over = July's 3; total 38
    # resolved add up: early 12, on time 15, late 6 = 33; pending = September's: 3 within, 2 overdue = 5
    assert figures(frame, unit) == [38, 24, 11, 3, 33, 12, 15, 6, 5, 3, 2]
    row = frame[frame.unit_id == unit].iloc[0]
    assert row.cases_late_rate == pytest.approx((6 + 2) / 38)
    assert row.cases_766_progress_ratio == pytest.approx((12 + 15 + 3) / 38)
    assert row.cases_source == "case_stats"
    # one month alone is that month's row
    assert figures(metrics.unit_metrics(mcon, span(*AUG, settings), settings=settings), unit) == [
        16,
        8,
        2,
        6,
        9,
        3,
        5,
        1,
        7,
        5,
        2,
    ]


def test_aggregates_not_covering_the_period_are_not_used(world, mcon, settings):
    unit = world.unit("Xã Long Phước", valid="new")
    for period, numbers in ((JUL, (10, 5, 3, 4, 6, 2, 4, 2)), (AUG, (8, 2, 6, 3, 5, 1, 5, 2))):
        up = world.upload("case_stats", period=period)
        world.case_stat(up, unit, period, *numbers)
    # September is missing: the quarter cannot be told from July and August
    assert figures(metrics.unit_metrics(mcon, span(*Q3, settings), settings=settings), unit) is None
    # a custom range July..August is covered: new 18 + 7, carried 3 (July) -> 28 = resolved 21 + pending 7 (August)
    jul_aug = (date(2025, 7, 1), date(2025, 8, 31))
    assert figures(metrics.unit_metrics(mcon, span(*jul_aug, settings), settings=settings), unit) == [
        28,
        18,
        7,
        3,
        21,
        7,
        11,
        3,
        7,
        5,
        2,
    ]
    # an aggregate period reaching outside [from, to] is not cut: a half-month range has no figures
    assert (
        figures(
            metrics.unit_metrics(mcon, span(date(2025, 7, 1), date(2025, 7, 15), settings), settings=settings), unit
        )
        is None
    )


def test_a_longer_loaded_period_wins_over_the_months_inside_it(world, mcon, settings):
    unit = world.unit("Xã Long Phước", valid="new")
    load_months(world, unit)
    up = world.upload("case_stats", period=Q3)
    world.case_stat(up, unit, Q3, 20, 20, 3, 10, 10, 10, 5, 8)  # total 43 = 30 + 13
    assert figures(metrics.unit_metrics(mcon, span(*Q3, settings), settings=settings), unit) == [
        43,
        20,
        20,
        3,
        30,
        10,
        10,
        10,
        13,
        5,
        8,
    ]


def test_latest_upload_per_unit_and_period_and_field_rows_over_the_total_row(world, mcon, settings):
    unit = world.unit("Xã Long Phước", valid="new")
    old = world.upload("case_stats", period=OCT)
    world.case_stat(old, unit, OCT, 1, 1, 0, 1, 1, 0, 0, 0)
    new = world.upload("case_stats", period=OCT)
    # the same upload has two field rows (10 + 5) and the unit's all-fields row (15): counted once, by field
    world.case_stat(new, unit, OCT, 5, 5, 0, 2, 4, 2, 1, 1, field="Hộ tịch")  # 10 = 8 + 2
    world.case_stat(new, unit, OCT, 2, 3, 0, 1, 2, 1, 1, 0, field="Đất đai")  # 5 = 4 + 1
    world.case_stat(new, unit, OCT, 7, 8, 0, 3, 6, 3, 2, 1)  # 15 = 12 + 3
    assert figures(metrics.unit_metrics(mcon, span(*OCT, settings), settings=settings), unit) == [
        15,
        7,
        8,
        0,
        12,
        3,
        6,
        3,
        3,
        2,
        1,
    ]
    fields = metrics.field_breakdown(mcon, "cases", span(*OCT), unit_id=unit).set_index("field")
    assert fields.loc["Hộ tịch", "cases_total"] == 10 and fields.loc["Đất đai", "cases_total"] == 5


def test_case_level_data_wins_over_aggregates_for_the_same_unit(world, mcon, settings):
    with_cases = world.unit("Xã Long Phước", valid="new")
    only_stats = world.unit("Sở Tư pháp")
    for unit in (with_cases, only_stats):
        up = world.upload("case_stats", period=OCT)
        world.case_stat(up, unit, OCT, 5, 5, 0, 5, 5, 0, 0, 0)  # 10 cases, all resolved
    up = world.upload("cases")
    world.case(up, "L1", with_cases, "2025-10-02 08:00", "2025-10-05 16:00", None)  # pending overdue
    world.case(up, "L2", with_cases, "2025-10-02 08:00", "2025-10-09 16:00", "2025-10-03 08:00", channel="online")
    frame = metrics.unit_metrics(mcon, span(*OCT, settings), settings=settings)
    # Long Phước: its two case-level cases only (not 10 + 2); Sở Tư pháp: its aggregate
    assert figures(frame, with_cases) == [2, 1, 1, 0, 1, 1, 0, 0, 1, 0, 1]
    assert figures(frame, only_stats) == [10, 5, 5, 0, 10, 5, 5, 0, 0, 0, 0]
    listed = with_data(frame)
    assert dict(zip(listed.unit_id, listed.cases_source, strict=True)) == {
        with_cases: "cases",
        only_stats: "case_stats",
    }
    kpis = metrics.province_kpis(mcon, span(*OCT, settings), settings=settings)
    assert kpis["cases_total"] == 12 and kpis["cases_pending_overdue"] == 1
    # the drill-down lists exactly the late items the counts include (Long Phước's L1; none for the aggregate)
    assert list(metrics.overdue_items(mcon, "cases", span(*OCT)).case_code) == ["L1"]


def test_rolled_back_aggregate_is_ignored(world, mcon, settings):
    unit = world.unit("Xã Long Phước", valid="new")
    up = world.upload("case_stats", period=OCT)
    world.case_stat(up, unit, OCT, 5, 5, 0, 5, 5, 0, 0, 0)
    world.set_state(up, "rolled_back")
    assert with_data(metrics.unit_metrics(mcon, span(*OCT, settings), settings=settings)).empty
    assert metrics.data_range(mcon) == (None, None)
