"""Đơn vị: everything about one unit for the period — its figures against the province, its trend, its late items."""

import streamlit as st

from oversight import access, charts, explain, tables
from oversight import formatting as fmt
from oversight.config import load_settings
from oversight.ui import chrome, components, data, downloads, letters, navigate
from oversight.ui import item as item_page
from oversight.ui import reminders as reminders_ui
from oversight.ui.guard import through_the_gate

through_the_gate()

settings = load_settings()
filters = st.session_state.get("filters")
if filters is None:
    st.title("Hồ sơ đơn vị")
    components.empty_state("nào")
    st.stop()
period = filters.period

units = data.frame("unit_metrics", period=period, group="all", units=filters.units, field=filters.field)
if units.empty:
    st.title("Hồ sơ đơn vị")
    components.empty_state("nào")
    st.stop()
units = units.sort_values("unit_name")
ids = units["unit_id"].astype(int).tolist()
wanted = st.query_params.get("unit") or st.session_state.get("unit_id")
try:
    wanted = int(wanted) if wanted is not None else None
except ValueError:
    wanted = None
viewer = access.current()
if wanted is None and viewer is not None and viewer.unit_id in ids:
    wanted = viewer.unit_id  # a unit's own head lands on their unit
opened_on_worst = None
if wanted not in ids:
    if wanted is not None:
        st.warning("Đơn vị trong đường dẫn không có số liệu trong kỳ này; hãy chọn đơn vị khác.")
    opened_on_worst = navigate.worst_unit(units, filters.group)  # the period's worst, as the rankings order it
    wanted = int(opened_on_worst["unit_id"]) if opened_on_worst is not None else ids[0]
names = dict(zip(ids, units["unit_name"], strict=True))
unit_id = st.selectbox("Đơn vị", ids, index=ids.index(wanted), format_func=names.get, key=f"unit_pick_{wanted}")
st.query_params["unit"] = str(unit_id)
st.session_state["unit_id"] = unit_id
row = units[units["unit_id"] == unit_id].iloc[0]

st.title(components.plain(row["unit_name"]))
if opened_on_worst is not None and int(opened_on_worst["unit_id"]) == unit_id:
    st.caption(components.plain(navigate.worst_unit_caption(opened_on_worst, filters.group_label)))
rank_text = f"Hạng {fmt.number(row['rank'])} trong nhóm" if row["ranked"] else "Chưa đủ số liệu để xếp hạng"
st.caption(filters.subtitle(period.label, rank_text, f"Điểm {fmt.number(row['score'], 1)}", row["band"] or ""))

st.caption(
    "Thành phần tính điểm: "
    + explain.score_components_text(row.to_dict(), settings.min_volume, settings.weights)
    + f" · Mỗi thành phần cần từ {fmt.number(settings.min_volume)} mục."
)

kpis = data.call("province_kpis", period=period, field=filters.field)
peers = units[units["unit_group"] == row["unit_group"]]
# The same unit in the previous comparable period (the period the rank movement and the province's change
# compare with), for each card's change.
previous = data.frame("unit_metrics", period=period.previous(), group="all", units=filters.units, field=filters.field)
previous = previous[previous["unit_id"] == unit_id]
prev_row = previous.iloc[0] if not previous.empty else None
cols = st.columns(3)
for column, (label, kind) in zip(
    cols,
    [("Nhiệm vụ quá hạn", "tasks"), ("Hồ sơ TTHC trễ hạn", "cases"), ("Phản ánh, kiến nghị quá hạn", "feedback")],
    strict=True,
):
    metric = explain.RATES[kind]
    counts = row.to_dict()
    with column:
        components.kpi(
            label,
            fmt.percent(row[metric]),
            fmt.change_points(row[metric], None if prev_row is None else prev_row[metric]),
            charts.traffic_light(metric, row[metric], settings.targets),
            note=f"{fmt.number(explain.late_count(kind, counts))} {explain.KINDS[kind].late_noun} / "
            f"{explain.denominator_text(kind, counts)} · Toàn tỉnh: {fmt.percent(kpis[metric])} · "
            f"Bình quân nhóm: {fmt.percent(peers[metric].mean())}",
        )

st.subheader("Xu hướng 12 tháng")
trend = data.trend(period=period, months=12, unit_id=unit_id, units=filters.units, field=filters.field)
chrome.chart(
    charts.trend_chart(trend, ["tasks_overdue_rate", "cases_late_rate", "feedback_overdue_rate"]),
    key="unit_trend",
)

reminders_ui.unit_history(data.connection(), unit_id)

letters.for_unit(filters, unit_id)
st.subheader("Danh sách trễ hạn, quá hạn")
ITEM_COLUMNS = {
    "tasks": ["doc_number", "content", "received_at", "due_at", "done_at", "days_overdue", "outcome_label"],
    "cases": [
        "case_code",
        "procedure_name",
        "field",
        "received_at",
        "due_at",
        "done_at",
        "days_overdue",
        "outcome_label",
    ],
    "feedback": [
        "feedback_code",
        "content",
        "field",
        "received_at",
        "due_at",
        "done_at",
        "days_overdue",
        "outcome_label",
    ],
}
if viewer is not None and viewer.units is not None and unit_id not in viewer.units:
    st.info("Tài khoản của bạn chỉ được xem danh sách chi tiết của đơn vị mình; số liệu tổng hợp ở trên vẫn hiển thị.")
    st.stop()
for tab, kind in zip(st.tabs(["Nhiệm vụ", "Hồ sơ TTHC", "Phản ánh, kiến nghị"]), ITEM_COLUMNS, strict=True):
    with tab:
        items = data.frame(
            "overdue_items",
            kind=kind,
            period=period,
            unit_id=unit_id,
            units=filters.units,
            field=filters.field,
        )
        if items.empty:
            st.success("Không có mục nào trễ hạn hoặc quá hạn trong kỳ.")
            continue
        columns = [c for c in ITEM_COLUMNS[kind] if c in items.columns]
        shown, links = item_page.with_links(items, kind, columns)
        st.caption(f"{fmt.number(len(items))} mục · «Xem» mở trang chi tiết của mục")
        st.dataframe(shown, hide_index=True, width="stretch", column_config=links)
        downloads.items_workbook(filters, kind, unit_id=unit_id, key=f"items_xlsx_{kind}")
        downloads.csv(
            lambda items=items, columns=columns: tables.for_csv(items, columns),
            f"tre_han_{kind}_{unit_id}_{period.id}.csv",
            f"items_csv_{kind}",
            "Tải danh sách (CSV)",
        )
