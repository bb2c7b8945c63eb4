"""TTHC cases: the 13 Biểu 06 columns from case-level rows, every rule of METRICS.md sections 2-3.

Period October 2025: from = 01/10, to = 31/10, as_of = end of 31/10. Expected figures are worked out by hand
in the comments next to each row.
"""

from __future__ import annotations

import unicodedata
from datetime import date

import pandas as pd
import pytest

from oversight import metrics, metrics_cache
from tests.metrics.helpers import span, with_data

OCT = (date(2025, 10, 1), date(2025, 10, 31))

# code, received, due, done, channel, status -> (new/carried/excluded, expected class)
EDGE_CASES = [
    ("C01", "2025-10-02 08:00", "2025-10-09 16:00", "2025-10-06 09:00", "online", None),  # new online, early
    # due on the last day of the period, done earlier the same day: on time (same date, not after due)
    ("C02", "2025-10-20 08:00", "2025-10-31 17:00", "2025-10-31 16:00", "offline", None),
    # due given as 00:00 = end of 10/10; done 23:59 that day: on time, not late
    ("C03", "2025-10-05 08:00", "2025-10-10 00:00", "2025-10-10 23:59", "offline", None),
    # same due, done the next day at 00:01: late
    ("C04", "2025-10-05 08:00", "2025-10-10 00:00", "2025-10-11 00:01", "offline", None),
    # not done, due 31/10 (00:00 = end of the last day of the period): due date <= to, so overdue at as_of
    ("C05", "2025-10-25 08:00", "2025-10-31 00:00", None, "offline", None),
    ("C06", "2025-10-28 09:00", "2025-11-05 16:00", None, "online", None),  # pending within deadline
    ("C07", "2025-09-25 09:00", "2025-10-02 16:00", "2025-10-01 09:00", "offline", None),  # carried over, early
    ("C08", "2025-09-10 09:00", "2025-09-20 16:00", "2025-09-20 10:00", "offline", None),  # done before from: out
    ("C09", "2025-11-01 08:00", "2025-11-05 16:00", None, "offline", None),  # received after to: out
    ("C10", "2025-09-01 09:00", "2025-09-15 16:00", None, "offline", None),  # carried over, pending overdue
    # returned to the applicant: resolved on time whatever the dates
    ("C11", "2025-10-03 09:00", "2025-10-05 16:00", "2025-10-20 10:00", "offline", "returned"),
    # waiting for the applicant (chờ bổ sung): pending within deadline although the due date has passed
    ("C12", "2025-10-03 09:00", "2025-10-05 16:00", None, "offline", "paused"),
    # no due date: the status text decides the timing (done late)
    ("C13", "2025-10-04 09:00", None, "2025-10-15 10:00", "offline", "done_late"),
    # no dates at all but received: the status text decides (pending overdue)
    ("C14", "2025-10-04 09:00", None, None, "offline", "open_overdue"),
    # done per status, no done date: resolved in the period it was received in, late per the status
    ("C15", "2025-10-06 09:00", "2025-10-08 16:00", None, "offline", "done_late"),
    # done per status without a date, received before from: treated as done before the period: out
    ("C16", "2025-09-06 09:00", "2025-09-10 16:00", None, "offline", "done"),
    # dates win over a disagreeing status: done before the due time is on time, not late
    ("C17", "2025-10-07 09:00", "2025-10-09 16:00", "2025-10-09 15:00", "offline", "done_late"),
    # received in the very last minute of the period: in, pending within deadline
    ("C18", "2025-10-31 23:59", "2025-11-10 16:00", None, "offline", None),
]
# new = C01-C06, C11-C15, C17, C18 = 13 (online: C01, C06); carried = C07, C10; total 15
# resolved: early C01, C07 (2); on time C02, C03, C11, C17 (4); late C04, C13, C15 (3) -> 9
# pending: within C06, C12, C18 (3); overdue C05, C10, C14 (3) -> 6;  9 + 6 = 15
EXPECTED = dict(
    cases_total=15,
    cases_new_online=2,
    cases_new_offline=11,
    cases_carried_over=2,
    cases_resolved=9,
    cases_resolved_early=2,
    cases_resolved_on_time=4,
    cases_resolved_late=3,
    cases_pending=6,
    cases_pending_on_time=3,
    cases_pending_overdue=3,
)


