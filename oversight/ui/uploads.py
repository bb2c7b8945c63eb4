"""The upload page's pieces: preparing files once per session, showing what was understood, committing,
the history with rollback, and the blank templates. Text read from files is shown as plain text."""

from __future__ import annotations

import duckdb
import pandas as pd
import streamlit as st

from oversight import access, clock, metrics, metrics_cache, sql
from oversight import formatting as fmt
from oversight.ingest import earlier, mappings, pipeline
from oversight.ingest.columns import FIELD_LABELS, KIND_LABELS
from oversight.ingest.load import STATE_LABELS, UploadError, list_uploads, rollback, upload_rejects
from oversight.ingest.validate import group_rejects, rows_text
from oversight.ui import components, data

KIND_CHOICES = {"auto": "Tự nhận diện theo tiêu đề cột", **{k: v.capitalize() for k, v in KIND_LABELS.items()}}
SEVERITY_LABELS = {"error": "Từ chối", "warning": "Cảnh báo"}


def grouped_rejects(rejects: pd.DataFrame, with_severity: bool = False) -> pd.DataFrame:
    """Rejected rows and warnings as a person reads them: one line per distinct problem (the same unknown
    status on 45 rows is one line, «45» rows, the first of them listed), the stored rows unchanged."""
    groups = group_rejects(rejects)
    shown = pd.DataFrame(
        {
            "Trang": groups["sheet"],
            "Dòng": [rows_text(rows) for rows in groups["rows"]],
            "Số dòng": [fmt.number(n) for n in groups["rows_count"]],
            "Cột": groups["column_name"],
            "Giá trị": groups["value"],
            "Lý do": groups["reason"],
        }
    )
    if with_severity:
        shown.insert(0, "Mức", [SEVERITY_LABELS.get(s, s) for s in groups["severity"]])
    return components.no_missing(shown)


def plan_for(con: duckdb.DuckDBPyConnection, uploaded, kind: str | None, period) -> pipeline.Plan:
    """Prepare an uploaded file once per (file, kind, period) in this session; nothing is written."""
    cache = st.session_state.setdefault("upload_plans", {})
    key = (uploaded.file_id, kind, tuple(period) if period else None)
    if key not in cache:
        with st.spinner(f"Đang đọc {uploaded.name}…"):
            cache[key] = pipeline.prepare(uploaded.getvalue(), uploaded.name, con, kind=kind, period=period)
    return cache[key]


# Columns of the typed records a person reads in the preview, in Vietnamese; internal keys are left out.
PREVIEW_TITLES = {
    "source_row": "Dòng",
    "unit_name": "Đơn vị (như trong tệp)",
    "period_from": "Từ ngày",
    "period_to": "Đến ngày",
    "status_text": "Trạng thái",
    "due_text": "Thời hạn (chữ)",
    "due_original": "Thời hạn ban đầu",
    "received": "Ngày tiếp nhận / ngày giao",
}
PREVIEW_HIDDEN = {"unit_id", "item_key", "status_code"}


def preview_frame(records: pd.DataFrame, unit_names: dict[int, str] | None = None) -> pd.DataFrame:
    """The records as the uploader reads them; with unit_names, the registry unit each row was matched to
    stands beside the name as written."""
    shown = records[[c for c in records.columns if c not in PREVIEW_HIDDEN]].copy()
    if unit_names is not None and "unit_id" in records and "unit_name" in shown:
        at = shown.columns.get_loc("unit_name") + 1
        shown.insert(at, "Đơn vị trong danh mục", [unit_names.get(u, "") for u in records["unit_id"]])
    return shown.rename(columns={c: PREVIEW_TITLES.get(c) or FIELD_LABELS.get(c, c) for c in shown.columns})


def unit_names(con: duckdb.DuckDBPyConnection, ids) -> dict[int, str]:
    wanted = sorted({int(i) for i in ids if not pd.isna(i)})
    if not wanted:
        return {}
    cur = con.cursor()
    try:
        return dict(sql.run(cur, "ui/unit_names", ids=wanted).fetchall())
    finally:
        cur.close()


def _column_order(where: str) -> tuple[int, str]:
    """'AB: Tên cột' sorts after 'Z: ...' as Excel orders columns."""
    letters = where.split(":", 1)[0].strip()
    return (len(letters), letters)


def reset_uploader() -> None:
    st.session_state["uploader_round"] = st.session_state.get("uploader_round", 0) + 1
    st.session_state.pop("upload_plans", None)


def _period_text(period) -> str:
    return f"{fmt.day(period[0])} – {fmt.day(period[1])}" if period else "không ghi kỳ"


