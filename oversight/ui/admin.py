"""The admin page's pieces: accounts, access settings and the audit log. Every change goes through
oversight.auth, which checks the permission and writes the audit row; this module only shows and asks."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import duckdb
import pandas as pd
import streamlit as st

from oversight import access, clock
from oversight import formatting as fmt
from oversight.auth import audit, audit_words, policy, users
from oversight.ui import components
from oversight.units.browse import unit_choices

NO_ROLE = "(chưa phân quyền)"
ROLE_OPTIONS = [*access.ROLES, None]


def _role_label(role: str | None) -> str:
    return access.ROLE_LABELS.get(role, NO_ROLE) if role else NO_ROLE


def _local_text(stamps: pd.Series, pattern: str = "%d/%m/%Y %H:%M") -> list[str]:
    """UTC instants as local (Asia/Ho_Chi_Minh) text, blank when missing."""
    return ["" if pd.isna(v) else v.strftime(pattern) for v in clock.local_series(stamps)]


def _done(message: str) -> None:
    st.session_state["admin_notice"] = message
    st.rerun()


def accounts(con: duckdb.DuckDBPyConnection) -> None:
    notice = st.session_state.pop("admin_notice", None)
    if notice:
        st.success(components.plain(notice))
    table = users.list_users(con)
    units = unit_choices(con)
    shown = table.assign(
        role=table["role"].map(_role_label),
        unit=table["unit_id"].map(lambda u: units.get(int(u), "") if pd.notna(u) else ""),
        active=table["active"].map({True: "Đang dùng", False: "Đã khóa"}),
        last_login_at=_local_text(table["last_login_at"]),  # text: a never-used account shows blank, not «None»
        created_at=_local_text(table["created_at"]),
    )
    st.dataframe(
        components.no_missing(
            shown[["username", "display_name", "role", "unit", "active", "last_login_at", "created_at"]]
        ),
        column_config={
            "username": "Tên đăng nhập",
            "display_name": "Họ và tên",
            "role": "Vai trò",
            "unit": "Đơn vị",
            "active": "Trạng thái",
            "last_login_at": "Đăng nhập gần nhất",
            "created_at": "Ngày tạo",
        },
        hide_index=True,
        width="stretch",
    )
    left, right = st.columns(2)
    with left:
        _add_user(con, units)
    with right:
        _change_user(con, table, units)


def _unit_select(label: str, units: dict[int, str], key: str, current: int | None = None) -> int | None:
    options = [None, *units]
    index = options.index(current) if current in units else 0
    return st.selectbox(
        label,
        options,
        index=index,
        format_func=lambda u: "— (không gắn đơn vị)" if u is None else units[u],
        key=key,
    )


def _add_user(con: duckdb.DuckDBPyConnection, units: dict[int, str]) -> None:
    st.subheader("Thêm tài khoản")
    with st.form("add_user", clear_on_submit=True):
        username = st.text_input("Tên đăng nhập", key="add_username")
        display_name = st.text_input("Họ và tên", key="add_display_name")
        role = st.selectbox("Vai trò", ROLE_OPTIONS, format_func=_role_label, key="add_role")
        unit_id = _unit_select("Đơn vị (bắt buộc với lãnh đạo đơn vị)", units, "add_unit")
        password = st.text_input("Mật khẩu ban đầu (ít nhất 10 ký tự)", type="password", key="add_password")
        submitted = st.form_submit_button("Thêm", type="primary")
    if submitted:
        try:
            users.add_user(con, username, password, role, unit_id=unit_id, display_name=display_name or None)
        except ValueError as exc:
            st.error(components.plain(str(exc)))
        else:
            _done(f"Đã thêm tài khoản «{username.strip().lower()}».")


def _change_user(con: duckdb.DuckDBPyConnection, table: pd.DataFrame, units: dict[int, str]) -> None:
    st.subheader("Sửa tài khoản")
    if table.empty:
        st.caption("Chưa có tài khoản nào.")
        return
    username = st.selectbox("Tài khoản", table["username"].tolist(), key="edit_username")
    row = table[table["username"] == username].iloc[0]
    current_unit = int(row["unit_id"]) if pd.notna(row["unit_id"]) else None
    role = st.selectbox(
        "Vai trò",
        ROLE_OPTIONS,
        index=ROLE_OPTIONS.index(row["role"] if pd.notna(row["role"]) else None),
        format_func=_role_label,
        key=f"edit_role_{username}",
    )
    unit_id = _unit_select("Đơn vị", units, f"edit_unit_{username}", current_unit)
    try:
        if st.button("Lưu vai trò", key="save_role"):
            users.set_role(con, username, role, unit_id=unit_id)
            _done(f"Đã đổi vai trò của «{username}».")
        password = st.text_input("Đặt lại mật khẩu", type="password", key=f"reset_{username}")
        if st.button("Đặt lại mật khẩu", key="reset_password", disabled=not password):
            users.set_password(con, username, password)
            _done(f"Đã đặt lại mật khẩu của «{username}».")
        if bool(row["active"]):
            if st.button("Khóa tài khoản", key="disable_user"):
                users.disable_user(con, username)
                _done(f"Đã khóa tài khoản «{username}».")
        elif st.button("Mở khóa tài khoản", key="enable_user"):
            users.enable_user(con, username)
            _done(f"Đã mở khóa tài khoản «{username}».")
    except ValueError as exc:
        st.error(components.plain(str(exc)))


def access_settings(con: duckdb.DuckDBPyConnection) -> None:
    current = policy.get_policy(con)
    with st.form("policy"):
        public_demo = st.checkbox(
            "Cho xem công khai khi chỉ có dữ liệu minh họa (không cần đăng nhập)",
            value=current.public_demo,
            key="policy_public_demo",
        )
        aggregates = st.radio(
            "Lãnh đạo đơn vị được xem số liệu tổng hợp (xếp hạng) của",
            ["all", "own"],
            index=["all", "own"].index(current.unit_viewer_aggregates),
            format_func={"all": "mọi đơn vị", "own": "chỉ đơn vị mình"}.get,
            horizontal=True,
            key="policy_aggregates",
        )
        st.caption("Danh sách chi tiết (hồ sơ, nhiệm vụ, phản ánh) luôn chỉ của đơn vị mình.")
        max_failed = st.number_input(
            "Số lần đăng nhập sai liên tiếp (cùng tên, cùng máy) trước khi tạm chặn",
            min_value=1,
            max_value=100,
            value=current.max_failed_logins,
            key="policy_max_failed",
        )
        lockout = st.number_input(
            "Thời gian tạm chặn lần đầu (phút; gấp đôi sau mỗi lần sai tiếp theo)",
            min_value=1,
            max_value=1440,
            value=current.lockout_minutes,
            key="policy_lock",
        )
        hours = st.number_input(
            "Phiên đăng nhập hết hạn sau (giờ)", min_value=1, max_value=720, value=current.session_hours, key="policy_h"
        )
        submitted = st.form_submit_button("Lưu cấu hình", type="primary")
    if submitted:
        try:
            policy.set_policy(
                con,
                public_demo=public_demo,
                unit_viewer_aggregates=aggregates,
                max_failed_logins=int(max_failed),
                lockout_minutes=int(lockout),
                session_hours=int(hours),
            )
        except ValueError as exc:
            st.error(components.plain(str(exc)))
        else:
            st.success("Đã lưu cấu hình.")


def audit_log(con: duckdb.DuckDBPyConnection) -> None:
    left, middle, right = st.columns(3)
    today = clock.local_today()  # the province's day: after 17:00 UTC it is tomorrow there
    since = left.date_input("Từ ngày", value=today - timedelta(days=30), format="DD/MM/YYYY", key="audit_from")
    until = middle.date_input("Đến ngày", value=today, format="DD/MM/YYYY", key="audit_to")
    actions = [None, *audit.ACTION_LABELS]
    action = right.selectbox(
        "Hoạt động",
        actions,
        format_func=lambda a: "Tất cả" if a is None else audit.ACTION_LABELS[a],
        key="audit_action",
    )
    start = clock.utc_from_local(datetime.combine(since, time()))
    end = clock.utc_from_local(datetime.combine(until + timedelta(days=1), time()))
    events = audit.events(con, since=start, until=end, action=action)
    if events.empty:
        st.info("Không có hoạt động nào trong khoảng thời gian này.")
        return
    shown = audit_words.readable(events, unit_choices(con))
    st.dataframe(components.no_missing(shown), hide_index=True, width="stretch")
    st.caption(f"{fmt.number(len(shown))} hoạt động, mới nhất trước.")
