"""A leader's path to one item in a real browser: the unit page's list of late tasks, a click on a row's «Xem» link,
the item's own page in a new tab whose address names the item, and the same page after a reload."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from oversight import db as dbmod
from oversight import items, metrics
from tests.metrics.helpers import span

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SEPTEMBER = span(date(2025, 9, 1), date(2025, 9, 30))


def _worst_late_task(db_path):
    """The unit with the most late tasks in September and its worst task (the first row of its list)."""
    con = dbmod.open_database(db_path)
    try:
        late = metrics.overdue_items(con, "tasks", SEPTEMBER)
        unit_id = int(late["unit_id"].value_counts().index[0])
        first = metrics.overdue_items(con, "tasks", SEPTEMBER, unit_id=unit_id).iloc[0]
    finally:
        con.close()
    return unit_id, first


def test_a_row_link_opens_the_item_page(browser, server, demo_db_template, tmp_path):
    unit_id, task = _worst_late_task(demo_db_template)
    context = browser.new_context(viewport={"width": 1500, "height": 1100})
    page = context.new_page()
    page.goto(f"{server}/don-vi?unit={unit_id}&period=m2025-09")
    page.get_by_text("Danh sách trễ hạn, quá hạn").wait_for(timeout=90_000)
    grid = page.locator('[data-testid="stDataFrame"]').first  # the first tab: tasks
    grid.wait_for(timeout=60_000)
    item_page = None
    for _attempt in range(5):  # a rerun of the page (the URL it sets, a slow machine) can move the grid under the
        # pointer between the hover and the click: settle, hover, click, and try again if no tab opened
        page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=60_000)
        grid.scroll_into_view_if_needed()
        page.wait_for_timeout(1000)
        box = grid.bounding_box()
        # the «Xem» link sits at the start of the first column, in the first data row under a 35 px header; the
        # grid follows a link only under a pointer that hovered it first
        x, y = box["x"] + 20, box["y"] + 35 + 17
        page.mouse.move(x, y)
        page.wait_for_timeout(500)
        try:
            with context.expect_page(timeout=15_000) as opened:
                page.mouse.click(x, y)
        except PlaywrightTimeout:
            continue
        item_page = opened.value
        break
    assert item_page is not None, "no item page opened from the list's «Xem» link"
    item_page.wait_for_load_state()
    heading = f"Nhiệm vụ {task['doc_number']}"
    item_page.get_by_role("heading", name=heading).wait_for(timeout=90_000)

    query = {k: v[0] for k, v in parse_qs(urlsplit(item_page.url).query).items()}
    assert urlsplit(item_page.url).path == "/muc"
    assert query["loai"] == "nhiem-vu" and query["ma"] == task["doc_number"]
    assert (int(query["tai"]), int(query["dong"])) == (int(task["upload_id"]), int(task["source_row"]))
    assert query["period"] == "m2025-09"
    label = items.OUTCOME_LABELS[task["outcome"]]
    item_page.get_by_text(re.compile(f"^{re.escape(label)}: ")).first.wait_for(timeout=60_000)  # fails if absent
    item_page.screenshot(path=str(tmp_path / "item.png"), full_page=True)

    url = item_page.url
    item_page.reload()
    item_page.get_by_role("heading", name=heading).wait_for(timeout=90_000)
    assert item_page.url == url
    # the heading comes first, the classification a moment later on a loaded machine: wait for it, don't peek
    item_page.get_by_text(re.compile(f"^{re.escape(label)}: ")).first.wait_for(timeout=60_000)
    context.close()
