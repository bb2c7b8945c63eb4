"""Quản trị: accounts, access settings and the audit log (admins; the functions below refuse anybody else)."""

import streamlit as st

from oversight import access
from oversight.ui import admin, data
from oversight.ui.guard import through_the_gate

through_the_gate()

st.title("Quản trị hệ thống")
con = data.connection()
tabs = st.tabs(["Tài khoản", "Cấu hình truy cập", "Nhật ký hệ thống"])
with tabs[0]:
    if access.may(access.MANAGE_USERS):
        admin.accounts(con)
    else:
        st.info("Chỉ quản trị hệ thống được quản lý tài khoản.")
with tabs[1]:
    if access.may(access.MANAGE_SETTINGS):
        admin.access_settings(con)
    else:
        st.info("Chỉ quản trị hệ thống được thay đổi cấu hình.")
with tabs[2]:
    admin.audit_log(con)
