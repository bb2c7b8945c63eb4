"""The login gate: who is using this session, or the login / first-admin forms when nobody is.

`principal(con)` returns the principal the pages run as (oversight.access), or stops the script after showing
the form that lets somebody in:
- a logged-in user (session state holds the user id; the account is re-read on every run, so disabling it or
  changing its role takes effect at once, and a session ends after the policy's session_hours);
- the public demo visitor: while the database holds only the bundled demo data and the policy allows it,
  anybody may look (read-only, as a leader) under a clear label;
- `?setup=<token>`: the one-time link printed on the server console when no admin exists yet;
- single sign-on (Streamlit's OIDC `st.login`) when the deployment configures a provider in
  .streamlit/secrets.toml ([auth]): the provider proves who somebody is, the local account of that e-mail
  address says what they may do (users.sso_login).
"""

from __future__ import annotations

from datetime import datetime, timedelta

import duckdb
import streamlit as st

from oversight import access, bootstrap
from oversight.auth import audit, policy, setup, users
from oversight.config import load_settings
from oversight.ui import navigation

USER_KEY = "auth_user_id"
SINCE_KEY = "auth_since"
WANTS_LOGIN = "auth_wants_login"
DEMO_VISITOR = "khách"


def principal(con: duckdb.DuckDBPyConnection) -> access.Principal:
    """The principal of this session; shows the login (or first-admin) form and stops when there is none."""
    settings = policy.get_policy(con)
    token = st.query_params.get("setup")
    if token and setup.needs_setup(con):
        navigation.gate(lambda: _setup_form(con, token), "Tạo tài khoản quản trị")
    user = _logged_in(con, settings)
    if user is None and sso_configured():
        user = _sso_user(con)
    if user is not None:
        return users.principal_for(con, user)
    if settings.public_demo and bootstrap.is_demo(con) and not st.session_state.get(WANTS_LOGIN):
        return access.Principal(name=DEMO_VISITOR, role="leader", source="demo")
    navigation.gate(lambda: _login_form(con), "Đăng nhập")


def _logged_in(con: duckdb.DuckDBPyConnection, settings: policy.Policy) -> users.User | None:
    user_id = st.session_state.get(USER_KEY)
    if user_id is None:
        return None
    user = users.get_user(con, int(user_id))
    since = st.session_state.get(SINCE_KEY)
    expired = since is None or datetime.now() - since > timedelta(hours=settings.session_hours)
    if user is None or not user.active or expired:
        _forget()
        if expired and user is not None:
            st.session_state["auth_notice"] = "Phiên làm việc đã hết hạn; xin đăng nhập lại."
        return None
    return user


