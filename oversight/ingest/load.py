"""Writing an upload: one transaction per file, scope replacement, idempotency, rollback, history.

States: 'active' (read by the staging views), 'replaced' (a later upload of the same kind, period and
overlapping units took its place; replaced_by names it), 'rolled_back'. Fact rows are never deleted:
the staging views read active uploads only and, per item key, the row of the highest upload id.

Demo data is never counted with real data (METRICS.md section 7; schema 060): every upload has an origin, 'demo'
for the bundled demo province's (oversight.bootstrap) and 'real' for all others. The transaction that commits a real
upload retires every active demo upload (demo_retired_at, demo_retired_by): it stays 'active' in the table, but the
staging views no longer read it and the history lists it as 'demo_retired' ("Dữ liệu minh họa — không tính").
A retired demo upload is never replaced and cannot be rolled back; only oversight.bootstrap brings the demo back,
and only while no real upload is active (rolling back real uploads does not bring it back by itself).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from oversight import access
from oversight.auth import audit
from oversight.config import load_settings

FACT_TABLES = {"tasks": "tasks", "cases": "cases", "case_stats": "case_stats", "feedback": "feedback"}
ORIGIN_REAL = "real"
ORIGIN_DEMO = "demo"
ORIGINS = (ORIGIN_REAL, ORIGIN_DEMO)
# The state the history lists a retired demo upload under (stored state 'active', demo_retired_at set).
DEMO_RETIRED = "demo_retired"
STATE_LABELS = {
    "active": "đang hiệu lực",
    "replaced": "đã bị thay thế",
    "rolled_back": "đã hoàn tác",
    DEMO_RETIRED: "dữ liệu minh họa, không tính",
}
# kinds whose uploads replace an earlier upload of the same period and overlapping units
SCOPED_KINDS = ("tasks", "case_stats", "feedback")


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
        row = cur.execute(
            "SELECT min(upload_id) FROM uploads WHERE sha256 = $sha AND state = 'active'", {"sha": sha256}
        ).fetchall()
    finally:
        cur.close()
    return row[0][0] if row and row[0][0] is not None else None


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
) -> UploadResult:
    """Insert the upload, its rows and rejects, and replace the scope, all in one transaction; a real upload also
    retires the demo's active uploads there (module docstring)."""
    if origin not in ORIGINS:
        raise ValueError(f"nguồn dữ liệu không hợp lệ: {origin!r}")
    table = FACT_TABLES[kind]
    errors = int((rejects["severity"] == "error").sum()) if len(rejects) else 0
    warnings = int((rejects["severity"] == "warning").sum()) if len(rejects) else 0
    details = {**details, "scope_period": bool(scope_period)}
    cur = con.cursor()
    try:
        cur.execute("BEGIN TRANSACTION")
        try:
            upload_id = cur.execute(
                "INSERT INTO uploads (kind, file_name, sha256, stored_path, sheet_name, period_from, period_to,"
                " uploaded_by, rows_read, rows_loaded, rows_rejected, warnings, state, details, origin)"
                " VALUES ($kind, $file, $sha, $path, $sheet, $pfrom, $pto, $user, $read, $loaded, $rejected,"
                " $warnings, 'active', $details, $origin) RETURNING upload_id",
                {
                    "kind": kind,
                    "file": file_name,
                    "sha": sha256,
                    "path": stored_path,
                    "sheet": sheet_name,
                    "pfrom": period[0] if period else None,
                    "pto": period[1] if period else None,
                    "user": user,
                    "read": rows_read,
                    "loaded": len(records),
                    "rejected": errors,
                    "warnings": warnings,
                    "details": json.dumps(details, ensure_ascii=False, default=str),
                    "origin": origin,
                },
            ).fetchall()[0][0]
            demo_retired: list[int] = []
            if origin == ORIGIN_REAL:
                # the first real upload: the demo stops counting, in this same transaction
                demo_retired = sorted(
                    r[0]
                    for r in cur.execute(
                        "UPDATE uploads SET demo_retired_at = current_timestamp, demo_retired_by = $id"
                        " WHERE origin = 'demo' AND state = 'active' AND demo_retired_at IS NULL RETURNING upload_id",
                        {"id": upload_id},
                    ).fetchall()
                )
            columns = list(records.columns)
            cur.register("new_rows", records)
            cur.execute(
                f"INSERT INTO {table} (upload_id, {', '.join(columns)}) SELECT $id, {', '.join(columns)} FROM new_rows",
                {"id": upload_id},
            )
            cur.unregister("new_rows")
            if len(rejects):
                cur.register("new_rejects", rejects)
                cur.execute(
                    "INSERT INTO upload_rejects (upload_id, severity, sheet, source_row, column_name, value, reason)"
                    " SELECT $id, severity, sheet, source_row, column_name, CAST(value AS VARCHAR), reason"
                    " FROM new_rejects",
                    {"id": upload_id},
                )
                cur.unregister("new_rejects")
            replaced: list[int] = []
            if kind in SCOPED_KINDS and scope_period and period:
                replaced = [
                    r[0]
                    for r in cur.execute(
                        f"SELECT DISTINCT u.upload_id FROM uploads u JOIN {table} f USING (upload_id)"
                        " WHERE u.state = 'active' AND u.demo_retired_at IS NULL AND u.kind = $kind"
                        " AND u.upload_id <> $id"
                        " AND u.period_from = $pfrom AND u.period_to = $pto"
                        " AND coalesce(CAST(json_extract(u.details, '$.scope_period') AS BOOLEAN), false)"
                        f" AND f.unit_id IN (SELECT unit_id FROM {table} WHERE upload_id = $id)"
                        " ORDER BY 1",
                        {"kind": kind, "id": upload_id, "pfrom": period[0], "pto": period[1]},
                    ).fetchall()
                ]
                if replaced:
                    cur.execute(
                        "UPDATE uploads SET state = 'replaced', replaced_by = $id"
                        " WHERE upload_id IN (SELECT unnest($ids::INTEGER[]))",
                        {"id": upload_id, "ids": replaced},
                    )
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
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
    finally:
        cur.close()
    return UploadResult("loaded", upload_id, len(records), errors, warnings, replaced, demo_retired=demo_retired)


