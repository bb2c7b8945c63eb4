"""The sidebar filters every page shares, kept in the URL so a view can be bookmarked and sent on.

URL parameters: period (a period id such as m2025-10, q2025-3, c2025-10-01_2025-10-31), group
(all|department|district|commune), units (reported|today) and field (a field, lĩnh vực, as the data stores
it; absent = every field).
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from oversight import clock, periods
from oversight.periods import Period
from oversight.text import clean
from oversight.ui import components, data

KIND_LABELS = {
    "month": "Tháng",
    "quarter": "Quý",
    "half": "6 tháng",
    "year": "Năm",
    "ytd": "Lũy kế từ đầu năm",
    "custom": "Tùy chọn",
}
GROUP_LABELS = {
    "all": "Tất cả đơn vị",
    "department": "Sở, ban, ngành",
    "district": "Cấp huyện (trước 1/7/2025)",
    "commune": "Cấp xã",
}
UNITS_LABELS = {"reported": "Như khi báo cáo", "today": "Theo đơn vị hiện nay"}
ALL_FIELDS = ""  # the field option meaning every field
MAX_FIELD_CHARS = 200  # a field named in a link is cut to this (real field names are a few words)
ALL_FIELDS_LABEL = "Tất cả lĩnh vực"


@dataclass(frozen=True)
class Filters:
    period: Period
    group: str
    units: str
    field: str | None = None  # None: every field

    @property
    def group_label(self) -> str:
        return GROUP_LABELS[self.group]

    @property
    def field_label(self) -> str:
        """ "Lĩnh vực: Đất đai" when one field is chosen, else empty (for page subtitles, which are Markdown: the
        field comes from the URL, a link anybody can write, so it is escaped to show as written, never as a link,
        an image or a style)."""
        return f"Lĩnh vực: {components.plain(self.field)}" if self.field else ""

    def subtitle(self, *parts: str) -> str:
        """The parts of a page subtitle joined by " · ", with the chosen field last when there is one."""
        return " · ".join(p for p in (*parts, self.field_label) if p)


def _from_url(cutoff: str, default: Period) -> None:
    """Seed the widgets' state from the URL the first time a session renders them."""
    if "f_kind" in st.session_state:
        return
    qp = st.query_params
    period = default
    if qp.get("period"):
        try:
            period = periods.parse_period_id(qp["period"], cutoff)
        except ValueError:
            period = default
        if not periods.is_usable_period(period):  # a year typed wrong in a link (c9999-12-01_9999-12-31)
            period = default
    st.session_state.f_kind = period.kind
    st.session_state.f_period = period.id
    st.session_state.f_custom = (period.start, period.end)
    group = qp.get("group", "all")
    st.session_state.f_group = group if group in GROUP_LABELS else "all"
    units = qp.get("units", "reported")
    st.session_state.f_units = units if units in UNITS_LABELS else "reported"
    st.session_state.f_field = clean(qp.get("field", ALL_FIELDS))[:MAX_FIELD_CHARS]


_ASKED_UNITS = "f_units_asked"


def ask_units(units: str) -> None:
    """Switch the view of units (reported|today) at the next page run: a widget's value cannot change once drawn
    in the run, so the wish waits in the session until the sidebar draws the radio again."""
    if units in UNITS_LABELS:
        st.session_state[_ASKED_UNITS] = units


def sidebar() -> Filters | None:
    """Draw the shared filters; None when there is no data yet."""
    first, last = data.call("data_range")
    if first is None or last is None:
        return None
    cutoff = periods.settings_cutoff()
    offered = periods.offered_periods(first, last, cutoff)
    default = periods.default_period(last, cutoff)
    _from_url(cutoff, default)
    if (asked := st.session_state.pop(_ASKED_UNITS, None)) in UNITS_LABELS:
        st.session_state.f_units = asked

    with st.sidebar:
        st.markdown("**Kỳ báo cáo**")
        kind = st.selectbox("Loại kỳ", list(KIND_LABELS), format_func=KIND_LABELS.get, key="f_kind")
        if kind == "custom":
            picked = st.date_input(
                "Từ ngày – đến ngày",
                key="f_custom",
                min_value=first,
                max_value=max(last, clock.local_today()),
                format="DD/MM/YYYY",
            )
            start, end = picked if isinstance(picked, tuple) and len(picked) == 2 else (first, last)
            period = periods.period_for_range(start, end, cutoff)  # a range that is a month is that month
        else:
            choices = offered[kind] or [default]
            ids = [p.id for p in choices]
            by_id = {p.id: p for p in choices}
            if st.session_state.get("f_period") not in by_id:
                st.session_state.f_period = ids[0]
            chosen = st.selectbox("Kỳ", ids, format_func=lambda i: by_id[i].label, key="f_period")
            period = by_id[chosen]
        st.caption(f"Từ {period.start:%d/%m/%Y} đến {period.end:%d/%m/%Y}")
        group = st.selectbox("Nhóm đơn vị", list(GROUP_LABELS), format_func=GROUP_LABELS.get, key="f_group")
        field = _field_select(period)
        units = st.radio(
            "Đơn vị hành chính",
            list(UNITS_LABELS),
            format_func=UNITS_LABELS.get,
            key="f_units",
            help="«Theo đơn vị hiện nay» cộng số liệu trước 1/7/2025 của các xã cũ vào xã, phường mới.",
        )

    st.query_params["period"] = period.id
    st.query_params["group"] = group
    st.query_params["units"] = units
    if field:
        st.query_params["field"] = field
    elif "field" in st.query_params:
        del st.query_params["field"]
    return Filters(period=period, group=group, units=units, field=field or None)


def _field_select(period: Period) -> str:
    """The field selectbox: every field first, then the fields with items in the period, largest first (a
    field kept from the URL or an earlier period stays offered, and then shows zeros)."""
    listed = data.frame("field_list", period=period)
    fields = listed["field"].tolist() if not listed.empty else []
    totals = dict(zip(fields, listed["total"], strict=True)) if fields else {}
    current = st.session_state.get("f_field") or ALL_FIELDS
    options = [ALL_FIELDS, *fields, *([current] if current and current not in fields else [])]
    st.session_state.f_field = current

    def label(value: str) -> str:
        if not value:
            return ALL_FIELDS_LABEL
        return f"{value} ({totals[value]:,})".replace(",", ".") if value in totals else value

    return st.selectbox("Lĩnh vực", options, format_func=label, key="f_field")