def sso_configured() -> bool:
    """True when the deployment configured an OIDC provider for st.login (an [auth] section in secrets)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def sso_identity() -> str | None:
    """The e-mail address the provider vouched for in this browser, or None."""
    if not st.user.is_logged_in:
        return None
    return st.user.get("email")


def _sso_user(con: duckdb.DuckDBPyConnection) -> users.User | None:
    """Log in the local account of the identity st.login established (once per session), or explain why not."""
    email = sso_identity()
    if email is None:
        return None
    try:
        user = users.sso_login(con, email)
    except users.LoginError as exc:
        st.error(str(exc))
        st.button("Đăng xuất khỏi tài khoản xác thực tập trung", on_click=st.logout, key="sso_logout")
        st.stop()
    st.session_state[USER_KEY] = user.user_id
    st.session_state[SINCE_KEY] = datetime.now()
    st.session_state["auth_via_sso"] = True
    return user


def _forget() -> None:
    for key in (USER_KEY, SINCE_KEY):
        st.session_state.pop(key, None)


def _login_form(con: duckdb.DuckDBPyConnection) -> None:
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        st.title("Đăng nhập")
        st.caption(f"Hệ thống theo dõi kỷ luật, kỷ cương hành chính — UBND {load_settings().province_label}")
        notice = st.session_state.pop("auth_notice", None)
        if notice:
            st.info(notice)
        with st.form("login", enter_to_submit=True, clear_on_submit=True):  # no password left in session state
            username = st.text_input("Tên đăng nhập", key="login_username")
            password = st.text_input("Mật khẩu", type="password", key="login_password")
            submitted = st.form_submit_button("Đăng nhập", type="primary")
        if submitted:
            st.session_state.pop("login_password", None)  # the password stays in no session state
            try:
                user = users.authenticate(con, username, password)
            except users.LoginError as exc:
                st.error(str(exc))
            else:
                st.session_state[USER_KEY] = user.user_id
                st.session_state[SINCE_KEY] = datetime.now()
                st.session_state.pop(WANTS_LOGIN, None)
                st.rerun()
        if sso_configured():
            st.button("Đăng nhập qua hệ thống xác thực tập trung của tỉnh", on_click=st.login, key="sso_login")
        if setup.needs_setup(con):
            st.warning(
                "Chưa có tài khoản quản trị. Mở liên kết thiết lập một lần được in ra ở cửa sổ dòng lệnh của máy "
                "chủ khi khởi động, hoặc trên máy chủ chạy: `python -m oversight users add <tên> --role admin`."
            )
        if st.session_state.get(WANTS_LOGIN) and st.button("Quay lại xem dữ liệu minh họa"):
            st.session_state.pop(WANTS_LOGIN, None)
            st.rerun()


def _setup_form(con: duckdb.DuckDBPyConnection, token: str) -> None:
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        st.title("Tạo tài khoản quản trị đầu tiên")
        st.caption("Liên kết này chỉ dùng được một lần và hết hạn sau 60 phút.")
        with st.form("setup", clear_on_submit=True):
            username = st.text_input("Tên đăng nhập", key="setup_username")
            display_name = st.text_input("Họ và tên", key="setup_display_name")
            password = st.text_input("Mật khẩu (ít nhất 10 ký tự)", type="password", key="setup_password")
            again = st.text_input("Nhập lại mật khẩu", type="password", key="setup_again")
            submitted = st.form_submit_button("Tạo tài khoản", type="primary")
        if not submitted:
            return
        for key in ("setup_password", "setup_again"):
            st.session_state.pop(key, None)  # no password stays in session state
        if password != again:
            st.error("Hai lần nhập mật khẩu không khớp.")
            return
        try:
            user = setup.complete_setup(con, token, username, password, display_name or None)
        except ValueError as exc:
            st.error(str(exc))
            return
        st.session_state[USER_KEY] = user.user_id
        st.session_state[SINCE_KEY] = datetime.now()
        st.query_params.pop("setup", None)
        st.rerun()


def sidebar(con: duckdb.DuckDBPyConnection, who: access.Principal) -> None:
    """Who is logged in, with the logout button; or the demo label with a login button."""
    if who.source == "demo":
        st.sidebar.info(
            "**Chế độ trình diễn công khai**: dữ liệu minh họa, chỉ xem. "
            "Dữ liệu thật chỉ hiện sau khi đăng nhập và tải lên."
        )
        if st.sidebar.button("Đăng nhập", key="sidebar_login"):
            st.session_state[WANTS_LOGIN] = True
            st.rerun()
        return
    role = access.ROLE_LABELS.get(who.role or "", "chưa được phân quyền")
    st.sidebar.caption(f"Đăng nhập: **{who.name}** — {role}")
    if st.sidebar.button("Đăng xuất", key="sidebar_logout"):
        audit.record(con, audit.LOGOUT, target=who.name)
        _forget()
        if st.session_state.pop("auth_via_sso", False):
            st.logout()  # also forget the provider's identity cookie, or the next run logs straight back in
        st.rerun()


def no_role(con: duckdb.DuckDBPyConnection, who: access.Principal) -> None:
    """What an account without a role sees: nothing but that, and the way out."""
    st.title("Chưa được phân quyền")
    st.warning(
        f"Tài khoản «{who.name}» chưa được giao vai trò nào nên chưa xem được số liệu. "
        "Đề nghị quản trị hệ thống phân quyền."
    )
    if st.button("Đăng xuất", key="no_role_logout"):
        audit.record(con, audit.LOGOUT, target=who.name)
        _forget()
        st.rerun()


def print_setup_link_once(con: duckdb.DuckDBPyConnection) -> None:
    """When no admin exists, print a one-time setup link on the server console (once per server process)."""
    if setup.needs_setup(con):
        _setup_link(str(st.get_option("server.port") or 8501), con)


@st.cache_resource(show_spinner=False)
def _setup_link(port: str, _con: duckdb.DuckDBPyConnection) -> str:
    with access.acting_as(access.system()):  # the server itself, before anybody can log in
        token = setup.issue_setup_token(_con)
    url = setup.setup_url(token, base=f"http://localhost:{port}")
    print(
        "\nOversight: chưa có tài khoản quản trị. Mở liên kết sau (dùng một lần, hết hạn sau 60 phút) để tạo:\n"
        f"  {url}\n"
        "hoặc chạy: python -m oversight users add <tên đăng nhập> --role admin\n",
        flush=True,
    )
    return url
