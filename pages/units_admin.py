"""Danh mục đơn vị: the registry of both eras with aliases, former names and lineage, renaming a unit; names
uploads rejected as unknown (confirm as a unit or reject); add a department; merge two units, undo a merge."""

import pandas as pd
import streamlit as st

from oversight import access
from oversight import formatting as fmt
from oversight.ui import components, data
from oversight.ui.guard import through_the_gate
from oversight.units import browse, changes, departments, merges, pending, renames

through_the_gate()

ERA_LABELS = {"all": "Tất cả", "old": "Trước 1/7/2025", "new": "Từ 1/7/2025"}

st.title("Danh mục đơn vị")
con = data.connection()
for kind, text in st.session_state.pop("units_admin_outcome", []):
    (st.success if kind == "ok" else st.info)(components.plain(text))
user = access.require(access.MANAGE_UNITS).name  # recorded with every change, and in the audit log


def act(function, *args) -> None:
    """Run an admin action; on success keep its message for the next run and rerun, else show the refusal."""
    try:
        result = function(con, *args)
    except changes.AdminError as err:
        st.error(components.plain(str(err)))
        return
    st.session_state["units_admin_outcome"] = [("ok", result if isinstance(result, str) else result.message)]
    data.clear()
    st.rerun()


tab_list, tab_pending, tab_add, tab_merge = st.tabs(["Danh mục", "Tên chưa khớp", "Thêm cơ quan", "Gộp đơn vị"])

with tab_list:
    left, mid, right = st.columns([2, 2, 3])
    era = left.radio("Thời kỳ", list(ERA_LABELS), format_func=ERA_LABELS.get, horizontal=True, key="registry_era")
    group = mid.selectbox(
        "Nhóm",
        [None, *browse.GROUP_LABELS],
        format_func=lambda g: browse.GROUP_LABELS.get(g, "Tất cả"),
        key="registry_group",
    )
    search = right.text_input("Tìm theo tên, mã, tên gọi khác", key="registry_search")
    units = browse.registry_frame(con, era=era, group=group, search=search)
    st.caption(f"{fmt.number(len(units))} đơn vị")
    shown = pd.DataFrame(
        {
            "Mã": units["code"],
            "Tên": units["name"],
            "Loại": units["type"],
            "Nhóm": units["group"].map(browse.GROUP_LABELS),
            "Trực thuộc": units["parent"],
            "Hiệu lực từ": units["valid_from"].map(fmt.day),
            "Hiệu lực đến": units["valid_to"].map(fmt.day),
            "Số tên gọi": units["aliases"],
            "Tiền thân": units["predecessors"],
            "Kế thừa": units["successors"],
            "Gộp vào": units["merged_into"],
        }
    )
    event = st.dataframe(
        components.no_missing(shown),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="unit_registry",
    )
    rows = event.selection.rows if event else []
    if rows:
        picked = units.iloc[rows[0]]
        st.markdown(f"**{components.plain(picked['name'])}**")
        for line in browse.lineage_lines(con, int(picked["unit_id"])):
            (st.warning if browse.SPLIT_COMMUNE in line or browse.SPLIT_DEPARTMENT in line else st.markdown)(
                components.plain(line)
            )
        known = browse.aliases_frame(con, int(picked["unit_id"]))
        st.dataframe(
            components.no_missing(
                known[["alias", "source", "created_by"]].rename(
                    columns={"alias": "Tên gọi", "source": "Nguồn", "created_by": "Người xác nhận"}
                )
            ),
            hide_index=True,
            width="stretch",
        )
        former = browse.former_names(con, int(picked["unit_id"]))
        if not former.empty:
            st.markdown("**Tên cũ**")
            st.dataframe(components.no_missing(former), hide_index=True, width="stretch")
        with st.form(f"rename_{int(picked['unit_id'])}"):
            st.markdown("**Đổi tên** (giữ nguyên đơn vị và số liệu; tên cũ vẫn được nhận khi tải tệp cũ)")
            new_name = st.text_input("Tên mới", key="rename_name")
            effective = st.date_input("Có hiệu lực từ ngày", key="rename_from", format="DD/MM/YYYY")
            if st.form_submit_button("Đổi tên"):
                act(renames.rename_unit, int(picked["unit_id"]), new_name, effective, user)
    else:
        st.caption("Chọn một dòng để xem các tên gọi, tên cũ và quan hệ kế thừa của đơn vị, hoặc đổi tên.")

