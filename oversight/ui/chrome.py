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

import streamlit as st

# What the hidden English texts are replaced with.
UPLOAD_BUTTON = "Chọn tệp"
UPLOAD_HINT = "Kéo thả tệp vào đây · tối đa {mb} MB mỗi tệp"
DROP_HERE = "Thả tệp vào đây"
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
        # While a file is dragged over the box: «Drag and drop files here» (an overlay without a test id).
        _replace(f"{dropzone} > div:not([data-testid]) > *", DROP_HERE),
        _replace('[data-testid="stStatusWidget"] button', STOP_BUTTON),
        # The skip link is off screen until focused by the keyboard; its text then shows.
        _replace('[data-testid="stSkipToContent"]', SKIP_LINK),
        # Tables' and charts' own toolbars: English tooltips, and a CSV of formatted text.
        '[data-testid="stElementToolbar"]{display:none!important}',
        # The header's Deploy button, should a developer mode ever show it.
        '[data-testid="stAppDeployButton"]{display:none!important}',
    ]
    return "\n".join(rules)


def vietnamese_chrome() -> None:
    """Inject the style sheet (once per page run; a <style>-only st.html takes no room on the page)."""
    st.html(f"<style>{style_sheet(int(st.get_option('server.maxUploadSize')))}</style>")


def chart(fig, key: str | None = None, **kwargs):
    """st.plotly_chart across the page width, without Plotly's English mode bar; returns what
    st.plotly_chart returns (the selection event when on_select is given)."""
    return st.plotly_chart(fig, width="stretch", key=key, config=CHART_CONFIG, **kwargs)
