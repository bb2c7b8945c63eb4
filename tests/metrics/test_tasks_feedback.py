"""Tasks (METRICS.md section 4) and feedback (section 5), October 2025 (to = 31/10)."""

from __future__ import annotations

from datetime import date

import pytest

from oversight import metrics
from tests.metrics.helpers import ending, span

OCT = (date(2025, 10, 1), date(2025, 10, 31))


def row_of(frame, unit_id):
    rows = frame[frame.unit_id == unit_id]
    assert len(rows) == 1
    return rows.iloc[0]


def test_task_classes_rate_and_due_soon(world, mcon, settings):
    unit = world.unit("Sở Y tế")
    up = world.upload("tasks")
    world.task(up, "T1", unit, "2025-10-01", "2025-10-10", "2025-10-09")  # done early -> done on time
    world.task(up, "T2", unit, "2025-10-01", "2025-10-10", "2025-10-12")  # done late
    world.task(up, "T3", unit, "2025-10-01", "2025-11-05")  # open within; due 05/11 is within 7 days of 31/10
    world.task(up, "T4", unit, "2025-10-01", "2025-11-20")  # open within, not due soon
    world.task(up, "T5", unit, "2025-10-01", "2025-10-20")  # open overdue
    world.task(up, "T6", unit, "2025-10-01", None, due_text="Thường xuyên")  # no deadline
    world.task(up, "T7", unit, "2025-10-01", None, "2025-10-15")  # done, no deadline
    world.task(up, "T8", unit, None, "2025-09-30")  # no assignment date at all: carried over, open overdue
    world.task(up, "T9", unit, None, "2025-11-30", doc_date=date(2025, 11, 2))  # assigned by a document of 2/11: out
    world.task(up, "T10", unit, "2025-10-01", "2025-11-07")  # due 07/11 = to + 7: due soon
    world.task(up, "T11", unit, "2025-10-01", "2025-11-08")  # due 08/11 = to + 8: not due soon
    # total 10 (T1-T8, T10, T11): on time 1, late 1, open within 4 (T3, T4, T10, T11), overdue 2 (T5, T8),
    # no deadline 2 (T6, T7); rate = (1 + 2) / (10 - 2)
    row = row_of(metrics.kind_by_unit(mcon, "tasks", span(*OCT)), unit)
    got = {k: int(row[k]) for k in metrics.TASK_COLUMNS if k != "tasks_overdue_rate"}
    assert got == dict(
        tasks_total=10,
        tasks_done_on_time=1,
        tasks_done_late=1,
        tasks_open_on_time=4,
        tasks_open_overdue=2,
        tasks_no_deadline=2,
        tasks_due_soon=2,
    )
    assert row.tasks_overdue_rate == pytest.approx(3 / 8)
    assert sorted(metrics.overdue_items(mcon, "tasks", span(*OCT), unit_id=unit).doc_number) == [
        "T2/UBND-TH",
        "T5/UBND-TH",
        "T8/UBND-TH",
    ]


def test_unit_with_only_no_deadline_tasks_has_no_rate(world, mcon, settings):
    unit = world.unit("Sở Tư pháp")
    up = world.upload("tasks")
    world.task(up, "N1", unit, "2025-10-01", None, due_text="Không thời hạn")
    world.task(up, "N2", unit, "2025-10-01", None, "2025-10-03")
    row = row_of(metrics.unit_metrics(mcon, span(*OCT, settings), settings=settings), unit)
    assert (row.tasks_total, row.tasks_no_deadline) == (2, 2)
    assert row.tasks_overdue_rate != row.tasks_overdue_rate  # NaN: empty, never 0 %