def load_edge_cases(world, unit_id):
    up = world.upload("cases")
    for code, received, due, done, channel, status in EDGE_CASES:
        world.case(up, code, unit_id, received, due, done, channel, status=status)
    return up


def one_unit(frame, unit_id):
    rows = frame[frame.unit_id == unit_id]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_every_classification_rule(world, mcon, settings):
    unit = world.unit("Sở Tư pháp")
    load_edge_cases(world, unit)
    row = one_unit(metrics.unit_metrics(mcon, span(*OCT, settings), settings=settings), unit)
    assert {k: int(row[k]) for k in EXPECTED} == EXPECTED
    assert row.cases_late_rate == pytest.approx((3 + 3) / 15)  # (10 + 13) / 3
    assert row.cases_on_time_rate == pytest.approx(1 - 6 / 15)
    assert row.cases_766_progress_ratio == pytest.approx((2 + 4 + 3) / 15)  # (8 + 9 + 12) / 3
    assert row.cases_766_progress_score == pytest.approx(20 * 9 / 15)


def test_drilldown_lists_exactly_the_late_and_overdue_cases(world, mcon):
    unit = world.unit("Sở Tư pháp")
    load_edge_cases(world, unit)
    listed = metrics.overdue_items(mcon, "cases", span(*OCT), unit_id=unit)
    assert sorted(listed.case_code) == ["C04", "C05", "C10", "C13", "C14", "C15"]  # 3 late + 3 overdue
    by_code = listed.set_index("case_code")
    assert by_code.loc["C04", "days_overdue"] == 1  # due 10/10, done 11/10
    assert by_code.loc["C10", "days_overdue"] == 46  # due 15/09, still open at 31/10
    assert by_code.loc["C05", "days_overdue"] == 0  # due on the last day itself
    assert by_code.loc["C10", "outcome_label"] == "Chưa hoàn thành, quá hạn"
    assert bool(by_code.loc["C10", "is_carried_over"])
    # any other count has its list too: the pending-within-deadline cases
    within = metrics.items(mcon, "cases", span(*OCT), ["pending_on_time"], unit_id=unit)
    assert sorted(within.item_code) == ["C06", "C12", "C18"]


def test_zero_denominators_give_null_rates(world, mcon, settings):
    # one unit with a single case in September only: in October it has no data at all (listed with zeros, since it
    # existed, METRICS.md section 6);
    # the province total for October has cases_total 0 and every case rate empty (None), never 0 or 1
    unit = world.unit("Sở Tư pháp")
    up = world.upload("cases")
    world.case(up, "S1", unit, "2025-09-02 08:00", "2025-09-05 16:00", "2025-09-04 10:00")
    october = metrics.unit_metrics(mcon, span(*OCT, settings), settings=settings)
    assert with_data(october).empty
    row = october.set_index("unit_id").loc[unit]
    assert row.cases_total == 0 and pd.isna(row.cases_late_rate) and pd.isna(row.cases_766_progress_ratio)
    kpis = metrics.province_kpis(mcon, span(*OCT, settings), settings=settings)
    assert kpis["cases_total"] == 0
    assert kpis["cases_late_rate"] is None and kpis["cases_766_progress_ratio"] is None
    assert kpis["previous"]["cases_total"] == 1  # September
    assert kpis["previous"]["cases_late_rate"] == 0.0


def test_latest_active_upload_wins_and_replaced_or_rolled_back_are_ignored(world, mcon, settings):
    unit = world.unit("Sở Tư pháp")
    first = world.upload("cases")
    world.case(first, "K1", unit, "2025-10-02 08:00", "2025-10-09 16:00", None)  # pending in the first export
    world.case(first, "K2", unit, "2025-10-02 08:00", "2025-10-09 16:00", "2025-10-08 08:00")
    second = world.upload("cases")
    world.case(second, "K1", unit, "2025-10-02 08:00", "2025-10-09 16:00", "2025-10-09 09:00")  # now done on time
    replaced = world.upload("cases", state="replaced")
    world.case(replaced, "K1", unit, "2025-10-02 08:00", "2025-10-09 16:00", "2025-10-20 09:00")  # would be late
    world.case(replaced, "K3", unit, "2025-10-02 08:00", "2025-10-09 16:00", None)
    rolled = world.upload("cases")
    world.case(rolled, "K4", unit, "2025-10-02 08:00", "2025-10-09 16:00", None)
    world.set_state(rolled, "rolled_back")
    # counted: K1 once (on time, from the second upload) and K2 (early); K3, K4 are not counted
    row = one_unit(metrics.unit_metrics(mcon, span(*OCT, settings), settings=settings), unit)
    assert (row.cases_total, row.cases_resolved_on_time, row.cases_resolved_early, row.cases_pending) == (2, 1, 1, 0)


