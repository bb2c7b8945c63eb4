"""The incremental refresh of the metrics caches (issue 15, oversight.metrics_cache.refresh_mode): after a new
upload, a correction re-export (a case moving unit and changing status), a replacement, a rollback, the demo retired,
a Biểu 06 upload, every cache table holds exactly the rows a forced full rebuild writes (sorted rows compared), and
the incremental path is the one that ran. The fallbacks (first build, force, another cut-off, rows changed outside
the uploads, a change touching most items) rebuild in full.

The random province of test_month_cache (carried-over, paused, returned, no-deadline, done-by-status, backdated
items, re-exported and replaced uploads, Biểu 06 aggregates) is the starting point."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from oversight import metrics, metrics_cache, periods
from oversight.ingest.load import rollback
from tests.metrics.test_month_cache import build_world

CACHE_TABLES = (
    "metrics_item_cache",
    "metrics_unit_cache",
    "metrics_upload_days",
    "metrics_month_counts",
    "metrics_month_units",
    "metrics_month_totals",
    "metrics_cache_months",
)


def snapshot(con) -> dict[str, list[tuple]]:
    """Every cache table's rows, sorted (the physical order differs after an incremental refresh)."""
    return {table: con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall() for table in CACHE_TABLES}  # noqa: S608


def assert_incremental_equals_full(con, s) -> dict[str, list[tuple]]:
    """The incremental refresh runs (not the fallback) and leaves every cache table as a forced full rebuild does."""
    assert metrics_cache.refresh_mode(con, settings=s) == metrics_cache.INCREMENTAL
    incremental = snapshot(con)
    assert metrics_cache.refresh_mode(con, force=True, settings=s) == metrics_cache.FULL
    full = snapshot(con)
    for table in CACHE_TABLES:
        assert incremental[table] == full[table], table
    return full


@pytest.fixture
def always_incremental(monkeypatch):
    """The share limits off, so a change touching many months of the small test province still goes the
    incremental way (the limits are a cost estimate, not a correctness rule)."""
    monkeypatch.setattr(metrics_cache, "INCREMENTAL_MAX_ITEM_SHARE", 1.0)
    monkeypatch.setattr(metrics_cache, "INCREMENTAL_MAX_MONTH_SHARE", 1.0)