def test_task_status_decides_when_dates_are_missing(world, mcon):
    unit = world.unit("Sở Y tế")
    up = world.upload("tasks")
    world.task(up, "S1", unit, "2025-10-01", None, None, status="open_overdue")  # overdue per status
    world.task(up, "S2", unit, "2025-10-01", None, None, status="done_late")  # done late per status
    world.task(up, "S3", unit, "2025-10-01", None, None, status="open_on_time")  # within per status
    world.task(up, "S4", unit, "2025-10-01", "2025-10-05", "2025-10-04", status="done_late")  # dates win: on time
    row = row_of(metrics.kind_by_unit(mcon, "tasks", span(*OCT)), unit)
    assert (row.tasks_open_overdue, row.tasks_done_late, row.tasks_open_on_time, row.tasks_done_on_time) == (1, 1, 1, 1)
    assert row.tasks_no_deadline == 0
    conflicts = metrics.data_quality(mcon)["status_date_conflicts"]
    assert list(conflicts.item_code) == ["S4/UBND-TH"]


def test_feedback_counts_766_and_satisfaction(world, mcon, settings):
    unit = world.unit("Sở Xây dựng")
    up = world.upload("feedback")
    world.feedback(up, "F1", unit, "2025-10-02 08:00", "2025-10-12", "2025-10-10 09:00", rating="satisfied")
    world.feedback(up, "F2", unit, "2025-10-02 08:00", "2025-10-12", "2025-10-15 09:00", rating="unsatisfied")
    world.feedback(up, "F3", unit, "2025-10-02 08:00", "2025-10-12")  # open overdue
    world.feedback(up, "F4", unit, "2025-10-20 08:00", "2025-11-10")  # open within
    world.feedback(up, "F5", unit, "2025-09-20 08:00", "2025-10-05", "2025-09-30 09:00", rating="satisfied")  # out
    # total 4; on time 1, late 1, open within 1, open overdue 1; rated 2 (F1, F2), satisfied 1
    row = row_of(metrics.unit_metrics(mcon, span(*OCT, settings), settings=settings), unit)
    assert (row.feedback_total, row.feedback_done_on_time, row.feedback_done_late) == (4, 1, 1)
    assert (row.feedback_open_on_time, row.feedback_open_overdue) == (1, 1)
    assert (row.feedback_rated, row.feedback_satisfied) == (2, 1)
    assert row.feedback_overdue_rate == pytest.approx(2 / 4)
    assert row.feedback_766_on_time_ratio == pytest.approx(2 / 4)
    assert row.feedback_766_points == pytest.approx(6 * 2 / 4)
    assert row.feedback_satisfaction_rate == pytest.approx(1 / 2)
    assert sorted(metrics.overdue_items(mcon, "feedback", span(*OCT), unit_id=unit).feedback_code) == ["F2", "F3"]


def test_feedback_points_are_six_when_there_is_no_feedback(world, mcon, settings):
    unit = world.unit("Sở Xây dựng")
    up = world.upload("tasks")
    world.task(up, "T1", unit, "2025-10-01", "2025-10-10", "2025-10-09")
    row = row_of(metrics.unit_metrics(mcon, span(*OCT, settings), settings=settings), unit)
    assert row.feedback_total == 0
    assert row.feedback_766_points == 6.0
    assert row.feedback_766_on_time_ratio != row.feedback_766_on_time_ratio  # NaN


def test_monthly_trend_over_months(world, mcon, settings):
    unit = world.unit("Sở Y tế")
    up = world.upload("tasks")
    world.task(up, "M1", unit, "2025-08-05", "2025-08-20", "2025-08-25")  # August: done late
    world.task(up, "M2", unit, "2025-09-05", "2025-10-20")  # Sep: within; Oct: overdue; Nov: carried, overdue
    # September is a month with no row of its own finishing; October nothing new
    trend = metrics.monthly_trend(mcon, ending(date(2025, 11, 10)), months=4, settings=settings)
    assert list(trend.month_id) == ["m2025-08", "m2025-09", "m2025-10", "m2025-11"]
    assert list(trend.label) == ["Tháng 08/2025", "Tháng 09/2025", "Tháng 10/2025", "Tháng 11/2025"]
    assert list(trend.tasks_total) == [1, 1, 1, 1]
    assert list(trend.tasks_overdue_rate) == [1.0, 0.0, 1.0, 1.0]
    one = metrics.monthly_trend(mcon, ending(date(2025, 11, 10)), months=2, unit_id=world.unit("Sở Tư pháp"))
    assert list(one.tasks_total) == [0, 0]
    assert one.tasks_overdue_rate.isna().all()
