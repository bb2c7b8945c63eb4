"""Administration of the unit registry (page "Danh mục đơn vị"): browse units of both eras with their aliases
and lineage, resolve names that uploads rejected as unknown (confirm as an alias, or reject as not a unit of
the province), add a department, and merge two units that turned out to be one (undoably).

No streamlit here: every function takes the DuckDB connection, runs on its own cursor, and either returns
data or a Vietnamese message; a refused action raises AdminError with the message to show. Tables of
schema 030 (unit_rejected_names, unit_merges and their row records, units.merged_into) belong to this module.
"""

from __future__ import annotations

import functools
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import duckdb
import pandas as pd

from oversight import access, metrics
from oversight.auth import audit
from oversight.config import load_settings
from oversight.formatting import day, number
from oversight.text import clean, fold
from oversight.units.matcher import UnitMatcher, confirm_alias
from oversight.units.names import name_key
from oversight.units.registry import REFORM

ERAS = ("all", "old", "new")
GROUP_LABELS = {"department": "Sở, ban, ngành", "district": "Cấp huyện", "commune": "Cấp xã"}
DEPARTMENT_TYPES = ("Sở", "Ban", "Cơ quan")
# Fact tables a merge repoints. Their names are formatted into SQL text (DuckDB cannot bind identifiers); they
# come only from this constant, never from input, and every value in those statements is a bound parameter.
FACT_TABLES = ("tasks", "cases", "case_stats", "feedback")
TABLE_LABELS = {
    "tasks": "Nhiệm vụ",
    "cases": "Hồ sơ TTHC",
    "case_stats": "Dòng Biểu 06",
    "feedback": "Phản ánh, kiến nghị",
    "unit_aliases": "Tên gọi",
    "units": "Đơn vị trực thuộc",
}
UNKNOWN_PREFIX = "Không tìm thấy đơn vị «"
SPLIT_COMMUNE = "được chia cho nhiều xã, phường mới"
SPLIT_DEPARTMENT = "được chia cho nhiều cơ quan mới"
_NAME_IN_REASON = re.compile(r"«(.*?)»")


def _audited(change: Callable) -> Callable:
    """Record a successful change of the registry in the audit log (action units_change), with its arguments."""

    @functools.wraps(change)
    def run(con: duckdb.DuckDBPyConnection, *args, **kwargs):
        result = change(con, *args, **kwargs)
        bound = inspect.signature(change).bind(con, *args, **kwargs)
        detail = {k: v for k, v in bound.arguments.items() if k not in ("con", "user")}
        audit.record(con, audit.UNITS_CHANGE, target=change.__name__, detail=detail)
        return result

    return run


class AdminError(ValueError):
    """A refused administrative action; str(error) is the Vietnamese message to show."""


@dataclass(frozen=True)
class Confirmed:
    rows: int  # rejected rows of active uploads that the name now resolves
    files: list[str]  # the files holding them: uploading each again loads them
    upload_ids: list[int]  # their uploads (an identical file loads again only once its upload is rolled back)
    message: str


@dataclass(frozen=True)
class Added:
    unit_id: int
    message: str


@dataclass(frozen=True)
class Merged:
    merge_id: int
    fact_rows: int
    alias_rows: int
    message: str


def _df(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None) -> pd.DataFrame:
    cur = con.cursor()
    try:
        return cur.execute(sql, params or {}).df()
    finally:
        cur.close()


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None) -> list[tuple]:
    cur = con.cursor()
    try:
        return cur.execute(sql, params or {}).fetchall()
    finally:
        cur.close()


def _unit(con: duckdb.DuckDBPyConnection, unit_id: int) -> dict:
    found = _rows(
        con,
        "SELECT unit_id, name, code, unit_group, valid_from, valid_to, merged_into, unit_type, short_name"
        " FROM units WHERE unit_id = $id",
        {"id": int(unit_id)},
    )
    if not found:
        raise AdminError(f"Không có đơn vị số {unit_id} trong danh mục.")
    keys = ("unit_id", "name", "code", "unit_group", "valid_from", "valid_to", "merged_into", "unit_type", "short_name")
    return dict(zip(keys, found[0], strict=True))


def _only(params: dict, *names: str) -> dict:
    """The named parameters a statement uses (DuckDB refuses unused ones)."""
    return {name: params[name] for name in names}


def _validity(valid_from: date | None, valid_to: date | None) -> str:
    start = f"từ {day(valid_from)}" if valid_from else "từ trước"
    end = f"đến {day(valid_to)}" if valid_to else "đến nay"
    return f"{start} {end}"


# ---------------------------------------------------------------------------------------------- browsing


