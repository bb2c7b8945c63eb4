"""The unit registry, seeded from the vietnamadminunits package and the maintained departments list.

Registry keys (stable across rebuilds of the database):
    dept:<key>                    a provincial department or equivalent (departments.csv)
    commune:<code>                a commune or ward after 1/7/2025 (code by Quyết định 19/2025/QĐ-TTg)
    district:<code>               a district before 1/7/2025 (GSO code)
    oldcommune:<code>             a commune, ward or township before 1/7/2025 (GSO code)

The province is the setting OVERSIGHT_PROVINCE (default Đồng Nai, code 75). Today's province absorbed
former ones (Đồng Nai: Bình Phước, old code 70; Phú Thọ: Vĩnh Phúc and Hòa Bình), so the old units of all
of them are registered; lineage comes from the package's 2025 converter tables. The departments are the
standard list of departments.csv, written for the province ("tỉnh" or "thành phố").
"""

from __future__ import annotations

import csv
import json
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

from oversight import sql
from oversight.config import load_settings
from oversight.units.names import name_key
from oversight.units.provinces import ProvinceError, package_data, resolve_province

REFORM = date(2025, 7, 1)
OLD_END = date(2025, 6, 30)
DEPARTMENTS_CSV = Path(__file__).with_name("departments.csv")


@dataclass(frozen=True)
class RegistryUnit:
    registry_key: str
    code: str | None
    name: str
    short_name: str
    abbreviation: str | None
    unit_type: str
    unit_group: str
    parent_key: str | None
    province_code: str
    valid_from: date | None
    valid_to: date | None
    aliases: tuple[str, ...] = ()
    # further spellings matched (departments.csv "more_aliases"), kept apart from `aliases` because the demo
    # generator writes its department names from `aliases` and its files must not change
    more_aliases: tuple[str, ...] = ()


def _package_db() -> Path:
    return package_data("dataset.db")


def _converter() -> dict:
    path = package_data("converter_2025.json")
    return json.loads(path.read_text(encoding="utf-8"))


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _applies(provinces: str, code: str) -> bool:
    """The departments.csv column "provinces": empty for every province, "01;79" for those only,
    "-75;-01" for every province but those."""
    marks = [m.strip() for m in provinces.split(";") if m.strip()]
    if not marks:
        return True
    if all(m.startswith("-") for m in marks):
        return code not in {m[1:] for m in marks}
    return code in marks


def department_rows(province_code: str | None = None) -> list[dict[str, str]]:
    """departments.csv rendered for a province: {level} is "tỉnh" or "thành phố", {province} its name
    ("Văn phòng UBND thành phố", "Ban Quản lý các Khu công nghiệp Phú Thọ"); rows not kept there left out."""
    settings = load_settings()
    code = province_code or settings.province_code
    if code == settings.province_code:
        level, name = settings.province_kind, settings.province_name
    else:
        province = resolve_province(code)
        level, name = province.kind, province.name
    with DEPARTMENTS_CSV.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for row in rows:
        if not _applies(row.pop("provinces", "") or "", code):
            continue
        out.append({k: (v or "").replace("{level}", level).replace("{province}", name) for k, v in row.items()})
    return out


def load_departments(province_code: str | None = None) -> list[RegistryUnit]:
    """The standard departments of a provincial government (default: the configured province's)."""
    code = province_code or load_settings().province_code
    out = []
    for row in department_rows(code):
        name = row["name"]
        short = name.split(" ", 1)[1] if row["unit_type"] in ("Sở", "Ban") else name
        out.append(
            RegistryUnit(
                registry_key=f"dept:{row['key']}",
                code=None,
                name=name,
                short_name=short,
                abbreviation=row["abbreviation"] or None,
                unit_type=row["unit_type"],
                unit_group="department",
                parent_key=None,
                province_code=code,
                valid_from=_date(row["valid_from"]),
                valid_to=_date(row["valid_to"]),
                aliases=tuple(a for a in row["aliases"].split(";") if a),
                more_aliases=tuple(a for a in row["more_aliases"].split(";") if a),
            )
        )
    return out


def department_successors(province_code: str | None = None) -> list[tuple[str, str, bool, bool]]:
    """(from_key, to_key, is_default, is_split) for departments merged in 2025."""
    out = []
    for row in department_rows(province_code):
        succ = [s for s in row["successors"].split(";") if s]
        for i, to in enumerate(succ):
            out.append((f"dept:{row['key']}", f"dept:{to}", i == 0, len(succ) > 1))
    return out