def test_spellings_of_one_unit_are_one_row(world, mcon, settings):
    # the unit is resolved at ingestion; rows carry the same unit_id whatever the spelling (NFC or NFD)
    unit = world.unit("Sở Tư pháp")
    up = world.upload("cases")
    world.case(up, "N1", unit, "2025-10-02 08:00", "2025-10-09 16:00", None, unit_name="Sở Tư pháp")
    nfd = unicodedata.normalize("NFD", "Sở Tư Pháp")
    world.case(up, "N2", unit, "2025-10-02 08:00", "2025-10-09 16:00", None, unit_name=nfd)
    frame = with_data(metrics.unit_metrics(mcon, span(*OCT, settings), settings=settings))
    assert len(frame) == 1 and frame.iloc[0].cases_total == 2
    assert frame.iloc[0].unit_name == "Sở Tư pháp"  # the registry's name, not the file's spelling


def test_case_without_deadline_is_never_late(world, mcon, settings):
    unit = world.unit("Sở Tư pháp")
    up = world.upload("cases")
    world.case(up, "D1", unit, "2025-10-02 08:00", None, "2025-10-30 08:00")  # resolved, no deadline: on time
    world.case(up, "D2", unit, "2025-10-02 08:00", None, None)  # pending, no deadline: within
    row = one_unit(metrics.unit_metrics(mcon, span(*OCT, settings), settings=settings), unit)
    assert (row.cases_resolved_on_time, row.cases_pending_on_time, row.cases_no_deadline) == (1, 1, 2)
    assert row.cases_late_rate == 0.0


def test_field_breakdown_adds_up_to_the_unit(world, mcon):
    unit = world.unit("Sở Tư pháp")
    up = world.upload("cases")
    world.case(up, "F1", unit, "2025-10-02 08:00", "2025-10-03 08:00", None, field="Hộ tịch")  # overdue
    world.case(up, "F2", unit, "2025-10-02 08:00", "2025-10-09 16:00", "2025-10-05 08:00", field="Đất đai")
    world.case(up, "F3", unit, "2025-10-02 08:00", "2025-10-09 16:00", "2025-10-05 08:00", field=None)
    fields = metrics.field_breakdown(mcon, "cases", span(*OCT), unit_id=unit).set_index("field")
    assert fields.loc["Hộ tịch", "cases_pending_overdue"] == 1
    assert fields.loc["Đất đai", "cases_resolved_early"] == 1
    assert fields.loc["Không rõ lĩnh vực", "cases_total"] == 1
    assert fields.cases_total.sum() == 3


def test_figures_follow_every_change_of_the_data_through_the_cache(world, mcon, settings):
    # the metric queries read a materialised copy of the staging views; it must follow each change
    unit = world.unit("Sở Tư pháp")
    up = world.upload("cases")
    world.case(up, "R1", unit, "2025-10-02 08:00", "2025-10-09 16:00", None)
    assert metrics.province_kpis(mcon, span(*OCT, settings), settings=settings)["cases_total"] == 1
    world.case(up, "R2", unit, "2025-10-02 08:00", "2025-10-09 16:00", None)  # more rows, same upload
    assert metrics.province_kpis(mcon, span(*OCT, settings), settings=settings)["cases_total"] == 2
    later = world.upload("cases")
    world.case(later, "R3", unit, "2025-10-03 08:00", "2025-10-09 16:00", None)
    assert metrics.province_kpis(mcon, span(*OCT, settings), settings=settings)["cases_total"] == 3
    world.set_state(later, "rolled_back")  # rollback: back to what it was without it
    assert metrics.province_kpis(mcon, span(*OCT, settings), settings=settings)["cases_total"] == 2
    assert metrics_cache.refresh_cache(mcon) is False  # nothing changed since
    assert metrics_cache.refresh_cache(mcon, force=True) is True
