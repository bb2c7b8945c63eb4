"""Drill-down: from a clicked bar or a selected row to the unit's page, keeping the shared filters."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from oversight.ui.filters import ask_units

UNIT_PAGE = "pages/unit.py"


def to_unit(unit_id: int, units: str | None = None) -> None:
    """Open the unit's page with the shared filters; `units` (reported|today) switches the sidebar's view of
    units on the way, for a view that showed the figures that way (the map shows today's units)."""
    filters = st.session_state.get("filters")
    params = {"unit": str(int(unit_id))}
    if filters is not None:
        params |= {"period": filters.period.id, "group": filters.group, "units": units or filters.units}
    if units is not None:
        ask_units(units)
    st.session_state["unit_id"] = int(unit_id)
    st.switch_page(UNIT_PAGE, query_params=params)


def to_unit_on_row(event, frame: pd.DataFrame) -> None:
    rows = (event or {}).get("selection", {}).get("rows", []) if isinstance(event, dict) else event.selection.rows
    if rows:
        to_unit(int(frame.iloc[rows[0]]["unit_id"]))


def to_unit_on_point(event) -> None:
    """A Plotly selection event whose points carry the unit id as customdata."""
    selection = event.get("selection", {}) if isinstance(event, dict) else getattr(event, "selection", {})
    points = selection.get("points", []) if isinstance(selection, dict) else getattr(selection, "points", [])
    for point in points:
        unit = point.get("customdata")
        if isinstance(unit, list):
            unit = unit[0]
        if unit is not None:
            to_unit(int(unit))
