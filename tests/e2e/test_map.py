"""A leader's path through the map in a real browser: the page «Bản đồ» draws Đồng Nai's 95 communes and wards
from the shipped boundaries without fetching anything from the internet, hovering a commune names it, and a
click on it (a mouse click at its centroid's pixel, placed by the map's own projection) opens its unit page with
the same period."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from oversight import db as dbmod
from oversight import geo
from oversight.config import load_settings

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

COMMUNE = "26170"  # Phường Trị An: the largest commune (660 km²), in the middle of the map, away from the legend

PIXEL = """([lon, lat]) => {
    const gd = document.querySelector('.js-plotly-plot');
    const map = gd._fullLayout.map._subplot.map;
    const p = map.project([lon, lat]);
    const box = map.getContainer().getBoundingClientRect();
    return [box.left + p.x, box.top + p.y];
}"""
DRAWN = """() => {
    const gd = document.querySelector('.js-plotly-plot');
    if (!gd || !gd._fullData || !gd._fullLayout.map || !gd._fullLayout.map._subplot) return -1;
    const sub = gd._fullLayout.map._subplot;
    if (!sub.map.loaded()) return -1;
    return gd._fullData.reduce((n, t) => n + (t.locations ? t.locations.length : 0), 0);
}"""


def _inside(point, ring) -> bool:
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def test_leader_clicks_a_commune_on_the_map(browser, server, demo_db_template):
    feature = next(f for f in geo.load_boundaries("75").features if f.code == COMMUNE)
    centre = geo.centroid(feature)
    rings = (
        feature.geometry["coordinates"] if feature.geometry["type"] == "Polygon" else feature.geometry["coordinates"][0]
    )
    assert _inside(centre, [tuple(p) for p in rings[0]])  # the click lands inside the commune
    con = dbmod.open_database(demo_db_template)
    try:
        units = geo.registry_communes(con, load_settings().province_code)
    finally:
        con.close()
    unit_id, name = units.loc[units["code"] == COMMUNE, ["unit_id", "name"]].iloc[0]

    page = browser.new_page(viewport={"width": 1500, "height": 1100})
    host = urlparse(server).netloc
    elsewhere = []
    page.on(
        "request",
        lambda r: (
            None
            if urlparse(r.url).scheme in ("data", "blob") or urlparse(r.url).netloc == host
            else elsewhere.append(r.url)
        ),
    )
    page.goto(f"{server}/ban-do?period=m2025-09&metric=cases_late_rate")
    page.get_by_role("heading", name="Bản đồ xã, phường").wait_for(timeout=90_000)
    page.locator(".js-plotly-plot").first.wait_for(timeout=60_000)
    page.wait_for_function(f"({DRAWN})() === 95", timeout=60_000)
    # the credit line under the map and the period: waited for (a loaded machine draws them a moment later)
    page.get_by_text("Nguồn ranh giới: kho dữ liệu mở thanglequoc/vietnamese-provinces-database").wait_for(
        timeout=60_000
    )
    page.get_by_text("Tháng 09/2025").first.wait_for(timeout=60_000)

    x, y = page.evaluate(PIXEL, list(centre))
    page.mouse.move(x, y)
    page.locator(".hoverlayer").get_by_text(name).wait_for(timeout=15_000)
    page.mouse.click(x, y)

    page.wait_for_url(re.compile(r".*/don-vi\?.*"), timeout=60_000)
    page.get_by_role("heading", name=name).wait_for(timeout=60_000)
    assert f"unit={int(unit_id)}" in page.url and "period=m2025-09" in page.url
    assert elsewhere == []  # no tiles, fonts or scripts fetched from the internet
    page.close()
