"""The per-month class counts (metrics_month_counts, schema 021) answer every period of whole months exactly as
the item-level classification does: for each named period kind (month, quarter, half, year, year to date ending
at a month end, a custom run of months) under both cut-offs, on a seeded random province across the 1/7/2025
reform (carried-over, paused, returned, no-deadline, done-by-status, backdated items, Biểu 06 aggregates, re-
exported and replaced uploads), in both unit modes; the combined periods keep the Biểu 06 identities; and the
cache follows the uploads (new, replaced, rolled back).

The item-level reference is the same API with the month path switched off (`item_level`): the macros that
choose it are replaced by `false` on the test connection, so the very same queries classify the items."""

from __future__ import annotations

import random
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, timedelta

import pandas as pd
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from oversight import db as dbmod
from oversight import metrics, metrics_cache, periods
from oversight.ingest.load import rollback
from oversight.statuses import STATUS_CODES
from tests.metrics.helpers import ending, span

OLD_UNITS = (("Phường Quang Vinh", "old"), ("Phường Trung Dũng", "old"), ("Xã Xuân Tâm", "old"))
NEW_UNITS = (("Phường Trấn Biên", "new"), ("Xã Xuân Hòa", "new"), ("Xã Long Phước", "new"))
DEPARTMENTS = ("Sở Tư pháp", "Sở Y tế", "Sở Kế hoạch và Đầu tư")
STATS_UNIT = "Sở Xây dựng"  # reports Biểu 06 aggregates only
FIELDS = ("Hộ tịch", "Đất đai", "Xây dựng", None)
REFORM = datetime(2025, 7, 1)
START, END = datetime(2024, 11, 1), datetime(2026, 1, 31)
WORST = ("cases_late_rate", "tasks_overdue_rate", "feedback_overdue_rate", "feedback_satisfaction_rate", "score")


@contextmanager
def item_level(con):
    """Every query classifies the items, none reads metrics_month_counts or metrics_month_units (the reference
    path): the lean *_months queries are not chosen and the macros choosing the month counts (for whole months, and
    for a custom period's near run) say no. The staging macros are made again afterwards (force: their digest did
    not change)."""
    con.execute("CREATE OR REPLACE MACRO whole_month_list(froms, tos) AS false")
    con.execute("CREATE OR REPLACE MACRO near_months() AS false")
    metrics.MONTH_UNITS_PATH = False
    try:
        yield
    finally:
        metrics.MONTH_UNITS_PATH = True
        dbmod.create_views(con, force=True)


