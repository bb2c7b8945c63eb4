"""Oversight — the entry point: page config, first-start demo loading, login gate, navigation, shared filters.

Run: .venv/bin/python -m streamlit run dashboard.py
"""

import streamlit as st

from oversight import access, bootstrap
from oversight.ui import data, filters, login

st.set_page_config(
    page_title="Kỷ luật, kỷ cương hành chính — UBND tỉnh Đồng Nai",
    page_icon="🏛️",
    layout="wide",
    initial_sidebar_state="expanded",
)

con = data.connection()
if not bootstrap.has_data(con):
    st.title("Đang chuẩn bị dữ liệu")
    bar = st.progress(0.0, text="Cơ sở dữ liệu trống: nạp dữ liệu minh họa lần đầu…")
    bootstrap.load_demo(con, progress=lambda share, text: bar.progress(min(max(share, 0.0), 1.0), text=text))
    data.clear()
    st.rerun()

login.print_setup_link_once(con)
who = login.principal(con)

with access.acting_as(who):
    pages = {
        "Điều hành": [
            st.Page(
                "pages/overview.py", title="Tổng quan", icon=":material/dashboard:", default=True, url_path="tong-quan"
            ),
            st.Page("pages/rankings.py", title="Xếp hạng", icon=":material/leaderboard:", url_path="xep-hang"),
            st.Page("pages/unit.py", title="Đơn vị", icon=":material/account_balance:", url_path="don-vi"),
        ],
        "Lĩnh vực theo dõi": [
            st.Page("pages/tasks.py", title="Nhiệm vụ", icon=":material/task_alt:", url_path="nhiem-vu"),
            st.Page("pages/cases.py", title="Thủ tục hành chính", icon=":material/folder_open:", url_path="tthc"),
            st.Page("pages/feedback.py", title="Phản ánh, kiến nghị", icon=":material/campaign:", url_path="phan-anh"),
        ],
    }
    # Pages a principal may not use are not offered (and their functions refuse it anyway).
    data_pages = []
    if access.may(access.UPLOAD):
        data_pages.append(
            st.Page("pages/upload.py", title="Tải dữ liệu", icon=":material/upload_file:", url_path="tai-du-lieu")
        )
    if access.may(access.MANAGE_UNITS):
        data_pages.append(
            st.Page(
                "pages/units_admin.py",
                title="Danh mục đơn vị",
                icon=":material/account_tree:",
                url_path="danh-muc-don-vi",
            )
        )
    if access.may(access.MANAGE_USERS) or access.may(access.VIEW_AUDIT):
        data_pages.append(
            st.Page("pages/admin.py", title="Quản trị", icon=":material/admin_panel_settings:", url_path="quan-tri")
        )
    if data_pages:
        pages["Dữ liệu"] = data_pages
    navigation = st.navigation(pages)

    with st.sidebar:
        st.markdown("### UBND TỈNH ĐỒNG NAI\nKỷ luật, kỷ cương hành chính")
    login.sidebar(con, who)
    st.session_state["filters"] = filters.sidebar()
    if bootstrap.is_demo(con) and who.source != "demo":
        st.sidebar.caption("Chế độ minh họa: dữ liệu giả lập")

    try:
        navigation.run()
    except access.AccessDenied as exc:
        st.error(str(exc))