def registry_frame(
    con: duckdb.DuckDBPyConnection, era: str = "all", group: str | None = None, search: str | None = None
) -> pd.DataFrame:
    """The registry, one row per unit: unit_id, code, name, type, group, parent, valid_from, valid_to,
    aliases (how many), predecessors and successors (names, comma-separated), merged_into (name), source.
    era "old": units that existed before 1/7/2025; "new": units that exist from 1/7/2025 (a department
    without dates is in both). search: accent- and case-insensitive, on name, code and every alias."""
    if era not in ERAS:
        raise ValueError(f"era must be one of {ERAS}, not {era!r}")
    if group not in (None, *GROUP_LABELS):
        raise ValueError(f"group must be one of {tuple(GROUP_LABELS)}, not {group!r}")
    frame = _df(
        con,
        """
        with
        alias_counts as (
            select unit_id, count(*) as aliases, string_agg(alias, ' | ') as alias_text
            from unit_aliases group by unit_id
        ),
        preds as (
            select l.to_unit_id as unit_id, string_agg(f.name, ', ' order by f.name collate vi) as predecessors
            from unit_lineage l join units f on f.unit_id = l.from_unit_id group by l.to_unit_id
        ),
        succs as (
            select l.from_unit_id as unit_id,
                string_agg(t.name, ', ' order by l.is_default desc, t.name collate vi) as successors,
                bool_or(l.is_split) as is_split
            from unit_lineage l join units t on t.unit_id = l.to_unit_id group by l.from_unit_id
        ),
        final as (
            select u.unit_id, u.code, u.name, u.unit_type as type, u.unit_group as "group", p.name as parent,
                u.valid_from, u.valid_to, coalesce(a.aliases, 0) as aliases, pr.predecessors, su.successors,
                coalesce(su.is_split, false) as is_split, m.name as merged_into, u.source,
                coalesce(a.alias_text, '') as alias_text
            from units u
            left join units p on p.unit_id = u.parent_id
            left join units m on m.unit_id = u.merged_into
            left join alias_counts a on a.unit_id = u.unit_id
            left join preds pr on pr.unit_id = u.unit_id
            left join succs su on su.unit_id = u.unit_id
            where ($era = 'all'
                or ($era = 'old' and (u.valid_from is null or u.valid_from < $reform))
                or ($era = 'new' and (u.valid_to is null or u.valid_to >= $reform)))
              and ($group is null or u.unit_group = $group)
        )
        select * from final
        order by case "group" when 'department' then 0 when 'district' then 1 else 2 end,
            valid_to nulls first, name collate vi, unit_id
        """,
        {"era": era, "reform": REFORM, "group": group},
    )
    if search and search.strip():
        needle = fold(search)
        hay = (frame["name"].fillna("") + " | " + frame["code"].fillna("") + " | " + frame["alias_text"]).map(fold)
        frame = frame[hay.str.contains(needle, regex=False)]
    frame["aliases"] = frame["aliases"].astype("int64")
    for column in ("valid_from", "valid_to"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame.drop(columns="alias_text").reset_index(drop=True)


def unit_choices(con: duckdb.DuckDBPyConnection, group: str | None = None) -> dict[int, str]:
    """unit_id -> a label that tells namesakes apart ("Xã Thanh Sơn (Huyện Tân Phú, đến 30/06/2025)"), for
    pickers; units merged into another are left out."""
    frame = registry_frame(con, group=group)
    frame = frame[frame["merged_into"].isna()]
    out = {}
    for row in frame.itertuples(index=False):
        parts = [row.parent] if isinstance(row.parent, str) else []
        if row.valid_from is not None and not pd.isna(row.valid_from):
            parts.append(f"từ {day(row.valid_from)}")
        if row.valid_to is not None and not pd.isna(row.valid_to):
            parts.append(f"đến {day(row.valid_to)}")
        out[int(row.unit_id)] = f"{row.name} ({', '.join(parts)})" if parts else row.name
    return out


def aliases_frame(con: duckdb.DuckDBPyConnection, unit_id: int) -> pd.DataFrame:
    """A unit's aliases: alias (as first seen), alias_key, source, created_by, created_at."""
    return _df(
        con,
        "SELECT alias, alias_key, source, created_by, created_at FROM unit_aliases WHERE unit_id = $id"
        " ORDER BY source <> 'registry', alias COLLATE vi",
        {"id": int(unit_id)},
    )


def lineage_frame(con: duckdb.DuckDBPyConnection, unit_id: int) -> pd.DataFrame:
    """Predecessors and successors of a unit: direction ('predecessor' | 'successor'), unit_id, name, code,
    unit_type, effective, is_default (the successor that takes a split unit's data), is_split."""
    frame = _df(
        con,
        """
        with
        final as (
            select 'predecessor' as direction, f.unit_id, f.name, f.code, f.unit_type, l.effective,
                l.is_default, l.is_split
            from unit_lineage l join units f on f.unit_id = l.from_unit_id
            where l.to_unit_id = $id
            union all
            select 'successor', t.unit_id, t.name, t.code, t.unit_type, l.effective, l.is_default, l.is_split
            from unit_lineage l join units t on t.unit_id = l.to_unit_id
            where l.from_unit_id = $id
        )
        select * from final
        order by direction, is_default desc, name collate vi
        """,
        {"id": int(unit_id)},
    )
    frame["effective"] = pd.to_datetime(frame["effective"]).dt.date
    return frame


def lineage_lines(con: duckdb.DuckDBPyConnection, unit_id: int) -> list[str]:
    """The lineage in words: "Phường Trấn Biên ← Phường Bửu Long, Phường Quang Vinh, …",
    "Xã Xuân Tâm → Xã Xuân Hòa (nhận số liệu cũ), Xã Xuân Đông" and the split flag."""
    unit = _unit(con, unit_id)
    frame = lineage_frame(con, unit_id)
    lines = []
    preds = frame[frame["direction"] == "predecessor"]
    if len(preds):
        names = [
            n + (" (một phần)" if split else "") for n, split in zip(preds["name"], preds["is_split"], strict=True)
        ]
        lines.append(f"{unit['name']} ← {', '.join(names)}")
    succs = frame[frame["direction"] == "successor"]
    if len(succs):
        split = bool(succs["is_split"].any())
        names = [
            n + (" (nhận số liệu cũ)" if split and default else "")
            for n, default in zip(succs["name"], succs["is_default"], strict=True)
        ]
        lines.append(f"{unit['name']} → {', '.join(names)}")
        if split:
            flag = SPLIT_DEPARTMENT if unit["unit_group"] == "department" else SPLIT_COMMUNE
            default = succs[succs["is_default"]]["name"]
            target = f"; số liệu cũ tính cho {default.iloc[0]}" if len(default) else ""
            lines.append(f"{unit['name']} {flag}{target}.")
    return lines


# ------------------------------------------------------------------------------------------ pending names


def _rejected_unknown(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every row of an active upload rejected because its unit is unknown: name, upload, file, period end."""
    frame = _df(
        con,
        "SELECT r.value, r.reason, r.upload_id, u.file_name, coalesce(u.period_to, u.period_from) AS on_day"
        " FROM upload_rejects r JOIN uploads u USING (upload_id)"
        " WHERE u.state = 'active' AND r.severity = 'error' AND starts_with(r.reason, $prefix)",
        {"prefix": UNKNOWN_PREFIX},
    )
    if frame.empty:
        return frame.assign(name=pd.Series(dtype="object"), name_key=pd.Series(dtype="object"))
    from_reason = frame["reason"].str.extract(_NAME_IN_REASON, expand=False)
    frame["name"] = frame["value"].where(frame["value"].notna(), from_reason).map(clean)
    frame["name_key"] = frame["name"].map(name_key)
    frame["on_day"] = pd.to_datetime(frame["on_day"]).dt.date
    return frame[frame["name"] != ""]


def _names(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    rows = _rejected_unknown(con)
    columns = ["name", "name_key", "rows", "files", "upload_ids", "on_day", "suggestions", "now_unit_id", "now_unit"]
    if rows.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    rejected = {r[0] for r in _rows(con, "SELECT name_key FROM unit_rejected_names")}
    rows = rows[~rows["name_key"].isin(rejected)]
    matcher = UnitMatcher(con)
    out = []
    for key, part in rows.groupby("name_key", sort=False):
        days = part["on_day"].dropna()
        on = max(days) if len(days) else None
        name = part["name"].mode().iloc[0]
        m = matcher.match(name, on)
        files = part.drop_duplicates("upload_id").sort_values("upload_id")
        out.append(
            {
                "name": name,
                "name_key": key,
                "rows": len(part),
                "files": list(files["file_name"]),
                "upload_ids": [int(x) for x in files["upload_id"]],
                "on_day": on,
                "suggestions": [] if m.unit_id else matcher.suggest(name, on),
                "now_unit_id": m.unit_id,
                "now_unit": m.unit_name,
            }
        )
    frame = pd.DataFrame(out, columns=columns)
    frame["now_unit_id"] = frame["now_unit_id"].astype("Int64")
    return frame.sort_values(["rows", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)


def pending_names(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Distinct unit names (by name_key) that active uploads rejected as unknown and that still resolve to no
    unit, minus the names rejected as not units of the province: name (as written most often), name_key, rows,
    files, upload_ids, on_day (the latest upload period's end), suggestions [(unit name, unit_id, score)] as
    the matcher computes them at on_day. Most rows first."""
    access.require(access.MANAGE_UNITS)
    frame = _names(con)
    return frame[frame["now_unit_id"].isna()].drop(columns=["now_unit_id", "now_unit"]).reset_index(drop=True)


def awaiting_reupload(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Names rejected in active uploads that now resolve (an alias was confirmed since): name, now_unit, rows,
    files. Those rows load when the files are uploaded again."""
    access.require(access.MANAGE_UNITS)
    frame = _names(con)
    frame = frame[frame["now_unit_id"].notna()]
    return frame[["name", "now_unit", "rows", "files", "upload_ids"]].reset_index(drop=True)


def reupload_advice(files: list[str], upload_ids: list[int]) -> str:
    """How to load rows rejected in these uploads: upload the files again, an identical file only after its
    upload was rolled back (ingestion refuses a file whose SHA-256 an active upload already has)."""
    named = ", ".join(f"«{f}» (lần tải lên số {u})" for f, u in zip(files, upload_ids, strict=True))
    them = "lần tải lên đó" if len(files) == 1 else "các lần tải lên đó"
    return (
        f"tải lại tệp {named} ở trang Tải dữ liệu; nếu tải lên đúng tệp cũ, trước hết hoàn tác {them}"
        " ở mục Lịch sử tải lên."
    )


@_audited
def confirm(con: duckdb.DuckDBPyConnection, name: str, unit_id: int, user: str) -> Confirmed:
    """Record that `name` means unit_id (matcher.confirm_alias) and count the rows of active uploads rejected
    under that name that now resolve; they load when their file is uploaded again."""
    access.require(access.MANAGE_UNITS)
    name, user = clean(name), clean(user)
    if not name:
        raise AdminError("Tên đơn vị trống.")
    if not user:
        raise AdminError("Nhập tên người xác nhận.")
    unit = _unit(con, unit_id)
    if unit["merged_into"] is not None:
        raise AdminError(f"«{unit['name']}» đã được gộp vào đơn vị khác; hãy chọn đơn vị được giữ lại.")
    confirm_alias(con, name, int(unit_id), user)
    cur = con.cursor()
    try:
        cur.execute("DELETE FROM unit_rejected_names WHERE name_key = $key", {"key": name_key(name)})
    finally:
        cur.close()
    rows = _rejected_unknown(con)
    rows = rows[rows["name_key"] == name_key(name)]
    matcher = UnitMatcher(con)
    resolved = rows[
        [matcher.match(n, d).unit_id is not None for n, d in zip(rows["name"], rows["on_day"], strict=True)]
    ]
    uploads = resolved.drop_duplicates("upload_id").sort_values("upload_id")
    files, upload_ids = list(uploads["file_name"]), [int(u) for u in uploads["upload_id"]]
    message = f"Đã ghi nhận «{name}» là {unit['name']}."
    if len(resolved):
        message += (
            f" {number(len(resolved))} dòng bị từ chối vì tên này sẽ được nạp khi {reupload_advice(files, upload_ids)}"
        )
    return Confirmed(len(resolved), files, upload_ids, message)


@_audited
def reject(con: duckdb.DuckDBPyConnection, name: str, user: str) -> str:
    """Record that `name` is not a unit of the province, so it is no longer proposed."""
    access.require(access.MANAGE_UNITS)
    name, user = clean(name), clean(user)
    if not name:
        raise AdminError("Tên đơn vị trống.")
    if not user:
        raise AdminError("Nhập tên người xác nhận.")
    m = UnitMatcher(con).match(name)
    if m.unit_id is not None:
        raise AdminError(f"«{name}» đang khớp với {m.unit_name}; không thể ghi nhận là không phải đơn vị của tỉnh.")
    cur = con.cursor()
    try:
        cur.execute(
            "INSERT INTO unit_rejected_names (name_key, name, rejected_by) VALUES ($key, $name, $user)"
            " ON CONFLICT DO NOTHING",
            {"key": name_key(name), "name": name, "user": user},
        )
    finally:
        cur.close()
    return f"Đã ghi nhận «{name}» không phải đơn vị của tỉnh; tên này sẽ không được đề xuất nữa."


def rejected_names(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    access.require(access.MANAGE_UNITS)
    return _df(con, "SELECT name, rejected_by, rejected_at FROM unit_rejected_names ORDER BY rejected_at DESC")


@_audited
def unreject(con: duckdb.DuckDBPyConnection, name: str) -> str:
    access.require(access.MANAGE_UNITS)
    cur = con.cursor()
    try:
        cur.execute("DELETE FROM unit_rejected_names WHERE name_key = $key", {"key": name_key(name)})
    finally:
        cur.close()
    return f"«{clean(name)}» sẽ lại được đề xuất khi có dòng bị từ chối vì tên này."


# --------------------------------------------------------------------------------------------- departments


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold(name)).strip("_")


@_audited
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
        taken = _rows(
            con,
            "SELECT u.name FROM unit_aliases a JOIN units u USING (unit_id)"
            " WHERE a.alias_key = $key AND u.merged_into IS NULL ORDER BY u.unit_id LIMIT 1",
            {"key": name_key(alias)},
        )
        if taken:
            if alias == name:
                raise AdminError(f"Đã có đơn vị «{taken[0][0]}» trong danh mục; không thêm trùng.")
            raise AdminError(f"Tên gọi «{alias}» đã dùng cho «{taken[0][0]}»; không thêm trùng.")
    if _rows(con, "SELECT 1 FROM units WHERE registry_key = $key", {"key": key}):
        raise AdminError(f"Đã có đơn vị «{name}» trong danh mục; không thêm trùng.")
    short = name.split(" ", 1)[1] if unit_type in ("Sở", "Ban") and " " in name else name
    cur = con.cursor()
    try:
        cur.execute("BEGIN TRANSACTION")
        try:
            unit_id = cur.execute(
                "INSERT INTO units (registry_key, code, name, short_name, abbreviation, unit_type, unit_group,"
                " province_code, valid_from, valid_to, source)"
                " VALUES ($key, NULL, $name, $short, $abbr, $type, 'department', $province, $from, NULL, 'admin')"
                " RETURNING unit_id",
                {
                    "key": key,
                    "name": name,
                    "short": short,
                    "abbr": abbreviation,
                    "type": unit_type,
                    "province": load_settings().province_code,
                    "from": valid_from,
                },
            ).fetchall()[0][0]
            seen = set()
            for alias in written:
                if name_key(alias) in seen:
                    continue
                seen.add(name_key(alias))
                cur.execute(
                    "INSERT INTO unit_aliases (alias_key, unit_id, alias, source, created_by)"
                    " VALUES ($key, $unit, $alias, 'admin', $user)",
                    {"key": name_key(alias), "unit": unit_id, "alias": alias, "user": user},
                )
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
    finally:
        cur.close()
    return Added(int(unit_id), f"Đã thêm {name} vào danh mục với {number(len(seen))} tên gọi.")


# -------------------------------------------------------------------------------------------------- merges


def _check_merge(con: duckdb.DuckDBPyConnection, keep_id: int, drop_id: int) -> tuple[dict, dict]:
    if int(keep_id) == int(drop_id):
        raise AdminError("Không gộp được: hãy chọn hai đơn vị khác nhau.")
    keep, drop = _unit(con, keep_id), _unit(con, drop_id)
    for unit in (keep, drop):
        if unit["merged_into"] is not None:
            into = _unit(con, unit["merged_into"])["name"]
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
            f"Không gộp được: «{keep['name']}» ({_validity(keep['valid_from'], keep['valid_to'])}) và"
            f" «{drop['name']}» ({_validity(drop['valid_from'], drop['valid_to'])}) không cùng thời gian hiệu lực;"
            " đơn vị trước và sau sắp xếp là quan hệ kế thừa, không phải một đơn vị."
        )
    return keep, drop


def merge_preview(con: duckdb.DuckDBPyConnection, keep_id: int, drop_id: int) -> pd.DataFrame:
    """What merging drop_id into keep_id moves: what (TABLE_LABELS), file (for fact rows), rows. Raises
    AdminError when the merge would be refused."""
    access.require(access.MANAGE_UNITS)
    _check_merge(con, keep_id, drop_id)
    parts = " UNION ALL ".join(
        f"SELECT '{t}' AS tbl, f.upload_id, count(*) AS n FROM {t} f WHERE f.unit_id = $drop GROUP BY f.upload_id"
        for t in FACT_TABLES
    )
    frame = _df(
        con,
        f"WITH facts AS ({parts}) SELECT facts.tbl, u.file_name AS file, facts.n AS rows"
        " FROM facts LEFT JOIN uploads u USING (upload_id) ORDER BY facts.tbl, facts.upload_id",
        {"drop": int(drop_id)},
    )
    extra = _df(
        con,
        "SELECT 'unit_aliases' AS tbl, NULL AS file, count(*) AS rows FROM unit_aliases WHERE unit_id = $drop"
        " UNION ALL SELECT 'units', NULL, count(*) FROM units WHERE parent_id = $drop",
        {"drop": int(drop_id)},
    )
    frame = pd.concat([frame, extra[extra["rows"] > 0]], ignore_index=True)
    frame.insert(0, "what", frame.pop("tbl").map(TABLE_LABELS))
    frame["rows"] = frame["rows"].astype("int64")
    return frame


@_audited
def merge_units(con: duckdb.DuckDBPyConnection, keep_id: int, drop_id: int, user: str) -> Merged:
    """Merge drop_id into keep_id in one transaction: its aliases, every fact row (tasks, cases, case_stats,
    feedback), its lineage and its child units move to keep_id; the moved rows are recorded (schema 030) for
    unmerge; units.merged_into marks the dropped unit. Then the metrics caches are rebuilt."""
    access.require(access.MANAGE_UNITS)
    user = clean(user)
    if not user:
        raise AdminError("Nhập tên người gộp.")
    keep, drop = _check_merge(con, keep_id, drop_id)
    ids = {"keep": keep["unit_id"], "drop": drop["unit_id"], "user": user}
    cur = con.cursor()
    try:
        cur.execute("BEGIN TRANSACTION")
        try:
            merge_id = cur.execute(
                "INSERT INTO unit_merges (keep_id, drop_id, merged_by) VALUES ($keep, $drop, $user) RETURNING merge_id",
                ids,
            ).fetchall()[0][0]
            ids["merge"] = merge_id
            fact_rows = 0
            for table in FACT_TABLES:
                cur.execute(
                    "INSERT INTO unit_merge_rows (merge_id, table_name, upload_id, source_row)"
                    f" SELECT $merge, '{table}', upload_id, source_row FROM {table} WHERE unit_id = $drop",
                    _only(ids, "merge", "drop"),
                )
                fact_rows += cur.execute(
                    f"UPDATE {table} SET unit_id = $keep WHERE unit_id = $drop", _only(ids, "keep", "drop")
                ).fetchall()[0][0]
            cur.execute(
                "INSERT INTO unit_merge_rows (merge_id, table_name, unit_id)"
                " SELECT $merge, 'units', unit_id FROM units WHERE parent_id = $drop",
                _only(ids, "merge", "drop"),
            )
            cur.execute("UPDATE units SET parent_id = $keep WHERE parent_id = $drop", _only(ids, "keep", "drop"))
            # aliases: recorded as they were, then moved unless the kept unit already has the key
            cur.execute(
                "INSERT INTO unit_merge_aliases"
                " SELECT $merge, d.alias_key, d.alias, d.source, d.created_by, d.created_at,"
                " EXISTS (SELECT 1 FROM unit_aliases k WHERE k.unit_id = $keep AND k.alias_key = d.alias_key)"
                " FROM unit_aliases d WHERE d.unit_id = $drop",
                _only(ids, "merge", "keep", "drop"),
            )
            cur.execute("DELETE FROM unit_aliases WHERE unit_id = $drop", {"drop": ids["drop"]})
            cur.execute(
                "INSERT INTO unit_aliases (alias_key, unit_id, alias, source, created_by, created_at)"
                " SELECT alias_key, $keep, alias, source, created_by, created_at FROM unit_merge_aliases"
                " WHERE merge_id = $merge AND NOT kept_had_it",
                _only(ids, "keep", "merge"),
            )
            alias_rows = cur.execute(
                "SELECT count(*) FILTER (WHERE NOT kept_had_it) FROM unit_merge_aliases WHERE merge_id = $merge",
                {"merge": merge_id},
            ).fetchall()[0][0]
            # lineage: the dropped unit's links now name the kept unit (unless that link exists or would loop)
            cur.execute(
                "INSERT INTO unit_merge_lineage"
                " SELECT $merge, l.from_unit_id, l.to_unit_id, l.effective, l.is_default, l.is_split,"
                " n.f <> n.t AND NOT EXISTS (SELECT 1 FROM unit_lineage x WHERE x.from_unit_id = n.f"
                "   AND x.to_unit_id = n.t)"
                " FROM unit_lineage l,"
                " LATERAL (SELECT CASE WHEN l.from_unit_id = $drop THEN $keep ELSE l.from_unit_id END AS f,"
                "   CASE WHEN l.to_unit_id = $drop THEN $keep ELSE l.to_unit_id END AS t) n"
                " WHERE l.from_unit_id = $drop OR l.to_unit_id = $drop",
                _only(ids, "merge", "keep", "drop"),
            )
            cur.execute(
                "DELETE FROM unit_lineage WHERE from_unit_id = $drop OR to_unit_id = $drop", {"drop": ids["drop"]}
            )
            cur.execute(
                "INSERT INTO unit_lineage (from_unit_id, to_unit_id, effective, is_default, is_split)"
                " SELECT CASE WHEN from_unit_id = $drop THEN $keep ELSE from_unit_id END,"
                " CASE WHEN to_unit_id = $drop THEN $keep ELSE to_unit_id END, effective, is_default, is_split"
                " FROM unit_merge_lineage WHERE merge_id = $merge AND substituted",
                _only(ids, "merge", "keep", "drop"),
            )
            cur.execute("UPDATE units SET merged_into = $keep WHERE unit_id = $drop", _only(ids, "keep", "drop"))
            cur.execute(
                "UPDATE unit_merges SET fact_rows = $facts, alias_rows = $aliases WHERE merge_id = $merge",
                {"facts": fact_rows, "aliases": alias_rows, "merge": merge_id},
            )
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
    finally:
        cur.close()
    metrics.refresh_cache(con, force=True)
    return Merged(
        int(merge_id),
        int(fact_rows),
        int(alias_rows),
        f"Đã gộp «{drop['name']}» vào «{keep['name']}» (lần gộp số {merge_id}): chuyển {number(fact_rows)} dòng"
        f" số liệu và {number(alias_rows)} tên gọi.",
    )


@_audited
def unmerge(con: duckdb.DuckDBPyConnection, merge_id: int, user: str) -> str:
    """Undo a merge: the recorded fact rows, aliases, lineage and child units go back to the dropped unit,
    which is no longer marked merged. Refused when a later merge involving either unit is still in force."""
    access.require(access.MANAGE_UNITS)
    user = clean(user)
    if not user:
        raise AdminError("Nhập tên người hoàn tác.")
    found = _rows(
        con, "SELECT keep_id, drop_id, undone_at FROM unit_merges WHERE merge_id = $id", {"id": int(merge_id)}
    )
    if not found:
        raise AdminError(f"Không có lần gộp số {merge_id}.")
    keep_id, drop_id, undone_at = found[0]
    if undone_at is not None:
        raise AdminError(f"Lần gộp số {merge_id} đã được hoàn tác trước đó.")
    later = _rows(
        con,
        "SELECT merge_id FROM unit_merges WHERE merge_id > $id AND undone_at IS NULL"
        " AND (keep_id IN ($keep, $drop) OR drop_id IN ($keep, $drop)) ORDER BY merge_id DESC LIMIT 1",
        {"id": int(merge_id), "keep": keep_id, "drop": drop_id},
    )
    if later:
        raise AdminError(f"Hãy hoàn tác lần gộp số {later[0][0]} trước lần gộp số {merge_id}.")
    keep, drop = _unit(con, keep_id), _unit(con, drop_id)
    ids = {"merge": int(merge_id), "keep": keep_id, "drop": drop_id}
    cur = con.cursor()
    try:
        cur.execute("BEGIN TRANSACTION")
        try:
            fact_rows = 0
            for table in FACT_TABLES:
                fact_rows += cur.execute(
                    f"UPDATE {table} SET unit_id = $drop WHERE unit_id = $keep AND (upload_id, source_row) IN"
                    " (SELECT (upload_id, source_row) FROM unit_merge_rows WHERE merge_id = $merge"
                    f" AND table_name = '{table}')",
                    ids,
                ).fetchall()[0][0]
            cur.execute(
                "UPDATE units SET parent_id = $drop WHERE parent_id = $keep AND unit_id IN"
                " (SELECT unit_id FROM unit_merge_rows WHERE merge_id = $merge AND table_name = 'units')",
                ids,
            )
            cur.execute(
                "DELETE FROM unit_aliases WHERE unit_id = $keep AND alias_key IN"
                " (SELECT alias_key FROM unit_merge_aliases WHERE merge_id = $merge AND NOT kept_had_it)",
                _only(ids, "keep", "merge"),
            )
            cur.execute(
                "INSERT INTO unit_aliases (alias_key, unit_id, alias, source, created_by, created_at)"
                " SELECT alias_key, $drop, alias, source, created_by, created_at FROM unit_merge_aliases"
                " WHERE merge_id = $merge ON CONFLICT DO NOTHING",
                _only(ids, "drop", "merge"),
            )
            alias_rows = cur.execute(
                "SELECT count(*) FROM unit_merge_aliases WHERE merge_id = $merge", {"merge": ids["merge"]}
            ).fetchall()[0][0]
            cur.execute(
                "DELETE FROM unit_lineage WHERE (from_unit_id, to_unit_id) IN"
                " (SELECT (CASE WHEN from_unit_id = $drop THEN $keep ELSE from_unit_id END,"
                "   CASE WHEN to_unit_id = $drop THEN $keep ELSE to_unit_id END)"
                "  FROM unit_merge_lineage WHERE merge_id = $merge AND substituted)",
                ids,
            )
            cur.execute(
                "INSERT INTO unit_lineage (from_unit_id, to_unit_id, effective, is_default, is_split)"
                " SELECT from_unit_id, to_unit_id, effective, is_default, is_split FROM unit_merge_lineage"
                " WHERE merge_id = $merge ON CONFLICT DO NOTHING",
                {"merge": ids["merge"]},
            )
            cur.execute("UPDATE units SET merged_into = NULL WHERE unit_id = $drop", {"drop": drop_id})
            cur.execute(
                "UPDATE unit_merges SET undone_by = $user, undone_at = current_timestamp WHERE merge_id = $merge",
                {"user": user, "merge": ids["merge"]},
            )
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
    finally:
        cur.close()
    metrics.refresh_cache(con, force=True)
    return (
        f"Đã hoàn tác lần gộp số {merge_id}: «{drop['name']}» tách lại khỏi «{keep['name']}»,"
        f" trả lại {number(fact_rows)} dòng số liệu và {number(alias_rows)} tên gọi."
    )


def merges_frame(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Past merges, newest first: merge_id, keep_id, keep, drop_id, drop, merged_by, merged_at, fact_rows,
    alias_rows, undone_by, undone_at."""
    return _df(
        con,
        "SELECT m.merge_id, m.keep_id, k.name AS keep, m.drop_id, d.name AS drop, m.merged_by, m.merged_at,"
        " m.fact_rows, m.alias_rows, m.undone_by, m.undone_at"
        " FROM unit_merges m JOIN units k ON k.unit_id = m.keep_id JOIN units d ON d.unit_id = m.drop_id"
        " ORDER BY m.merge_id DESC",
    )


@dataclass(frozen=True)
class Renamed:
    unit_id: int
    message: str


@_audited
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
    unit = _unit(con, unit_id)
    if unit.get("merged_into") is not None:
        raise AdminError(f"«{unit['name']}» đã được gộp vào đơn vị khác; hãy đổi tên đơn vị được giữ lại.")
    if new_name == unit["name"]:
        raise AdminError(f"Tên mới trùng tên hiện tại «{unit['name']}».")
    started = unit["valid_from"]
    previous = _rows(con, "SELECT max(valid_to) FROM unit_names WHERE unit_id = $id", {"id": unit_id})
    if previous and previous[0][0] is not None:
        started = previous[0][0] + timedelta(days=1)
    if (started and effective <= started) or (unit["valid_to"] and effective > unit["valid_to"]):
        raise AdminError(
            f"Ngày đổi tên {day(effective)} phải sau ngày {day(started)} và trong thời gian «{unit['name']}» còn hiệu lực."
            if started
            else f"Ngày đổi tên {day(effective)} nằm ngoài thời gian «{unit['name']}» còn hiệu lực."
        )
    taken = _rows(
        con,
        "SELECT u.name FROM unit_aliases a JOIN units u USING (unit_id)"
        " WHERE a.alias_key = $key AND u.unit_id <> $id AND u.merged_into IS NULL LIMIT 1",
        {"key": name_key(new_name), "id": unit_id},
    )
    if taken:
        raise AdminError(f"Tên «{new_name}» đang là tên gọi của «{taken[0][0]}»; không đổi được.")
    unit_type = unit["unit_type"]
    short = new_name[len(unit_type) + 1 :] if new_name.startswith(unit_type + " ") else new_name
    last_day = effective - timedelta(days=1)
    cur = con.cursor()
    try:
        cur.execute("BEGIN TRANSACTION")
        try:
            cur.execute(
                "INSERT INTO unit_names (unit_id, name, short_name, valid_from, valid_to, renamed_by)"
                " VALUES ($id, $name, $short, $from, $to, $user)",
                {"id": unit_id, "name": unit["name"], "short": unit["short_name"], "from": started,
                 "to": last_day, "user": user},
            )  # fmt: skip
            cur.execute(
                "UPDATE units SET name = $name, short_name = $short WHERE unit_id = $id",
                {"id": unit_id, "name": new_name, "short": short},
            )
            for alias in (unit["name"], new_name):
                cur.execute(
                    "INSERT INTO unit_aliases (alias_key, unit_id, alias, source, created_by)"
                    " VALUES ($key, $id, $alias, 'admin', $user) ON CONFLICT DO NOTHING",
                    {"key": name_key(alias), "id": unit_id, "alias": alias, "user": user},
                )
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
    finally:
        cur.close()
    metrics.refresh_cache(con, force=True)
    return Renamed(
        unit_id,
        f"Đã đổi tên «{unit['name']}» thành «{new_name}» từ ngày {day(effective)}; số liệu trước ngày này vẫn "
        f"hiện tên cũ khi xem «như khi báo cáo», và tệp ghi tên cũ vẫn được nhận đúng đơn vị.",
    )


def former_names(con: duckdb.DuckDBPyConnection, unit_id: int) -> pd.DataFrame:
    return _df(
        con,
        'SELECT name AS "Tên cũ", valid_from AS "Từ ngày", valid_to AS "Đến ngày", renamed_by AS "Người đổi"'
        " FROM unit_names WHERE unit_id = $id ORDER BY valid_to",
        {"id": unit_id},
    )
