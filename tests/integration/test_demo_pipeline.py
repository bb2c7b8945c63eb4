"""The demo province end to end: generator → real ingestion → metrics, checked against the generator's
own independent figures (its manifest), across the 1/7/2025 reform."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from oversight import db as dbmod
from oversight import metrics
from oversight.demo.generator import generate
from oversight.ingest.pipeline import ingest_file
from tests.metrics.helpers import span

MONTHS = [date(2025, 5, 1), date(2025, 6, 1), date(2025, 7, 1)]
pytestmark = pytest.mark.slow  # generates and loads three demo months of its own


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("demo_pipeline")
    manifest = generate(folder / "demo", months=MONTHS)
    con = dbmod.open_database(folder / "db.duckdb")
    results = {}
    for entry in manifest.files:
        plan, result = ingest_file(con, folder / "demo" / entry.file, user="demo", origin="demo")
        results[entry.file] = (plan, result)
    yield manifest, con, results
    con.close()


def _units(con) -> dict[str, int]:
    return dict(con.execute("SELECT registry_key, unit_id FROM units").fetchall())


def test_every_demo_file_loads_whole(loaded):
    manifest, _con, results = loaded
    assert len(manifest.files) == 4 * len(MONTHS)
    for entry in manifest.files:
        plan, result = results[entry.file]
        assert plan.error is None, (entry.file, plan.error)
        assert plan.kind == entry.kind, entry.file
        assert result.status == "loaded", (entry.file, result.message)
        assert (result.rows_loaded, result.rows_rejected) == (entry.rows, 0), entry.file


def test_distinct_items_match_the_generator(loaded):
    manifest, con, _ = loaded
    counts = {
        "cases": con.execute("SELECT count(DISTINCT case_code) FROM cases").fetchone()[0],
        "tasks": con.execute("SELECT count(DISTINCT item_key) FROM tasks").fetchone()[0],
        "feedback": con.execute("SELECT count(DISTINCT feedback_code) FROM feedback").fetchone()[0],
    }
    assert counts == manifest.totals


def test_bieu_06_column_totals_match(loaded):
    manifest, con, results = loaded
    for entry in (e for e in manifest.files if e.kind == "case_stats"):
        upload = results[entry.file][1].upload_id
        sums = con.execute(
            "SELECT " + ", ".join(f"sum({c})" for c in entry.columns) + " FROM case_stats WHERE upload_id = ?",
            [upload],
        ).fetchone()
        assert dict(zip(entry.columns, sums, strict=True)) == entry.totals, entry.file


@pytest.mark.parametrize("kind", ["cases", "tasks", "feedback"])
def test_metrics_per_unit_equal_the_generators_own_classification(loaded, kind):
    """The generator classifies its simulated items by METRICS.md itself; the SQL must agree unit by unit."""
    manifest, con, _ = loaded
    ids = _units(con)
    rename = {"rated": "feedback_rated", "satisfied": "feedback_satisfied"}
    for entry in (e for e in manifest.files if e.kind == kind):
        start = date.fromisoformat(entry.period_from)
        end = date.fromisoformat(entry.period_to)
        expected = pd.DataFrame.from_dict(
            entry.units, orient="index", columns=[rename.get(c, c) for c in entry.columns]
        )
        expected.index = [ids[k] for k in expected.index]
        got = metrics.kind_by_unit(con, kind, span(start, end)).astype({"unit_id": "int64"}).set_index("unit_id")
        got = got.loc[:, list(expected.columns)].astype("int64")
        expected = expected[(expected != 0).any(axis=1)].sort_index()
        got = got[(got != 0).any(axis=1)].sort_index()
        pd.testing.assert_frame_equal(got, expected, check_names=False, obj=entry.file)


def test_reform_month_shows_old_units_before_and_new_after(loaded):
    _manifest, con, _ = loaded
    june = metrics.unit_metrics(con, span(date(2025, 6, 1), date(2025, 6, 30)), group="commune")
    july = metrics.unit_metrics(con, span(date(2025, 7, 1), date(2025, 7, 31)), group="commune")
    assert "Phường Quang Vinh" in set(june["unit_name"]) and "Phường Trấn Biên" not in set(june["unit_name"])
    assert "Phường Trấn Biên" in set(july["unit_name"]) and "Phường Quang Vinh" not in set(july["unit_name"])
    district = metrics.unit_metrics(con, span(date(2025, 6, 1), date(2025, 6, 30)), group="district")
    assert (
        len(district) > 0
        and metrics.unit_metrics(con, span(date(2025, 7, 1), date(2025, 7, 31)), group="district").empty
    )
    today = metrics.unit_metrics(con, span(date(2025, 6, 1), date(2025, 6, 30)), group="commune", units="today")
    tran_bien = today[today["unit_name"] == "Phường Trấn Biên"]
    assert len(tran_bien) == 1 and tran_bien["cases_total"].iloc[0] > 0
