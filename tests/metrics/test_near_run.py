"""A custom period close to a run of whole months is answered from that run's month rows, corrected by the items dated
between their bounds (queries/staging/12_fn_near_month_run.sql, 20_kind_counts.sql). Which run, and when: the SQL
macro and oversight.metrics_cache.near_run must agree (the Python side builds the months the SQL reads); the SQL
refuses to answer from months that are not built. That the figures equal classifying every item is
tests/metrics/test_custom_periods.py."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

import duckdb
import pytest

from oversight import metrics, metrics_cache, periods, sql
from tests.metrics.helpers import dt


def sql_near_run(con, start: date, end: date) -> tuple[date, date] | None:
    run = con.execute("SELECT near_month_run(?, ?)", [start, end]).fetchone()[0]
    return (run["near_from"], run["near_to"]) if run else None


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        # one day after a month's 1st: the month itself (the growth bench's custom period)
        (date(2025, 10, 2), date(2025, 10, 31), (date(2025, 10, 1), date(2025, 10, 31))),
        # its previous period ends on a 1st: the end nearest to 1/10 is 30/9
        (date(2025, 9, 2), date(2025, 10, 1), (date(2025, 9, 1), date(2025, 9, 30))),
        # a quarter give or take three days: 4 x (3 + 3) = 24 <= 92 days
        (date(2025, 6, 28), date(2025, 10, 3), (date(2025, 7, 1), date(2025, 9, 30))),
        # 15/2 is as far from 1/2 as from 1/3 (February 2025 has 28 days): the tie keeps February
        (date(2025, 2, 15), date(2025, 6, 30), (date(2025, 2, 1), date(2025, 6, 30))),
        # mid-month bounds: 4 x (15 + 15) = 120 days between > 31 days of period
        (date(2025, 10, 16), date(2025, 11, 15), None),
        # a few days inside a month
        (date(2025, 10, 14), date(2025, 10, 16), None),
    ],
)
def test_near_runs_computed_by_hand(mcon, start, end, expected):
    assert metrics_cache.near_run(start, end) == expected
    assert sql_near_run(mcon, start, end) == expected


def test_whole_months(mcon):
    # a run of whole calendar months is its own near run (a query whose other period is custom reads it so);
    # a 15→14 month is too far from calendar bounds (4 x (14 + 14) > 30 days)
    for start, end, expected in [
        (date(2025, 10, 1), date(2025, 10, 31), (date(2025, 10, 1), date(2025, 10, 31))),
        (date(2025, 9, 15), date(2025, 10, 14), None),
    ]:
        assert metrics_cache.near_run(start, end) == expected
        assert sql_near_run(mcon, start, end) == expected


def test_python_mirrors_the_sql_macro(mcon):
    rng = random.Random("near-run")
    used = 0
    for _ in range(3000):
        start = date(2023, 1, 1) + timedelta(days=rng.randrange(1200))
        if rng.random() < 0.2:
            start = start.replace(day=1)
        end = start + timedelta(days=rng.randrange(40 if rng.random() < 0.5 else 400))
        python = metrics_cache.near_run(start, end)
        assert python == sql_near_run(mcon, start, end), (start, end)
        used += python is not None
        if python:
            assert python[0] <= python[1]
            assert metrics_cache.month_span(*python)  # a run of whole calendar months
    assert used > 1000


def test_the_sql_refuses_a_near_run_whose_months_are_not_built(mcon):
    # no month is built in a fresh database: the near path must not read missing months as zeros
    with pytest.raises(duckdb.Error, match="a month of a near run is not built"):
        mcon.execute(
            "SELECT * FROM kind_counts(?, ?, false, false)", [[date(2025, 10, 2)], [date(2025, 10, 31)]]
        ).fetchall()


@pytest.mark.parametrize("cutoff", periods.CUTOFFS)
def test_the_metrics_build_the_months_of_a_near_run(world, mcon, settings, cutoff):
    s = replace(settings, period_cutoff=cutoff)
    unit = world.unit("Sở Tư pháp")
    up = world.upload("cases")
    world.case(
        up, "C-1", unit, received=dt("2025-10-01 08:00"), due=dt("2025-10-20 17:00"), done=dt("2025-10-10 10:00")
    )
    world.case(up, "C-2", unit, received=dt("2025-10-02 08:00"), due=dt("2025-10-20 17:00"))
    period = periods.custom(date(2025, 10, 2), date(2025, 10, 31))
    assert metrics_cache.near_run(period.start, period.end) == (date(2025, 10, 1), date(2025, 10, 31))
    kpis = metrics.province_kpis(mcon, period, s)
    built = {
        (row["cutoff"], row["month_from"])
        for row in sql.rows(mcon.cursor(), "cache/months_built", **{"from": date(2025, 9, 1), "to": date(2025, 10, 31)})
    }
    # the near runs of the period (October) and of its previous one (2/9-1/10: September), whatever the cut-off
    assert {("calendar", date(2025, 10, 1)), ("calendar", date(2025, 9, 1))} <= built
    # by hand, 2/10-31/10: C-1 (received 1/10, done 10/10 before its due 20/10) is carried over and resolved early;
    # C-2 (received 2/10, open, due 20/10) is new and pending past its deadline
    assert kpis["cases_carried_over"] == 1
    assert kpis["cases_new_online"] + kpis["cases_new_offline"] == 1
    assert kpis["cases_resolved_early"] == 1
    assert kpis["cases_pending_overdue"] == 1
    # 2/9-1/10: C-1 is new (received 1/10) and pending within its deadline
    assert kpis["previous"]["cases_new_online"] + kpis["previous"]["cases_new_offline"] == 1
    assert kpis["previous"]["cases_pending_on_time"] == 1
