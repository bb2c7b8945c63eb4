"""Every .sql file under queries/ (except schema/ and staging/) names exactly the parameters the code passes
(oversight.metrics.QUERY_PARAMS) and runs against a fixture database with them; every staging file is one
CREATE OR REPLACE statement (db.create_views runs them in sorted order)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from oversight import access, db, metrics, metrics_cache
from oversight.config import QUERIES_DIR
from tests.metrics.helpers import ending, span, with_data

OWNED = ("metrics", "rankings", "drilldown", "checks")
ALL_FILES = sorted(
    str(p.relative_to(QUERIES_DIR).with_suffix(""))
    for p in QUERIES_DIR.rglob("*.sql")
    if p.relative_to(QUERIES_DIR).parts[0] in OWNED
)

# One example value per parameter name, typed as the code passes it.
SAMPLE = {
    "from": date(2025, 10, 1),
    "to": date(2025, 10, 31),
    "day": date(2025, 10, 31),
    "prev_from": date(2025, 9, 1),
    "prev_to": date(2025, 9, 30),
    "units": "today",
    "group": "all",
    "unit": None,
    "field": "Hộ tịch",
    "upload": None,
    "kind": "cases",
    "code": "C1",
    "key": "C1",
    "row": 2,
    "outcomes": ["resolved_late", "pending_overdue"],
    "metric": "cases_late_rate",
    "limit": 10,
    "backdated": True,
    "month_from": [date(2025, 9, 1), date(2025, 10, 1)],
    "month_to": [date(2025, 9, 30), date(2025, 10, 31)],
    "band_names": ["Tốt", "Khá", "Trung bình"],
    "band_mins": [90.0, 80.0, 65.0],
    "lowest_band": "Yếu",
    **metrics.scoring_params(),
}


def test_every_query_file_is_known_to_the_code():
    assert ALL_FILES, "no query files found"
    assert set(ALL_FILES) - set(metrics.QUERY_PARAMS) == set(), "a query file the code never runs"
    assert set(metrics.QUERY_PARAMS) - set(ALL_FILES) == set(), "a query name without a file"


@pytest.mark.parametrize("name", ALL_FILES)
def test_file_parameters_match_the_code(name):
    # Item lists also take $allowed, which run_query binds from the current principal (oversight.access).
    implied = {access.ALLOWED_PARAM} if name.startswith("drilldown/") else set()
    assert db.sql_params(db.load_sql(name)) == set(metrics.QUERY_PARAMS[name]) | implied


@pytest.fixture
def loaded(world, mcon):
    unit = world.unit("Xã Long Phước", valid="new")
    up = world.upload("cases")
    world.case(up, "C1", unit, "2025-10-02 08:00", "2025-10-05 16:00", None)
    world.case(up, "C2", unit, "2025-09-02 08:00", "2025-09-05 16:00", "2025-09-04 08:00", channel="online")
    stats = world.upload("case_stats", period=(date(2025, 10, 1), date(2025, 10, 31)))
    world.case_stat(stats, world.unit("Sở Tư pháp"), (date(2025, 10, 1), date(2025, 10, 31)), 1, 1, 0, 1, 1, 0, 0, 0)
    tasks = world.upload("tasks")
    world.task(tasks, "T1", world.unit("Sở Y tế"), "2025-10-01", "2025-10-10", None)
    fb = world.upload("feedback")
    world.feedback(
        fb, "F1", world.unit("Sở Y tế"), "2025-10-01 08:00", "2025-10-10", "2025-10-09 08:00", rating="satisfied"
    )
    return mcon


@pytest.mark.parametrize("name", ALL_FILES)
def test_every_file_runs_with_the_parameters_the_code_passes(loaded, name):
    params = {k: SAMPLE[k] for k in metrics.QUERY_PARAMS[name]}
    if name.endswith("_served"):  # answers every field only (test_served.py: and raises when asked otherwise)
        params["field"] = None
        if "w_tasks" in params:  # the finished scores it reads (oversight.metrics builds them before asking)
            metrics_cache.refresh_cache(loaded)
            metrics_cache.ensure_months(loaded, metrics._ranges(params))
            metrics_cache.ensure_scores(loaded, metrics._ranges(params), metrics.scoring_params())
    frame = metrics._run(loaded, name, **params)
    if name.split("/")[0] != "checks":  # checks return offending rows: none on clean data
        return
    assert frame.empty, frame


def test_the_api_runs_every_query_on_the_fixture(loaded, settings):
    oct_ = (date(2025, 10, 1), date(2025, 10, 31))
    assert len(with_data(metrics.unit_metrics(loaded, span(*oct_, settings), settings=settings))) == 3
    assert metrics.province_kpis(loaded, span(*oct_, settings), settings=settings)["cases_total"] == 3
    assert len(metrics.monthly_trend(loaded, ending(date(2025, 10, 1)), 3, settings=settings)) == 3
    assert (
        len(metrics.worst_units(loaded, span(*oct_, settings), "score", settings=settings)) == 0
    )  # nobody has volume 10
    for kind in metrics.KINDS:
        metrics.overdue_items(loaded, kind, span(*oct_), group="commune")
        metrics.field_breakdown(loaded, kind, span(*oct_))
        metrics.kind_by_unit(loaded, kind, span(*oct_))
    assert metrics.data_range(loaded) == (date(2025, 9, 2), date(2025, 10, 31))
    assert all(frame.empty for frame in metrics.data_quality(loaded).values())


def test_staging_files_are_single_create_or_replace_statements():
    files = sorted((QUERIES_DIR / "staging").glob("*.sql"))
    assert files
    for path in files:
        body = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("--"))
        assert body.lstrip().lower().startswith(("create or replace view", "create or replace macro")), path.name
        assert ";" not in body, f"{path.name}: one statement per file"


def test_data_range_is_the_span_the_exports_declare_not_carried_items(mcon):
    from tests.metrics.helpers import World

    world = World(mcon)
    up = world.upload("cases", period=(date(2025, 9, 1), date(2025, 10, 31)))
    unit = world.unit("Xã Long Phước", valid="new")
    # a case received long before the declared span, still pending: it does not widen the span
    world.case(up, "C-OLD", unit, received=datetime(2024, 11, 20, 9), due=datetime(2024, 12, 5, 17))
    world.case(up, "C-NEW", unit, received=datetime(2025, 9, 3, 9), due=datetime(2025, 9, 10, 17))
    assert metrics.data_range(mcon) == (date(2025, 9, 1), date(2025, 10, 31))
