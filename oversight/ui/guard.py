"""Page scripts run only behind the dashboard's login gate.

Streamlit runs the very first script run after the server starts in its old multipage mode when a pages/
folder exists (a page script can then be asked for by its file name, outside dashboard.py). A page that finds
nobody acting sends the browser to the dashboard, whose gate decides; the functions behind the page would
refuse nobody anyway (oversight.access), this only spares the visitor an error."""

from __future__ import annotations

import streamlit as st

from oversight import access


def through_the_gate() -> None:
    if access.current() is None:
        st.switch_page("dashboard.py")
