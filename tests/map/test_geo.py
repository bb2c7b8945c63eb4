"""The shipped boundaries and their match with the unit registry (oversight/geo.py), the map's legend and figure."""

from __future__ import annotations

import gzip
import json
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from oversight import charts, geo
from oversight.config import load_settings
from oversight.ui import components

DONG_NAI = "75"
REFORM = date(2025, 7, 1)


def registry(con) -> pd.DataFrame:
    return geo.registry_communes(con, DONG_NAI)


def test_every_dong_nai_feature_matches_a_commune_of_the_registry(con):
    """The demo province: 95 features, 95 communes and wards of today, every one matched by its code."""
    boundaries = geo.load_boundaries(DONG_NAI)
    units = registry(con)
    matching = geo.match_features(boundaries.features, units)
    assert boundaries.file_name == "75_dong_nai.geojson.gz"
    assert len(boundaries.features) == 95 and boundaries.skipped == ()
    assert len(units) == 95
    assert matching.complete and matching.by_name == ()
    assert sorted(matching.unit_of.values()) == sorted(units["unit_id"].astype(int))
    codes = dict(zip(units["unit_id"].astype(int), units["code"], strict=True))
    assert all(codes[unit] == code for code, unit in matching.unit_of.items())
    # «Phường Trị An» on the map, «Xã Trị An» in the registry: the same name once the type word is set aside
    assert matching.renamed == ()
    assert matching.problems() == []


def test_a_feature_with_an_unknown_code_is_reported(con):
    """A feature whose code the registry does not know and whose name no unit has: reported, and the unit whose
    feature it replaced is reported as missing from the map."""
    boundaries = geo.load_boundaries(DONG_NAI)
    units = registry(con)
    features = list(boundaries.features)
    long_phuoc = next(i for i, f in enumerate(features) if f.code == "26413")
    features[long_phuoc] = replace(features[long_phuoc], code="99999", name="Xã Không Có Thật")
    matching = geo.match_features(features, units)
    assert matching.unmatched_features == (("99999", "Xã Không Có Thật"),)
    long_phuoc_id = int(units.loc[units["code"] == "26413", "unit_id"].iloc[0])
    assert matching.unmatched_units == ((long_phuoc_id, "26413", "Xã Long Phước"),)
    assert len(matching.unit_of) == 94 and not matching.complete
    assert matching.problems() == [
        "1 vùng trên bản đồ không khớp đơn vị nào trong danh mục: Xã Không Có Thật (mã 99999)",
        "1 xã, phường trong danh mục không có trên bản đồ: Xã Long Phước (mã 26413)",
    ]


def test_a_feature_with_a_wrong_code_falls_back_to_its_name(con):
    """Quảng Ninh's file writes Xã Ba Chẽ as 06978, the registry as 06970: matched by the name, said so. Here the
    same with Đồng Nai's Xã Long Phước given another code; a name two free units share would not match."""
    boundaries = geo.load_boundaries(DONG_NAI)
    units = registry(con)
    features = [replace(f, code="99998") if f.code == "26413" else f for f in boundaries.features]
    matching = geo.match_features(features, units)
    long_phuoc_id = int(units.loc[units["code"] == "26413", "unit_id"].iloc[0])
    assert matching.unit_of["99998"] == long_phuoc_id
    assert matching.by_name == (("99998", "Xã Long Phước", "Xã Long Phước"),)
    assert matching.complete
    assert matching.problems() == [
        "Khớp theo tên vì mã khác nhau: Xã Long Phước (mã trên bản đồ 99998) → Xã Long Phước"
    ]

    twins = pd.DataFrame({"unit_id": [1, 2], "code": ["1", "2"], "name": ["Xã An Bình", "Phường An Bình"]})
    lone = [geo.Feature("3", "Thị trấn An Bình", boundaries.features[0].geometry)]
    assert geo.match_features(lone, twins).unmatched_features == (("3", "Thị trấn An Bình"),)


