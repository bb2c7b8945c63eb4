"""The unit registry of Đồng Nai and matching names as exports write them."""

from datetime import date

import pytest

from oversight.units.matcher import UnitMatcher, confirm_alias
from oversight.units.names import parse_name


def test_registry_has_the_province_of_both_eras(con):
    counts = dict(
        con.execute(
            "SELECT unit_group || ':' || coalesce(cast(valid_to AS VARCHAR), 'now'), count(*) FROM units GROUP BY 1"
        ).fetchall()
    )
    assert counts["commune:now"] == 95  # 72 xã + 23 phường after 1/7/2025
    # old Đồng Nai (11 districts, 159 communes) and old Bình Phước (11 districts, 111 communes)
    assert counts["district:2025-06-30"] == 22
    assert counts["commune:2025-06-30"] == 270
    kinds = dict(
        con.execute(
            "SELECT unit_type, count(*) FROM units WHERE valid_to IS NULL AND unit_group='commune' GROUP BY 1"
        ).fetchall()
    )
    assert kinds == {"Xã": 72, "Phường": 23}


def test_lineage_leads_old_wards_into_tran_bien_and_flags_splits(con):
    olds = {
        r[0]
        for r in con.execute(
            "SELECT f.name FROM unit_lineage l JOIN units f ON f.unit_id = l.from_unit_id"
            " JOIN units t ON t.unit_id = l.to_unit_id WHERE t.name = 'Phường Trấn Biên'"
        ).fetchall()
    }
    assert {"Phường Quang Vinh", "Phường Trung Dũng", "Phường Bửu Long"} <= olds
    split = con.execute(
        "SELECT t.name, l.is_default FROM unit_lineage l JOIN units f ON f.unit_id = l.from_unit_id"
        " JOIN units t ON t.unit_id = l.to_unit_id WHERE f.name = 'Xã Xuân Tâm' AND l.is_split ORDER BY 1"
    ).fetchall()
    assert split == [("Xã Xuân Hòa", True), ("Xã Xuân Đông", False)]


@pytest.fixture
def matcher(con):
    return UnitMatcher(con)


@pytest.mark.parametrize(
    "written",
    [
        "UBND xã Long Phước",
        "Xã Long Phước",
        "UBND X. Long Phước",
        "Ủy ban nhân dân xã Long Phước",
        "xa Long Phuoc",
        "XÃ LONG PHƯỚC",
        "UBND\u00a0xã  Long Phước",
        "UBND xa\u0303 Long Phu\u031bo\u031b\u0301c",  # NFD
    ],
)
def test_spellings_of_a_commune_find_one_unit(matcher, written):
    m = matcher.match(written, date(2025, 10, 3))
    assert m.unit_name == "Xã Long Phước" and m.unit_group == "commune"


def test_a_name_finds_the_unit_valid_on_the_date(con, matcher):
    after = matcher.match("Xã Bình Minh", date(2025, 10, 1))
    before = matcher.match("Xã Bình Minh", date(2025, 5, 1))
    assert after.unit_id != before.unit_id
    valid_to = dict(
        con.execute(
            "SELECT unit_id, valid_to FROM units WHERE unit_id IN (?, ?)", [after.unit_id, before.unit_id]
        ).fetchall()
    )
    assert valid_to[after.unit_id] is None and valid_to[before.unit_id] == date(2025, 6, 30)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Sở Tư pháp", "Sở Tư pháp"),
        ("SỞ TƯ PHÁP", "Sở Tư pháp"),
        ("STP", "Sở Tư pháp"),
        ("Sở Tư pháp - tỉnh Đồng Nai", "Sở Tư pháp"),
        ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
        ("UBND huyện Trảng Bom", "Huyện Trảng Bom"),
        ("UBND thị trấn Trảng Bom", "Thị trấn Trảng Bom"),
        ("UBND TP. Biên Hòa", "Thành phố Biên Hòa"),
        ("P. Trấn Biên", "Phường Trấn Biên"),
        ("Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh"),
    ],
)
def test_departments_and_old_units_as_people_write_them(matcher, written, expected):
    assert (
        matcher.match(
            written,
            date(2025, 3, 1)
            if "Trảng Bom" in written or "Biên Hòa" in written or "KH&ĐT" in written
            else date(2025, 10, 1),
        ).unit_name
        == expected
    )


def test_another_provinces_unit_is_refused_with_its_province(matcher):
    m = matcher.match("UBND xã Bình Phú - Tỉnh Phú Thọ")
    assert m.unit_id is None and m.reason == "Đơn vị thuộc tỉnh khác (Tỉnh Phú Thọ)"


def test_an_unknown_name_gets_suggestions_and_a_confirmed_alias_resolves(con, matcher):
    m = matcher.match("Xã Long Phướcc", date(2025, 10, 1))
    assert m.unit_id is None and m.reason == "Không tìm thấy đơn vị trong danh mục"
    assert m.suggestions[0][0] == "Xã Long Phước" and m.suggestions[0][2] > 90
    confirm_alias(con, "Xã Long Phướcc", m.suggestions[0][1], "tester")
    assert UnitMatcher(con).match("Xã Long Phướcc", date(2025, 10, 1)).unit_id == m.suggestions[0][1]


def test_parse_name_reads_type_abbreviations():
    assert parse_name("UBND TX. Long Khánh").key == "thi xa long khanh"
    assert parse_name("UBND TT. Trảng Bom").key == "thi tran trang bom"
    assert parse_name("H. Xuân Lộc").key == "huyen xuan loc"


def test_diacritics_decide_between_two_communes_that_fold_alike(matcher):
    # Đồng Nai has both Xã Lộc Thạnh and Xã Lộc Thành after 1/7/2025
    day = date(2025, 10, 1)
    thanh_dot = matcher.match("UBND XÃ LỘC THẠNH", day)
    thanh_grave = matcher.match("X. Lộc Thành", day)
    assert thanh_dot.unit_name == "Xã Lộc Thạnh" and thanh_grave.unit_name == "Xã Lộc Thành"
    assert thanh_dot.unit_id != thanh_grave.unit_id
    unaccented = matcher.match("xa Loc Thanh", day)
    assert unaccented.unit_id is None
    assert {s[0] for s in unaccented.suggestions} >= {"Xã Lộc Thạnh", "Xã Lộc Thành"}


def test_old_and_new_tone_placement_are_one_name(matcher):
    assert matcher.match("UBND TP. Biên Hoà", date(2025, 3, 1)).unit_name == "Thành phố Biên Hòa"
