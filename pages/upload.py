"""Tải dữ liệu: drag in exports, see what was understood and what was rejected, then commit or cancel;
the upload history with rollback; blank templates."""

import streamlit as st

from oversight import access, clock
from oversight.ui import components, data, uploads
from oversight.ui.guard import through_the_gate

through_the_gate()

st.title("Tải dữ liệu")
con = data.connection()
tab_upload, tab_history, tab_templates = st.tabs(["Tải tệp lên", "Lịch sử tải lên", "Mẫu tệp trống"])

with tab_upload:
    for line in st.session_state.pop("upload_outcome", []):
        (st.success if line[0] == "ok" else st.warning)(components.plain(line[1]))
    user = access.require(access.UPLOAD).name  # recorded as the uploader, and in the audit log
    left, right = st.columns(2)
    kind = left.selectbox("Loại dữ liệu", list(uploads.KIND_CHOICES), format_func=uploads.KIND_CHOICES.get)
    own_period = right.checkbox("Nhập kỳ báo cáo (khi tệp không ghi kỳ ở dòng tiêu đề)")
    period = None
    if own_period:
        picked = right.date_input(
            "Từ ngày – đến ngày", value=(clock.local_today().replace(day=1), clock.local_today()), format="DD/MM/YYYY"
        )
        if isinstance(picked, tuple) and len(picked) == 2:
            period = picked
    files = st.file_uploader(
        "Kéo thả hoặc chọn tệp xuất từ hệ thống (.xlsx, .xlsm, .xls — kể cả tệp .xls dạng trang web)",
        accept_multiple_files=True,
        key=f"uploader_{st.session_state.get('uploader_round', 0)}",
    )
    plans = [uploads.plan_for(con, f, None if kind == "auto" else kind, period) for f in files or []]
    for plan in plans:
        uploads.show_earlier(con, plan)  # the same file or the same months already loaded, before «Nạp»
        uploads.show_plan(con, plan)
    ready = [p for p in plans if p.ok and p.rows_loaded]
    if plans:
        go, cancel = st.columns(2)
        label = f"Nạp {len(ready)} tệp hợp lệ vào cơ sở dữ liệu" if ready else "Không có tệp hợp lệ để nạp"
        if go.button(label, type="primary", disabled=not ready, key="commit_uploads"):
            st.session_state["upload_outcome"] = uploads.commit_all(con, ready, user)
            data.clear()
            uploads.reset_uploader()
            st.rerun()
        if cancel.button("Hủy, không nạp", key="cancel_uploads"):
            uploads.reset_uploader()
            st.rerun()

with tab_history:
    uploads.show_history(con)

with tab_templates:
    uploads.show_templates()
