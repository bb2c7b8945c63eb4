"""What a prepared file would meet in the database, said before «Nạp»: the same file loaded before (same SHA-256:
which upload, when in the province's time, by whom, its state), or other counted uploads it would replace (a
period-scoped upload of the same kind, period and units, load.write_upload) or whose items it would update (the
latest row of an item counts). Warnings only: nothing here stops an intentional reload."""

from __future__ import annotations

import duckdb
import pandas as pd

from oversight import access, clock, sql
from oversight import formatting as fmt
from oversight.ingest.load import DEMO_RETIRED, SCOPED_KINDS, STATE_LABELS

ITEM_KINDS = {"tasks": "nhiệm vụ", "cases": "hồ sơ", "feedback": "phản ánh, kiến nghị"}
MAX_LISTED = 5  # uploads named in one warning; more are counted
# Per kind, the query of what a file would replace or update (a table name is never formatted into SQL).
WOULD_REPLACE = {
    "tasks": "ingest/would_replace_tasks",
    "case_stats": "ingest/would_replace_case_stats",
    "feedback": "ingest/would_replace_feedback",
}
ITEM_KEYS = {"tasks": "item_key", "cases": "case_code", "feedback": "feedback_code"}  # the column naming an item
ITEMS_LOADED = {
    "tasks": "ingest/items_loaded_tasks",
    "cases": "ingest/items_loaded_cases",
    "feedback": "ingest/items_loaded_feedback",
}


def _who_when(row: dict) -> str:
    return (
        f"lần tải lên số {row['upload_id']} («{row['file_name']}», lúc {clock.local_text(row['uploaded_at'])}, "
        f"người tải: {row['uploaded_by']}"
    )


def _state_text(row: dict) -> str:
    state = row["state"]
    if state == "replaced" and row.get("replaced_by") is not None:
        return f"đã bị thay thế bởi lần tải lên số {row['replaced_by']}"
    return STATE_LABELS.get(state, state)


def same_file(cur: duckdb.DuckDBPyConnection, sha256: str) -> str | None:
    """The warning for a file loaded before (the same bytes), or None."""
    rows = sql.rows(cur, "ingest/uploads_same_file", sha=sha256)
    if not rows:
        return None
    listed = "; ".join(f"{_who_when(r)}, {_state_text(r)})" for r in rows[:MAX_LISTED])
    more = f" và {len(rows) - MAX_LISTED} lần khác" if len(rows) > MAX_LISTED else ""
    counted = [r for r in rows if r["state"] == "active"]
    if counted:
        outcome = (
            "Bấm «Nạp» sẽ không thay đổi gì: hệ thống không nạp lại một tệp đang hiệu lực. Muốn nạp lại, hãy hoàn tác "
            f"lần tải lên số {counted[0]['upload_id']} ở thẻ «Lịch sử tải lên» trước."
        )
    elif any(r["state"] == DEMO_RETIRED for r in rows):
        outcome = "Bấm «Nạp» sẽ không thay đổi gì: tệp này là dữ liệu minh họa đã nạp."
    else:
        outcome = "Nạp lại sẽ đưa số liệu của tệp này vào tính lại (lần tải lên trước không còn hiệu lực)."
    return f"Tệp này đã được nạp trước đây (cùng nội dung, cùng mã SHA-256): {listed}{more}. {outcome}"


def _listed(rows: list[dict], count_key: str, noun: str) -> str:
    shown = "; ".join(f"{_who_when(r)}, {fmt.number(r[count_key])} {noun})" for r in rows[:MAX_LISTED])
    return shown + (f" và {len(rows) - MAX_LISTED} lần tải lên khác" if len(rows) > MAX_LISTED else "")


def replaced(cur: duckdb.DuckDBPyConnection, kind: str, period, units: list[int]) -> str | None:
    """The warning for a period-scoped file that would replace counted uploads of the same period and units."""
    rows = sql.rows(cur, WOULD_REPLACE[kind], kind=kind, pfrom=period[0], pto=period[1], units=sorted(set(units)))
    if not rows:
        return None
    ids = ", ".join(str(r["upload_id"]) for r in rows)
    return (
        f"Kỳ {fmt.day(period[0])} – {fmt.day(period[1])} của các đơn vị trong tệp đã được nạp: "
        f"{_listed(rows, 'rows_in_common', 'dòng của các đơn vị này')}. Khi nạp, tệp này thay thế lần tải lên số "
        f"{ids} (cùng loại, cùng kỳ, cùng đơn vị: số liệu cũ không còn được tính, hoàn tác được)."
    )


def updated_items(cur: duckdb.DuckDBPyConnection, kind: str, keys: list[str], total: int) -> str | None:
    """The warning for a file whose items are already loaded by counted uploads (their latest row counts)."""
    if kind not in ITEM_KINDS or not keys:
        return None
    rows = sql.rows(cur, ITEMS_LOADED[kind], keys=sorted(set(keys)))
    if not rows:
        return None
    noun = ITEM_KINDS[kind]
    return (
        f"Tệp có {noun} đã được nạp (trong {fmt.number(total)} {noun} của tệp): "
        f"{_listed(rows, 'items_in_common', noun + ' trùng')}. Khi nạp, dòng của tệp này được dùng cho các "
        f"{noun} đó thay cho dòng cũ (mỗi {noun} chỉ tính một lần)."
    )


def warnings(con: duckdb.DuckDBPyConnection, plan) -> list[str]:
    """Vietnamese warnings for a prepared file (oversight.ingest.pipeline.Plan) before it is committed: the same
    file loaded before, else what of the loaded data it would replace or update. Empty: nothing loaded meets it."""
    access.require(access.UPLOAD)
    if not plan.ok:
        return []
    cur = con.cursor()
    try:
        found = same_file(cur, plan.sha256)
        if found:
            return [found]
        records: pd.DataFrame = plan.records
        out = []
        if plan.kind in SCOPED_KINDS and plan.scope_period and plan.period and "unit_id" in records:
            units = [int(u) for u in records["unit_id"].dropna().unique()]
            if units and (text := replaced(cur, plan.kind, plan.period, units)):
                out.append(text)
        key = ITEM_KEYS.get(plan.kind or "")
        if not out and key in records:
            keys = [str(k) for k in records[key].dropna().unique()]
            if text := updated_items(cur, plan.kind, keys, len(keys)):
                out.append(text)
        return out
    finally:
        cur.close()
