"""Renaming a unit from a given day while keeping its identity (page "Danh mục đơn vị"): figures as reported
show the former name for earlier periods, and files that write it still match the unit.

No streamlit here; a refused rename raises AdminError with the Vietnamese message to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import duckdb

from oversight import access, metrics_cache, sql
from oversight.formatting import day
from oversight.text import clean
from oversight.units.changes import AdminError, audited, read, unit_row
from oversight.units.names import name_key


@dataclass(frozen=True)
class Renamed:
    unit_id: int
    message: str


@audited
def rename_unit(con: duckdb.DuckDBPyConnection, unit_id: int, new_name: str, effective: date, user: str) -> Renamed:
    """Rename a unit from `effective` on, keeping its identity: the current name goes to unit_names with the
    days it was used (so figures as reported show it for earlier periods) and stays an alias (so old exports
    still match); the new name becomes the unit's name and an alias."""
    access.require(access.MANAGE_UNITS)
    new_name, user = clean(new_name), clean(user)
    if not new_name:
        raise AdminError("Nhập tên mới.")
    if not user:
        raise AdminError("Nhập tên người đổi tên.")
    unit = unit_row(con, unit_id)
    if unit.get("merged_into") is not None:
        raise AdminError(f"«{unit['name']}» đã được gộp vào đơn vị khác; hãy đổi tên đơn vị được giữ lại.")
    if new_name == unit["name"]:
        raise AdminError(f"Tên mới trùng tên hiện tại «{unit['name']}».")
    started = unit["valid_from"]
    previous = read(con, "units/unit_names_last_end", id=unit_id)
    if previous and previous[0]["last_end"] is not None:
        started = previous[0]["last_end"] + timedelta(days=1)
    if (started and effective <= started) or (unit["valid_to"] and effective > unit["valid_to"]):
        raise AdminError(
            f"Ngày đổi tên {day(effective)} phải sau ngày {day(started)} và trong thời gian «{unit['name']}» còn hiệu lực."
            if started
            else f"Ngày đổi tên {day(effective)} nằm ngoài thời gian «{unit['name']}» còn hiệu lực."
        )
    taken = read(con, "units/alias_owner_other", key=name_key(new_name), id=unit_id)
    if taken:
        raise AdminError(f"Tên «{new_name}» đang là tên gọi của «{taken[0]['name']}»; không đổi được.")
    unit_type = unit["unit_type"]
    short = new_name[len(unit_type) + 1 :] if new_name.startswith(unit_type + " ") else new_name
    last_day = effective - timedelta(days=1)
    with sql.transaction(con) as cur:
        sql.run(
            cur,
            "units/unit_names_insert",
            id=unit_id,
            name=unit["name"],
            short=unit["short_name"],
            valid_from=started,
            valid_to=last_day,
            user=user,
        )
        sql.run(cur, "units/unit_rename", id=unit_id, name=new_name, short=short)
        for alias in (unit["name"], new_name):
            sql.run(cur, "units/alias_keep_admin", key=name_key(alias), id=unit_id, alias=alias, user=user)
    metrics_cache.refresh_cache(con, force=True)
    return Renamed(
        unit_id,
        f"Đã đổi tên «{unit['name']}» thành «{new_name}» từ ngày {day(effective)}; số liệu trước ngày này vẫn "
        f"hiện tên cũ khi xem «như khi báo cáo», và tệp ghi tên cũ vẫn được nhận đúng đơn vị.",
    )
