"""The map's values per commune on the awkward province (tests/province/awkward.py), checked by hand: what each
feature shows for a period, and an old commune's figures on today's ward through the lineage."""

from __future__ import annotations

import shutil
from datetime import date

import pandas as pd
import pytest

from oversight import db as dbmod
from oversight import geo, metrics
from oversight.config import load_settings
from tests.metrics.helpers import span

OCTOBER = span(date(2025, 10, 1), date(2025, 10, 31))
MAY = span(date(2025, 5, 1), date(2025, 5, 31))
REFORM = date(2025, 7, 1)
LONG_PHUOC, PHU_LY, TRAN_BIEN = "26413", "26173", "26041"


@pytest.fixture(scope="module")
def awkward(awkward_db, tmp_path_factory):
    """A copy of the awkward province (the metrics refresh their cache tables: the shared file stays read only)."""
    path = tmp_path_factory.mktemp("map_awkward") / "oversight.duckdb"
    shutil.copy(awkward_db, path)
    con = dbmod.open_database(path)
    yield con
    con.close()


def map_of(con, period, metric, units="reported"):
    settings = load_settings()
    boundaries = geo.load_boundaries("75")
    matching = geo.match_features(boundaries.features, geo.registry_communes(con, "75"))
    frame = metrics.unit_metrics(con, period, group="commune", units=units)
    rows = {r.code: r for r in geo.map_rows(boundaries, matching, frame, metric, settings)}
    return rows, matching, frame


def test_october_values_per_commune(awkward):
    """October 2025. Xã Long Phước: 10 cases, late C2 C12 + pending overdue C4 C8 = 4: 40,0 %, above the 5 % target:
    red. Xã Phú Lý Đông (renamed from Xã Phú Lý, the name the boundaries still carry): 4 feedback items, done late
    F2 + open overdue F5 = 2: 50,0 %, red. No other commune has cases or feedback in October: grey.
    Score: Long Phước 100 × 0.6 = 60, band Yếu; Phú Lý Đông has too few items for a score: grey."""
    cases, matching, _ = map_of(awkward, OCTOBER, "cases_late_rate")
    assert cases[LONG_PHUOC].value == pytest.approx(0.4)
    assert cases[LONG_PHUOC].cls == "red"
    assert cases[LONG_PHUOC].name == "Xã Long Phước"
    assert cases[LONG_PHUOC].text == "40,0 % (4 hồ sơ trễ hạn / 10 hồ sơ phải giải quyết)"
    assert [c for c, r in cases.items() if r.value is not None] == [LONG_PHUOC]
    assert {r.cls for c, r in cases.items() if c != LONG_PHUOC} == {"none"}
    assert {r.text for c, r in cases.items() if c != LONG_PHUOC} == {"Chưa có số liệu"}

    feedback, _, _ = map_of(awkward, OCTOBER, "feedback_overdue_rate")
    assert [c for c, r in feedback.items() if r.value is not None] == [PHU_LY]
    assert feedback[PHU_LY].value == pytest.approx(0.5)
    assert feedback[PHU_LY].cls == "red"
    assert feedback[PHU_LY].name == "Xã Phú Lý Đông"
    assert feedback[PHU_LY].text == "50,0 % (2 phản ánh quá hạn / 4 phản ánh, kiến nghị phải xử lý)"
    assert (PHU_LY, "Xã Phú Lý", "Xã Phú Lý Đông") in matching.renamed

    score, _, _ = map_of(awkward, OCTOBER, "score")
    assert score[LONG_PHUOC].value == pytest.approx(60.0)
    assert (score[LONG_PHUOC].cls, score[LONG_PHUOC].text) == ("Yếu", "60,0 điểm (Yếu)")
    assert score[PHU_LY].cls == "none"
    assert score[PHU_LY].text == "Chưa có số liệu (chưa đủ số liệu để tính điểm)"
    # a commune the period does not list still shows the registry's name of today, not the boundaries' older one
    boundaries = geo.load_boundaries("75")
    unlisted = geo.map_rows(boundaries, matching, pd.DataFrame(), "score", load_settings())
    assert next(r for r in unlisted if r.code == PHU_LY).name == "Xã Phú Lý Đông"
    assert sum(r.value is not None for r in score.values()) == 1


def test_old_wards_figures_appear_on_todays_ward_through_the_lineage(awkward):
    """May 2025, before the reform: Phường Quang Vinh (M1 M2 late) and Phường Trung Dũng (M3-M5 early, M6 pending
    overdue) became Phường Trấn Biên. The map computes in today's units for a period before the reform: Trấn Biên
    shows 6 cases, 2 late + 1 pending overdue: 50,0 %, red. Under «Như khi báo cáo» the two old wards have no place
    on today's map: Trấn Biên is grey and both are named as off the map."""
    assert geo.units_mode("reported", MAY.start, REFORM) == "today"
    today, matching, _ = map_of(awkward, MAY, "cases_late_rate", units="today")
    assert today[TRAN_BIEN].value == pytest.approx(0.5)
    assert today[TRAN_BIEN].text == "50,0 % (3 hồ sơ trễ hạn / 6 hồ sơ phải giải quyết)"
    assert today[TRAN_BIEN].cls == "red" and today[TRAN_BIEN].name == "Phường Trấn Biên"
    assert [c for c, r in today.items() if r.value is not None] == [TRAN_BIEN]

    reported, matching, frame = map_of(awkward, MAY, "cases_late_rate", units="reported")
    assert reported[TRAN_BIEN].value is None and reported[TRAN_BIEN].cls == "none"
    off = geo.units_off_the_map(matching, frame)
    assert sorted(off["unit_name"]) == ["Phường Quang Vinh", "Phường Trung Dũng"]
    assert geo.units_off_the_map(*map_of(awkward, MAY, "cases_late_rate", units="today")[1:]).empty
