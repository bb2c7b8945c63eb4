"""The login gate: who is using this session, or the login / first-admin forms when nobody is.

`principal(con)` returns the principal the pages run as (oversight.access), or stops the script after showing
the form that lets somebody in:
- a logged-in user: a server-side login session (oversight.auth.sessions) named by the browser's HttpOnly
  cookie (set by the login route, oversight.ui.server, so a reload or another tab stays logged in), or by the
  id this Streamlit session keeps after its own login form; validated on every run (not logged out, not
  revoked by disabling the account or changing its password, within the policy's session_hours), and the
  account re-read, so a role change takes effect at once;
- the public demo visitor: while the database holds only the bundled demo data and the policy allows it,
  anybody may look (read-only, as a leader) under a clear label;
- `?setup=<token>`: the one-time link printed on the server console when no admin exists yet;
- single sign-on (Streamlit's OIDC `st.login`) when the deployment configures a provider in
  .streamlit/secrets.toml ([auth]): the provider proves who somebody is, the local account of that e-mail
  address says what they may do (users.sso_login).
"""

from __future__ import annotations

import json

import duckdb
import streamlit as st

from oversight import access, bootstrap
from oversight.auth import audit, policy, sessions, setup, users
from oversight.config import load_settings
from oversight.ui import client, navigation, server

SESSION_KEY = "auth_session_id"  # the login session this Streamlit session opened or validated
HANDOFF_KEY = "auth_handoff"  # a login's one-time code, until the browser has handed it to the login route
CLEAR_COOKIE_KEY = "auth_clear_cookie"
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


def cookie() -> str | None:
    """The login session cookie the browser sent when it opened this page (HttpOnly: scripts never see it)."""
    return st.context.cookies.get(sessions.COOKIE_NAME)


def _logged_in(con: duckdb.DuckDBPyConnection, settings: policy.Policy) -> users.User | None:
    """The user of this session's live login session (the id it keeps, else the browser's cookie), or None."""
    kept = st.session_state.get(SESSION_KEY)
    live = None
    if kept is not None:
        live = sessions.validate(con, session_id=int(kept), policy=settings)
        if live is None:
            _forget()
            st.session_state["auth_notice"] = "Phiên làm việc đã kết thúc; xin đăng nhập lại."
    elif (sent := cookie()) and not st.session_state.get(CLEAR_COOKIE_KEY):
        live = sessions.validate(con, cookie=sent, policy=settings)
    if live is None:
        return None
    user = users.get_user(con, live.user_id)
    if user is None or not user.active:
        _forget()
        return None
    st.session_state[SESSION_KEY] = live.session_id
    return user


def _open_session(con: duckdb.DuckDBPyConnection, user: users.User) -> None:
    """Log this Streamlit session in, and have the browser collect the session's cookie (when served)."""
    started = sessions.start(con, user.user_id, client=st.context.headers.get("user-agent"))
    st.session_state[SESSION_KEY] = started.session_id
    if server.serving():
        st.session_state[HANDOFF_KEY] = started.handoff


def _reload_with_cookie() -> None:
    """Right after a login, when served: the browser collects the cookie and reloads the page at its address;
    nothing else is drawn on this run (the reload draws the page)."""
    if server.serving():
        st.caption("Đang mở phiên làm việc…")
        cookie_handoff()
        st.stop()


def _post_from_browser(path: str, fields: dict[str, str], key: str) -> None:
    """Have the browser post `fields` (plus next: the address it shows) to one of oversight.ui.server's routes,
    a top-level navigation so the answer's cookie is set; the route answers with a redirect back."""
    data = json.dumps(fields).replace("</", "<\\/")
    st.html(
        f"""<script>(() => {{
  const form = document.createElement("form");
  form.method = "POST"; form.action = {json.dumps(path)}; form.style.display = "none";
  const fields = {data};
  const query = new URLSearchParams(window.location.search);
  query.delete("setup");  // a used first-admin link
  fields.next = window.location.pathname + (query.size ? "?" + query : "");
  for (const [name, value] of Object.entries(fields)) {{
    const input = document.createElement("input");
    input.type = "hidden"; input.name = name; input.value = value; form.appendChild(input);
  }}
  document.body.appendChild(form); form.submit();
}})();</script><span data-oversight="{key}"></span>""",
        unsafe_allow_javascript=True,
    )


def cookie_handoff() -> None:
    """After a login in this tab: the browser collects the session cookie (the page then reloads itself at
    the same address, filters included). Called on the first logged-in run."""
    handoff = st.session_state.pop(HANDOFF_KEY, None)
    if handoff and server.serving():
        _post_from_browser(server.COLLECT_PATH, {"t": handoff}, "handoff")


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
    _open_session(con, user)
    st.session_state["auth_via_sso"] = True
    return user


def _forget() -> None:
    for key in (SESSION_KEY, HANDOFF_KEY):
        st.session_state.pop(key, None)


def _logout(con: duckdb.DuckDBPyConnection, who: access.Principal) -> None:
    """End the login session (in the database, so every tab and reload is logged out on its next run) and
    have the browser drop the cookie."""
    kept = st.session_state.get(SESSION_KEY)
    sessions.revoke(con, session_id=None if kept is None else int(kept), cookie=cookie())
    audit.record(con, audit.LOGOUT, target=who.name)
    _forget()
    if server.serving() and cookie():
        st.session_state[CLEAR_COOKIE_KEY] = True


def _login_form(con: duckdb.DuckDBPyConnection) -> None:
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        st.title("Đăng nhập")
        st.caption(f"Hệ thống theo dõi kỷ luật, kỷ cương hành chính — UBND {load_settings().province_label}")
        if st.session_state.pop(CLEAR_COOKIE_KEY, False):
            _post_from_browser(server.LOGOUT_PATH, {}, "logout")
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
                user = users.authenticate(con, username, password, client=client.address())
            except users.LoginError as exc:
                st.error(str(exc))
            else:
                _open_session(con, user)
                st.session_state.pop(WANTS_LOGIN, None)
                _reload_with_cookie()
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
        _open_session(con, user)
        st.query_params.pop("setup", None)
        _reload_with_cookie()
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
    cookie_handoff()
    if st.sidebar.button("Đăng xuất", key="sidebar_logout"):
        _logout(con, who)
        if st.session_state.pop("auth_via_sso", False):
            st.logout()  # also forget the provider's identity cookie, or the next run logs straight back in
        st.rerun()


def no_role(con: duckdb.DuckDBPyConnection, who: access.Principal) -> None:
    """What an account without a role sees: nothing but that, and the way out."""
    cookie_handoff()
    st.title("Chưa được phân quyền")
    st.warning(
        f"Tài khoản «{who.name}» chưa được giao vai trò nào nên chưa xem được số liệu. "
        "Đề nghị quản trị hệ thống phân quyền."
    )
    if st.button("Đăng xuất", key="no_role_logout"):
        _logout(con, who)
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