@lru_cache(maxsize=4)
def load_admin_units(province_code: str) -> tuple[list[RegistryUnit], list[tuple[str, str, bool, bool]]]:
    """Communes after the reform, old districts and communes of the provinces merged into it, lineage."""
    with closing(sqlite3.connect(_package_db())) as con:
        cur = con.cursor()
        new = sql.run(cur, "units/package_wards", province_code=province_code).fetchall()
        if not new:
            raise ValueError(f"no province with code {province_code} in vietnamadminunits")
        province_key = new[0][5]
        old_province_keys = _converter()["DICT_PROVINCE"][province_key]
        old = sql.run(cur, "units/package_legacy_wards", province_keys=json.dumps(old_province_keys)).fetchall()

    units: list[RegistryUnit] = []
    new_by_key: dict[str, str] = {}
    for _prov, ward, short, wtype, code, _pkey, wkey in new:
        units.append(
            RegistryUnit(
                f"commune:{code}", code, ward, short, None, wtype, "commune", None, province_code, REFORM, None
            )
        )
        new_by_key[wkey] = f"commune:{code}"
    old_by_key: dict[str, str] = {}
    seen_districts = set()
    for pcode, pkey, district, dshort, dtype, dcode, dkey, ward, wshort, wtype, wcode, wkey in old:
        dreg = f"district:{dcode}"
        if dreg not in seen_districts:
            seen_districts.add(dreg)
            units.append(
                RegistryUnit(dreg, dcode, district, dshort, None, dtype, "district", None, pcode, None, OLD_END)
            )
        units.append(
            RegistryUnit(f"oldcommune:{wcode}", wcode, ward, wshort, None, wtype, "commune", dreg, pcode, None, OLD_END)
        )
        old_by_key[f"{pkey}_{dkey}_{wkey}"] = f"oldcommune:{wcode}"

    conv = _converter()
    divided = conv["DICT_PROVINCE_WARD_DIVIDED"].get(province_key, {})
    pairs: dict[tuple[str, str], tuple[bool, bool]] = {}
    for new_key, old_keys in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].get(province_key, {}).items():
        for old_key in old_keys:
            if old_key in old_by_key and new_key in new_by_key:
                pairs[(old_by_key[old_key], new_by_key[new_key])] = (True, False)
    for old_key, targets in divided.items():
        if old_key not in old_by_key:
            continue
        for t in targets:
            if t["newWardKey"] in new_by_key:
                pairs[(old_by_key[old_key], new_by_key[t["newWardKey"]])] = (bool(t["isDefaultNewWard"]), True)
    lineage = [(a, b, d, s) for (a, b), (d, s) in sorted(pairs.items())]
    return units, lineage


def registry_units(province_code: str) -> list[RegistryUnit]:
    units, _ = load_admin_units(province_code)
    return load_departments(province_code) + units


def seed_registry(con: duckdb.DuckDBPyConnection, province_code: str | None = None) -> int:
    """Fill units, aliases and lineage once (an existing registry is left alone). Returns units added."""
    if sql.scalar(con, "units/units_count"):
        return 0
    province_code = province_code or load_settings().province_code
    admin_units, lineage = load_admin_units(province_code)
    units = load_departments(province_code) + admin_units
    frame = pd.DataFrame(
        {
            "registry_key": [u.registry_key for u in units],
            "code": [u.code for u in units],
            "name": [u.name for u in units],
            "short_name": [u.short_name for u in units],
            "abbreviation": [u.abbreviation for u in units],
            "unit_type": [u.unit_type for u in units],
            "unit_group": [u.unit_group for u in units],
            "province_code": [u.province_code for u in units],
            "valid_from": pd.to_datetime(pd.Series([u.valid_from for u in units], dtype="object")),
            "valid_to": pd.to_datetime(pd.Series([u.valid_to for u in units], dtype="object")),
        }
    )
    alias_rows = []
    for u in units:
        for alias in (u.name, u.abbreviation, *u.aliases, *u.more_aliases):
            if alias:
                alias_rows.append((u.registry_key, name_key(alias), alias))
    aliases = pd.DataFrame(alias_rows, columns=["registry_key", "alias_key", "alias"]).drop_duplicates(
        ["registry_key", "alias_key"]
    )
    parents = pd.DataFrame(
        [(u.registry_key, u.parent_key) for u in units if u.parent_key], columns=["registry_key", "parent_key"]
    )
    links = pd.DataFrame(
        lineage + department_successors(province_code), columns=["from_key", "to_key", "is_default", "is_split"]
    )
    seeds = {"seed_units": frame, "seed_parents": parents, "seed_aliases": aliases, "seed_links": links}
    with sql.transaction(con) as cur:
        for view, rows in seeds.items():
            cur.register(view, rows)
        try:
            sql.run(cur, "units/seed_units")
            sql.run(cur, "units/seed_parents")
            sql.run(cur, "units/seed_aliases")
            sql.run(cur, "units/seed_lineage")
        finally:
            for view in seeds:
                cur.unregister(view)
    return len(units)


def registry_province(con: duckdb.DuckDBPyConnection) -> str | None:
    """The code of the province a database's registry was seeded for (its communes after 1/7/2025)."""
    with closing(con.cursor()) as cur:
        return sql.scalar(cur, "units/registry_province")


def check_registry_province(con: duckdb.DuckDBPyConnection, path: object = None) -> None:
    """A database seeded for one province opened with OVERSIGHT_PROVINCE naming another: refused, since every
    unit name would be matched against the wrong registry."""
    settings = load_settings()
    code = registry_province(con)
    if code is None or code == settings.province_code:
        return
    seeded = resolve_province(code)
    where = f" «{path}»" if path else ""
    raise ProvinceError(
        f"Cơ sở dữ liệu{where} được lập cho {seeded.label}, nhưng OVERSIGHT_PROVINCE là {settings.province_label}. "
        f"Hãy dùng một cơ sở dữ liệu mới cho {settings.province_label} (OVERSIGHT_DB hoặc --db), "
        f"hoặc đặt OVERSIGHT_PROVINCE=«{seeded.name}» để mở cơ sở dữ liệu này."
    )
