"""Names that uploads rejected as unknown units (page "Danh mục đơn vị", tab "Tên chưa khớp"): list them with
the matcher's suggestions, confirm one as an alias of a unit, or reject it as not a unit of the province (and
take that back). Rows rejected under a name confirmed since load when their file is uploaded again.

No streamlit here; a refused action raises AdminError with the Vietnamese message to show.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import duckdb
import pandas as pd

from oversight import access, db
from oversight.formatting import number
from oversight.text import clean
from oversight.units.changes import AdminError, audited, read, unit_row, write
from oversight.units.matcher import UnitMatcher, confirm_alias
from oversight.units.names import name_key

UNKNOWN_PREFIX = "Không tìm thấy đơn vị «"
_NAME_IN_REASON = re.compile(r"«(.*?)»")


@dataclass(frozen=True)
class Confirmed:
    rows: int  # rejected rows of active uploads that the name now resolves
    files: list[str]  # the files holding them: uploading each again loads them
    upload_ids: list[int]  # their uploads (an identical file loads again only once its upload is rolled back)
    message: str


def _rejected_unknown(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every row of an active upload rejected because its unit is unknown: name, upload, file, period end."""
    frame = db.run_internal("units/rejected_unknown_rows", con, prefix=UNKNOWN_PREFIX)
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
    rejected = {r["name_key"] for r in read(con, "units/rejected_name_keys")}
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


@audited
def confirm(con: duckdb.DuckDBPyConnection, name: str, unit_id: int, user: str) -> Confirmed:
    """Record that `name` means unit_id (matcher.confirm_alias) and count the rows of active uploads rejected
    under that name that now resolve; they load when their file is uploaded again."""
    access.require(access.MANAGE_UNITS)
    name, user = clean(name), clean(user)
    if not name:
        raise AdminError("Tên đơn vị trống.")
    if not user:
        raise AdminError("Nhập tên người xác nhận.")
    unit = unit_row(con, unit_id)
    if unit["merged_into"] is not None:
        raise AdminError(f"«{unit['name']}» đã được gộp vào đơn vị khác; hãy chọn đơn vị được giữ lại.")
    confirm_alias(con, name, int(unit_id), user)
    write(con, "units/rejected_name_forget", key=name_key(name))
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


@audited
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
    write(con, "units/rejected_name_insert", key=name_key(name), name=name, user=user)
    return f"Đã ghi nhận «{name}» không phải đơn vị của tỉnh; tên này sẽ không được đề xuất nữa."


def rejected_names(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The names recorded as not units of the province: name, rejected_by, rejected_at, latest first."""
    access.require(access.MANAGE_UNITS)
    return db.run_internal("units/rejected_names", con)


@audited
def unreject(con: duckdb.DuckDBPyConnection, name: str) -> str:
    """Take back a rejection: the name is proposed again when rows are rejected under it."""
    access.require(access.MANAGE_UNITS)
    write(con, "units/rejected_name_forget", key=name_key(name))
    return f"«{clean(name)}» sẽ lại được đề xuất khi có dòng bị từ chối vì tên này."