@pytest.mark.slow
def test_every_shipped_province_matches_the_package_registry(capsys):
    """All 34 files (3,321 features) against the vietnamadminunits registry each province is seeded from: every
    feature and every commune matched (Quảng Ninh's Ba Chẽ by its name), through the check command."""
    codes = sorted(p.name.split("_")[0] for p in geo.GEODATA.glob("*.geojson.gz"))
    assert len(codes) == 34
    total = 0
    for code in codes:
        assert geo.main([code]) == 0, capsys.readouterr().out
        total += len(geo.load_boundaries(code).features)
    assert total == 3321
    assert "Xã Ba Chẽ (mã trên bản đồ 06978) → Xã Ba Chẽ" in capsys.readouterr().out


def _write(folder, name: str, document: object) -> None:
    with gzip.open(folder / name, "wt", encoding="utf-8") as fh:
        json.dump(document, fh)


SQUARE = {
    "type": "Polygon",
    "coordinates": [[[106.0, 11.0], [106.1, 11.0], [106.1, 11.1], [106.0, 11.1], [106.0, 11.0]]],
}


def test_a_missing_or_unreadable_file_says_so_in_vietnamese(tmp_path):
    with pytest.raises(geo.GeoError, match="Chưa có ranh giới xã, phường của tỉnh, thành phố mã 99"):
        geo.load_boundaries("99", tmp_path)
    (tmp_path / "98_hong.geojson.gz").write_bytes(b"not gzip at all")
    with pytest.raises(geo.GeoError, match="Không đọc được tệp ranh giới 98_hong.geojson.gz"):
        geo.load_boundaries("98", tmp_path)
    _write(tmp_path, "97_list.geojson.gz", [1, 2])
    with pytest.raises(geo.GeoError, match="không phải một GeoJSON FeatureCollection"):
        geo.load_boundaries("97", tmp_path)
    with pytest.raises(geo.GeoError, match="Mã tỉnh «7a» không hợp lệ"):
        geo.load_boundaries("7a", tmp_path)


def test_the_file_is_read_within_bounds(tmp_path, monkeypatch):
    """A file that unpacks past the limit, or holds more features than any province has, is refused."""
    features = [
        {"type": "Feature", "properties": {"code": str(i), "name": f"Xã {i}"}, "geometry": SQUARE} for i in range(5)
    ]
    _write(tmp_path, "96_big.geojson.gz", {"type": "FeatureCollection", "features": features})
    monkeypatch.setattr(geo, "MAX_JSON_BYTES", 200)
    with pytest.raises(geo.GeoError, match="quá lớn khi giải nén"):
        geo.load_boundaries("96", tmp_path)
    monkeypatch.setattr(geo, "MAX_JSON_BYTES", 10_000_000)
    monkeypatch.setattr(geo, "MAX_FEATURES", 4)
    with pytest.raises(geo.GeoError, match="quá nhiều đối tượng"):
        geo.read_features({"type": "FeatureCollection", "features": features})


def test_features_without_code_or_polygon_are_left_out_and_named():
    document = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"code": "1", "name": "Xã Một"}, "geometry": SQUARE},
            {"type": "Feature", "properties": {"name": "Xã Không Mã"}, "geometry": SQUARE},
            {"type": "Feature", "properties": {"code": "1", "name": "Xã Một Lần Nữa"}, "geometry": SQUARE},
            {"type": "Feature", "properties": {"code": "2", "name": "Xã Điểm"}, "geometry": {"type": "Point", "coordinates": [106, 11]}},
            "not a feature",
        ],
    }  # fmt: skip
    features, skipped = geo.read_features(document)
    assert [(f.code, f.name) for f in features] == [("1", "Xã Một")]
    assert skipped == [
        "đối tượng thứ 2 (Xã Không Mã): không có mã xã, phường hợp lệ",
        "đối tượng thứ 3 (Xã Một Lần Nữa): mã 1 lặp lại",
        "đối tượng thứ 4 (Xã Điểm): không có vùng (Polygon, MultiPolygon)",
        "đối tượng thứ 5: không có mã xã, phường hợp lệ",
    ]


