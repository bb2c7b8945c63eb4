"""Which units a period lists (METRICS.md section 6): the units that existed during some part of it, plus any unit
with items or aggregate rows in it. Computed by hand from the seeded Đồng Nai registry:

  before 1/7/2025: 270 communes (159 of Đồng Nai, 111 of Bình Phước) and 22 districts, valid_to 30/6/2025;
  from 1/7/2025:   95 communes and wards, valid_from 1/7/2025;
  departments:     15 without dates, 3 created 1/3/2025 (Sở Nông nghiệp và Môi trường, Sở Dân tộc và Tôn giáo, Thuế
                   tỉnh Đồng Nai), 8 merged away on 28/2/2025 (Sở Kế hoạch và Đầu tư, ...).

  so September 2025 lists 95 + 15 + 3 = 113 units, June 2025 lists 270 + 22 + 15 + 3 = 310, the 15→14 third quarter
  (15/6 - 14/9/2025, across the reform) lists both eras: 270 + 22 + 95 + 18 = 405.

Xã Long Phước is both an old commune (valid to 30/6/2025) and today's commune that took its name (same code 26413).
"""

from __future__ import annotations

import json
from contextlib import nullcontext
from dataclasses import replace
from datetime import date

import pytest

from oversight import metrics
from tests.metrics.helpers import span
from tests.metrics.test_month_cache import item_level

SEP = (date(2025, 9, 1), date(2025, 9, 30))
JUN = (date(2025, 6, 1), date(2025, 6, 30))
Q3_DECREE09 = (date(2025, 6, 15), date(2025, 9, 14))
COUNTS = ("cases_total", "tasks_total", "feedback_total")


def paths(mcon):
    """The lean path (the *_months twins over metrics_month_units) and the item-level reference path."""
    return (nullcontext(), item_level(mcon))


def listed(frame) -> dict[int, tuple[int, int, int]]:
    return {int(r.unit_id): tuple(int(getattr(r, c)) for c in COUNTS) for r in frame.itertuples()}


def valid(mcon, unit_id: int) -> tuple[date | None, date | None]:
    return mcon.execute("SELECT valid_from, valid_to FROM units WHERE unit_id = ?", [unit_id]).fetchone()


@pytest.fixture
def long_phuoc(world):
    return world.unit("Xã Long Phước", valid="old"), world.unit("Xã Long Phước", valid="new")


def test_after_the_reform_no_abolished_unit_without_data(world, mcon, settings, long_phuoc):
    old, new = long_phuoc
    up = world.upload("cases")
    world.case(up, "N1", new, "2025-09-03 08:00", "2025-09-10 16:00", "2025-09-08 09:00")  # early
    for path in paths(mcon):  # the month twin and the item-level query list the same units
        with path:
            frame = metrics.unit_metrics(mcon, span(*SEP, settings), settings=settings)
        rows = listed(frame)
        assert len(rows) == 113
        assert old not in rows and rows[new] == (1, 0, 0)
        assert sum(map(sum, rows.values())) == 1  # every other unit is listed with zeros
        for unit_id in rows:
            valid_from, valid_to = valid(mcon, unit_id)
            assert valid_to is None or valid_to >= SEP[0]
            assert valid_from is None or valid_from <= SEP[1]
        assert frame.groupby("unit_group").size().to_dict() == {"commune": 95, "department": 18}
        assert not frame.duplicated(["unit_group", "unit_name"]).any()
        empty = frame[frame.unit_id != new]
        assert empty.cases_late_rate.isna().all() and empty.tasks_overdue_rate.isna().all()
        assert (empty.band == metrics.NOT_ENOUGH_DATA).all() and empty["rank"].isna().all()


def test_before_the_reform_no_new_commune_without_data(world, mcon, settings, long_phuoc):
    old, new = long_phuoc
    up = world.upload("cases")
    world.case(up, "O1", old, "2025-06-03 08:00", "2025-06-10 16:00", "2025-06-12 09:00")  # late
    for path in paths(mcon):
        with path:
            frame = metrics.unit_metrics(mcon, span(*JUN, settings), settings=settings)
        rows = listed(frame)
        assert len(rows) == 310
        assert new not in rows and rows[old] == (1, 0, 0)
        assert frame.groupby("unit_group").size().to_dict() == {"commune": 270, "district": 22, "department": 18}
        assert all(valid(mcon, u)[0] is None or valid(mcon, u)[0] <= JUN[1] for u in rows)


