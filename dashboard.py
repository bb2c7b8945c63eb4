"""Oversight — the entry point: page config, first-start demo loading, login gate, navigation, shared filters.

Run: .venv/bin/python -m streamlit run dashboard.py
"""

import streamlit as st

from oversight import access, bootstrap
from oversight.ui import components, data, filters, login
from oversight.ui import navigation as pages

st.set_page_config(
    page_title="Kỷ luật, kỷ cương hành chính — UBND tỉnh Đồng Nai",
    page_icon="🏛️",
    layout="wide",
    initial_sidebar_state="expanded",
)

con = data.connection()


def first_start() -> None:
    st.title("Đang chuẩn bị dữ liệu")
    bar = st.progress(0.0, text="Cơ sở dữ liệu trống: nạp dữ liệu minh họa lần đầu…")
    bootstrap.load_demo(con, progress=lambda share, text: bar.progress(min(max(share, 0.0), 1.0), text=text))
    data.clear()
    st.rerun()


if not bootstrap.has_data(con):
    pages.gate(first_start, "Đang chuẩn bị dữ liệu")

login.print_setup_link_once(con)
who = login.principal(con)

with access.acting_as(who):
    offered = pages.offered()
    if not offered:  # an account without a role: nothing to show (default deny)
        pages.gate(lambda: login.no_role(con, who), "Chưa được phân quyền")
    navigation = st.navigation(offered)

    with st.sidebar:
        st.markdown("### UBND TỈNH ĐỒNG NAI\nKỷ luật, kỷ cương hành chính")
    login.sidebar(con, who)
    st.session_state["filters"] = filters.sidebar()
    if bootstrap.is_demo(con) and who.source != "demo":
        st.sidebar.caption("Chế độ minh họa: dữ liệu giả lập")
    if (demo_retired := bootstrap.demo_retired_on(con)) is not None:
        components.demo_retired_notice(demo_retired)

    try:
        navigation.run()
    except access.AccessDenied as exc:
        st.error(str(exc))
