"""The demo province's units: who exists in which month, how busy each is, and how people write its name.

Units come from the real registry (oversight.units.registry): departments valid on the day, before
1/7/2025 old Đồng Nai's districts and communes, from 1/7/2025 the 95 new communes and wards. Each unit
gets a fixed volume and a late-rate profile; a few carry the stories a leader should find (a chronically
late department and two communes, an improving Sở Xây dựng, a ward born of the merger).
"""

from __future__ import annotations

import random
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import date

from oversight.units.names import name_key
from oversight.units.registry import REFORM, load_admin_units, load_departments

PROVINCE_CODE = "75"
FIRST_MONTH = date(2025, 1, 1)
LAST_MONTH = date(2026, 10, 1)

# Monthly TTHC case volume per department (before/after the 1/3/2025 restructuring is in the
# departments' own validity; successors simply carry a larger volume).
DEPARTMENT_CASES: dict[str, int] = {
    "vp_ubnd": 12,
    "so_noi_vu": 110,
    "so_tai_chinh": 120,
    "so_tu_phap": 120,
    "so_cong_thuong": 90,
    "so_xay_dung": 230,
    "so_nong_nghiep_moi_truong": 160,
    "so_khoa_hoc_cong_nghe": 35,
    "so_giao_duc_dao_tao": 50,
    "so_y_te": 120,
    "so_van_hoa_the_thao_du_lich": 35,
    "so_dan_toc_ton_giao": 6,
    "thanh_tra_tinh": 4,
    "bql_kcn": 90,
    "cong_an_tinh": 300,
    "bhxh_tinh": 60,
    "vpdkdd": 420,
    "thue_tinh": 50,
    "cuc_thue": 50,
    "so_ke_hoach_dau_tu": 70,
    "so_giao_thong_van_tai": 90,
    "so_tai_nguyen_moi_truong": 90,
    "so_nong_nghiep_ptnt": 60,
    "so_thong_tin_truyen_thong": 20,
    "so_lao_dong_tbxh": 50,
    "ban_dan_toc": 4,
}

# Stories (METRICS.md readers should find these without being told).
CHRONIC_DEPARTMENT = "dept:so_cong_thuong"
CHRONIC_COMMUNES = ("Xã Long Phước", "Xã Phú Lý")  # post-reform names; their predecessors are late too
IMPROVING_DEPARTMENTS = ("dept:so_xay_dung", "dept:so_giao_thong_van_tai")
MERGER_WARD = "Phường Trấn Biên"
SMALL_COMMUNES = 6  # communes with fewer than 10 cases a month (minimum-volume rule)


@dataclass
class DemoUnit:
    key: str  # registry key
    name: str
    short_name: str
    unit_type: str
    group: str  # department | district | commune
    valid_from: date | None
    valid_to: date | None
    abbreviation: str | None
    aliases: tuple[str, ...]
    cases: float  # expected TTHC cases a month
    tasks: float  # relative weight for assigned tasks
    feedback: float  # relative weight for feedback items
    late: float  # base probability that a case is resolved late
    agency: str  # agency code used in case codes
    story: str = ""  # chronic | improving | merger | small

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


def stable_rng(*parts: object) -> random.Random:
    """A generator seeded from the given parts (stable across runs and Python versions)."""
    return random.Random(zlib.crc32("|".join(map(str, parts)).encode("utf-8")))


def _ambiguous_keys(units) -> set[str]:
    """Name keys shared by two units valid at the same time, which the matcher cannot tell apart:
    old "Xã Thanh Sơn" twice; new "Xã Lộc Thành" and "Xã Lộc Thạnh" fold to the same key."""
    old = Counter(name_key(u.name) for u in units if u.province_code == PROVINCE_CODE and u.valid_to is not None)
    new = Counter(name_key(u.name) for u in units if u.valid_to is None)
    return {k for k, n in (old + new).items() if n > 1 and (old[k] > 1 or new[k] > 1)}


