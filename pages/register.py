"""Sổ theo dõi nhắc nhở, phê bình: the register of units reminded or criticised (directive 9788/UBND-HCTC), its
filterable list, recording by hand and withdrawing (admins, uploaders), and the CCHC scoring workbook."""

import streamlit as st

from oversight.ui import reminders as reminders_ui
from oversight.ui.guard import through_the_gate

through_the_gate()

st.title("Sổ theo dõi nhắc nhở, phê bình")
st.caption(
    "Các đơn vị, địa phương bị nhắc nhở, phê bình, yêu cầu kiểm điểm vì chậm thực hiện nhiệm vụ, giải quyết hồ sơ, "
    "xử lý phản ánh (Văn bản 9788/UBND-HCTC: Sở Nội vụ theo dõi, tổng hợp), làm căn cứ chấm điểm chỉ số CCHC."
)
reminders_ui.register_page(st.session_state.get("filters"))
