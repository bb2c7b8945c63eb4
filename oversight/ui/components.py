"""Small rendering pieces shared by the pages. Text from data is never rendered as HTML."""

from __future__ import annotations

import html
from datetime import date

import pandas as pd
import streamlit as st

from oversight import bootstrap

_LIGHT = {"green": "#2E7D32", "amber": "#C77700", "red": "#B3261E", "grey": "#8A8A8A"}
_LIGHT_WORD = {"green": "Đạt mục tiêu", "amber": "Cần chú ý", "red": "Vượt ngưỡng", "grey": "Chưa có số liệu"}


def kpi(
    label: str,
    value: str,
    delta: str | None,
    light: str | None,
    help_text: str | None = None,
    note: str | None = None,
    compare: bool = True,
) -> None:
    """A KPI card: the figure, its change against the previous period (lower is better) and, for a figure
    with a target, a traffic light; a count without a target gets no light."""
    colour = _LIGHT[light] if light else "#1F5AA6"
    status = f"<div style='font-size:0.8rem;color:{colour}'>● {_LIGHT_WORD[light]}</div>" if light else ""
    with st.container(border=True):
        st.markdown(
            f"<div style='border-left:6px solid {colour};padding-left:10px'>"
            f"<div style='font-size:0.9rem;color:#444'>{html.escape(label)}</div>"
            f"<div style='font-size:1.9rem;font-weight:700;line-height:1.3'>{html.escape(value)}</div>"
            f"{status}</div>",
            unsafe_allow_html=True,
            help=help_text,
        )
        if delta is not None:
            st.caption(f"So với kỳ trước: {delta}")
        elif compare:
            st.caption("So với kỳ trước: chưa có số liệu")
        if note:
            st.caption(note)


def demo_banner() -> None:
    st.info(
        "Đây là **dữ liệu minh họa** của một tỉnh giả lập trên danh mục đơn vị thật của tỉnh Đồng Nai; "
        "các con số không phải số liệu thực tế.",
        icon="ℹ️",
    )


def demo_retired_notice(day: date) -> None:
    """In the sidebar, once the first real upload has taken the demo out of the figures (bootstrap.demo_retired_on)."""
    st.sidebar.caption(bootstrap.demo_retired_notice(day))


def empty_state(what: str) -> None:
    st.warning(f"Chưa có số liệu {what} trong kỳ này. Hãy tải lên tệp xuất từ hệ thống ở trang **Tải dữ liệu**.")


_MARKDOWN_SPECIAL = "\\`*_{}[]()#+-.!|<>~$:"


def plain(text: object) -> str:
    """Text from a file or a user, escaped so Streamlit's Markdown shows it as written (no links, images,
    HTML or formatting smuggled in through a cell or a file name)."""
    out = []
    for ch in str(text):
        out.append("\\" + ch if ch in _MARKDOWN_SPECIAL else ch)
    return "".join(out).replace("\n", "  \n")


def no_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its missing values (None, NaN, NaT) as empty text: Streamlit's table draws a missing cell
    as the English «None». Only the columns that miss a value change (to text)."""
    out = frame.copy()
    for column in out.columns:
        missing = out[column].isna()
        if missing.any():
            out[column] = out[column].astype(object).where(~missing, "")
    return out
