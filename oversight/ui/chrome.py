"""Streamlit's and Plotly's own words, in Vietnamese or out of sight.

Streamlit 1.67 has no language setting: the upload box («Upload», «200MB per file»), the header's run
indicator («Stop») and the skip link are written by its front end in English. `vietnamese_chrome()` injects,
once per page run (dashboard.py), a style sheet that hides those English texts (visibility: hidden, so they
are neither seen nor read by `innerText`) and shows Vietnamese in their place (CSS ::after content). The
element toolbars of tables and charts (English tooltips «Download as CSV», «Search», «Fullscreen», and a CSV
of the formatted strings instead of numbers) are hidden: every table has its own Vietnamese download
buttons. The main menu is switched off in .streamlit/config.toml (client.toolbarMode = "minimal").

`chart(fig, …)` shows a Plotly figure without its mode bar (English tooltips «Zoom», «Pan», «Download plot
as a png»…; nothing a leader needs: the exports carry the figures). Every st.plotly_chart goes through it.
"""

from __future__ import annotations

import json

import streamlit as st

# What the hidden English texts are replaced with.
UPLOAD_BUTTON = "Chọn tệp"
UPLOAD_HINT = "Kéo thả tệp vào đây · tối đa {mb} MB mỗi tệp"
STOP_BUTTON = "Dừng"
SKIP_LINK = "Bỏ qua, tới nội dung chính"

# Plotly's config for every chart (https://plotly.com/javascript/configuration-options/).
CHART_CONFIG = {"displayModeBar": False, "displaylogo": False, "scrollZoom": False}


