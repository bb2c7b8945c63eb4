"""Xếp hạng: the ranking of each group by the discipline score, with movement against the previous period."""

import streamlit as st

from oversight import explain, tables
from oversight import formatting as fmt
from oversight.config import load_settings
from oversight.ui import components, data, downloads, letters, navigate
from oversight.ui import reminders as reminders_ui
from oversight.ui.guard import through_the_gate

through_the_gate()

filters = st.session_state.get("filters")
st.title("Xếp hạng đơn vị")
if filters is None:
    components.empty_state("nào")
    st.stop()
period = filters.period
settings = load_settings()
weights = settings.weights
st.caption(
    filters.subtitle(period.label)
    + f" · Điểm kỷ luật, kỷ cương (0–100) = bình quân có trọng số: nhiệm vụ {weights['tasks']:.0f}, "
    f"hồ sơ TTHC {weights['cases']:.0f}, phản ánh {weights['feedback']:.0f}; chỉ tính các thành phần có số liệu."
)

minimum = fmt.number(settings.min_volume)
rule = (
    f"«Thành phần tính điểm»: một thành phần chỉ vào điểm khi đơn vị có từ {minimum} mục trở lên — "
    f"từ {minimum} nhiệm vụ có thời hạn (nhiệm vụ không thời hạn không tính), từ {minimum} hồ sơ TTHC phải giải quyết, "
    f"từ {minimum} phản ánh có thời hạn; thành phần thiếu được bỏ qua và trọng số chia lại cho các thành phần còn lại. "
    "Đơn vị không có thành phần nào đủ số liệu thì chưa xếp hạng."
)
groups = ["department", "district", "commune"] if filters.group == "all" else [filters.group]
RANK_COLUMNS = [
    "rank",
    "unit_name",
    "score",
    "band",
    "prev_rank",
    "movement",
    "reminders_12m_text",
    "tasks_overdue_rate",
    "tasks_total",
    "cases_late_rate",
    "cases_total",
    "feedback_overdue_rate",
    "feedback_total",
    "score_components_text",
]
labels = {"department": "Sở, ban, ngành", "district": "Cấp huyện", "commune": "Cấp xã"}
with st.spinner("Đang xếp hạng…"):
    frames = {
        g: data.frame("unit_metrics", period=period, group=g, units=filters.units, field=filters.field) for g in groups
    }
groups = [g for g in groups if not frames[g].empty]
if not groups:
    components.empty_state("để xếp hạng")
    st.stop()
frames = {g: reminders_ui.ranking_counts(frames[g], period) for g in groups}
downloads.ranking_workbook(filters)
letters.for_ranking(filters, frames)
for tab, group in zip(st.tabs([labels[g] for g in groups]), groups, strict=True):
    with tab:
        frame = explain.with_components_text(frames[group], settings.min_volume, weights)
        ranked = frame[frame["ranked"]].sort_values(["rank", "unit_name"])
        unranked = frame[~frame["ranked"]]
        shown = tables.present(ranked, RANK_COLUMNS)
        event = st.dataframe(
            shown,
            hide_index=True,
            width="stretch",
            on_select="rerun",
            selection_mode="single-row",
            key=f"ranking_{group}",
        )
        navigate.to_unit_on_row(event, ranked)
        st.caption(rule)
        st.caption(reminders_ui.ranking_caption(period))
        downloads.csv(
            lambda ranked=ranked: tables.for_csv(ranked, RANK_COLUMNS),  # built when clicked
            f"xep_hang_{group}_{period.id}.csv",
            key=f"csv_{group}",
        )
        if not unranked.empty:
            st.markdown(
                f"**Chưa đủ số liệu để xếp hạng**: không thành phần nào đạt {fmt.number(settings.min_volume)} mục"
            )
            st.dataframe(
                tables.present(
                    unranked.sort_values("unit_name"),
                    ["unit_name", "tasks_total", "cases_total", "feedback_total", "score_components_text"],
                ),
                hide_index=True,
                width="stretch",
            )