with tab_pending:
    unmatched = pending.pending_names(con)
    if unmatched.empty:
        st.success("Không còn tên đơn vị nào chưa khớp trong các lần tải lên đang hiệu lực.")
    else:
        st.dataframe(
            pd.DataFrame(
                {
                    "Tên trong tệp": unmatched["name"],
                    "Số dòng": unmatched["rows"],
                    "Tệp": unmatched["files"].map(", ".join),
                    "Gợi ý": unmatched["suggestions"].map(
                        lambda s: ", ".join(f"{n} ({fmt.number(score)})" for n, _u, score in s)
                    ),
                }
            ),
            hide_index=True,
            width="stretch",
        )
        name = st.selectbox("Tên cần xử lý", list(unmatched["name"]), key="pending_pick")
        row = unmatched[unmatched["name"] == name].iloc[0]
        labels = browse.unit_choices(con)
        scores = {uid: score for _n, uid, score in row["suggestions"]}
        order = [u for u in scores if u in labels] + [u for u in labels if u not in scores]
        target = st.selectbox(
            "Đơn vị đúng (gợi ý trước, điểm giống nhau 0–100)",
            order,
            format_func=lambda u: f"{labels[u]} — {fmt.number(scores[u])}" if u in scores else labels[u],
            key=f"pending_target_{row['name_key']}",
        )
        ok, no = st.columns(2)
        if ok.button("Xác nhận là đơn vị này", type="primary", key="confirm_name"):
            act(pending.confirm, name, target, user)
        if no.button("Không phải đơn vị của tỉnh", key="reject_name"):
            act(pending.reject, name, user)
    waiting = pending.awaiting_reupload(con)
    if not waiting.empty:
        st.subheader("Đã xác nhận, chờ tải lại tệp")
        for item in waiting.itertuples(index=False):
            advice = pending.reupload_advice(item.files, item.upload_ids)
            st.info(components.plain(f"«{item.name}» → {item.now_unit}: {fmt.number(item.rows)} dòng; {advice}"))
    refused = pending.rejected_names(con)
    if not refused.empty:
        with st.expander(f"Tên đã ghi nhận không phải đơn vị của tỉnh ({fmt.number(len(refused))})"):
            st.dataframe(
                components.no_missing(refused.rename(columns={"name": "Tên", "rejected_by": "Người ghi nhận"})),
                hide_index=True,
            )

with tab_add, st.form("add_department", clear_on_submit=False):
    dept_name = st.text_input(
        "Tên cơ quan", key="dept_name", placeholder="Ví dụ: Trung tâm Phục vụ hành chính công tỉnh"
    )
    left, right = st.columns(2)
    abbreviation = left.text_input("Tên viết tắt", key="dept_abbreviation")
    unit_type = right.selectbox("Loại", list(departments.DEPARTMENT_TYPES), key="dept_type")
    has_start = left.checkbox("Thành lập từ ngày", key="dept_has_start")
    start = right.date_input("Ngày bắt đầu hiệu lực", format="DD/MM/YYYY", key="dept_start")
    other = st.text_area("Tên gọi khác trong các tệp xuất (mỗi dòng một tên)", key="dept_aliases")
    if st.form_submit_button("Thêm vào danh mục", type="primary"):
        aliases = tuple(line for line in other.splitlines() if line.strip())
        act(departments.add_department, dept_name, abbreviation, unit_type, start if has_start else None, user, aliases)

with tab_merge:
    merge_group = st.selectbox(
        "Nhóm", list(browse.GROUP_LABELS), format_func=browse.GROUP_LABELS.get, key="merge_group"
    )
    mergeable = browse.unit_choices(con, merge_group)
    left, right = st.columns(2)
    keep = left.selectbox("Giữ lại đơn vị", list(mergeable), format_func=mergeable.get, key="merge_keep")
    drop = right.selectbox(
        "Gộp đơn vị này vào",
        list(mergeable),
        format_func=mergeable.get,
        key="merge_drop",
        index=None,
        placeholder="Chọn đơn vị…",
    )
    if keep is not None and drop is not None:
        try:
            preview = merges.merge_preview(con, keep, drop)
        except changes.AdminError as err:
            st.error(components.plain(str(err)))
        else:
            if preview.empty:
                st.caption("Đơn vị được gộp không có dòng số liệu hay tên gọi nào.")
            else:
                st.dataframe(
                    components.no_missing(
                        preview.rename(columns={"what": "Loại dòng", "file": "Tệp", "rows": "Số dòng"})
                    ),
                    hide_index=True,
                )
            sure = st.checkbox("Tôi đã kiểm tra: hai đơn vị này là một", key="merge_sure")
            if st.button("Gộp đơn vị", type="primary", disabled=not sure, key="merge_go"):
                act(merges.merge_units, keep, drop, user)
    history = merges.merges_frame(con)
    if not history.empty:
        st.subheader("Các lần gộp")
        for m in history.itertuples(index=False):
            when = pd.Timestamp(m.merged_at).strftime("%d/%m/%Y %H:%M")
            text = f"Lần gộp số {m.merge_id}: «{m.drop}» vào «{m.keep}» — {m.merged_by}, {when}"
            text += f"; {fmt.number(m.fact_rows)} dòng số liệu, {fmt.number(m.alias_rows)} tên gọi"
            if isinstance(m.undone_by, str):
                st.caption(components.plain(f"{text} (đã hoàn tác bởi {m.undone_by})"))
                continue
            st.markdown(components.plain(text))
            if st.button(f"Hoàn tác lần gộp số {m.merge_id}", key=f"unmerge_{m.merge_id}"):
                act(merges.unmerge, m.merge_id, user)