def test_a_quarter_across_the_reform_lists_both_eras(world, mcon, settings, long_phuoc):
    old, new = long_phuoc
    up = world.upload("cases")
    world.case(up, "O1", old, "2025-06-20 08:00", "2025-06-25 16:00", "2025-06-24 09:00")
    decree = replace(settings, period_cutoff="decree09")
    frame = metrics.unit_metrics(mcon, span(*Q3_DECREE09, decree), settings=decree)
    rows = listed(frame)
    assert len(rows) == 405
    assert rows[old] == (1, 0, 0) and rows[new] == (0, 0, 0)  # both existed during part of it
    assert frame.groupby("unit_group").size().to_dict() == {"commune": 365, "district": 22, "department": 18}


def test_an_old_unit_with_data_in_a_later_period_is_listed(world, mcon, settings, long_phuoc):
    old, new = long_phuoc
    merged_dept = world.unit("Sở Kế hoạch và Đầu tư")  # merged away on 28/2/2025
    up = world.upload("cases")
    # received before the reform under the old commune, never done: carried over into September, overdue
    world.case(up, "L1", old, "2025-06-20 08:00", "2025-06-27 16:00", None)
    tasks = world.upload("tasks")
    world.task(tasks, "K1", merged_dept, "2025-09-05", "2025-09-30", "2025-09-20")  # a late report of a merged unit
    for path in paths(mcon):
        with path:
            frame = metrics.unit_metrics(mcon, span(*SEP, settings), settings=settings)
        rows = listed(frame)
        assert len(rows) == 113 + 2
        assert rows[old] == (1, 0, 0) and rows[new] == (0, 0, 0) and rows[merged_dept] == (0, 1, 0)
        row = frame.set_index("unit_id").loc[old]
        assert (row.cases_carried_over, row.cases_pending_overdue, row.cases_late_rate) == (1, 1, 1.0)


def test_units_today_lists_todays_units_and_districts_with_their_own_items(world, mcon, settings, long_phuoc):
    old, new = long_phuoc
    bien_hoa = world.unit("Thành phố Biên Hòa", group="district")
    up = world.upload("cases")
    world.case(up, "L1", old, "2025-06-20 08:00", "2025-06-27 16:00", None)  # open: carried into September
    world.case(up, "D1", bien_hoa, "2025-06-10 08:00", "2025-06-12 16:00", None)  # a district's own, open
    for path in paths(mcon):
        with path:
            today = metrics.unit_metrics(mcon, span(*SEP, settings), units="today", settings=settings)
            june = metrics.unit_metrics(mcon, span(*JUN, settings), units="today", settings=settings)
        rows = listed(today)
        # the old commune's item is today's Long Phước's; the district has no successor and stays, with its item
        assert len(rows) == 113 + 1 and old not in rows
        assert rows[new] == (1, 0, 0) and rows[bien_hoa] == (1, 0, 0)
        assert not today.duplicated(["unit_group", "unit_name"]).any()
        # June as today's units: every old commune stands for its successor (95), the 22 districts stay
        assert june.groupby("unit_group").size().to_dict() == {"commune": 95, "district": 22, "department": 18}
        assert listed(june)[new] == (1, 0, 0) and old not in listed(june)


def test_rankings_and_lagging_lists_agree_on_the_listed_units(world, mcon, settings, long_phuoc):
    old, new = long_phuoc
    up = world.upload("cases")
    for i in range(12):  # enough volume to be ranked: 3 late of 12
        done = "2025-09-12 09:00" if i < 3 else "2025-09-08 09:00"
        world.case(up, f"N{i}", new, "2025-09-03 08:00", "2025-09-10 16:00", done)
    frame = metrics.unit_metrics(mcon, span(*SEP, settings), group="commune", settings=settings)
    assert len(frame) == 95 and frame["ranked"].sum() == 1
    assert frame.iloc[0].unit_id == new and frame.iloc[0]["rank"] == 1  # ranked units first
    worst = metrics.worst_units(mcon, span(*SEP, settings), "cases_late_rate", group="commune", settings=settings)
    assert worst.unit_id.tolist() == [new]  # units without data have no rate: never in a lagging list
    assert metrics.kind_by_unit(mcon, "cases", span(*SEP)).unit_id.tolist() == [new]  # the kind tables: with data only


def test_cli_names_are_unique_per_group_in_a_month_after_the_reform(demo_db_template, tmp_path, capsys):
    """The real command on the demo database (August - October 2025 loaded through ingestion)."""
    import shutil

    from oversight.cli import main

    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_template, path)
    for units in ("reported", "today"):
        assert main(["metrics", "--db", str(path), "--from", "2025-09-01", "--to", "2025-09-30", "--units", units]) == 0
        records = json.loads(capsys.readouterr().out)
        names = [(r["unit_group"], r["unit_name"]) for r in records]
        assert len(names) == len(set(names)) == 113
        assert {r["unit_group"] for r in records} == {"commune", "department"}