def show_plan(con: duckdb.DuckDBPyConnection, plan: pipeline.Plan) -> None:
    title = f"{plan.file_name} — " + (
        f"{plan.kind_label}, {fmt.number(plan.rows_loaded)} dòng hợp lệ" if plan.ok else "bị từ chối"
    )
    with st.expander(components.plain(title), expanded=not plan.ok or bool(plan.rows_rejected)):
        if not plan.ok:
            st.error(components.plain(plan.error_text()))
            if plan.missing_fields and plan.header_cells:
                map_by_hand(con, plan)
            return
        facts = [
            ("Loại dữ liệu", f"{plan.kind_label} (nhận diện theo {plan.kind_source})"),
            ("Trang tính", f"«{plan.sheet}» — {plan.sheet_reason}"),
            ("Dòng tiêu đề cột", f"{plan.header_rows}; dữ liệu từ dòng {plan.data_start_row}"),
            ("Kỳ báo cáo", f"{_period_text(plan.period)} ({plan.period_source or 'theo ngày tiếp nhận'})"),
            *([("Ánh xạ cột", f"theo {plan.mapping_source}")] if plan.mapping_source else []),
            (
                "Số dòng",
                f"{fmt.number(plan.rows_read)} đọc được, {fmt.number(plan.rows_loaded)} hợp lệ, "
                f"{fmt.number(plan.rows_rejected)} bị từ chối, {fmt.number(len(plan.row_warnings))} cảnh báo",
            ),
        ]
        st.dataframe(pd.DataFrame(facts, columns=["", "Nhận diện"]), hide_index=True, width="stretch")
        for warning in plan.warnings:
            st.warning(components.plain(warning))
        mapping = pd.DataFrame(
            sorted(((FIELD_LABELS.get(k, k), v) for k, v in plan.mapping.items()), key=lambda r: _column_order(r[1])),
            columns=["Trường dữ liệu", "Cột trong tệp"],
        )
        st.markdown("**Ánh xạ cột**")
        st.dataframe(mapping, hide_index=True, width="stretch")
        st.markdown("**Xem trước 20 dòng đầu**")
        preview = plan.preview(20)
        names = unit_names(con, preview["unit_id"]) if "unit_id" in preview else None
        st.dataframe(components.no_missing(preview_frame(preview, names)), hide_index=True)
        if plan.rows_rejected:
            st.markdown(f"**{fmt.number(plan.rows_rejected)} dòng bị từ chối** (không nạp; các dòng khác vẫn nạp)")
            st.dataframe(grouped_rejects(plan.errors), hide_index=True, width="stretch")
        if len(plan.row_warnings):
            st.markdown("**Cảnh báo chất lượng số liệu** (dòng vẫn được nạp)")
            st.dataframe(grouped_rejects(plan.row_warnings), hide_index=True, width="stretch")


def mapping_key(plan: pipeline.Plan, fld: str) -> str:
    """The selectbox key of one missing field of one file (tests pick columns through it)."""
    return f"map_{plan.sha256[:16]}_{fld}"


def map_by_hand(con: duckdb.DuckDBPyConnection, plan: pipeline.Plan) -> None:
    """A selectbox per missing required column listing the file's header cells; saving remembers the choice
    for every later file with the same header (upload page and CLI) and reads this file again."""
    st.markdown("**Chọn cột cho các trường còn thiếu**")
    st.caption(
        "Chọn cột trong tệp ứng với từng trường. Lựa chọn được ghi nhớ cho các tệp có cùng dòng tiêu đề cột "
        "(cả khi nạp bằng dòng lệnh), nên lần sau không phải chọn lại."
    )
    cells = plan.header_cells
    choices: dict[str, int] = {}
    for fld in plan.missing_fields:
        picked = st.selectbox(
            FIELD_LABELS.get(fld, fld),
            list(cells),
            index=None,
            format_func=lambda c: mappings.choice_label(c, cells[c]),  # options are plain text
            placeholder="Chọn cột trong tệp…",
            key=mapping_key(plan, fld),
        )
        if picked is not None:
            choices[fld] = int(picked)
    ready = len(choices) == len(plan.missing_fields)
    if st.button(
        "Lưu ánh xạ cột và đọc lại tệp", disabled=not ready, key=f"save_mapping_{plan.sha256[:16]}", type="primary"
    ):
        try:
            mapping_id = mappings.save_choices(con, plan, choices)
        except ValueError as exc:
            st.error(components.plain(str(exc)))
            return
        outcome = st.session_state.setdefault("upload_outcome", [])
        outcome.append(
            ("ok", f"{plan.file_name}: đã lưu ánh xạ cột (số {mapping_id}); tệp được đọc lại theo ánh xạ này.")
        )
        st.session_state.pop("upload_plans", None)  # prepare every file again, with the remembered mapping
        st.rerun()


