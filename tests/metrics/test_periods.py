"""Periods (METRICS.md section 1): every kind under both cut-offs, previous periods, labels, URL ids."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from oversight import periods as P

D = date


@pytest.mark.parametrize(
    ("period", "start", "end", "label"),
    [
        (P.month(2025, 10), D(2025, 10, 1), D(2025, 10, 31), "Tháng 10/2025"),
        (P.month(2024, 2), D(2024, 2, 1), D(2024, 2, 29), "Tháng 02/2024"),  # leap year
        (P.month(2025, 10, "decree09"), D(2025, 9, 15), D(2025, 10, 14), "Tháng 10/2025 (15/09–14/10)"),
        # 15→14 across the year boundary: January runs from 15 December of the year before
        (P.month(2026, 1, "decree09"), D(2025, 12, 15), D(2026, 1, 14), "Tháng 01/2026 (15/12–14/01)"),
        (P.quarter(2025, 3), D(2025, 7, 1), D(2025, 9, 30), "Quý III/2025"),
        (P.quarter(2025, 3, "decree09"), D(2025, 6, 15), D(2025, 9, 14), "Quý III/2025 (15/06–14/09)"),
        (P.quarter(2026, 1, "decree09"), D(2025, 12, 15), D(2026, 3, 14), "Quý I/2026 (15/12/2025–14/03/2026)"),
        (P.half(2025, 1), D(2025, 1, 1), D(2025, 6, 30), "6 tháng đầu năm 2025"),
        (P.half(2025, 2), D(2025, 7, 1), D(2025, 12, 31), "6 tháng cuối năm 2025"),
        (P.half(2025, 1, "decree09"), D(2024, 12, 15), D(2025, 6, 14), "6 tháng đầu năm 2025 (15/12/2024–14/06/2025)"),
        (P.year_period(2025), D(2025, 1, 1), D(2025, 12, 31), "Năm 2025"),
        (P.year_period(2025, "decree09"), D(2024, 12, 15), D(2025, 12, 14), "Năm 2025 (15/12/2024–14/12/2025)"),
        (P.year_to_date(D(2025, 10, 14)), D(2025, 1, 1), D(2025, 10, 14), "Lũy kế đến 14/10/2025"),
        (P.year_to_date(D(2025, 10, 14), "decree09"), D(2024, 12, 15), D(2025, 10, 14), "Lũy kế đến 14/10/2025"),
        # after 14/12 the decree09 reporting year is the next one
        (P.year_to_date(D(2025, 12, 20), "decree09"), D(2025, 12, 15), D(2025, 12, 20), "Lũy kế đến 20/12/2025"),
        (P.custom(D(2025, 10, 1), D(2025, 10, 31)), D(2025, 10, 1), D(2025, 10, 31), "Từ 01/10/2025 đến 31/10/2025"),
    ],
)
def test_ranges_and_labels(period, start, end, label):
    assert (period.start, period.end, period.label) == (start, end, label)


@pytest.mark.parametrize(
    ("period", "prev_start", "prev_end"),
    [
        (P.month(2025, 1), D(2024, 12, 1), D(2024, 12, 31)),
        (P.month(2026, 1, "decree09"), D(2025, 11, 15), D(2025, 12, 14)),
        (P.month(2025, 3, "decree09"), D(2025, 1, 15), D(2025, 2, 14)),
        (P.quarter(2025, 1), D(2024, 10, 1), D(2024, 12, 31)),
        (P.quarter(2025, 1, "decree09"), D(2024, 9, 15), D(2024, 12, 14)),
        (P.half(2025, 1), D(2024, 7, 1), D(2024, 12, 31)),
        (P.half(2025, 2), D(2025, 1, 1), D(2025, 6, 30)),
        (P.year_period(2025), D(2024, 1, 1), D(2024, 12, 31)),
        (P.year_period(2025, "decree09"), D(2023, 12, 15), D(2024, 12, 14)),
        # year to date: the same span one year earlier; 29/02 falls back to 28/02
        (P.year_to_date(D(2025, 10, 14)), D(2024, 1, 1), D(2024, 10, 14)),
        (P.year_to_date(D(2024, 2, 29)), D(2023, 1, 1), D(2023, 2, 28)),
        # custom: the range of the same length just before (31 days before 1/10)
        (P.custom(D(2025, 10, 1), D(2025, 10, 31)), D(2025, 8, 31), D(2025, 9, 30)),
    ],
)
def test_previous_period(period, prev_start, prev_end):
    prev = period.previous()
    assert (prev.start, prev.end) == (prev_start, prev_end)
    assert prev.kind == period.kind


@pytest.mark.parametrize("cutoff", P.CUTOFFS)
@pytest.mark.parametrize(
    "text",
    ["m2025-10", "m2026-01", "q2025-3", "h2025-1", "h2025-2", "y2025", "ytd2025-10-14", "c2025-10-01_2025-10-31"],
)
def test_ids_round_trip(text, cutoff):
    period = P.parse_period_id(text, cutoff)
    assert period.id == text
    assert P.parse_period_id(period.id, cutoff) == period


@pytest.mark.parametrize("bad", ["", "m2025-13", "q2025-5", "h2025-3", "x2025", "c2025-10-31_2025-10-01", "m25-1"])
def test_bad_ids_raise_in_vietnamese(bad):
    with pytest.raises(ValueError, match="không hợp lệ"):
        P.parse_period_id(bad)


def test_month_containing_under_each_cutoff():
    assert P.month_containing(D(2025, 10, 14), "decree09").id == "m2025-10"
    assert P.month_containing(D(2025, 10, 15), "decree09").id == "m2025-11"
    assert P.month_containing(D(2025, 12, 15), "decree09").id == "m2026-01"  # across the year boundary
    assert P.month_containing(D(2025, 12, 15), "calendar").id == "m2025-12"
    assert P.quarter_containing(D(2025, 9, 20), "decree09").id == "q2025-4"
    assert P.year_containing(D(2025, 12, 15), "decree09").id == "y2026"


def test_as_of_is_end_of_day_to():
    assert P.month(2025, 10).as_of == datetime.combine(D(2025, 10, 31), time.max)


def test_period_for_range_recognises_named_periods():
    assert P.period_for_range(D(2025, 10, 1), D(2025, 10, 31)).kind == "month"
    assert P.period_for_range(D(2025, 9, 15), D(2025, 10, 14), "decree09").id == "m2025-10"
    assert P.period_for_range(D(2025, 7, 1), D(2025, 9, 30)).id == "q2025-3"
    assert P.period_for_range(D(2025, 1, 1), D(2025, 12, 31)).id == "y2025"
    assert P.period_for_range(D(2025, 1, 1), D(2025, 10, 14)).id == "ytd2025-10-14"
    assert P.period_for_range(D(2025, 10, 3), D(2025, 10, 9)).kind == "custom"


def test_offered_periods_cover_the_data_range_newest_first():
    offered = P.offered_periods(D(2025, 8, 20), D(2025, 10, 5))
    assert [p.id for p in offered["month"]] == ["m2025-10", "m2025-09", "m2025-08"]
    assert [p.id for p in offered["quarter"]] == ["q2025-4", "q2025-3"]
    assert [p.id for p in offered["year"]] == ["y2025"]
    assert [p.id for p in offered["ytd"]] == ["ytd2025-10-05"]
    d09 = P.offered_periods(D(2025, 12, 10), D(2025, 12, 20), "decree09")
    assert [p.id for p in d09["month"]] == ["m2026-01", "m2025-12"]
    assert P.offered_periods(None, None)["month"] == []


def test_months_back_and_bad_cutoff():
    assert [p.id for p in P.months_back(P.month(2025, 2), 3)] == ["m2024-12", "m2025-01", "m2025-02"]
    with pytest.raises(ValueError):
        P.month(2025, 1, "weekly")


def test_the_plausible_span_runs_from_2000_to_five_years_after_today():
    today = D(2026, 12, 2)
    assert P.latest_plausible(today) == D(2031, 12, 2)
    assert P.latest_plausible(D(2028, 2, 29)) == D(2033, 2, 28)
    assert P.plausible_range(D(1900, 1, 1), D(9999, 12, 31), today) == (D(2000, 1, 1), D(2031, 12, 2))
    assert P.plausible_range(D(2025, 8, 1), D(2025, 10, 31), today) == (D(2025, 8, 1), D(2025, 10, 31))
    assert P.plausible_range(D(9990, 1, 1), D(9999, 12, 31), today) == (D(2031, 12, 2), D(2031, 12, 2))
    assert P.plausible_range(D(2025, 9, 10), D(2025, 9, 1), today) == (D(2025, 9, 10), D(2025, 9, 1))
    assert P.is_plausible(D(2000, 1, 1), today) and not P.is_plausible(D(1999, 12, 31), today)
    assert P.usable_span(today) == (D(1999, 1, 1), D(2032, 12, 31))
    assert P.is_usable_period(P.month(2032, 1, "decree09"), today)  # the newest offered 15→14 month
    assert not P.is_usable_period(P.custom(D(9999, 12, 1), D(9999, 12, 31)), today)


def test_offered_periods_never_leave_the_plausible_span():
    today = D(2026, 12, 2)
    offered = P.offered_periods(D(1900, 1, 1), D(9999, 12, 31), today=today)
    assert offered["year"][0].id == "y2031" and offered["year"][-1].id == "y2000"
    assert offered["month"][0].id == "m2031-12" and offered["month"][-1].id == "m2000-01"
    assert len(offered["month"]) == 32 * 12
    assert [p.id for p in offered["ytd"]] == ["ytd2026-12-02"]  # not a year to a date in the future
    # under 15→14 the extremes reach the reporting year after: still computable
    assert P.offered_periods(D(2000, 1, 1), D(2031, 12, 2), "decree09", today)["month"][0].id == "m2031-12"


def test_the_default_period_is_the_last_month_with_data_not_after_today():
    today = D(2026, 12, 2)
    assert P.default_period(D(2025, 10, 31), today=today).id == "m2025-10"
    assert P.default_period(D(2031, 12, 2), today=today).id == "m2026-12"  # a deadline ahead: this month
    assert P.default_period(D(9999, 12, 31), today=today).id == "m2026-12"
    assert P.default_period(None, today=today).id == "m2026-12"