def _css_text(text: str) -> str:
    """A Python string as a CSS string literal (our own constants; quotes and backslashes escaped)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _replace(selector: str, text: str, size: str = "0.875rem") -> str:
    """CSS hiding the text of `selector` and showing `text` in its place."""
    return (
        f"{selector}{{visibility:hidden;font-size:0!important;line-height:0}}"
        f"{selector}::after{{content:{_css_text(text)};visibility:visible;font-size:{size};line-height:1.4}}"
    )


def style_sheet(max_upload_mb: int) -> str:
    """The style sheet vietnamese_chrome() injects (a function, so tests read it without a browser)."""
    dropzone = '[data-testid="stFileUploaderDropzone"]'
    rules = [
        _replace(f'{dropzone} button [data-testid="stMarkdownContainer"] p', UPLOAD_BUTTON),
        _replace('[data-testid="stFileUploaderDropzoneInstructions"] span', UPLOAD_HINT.format(mb=max_upload_mb)),
        _replace('[data-testid="stStatusWidget"] button', STOP_BUTTON),
        # The skip link is off screen until focused by the keyboard; its text then shows.
        _replace('[data-testid="stSkipToContent"]', SKIP_LINK),
        # Tables' and charts' own toolbars: English tooltips, and a CSV of formatted text.
        '[data-testid="stElementToolbar"]{display:none!important}',
        # The header's Deploy button, should a developer mode ever show it.
        '[data-testid="stAppDeployButton"]{display:none!important}',
        # The element holding the attribute script (vietnamese_chrome) takes no room.
        '[data-testid="stElementContainer"]:has([data-oversight-words]){display:none!important}',
    ]
    return "\n".join(rules)


# What screen readers and tooltips say (aria-label, title, placeholder): attributes CSS cannot change. A small
# script of ours (constants only, no data) rewrites them as Streamlit draws them.
ATTRIBUTE_WORDS = {
    "Add files": "Thêm tệp",
    "file upload": "Chọn tệp để tải lên",
    "Collapse sidebar": "Thu gọn thanh bên",
    "Expand sidebar": "Mở thanh bên",
    "Sidebar": "Thanh bên",
    "App pages": "Các trang",
    "Open": "Mở danh sách",
    "Close": "Đóng",
    "Clear all": "Xóa hết",
    "Help": "Giải thích",
    "Main menu": "Trình đơn",
    "Link to heading": "Liên kết tới mục này",
    "Running...": "Đang xử lý…",
    "Choose an option": "Chọn…",
    "Choose options": "Chọn…",
    "Show password text": "Hiện mật khẩu",
    "Hide password text": "Ẩn mật khẩu",
    "Previous month": "Tháng trước",
    "Next month": "Tháng sau",
    "month": "Tháng",
    "year": "Năm",
}
ATTRIBUTE_PREFIXES = {"Remove ": "Gỡ ", "Help for ": "Giải thích: "}
# The date picker's calendar (React Aria) speaks the browser's language, English in an English browser:
# the script writes its month names, its title and its weekday initials (Sunday first) in Vietnamese.
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)  # fmt: skip
WEEKDAYS = ("CN", "T2", "T3", "T4", "T5", "T6", "T7")
# Texts of the upload box the script replaces (the overlay while a file is dragged over it has no test id).
DROP_TEXTS = {"Drag and drop files here": "Thả tệp vào đây", "Drag and drop a file here": "Thả tệp vào đây"}
# Whole texts of Streamlit's menus (a table's column menu: sort, format, statistics) the script replaces
# wherever they stand alone in an element.
MENU_TEXTS = {
    "Sort ascending": "Sắp xếp tăng dần",
    "Sort descending": "Sắp xếp giảm dần",
    "Format": "Định dạng",
    "Autosize": "Tự co giãn cột",
    "Pin column": "Ghim cột",
    "Unpin column": "Bỏ ghim cột",
    "Hide column": "Ẩn cột",
    "Copy column name": "Chép tên cột",
    "Statistics": "Thống kê",
    "Automatic": "Tự động",
    "Localized": "Theo vùng",
    "Plain": "Số thường",
    "Percent": "Phần trăm",
    "Scientific": "Khoa học",
    "Accounting": "Kế toán",
    "Compact": "Rút gọn",
    "Sum": "Tổng",
    "Average": "Trung bình",
    "Minimum": "Nhỏ nhất",
    "Maximum": "Lớn nhất",
    "Median": "Trung vị",
    "Standard deviation": "Độ lệch chuẩn",
    "Distinct": "Số giá trị khác nhau",
    "Empty": "Ô trống",
    "Values": "Số giá trị",
    "Range": "Khoảng",
    "Based on sample": "Tính trên mẫu",
    "No results": "Không có kết quả",
    "No data": "Không có dữ liệu",
}


def attribute_script() -> str:
    """The script rewriting Streamlit's English attributes (installed once per browser tab)."""
    words, prefixes = (
        json.dumps(ATTRIBUTE_WORDS, ensure_ascii=False),
        json.dumps(ATTRIBUTE_PREFIXES, ensure_ascii=False),
    )
    drops = json.dumps(DROP_TEXTS, ensure_ascii=False)
    menus = json.dumps(MENU_TEXTS, ensure_ascii=False)
    months = json.dumps({m: f"Tháng {i}" for i, m in enumerate(MONTHS, start=1)}, ensure_ascii=False)
    weekdays = json.dumps(WEEKDAYS, ensure_ascii=False)
    return (
        "(() => {if (window.__oversightWords) return; window.__oversightWords = true;"
        f"const W = {words}, P = {prefixes}, D = {drops}, M = {months}, K = {weekdays}, T = {menus};"
        "const A = ['aria-label', 'title', 'placeholder'];"
        "const month = (v) => { if (v.startsWith('Choose date')) return 'Chọn ngày'; const m = v.match(/^([A-Z][a-z]+)(?:,? (\\d{4}))?$/);"
        " if (!m || !(m[1] in M)) return null; return m[2] ? M[m[1]] + '/' + m[2] : M[m[1]]; };"
        "const calendars = () => { for (const cal of document.querySelectorAll('[role=application]')) {"
        "  cal.querySelectorAll('thead th').forEach((th, i) => { if (th.textContent !== K[i % 7]) th.textContent = K[i % 7]; });"
        "  const label = cal.getAttribute('aria-label'); if (label && label.startsWith('Choose date'))"
        "   cal.setAttribute('aria-label', 'Chọn ngày'); }"
        " const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); let n;"
        " while ((n = walk.nextNode())) { const v = n.textContent.trim();"
        "  const t = month(v) || (Object.hasOwn(T, v) ? T[v] : null); if (t) n.textContent = t; } };"
        "const said = (v) => { if (v in W) return W[v];"
        " for (const p in P) if (v.startsWith(p)) return P[p] + v.slice(p.length); return null; };"
        "const fix = () => { for (const el of document.querySelectorAll('[aria-label],[title],[placeholder]'))"
        " for (const a of A) { const v = el.getAttribute(a); const t = v && said(v); if (t) el.setAttribute(a, t); }"
        " for (const box of document.querySelectorAll('[data-testid=\"stFileUploaderDropzone\"]')) {"
        "  const walk = document.createTreeWalker(box, NodeFilter.SHOW_TEXT); let n;"
        "  while ((n = walk.nextNode())) { const t = D[n.textContent.trim()]; if (t) n.textContent = t; } }"
        " calendars(); };"
        "let queued = false; const later = () => { if (!queued) { queued = true;"
        " requestAnimationFrame(() => { queued = false; fix(); }); } };"
        "new MutationObserver(later).observe(document.body, {subtree: true, childList: true, characterData: true,"
        " attributes: true,"
        " attributeFilter: A}); fix();})();"
    )


def vietnamese_chrome() -> None:
    """Inject the style sheet and the attribute script (once per page run; a <style>-only st.html takes no
    room on the page; the script's element is hidden by the style sheet, and it is not put in the sidebar,
    which would then open, empty, over the login screen)."""
    st.html(f"<style>{style_sheet(int(st.get_option('server.maxUploadSize')))}</style>")
    st.html(f"<span data-oversight-words></span><script>{attribute_script()}</script>", unsafe_allow_javascript=True)


def chart(fig, key: str | None = None, **kwargs):
    """st.plotly_chart across the page width, without Plotly's English mode bar; returns what
    st.plotly_chart returns (the selection event when on_select is given)."""
    return st.plotly_chart(fig, width="stretch", key=key, config=CHART_CONFIG, **kwargs)
