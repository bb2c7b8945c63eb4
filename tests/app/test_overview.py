"""The overview page through Streamlit's AppTest, checked against the metrics computed directly."""

from __future__ import annotations

import json
from datetime import date

from streamlit.testing.v1 import AppTest

from oversight import db as dbmod
from oversight import formatting as fmt
from oversight import metrics
from tests.conftest import ROOT
from tests.metrics.helpers import span


def _app() -> AppTest:
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def _expected(path, start, end):
    con = dbmod.open_database(path)
    try:
        return metrics.province_kpis(con, span(start, end)), metrics.worst_units(
            con, span(start, end), "score", limit=10
        )
    finally:
        con.close()


def test_overview_shows_the_latest_month_with_its_figures(app_db):
    kpis, worst = _expected(app_db, date(2025, 10, 1), date(2025, 10, 31))
    at = _app()
    at.run()
    assert not at.exception
    assert at.title[0].value == "Tổng quan"
    assert any("Tháng 10/2025" in c.value for c in at.caption)
    text = _markdown(at)
    assert fmt.percent(kpis["tasks_overdue_rate"]) in text
    assert fmt.number(kpis["cases_resolved_late"] + kpis["cases_pending_overdue"]) in text  # «Hồ sơ TTHC trễ hạn»
    assert any(f"đã giải quyết quá hạn {fmt.number(kpis['cases_resolved_late'])} +" in c.value for c in at.caption)
    assert fmt.percent(kpis["cases_late_rate"]) in text
    assert fmt.number(kpis["cases_pending_overdue"]) in text
    assert fmt.percent(kpis["feedback_overdue_rate"]) in text
    assert at.query_params["period"] == ["m2025-10"] or at.query_params["period"] == "m2025-10"
    # the worst-units chart carries the same ten units, worst first at the top (plotted bottom-up)
    trend_chart, worst_chart = (json.loads(c.proto.spec) for c in at.get("plotly_chart"))
    assert [t["name"] for t in trend_chart["data"]] == [
        "Nhiệm vụ quá hạn",
        "Hồ sơ TTHC trễ hạn",
        "Phản ánh, kiến nghị quá hạn",
    ]
    bars = worst_chart["data"][0]
    assert bars["y"][::-1] == worst["unit_name"].tolist()  # worst first, drawn at the top
    assert bars["customdata"][::-1] == worst["unit_id"].tolist()


def test_period_from_the_url_is_kept_and_changes_the_figures(app_db):
    kpis, _ = _expected(app_db, date(2025, 9, 1), date(2025, 9, 30))
    at = _app()
    at.query_params["period"] = "m2025-09"
    at.run()
    assert not at.exception
    assert at.selectbox(key="f_period").value == "m2025-09"
    assert fmt.number(kpis["cases_resolved_late"] + kpis["cases_pending_overdue"]) in _markdown(at)


def test_previous_period_change_is_shown(app_db):
    kpis, _ = _expected(app_db, date(2025, 10, 1), date(2025, 10, 31))
    at = _app()
    at.run()
    late, prev = kpis, kpis["previous"]  # the card «Hồ sơ TTHC trễ hạn»: resolved late + pending overdue
    expected = fmt.change_count(
        late["cases_resolved_late"] + late["cases_pending_overdue"],
        prev["cases_resolved_late"] + prev["cases_pending_overdue"],
    )
    assert any(f"So với kỳ trước: {expected}" == c.value for c in at.caption)


def test_group_filter_goes_to_the_url_and_limits_the_ranking(app_db):
    at = _app()
    at.run()
    at.selectbox(key="f_group").set_value("department").run()
    assert not at.exception
    qp = at.query_params["group"]
    assert qp in ("department", ["department"])
    names = json.loads(at.get("plotly_chart")[-1].proto.spec)["data"][0]["y"]
    assert names
    assert not [n for n in names if n.startswith(("Xã ", "Phường ", "Huyện ", "Thị trấn "))]


def test_demo_data_is_labelled_on_the_overview_until_real_data_comes(app_db, demo_files):
    from oversight.ingest.pipeline import commit, prepare
    from tests.app.test_upload import _edited

    at = _app()
    at.run()
    assert any("dữ liệu minh họa" in i.value for i in at.info)
    con = dbmod.connection(app_db)
    plan = prepare(_edited(demo_files / "2025-10_phan_anh_1022.xlsx"), "phan_anh.xlsx", con)
    assert commit(con, plan, "Nguyễn Văn A, VP UBND tỉnh").status == "loaded"
    at = _app()
    at.run()
    assert not any("dữ liệu minh họa" in i.value for i in at.info)
    # the sidebar says once that the demo left the figures, and when
    from tests.app.conftest import signed_in

    at = signed_in(app_db, "leader")
    at.run()
    assert not at.exception
    notice = f"Dữ liệu minh họa đã được gỡ khỏi số liệu khi tải dữ liệu thật đầu tiên ({date.today():%d/%m/%Y})."
    assert [c.value for c in at.sidebar.caption].count(notice) == 1
