"""Bản đồ: the province's communes and wards coloured by the chosen metric; a click opens the commune's page."""

import streamlit as st

from oversight.ui import map as commune_map
from oversight.ui.guard import through_the_gate

through_the_gate()

commune_map.render(st.session_state.get("filters"))