def test_the_legend_uses_the_targets_and_bands_of_the_app():
    """Default targets: tasks green up to 5 %, amber up to 10 %; bands Tốt from 90, Khá from 80, Trung bình from 65;
    the colours are the KPI cards' traffic lights."""
    settings = load_settings()
    tasks = geo.classes("tasks_overdue_rate", settings)
    assert [c.label for c in tasks] == [
        "Đạt mục tiêu (không quá 5,0 %)",
        "Cần chú ý (trên 5,0 % đến 10,0 %)",
        "Vượt ngưỡng (trên 10,0 %)",
        "Chưa có số liệu",
    ]
    assert [c.colour for c in tasks] == [components._LIGHT[k] for k in ("green", "amber", "red", "grey")]
    assert [c.label for c in geo.classes("cases_late_rate", settings)][:3] == [
        "Đạt mục tiêu (không quá 2,0 %)",
        "Cần chú ý (trên 2,0 % đến 5,0 %)",
        "Vượt ngưỡng (trên 5,0 %)",
    ]
    score = geo.classes("score", settings)
    assert [c.label for c in score] == [
        "Tốt (từ 90 điểm)",
        "Khá (từ 80 đến dưới 90 điểm)",
        "Trung bình (từ 65 đến dưới 80 điểm)",
        "Yếu (dưới 65 điểm)",
        "Chưa có số liệu",
    ]
    assert score[0].colour == charts.GREEN and score[3].colour == charts.RED and score[4].colour == charts.GREY
    # a value exactly on the target is green, as on the cards
    assert geo.class_of("tasks_overdue_rate", {"tasks_overdue_rate": 0.05}, settings) == "green"
    assert geo.class_of("tasks_overdue_rate", {"tasks_overdue_rate": 0.1000001}, settings) == "red"
    assert geo.class_of("tasks_overdue_rate", {"tasks_overdue_rate": None}, settings) == "none"
    assert geo.class_of("score", {"score": 90.0, "band": "Tốt"}, settings) == "Tốt"
    assert geo.class_of("score", {"score": None, "band": "chưa đủ số liệu"}, settings) == "none"


def test_the_map_computes_in_todays_units_whenever_the_period_begins_before_the_reform():
    assert geo.units_mode("reported", date(2025, 5, 1), REFORM) == "today"
    assert geo.units_mode("reported", date(2025, 6, 30), REFORM) == "today"  # straddles the reform
    assert geo.units_mode("reported", date(2025, 7, 1), REFORM) == "reported"
    assert geo.units_mode("today", date(2025, 10, 1), REFORM) == "today"


def test_the_figure_draws_each_commune_once_on_a_blank_background(con):
    """No tiles (style white-bg, no layers or sources to fetch); each feature in exactly one trace, its trace's
    geojson holding only its members; customdata carries the unit id, the name and the value text."""
    settings = load_settings()
    boundaries = geo.load_boundaries(DONG_NAI)
    matching = geo.match_features(boundaries.features, registry(con))
    rows = geo.map_rows(boundaries, matching, pd.DataFrame(), "score", settings)
    assert {r.cls for r in rows} == {"none"} and {r.text for r in rows} == {"Chưa có số liệu"}
    fig = geo.commune_map(boundaries, rows, "score", settings)
    assert fig.layout.map.style == "white-bg" and not fig.layout.map.layers
    located = [code for trace in fig.data for code in trace.locations]
    assert sorted(located) == sorted(f.code for f in boundaries.features)
    for trace in fig.data:
        assert [f["id"] for f in trace.geojson["features"]] == list(trace.locations)
    assert [t.name for t in fig.data] == ["Chưa có số liệu"]
    custom = {tuple(c)[0] for c in fig.data[0].customdata}
    assert custom == set(matching.unit_of.values())
    west, south, east, north = boundaries.bounds
    assert 106 < west < east < 108 and 10 < south < north < 13


@pytest.fixture
def phu_tho(monkeypatch):
    monkeypatch.setenv("OVERSIGHT_PROVINCE", "Phú Thọ")


def test_another_province_reads_its_own_shipped_file(phu_tho, con):
    """OVERSIGHT_PROVINCE=Phú Thọ: the database's registry holds Phú Thọ's 148 communes and wards of today (it
    absorbed Vĩnh Phúc and Hòa Bình), and the map reads 25_phu_tho.geojson.gz, every feature matched by its code."""
    settings = load_settings()
    assert settings.province_code == "25"
    boundaries = geo.load_boundaries(settings.province_code)
    units = geo.registry_communes(con)
    matching = geo.match_features(boundaries.features, units)
    assert boundaries.file_name == "25_phu_tho.geojson.gz"
    assert len(boundaries.features) == len(units) == 148
    assert matching.complete and matching.by_name == ()