@pytest.mark.parametrize("cutoff", periods.CUTOFFS)
def test_every_change_of_uploads_leaves_the_caches_as_a_full_rebuild(world, mcon, settings, always_incremental, cutoff):
    s = replace(settings, period_cutoff=cutoff)
    build_world(world)
    assert metrics_cache.refresh_mode(mcon, settings=s) == metrics_cache.FULL  # the first build
    assert metrics_cache.refresh_mode(mcon, settings=s) == ""  # nothing changed since
    base = snapshot(mcon)
    new_unit, other = world.unit("Xã Long Phước", valid="new"), world.unit("Xã Xuân Hòa", valid="new")
    old_unit = world.unit("Phường Quang Vinh", valid="old")

    # a new month (July 2026, after the data): new, resolved, late, open cases; the span grows by a month
    july = world.upload("cases")
    world.case(july, "F1", new_unit, "2026-07-02 08:00", "2026-07-05 17:00", "2026-07-09 08:00")
    world.case(july, "F2", other, "2026-07-03 08:00", "2026-07-10 17:00", "2026-07-04 08:00", channel="online")
    world.case(july, "F3", new_unit, "2026-07-20 08:00", "2026-08-20 17:00", None)
    world.case(july, "F4", other, "2026-07-21 08:00", None, None, status="paused", field=None)
    grown = assert_incremental_equals_full(mcon, s)
    assert len(grown["metrics_cache_months"]) > len(base["metrics_cache_months"])

    # a case received long ago and left open for months, then a correction re-export of it and of earlier cases:
    # one moves unit and is resolved late, one is resolved, the old open one is finished months later elsewhere
    long_open = world.upload("cases")
    world.case(long_open, "LONG", old_unit, "2024-12-03 08:00", "2024-12-20 17:00", None, status="open_overdue")
    world.task(long_open, "NV-LONG", old_unit, "2024-11-20 08:00", "2025-01-10 17:00", None)
    world.feedback(long_open, "PA-LONG", old_unit, "2024-11-25 08:00", "2024-12-25 17:00", None)
    assert_incremental_equals_full(mcon, s)
    fix = world.upload("cases")
    world.case(fix, "LONG", new_unit, "2024-12-03 08:00", "2024-12-20 17:00", "2025-09-02 10:00", field="Đất đai")
    world.case(fix, "HS3", other, "2025-03-01 08:00", "2025-03-04 17:00", "2025-03-09 08:00", status="done_late")
    world.case(fix, "HS4", new_unit, "2025-08-01 08:00", "2025-08-10 17:00", "2025-08-02 08:00", channel="online")
    world.case(fix, "F3", other, "2026-07-20 08:00", "2026-08-20 17:00", "2026-07-25 08:00")
    world.case(fix, "BACK", other, "2025-09-10 08:00", "2025-09-20 17:00", "2025-06-01 08:00")  # backdated
    tasks_fix = world.upload("tasks")
    world.task(tasks_fix, "NV-LONG", new_unit, "2024-11-20 08:00", "2025-01-10 17:00", "2025-05-05 08:00")
    world.task(tasks_fix, "NV3", other, "2025-04-01 08:00", None, None, due_text="Thường xuyên")
    feedback_fix = world.upload("feedback")
    world.feedback(feedback_fix, "PA-LONG", other, "2024-11-25 08:00", "2024-12-25 17:00", "2025-02-01 08:00",
                   rating="satisfied")  # fmt: skip
    assert_incremental_equals_full(mcon, s)

    # a replacement: the July upload replaced by a corrected file (F2 gone, F1 on time, F5 new)
    july_fix = world.upload("cases")
    world.case(july_fix, "F1", new_unit, "2026-07-02 08:00", "2026-07-05 17:00", "2026-07-04 08:00")
    world.case(july_fix, "F5", new_unit, "2026-07-11 08:00", "2026-07-12 17:00", None, status="done_on_time")
    mcon.execute("UPDATE uploads SET state = 'replaced', replaced_by = ? WHERE upload_id = ?", [july_fix, july])
    assert_incremental_equals_full(mcon, s)

    # rolling back: the correction (the July upload's version comes back), then the re-exports
    assert rollback(mcon, july_fix, "test") == [july]
    assert_incremental_equals_full(mcon, s)
    for upload in (fix, tasks_fix, feedback_fix):
        rollback(mcon, upload, "test")
    assert_incremental_equals_full(mcon, s)

    # a Biểu 06 upload for a month after the data: the span grows, no item changes
    later = periods.month(2026, 9)
    stats = world.upload("case_stats", period=(later.start, later.end))
    world.case_stat(stats, world.unit("Sở Xây dựng"), (later.start, later.end), 1, 1, 0, 1, 1, 0, 0, 0)
    assert_incremental_equals_full(mcon, s)

    # rolling back the new month and the Biểu 06 upload: the span shrinks back, months are dropped
    rollback(mcon, stats, "test")
    rollback(mcon, july, "test")
    rollback(mcon, long_open, "test")
    final = assert_incremental_equals_full(mcon, s)
    assert final == base  # back where it started


