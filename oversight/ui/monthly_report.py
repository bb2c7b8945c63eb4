"""«Báo cáo tháng» on the brief page: choose a month, download the monthly report for the Chairman's working group
(oversight.monthly_report) as Word or PDF. The files are built when a button is clicked, as whoever sees it,
and audited (oversight.exports). The report is of the whole province: an account that sees only its own unit
is told so instead of offered buttons."""

from __future__ import annotations

import streamlit as st

from oversight import access, exports, monthly_report, periods
from oversight.config import load_settings
from oversight.ui import data
from oversight.ui.downloads import DOCX, _as_viewer

MONTH_KEY = "monthly_report_month"


def _months(filters) -> tuple[list[periods.Period], int]:
    """The months with data, newest first, and the index of the one to offer first: the page's period when it is
    a month, else the last month that has ended (the newest month is usually still running)."""
    settings = load_settings()
    first, last = data.call("data_range")
    months = periods.offered_periods(first, last, settings.period_cutoff)["month"]
    if not months:
        return [], 0
    ids = [p.id for p in months]
    if filters is not None and filters.period.kind == "month" and filters.period.id in ids:
        return months, ids.index(filters.period.id)
    ended = monthly_report.previous_month(periods.latest_plausible(), settings)
    return months, ids.index(ended.id) if ended.id in ids else 0


def section(filters) -> None:
    """The «Báo cáo tháng» section: a month picker and the Word and PDF downloads."""
    kind = load_settings().province_kind
    title = f"Báo cáo tháng (Word, PDF) cho Tổ công tác của Chủ tịch UBND {kind}"
    with st.expander(title, expanded=False, icon=":material/event_note:"):
        principal = access.current()
        if principal is None or not principal.can(access.EXPORT) or principal.units is not None:
            st.caption(f"Báo cáo tháng tổng hợp toàn {kind} chỉ lập được bằng tài khoản xem toàn {kind}.")
            return
        st.caption(
            "Báo cáo định kỳ hằng tháng về kỷ luật, kỷ cương hành chính: các chỉ số chính, đơn vị có điểm thấp "
            "nhất và giảm điểm nhiều nhất theo từng nhóm, nhiệm vụ chưa hoàn thành theo đơn vị chủ trì, các đơn "
            "vị bị nhắc nhở, phê bình trong tháng."
        )
        months, index = _months(filters)
        if not months:
            st.caption("Chưa có số liệu để lập báo cáo tháng.")
            return
        by_id = {p.id: p for p in months}
        chosen = st.selectbox(
            "Tháng báo cáo", list(by_id), index=index, format_func=lambda i: by_id[i].label, key=MONTH_KEY
        )
        period = by_id[chosen]
        stem = monthly_report.file_stem(period)
        left, right = st.columns(2)
        left.download_button(
            "Báo cáo tháng (Word)",
            data=_as_viewer(lambda: exports.monthly_report_docx(data.connection(), period)),
            file_name=f"{stem}.docx",
            mime=DOCX,
            on_click="ignore",
            icon=":material/description:",
            key="monthly_report_docx",
        )
        right.download_button(
            "Báo cáo tháng (PDF)",
            data=_as_viewer(lambda: exports.monthly_report_pdf(data.connection(), period)),
            file_name=f"{stem}.pdf",
            mime="application/pdf",
            on_click="ignore",
            icon=":material/picture_as_pdf:",
            key="monthly_report_pdf",
        )
