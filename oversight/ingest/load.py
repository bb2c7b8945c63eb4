"""Writing an upload: one transaction per file, scope replacement, idempotency, rollback, history.

States: 'active' (read by the staging views), 'replaced' (a later upload of the same kind, period and
overlapping units took its place; replaced_by names it), 'rolled_back'. Fact rows are never deleted:
the staging views read active uploads only and, per item key, the row of the highest upload id.

Demo data is never counted with real data (METRICS.md section 7; schema 060): every upload has an origin, 'demo'
for the bundled demo province's (oversight.bootstrap) and 'real' for all others. The transaction that commits a real
upload retires every active demo upload (demo_retired_at, demo_retired_by): it stays 'active' in the table, but the
staging views no longer read it and the history lists it as 'demo_retired' ("Dữ liệu minh họa — không tính").

After each commit (an upload, with its replacements and the demo's retirement; a rollback; the demo's return,
oversight.bootstrap) lake_after_commit writes the facts lake (oversight/lake.py): the upload's rows and the
manifest of uploads with their states. A lake that cannot be written never fails the upload.
A retired demo upload is never replaced and cannot be rolled back; only oversight.bootstrap brings the demo back,
and only while no real upload is active (rolling back real uploads does not bring it back by itself).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from oversight import access, clock, sql
from oversight.auth import audit
from oversight.config import load_settings

FACT_TABLES = {"tasks": "tasks", "cases": "cases", "case_stats": "case_stats", "feedback": "feedback"}
# Per kind, the query storing its rows (one file per fact table: a table name is never formatted into SQL).
ROWS_INSERT = {kind: f"ingest/rows_insert_{table}" for kind, table in FACT_TABLES.items()}
ORIGIN_REAL = "real"
ORIGIN_DEMO = "demo"
ORIGINS = (ORIGIN_REAL, ORIGIN_DEMO)
# The state the history lists a retired demo upload under (stored state 'active', demo_retired_at set; the literal
# 'demo_retired' of queries/ingest/uploads_list.sql and upload_listed_state.sql).
DEMO_RETIRED = "demo_retired"
STATE_LABELS = {
    "active": "đang hiệu lực",
    "replaced": "đã bị thay thế",
    "rolled_back": "đã hoàn tác",
    DEMO_RETIRED: "dữ liệu minh họa, không tính",
}
# kinds whose uploads replace an earlier upload of the same period and overlapping units
SCOPED_KINDS = ("tasks", "case_stats", "feedback")
# Per scoped kind, the query finding the uploads an upload of that kind replaces.
REPLACED_UPLOADS = {kind: f"ingest/upload_replaced_{FACT_TABLES[kind]}" for kind in SCOPED_KINDS}


@dataclass
class UploadResult:
    status: str  # 'loaded' | 'duplicate' | 'rejected'
    upload_id: int | None = None
    rows_loaded: int = 0
    rows_rejected: int = 0
    warnings: int = 0
    replaced: list[int] = field(default_factory=list)
    message: str = ""
    demo_retired: list[int] = field(default_factory=list)  # the demo uploads this (first real) upload retired


class UploadError(ValueError):
    """A request about the upload history that cannot be done (Vietnamese message)."""


def store_original(data: bytes, sha256: str, suffix: str) -> Path:
    folder = load_settings().uploads_dir
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{sha256}{suffix}"
    if not path.exists():
        tmp = path.with_suffix(path.suffix + ".part")
        try:
            tmp.write_bytes(data)
            tmp.replace(path)
        except OSError:
            tmp.unlink(missing_ok=True)  # a full disk leaves no half-written original behind
            raise
    return path


def active_duplicate(con: duckdb.DuckDBPyConnection, sha256: str) -> int | None:
    cur = con.cursor()
    try:
        return sql.scalar(cur, "ingest/upload_active_duplicate", sha=sha256)
    finally:
        cur.close()


def write_upload(
    con: duckdb.DuckDBPyConnection,
    *,
    kind: str,
    file_name: str,
    sha256: str,
    stored_path: str | None,
    sheet_name: str | None,
    period: tuple | None,
    scope_period: bool,
    user: str,
    records: pd.DataFrame,
    rejects: pd.DataFrame,
    rows_read: int,
    details: dict,
    origin: str = ORIGIN_REAL,
    upload_id: int | None = None,
) -> UploadResult:
    """Insert the upload, its rows and rejects, and replace the scope, all in one transaction; a real upload also
    retires the demo's active uploads there (module docstring). `upload_id`: the id to record it under (the demo's
    staged first start, oversight.bootstrap, reserves one per demo file); default the next of the sequence. A demo
    upload is refused (UploadError) once a real upload is active."""
    if origin not in ORIGINS:
        raise ValueError(f"nguồn dữ liệu không hợp lệ: {origin!r}")
    rows_insert = ROWS_INSERT[kind]
    errors = int((rejects["severity"] == "error").sum()) if len(rejects) else 0
    warnings = int((rejects["severity"] == "warning").sum()) if len(rejects) else 0
    details = {**details, "scope_period": bool(scope_period)}
    with sql.transaction(con) as cur:
        if origin == ORIGIN_DEMO and sql.scalar(cur, "ingest/uploads_real_active"):
            raise UploadError("Không nạp dữ liệu minh họa: cơ sở dữ liệu đã có dữ liệu thật đang hiệu lực.")
        chosen = {} if upload_id is None else {"id": upload_id}
        upload_id = sql.scalar(
            cur,
            "ingest/upload_insert" if upload_id is None else "ingest/upload_insert_at",
            **chosen,
            kind=kind,
            file=file_name,
            sha=sha256,
            path=stored_path,
            sheet=sheet_name,
            pfrom=period[0] if period else None,
            pto=period[1] if period else None,
            user=user,
            read=rows_read,
            loaded=len(records),
            rejected=errors,
            warnings=warnings,
            details=json.dumps(details, ensure_ascii=False, default=str),
            origin=origin,
        )
        demo_retired: list[int] = []
        if origin == ORIGIN_REAL:
            # the first real upload: the demo stops counting, in this same transaction
            demo_retired = sorted(r[0] for r in sql.run(cur, "ingest/demo_retire", id=upload_id).fetchall())
        cur.register("new_rows", records)
        sql.run(cur, rows_insert, id=upload_id)
        cur.unregister("new_rows")
        if len(rejects):
            cur.register("new_rejects", rejects)
            sql.run(cur, "ingest/rejects_insert", id=upload_id)
            cur.unregister("new_rejects")
        replaced: list[int] = []
        if kind in SCOPED_KINDS and scope_period and period:
            replaced = [
                r[0]
                for r in sql.run(
                    cur, REPLACED_UPLOADS[kind], kind=kind, id=upload_id, pfrom=period[0], pto=period[1]
                ).fetchall()
            ]
            if replaced:
                sql.run(cur, "ingest/upload_replace", id=upload_id, ids=replaced)
        audit.record(
            cur,
            audit.UPLOAD,
            target=str(upload_id),
            detail={
                "file": file_name,
                "kind": kind,
                "origin": origin,
                "rows_loaded": len(records),
                "replaced": replaced,
                **({"demo_retired": len(demo_retired)} if demo_retired else {}),
                **({"source": details["source"]} if details.get("source") else {}),
            },
        )
    lake_after_commit(con)
    return UploadResult("loaded", upload_id, len(records), errors, warnings, replaced, demo_retired=demo_retired)


def list_uploads(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The upload history, newest first; `source` says where each came from: 'web' (the upload page), 'cli'
    (the command line), 'inbox' (the drop folder) or 'system' (the bundled demo)."""
    access.require(access.DATA_QUALITY)
    cur = con.cursor()
    try:
        return sql.frame(cur, "ingest/uploads_list")
    finally:
        cur.close()


