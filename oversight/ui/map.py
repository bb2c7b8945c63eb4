"""Bản đồ: the province's communes and wards coloured by one metric of the rankings for the sidebar's period; a
click on a commune opens its page. The boundaries, their match with the registry and the figure: oversight/geo.py.

URL parameter: metric (score|tasks_overdue_rate|cases_late_rate|feedback_overdue_rate), beside the shared filters.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from oversight import access, charts, geo
from oversight import formatting as fmt
from oversight.config import load_settings
from oversight.ui import chrome, components, data, navigate
from oversight.ui.filters import UNITS_LABELS, Filters

METRIC_KEY = "map_metric"


def _metric() -> str:
    if METRIC_KEY not in st.session_state:
        wanted = st.query_params.get("metric")
        st.session_state[METRIC_KEY] = wanted if wanted in geo.METRICS else "score"
    metric = st.radio(
        "Chỉ tiêu tô màu",
        geo.METRICS,
        format_func=charts.METRIC_LABELS.get,
        horizontal=True,
        key=METRIC_KEY,
    )
    st.query_params["metric"] = metric
    return metric


def clicked_unit(event) -> int | None:
    """The unit id of the commune a click selected (customdata[0]; -1 for a feature without a unit)."""
    selection = event.get("selection", {}) if isinstance(event, dict) else getattr(event, "selection", {})
    points = selection.get("points", []) if isinstance(selection, dict) else getattr(selection, "points", [])
    for point in points:
        custom = point.get("customdata") if isinstance(point, dict) else None
        unit = custom[0] if isinstance(custom, list) and custom else custom
        try:
            unit = int(unit)
        except (TypeError, ValueError):
            continue
        if unit >= 0:
            return unit
    return None


def render(filters: Filters | None) -> None:
    st.title("Bản đồ xã, phường")
    if filters is None:
        components.empty_state("nào")
        st.stop()
    settings = load_settings()
    period = filters.period
    mode = geo.units_mode(filters.units, period.start, date.fromisoformat(settings.reform_date))
    st.caption(filters.subtitle(period.label, "Cấp xã", UNITS_LABELS[mode]))
    metric = _metric()

    try:
        boundaries = geo.load_boundaries(settings.province_code)
    except geo.GeoError as exc:
        st.error(str(exc))
        st.caption(geo.ATTRIBUTION)
        return
    matching = geo.match_features(boundaries.features, geo.registry_communes(data.connection()))
    if mode != filters.units:
        st.info(geo.LINEAGE_NOTE)
    viewer = access.current()
    if viewer is not None and viewer.units is not None and not viewer.aggregates_all:
        st.info("Tài khoản của bạn chỉ xem được số liệu của đơn vị mình: các xã, phường khác hiện màu xám.")
    with st.spinner("Đang tô màu bản đồ…"):
        metrics = data.frame("unit_metrics", period=period, group="commune", units=mode, field=filters.field)
    rows = geo.map_rows(boundaries, matching, metrics, metric, settings)
    figure = geo.commune_map(boundaries, rows, metric, settings)
    event = chrome.chart(figure, key=f"commune_map_{metric}", on_select="rerun", selection_mode="points")
    unit = clicked_unit(event)
    if unit is not None:
        navigate.to_unit(unit, units=mode if mode != filters.units else None)

    with_value = sum(1 for r in rows if r.value is not None)
    st.caption(
        f"Bấm vào một xã, phường để mở trang đơn vị. {fmt.number(with_value)}/{fmt.number(len(rows))} xã, phường có "
        f"số liệu của chỉ tiêu này; màu xám: «{geo.NO_DATA}». Màu theo cùng mục tiêu và xếp loại "
        "như các trang khác."
    )
    st.caption(geo.ATTRIBUTION)

    off_map = geo.units_off_the_map(matching, metrics)
    if not off_map.empty:
        st.warning(
            "Có số liệu nhưng không vẽ được trên bản đồ (đơn vị không có ranh giới hiện nay; chọn «Theo đơn vị hiện "
            "nay» để cộng vào xã, phường mới): " + components.plain(", ".join(sorted(off_map["unit_name"].astype(str))))
        )
    problems = [*matching.problems(), *boundaries.skipped]
    if problems:
        with st.expander("Đối chiếu ranh giới với danh mục đơn vị"):
            for line in problems:
                st.text(line)
