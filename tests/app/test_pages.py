"""Every page renders on the fixture database, and the drill-down keeps the period (AppTest)."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from oversight import db as dbmod
from oversight import formatting as fmt
from oversight import metrics
from tests.app.conftest import signed_in
from tests.conftest import ROOT
from tests.metrics.helpers import span

PAGES = {
    "overview.py": "Tổng quan",
    "rankings.py": "Xếp hạng đơn vị",
    "brief.py": "Báo cáo nhanh",
    "tasks.py": "Nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao",
    "cases.py": "Giải quyết thủ tục hành chính",
    "feedback.py": "Phản ánh, kiến nghị (đường dây 1022)",
    "upload.py": "Tải dữ liệu",
    "units_admin.py": "Danh mục đơn vị",
    "admin.py": "Quản trị hệ thống",
    "item.py": "Chi tiết mục",  # opened without naming an item: its message (tests/app/test_item_page.py)
    "map.py": "Bản đồ xã, phường",
    "register.py": "Sổ theo dõi nhắc nhở, phê bình",
}


def _app() -> AppTest:
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)


def test_every_page_file_is_navigable():
    assert {p.name for p in (ROOT / "pages").glob("*.py")} == set(PAGES) | {"unit.py"}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_renders_without_error(app_db, page):
    at = signed_in(app_db, "admin")  # the one role offered every page
    at.run()
    at.switch_page(str(ROOT / "pages" / page)).run()
    assert not at.exception, at.exception
    assert at.title[0].value == PAGES[page]


def test_kind_page_counts_equal_the_metrics(app_db):
    con = dbmod.connection(app_db)
    units = metrics.kind_by_unit(con, "cases", span(date(2025, 10, 1), date(2025, 10, 31)))
    at = _app()
    at.run()
    at.switch_page(str(ROOT / "pages" / "cases.py")).run()
    text = "\n".join(m.value for m in at.markdown)
    assert fmt.number(units["cases_total"].sum()) in text
    late = int(units["cases_resolved_late"].sum() + units["cases_pending_overdue"].sum())
    assert fmt.number(late) in text


def test_clicking_the_worst_bar_opens_that_unit_with_the_same_period(app_db):
    at = _app()
    at.query_params["period"] = "m2025-09"
    at.run()
    bars = json.loads(at.get("plotly_chart")[1].proto.spec)["data"][0]
    worst_name, worst_id = bars["y"][-1], bars["customdata"][-1]  # drawn bottom-up: the last is on top
    at.session_state["overview_worst"] = {
        "selection": {
            "points": [{"customdata": worst_id, "y": worst_name}],
            "point_indices": [0],
            "box": [],
            "lasso": [],
        }
    }
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == worst_name
    assert any("Tháng 09/2025" in c.value for c in at.caption)


def test_unit_page_by_url(app_db):
    con = dbmod.connection(app_db)
    row = metrics.unit_metrics(con, span(date(2025, 9, 1), date(2025, 9, 30)), group="department").iloc[0]
    at = _app()
    at.query_params["period"] = "m2025-09"
    at.query_params["unit"] = str(int(row["unit_id"]))
    at.run()
    at.switch_page(str(ROOT / "pages" / "unit.py"))
    at.query_params["unit"] = str(int(row["unit_id"]))
    at.query_params["period"] = "m2025-09"
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == row["unit_name"]
    assert any("Tháng 09/2025" in c.value for c in at.caption)


def test_overview_lists_the_most_improved_units(app_db):
    con = dbmod.connection(app_db)
    ranking = metrics.unit_metrics(con, span(date(2025, 10, 1), date(2025, 10, 31)))
    up = ranking[ranking["ranked"] & (ranking["movement"] > 0)].sort_values(["movement", "score"], ascending=False)
    at = _app()
    at.run()
    table = at.dataframe(key="overview_improved").value
    assert table["Đơn vị"].tolist() == up["unit_name"].head(10).tolist()
    assert table["Thay đổi"].iloc[0] == f"▲ {int(up['movement'].iloc[0])}"


def test_kind_page_lists_at_most_the_longest_overdue_items(app_db, monkeypatch):
    from oversight.ui import kind_page

    monkeypatch.setattr(kind_page, "ITEMS_SHOWN", 5)
    con = dbmod.connection(app_db)
    items = metrics.overdue_items(con, "cases", span(date(2025, 10, 1), date(2025, 10, 31)))
    assert len(items) > 5
    at = _app()
    at.run()
    at.switch_page(str(ROOT / "pages" / "cases.py")).run()
    listed = at.dataframe[-1].value  # the units table, then the items list
    assert listed["Mã hồ sơ"].tolist() == items["case_code"].head(5).tolist()
    assert any(f"trong tổng số {fmt.number(len(items))}" in c.value for c in at.caption)


def test_a_kind_page_caches_the_head_of_its_overdue_list_and_its_count(app_db):
    """The kind pages keep only the rows they show and the count in the page cache (issue 15: at 10 million cases
    the whole list was copied out of the cache at every run); the CSV reads the whole list when clicked."""
    from oversight.ui import data

    con = dbmod.connection(app_db)
    period = span(date(2025, 10, 1), date(2025, 10, 31))
    items = metrics.overdue_items(con, "cases", period)
    head, total = data._overdue_head(con, 5, kind="cases", period=period)
    assert total == len(items) > 5
    pd.testing.assert_frame_equal(head, items.head(5))
