"""The page «Bản đồ» in AppTest on the demo: the map of today's 95 communes, the lineage note for a period before
the reform, and a selected commune opening its unit page in the view the map computed in."""

from __future__ import annotations

import json
from datetime import date

from streamlit.testing.v1 import AppTest

from oversight import db as dbmod
from oversight import geo, metrics
from tests.conftest import ROOT
from tests.metrics.helpers import span


def _map(period: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["period"] = period
    at.run()
    at.switch_page(str(ROOT / "pages" / "map.py"))
    at.query_params["period"] = period
    at.run()
    assert not at.exception, at.exception
    return at


def _traces(at: AppTest) -> list[dict]:
    return json.loads(at.get("plotly_chart")[0].proto.spec)["data"]


def test_the_map_after_the_reform_draws_every_commune(app_db):
    at = _map("m2025-09")
    assert at.title[0].value == "Bản đồ xã, phường"
    traces = _traces(at)
    assert sum(len(t["locations"]) for t in traces) == 95
    assert all(t["type"] == "choroplethmap" for t in traces)
    assert geo.LINEAGE_NOTE not in [i.value for i in at.info]  # after the reform the sidebar's view is the map's
    assert any(c.value == geo.ATTRIBUTION for c in at.caption)


def test_before_the_reform_the_map_adds_old_communes_to_todays_and_opens_the_unit_in_that_view(app_db):
    """The year 2025 (it begins before 1/7/2025) under «Như khi báo cáo»: the map says it computes in today's units;
    a commune selected on it opens its page with the view switched to «Theo đơn vị hiện nay», so the page shows the
    figures the map showed. (The demo's communes have data from August 2025; the awkward province's old wards on
    today's map: tests/map/test_map_values.py.)"""
    at = _map("y2025")
    assert geo.LINEAGE_NOTE in [i.value for i in at.info]
    con = dbmod.connection(app_db)
    today = metrics.unit_metrics(con, span(date(2025, 1, 1), date(2025, 12, 31)), group="commune", units="today")
    row = today.dropna(subset=["score"]).iloc[0]
    drawn = {c[0]: c[1] for t in _traces(at) for c in t["customdata"]}
    assert int(row["unit_id"]) in drawn
    at.session_state["commune_map_score"] = {
        "selection": {"points": [{"customdata": [int(row["unit_id"]), row["unit_name"], ""]}], "point_indices": [0], "box": [], "lasso": []}
    }  # fmt: skip
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == row["unit_name"]
    assert at.session_state["f_units"] == "today"
    assert any("Năm 2025" in c.value for c in at.caption)