def test_several_incremental_refreshes_in_a_row_end_as_one_full_rebuild(world, mcon, settings, always_incremental):
    build_world(world, seed=11)
    metrics_cache.refresh_mode(mcon, settings=settings)
    unit, other = world.unit("Xã Long Phước", valid="new"), world.unit("Sở Tư pháp")
    uploads = []
    for month in (11, 12):  # two months after the data's October ... and back into it
        up = world.upload("cases")
        uploads.append(up)
        for i in range(12):
            received = datetime(2025, month, 1 + i, 8) + timedelta(hours=i)
            done = None if i % 4 == 0 else received + timedelta(days=i % 7)
            world.case(up, f"M{month}-{i}", unit if i % 2 else other, received, received + timedelta(days=3), done)
        world.case(up, f"HS{month}", other, "2025-01-05 08:00", "2025-01-09 17:00", None)  # an old case, reopened
        assert metrics_cache.refresh_mode(mcon, settings=settings) == metrics_cache.INCREMENTAL
    rollback(mcon, uploads[0], "test")
    assert metrics_cache.refresh_mode(mcon, settings=settings) == metrics_cache.INCREMENTAL
    incremental = snapshot(mcon)
    metrics_cache.refresh_mode(mcon, force=True, settings=settings)
    assert snapshot(mcon) == incremental


def test_retiring_part_of_the_uploads_as_the_demo_is_incremental(world, mcon, settings, always_incremental):
    build_world(world)
    metrics_cache.refresh_mode(mcon, settings=settings)
    tasks = mcon.execute("SELECT upload_id FROM uploads WHERE kind = 'tasks'").fetchone()[0]
    mcon.execute("UPDATE uploads SET origin = 'demo', demo_retired_at = now() WHERE upload_id = ?", [tasks])
    full = assert_incremental_equals_full(mcon, settings)
    assert not [row for row in full["metrics_item_cache"] if row[0] == "tasks"]


def test_the_figures_after_an_incremental_refresh_are_those_of_the_items(world, mcon, settings):
    build_world(world)
    oct_ = periods.month(2025, 10)
    before = metrics.province_kpis(mcon, oct_, settings)
    up = world.upload("cases")
    world.case(up, "N1", world.unit("Xã Long Phước", valid="new"), "2025-10-02 08:00", "2025-10-05 17:00",
               "2025-10-09 08:00")  # fmt: skip
    assert metrics_cache.refresh_mode(mcon, settings=settings) == metrics_cache.INCREMENTAL
    after = metrics.province_kpis(mcon, oct_, settings)
    assert (after["cases_total"], after["cases_resolved_late"]) == (
        before["cases_total"] + 1,
        before["cases_resolved_late"] + 1,
    )


def test_what_the_incremental_path_cannot_be_sure_of_is_rebuilt_in_full(world, mcon, settings):
    build_world(world)
    assert metrics_cache.refresh_mode(mcon, settings=settings) == metrics_cache.FULL  # no state yet
    unit = world.unit("Xã Long Phước", valid="new")
    # a row added to an upload already counted (not a new upload): the change is not only uploads
    existing = mcon.execute("SELECT min(upload_id) FROM uploads WHERE kind = 'cases' AND state = 'active'").fetchone()
    world.case(existing[0], "LATE-ROW", unit, "2025-10-02 08:00", "2025-10-05 17:00", None)
    assert metrics_cache.refresh_mode(mcon, settings=settings) == metrics_cache.FULL
    # another cut-off setting than the one the caches were built for
    up = world.upload("cases")
    world.case(up, "N1", unit, "2025-10-02 08:00", "2025-10-05 17:00", None)
    decree = replace(settings, period_cutoff=periods.DECREE09)
    assert metrics_cache.refresh_mode(mcon, settings=decree) == metrics_cache.FULL
    # forced (a unit renamed or merged)
    assert metrics_cache.refresh_mode(mcon, force=True, settings=decree) == metrics_cache.FULL
    # a change marking most of the cached items (every case upload rolled back)
    for (upload_id,) in mcon.execute(
        "SELECT upload_id FROM uploads WHERE kind = 'cases' AND state = 'active'"
    ).fetchall():
        mcon.execute("UPDATE uploads SET state = 'rolled_back' WHERE upload_id = ?", [upload_id])
    assert metrics_cache.refresh_mode(mcon, settings=decree) == metrics_cache.FULL
    assert mcon.execute("SELECT count(*) FROM metrics_cache_dirty").fetchone()[0] == 0
