"""Drill-down: from a clicked bar or a selected row to the unit's page, keeping the shared filters."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from oversight import formatting as fmt
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


def worst_unit(frame: pd.DataFrame, group: str = "all") -> pd.Series | None:
    """The period's worst ranked unit of `group` ('all': every group) in the rankings page's order: the lowest
    score; among equal scores the one the rankings list last (highest rank, then the name last). None when no
    unit of the group is ranked (too little data)."""
    if frame.empty or "ranked" not in frame:
        return None
    ranked = frame[frame["ranked"].fillna(False).astype(bool) & frame["score"].notna()]
    if group != "all":
        ranked = ranked[ranked["unit_group"] == group]
    if ranked.empty:
        return None
    ordered = ranked.sort_values(["score", "rank", "unit_name"], ascending=[True, False, False], kind="stable")
    return ordered.iloc[0]


def worst_unit_caption(row: pd.Series, group_label: str) -> str:
    """Why the unit page opened on this unit (its name is data: the caller shows this as plain text)."""
    band = f", xếp loại {row['band']}" if isinstance(row.get("band"), str) and row["band"] else ""
    return (
        f"Chưa chọn đơn vị nên trang mở đơn vị có điểm thấp nhất kỳ này ({group_label}): {row['unit_name']}, "
        f"điểm {fmt.number(row['score'], 1)}{band}. Chọn đơn vị khác ở ô «Đơn vị»."
    )