def _moment(rng: random.Random, lo: datetime = START, hi: datetime = END) -> datetime:
    return lo + timedelta(minutes=rng.randrange(int((hi - lo).total_seconds() // 60)))


def _dates(rng: random.Random, received: datetime) -> tuple:
    """(due, done, status) with every shape the rules distinguish."""
    roll = rng.random()
    if roll < 0.1:
        due = None
    elif roll < 0.3:  # a date without time (00:00:00 = end of that day)
        due = datetime.combine((received + timedelta(days=rng.randrange(0, 40))).date(), datetime.min.time())
    else:
        due = received + timedelta(hours=rng.randrange(1, 60 * 24))
    roll = rng.random()
    if roll < 0.25:
        done = None
    elif roll < 0.3:  # backdated: done before it was received (bad dates), sometimes months before
        done = received - timedelta(hours=rng.randrange(1, 120 * 24))
    else:
        done = received + timedelta(hours=rng.randrange(0, 90 * 24))
    status = rng.choice((None, None, None, *STATUS_CODES))
    return due, done, status


def build_world(world, seed: int = 7, with_stats: bool = True) -> dict:
    rng = random.Random(seed)
    old = [world.unit(name, valid=valid) for name, valid in OLD_UNITS] + [
        world.unit("Thành phố Biên Hòa", group="district")
    ]
    new = [world.unit(name, valid=valid) for name, valid in NEW_UNITS]
    departments = [world.unit(name) for name in DEPARTMENTS]

    def unit_for(received):
        pool = (old if received is not None and received < REFORM else new) + departments
        return rng.choice(pool)

    first, second, replaced = world.upload("cases"), world.upload("cases"), world.upload("cases")
    for i in range(420):
        received = _moment(rng)
        due, done, status = _dates(rng, received)
        returned = received + timedelta(days=rng.randrange(1, 20)) if status == "returned" and done is None else None
        upload = first if i % 3 else second
        world.case(
            upload,
            f"HS{i}",
            unit_for(received),
            received,
            due,
            done,
            channel=rng.choice(("online", "offline", "offline", None)),
            status=status,
            field=rng.choice(FIELDS),
            returned=returned,
        )
        if i % 17 == 0:  # re-exported later, finished meanwhile: the latest upload wins
            world.case(second, f"HS{i}", unit_for(received), received, due, received + timedelta(days=3))
        if i % 23 == 0:  # in an upload since replaced: ignored
            world.case(replaced, f"HS{i}", unit_for(received), received, due, None, status="open_overdue")
    world.set_state(replaced, "replaced")
    tasks = world.upload("tasks")
    for i in range(160):
        received = None if i % 19 == 0 else _moment(rng)
        due, done, status = _dates(rng, received or START)
        due_text = "Thường xuyên" if due is None and i % 2 else None
        doc_date = (received or _moment(rng)).date() if i % 19 == 0 and i % 38 else None
        world.task(tasks, f"NV{i}", unit_for(received), received, due, done, status, rng.choice(FIELDS),
                   doc_date=doc_date, due_text=due_text)  # fmt: skip
    feedback = world.upload("feedback")
    for i in range(160):
        received = _moment(rng)
        due, done, status = _dates(rng, received)
        world.feedback(feedback, f"PA{i}", unit_for(received), received, due, done, status,
                       rng.choice((None, "satisfied", "unsatisfied")), rng.choice(FIELDS))  # fmt: skip
    # Biểu 06 aggregates: calendar months May..Oct 2025 for a unit without cases, and for one with cases
    # (its cases win); the 15→14 periods are not covered, so there the unit has no case figures
    if not with_stats:
        return {"unit": new[0], "department": departments[1]}
    stats_unit = world.unit(STATS_UNIT)
    carried = 2  # each month carries over the previous month's pending cases
    for month in range(5, 11):
        period = periods.month(2025, month)
        up = world.upload("case_stats", period=(period.start, period.end))
        pending = month + 3 + carried - 4
        world.case_stat(up, stats_unit, (period.start, period.end), month, 3, carried, 1, 2, 1, pending - 1, 1,
                        field="Xây dựng")  # fmt: skip
        carried = pending
        world.case_stat(up, departments[0], (period.start, period.end), 1, 1, 1, 1, 1, 0, 1, 0)
    return {"unit": new[0], "department": departments[1]}


def named_periods(cutoff: str) -> list[periods.Period]:
    four = periods.months_back(periods.month(2025, 8, cutoff), 4)
    return [
        periods.month(2025, 7, cutoff),  # the reform month (its previous month is June)
        periods.month(2026, 1, cutoff),
        periods.quarter(2025, 3, cutoff),
        periods.half(2025, 1, cutoff),
        periods.year_period(2025, cutoff),
        periods.year_to_date(periods.month(2025, 9, cutoff).end, cutoff),
        periods.custom(four[0].start, four[-1].end),
    ]


def by_key(frame: pd.DataFrame, *keys: str) -> pd.DataFrame:
    return frame.sort_values(list(keys)).reset_index(drop=True)


def figures(con, period: periods.Period, s, ids: dict) -> dict:
    """The figures the pages show for a period (the previous period's too), in a comparable form."""
    start, end = period.start, period.end
    out: dict = {"province": metrics.province_kpis(con, span(start, end, s), s)}
    for units in metrics.UNIT_MODES:
        out[f"units/{units}"] = by_key(
            metrics.unit_metrics(con, span(start, end, s), units=units, settings=s), "unit_id"
        )
    out["worst/score"] = metrics.worst_units(con, span(start, end, s), "score", settings=s)
    out["worst/cases"] = metrics.worst_units(con, span(start, end, s), "cases_late_rate", units="today", settings=s)
    for kind in metrics.KINDS:
        out[f"{kind}/fields"] = by_key(metrics.field_breakdown(con, kind, span(start, end)), "field")
    out["cases/fields/unit"] = by_key(
        metrics.field_breakdown(con, "cases", span(start, end), unit_id=ids["unit"], units="today"), "field"
    )
    return out


def trends(con, s, ids: dict) -> dict:
    end = date(2026, 1, 31) if s.period_cutoff == periods.CALENDAR else date(2026, 1, 14)
    return {
        "all": metrics.monthly_trend(con, ending(end), 15, settings=s),
        "commune/today": metrics.monthly_trend(con, ending(end), 12, group="commune", units="today", settings=s),
        "unit": metrics.monthly_trend(con, ending(end), 12, unit_id=ids["department"], settings=s),
        "unit/today": metrics.monthly_trend(con, ending(end), 12, unit_id=ids["unit"], units="today", settings=s),
    }


def assert_same(fast: dict, reference: dict, label: str) -> None:
    assert fast.keys() == reference.keys()
    for key, value in fast.items():
        if isinstance(value, pd.DataFrame):
            pd.testing.assert_frame_equal(value, reference[key], obj=f"{label} {key}")
        else:
            assert value == reference[key], f"{label} {key}"


@pytest.mark.slow
@pytest.mark.parametrize("cutoff", periods.CUTOFFS)
def test_every_named_period_from_months_equals_the_item_level_path(world, mcon, settings, cutoff):
    ids = build_world(world)
    s = replace(settings, period_cutoff=cutoff)
    for period in named_periods(cutoff):
        assert metrics_cache.month_span(period.start, period.end), period
        fast = figures(mcon, period, s, ids)
        with item_level(mcon):
            reference = figures(mcon, period, s, ids)
        assert_same(fast, reference, period.label)
        assert fast["province"]["cases_total"] > 0, period.label
    fast = trends(mcon, s, ids)
    with item_level(mcon):
        reference = trends(mcon, s, ids)
    assert_same(fast, reference, "trend")


@pytest.mark.slow
def test_the_month_path_is_the_one_answering(world, mcon, settings):
    build_world(world)
    q3 = periods.quarter(2025, 3)
    before = metrics.province_kpis(mcon, q3, settings)
    assert mcon.execute("SELECT count(*) FROM metrics_month_counts").fetchone()[0] > 0
    mcon.execute("UPDATE metrics_month_counts SET new_offline = new_offline + 1 WHERE kind = 'tasks'")
    assert metrics.province_kpis(mcon, q3, settings)["tasks_total"] > before["tasks_total"]
    with item_level(mcon):  # the reference path does not read them
        assert metrics.province_kpis(mcon, q3, settings) == before
    # a custom period far from month bounds is classified from the items ...
    far = span(date(2025, 7, 16), date(2025, 8, 14), settings)
    with item_level(mcon):
        reference = metrics.province_kpis(mcon, far, settings)
    assert metrics.province_kpis(mcon, far, settings) == reference
    # ... one close to them reads its near run's month rows (2/7-30/9: Q3), corrected by the items of 1/7
    near = span(date(2025, 7, 2), date(2025, 9, 30), settings)
    with item_level(mcon):
        reference = metrics.province_kpis(mcon, near, settings)
    assert metrics.province_kpis(mcon, near, settings)["tasks_total"] > reference["tasks_total"]
    metrics_cache.refresh_cache(mcon, force=True)
    assert metrics.province_kpis(mcon, near, settings) == reference
    assert metrics.province_kpis(mcon, q3, settings) == before


def test_backdated_items_are_new_and_resolved_in_a_period_spanning_both_months(world, mcon, settings):
    unit = world.unit("Sở Tư pháp")
    up = world.upload("cases")
    # received in September, "done" in July: in no month's scope, but in Q3's (new, resolved early)
    world.case(up, "B1", unit, "2025-09-10 08:00", "2025-09-20 17:00", "2025-07-05 09:00", channel="online")
    world.case(up, "B2", unit, "2025-09-10 08:00", "2025-09-20 17:00", "2025-09-01 09:00")  # same month: in Sep
    for month in (7, 8, 9):
        m = periods.month(2025, month)
        row = metrics.province_kpis(mcon, m, settings)
        assert row["cases_total"] == (1 if month == 9 else 0)
    q3 = periods.quarter(2025, 3)
    kpis = metrics.province_kpis(mcon, q3, settings)
    assert (kpis["cases_total"], kpis["cases_new_online"], kpis["cases_resolved_early"]) == (2, 1, 2)
    with item_level(mcon):
        assert metrics.province_kpis(mcon, q3, settings) == kpis
    aug_sep = metrics.province_kpis(mcon, span(date(2025, 8, 1), date(2025, 9, 30), settings), settings)
    assert aug_sep["cases_total"] == 1  # done before the period: out of scope


@pytest.mark.slow
@pytest.mark.parametrize("cutoff", periods.CUTOFFS)
def test_combined_periods_keep_the_identities(world, mcon, settings, cutoff):
    build_world(world, seed=11)
    for period in named_periods(cutoff):
        cases = metrics.kind_by_unit(mcon, "cases", period)
        for r in cases.itertuples():
            assert r.cases_total == r.cases_new_online + r.cases_new_offline + r.cases_carried_over, r
            assert r.cases_resolved == r.cases_resolved_early + r.cases_resolved_on_time + r.cases_resolved_late, r
            assert r.cases_pending == r.cases_pending_on_time + r.cases_pending_overdue, r
            assert r.cases_total == r.cases_resolved + r.cases_pending, r
        for kind in ("tasks", "feedback"):
            frame = metrics.kind_by_unit(mcon, kind, period)
            parts = [f"{kind}_{c}" for c in ("done_on_time", "done_late", "open_on_time", "open_overdue")]
            assert (frame[f"{kind}_total"] == frame[parts].sum(axis=1) + frame[f"{kind}_no_deadline"]).all()
        # carried over = the first month's; pending = the last month's
        months = metrics_cache.month_span(period.start, period.end)[1]
        first = metrics.province_kpis(mcon, span(months[0].start, months[0].end))
        last = metrics.province_kpis(mcon, span(months[-1].start, months[-1].end))
        whole = metrics.province_kpis(mcon, period)
        assert whole["cases_carried_over"] == first["cases_carried_over"]
        assert whole["tasks_open_overdue"] == last["tasks_open_overdue"]
        assert whole["feedback_open_on_time"] == last["feedback_open_on_time"]


@pytest.mark.slow
def test_the_cache_follows_new_replaced_and_rolled_back_uploads(world, mcon, settings):
    build_world(world)
    oct_ = periods.month(2025, 10)
    q4 = periods.quarter(2025, 4)

    def check():
        fast = metrics.province_kpis(mcon, q4, settings)
        with item_level(mcon):
            assert metrics.province_kpis(mcon, q4, settings) == fast
        return metrics.province_kpis(mcon, oct_, settings)

    base = check()
    unit = world.unit("Xã Long Phước", valid="new")
    up = world.upload("cases")  # a new upload: three October cases, one late
    world.case(up, "N1", unit, "2025-10-02 08:00", "2025-10-05 17:00", "2025-10-09 08:00")
    world.case(up, "N2", unit, "2025-10-02 08:00", "2025-10-05 17:00", "2025-10-03 08:00")
    world.case(up, "N3", unit, "2025-10-20 08:00", "2025-11-20 17:00", None)
    added = check()
    assert (added["cases_total"], added["cases_resolved_late"]) == (
        base["cases_total"] + 3,
        base["cases_resolved_late"] + 1,
    )
    # replaced by a corrected file: N1 on time now, N2 and N3 gone
    fix = world.upload("cases")
    world.case(fix, "N1", unit, "2025-10-02 08:00", "2025-10-05 17:00", "2025-10-04 08:00")
    mcon.execute("UPDATE uploads SET state = 'replaced', replaced_by = ? WHERE upload_id = ?", [fix, up])
    replaced = check()
    assert (replaced["cases_total"], replaced["cases_resolved_late"]) == (
        base["cases_total"] + 1,
        base["cases_resolved_late"],
    )
    # rolling the correction back restores the replaced upload
    assert rollback(mcon, fix, "test") == [up]
    assert check() == added
    assert rollback(mcon, up, "test") == []
    assert check() == base
    built = mcon.execute("SELECT count(*) FROM metrics_cache_months WHERE month_from = ?", [oct_.start]).fetchone()[0]
    assert built == 1


@pytest.mark.slow
def test_periods_outside_the_prebuilt_months_are_built_when_asked(world, mcon, settings):
    build_world(world)
    far = periods.year_period(2030, periods.DECREE09)
    s = replace(settings, period_cutoff=periods.DECREE09)
    fast = metrics.unit_metrics(mcon, far, settings=s)
    with item_level(mcon):
        reference = metrics.unit_metrics(mcon, far, settings=s)
    pd.testing.assert_frame_equal(by_key(fast, "unit_id"), by_key(reference, "unit_id"))
    assert not fast.empty  # open items are carried into every later month
    built = mcon.execute(
        "SELECT count(*) FROM metrics_cache_months WHERE cutoff = 'decree09' AND month_from >= ?", [far.start]
    ).fetchone()[0]
    assert built == 12


def test_month_span_mirrors_the_sql_rule(mcon):
    rng = random.Random(3)
    starts = [date(2025, 1, 1), date(2025, 1, 15), date(2024, 12, 15), date(2025, 2, 1), date(2025, 3, 2)]
    ends = [date(2025, 1, 31), date(2025, 2, 14), date(2025, 2, 28), date(2025, 12, 31), date(2025, 3, 14)]
    pairs = [(a, b) for a in starts for b in ends]
    pairs += [(date(2000, 1, 1) + timedelta(days=rng.randrange(9000)), date(2000, 1, 1) + timedelta(days=rng.randrange(9000)))
              for _ in range(300)]  # fmt: skip
    pairs += [(date(2001, 1, 1), date(2021, 1, 31)), (date(2001, 1, 1), date(2020, 12, 31))]
    for a, b in pairs:
        span = metrics_cache.month_span(a, b)
        sql = mcon.execute("SELECT month_cutoff(?, ?)", [a, b]).fetchone()[0]
        assert (span[0] if span else None) == sql, (a, b)
        if span:
            assert span[1][0].start == a and span[1][-1].end == b
            assert all(x.end + timedelta(days=1) == y.start for x, y in zip(span[1], span[1][1:], strict=False))


minutes = st.integers(min_value=0, max_value=200 * 24 * 60)
case_rows = st.lists(
    st.tuples(
        st.sampled_from(DEPARTMENTS),
        minutes,  # received, minutes after 1/6/2025
        st.one_of(st.none(), st.integers(-30 * 24 * 60, 60 * 24 * 60)),  # due - received
        st.one_of(st.none(), st.integers(-90 * 24 * 60, 120 * 24 * 60)),  # done - received (may be before)
        st.sampled_from(("online", "offline", None)),
        st.one_of(st.none(), st.sampled_from(STATUS_CODES)),
    ),
    max_size=30,
)
month_runs = st.tuples(st.sampled_from(periods.CUTOFFS), st.integers(0, 6), st.integers(1, 4))


@pytest.mark.slow
@hsettings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=case_rows, run=month_runs)
def test_any_case_list_and_run_of_months_agrees_with_the_items(world, mcon, rows, run):
    mcon.execute("DELETE FROM cases")
    mcon.execute("DELETE FROM uploads")
    up = world.upload("cases")
    ids = {name: world.unit(name) for name in DEPARTMENTS}
    base = datetime(2025, 6, 1)
    for i, (unit, received, due, done, channel, status) in enumerate(rows):
        at = base + timedelta(minutes=received)
        world.case(up, f"P{i}", ids[unit], at, None if due is None else at + timedelta(minutes=due),
                   None if done is None else at + timedelta(minutes=done), channel, status=status)  # fmt: skip
    cutoff, first, count = run
    months = periods.months_back(periods.month(2025, 6 + first, cutoff), count)
    start, end = months[0].start, months[-1].end
    fast = by_key(metrics.kind_by_unit(mcon, "cases", span(start, end)), "unit_id")
    with item_level(mcon):
        reference = by_key(metrics.kind_by_unit(mcon, "cases", span(start, end)), "unit_id")
    pd.testing.assert_frame_equal(fast, reference)
