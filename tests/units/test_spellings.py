"""Every real unit of Đồng Nai found from the spellings exports use, at a date of its own era.

The names come from the vietnamadminunits package itself (the registry's source), one test per unit:
the 95 communes and wards after 1/7/2025, the 159 communes, wards and townships of old Đồng Nai
(province code 75) and its 11 districts before, and every department of departments.csv. Names that
cannot tell two units apart (folded alike, or written alike in two districts) must give no match and
offer both units as suggestions, never pick one silently.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from datetime import date

import pytest

from oversight import db
from oversight.text import fold
from oversight.units.matcher import UnitMatcher
from oversight.units.registry import department_rows, load_admin_units

AFTER = date(2025, 10, 15)
BEFORE = date(2025, 5, 15)

_UNITS, _LINEAGE = load_admin_units("75")
NEW = [u for u in _UNITS if u.registry_key.startswith("commune:")]
OLD_75 = [u for u in _UNITS if u.registry_key.startswith("oldcommune:") and u.province_code == "75"]
DISTRICTS_75 = [u for u in _UNITS if u.registry_key.startswith("district:") and u.province_code == "75"]
DISTRICT_NAMES = {u.registry_key: u.name for u in DISTRICTS_75}
DEPARTMENTS = department_rows("75")  # departments.csv written for Đồng Nai

_new_folds = Counter(fold(u.name) for u in NEW)
_old_names = Counter(u.name for u in OLD_75)
_old_folds = Counter(fold(u.name) for u in OLD_75)


@pytest.fixture(scope="module")
def db_con(tmp_path_factory):
    con = db.open_database(tmp_path_factory.mktemp("spellings") / "units.duckdb")
    yield con
    con.close()


@pytest.fixture(scope="module")
def matcher(db_con):
    return UnitMatcher(db_con)


@pytest.fixture(scope="module")
def unit_ids(db_con) -> dict[str, int]:
    return dict(db_con.execute("SELECT registry_key, unit_id FROM units").fetchall())


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_the_registry_holds_the_units_these_tests_walk_through():
    assert len(NEW) == 95 and Counter(u.unit_type for u in NEW) == {"Xã": 72, "Phường": 23}
    assert len(OLD_75) == 159 and Counter(u.unit_type for u in OLD_75) == {"Xã": 117, "Phường": 33, "Thị trấn": 9}
    assert len(DISTRICTS_75) == 11


# ----------------------------------------------------------------------------------------- after 1/7/2025


def _new_spellings(u) -> list[str]:
    short = u.short_name
    if u.unit_type == "Xã":
        written = [f"UBND xã {short}", f"Xã {short}", f"UBND X. {short}", f"Ủy ban nhân dân xã {short}", f"X. {short}"]
    else:
        written = [f"UBND phường {short}", f"Phường {short}", f"P. {short}", f"UBND P. {short}"]
        written.append(f"Ủy ban nhân dân phường {short}")
    written += [u.name.upper(), f"UBND {u.unit_type.upper()} {short.upper()}", _nfd(f"UBND {u.name}")]
    written += [f"{u.name} - Tỉnh Đồng Nai", f"UBND {u.name.lower()}  ", f"UBND\u00a0{u.name}"]
    return written


@pytest.mark.parametrize("unit", NEW, ids=lambda u: u.name)
def test_every_new_commune_and_ward_from_its_spellings(matcher, unit_ids, unit):
    uid = unit_ids[unit.registry_key]
    wrong = {
        w: matcher.match(w, AFTER).unit_name for w in _new_spellings(unit) if matcher.match(w, AFTER).unit_id != uid
    }
    assert wrong == {}
    unaccented = "ubnd " + fold(unit.name)
    m = matcher.match(unaccented, AFTER)
    if _new_folds[fold(unit.name)] == 1:
        assert m.unit_id == uid, unaccented
    else:  # folded alike with another commune: the accents were needed
        assert m.unit_id is None
        alike = {u.name for u in NEW if fold(u.name) == fold(unit.name)}
        assert alike <= {s[0] for s in m.suggestions}


def test_the_new_communes_that_fold_alike_are_exactly_loc_thanh_and_loc_thanh():
    assert sorted(u.name for u in NEW if _new_folds[fold(u.name)] > 1) == ["Xã Lộc Thành", "Xã Lộc Thạnh"]


# ---------------------------------------------------------------------------------------- before 1/7/2025


def _old_spellings(u) -> list[str]:
    short = u.short_name
    word, abbr = {"Xã": ("xã", "X."), "Phường": ("phường", "P."), "Thị trấn": ("thị trấn", "TT.")}[u.unit_type]
    return [
        f"UBND {word} {short}",
        f"{u.unit_type} {short}",
        f"UBND {abbr} {short}",
        f"Ủy ban nhân dân {word} {short}",
        u.name.upper(),
        _nfd(u.name),
    ]


@pytest.mark.parametrize("unit", OLD_75, ids=lambda u: f"{u.name} ({DISTRICT_NAMES[u.parent_key]})")
def test_every_old_dong_nai_commune_ward_and_township_before_the_reform(matcher, unit_ids, unit):
    uid = unit_ids[unit.registry_key]
    if _old_names[unit.name] > 1:  # the same name in two districts: never pick one silently
        for written in _old_spellings(unit):
            m = matcher.match(written, BEFORE)
            assert m.unit_id is None, written
            assert uid in {s[1] for s in m.suggestions}, written
        return
    wrong = {
        w: matcher.match(w, BEFORE).unit_name for w in _old_spellings(unit) if matcher.match(w, BEFORE).unit_id != uid
    }
    assert wrong == {}
    m = matcher.match(fold(unit.name), BEFORE)
    if _old_folds[fold(unit.name)] == 1:
        assert m.unit_id == uid
    else:
        assert m.unit_id is None and uid in {s[1] for s in m.suggestions}


def test_old_names_that_cannot_tell_two_communes_apart(matcher, unit_ids):
    """Listed here so that a change in the package's data shows up: two Xã Thanh Sơn (Tân Phú, Định Quán);
    Xã Phú Thanh (Tân Phú) and Xã Phú Thạnh (Nhơn Trạch), told apart only by their accents."""
    same = sorted((u.name, DISTRICT_NAMES[u.parent_key]) for u in OLD_75 if _old_names[u.name] > 1)
    assert same == [("Xã Thanh Sơn", "Huyện Tân Phú"), ("Xã Thanh Sơn", "Huyện Định Quán")]
    alike = sorted((u.name, DISTRICT_NAMES[u.parent_key]) for u in OLD_75 if _old_folds[fold(u.name)] > 1)
    assert alike == [
        ("Xã Phú Thanh", "Huyện Tân Phú"),
        ("Xã Phú Thạnh", "Huyện Nhơn Trạch"),
        *same,
    ]
    m = matcher.match("UBND xã Thanh Sơn", BEFORE)
    thanh_son = {unit_ids[u.registry_key] for u in OLD_75 if u.name == "Xã Thanh Sơn"}
    assert m.unit_id is None and thanh_son <= {s[1] for s in m.suggestions[:2]}
    assert matcher.match("Xã Phú Thạnh", BEFORE).unit_name == "Xã Phú Thạnh"
    assert matcher.match("Xã Phú Thanh", BEFORE).unit_name == "Xã Phú Thanh"
    unaccented = matcher.match("xa phu thanh", BEFORE)
    assert unaccented.unit_id is None
    assert {"Xã Phú Thanh", "Xã Phú Thạnh"} <= {s[0] for s in unaccented.suggestions}


def _district_spellings(u) -> list[str]:
    short = u.short_name
    if u.unit_type == "Huyện":
        written = [f"UBND huyện {short}", f"UBND H. {short}", f"Ủy ban nhân dân huyện {short}"]
    else:  # Biên Hòa and Long Khánh are cities (Long Khánh since 2019, no longer a thị xã)
        written = [f"UBND TP. {short}", f"UBND TP {short}", f"UBND thành phố {short}", f"Ủy ban nhân dân TP. {short}"]
    return [*written, u.name, u.name.upper(), _nfd(f"UBND {u.name}")]


@pytest.mark.parametrize("unit", DISTRICTS_75, ids=lambda u: u.name)
def test_every_old_dong_nai_district_before_the_reform(matcher, unit_ids, unit):
    uid = unit_ids[unit.registry_key]
    wrong = {
        w: matcher.match(w, BEFORE).unit_name
        for w in _district_spellings(unit)
        if matcher.match(w, BEFORE).unit_id != uid
    }
    assert wrong == {}


def test_the_old_districts_as_the_brief_writes_them(matcher):
    assert sorted(u.name for u in DISTRICTS_75 if u.unit_type != "Huyện") == [
        "Thành phố Biên Hòa",
        "Thành phố Long Khánh",
    ]
    assert matcher.match("UBND huyện Trảng Bom", BEFORE).unit_name == "Huyện Trảng Bom"
    assert matcher.match("UBND TP. Biên Hòa", BEFORE).unit_name == "Thành phố Biên Hòa"
    assert matcher.match("UBND TP. Long Khánh", BEFORE).unit_name == "Thành phố Long Khánh"
    # "thị xã" is a different unit type: not matched silently, the city is offered
    tx = matcher.match("UBND TX. Long Khánh", BEFORE)
    assert tx.unit_id is None and tx.suggestions[0][0] == "Thành phố Long Khánh"


# ------------------------------------------------------------------------------------------------ departments


def _department_day(row: dict) -> date:
    if row["valid_to"]:
        return date.fromisoformat(row["valid_to"])
    return AFTER


@pytest.mark.parametrize("row", DEPARTMENTS, ids=lambda r: r["key"])
def test_every_department_from_its_name_abbreviation_and_aliases(matcher, unit_ids, row):
    uid = unit_ids[f"dept:{row['key']}"]
    on = _department_day(row)
    written = [row["name"], row["name"].upper(), _nfd(row["name"]), f"{row['name']} - tỉnh Đồng Nai"]
    written += [a for a in (row["abbreviation"], *row["aliases"].split(";"), *row["more_aliases"].split(";")) if a]
    wrong = {w: matcher.match(w, on).unit_name for w in written if matcher.match(w, on).unit_id != uid}
    assert wrong == {}


# ------------------------------------------------------------------------------ ties and suggestions


def test_an_old_name_after_the_reform_that_fits_two_old_communes_is_not_picked_silently(matcher):
    # Xã Phú Thanh and Xã Phú Thạnh both ended on 30/6/2025; written without accents in an October file
    m = matcher.match("UBND xa Phu Thanh", AFTER)
    assert m.unit_id is None
    assert [s[0] for s in m.suggestions[:2]] == ["Xã Phú Thanh", "Xã Phú Thạnh"]
    # with its accents it names one of them, which the "today" view then follows into its new commune
    assert matcher.match("UBND xã Phú Thạnh", AFTER).unit_name == "Xã Phú Thạnh"


@pytest.mark.parametrize(
    ("written", "on", "first"),
    [
        ("UBND TX. Long Khánh", BEFORE, "Thành phố Long Khánh"),
        ("UBND phường Trấn Biên mới", AFTER, "Phường Trấn Biên"),
        ("Xã Long Phướt", AFTER, "Xã Long Phước"),
        ("UBND TT Trảng Bomm", BEFORE, "Thị trấn Trảng Bom"),
        ("Sở Tư Phápp", AFTER, "Sở Tư pháp"),
    ],
)
def test_suggestions_put_the_near_name_first(matcher, written, on, first):
    m = matcher.match(written, on)
    assert m.unit_id is None and m.suggestions[0][0] == first
    # a short name inside a long one is no near name (WRatio scored "Xã Đak Ơ" 86 for "thi xa long khanh")
    assert all(score < 85 for _name, _uid, score in m.suggestions[1:]), m.suggestions
