"""Oversight — the entry point: page config, first-start demo loading, login gate, navigation, shared filters.

Run: .venv/bin/python -m streamlit run dashboard.py
"""

import streamlit as st

from oversight import access, bootstrap
from oversight.config import ProvinceError, load_settings
from oversight.ui import data, filters, login
from oversight.ui import navigation as pages

try:
    settings = load_settings()  # OVERSIGHT_PROVINCE names the province; an unknown value stops here
except ProvinceError as exc:
    settings, problem = None, exc
st.set_page_config(
    page_title="Kỷ luật, kỷ cương hành chính" + (f" — UBND {settings.province_label}" if settings else ""),
    page_icon="🏛️",
    layout="wide",
    initial_sidebar_state="expanded",
)
if settings is None:
    st.error(str(problem))
    st.stop()

try:
    con = data.connection()
except ProvinceError as exc:  # the database was seeded for another province
    st.error(str(exc))
    st.stop()


def first_start() -> None:
    st.title("Đang chuẩn bị dữ liệu")
    bar = st.progress(0.0, text="Cơ sở dữ liệu trống: nạp dữ liệu minh họa lần đầu…")
    bootstrap.load_demo(con, progress=lambda share, text: bar.progress(min(max(share, 0.0), 1.0), text=text))
    data.clear()
    st.rerun()


if not bootstrap.has_data(con) and bootstrap.demo_applies(settings):
    # the demo is Đồng Nai's: another province's empty database opens on its pages' empty state instead
    pages.gate(first_start, "Đang chuẩn bị dữ liệu")

login.print_setup_link_once(con)
who = login.principal(con)

with access.acting_as(who):
    offered = pages.offered()
    if not offered:  # an account without a role: nothing to show (default deny)
        pages.gate(lambda: login.no_role(con, who), "Chưa được phân quyền")
    navigation = st.navigation(offered)

    with st.sidebar:
        st.markdown(f"### {settings.province_title}\nKỷ luật, kỷ cương hành chính")
    login.sidebar(con, who)
    st.session_state["filters"] = filters.sidebar()
    if bootstrap.is_demo(con) and who.source != "demo":
        st.sidebar.caption("Chế độ minh họa: dữ liệu giả lập")

    try:
        navigation.run()
    except access.AccessDenied as exc:
        st.error(str(exc))