def commit_all(con: duckdb.DuckDBPyConnection, plans: list[pipeline.Plan], user: str) -> list[tuple[str, str]]:
    outcome = []
    for plan in plans:
        result = pipeline.commit(con, plan, user)
        if result.status == "loaded":
            text = f"{plan.file_name}: đã nạp {fmt.number(result.rows_loaded)} dòng (lần tải lên số {result.upload_id})"
            if result.rows_rejected:
                text += f", {fmt.number(result.rows_rejected)} dòng bị từ chối"
            if result.message:
                text += f". {result.message}"
            outcome.append(("ok", text))
        else:
            outcome.append(("warn", f"{plan.file_name}: {result.message}"))
    with st.spinner("Đang cập nhật số liệu tổng hợp…"):
        metrics_cache.refresh_cache(con)
        metrics.prepare_first_view(con)
    return outcome


def show_history(con: duckdb.DuckDBPyConnection) -> None:
    history = list_uploads(con)
    if history.empty:
        st.info("Chưa có lần tải lên nào.")
        return
    shown = pd.DataFrame(
        {
            "Số": history["id"],
            "Tệp": history["file_name"],
            "Loại": [KIND_LABELS.get(k.replace("-", "_"), k) for k in history["kind"]],
            "Kỳ": [
                _period_text((a, b)) if not pd.isna(a) else ""
                for a, b in zip(history["period_from"], history["period_to"], strict=True)
            ],
            "Dòng đã nạp": [fmt.number(v) for v in history["rows_loaded"]],
            "Bị từ chối": [fmt.number(v) for v in history["rows_rejected"]],
            "Cảnh báo": [fmt.number(v) for v in history["warnings"]],
            "Trạng thái": [STATE_LABELS.get(s, s) for s in history["state"]],
            "Nguồn": [pipeline.SOURCE_LABELS.get(v, v) for v in history["source"]],
            "Người tải": history["uploaded_by"],
            "Thời điểm": [v.strftime("%d/%m/%Y %H:%M") for v in clock.local_series(history["uploaded_at"])],
        }
    )
    event = st.dataframe(
        shown, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row", key="upload_history"
    )
    rows = event.selection.rows if event else []
    if not rows:
        st.caption("Chọn một dòng để xem các dòng bị từ chối hoặc hoàn tác lần tải lên đó.")
        return
    picked = history.iloc[rows[0]]
    upload_id = int(picked["id"])
    st.markdown(f"**Lần tải lên số {upload_id}: {components.plain(picked['file_name'])}**")
    rejects = upload_rejects(con, upload_id)
    if rejects.empty:
        st.caption("Không có dòng bị từ chối hay cảnh báo.")
    else:
        st.dataframe(grouped_rejects(rejects, with_severity=True), hide_index=True, width="stretch")
    if picked["state"] == "active":
        sure = st.checkbox("Tôi muốn gỡ toàn bộ số liệu của lần tải lên này", key=f"sure_{upload_id}")
        if st.button("Hoàn tác lần tải lên", disabled=not sure, key=f"rollback_{upload_id}"):
            try:
                restored = rollback(con, upload_id, access.require(access.ROLLBACK).name)
            except UploadError as exc:
                st.error(components.plain(str(exc)))
            else:
                data.clear()
                note = f"; khôi phục lần tải lên số {', '.join(map(str, restored))}" if restored else ""
                st.success(f"Đã hoàn tác lần tải lên số {upload_id}{note}.")


def show_templates() -> None:
    try:
        from oversight.ingest.templates import TEMPLATE_FILE_NAMES, template_bytes
    except ImportError:  # pragma: no cover - templates module ships with the ingestion package
        st.info("Chưa có mẫu tệp.")
        return
    st.caption("Mẫu trống có sẵn tiêu đề cột mà hệ thống nhận diện, kèm trang «Hướng dẫn».")
    for kind, label in KIND_LABELS.items():
        st.download_button(
            f"Tải mẫu {label}",
            template_bytes(kind),
            file_name=TEMPLATE_FILE_NAMES[kind],
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"template_{kind}",
        )


def show_earlier(con: duckdb.DuckDBPyConnection, plan: pipeline.Plan) -> None:
    """Before «Nạp»: whether this file, or the months and units it covers, are loaded already (a warning, never a
    block: an intentional reload stays one click away)."""
    cache = st.session_state.setdefault("upload_earlier", {})
    key = (plan.sha256, plan.kind, plan.period, data.data_version(con))  # asked again once the data changed
    if key not in cache:
        cache[key] = earlier.warnings(con, plan)
    for text in cache[key]:
        st.warning(components.plain(f"{plan.file_name}: {text}"), icon="⚠️")
