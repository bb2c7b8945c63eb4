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
            f"<div class='ov-kpi' style='border-left:6px solid {colour};padding-left:10px'>"
            f"<div class='ov-kpi-label' style='font-size:0.9rem;color:#444'>{html.escape(label)}</div>"
            f"<div class='ov-kpi-value' style='font-size:1.9rem;font-weight:700;line-height:1.3'>{html.escape(value)}</div>"
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


# On a phone (Streamlit stacks columns below 640 px), KPI cards sit two to a row, smaller, with their long note left
# to the card's help tooltip, so that the overview's five fit in about one screen (390 × 844). The cards are found by
# the ov-kpi class kpi() gives them; the first caption under the figure (the change) stays. The brief's two buttons
# (the container keyed brief_buttons in oversight/ui/downloads.py) sit side by side too; no other block is touched,
# since a chart in a squeezed column would be cut off.
PHONE_CSS = """
<style>
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding-top: 3.2rem !important; }
  [data-testid="stMainBlockContainer"] h1 { font-size: 1.7rem !important; padding: 0.2rem 0 !important; }
  [data-testid="stAlert"] p { font-size: 0.85rem !important; }
  [data-testid="stHorizontalBlock"]:has(.ov-kpi),
  .st-key-brief_buttons [data-testid="stHorizontalBlock"] {
    flex-flow: row wrap !important; gap: 0.4rem !important;
  }
  [data-testid="stHorizontalBlock"]:has(.ov-kpi) > [data-testid="stColumn"],
  .st-key-brief_buttons [data-testid="stHorizontalBlock"] > [data-testid="stColumn"] {
    flex: 1 1 calc(50% - 0.4rem) !important; width: calc(50% - 0.4rem) !important;
    min-width: calc(50% - 0.4rem) !important;
  }
  .st-key-brief_buttons [data-testid="stDownloadButton"] button { width: 100%; padding: 0.2rem 0.4rem; }
  .st-key-brief_buttons [data-testid="stDownloadButton"] p { font-size: 0.8rem !important; }
  [data-testid="stColumn"]:has(.ov-kpi) [data-testid="stVerticalBlock"]:has(> [data-testid="stElementContainer"] .ov-kpi)
      > [data-testid="stElementContainer"]:nth-child(n+3) { display: none !important; }
  [data-testid="stColumn"]:has(.ov-kpi) [data-testid="stVerticalBlockBorderWrapper"],
  [data-testid="stColumn"]:has(.ov-kpi) > div > [data-testid="stVerticalBlock"] { padding: 0.5rem !important; }
  [data-testid="stColumn"]:has(.ov-kpi) [data-testid="stCaptionContainer"] p { font-size: 0.72rem !important; }
  .ov-kpi .ov-kpi-label { font-size: 0.74rem !important; line-height: 1.2; }
  .ov-kpi .ov-kpi-value { font-size: 1.3rem !important; line-height: 1.2 !important; }
}
</style>
"""


def phone_layout() -> None:
    """The page's styles for small screens (PHONE_CSS); once per page run."""
    st.html(PHONE_CSS)
