"""Báo cáo nhanh: the one-page brief of the period, to read on screen, print on A4 or download as PDF/Word."""

import streamlit as st

from oversight.ui import components, data, downloads, monthly_report, print_view
from oversight.ui.guard import through_the_gate

through_the_gate()

filters = st.session_state.get("filters")
with st.container(key=print_view.SCREEN_KEY):  # everything here is hidden when printing
    st.title("Báo cáo nhanh")
    if filters is None:
        components.empty_state("nào")
        st.stop()
    period = filters.period
    st.caption(
        filters.subtitle(
            period.label,
            f"từ {period.start:%d/%m/%Y} đến {period.end:%d/%m/%Y}",
            filters.group_label,
        )
    )
    demo = data.call("is_demo_data")
    if demo:
        components.demo_banner()
    left, right = st.columns([1, 2], vertical_alignment="center")
    with left:
        print_view.print_button()
    with right:
        downloads.brief(filters)
    monthly_report.section(filters)  # «Báo cáo tháng»: the month's report for the Chairman's working group

with st.spinner("Đang lập báo cáo…"):
    content = print_view.content(period, filters.group, filters.units, filters.field)
print_view.sheet(content, demo=demo)
print_view.print_styles()
