"""Tổng quan: the province at a glance for the chosen period."""

import streamlit as st

from oversight import charts, explain, tables
from oversight import formatting as fmt
from oversight.config import load_settings
from oversight.ui import chrome, components, data, downloads, freshness, letters, navigate
from oversight.ui.guard import through_the_gate

through_the_gate()

filters = st.session_state.get("filters")
st.title("Tổng quan")
if filters is None:
    components.empty_state("nào")
    st.stop()
period = filters.period
settings = load_settings()
st.caption(filters.subtitle(period.label, f"từ {period.start:%d/%m/%Y} đến {period.end:%d/%m/%Y}"))
if data.call("is_demo_data"):
    components.demo_banner()
downloads.brief(filters)

with st.spinner("Đang tính số liệu…"):
    kpis = data.call("province_kpis", period=period, field=filters.field)
prev = kpis["previous"]

cases_late, prev_cases_late = explain.late_count("cases", kpis), explain.late_count("cases", prev)
cards = [
    (
        "Tỷ lệ nhiệm vụ quá hạn",
        "tasks_overdue_rate",
        fmt.percent(kpis["tasks_overdue_rate"]),
        fmt.change_points(kpis["tasks_overdue_rate"], prev["tasks_overdue_rate"]),
        f"{explain.late_sentence('tasks', kpis)} trên {explain.denominator_text('tasks', kpis)}",
        "(hoàn thành quá hạn + đang thực hiện quá hạn) / (tổng số − không thời hạn)",
    ),
    (
        "Hồ sơ TTHC trễ hạn",
        None,
        fmt.number(cases_late),
        fmt.change_count(cases_late, prev_cases_late if prev["cases_total"] else None),
        f"{explain.late_parts('cases', kpis)} · {explain.rate_sentence('cases', kpis)}",
        "Cột (10) + (13) Biểu 06: đã giải quyết quá hạn và đang giải quyết quá hạn vào cuối kỳ",
    ),
    (
        "Tỷ lệ hồ sơ TTHC trễ hạn",
        "cases_late_rate",
        fmt.percent(kpis["cases_late_rate"]),
        fmt.change_points(kpis["cases_late_rate"], prev["cases_late_rate"]),
        f"{fmt.number(cases_late)} hồ sơ trễ hạn / {explain.denominator_text('cases', kpis)}"
        f"{explain.total_detail('cases', kpis)} · Điểm tiến độ (QĐ 766): {fmt.points(kpis['cases_766_progress_score'])}/20",
        "[(10) + (13)] / (3) của Biểu số 06/VPCP/KSTT; (3) = kỳ trước chuyển sang + mới tiếp nhận",
    ),
    (
        "Hồ sơ đang giải quyết quá hạn",
        None,
        fmt.number(kpis["cases_pending_overdue"]),
        fmt.change_count(kpis["cases_pending_overdue"], prev["cases_pending_overdue"]),
        f"trong {fmt.number(kpis['cases_pending'])} hồ sơ chưa có kết quả vào cuối kỳ (đã tính trong hồ sơ trễ hạn)",
        "Cột (13) Biểu 06: chưa có kết quả, đã quá hạn vào cuối kỳ",
    ),
    (
        "Tỷ lệ phản ánh, kiến nghị quá hạn",
        "feedback_overdue_rate",
        fmt.percent(kpis["feedback_overdue_rate"]),
        fmt.change_points(kpis["feedback_overdue_rate"], prev["feedback_overdue_rate"]),
        f"{explain.late_sentence('feedback', kpis)} trên {explain.denominator_text('feedback', kpis)}",
        "(xử lý quá hạn + đang xử lý quá hạn) / tổng số",
    ),
]
for column, (label, metric, value, delta, note, help_text) in zip(st.columns(len(cards)), cards, strict=True):
    with column:
        light = charts.traffic_light(metric, kpis[metric], settings.targets) if metric else None
        components.kpi(label, value, delta, light, help_text=help_text, note=note)
freshness.show(data.call("freshness", period=period))  # the newest data day, the last upload, the uploads behind

left, right = st.columns([3, 2])
with left:
    st.subheader("Xu hướng 12 tháng")
    trend = data.trend(period=period, months=12, group=filters.group, units=filters.units, field=filters.field)
    chrome.chart(
        charts.trend_chart(trend, ["tasks_overdue_rate", "cases_late_rate", "feedback_overdue_rate"]),
        key="overview_trend",
    )
with right:
    st.subheader("10 đơn vị chậm nhất")
    metric_labels = {
        "score": "Điểm tổng hợp (thấp nhất)",
        "tasks_overdue_rate": "Tỷ lệ nhiệm vụ quá hạn",
        "cases_late_rate": "Tỷ lệ hồ sơ trễ hạn",
        "feedback_overdue_rate": "Tỷ lệ phản ánh quá hạn",
    }
    metric = st.selectbox("Xếp theo", list(metric_labels), format_func=metric_labels.get, key="overview_metric")
    worst = data.frame(
        "worst_units",
        period=period,
        metric=metric,
        group=filters.group,
        limit=10,
        units=filters.units,
        field=filters.field,
    )
    if worst.empty:
        components.empty_state("đủ để xếp hạng")
    elif charts.bars_shown(worst, metric).empty:
        st.success("Không đơn vị nào có mục trễ hạn, quá hạn theo chỉ tiêu này trong kỳ.")
    else:
        event = chrome.chart(
            charts.ranking_bars(worst, metric, None if metric == "score" else "metric_count"),
            key="overview_worst",
            on_select="rerun",
            selection_mode="points",
        )
        navigate.to_unit_on_point(event)
        st.caption("Bấm vào một cột để xem chi tiết đơn vị.")
        st.caption(
            f"Chỉ xếp hạng đơn vị có từ {settings.min_volume} hồ sơ/nhiệm vụ/phản ánh trở lên · {filters.group_label}"
        )
    letters.for_lagging(filters, worst)

st.subheader("10 đơn vị tiến bộ nhất")
improved = data.frame(
    "most_improved", period=period, group=filters.group, limit=10, units=filters.units, field=filters.field
)
if improved.empty:
    st.caption("Chưa có đơn vị nào tăng hạng so với kỳ trước (hoặc chưa có số liệu kỳ trước).")
else:
    shown = tables.present(improved, ["unit_name", "movement", "prev_rank", "rank", "score", "band"])
    event = st.dataframe(
        shown, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row", key="overview_improved"
    )
    navigate.to_unit_on_row(event, improved)
    st.caption("Thứ hạng so trong nhóm đơn vị cùng cấp; chọn một dòng để xem chi tiết đơn vị.")