# What the history shows of an upload: the stored state, except a retired demo upload ('demo_retired').
_LISTED_STATE = f"CASE WHEN demo_retired_at IS NOT NULL THEN '{DEMO_RETIRED}' ELSE state END"


# An upload made before its source was recorded (details.source) takes it from its audit row's actor.
_SOURCE = (
    "coalesce(json_extract_string(u.details, '$.source'),"
    " (SELECT CASE WHEN min(a.actor) LIKE 'web:%' OR min(a.actor) LIKE 'sso:%' THEN 'web'"
    " WHEN min(a.actor) LIKE 'cli:%' THEN 'cli' WHEN min(a.actor) = 'inbox' THEN 'inbox' ELSE 'system' END"
    " FROM audit_log a WHERE a.action = 'upload' AND a.ok AND a.target = CAST(u.upload_id AS VARCHAR)"
    " HAVING count(*) > 0), 'system')"
)


def list_uploads(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The upload history, newest first; `source` says where each came from: 'web' (the upload page), 'cli'
    (the command line), 'inbox' (the drop folder) or 'system' (the bundled demo)."""
    access.require(access.DATA_QUALITY)
    cur = con.cursor()
    try:
        return cur.execute(
            "SELECT upload_id AS id, file_name, kind, period_from, period_to, sha256, rows_read, rows_loaded,"
            f" rows_rejected, warnings, {_LISTED_STATE} AS state, replaced_by, sheet_name, uploaded_by, uploaded_at,"
            " stored_path, origin = 'demo' AS demo, state = 'active' AND demo_retired_at IS NULL AS counted,"
            f" demo_retired_at, demo_retired_by, {_SOURCE} AS source"
            " FROM uploads u ORDER BY upload_id DESC"
        ).df()
    finally:
        cur.close()


def upload_rejects(con: duckdb.DuckDBPyConnection, upload_id: int) -> pd.DataFrame:
    """The rows an upload rejected or warned about, with the values read (item data: uploaders and admins)."""
    access.require(access.DATA_QUALITY)
    cur = con.cursor()
    try:
        return cur.execute(
            "SELECT severity, sheet, source_row, column_name, value, reason FROM upload_rejects"
            " WHERE upload_id = $id ORDER BY source_row, severity",
            {"id": upload_id},
        ).df()
    finally:
        cur.close()


def rollback(con: duckdb.DuckDBPyConnection, upload_id: int, user: str) -> list[int]:
    """Mark an active upload rolled back and re-activate the uploads it had replaced; returns those ids."""
    access.require(access.ROLLBACK)
    cur = con.cursor()
    try:
        cur.execute("BEGIN TRANSACTION")
        try:
            row = cur.execute(
                f"SELECT {_LISTED_STATE} FROM uploads WHERE upload_id = $id", {"id": upload_id}
            ).fetchall()
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
            note = json.dumps({"rolled_back_by": user, "rolled_back_at": datetime.now().isoformat(timespec="seconds")})
            cur.execute(
                "UPDATE uploads SET state = 'rolled_back',"
                " details = json_merge_patch(coalesce(details, '{}'::JSON), $note::JSON) WHERE upload_id = $id",
                {"id": upload_id, "note": note},
            )
            restored = [
                r[0]
                for r in cur.execute(
                    "UPDATE uploads SET state = 'active', replaced_by = NULL"
                    " WHERE replaced_by = $id AND state = 'replaced' RETURNING upload_id",
                    {"id": upload_id},
                ).fetchall()
            ]
            audit.record(cur, audit.ROLLBACK, target=str(upload_id), detail={"restored": sorted(restored)})
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
    finally:
        cur.close()
    return sorted(restored)
