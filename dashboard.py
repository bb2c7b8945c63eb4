"""Oversight — the entry point: page config, first-start demo loading, login gate, navigation, shared filters.

Run: .venv/bin/python -m streamlit run dashboard.py
(Streamlit serves it through st.App: see the `app` block at the end and oversight/ui/server.py.)

The whole page run is one session on the database (oversight.ui.data.page_session): the file is open while
this script runs and closed after it, so the command line can work on it between page runs. Whatever fails
inside shows a Vietnamese message with an error number (oversight/ui/errors.py), never a traceback.
"""

import streamlit as st

from oversight import access, bootstrap, service
from oversight.config import ProvinceError, Settings, load_settings
from oversight.ui import chrome, components, data, errors, filters, login, server
from oversight.ui import navigation as pages


def first_start(con) -> None:
    """The latest month of the demo while the page waits; the older months follow in the background."""
    st.title("Đang chuẩn bị dữ liệu")
    bar = st.progress(0.0, text="Cơ sở dữ liệu trống: nạp dữ liệu minh họa của tháng gần nhất trước…")
    bootstrap.load_demo_first(con, progress=lambda share, text: bar.progress(min(max(share, 0.0), 1.0), text=text))
    bootstrap.start_history(con)
    data.clear()
    st.rerun()


def page_run() -> None:
    try:
        settings = load_settings()  # OVERSIGHT_PROVINCE names the province; an unknown value stops here
    except ProvinceError as exc:
        settings, problem = None, exc
    st.set_page_config(
        page_title="Kỷ luật, kỷ cương hành chính" + (f" — UBND {settings.province_label}" if settings else ""),
        page_icon="🏛️",
        layout="wide",
        initial_sidebar_state="auto",  # open on a computer, closed on a phone (it would cover the page)
    )
    chrome.vietnamese_chrome()  # Streamlit's own English words (upload box, Stop) in Vietnamese
    components.phone_layout()
    if settings is None:
        st.error(str(problem))
        st.stop()
    try:
        with data.page_session() as con, errors.contained("dashboard"):
            gated_run(con, settings)
    except ProvinceError as exc:  # the database was seeded for another province
        st.error(str(exc))
        st.stop()


def gated_run(con, settings: Settings) -> None:
    if not bootstrap.has_data(con) and bootstrap.demo_applies(settings):
        # the demo is Đồng Nai's: another province's empty database opens on its pages' empty state instead
        pages.gate(lambda: first_start(data.connection()), "Đang chuẩn bị dữ liệu")

    history_loading = bootstrap.start_history(con)  # older demo months still loading (also after a restart midway)
    login.print_setup_link_once(con)
    who = login.principal(con)

    with access.acting_as(who):
        offered = pages.offered()
        if not offered:  # an account without a role: nothing to show (default deny)
            pages.gate(lambda: login.no_role(data.connection(), who), "Chưa được phân quyền")
        navigation = st.navigation(offered)

        with st.sidebar:
            st.markdown(f"### {settings.province_title}\nKỷ luật, kỷ cương hành chính")
        login.sidebar(con, who)
        st.session_state["filters"] = filters.sidebar()
        if bootstrap.is_demo(con) and who.source != "demo":
            st.sidebar.caption("Chế độ minh họa: dữ liệu giả lập")
        if (demo_retired := bootstrap.demo_retired_on(con)) is not None:
            components.demo_retired_notice(demo_retired)

        if history_loading and (loading := bootstrap.history_progress(con)) is not None:
            st.caption(bootstrap.history_caption(*loading))
        try:
            navigation.run()
        except access.AccessDenied as exc:
            st.error(str(exc))


# `streamlit run dashboard.py` imports this file once for `app` (Streamlit finds it by reading the file) and
# then runs it as the page script of every page view, as "__main__"; AppTest runs it the same way. `app` adds
# the login routes that set the HttpOnly session cookie (oversight/ui/server.py); service.start() makes the
# service's files its own and removes what an interrupted upload left.
if __name__ == "__main__":
    page_run()
else:
    server.prepare()
    service.start()
    app = st.App("dashboard.py", routes=server.routes())