def upload_rejects(con: duckdb.DuckDBPyConnection, upload_id: int) -> pd.DataFrame:
    """The rows an upload rejected or warned about, with the values read (item data: uploaders and admins)."""
    access.require(access.DATA_QUALITY)
    cur = con.cursor()
    try:
        return sql.frame(cur, "ingest/upload_rejects", id=upload_id)
    finally:
        cur.close()


def rollback(con: duckdb.DuckDBPyConnection, upload_id: int, user: str) -> list[int]:
    """Mark an active upload rolled back and re-activate the uploads it had replaced; returns those ids."""
    access.require(access.ROLLBACK)
    with sql.transaction(con) as cur:
        row = sql.run(cur, "ingest/upload_listed_state", id=upload_id).fetchall()
        if not row:
            raise UploadError(f"Không có lần tải lên số {upload_id}.")
        state = row[0][0]
        if state == DEMO_RETIRED:
            raise UploadError(
                f"Lần tải lên số {upload_id} là dữ liệu minh họa đã được gỡ khỏi số liệu khi tải dữ liệu thật; "
                "không cần hoàn tác."
            )
        if state != "active":
            raise UploadError(
                f"Lần tải lên số {upload_id} đang ở trạng thái «{STATE_LABELS.get(state, state)}»; "
                "chỉ hoàn tác được lần tải lên đang hiệu lực."
            )
        note = json.dumps({"rolled_back_by": user, "rolled_back_at": clock.local_now_text()})
        sql.run(cur, "ingest/upload_roll_back", id=upload_id, note=note)
        restored = [r[0] for r in sql.run(cur, "ingest/uploads_reactivate", id=upload_id).fetchall()]
        audit.record(cur, audit.ROLLBACK, target=str(upload_id), detail={"restored": sorted(restored)})
    lake_after_commit(con)
    return sorted(restored)


def lake_after_commit(con: duckdb.DuckDBPyConnection) -> None:
    """Once an upload, a rollback or the demo's return has committed: its rows to the facts lake and the manifest
    of uploads afresh (oversight.lake.after_commit; never raises, imported only here so that reading files does
    not pay for it)."""
    from oversight import lake

    lake.after_commit(con)
