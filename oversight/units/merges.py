"""Merging two units of the registry that turned out to be one, and undoing a merge (page "Danh mục đơn vị",
tab "Gộp đơn vị").

A merge moves the dropped unit's fact rows, aliases, lineage and child units to the kept unit in one
transaction and records what it moved (schema 030: unit_merges and its row records, units.merged_into), so
unmerge can give exactly those back. No streamlit here; a refused action raises AdminError with the
Vietnamese message to show.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from oversight import access, db, metrics_cache, sql
from oversight.formatting import number
from oversight.text import clean
from oversight.units.browse import GROUP_LABELS
from oversight.units.changes import AdminError, audited, read, unit_row, validity

# The fact tables a merge repoints; each has its own query files (units/merge_record_<table>,
# units/merge_move_<table>, units/unmerge_return_<table>), since a table's name cannot be bound.
FACT_TABLES = ("tasks", "cases", "case_stats", "feedback")
TABLE_LABELS = {
    "tasks": "Nhiệm vụ",
    "cases": "Hồ sơ TTHC",
    "case_stats": "Dòng Biểu 06",
    "feedback": "Phản ánh, kiến nghị",
    "unit_aliases": "Tên gọi",
    "units": "Đơn vị trực thuộc",
}


@dataclass(frozen=True)
class Merged:
    merge_id: int
    fact_rows: int
    alias_rows: int
    message: str


def _check_merge(con: duckdb.DuckDBPyConnection, keep_id: int, drop_id: int) -> tuple[dict, dict]:
    if int(keep_id) == int(drop_id):
        raise AdminError("Không gộp được: hãy chọn hai đơn vị khác nhau.")
    keep, drop = unit_row(con, keep_id), unit_row(con, drop_id)
    for unit in (keep, drop):
        if unit["merged_into"] is not None:
            into = unit_row(con, unit["merged_into"])["name"]
            raise AdminError(f"Không gộp được: «{unit['name']}» đã được gộp vào «{into}».")
    if keep["unit_group"] != drop["unit_group"]:
        raise AdminError(
            f"Không gộp được: «{keep['name']}» thuộc nhóm {GROUP_LABELS[keep['unit_group']]}, «{drop['name']}»"
            f" thuộc nhóm {GROUP_LABELS[drop['unit_group']]}; chỉ gộp hai đơn vị cùng nhóm."
        )
    if keep["code"] and drop["code"] and keep["code"] != drop["code"]:
        raise AdminError(
            f"Không gộp được: «{keep['name']}» (mã {keep['code']}) và «{drop['name']}» (mã {drop['code']})"
            " là hai đơn vị hành chính có mã chính thức khác nhau."
        )
    start = max(keep["valid_from"] or date.min, drop["valid_from"] or date.min)
    end = min(keep["valid_to"] or date.max, drop["valid_to"] or date.max)
    if start > end:
        raise AdminError(
            f"Không gộp được: «{keep['name']}» ({validity(keep['valid_from'], keep['valid_to'])}) và"
            f" «{drop['name']}» ({validity(drop['valid_from'], drop['valid_to'])}) không cùng thời gian hiệu lực;"
            " đơn vị trước và sau sắp xếp là quan hệ kế thừa, không phải một đơn vị."
        )
    return keep, drop


def merge_preview(con: duckdb.DuckDBPyConnection, keep_id: int, drop_id: int) -> pd.DataFrame:
    """What merging drop_id into keep_id moves: what (TABLE_LABELS), file (for fact rows), rows. Raises
    AdminError when the merge would be refused."""
    access.require(access.MANAGE_UNITS)
    _check_merge(con, keep_id, drop_id)
    frame = db.run_internal("units/merge_preview_facts", con, drop=int(drop_id))
    extra = db.run_internal("units/merge_preview_others", con, drop=int(drop_id))
    frame = pd.concat([frame, extra[extra["rows"] > 0]], ignore_index=True)
    frame.insert(0, "what", frame.pop("tbl").map(TABLE_LABELS))
    frame["rows"] = frame["rows"].astype("int64")
    return frame


@audited
def merge_units(con: duckdb.DuckDBPyConnection, keep_id: int, drop_id: int, user: str) -> Merged:
    """Merge drop_id into keep_id in one transaction: its aliases, every fact row (tasks, cases, case_stats,
    feedback), its lineage and its child units move to keep_id; the moved rows are recorded (schema 030) for
    unmerge; units.merged_into marks the dropped unit. Then the metrics caches are rebuilt."""
    access.require(access.MANAGE_UNITS)
    user = clean(user)
    if not user:
        raise AdminError("Nhập tên người gộp.")
    keep, drop = _check_merge(con, keep_id, drop_id)
    ids = {"keep": keep["unit_id"], "drop": drop["unit_id"]}
    with sql.transaction(con) as cur:
        merge_id = sql.scalar(cur, "units/merge_insert", **ids, user=user)
        ids["merge"] = merge_id
        fact_rows = 0
        for table in FACT_TABLES:
            sql.run(cur, f"units/merge_record_{table}", **ids)
            fact_rows += sql.scalar(cur, f"units/merge_move_{table}", **ids)
        sql.run(cur, "units/merge_record_children", **ids)
        sql.run(cur, "units/merge_move_children", **ids)
        # aliases: recorded as they were, then moved unless the kept unit already has the key
        sql.run(cur, "units/merge_record_aliases", **ids)
        sql.run(cur, "units/merge_drop_aliases", **ids)
        sql.run(cur, "units/merge_move_aliases", **ids)
        alias_rows = sql.scalar(cur, "units/merge_alias_count", **ids)
        # lineage: the dropped unit's links now name the kept unit (unless that link exists or would loop)
        sql.run(cur, "units/merge_record_lineage", **ids)
        sql.run(cur, "units/merge_drop_lineage", **ids)
        sql.run(cur, "units/merge_move_lineage", **ids)
        sql.run(cur, "units/merge_mark_dropped", **ids)
        sql.run(cur, "units/merge_totals", facts=fact_rows, aliases=alias_rows, merge=merge_id)
    metrics_cache.refresh_cache(con, force=True)
    return Merged(
        int(merge_id),
        int(fact_rows),
        int(alias_rows),
        f"Đã gộp «{drop['name']}» vào «{keep['name']}» (lần gộp số {merge_id}): chuyển {number(fact_rows)} dòng"
        f" số liệu và {number(alias_rows)} tên gọi.",
    )


@audited
def unmerge(con: duckdb.DuckDBPyConnection, merge_id: int, user: str) -> str:
    """Undo a merge: the recorded fact rows, aliases, lineage and child units go back to the dropped unit,
    which is no longer marked merged. Refused when a later merge involving either unit is still in force."""
    access.require(access.MANAGE_UNITS)
    user = clean(user)
    if not user:
        raise AdminError("Nhập tên người hoàn tác.")
    found = read(con, "units/merge_by_id", id=int(merge_id))
    if not found:
        raise AdminError(f"Không có lần gộp số {merge_id}.")
    keep_id, drop_id, undone_at = found[0]["keep_id"], found[0]["drop_id"], found[0]["undone_at"]
    if undone_at is not None:
        raise AdminError(f"Lần gộp số {merge_id} đã được hoàn tác trước đó.")
    later = read(con, "units/merge_later", id=int(merge_id), keep=keep_id, drop=drop_id)
    if later:
        raise AdminError(f"Hãy hoàn tác lần gộp số {later[0]['merge_id']} trước lần gộp số {merge_id}.")
    keep, drop = unit_row(con, keep_id), unit_row(con, drop_id)
    ids = {"merge": int(merge_id), "keep": keep_id, "drop": drop_id}
    with sql.transaction(con) as cur:
        fact_rows = 0
        for table in FACT_TABLES:
            fact_rows += sql.scalar(cur, f"units/unmerge_return_{table}", **ids)
        sql.run(cur, "units/unmerge_return_children", **ids)
        sql.run(cur, "units/unmerge_drop_aliases", **ids)
        sql.run(cur, "units/unmerge_return_aliases", **ids)
        alias_rows = sql.scalar(cur, "units/unmerge_alias_count", **ids)
        sql.run(cur, "units/unmerge_drop_lineage", **ids)
        sql.run(cur, "units/unmerge_return_lineage", **ids)
        sql.run(cur, "units/unmerge_unmark_dropped", **ids)
        sql.run(cur, "units/unmerge_done", **ids, user=user)
    metrics_cache.refresh_cache(con, force=True)
    return (
        f"Đã hoàn tác lần gộp số {merge_id}: «{drop['name']}» tách lại khỏi «{keep['name']}»,"
        f" trả lại {number(fact_rows)} dòng số liệu và {number(alias_rows)} tên gọi."
    )


def merges_frame(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Past merges, newest first: merge_id, keep_id, keep, drop_id, drop, merged_by, merged_at, fact_rows,
    alias_rows, undone_by, undone_at."""
    return db.run_internal("units/merges", con)
