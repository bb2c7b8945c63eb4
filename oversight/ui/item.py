"""The item page (pages/item.py) and the «Xem» link column every list of items carries to it.

Everything read from a file or a URL is shown as text: dataframes, st.text, or Markdown escaped by
components.plain; the page's own words around it are ours."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from oversight import items, tables
from oversight.ui import chrome, components, data

PAGE_TITLE = "Chi tiết mục"
_KEPT = ("period", "group", "units", "field")  # the reader's filters, carried to the item page


def kept_filters() -> dict[str, str]:
    """The shared filters as the current page's address holds them (the sidebar writes them there)."""
    return {k: str(st.query_params[k]) for k in _KEPT if st.query_params.get(k)}


def with_links(frame: pd.DataFrame, kind: str, columns: list[str]) -> tuple[pd.DataFrame, dict]:
    """An item list as tables.present shows it, with a first column «Chi tiết» linking each row to its item's page
    (opened in a new tab, keeping the reader's period), and the column_config st.dataframe needs for it."""
    shown = tables.present(frame, columns)
    shown.insert(0, items.LINK_TITLE, items.links(frame.reset_index(drop=True), kind, kept_filters()))
    config = {
        items.LINK_TITLE: st.column_config.LinkColumn(
            items.LINK_TITLE, display_text=items.LINK_TEXT, help="Mở trang chi tiết của mục này", width="small"
        )
    }
    return shown, config


def without_links(shown: pd.DataFrame) -> pd.DataFrame:
    """The same list for a download: the link column dropped."""
    return shown.drop(columns=[items.LINK_TITLE], errors="ignore")


def _table(frame: pd.DataFrame) -> None:
    """A two-column fact table shown whole (no inner scroll): 35 px a row and the header."""
    st.dataframe(frame, hide_index=True, width="stretch", height=35 * (len(frame) + 1) + 3)


def _params() -> Mapping[str, str | None]:
    return {k: st.query_params.get(k) for k in ("loai", "ma", "tai", "dong")}


_BOX = {
    "resolved_late": st.error,
    "pending_overdue": st.error,
    "resolved_early": st.success,
    "resolved_on_time": st.success,
    "pending_on_time": st.info,
}


def render() -> None:
    try:
        ref = items.parse_link(_params())
    except items.LinkError as exc:
        st.title(PAGE_TITLE)
        st.error(str(exc))
        return
    con = data.connection()
    candidates = items.find(con, ref)
    if not candidates:
        st.title(PAGE_TITLE)
        st.error(items.NOT_FOUND)
        return
    if len(candidates) > 1:
        _choose(ref, candidates)
        return
    filters = st.session_state.get("filters")
    now = items.province_now()
    if filters is not None:
        as_of, reason = filters.period.end, f"cuối kỳ {filters.period.label} chọn ở thanh bên"
    else:
        as_of, reason = now.date(), "hôm nay"
    item = items.load(con, ref.kind, candidates[0], as_of, reason, now.date())
    if item is None:
        st.title(PAGE_TITLE)
        st.error(items.NOT_FOUND)
        return
    _show(item, now)


def _choose(ref: items.ItemRef, candidates: list[items.Candidate]) -> None:
    """A document that assigns several tasks: one line per task, each linking to its own page."""
    st.title(components.plain(f"Văn bản {ref.code}"))
    st.caption(f"Văn bản này giao {len(candidates)} nhiệm vụ; chọn một nhiệm vụ để xem chi tiết.")
    frame = pd.DataFrame(
        {
            items.LINK_TITLE: [
                items.link(ref.kind, c.item_code, c.upload_id, c.source_row, kept_filters()) for c in candidates
            ],
            "Nội dung": [c.title for c in candidates],
            "Lần tải lên, dòng": [f"{c.upload_id}, dòng {c.source_row}" for c in candidates],
        }
    )
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        column_config={items.LINK_TITLE: st.column_config.LinkColumn(items.LINK_TITLE, display_text=items.LINK_TEXT)},
    )


def _show(item: items.Item, now) -> None:
    st.title(components.plain(item.heading))
    unit = item.record.get("registry_unit_name") or item.record.get("reported_unit_name") or ""
    st.caption(components.plain(f"{items.KIND_TITLES[item.kind]} · {unit}"))
    if not item.candidate.is_counted:
        st.warning("Dòng này thuộc một lần tải lên không còn hiệu lực: mục không được tính vào số liệu.")

    st.subheader("Phân loại")
    box = _BOX.get(item.outcome or "", st.warning)
    box(components.plain(items.explanation(item)))
    if item.classification is not None:
        st.caption(
            f"Phân loại tính đến hết ngày {item.as_of:%d/%m/%Y}, như mọi số liệu và danh sách của kỳ: có đủ ngày thì "
            "ngày quyết định, thiếu ngày thì trạng thái ghi trong tệp quyết định. Chọn kỳ khác ở thanh bên để xem "
            "phân loại ở kỳ đó."
        )
    status = item.record.get("status_text")
    st.markdown("**Trạng thái ghi trong tệp**")
    st.text(status if status else "(để trống)")
    warnings = items.warnings_frame(item)
    if not warnings.empty:
        st.markdown("**Cảnh báo dữ liệu của dòng này**")
        st.dataframe(warnings, hide_index=True, width="stretch")

    st.subheader("Các mốc thời gian")
    line = items.timeline(item, now)
    chrome.chart(items.timeline_chart(line), key="item_timeline")
    st.caption(
        "Giờ theo tệp xuất (giờ Việt Nam). Đoạn màu đỏ: từ hạn xử lý đến ngày hoàn thành, hoặc đến hôm nay khi "
        "chưa hoàn thành."
    )

    st.subheader("Thông tin")
    _table(items.fields(item))

    st.subheader("Nguồn dữ liệu")
    _table(items.upload_facts(item))
    st.page_link(
        "pages/unit.py",
        label=components.plain(f"Xem trang đơn vị {unit}"),
        icon=":material/account_balance:",
        query_params={"unit": str(item.candidate.unit_id), **kept_filters()},
    )