def build_units(seed: int) -> list[DemoUnit]:
    admin, lineage = load_admin_units(PROVINCE_CODE)
    ambiguous = _ambiguous_keys(admin)
    rng = stable_rng(seed, "units")
    out: list[DemoUnit] = []
    for i, d in enumerate(load_departments(PROVINCE_CODE)):
        dkey = d.registry_key.split(":", 1)[1]
        late = rng.uniform(0.03, 0.08)
        story = ""
        if d.registry_key == CHRONIC_DEPARTMENT:
            late, story = 0.30, "chronic"
        elif d.registry_key in IMPROVING_DEPARTMENTS:
            late, story = 0.25, "improving"
        volume = DEPARTMENT_CASES.get(dkey, 20)
        out.append(
            DemoUnit(
                d.registry_key,
                d.name,
                d.short_name,
                d.unit_type,
                "department",
                d.valid_from,
                d.valid_to,
                d.abbreviation,
                d.aliases,
                volume,
                3.0 if dkey != "vp_ubnd" else 1.0,
                2.0 + volume / 100,
                late,
                f"000.00.{i + 1:02d}.H19",
                "small" if volume < 10 else story,
            )
        )

    new_by_name = {u.name: u for u in admin if u.registry_key.startswith("commune:")}
    chronic_new = {new_by_name[n].registry_key for n in CHRONIC_COMMUNES}
    chronic_old = {a for a, b, _d, _s in lineage if b in chronic_new}
    merger_new = new_by_name[MERGER_WARD].registry_key
    merger_old = {a for a, b, _d, _s in lineage if b == merger_new}

    districts = [u for u in admin if u.unit_group == "district" and u.province_code == PROVINCE_CODE]
    for j, u in enumerate(districts):
        out.append(
            DemoUnit(
                u.registry_key, u.name, u.short_name, u.unit_type, "district", None, u.valid_to, None, (),
                rng.uniform(55, 90), 1.5, 0.0, rng.uniform(0.05, 0.12), f"000.{20 + j:02d}.30.H19",
            )
        )  # fmt: skip
    old_communes = [
        u
        for u in admin
        if u.registry_key.startswith("oldcommune:")
        and u.province_code == PROVINCE_CODE
        and name_key(u.name) not in ambiguous
    ]
    for j, u in enumerate(old_communes):
        story = ""
        late = rng.uniform(0.02, 0.09)
        volume = rng.uniform(5, 12)
        if u.registry_key in chronic_old:
            late, story, volume = 0.35, "chronic", 30
        elif u.registry_key in merger_old:
            story, volume = "merger", rng.uniform(10, 16)
        out.append(
            DemoUnit(
                u.registry_key, u.name, u.short_name, u.unit_type, "commune", None, u.valid_to, None, (),
                volume, 0.25, 0.6, late, f"000.{j // 100 + 40:02d}.{j % 100:02d}.H19", story,
            )
        )  # fmt: skip
    new_communes = [u for u in admin if u.registry_key.startswith("commune:") and name_key(u.name) not in ambiguous]
    small = set(rng.sample([u.registry_key for u in new_communes if u.name not in CHRONIC_COMMUNES], SMALL_COMMUNES))
    small.discard(merger_new)
    for j, u in enumerate(new_communes):
        story = ""
        late = rng.uniform(0.02, 0.08)
        volume = rng.uniform(12, 32) if u.unit_type == "Xã" else rng.uniform(25, 60)
        if u.registry_key in chronic_new:
            late, story, volume = 0.32, "chronic", 40
        elif u.registry_key == merger_new:
            story, volume = "merger", 55
        elif u.registry_key in small:
            story, volume = "small", rng.uniform(4, 8)
        out.append(
            DemoUnit(
                u.registry_key, u.name, u.short_name, u.unit_type, "commune", REFORM, None, None, (),
                volume, 0.6, 1.0, late, f"000.{j // 100 + 60:02d}.{j % 100:02d}.H19", story,
            )
        )  # fmt: skip
    return out


def units_on(units: list[DemoUnit], day: date) -> list[DemoUnit]:
    return [u for u in units if u.valid_on(day)]


# ---------------------------------------------------------------------------------------------------
# How people write unit names. Every spelling here resolves with oversight.units.matcher.UnitMatcher.

_TYPE_ABBR = {"Xã": "X.", "Phường": "P.", "Thị trấn": "TT.", "Huyện": "H.", "Thành phố": "TP."}


def spellings(unit: DemoUnit) -> list[str]:
    """The ways this unit's name is written in exports (the first is the official name)."""
    if unit.group == "department":
        out = [unit.name, unit.name.upper()]
        if unit.abbreviation and len(unit.abbreviation) >= 3 and " " not in unit.abbreviation:
            out.append(unit.abbreviation)
        out.extend(a for a in unit.aliases if "Đồng Nai" not in a)
        out.append(f"{unit.name} - Tỉnh Đồng Nai")
        return out
    lower_type = unit.unit_type.lower()
    abbr = _TYPE_ABBR.get(unit.unit_type)
    out = [
        unit.name,
        f"UBND {lower_type} {unit.short_name}",
        f"Ủy ban nhân dân {lower_type} {unit.short_name}",
        f"UBND {lower_type} {unit.short_name}".upper(),
        f"UBND {lower_type} {unit.short_name} - tỉnh Đồng Nai",
    ]
    if abbr:
        out.append(f"UBND {abbr} {unit.short_name}")
        if unit.group == "commune":
            out.append(f"{abbr} {unit.short_name}")
    return out


def spell(unit: DemoUnit, rng: random.Random, style: int) -> str:
    """A spelling for one row: mostly the file's habitual style, sometimes another one."""
    options = spellings(unit)
    if rng.random() < 0.85:
        return options[style % len(options)]
    return rng.choice(options)


def section_name(unit: DemoUnit, style: int) -> str:
    """Names in aggregate reports are tidier: official name, or "UBND <type> <name>"."""
    if unit.group == "department":
        return unit.name if style % 3 else unit.name.upper()
    if style % 2:
        return f"UBND {unit.unit_type.lower()} {unit.short_name}"
    return unit.name
