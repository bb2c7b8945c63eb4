"""Any province (OVERSIGHT_PROVINCE): the setting, the registry seeded for it, portal-style unit names,
files of another province refused, titles naming the province, and a Phú Thọ database end to end."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from oversight import bootstrap
from oversight import db as dbmod
from oversight.config import ProvinceError, load_settings
from oversight.ingest.pipeline import prepare
from oversight.ingest.templates import template_bytes
from oversight.units.matcher import UnitMatcher
from oversight.units.registry import _package_db, department_rows, load_admin_units
from tests.conftest import ROOT
from tests.ingest.corpus import STATS_LOW, STATS_MID, STATS_TOP

HOW = (
    "Hãy ghi tên một trong 34 tỉnh, thành phố sau ngày 1/7/2025, có hoặc không dấu (ví dụ «Phú Thọ», «phu tho», "
    "«Thành phố Hồ Chí Minh», «TP. Hồ Chí Minh», «Hà Nội»), hoặc mã tỉnh (ví dụ «25»)."
)


@pytest.fixture
def phu_tho(monkeypatch):
    monkeypatch.setenv("OVERSIGHT_PROVINCE", "Phú Thọ")


# ------------------------------------------------------------------------------------------------ the setting


@pytest.mark.parametrize(
    ("written", "code", "name", "title"),
    [
        ("Phú Thọ", "25", "Phú Thọ", "UBND TỈNH PHÚ THỌ"),
        ("phu tho", "25", "Phú Thọ", "UBND TỈNH PHÚ THỌ"),
        ("  PHU THO ", "25", "Phú Thọ", "UBND TỈNH PHÚ THỌ"),
        ("Tỉnh Phú Thọ", "25", "Phú Thọ", "UBND TỈNH PHÚ THỌ"),
        ("25", "25", "Phú Thọ", "UBND TỈNH PHÚ THỌ"),
        ("Thành phố Hồ Chí Minh", "79", "Hồ Chí Minh", "UBND THÀNH PHỐ HỒ CHÍ MINH"),
        ("TP. Hồ Chí Minh", "79", "Hồ Chí Minh", "UBND THÀNH PHỐ HỒ CHÍ MINH"),
        ("tp ho chi minh", "79", "Hồ Chí Minh", "UBND THÀNH PHỐ HỒ CHÍ MINH"),
        ("Hà Nội", "01", "Hà Nội", "UBND THÀNH PHỐ HÀ NỘI"),
        ("1", "01", "Hà Nội", "UBND THÀNH PHỐ HÀ NỘI"),
        ("Đắk Lắk", "66", "Đắk Lắk", "UBND TỈNH ĐẮK LẮK"),
        ("dong nai", "75", "Đồng Nai", "UBND TỈNH ĐỒNG NAI"),
    ],
)
def test_the_setting_names_a_province_by_name_or_code(monkeypatch, written, code, name, title):
    monkeypatch.setenv("OVERSIGHT_PROVINCE", written)
    settings = load_settings()
    assert (settings.province_code, settings.province_name, settings.province_title) == (code, name, title)


def test_the_default_is_dong_nai(monkeypatch):
    monkeypatch.delenv("OVERSIGHT_PROVINCE", raising=False)
    settings = load_settings()
    assert (settings.province_code, settings.province_label, settings.province_title) == (
        "75",
        "tỉnh Đồng Nai",
        "UBND TỈNH ĐỒNG NAI",
    )


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("Phú Thổ Nhĩ Kỳ", f"OVERSIGHT_PROVINCE=«Phú Thổ Nhĩ Kỳ»: không nhận ra tỉnh, thành phố này. {HOW}"),
        ("99", f"OVERSIGHT_PROVINCE=«99»: không có tỉnh, thành phố nào mang mã 99 sau ngày 1/7/2025. {HOW}"),
        (
            "Vĩnh Phúc",
            "OVERSIGHT_PROVINCE=«Vĩnh Phúc»: tỉnh Vĩnh Phúc đã hợp nhất vào tỉnh Phú Thọ từ ngày 1/7/2025; "
            "hãy ghi «Phú Thọ».",
        ),
    ],
)
def test_an_unknown_province_is_a_clear_vietnamese_error(monkeypatch, written, message):
    monkeypatch.setenv("OVERSIGHT_PROVINCE", written)
    with pytest.raises(ProvinceError) as exc:
        load_settings()
    assert str(exc.value) == message


def test_the_command_line_stops_on_an_unknown_province(monkeypatch, tmp_path):
    monkeypatch.setenv("OVERSIGHT_PROVINCE", "Atlantis")
    proc = _oversight("uploads", "--db", str(tmp_path / "x.duckdb"), "list")
    assert proc.returncode == 2
    assert f"OVERSIGHT_PROVINCE=«Atlantis»: không nhận ra tỉnh, thành phố này. {HOW}" in proc.stderr
    assert not (tmp_path / "x.duckdb").exists()


# ------------------------------------------------------------------------------------- the registry seeded


def _package_count(sql: str, *params) -> int:
    con = sqlite3.connect(_package_db())
    try:
        return con.execute(sql, params).fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def pt_con(phu_tho, tmp_path):
    con = dbmod.open_database(tmp_path / "phu_tho.duckdb")
    yield con
    con.close()


def test_a_phu_tho_database_holds_phu_tho_after_and_before_the_reform(pt_con):
    counts = dict(
        pt_con.execute(
            "SELECT unit_group || ':' || coalesce(CAST(valid_to AS VARCHAR), 'now'), count(*) FROM units"
            " WHERE unit_group <> 'department' GROUP BY 1"
        ).fetchall()
    )
    new = _package_count("SELECT count(*) FROM admin_units WHERE provinceCode = '25'")
    assert new == 148 and counts["commune:now"] == new
    # old Phú Thọ (25), Vĩnh Phúc (26) and Hòa Bình (17), all ended on 30/6/2025
    old_districts = _package_count(
        "SELECT count(DISTINCT districtCode) FROM admin_units_legacy WHERE provinceCode IN ('17', '25', '26')"
    )
    old_communes = _package_count("SELECT count(*) FROM admin_units_legacy WHERE provinceCode IN ('17', '25', '26')")
    assert counts["district:2025-06-30"] == old_districts == 32
    assert counts["commune:2025-06-30"] == old_communes == 479
    provinces = dict(
        pt_con.execute("SELECT province_code, count(*) FROM units WHERE unit_group = 'district' GROUP BY 1").fetchall()
    )
    assert provinces == {"25": 13, "26": 9, "17": 10}
    # nothing of Đồng Nai
    assert pt_con.execute("SELECT count(*) FROM units WHERE province_code IN ('70', '75')").fetchone()[0] == 0


def _lineage_into(con, name: str) -> set[tuple[str, str]]:
    return set(
        con.execute(
            "SELECT f.name, d.name FROM unit_lineage l JOIN units f ON f.unit_id = l.from_unit_id"
            " JOIN units d ON d.unit_id = f.parent_id JOIN units t ON t.unit_id = l.to_unit_id"
            " WHERE t.name = ? AND t.valid_to IS NULL",
            [name],
        ).fetchall()
    )


def test_lineage_leads_the_old_units_of_all_three_provinces_into_todays(pt_con):
    assert _lineage_into(pt_con, "Xã Lâm Thao") == {
        ("Thị trấn Lâm Thao", "Huyện Lâm Thao"),
        ("Thị trấn Hùng Sơn", "Huyện Lâm Thao"),
        ("Xã Thạch Sơn", "Huyện Lâm Thao"),
    }
    assert _lineage_into(pt_con, "Phường Vĩnh Yên") == {  # old Vĩnh Phúc
        ("Phường Đồng Tâm", "Thành phố Vĩnh Yên"),
        ("Phường Hội Hợp", "Thành phố Vĩnh Yên"),
        ("Phường Tích Sơn", "Thành phố Vĩnh Yên"),
        ("Xã Thanh Trù", "Thành phố Vĩnh Yên"),
    }
    assert ("Phường Hữu Nghị", "Thành phố Hòa Bình") in _lineage_into(pt_con, "Phường Hòa Bình")  # old Hòa Bình


def test_the_departments_of_a_province_after_the_2025_reorganisation(pt_con):
    now = {
        r[0]
        for r in pt_con.execute(
            "SELECT name FROM units WHERE unit_group = 'department' AND valid_to IS NULL"
        ).fetchall()
    }
    assert now == {
        "Văn phòng UBND tỉnh",
        "Thanh tra tỉnh",
        "Sở Nội vụ",
        "Sở Tài chính",
        "Sở Tư pháp",
        "Sở Công Thương",
        "Sở Xây dựng",
        "Sở Nông nghiệp và Môi trường",
        "Sở Khoa học và Công nghệ",
        "Sở Giáo dục và Đào tạo",
        "Sở Y tế",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở Dân tộc và Tôn giáo",
        "Ban Quản lý các Khu công nghiệp Phú Thọ",
        "Công an tỉnh",
        "Bộ Chỉ huy Quân sự tỉnh",
        "Bảo hiểm xã hội tỉnh",
        "Văn phòng Đăng ký đất đai",
        "Thuế tỉnh Phú Thọ",
    }
    merged = pt_con.execute(
        "SELECT f.name, t.name FROM unit_lineage l JOIN units f ON f.unit_id = l.from_unit_id"
        " JOIN units t ON t.unit_id = l.to_unit_id WHERE f.unit_group = 'department' ORDER BY 1, 2"
    ).fetchall()
    assert ("Ban Dân tộc tỉnh", "Sở Dân tộc và Tôn giáo") in merged
    assert ("Sở Ngoại vụ", "Văn phòng UBND tỉnh") in merged  # not kept in Phú Thọ
    assert ("Sở Kế hoạch và Đầu tư", "Sở Tài chính") in merged
    assert ("Sở Lao động - Thương binh và Xã hội", "Sở Nội vụ") in merged
    assert ("Sở Lao động - Thương binh và Xã hội", "Sở Y tế") in merged


def test_a_centrally_run_city_says_thanh_pho():
    names = {r["key"]: r["name"] for r in department_rows("01")}
    assert names["vp_ubnd"] == "Văn phòng UBND thành phố"
    assert names["thanh_tra_tinh"] == "Thanh tra thành phố"
    assert names["cong_an_tinh"] == "Công an thành phố"
    assert names["so_ngoai_vu"] == "Sở Ngoại vụ"  # kept in Hà Nội, open-ended
    assert names["bo_tu_lenh_thu_do"] == "Bộ Tư lệnh Thủ đô Hà Nội" and "bch_quan_su" not in names
    assert "so_ngoai_vu_cu" not in names


def test_dong_nai_keeps_the_list_the_demo_was_built_on():
    rows = department_rows("75")
    assert len(rows) == 26
    names = {r["key"]: r["name"] for r in rows}
    assert names["vp_ubnd"] == "Văn phòng UBND tỉnh"
    assert names["bql_kcn"] == "Ban Quản lý các Khu công nghiệp Đồng Nai"
    assert names["thue_tinh"] == "Thuế tỉnh Đồng Nai"
    assert {"so_ngoai_vu", "so_ngoai_vu_cu", "bch_quan_su"}.isdisjoint(names)
    vp = next(r for r in rows if r["key"] == "vp_ubnd")
    assert vp["aliases"] == "Văn phòng Ủy ban nhân dân tỉnh;VPUBND tỉnh;Văn phòng UBND tỉnh Đồng Nai"


def test_a_database_seeded_for_one_province_is_not_opened_for_another(tmp_path, monkeypatch):
    path = tmp_path / "dong_nai.duckdb"
    dbmod.open_database(path).close()
    monkeypatch.setenv("OVERSIGHT_PROVINCE", "phu tho")
    with pytest.raises(ProvinceError) as exc:
        dbmod.open_database(path)
    assert str(exc.value) == (
        f"Cơ sở dữ liệu «{path}» được lập cho tỉnh Đồng Nai, nhưng OVERSIGHT_PROVINCE là tỉnh Phú Thọ. "
        "Hãy dùng một cơ sở dữ liệu mới cho tỉnh Phú Thọ (OVERSIGHT_DB hoặc --db), "
        "hoặc đặt OVERSIGHT_PROVINCE=«Đồng Nai» để mở cơ sở dữ liệu này."
    )


# ------------------------------------------------------------------------------ portal-style names matched

AFTER = date(2025, 10, 15)
_PT_UNITS, _ = load_admin_units("25")
PT_NEW = [u for u in _PT_UNITS if u.registry_key.startswith("commune:")]


def test_every_phu_tho_commune_and_ward_as_the_national_portal_writes_it(pt_con):
    matcher = UnitMatcher(pt_con)
    ids = dict(pt_con.execute("SELECT registry_key, unit_id FROM units").fetchall())
    wrong = {}
    for u in PT_NEW:
        word = u.unit_type.lower()
        for written in (
            f"UBND {word} {u.short_name} - Tỉnh Phú Thọ",
            f"UBND {word} {u.short_name} - tỉnh Phú Thọ",
            f"{u.name} - Tỉnh Phú Thọ",
            f"UBND {word.upper()} {u.short_name.upper()} - TỈNH PHÚ THỌ",
        ):
            m = matcher.match(written, AFTER)
            if m.unit_id != ids[u.registry_key]:
                wrong[written] = (m.unit_name, m.reason)
    assert len(PT_NEW) == 148 and wrong == {}


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Sở Công Thương - Tỉnh Phú Thọ", "Sở Công Thương"),
        ("Văn phòng UBND Tỉnh - Tỉnh Phú Thọ", "Văn phòng UBND tỉnh"),
        ("Văn phòng Ủy ban nhân dân tỉnh - tỉnh Phú Thọ", "Văn phòng UBND tỉnh"),
        ("VP UBND tỉnh", "Văn phòng UBND tỉnh"),
        ("Văn phòng UBND tỉnh Phú Thọ", "Văn phòng UBND tỉnh"),
        ("Sở Nông nghiệp và Môi trường - Tỉnh Phú Thọ", "Sở Nông nghiệp và Môi trường"),
        ("Sở Dân tộc và Tôn giáo - Tỉnh Phú Thọ", "Sở Dân tộc và Tôn giáo"),
        ("Ban quản lý các khu công nghiệp - Tỉnh Phú Thọ", "Ban Quản lý các Khu công nghiệp Phú Thọ"),
        ("Thanh tra tỉnh - Tỉnh Phú Thọ", "Thanh tra tỉnh"),
        ("Sở Văn hóa, Thể thao và Du lịch - Tỉnh Phú Thọ", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Công an tỉnh Phú Thọ", "Công an tỉnh"),
        ("Bộ Chỉ huy Quân sự tỉnh - Tỉnh Phú Thọ", "Bộ Chỉ huy Quân sự tỉnh"),
        ("Sở Giáo dục và Đào tạo - tỉnh Phú Thọ", "Sở Giáo dục và Đào tạo"),
    ],
)
def test_phu_tho_departments_as_the_portal_writes_them(pt_con, written, expected):
    assert UnitMatcher(pt_con).match(written, AFTER).unit_name == expected


def test_a_suffix_naming_another_province_is_not_ours_but_a_former_one_merged_into_ours_is(pt_con):
    matcher = UnitMatcher(pt_con)
    m = matcher.match("UBND xã Lâm Thao - Tỉnh Tuyên Quang", AFTER)
    assert m.unit_id is None and m.reason == "Đơn vị thuộc tỉnh khác (Tỉnh Tuyên Quang)"
    m = matcher.match("Sở Tư pháp - Thành phố Hà Nội", AFTER)
    assert m.unit_id is None and m.reason == "Đơn vị thuộc tỉnh khác (Thành phố Hà Nội)"
    # a May 2025 row of old Vĩnh Phúc: the old ward of Vĩnh Yên
    m = matcher.match("UBND phường Tích Sơn - Tỉnh Vĩnh Phúc", date(2025, 5, 15))
    assert m.unit_name == "Phường Tích Sơn" and m.reason is None


def test_in_dong_nai_a_phu_tho_suffix_is_another_province_and_binh_phuoc_is_ours(con):
    matcher = UnitMatcher(con)
    assert matcher.match("Sở Tư pháp - Tỉnh Phú Thọ", AFTER).reason == "Đơn vị thuộc tỉnh khác (Tỉnh Phú Thọ)"
    assert matcher.match("UBND phường Tân Phú - Tỉnh Bình Phước", date(2025, 5, 15)).unit_id is not None
    # "thành phố Biên Hòa" after a comma is a former city of Đồng Nai, no province: not refused
    assert matcher.match("UBND phường Trung Dũng, thành phố Biên Hòa", date(2025, 5, 15)).unit_name == (
        "Phường Trung Dũng"
    )


# ------------------------------------------------------------------------- a portal-style Biểu 06 file

# (name as the portal writes it, registry name, (4) online, (5) offline, (6) carried,
#  (8) early, (9) on time, (10) late, (12) pending within, (13) pending overdue);  (3) = 4+5+6 = 8+9+10+12+13
DEPARTMENTS = [
    ("Sở Công Thương - Tỉnh Phú Thọ", "Sở Công Thương", (30, 5, 5, 10, 20, 2, 6, 2)),
    ("Văn phòng UBND Tỉnh - Tỉnh Phú Thọ", "Văn phòng UBND tỉnh", (4, 2, 0, 1, 3, 0, 2, 0)),
    ("Sở Nông nghiệp và Môi trường - Tỉnh Phú Thọ", "Sở Nông nghiệp và Môi trường", (50, 30, 20, 20, 40, 15, 15, 10)),
    ("Sở Dân tộc và Tôn giáo - Tỉnh Phú Thọ", "Sở Dân tộc và Tôn giáo", (3, 1, 1, 1, 3, 0, 1, 0)),
    (
        "Ban quản lý các khu công nghiệp - Tỉnh Phú Thọ",
        "Ban Quản lý các Khu công nghiệp Phú Thọ",
        (12, 0, 3, 5, 6, 1, 3, 0),
    ),
    ("Thanh tra tỉnh - Tỉnh Phú Thọ", "Thanh tra tỉnh", (0, 6, 2, 0, 5, 1, 1, 1)),
    ("Sở Y tế - Tỉnh Phú Thọ", "Sở Y tế", (40, 10, 10, 25, 20, 5, 8, 2)),
]
COMMUNES = [
    ("UBND xã Lâm Thao - Tỉnh Phú Thọ", "Xã Lâm Thao", (25, 15, 10, 10, 25, 3, 10, 2)),
    ("UBND phường Việt Trì - Tỉnh Phú Thọ", "Phường Việt Trì", (60, 20, 20, 30, 45, 5, 15, 5)),
    ("UBND phường Vĩnh Yên - Tỉnh Phú Thọ", "Phường Vĩnh Yên", (45, 15, 5, 20, 30, 4, 8, 3)),
    ("UBND phường Hòa Bình - Tỉnh Phú Thọ", "Phường Hòa Bình", (35, 10, 5, 15, 25, 2, 6, 2)),
    ("UBND xã Thanh Ba - Tỉnh Phú Thọ", "Xã Thanh Ba", (20, 8, 2, 5, 18, 1, 5, 1)),
    ("UBND xã Đoan Hùng - tỉnh Phú Thọ", "Xã Đoan Hùng", (18, 6, 6, 6, 15, 2, 6, 1)),
    ("UBND xã Tam Đảo - Tỉnh Phú Thọ", "Xã Tam Đảo", (10, 4, 1, 4, 8, 0, 3, 0)),
    ("UBND xã Kim Bôi - Tỉnh Phú Thọ", "Xã Kim Bôi", (9, 9, 2, 5, 9, 1, 4, 1)),
    ("UBND phường Phúc Yên - Tỉnh Phú Thọ", "Phường Phúc Yên", (33, 7, 10, 20, 20, 0, 8, 2)),
    ("UBND xã Cẩm Khê - Tỉnh Phú Thọ", "Xã Cẩm Khê", (14, 6, 0, 6, 10, 1, 2, 1)),
    ("UBND xã Mai Châu - Tỉnh Phú Thọ", "Xã Mai Châu", (7, 3, 2, 2, 6, 1, 2, 1)),
    ("UBND xã Yên Lạc - Tỉnh Phú Thọ", "Xã Yên Lạc", (22, 8, 5, 10, 15, 2, 6, 2)),
    ("Ủy ban nhân dân xã Tam Nông - Tỉnh Phú Thọ", "Xã Tam Nông", (16, 4, 4, 6, 12, 2, 3, 1)),
]


def _bieu06(
    departments=DEPARTMENTS,
    communes=COMMUNES,
    titles=("UBND TỈNH PHÚ THỌ", "VĂN PHÒNG UBND TỈNH"),
    month: str = "Tháng 10/2025",
) -> bytes:
    """Biểu 06 as the national portal exports it: issuer and motto, report name, period, a three-row merged
    header (rows 6-8), numbering row, sections, unit rows with the province after each name, total, signature."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Biểu 06"
    ws.append([titles[0], None, None, None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    ws.append([titles[1], None, None, None, None, None, "Độc lập - Tự do - Hạnh phúc"])
    ws.append(["TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC"])
    ws.append([month])
    ws.append(["Đơn vị tính: Số hồ sơ TTHC"])
    for rng in ("A1:D1", "G1:M1", "A2:D2", "G2:M2", "A3:M3", "A4:M4"):
        ws.merge_cells(rng)
    ws.append(STATS_TOP)
    ws.append(STATS_MID)
    ws.append(STATS_LOW)
    for rng in ("A6:A8", "B6:B8", "C6:F6", "G6:M6", "C7:C8", "D7:F7", "G7:J7", "K7:M7"):
        ws.merge_cells(rng)
    ws.append([f"({i})" for i in range(1, 14)])
    rows = []
    n = 0
    for section, units in (("I", departments), ("II", communes)):
        ws.append([section, "Sở, ban, ngành" if section == "I" else "Cấp xã"])
        for written, _name, (online, offline, carried, early, on_time, late, within, overdue) in units:
            n += 1
            row = [
                online + offline + carried,
                online,
                offline,
                carried,
                early + on_time + late,
                early,
                on_time,
                late,
                within + overdue,
                within,
                overdue,
            ]
            assert row[0] == row[4] + row[8], written  # the hand-written numbers keep the form's identities
            rows.append(row)
            ws.append([n, written, *row])
    ws.append([None, "Tổng cộng", *(sum(r[i] for r in rows) for i in range(11))])
    ws.append([])
    ws.append([None, "Người lập biểu", None, None, None, None, None, None, None, "KT. CHỦ TỊCH"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _oversight(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "oversight", *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.fixture
def loaded_phu_tho(phu_tho, tmp_path) -> Path:
    """A new Phú Thọ database with the portal-style Biểu 06 loaded through `python -m oversight ingest`."""
    db = tmp_path / "data" / "phu_tho.duckdb"
    proc = _oversight("ingest", "--db", str(db), str(_write(tmp_path, "bieu06_phu_tho.xlsx", _bieu06())))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Đã nạp: 20 dòng; bị từ chối: 0 dòng; cảnh báo: 0; mã tải lên: 1" in proc.stdout
    return db


@pytest.mark.slow
def test_a_phu_tho_bieu06_loads_and_every_unit_reports_its_hand_written_numbers(loaded_phu_tho):
    proc = _oversight(
        "metrics", "--db", str(loaded_phu_tho), "--from", "2025-10-01", "--to", "2025-10-31", "--format", "json"
    )
    assert proc.returncode == 0, proc.stderr
    got = {r["unit_name"]: r for r in json.loads(proc.stdout) if r["cases_total"]}
    expected = {name: numbers for _w, name, numbers in DEPARTMENTS + COMMUNES}
    assert set(got) == set(expected)
    for name, (online, offline, carried, early, on_time, late, within, overdue) in expected.items():
        r = got[name]
        total = online + offline + carried
        assert (
            r["cases_total"],
            r["cases_new_online"],
            r["cases_new_offline"],
            r["cases_carried_over"],
            r["cases_resolved_early"],
            r["cases_resolved_on_time"],
            r["cases_resolved_late"],
            r["cases_pending_on_time"],
            r["cases_pending_overdue"],
        ) == (total, online, offline, carried, early, on_time, late, within, overdue), name
        assert r["cases_late_rate"] == pytest.approx((late + overdue) / total), name
    # a few by hand: Sở Nông nghiệp và Môi trường 50+30+20 = 100 cases, (15 + 10) / 100 late
    assert got["Sở Nông nghiệp và Môi trường"]["cases_late_rate"] == pytest.approx(0.25)
    assert got["Phường Việt Trì"]["cases_total"] == 100 and got["Phường Việt Trì"]["unit_group"] == "commune"
    assert got["Văn phòng UBND tỉnh"]["unit_group"] == "department"
    # the official code of today's commune comes with it
    assert got["Xã Lâm Thao"]["unit_code"] == _package_code("Xã Lâm Thao")


def _package_code(ward: str) -> str:
    con = sqlite3.connect(_package_db())
    try:
        return con.execute(
            "SELECT wardCode FROM admin_units WHERE provinceCode = '25' AND ward = ?", [ward]
        ).fetchone()[0]
    finally:
        con.close()


@pytest.mark.slow
def test_a_tuyen_quang_file_is_refused_by_a_phu_tho_database(phu_tho, tmp_path):
    tq = [
        (w.replace("Tỉnh Phú Thọ", "Tỉnh Tuyên Quang").replace("tỉnh Phú Thọ", "tỉnh Tuyên Quang"), n, x)
        for w, n, x in DEPARTMENTS + COMMUNES
    ]
    data = _bieu06(tq[:7], tq[7:], titles=("UBND TỈNH TUYÊN QUANG", "VĂN PHÒNG UBND TỈNH"))
    db = tmp_path / "data" / "phu_tho.duckdb"
    proc = _oversight("ingest", "--db", str(db), str(_write(tmp_path, "bieu06_tuyen_quang.xlsx", data)))
    assert proc.returncode == 1
    assert (
        "KHÔNG NẠP: Tệp này là số liệu của tỉnh Tuyên Quang, không phải của tỉnh Phú Thọ đang theo dõi: "
        "không nạp dòng nào."
    ) in proc.stdout
    assert (
        "20 dòng ghi tên đơn vị kèm «Tỉnh Tuyên Quang» (ví dụ «Sở Công Thương - Tỉnh Tuyên Quang»); "
        "không dòng nào ghi kèm tỉnh Phú Thọ." in proc.stdout
    )
    assert "Số liệu của tỉnh Tuyên Quang cần một cơ sở dữ liệu riêng, tạo với OVERSIGHT_PROVINCE=«Tuyên Quang»." in (
        proc.stdout
    )
    listed = _oversight("uploads", "--db", str(db), "list", "--format", "json")
    assert [u["state"] for u in json.loads(listed.stdout) if u["state"] == "active"] == []


@pytest.mark.slow
def test_a_phu_tho_file_is_refused_by_the_default_dong_nai_database(tmp_path, monkeypatch):
    monkeypatch.delenv("OVERSIGHT_PROVINCE", raising=False)
    db = tmp_path / "data" / "dong_nai.duckdb"
    proc = _oversight("ingest", "--db", str(db), str(_write(tmp_path, "bieu06_phu_tho.xlsx", _bieu06())))
    assert proc.returncode == 1
    assert (
        "KHÔNG NẠP: Tệp này là số liệu của tỉnh Phú Thọ, không phải của tỉnh Đồng Nai đang theo dõi: "
        "không nạp dòng nào."
    ) in proc.stdout
    assert (
        "20 dòng ghi tên đơn vị kèm «Tỉnh Phú Thọ» (ví dụ «Sở Công Thương - Tỉnh Phú Thọ»); "
        "không dòng nào ghi kèm tỉnh Đồng Nai."
    ) in proc.stdout


def _strip_suffixes(units):
    return [(w.split(" - ")[0], n, x) for w, n, x in units]


def test_a_file_titled_by_another_province_without_suffixes_is_refused(con):
    data = _bieu06(_strip_suffixes(DEPARTMENTS), _strip_suffixes(COMMUNES))
    plan = prepare(data, "bieu06.xlsx", con)
    assert plan.error == (
        "Tệp này là số liệu của tỉnh Phú Thọ, không phải của tỉnh Đồng Nai đang theo dõi: không nạp dòng nào."
    )
    assert plan.error_details[0] == "Dòng tiêu đề ghi cơ quan ban hành «UBND TỈNH PHÚ THỌ»."


@pytest.mark.slow
def test_titles_that_name_no_other_province_decide_nothing(con):
    """Đồng Nai units under a provincial city's or a former merged province's letterhead load as ours."""
    units = [("Sở Tư pháp", "", (3, 1, 1, 1, 3, 0, 1, 0))]
    communes = [("UBND xã Long Phước", "", (5, 2, 1, 2, 4, 0, 2, 0))]
    for issuer in ("UBND THÀNH PHỐ BIÊN HÒA", "UBND TỈNH BÌNH PHƯỚC", "UBND THÀNH PHỐ THANH HÓA", "UBND TỈNH X"):
        plan = prepare(_bieu06(units, communes, titles=(issuer, "PHÒNG NỘI VỤ")), "bieu06.xlsx", con)
        assert plan.ok, (issuer, plan.error)
        assert len(plan.records) == 2


def test_a_few_stray_rows_of_another_province_are_rejected_one_by_one(pt_con):
    communes = [*COMMUNES[:12], ("UBND xã Lâm Thao - Tỉnh Tuyên Quang", "", (1, 0, 0, 1, 0, 0, 0, 0))]
    plan = prepare(_bieu06(DEPARTMENTS, communes), "bieu06.xlsx", pt_con)
    assert plan.error is None, plan.error  # one row in twenty does not make the file Tuyên Quang's
    assert list(plan.errors["reason"]) == [
        "Đơn vị «UBND xã Lâm Thao - Tỉnh Tuyên Quang»: Đơn vị thuộc tỉnh khác (Tỉnh Tuyên Quang)"
    ]
    assert len(plan.records) == 19


# ----------------------------------------------------------------------- titles, templates, demo, pages


def test_templates_and_the_brief_name_the_configured_province(phu_tho, monkeypatch):
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(template_bytes("case_stats")))
    assert wb.worksheets[0]["A1"].value == "UBND TỈNH PHÚ THỌ"
    monkeypatch.setenv("OVERSIGHT_PROVINCE", "Hà Nội")
    assert load_settings().province_title == "UBND THÀNH PHỐ HÀ NỘI"
    wb = load_workbook(io.BytesIO(template_bytes("tasks")))
    assert wb.worksheets[0]["A1"].value == "UBND THÀNH PHỐ HÀ NỘI"


def test_the_dong_nai_demo_is_not_loaded_into_a_phu_tho_database(pt_con):
    assert bootstrap.demo_applies() is False
    assert bootstrap.load_demo(pt_con) == []
    assert bootstrap.has_data(pt_con) is False


@pytest.mark.slow
def test_a_phu_tho_database_is_usable_by_the_dashboard(loaded_phu_tho, monkeypatch):
    import streamlit as st

    from tests.app.conftest import signed_in

    monkeypatch.setenv("OVERSIGHT_DB", str(loaded_phu_tho))
    monkeypatch.chdir(ROOT)
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        at = signed_in(loaded_phu_tho, "admin")
        at.run()
        assert not at.exception, at.exception
        assert any("UBND TỈNH PHÚ THỌ" in m.value for m in at.sidebar.markdown)
        assert at.title[0].value == "Tổng quan"
        at.switch_page(str(ROOT / "pages" / "rankings.py")).run()
        assert not at.exception, at.exception
        shown = {str(v) for df in at.dataframe for column in df.value.columns for v in df.value[column]}
        assert "Phường Việt Trì" in shown and "Sở Nông nghiệp và Môi trường" in shown
        at.switch_page(str(ROOT / "pages" / "brief.py")).run()
        assert not at.exception, at.exception
        assert any("UBND TỈNH PHÚ THỌ" in m.value for m in at.markdown)
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()
        dbmod.close_all()


def test_an_empty_phu_tho_database_opens_on_the_empty_state_not_the_demo(phu_tho, tmp_path, monkeypatch):
    import streamlit as st

    from tests.app.conftest import signed_in

    db = tmp_path / "data" / "empty.duckdb"
    monkeypatch.setenv("OVERSIGHT_DB", str(db))
    monkeypatch.chdir(ROOT)
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        at = signed_in(db, "admin")
        at.run()
        assert not at.exception, at.exception
        assert [t.value for t in at.title] != ["Đang chuẩn bị dữ liệu"]
        assert any("UBND TỈNH PHÚ THỌ" in m.value for m in at.sidebar.markdown)
        con = dbmod.connection(db)
        assert bootstrap.has_data(con) is False  # nothing of Đồng Nai was loaded
        assert not (tmp_path / "data" / "demo").exists()
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()
        dbmod.close_all()


def test_the_units_csv_is_readable():
    # the template file keeps one header; every row has its "provinces" and "more_aliases" cells
    from oversight.units.registry import DEPARTMENTS_CSV

    with DEPARTMENTS_CSV.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert all(None not in r and r["provinces"] is not None and r["more_aliases"] is not None for r in rows)
