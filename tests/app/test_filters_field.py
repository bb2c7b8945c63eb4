"""The field (lĩnh vực) filter in the shared sidebar: choosing a field changes the overview's KPI cards to the
figures of that field, the subtitle names it, and the URL keeps it (AppTest).

The province (October 2025), by hand:
  Xã Long Phước  C1 Đất đai resolved late; C2 Đất đai resolved early; C3 Hộ tịch pending overdue;
                 C4 Hộ tịch pending on time
  Xã Xuân Hòa    C5 Hộ tịch resolved early; C6 Hộ tịch pending overdue
  Sở Xây dựng    Biểu 06, Đất đai: 5 cases, 1 resolved late, 1 pending overdue
  Sở Y tế        tasks: T1 Đất đai done late, T2 Tổng hợp done on time
  Xã Long Phước  feedback: F1 Đất đai done on time

Every field: cases 6 + 5 = 11, resolved late 1 + 1 = 2, pending overdue 2 + 1 = 3, late rate 5/11 = 45,5 %;
tasks overdue 1/2 = 50,0 %. Đất đai: cases 2 + 5 = 7, resolved late 2, pending overdue 1, late rate 3/7 =
42,9 %; tasks overdue 1/1 = 100,0 %; feedback overdue 0/1 = 0,0 %.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from oversight import db as dbmod
from tests.app.conftest import signed_in
from tests.metrics.helpers import World

OCT = (date(2025, 10, 1), date(2025, 10, 31))
LAND = "Đất đai"


@pytest.fixture
def fields_db(tmp_path, monkeypatch, app_db):
    """The hand-computed province above in the app's database (app_db's settings, emptied of the demo data)."""
    con = dbmod.connection(app_db)
    for table in ("tasks", "cases", "case_stats", "feedback", "upload_rejects", "uploads"):
        con.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed names)
    w = World(con)
    lp, xh = w.unit("Xã Long Phước", valid="new"), w.unit("Xã Xuân Hòa", valid="new")
    cases = w.upload("cases")
    w.case(cases, "C1", lp, "2025-10-02 08:00", "2025-10-05 16:00", "2025-10-07 09:00", field=LAND)
    w.case(cases, "C2", lp, "2025-10-03 08:00", "2025-10-10 16:00", "2025-10-08 09:00", "online", field=LAND)
    w.case(cases, "C3", lp, "2025-10-06 08:00", "2025-10-20 16:00", None, field="Hộ tịch")
    w.case(cases, "C4", lp, "2025-10-10 08:00", "2025-11-10 16:00", None, field="Hộ tịch")
    w.case(cases, "C5", xh, "2025-10-02 08:00", "2025-10-04 16:00", "2025-10-03 09:00", field="Hộ tịch")
    w.case(cases, "C6", xh, "2025-10-05 08:00", "2025-10-06 16:00", None, field="Hộ tịch")
    stats = w.upload("case_stats", period=OCT)
    w.case_stat(stats, w.unit("Sở Xây dựng"), OCT, 2, 2, 1, 1, 1, 1, 1, 1, field=LAND)
    tasks = w.upload("tasks")
    w.task(tasks, "T1", w.unit("Sở Y tế"), "2025-10-01", "2025-10-10", "2025-10-12", field=LAND)
    w.task(tasks, "T2", w.unit("Sở Y tế"), "2025-10-01", "2025-10-20", "2025-10-15", field="Tổng hợp")
    feedback = w.upload("feedback")
    w.feedback(feedback, "F1", lp, "2025-10-01 08:00", "2025-10-10", "2025-10-09 08:00", rating="satisfied", field=LAND)
    return app_db


def card(at, label: str) -> str:
    """The figure of the KPI card called `label` on the page."""
    for block in at.markdown:
        if f">{label}</div>" in block.value:
            return re.search(r"font-weight:700[^>]*>([^<]*)</div>", block.value).group(1)
    raise AssertionError(f"no card {label!r}")


def cards(at) -> dict[str, str]:
    return {
        "cases_late": card(at, "Hồ sơ TTHC trễ hạn"),  # resolved late + pending overdue
        "cases_late_rate": card(at, "Tỷ lệ hồ sơ TTHC trễ hạn"),
        "cases_pending_overdue": card(at, "Hồ sơ đang giải quyết quá hạn"),
        "tasks_overdue_rate": card(at, "Tỷ lệ nhiệm vụ quá hạn"),
        "feedback_overdue_rate": card(at, "Tỷ lệ phản ánh, kiến nghị quá hạn"),
    }


def test_choosing_a_field_changes_the_kpis_and_the_url_keeps_it(fields_db):
    at = signed_in(fields_db, "admin")
    at.query_params["period"] = "m2025-10"
    at.run()
    assert not at.exception, at.exception
    assert cards(at) == {
        "cases_late": "5",
        "cases_late_rate": "45,5 %",
        "cases_pending_overdue": "3",
        "tasks_overdue_rate": "50,0 %",
        "feedback_overdue_rate": "0,0 %",
    }
    picker = at.selectbox(key="f_field")
    assert picker.label == "Lĩnh vực"
    assert picker.options[0] == "Tất cả lĩnh vực"
    assert picker.value == ""  # every field
    picker.select(LAND).run()
    assert not at.exception, at.exception
    assert cards(at) == {
        "cases_late": "3",
        "cases_late_rate": "42,9 %",
        "cases_pending_overdue": "1",
        "tasks_overdue_rate": "100,0 %",
        "feedback_overdue_rate": "0,0 %",
    }
    assert any("Lĩnh vực: Đất đai" in c.value for c in at.caption)
    assert at.query_params["field"] == LAND
    assert at.query_params["period"] == "m2025-10"

    at.selectbox(key="f_field").select("").run()  # back to every field: the URL drops it
    assert "field" not in at.query_params
    assert card(at, "Tỷ lệ hồ sơ TTHC trễ hạn") == "45,5 %"


def test_a_field_in_the_url_is_applied_on_arrival(fields_db):
    at = signed_in(fields_db, "admin")
    at.query_params["period"] = "m2025-10"
    at.query_params["field"] = "Hộ tịch"
    at.run()
    assert not at.exception, at.exception
    assert at.selectbox(key="f_field").value == "Hộ tịch"
    # Hộ tịch: C3, C4, C5, C6; resolved late 0, pending overdue 2 (C3, C6): late rate 2/4; no task, no feedback
    assert card(at, "Tỷ lệ hồ sơ TTHC trễ hạn") == "50,0 %"
    assert card(at, "Hồ sơ đang giải quyết quá hạn") == "2"
    assert card(at, "Tỷ lệ nhiệm vụ quá hạn") == "—"
