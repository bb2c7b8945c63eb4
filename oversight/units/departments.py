"""Adding a department to the unit registry (page "Danh mục đơn vị", tab "Thêm cơ quan"): a provincial body
that departments.csv does not list, with its abbreviation and further names as aliases.

No streamlit here; a refused action raises AdminError with the Vietnamese message to show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import duckdb

from oversight import access, sql
from oversight.config import load_settings
from oversight.formatting import number
from oversight.text import clean, fold
from oversight.units.changes import AdminError, audited, read
from oversight.units.names import name_key

DEPARTMENT_TYPES = ("Sở", "Ban", "Cơ quan")


@dataclass(frozen=True)
class Added:
    unit_id: int
    message: str


def slug(name: str) -> str:
    """The key part of a department's registry_key: its name folded, words joined by "_"."""
    return re.sub(r"[^a-z0-9]+", "_", fold(name)).strip("_")


@audited
def add_department(
    con: duckdb.DuckDBPyConnection,
    name: str,
    abbreviation: str | None,
    unit_type: str,
    valid_from: date | None,
    user: str,
    aliases: tuple[str, ...] | list[str] = (),
) -> Added:
    """Add a department (registry_key 'dept:<slug>', source 'admin') with its name, abbreviation and aliases
    as unit_aliases. Refuses a name, abbreviation or alias that already names a unit."""
    access.require(access.MANAGE_UNITS)
    name, user = clean(name), clean(user)
    abbreviation = clean(abbreviation) or None
    if not name:
        raise AdminError("Nhập tên cơ quan.")
    if not user:
        raise AdminError("Nhập tên người thêm.")
    if unit_type not in DEPARTMENT_TYPES:
        raise AdminError(f"Loại cơ quan phải là một trong: {', '.join(DEPARTMENT_TYPES)}.")
    key = f"dept:{slug(name)}"
    written = [name, *([abbreviation] if abbreviation else []), *(clean(a) for a in aliases if clean(a))]
    for alias in written:
        taken = read(con, "units/alias_owner", key=name_key(alias))
        if taken:
            if alias == name:
                raise AdminError(f"Đã có đơn vị «{taken[0]['name']}» trong danh mục; không thêm trùng.")
            raise AdminError(f"Tên gọi «{alias}» đã dùng cho «{taken[0]['name']}»; không thêm trùng.")
    if read(con, "units/registry_key_taken", key=key):
        raise AdminError(f"Đã có đơn vị «{name}» trong danh mục; không thêm trùng.")
    short = name.split(" ", 1)[1] if unit_type in ("Sở", "Ban") and " " in name else name
    with sql.transaction(con) as cur:
        unit_id = sql.scalar(
            cur,
            "units/department_insert",
            key=key,
            name=name,
            short=short,
            abbr=abbreviation,
            type=unit_type,
            province=load_settings().province_code,
            valid_from=valid_from,
        )
        seen = set()
        for alias in written:
            if name_key(alias) in seen:
                continue
            seen.add(name_key(alias))
            sql.run(cur, "units/alias_insert_admin", key=name_key(alias), unit=unit_id, alias=alias, user=user)
    return Added(int(unit_id), f"Đã thêm {name} vào danh mục với {number(len(seen))} tên gọi.")
