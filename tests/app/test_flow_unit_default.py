"""The unit page opened without a unit (from the menu) shows the period's worst unit of the sidebar's group and
says so; the expected unit is the lowest score of the same metrics the rankings page lists (AppTest, demo data)."""

from __future__ import annotations

from datetime import date

from streamlit.testing.v1 import AppTest

from oversight import db as dbmod
from oversight import formatting as fmt
from oversight import metrics
from tests.conftest import ROOT
from tests.metrics.helpers import span


def test_unit_page_without_a_unit_opens_the_worst(app_db):
    con = dbmod.connection(app_db)
    frame = metrics.unit_metrics(con, span(date(2025, 9, 1), date(2025, 9, 30)), group="commune")
    ranked = frame[frame["ranked"]]
    worst = ranked[ranked["score"] == ranked["score"].min()].sort_values("unit_name").iloc[-1]
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["period"] = "m2025-09"
    at.query_params["group"] = "commune"
    at.run()
    at.switch_page(str(ROOT / "pages" / "unit.py"))
    at.query_params["period"] = "m2025-09"
    at.query_params["group"] = "commune"
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == worst["unit_name"]
    said = [c.value.replace("\\", "") for c in at.caption if c.value.startswith("Chưa chọn đơn vị")]  # unescaped
    assert said == [
        f"Chưa chọn đơn vị nên trang mở đơn vị có điểm thấp nhất kỳ này (Cấp xã): {worst['unit_name']}, điểm "
        f"{fmt.number(worst['score'], 1)}, xếp loại {worst['band']}. Chọn đơn vị khác ở ô «Đơn vị»."
    ]
