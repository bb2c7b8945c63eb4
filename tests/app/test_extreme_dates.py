"""No loaded data makes a page or a command fail: a database holding items received 31/12/9999 and 01/01/1900
(inserted into the facts, as a database loaded before ingestion refused such dates holds them) still renders
every page, offers periods from the plausible span only, lists the upload and rolls it back, and the command
line's `metrics` and `uploads list` still answer."""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime

import pytest

from oversight import cli, metrics, metrics_cache, periods
from oversight import db as dbmod
from tests.app.conftest import signed_in
from tests.app.test_pages import PAGES
from tests.conftest import ROOT
from tests.metrics.helpers import World

EXTREME_FILE = "ho_so_nam_9999.xlsx"


def add_extreme_items(con) -> dict[str, int]:
    """Items of every kind with days far outside the calendar of real reporting, in uploads with and without a
    declared period; returns the upload ids by name."""
    w = World(con)
    unit = w.unit("Sở Tư pháp")
    ups = {}
    ups["cases"] = w.upload("cases")  # a case list without a title period: its items' days make its span
    con.execute("UPDATE uploads SET file_name = ? WHERE upload_id = ?", [EXTREME_FILE, ups["cases"]])
    w.case(ups["cases"], "X-9999", unit, received=datetime(9999, 12, 31), due=datetime(9999, 12, 31))
    w.case(ups["cases"], "X-1900", unit, received=datetime(1900, 1, 1), due=datetime(1900, 1, 10))
    w.case(ups["cases"], "X-DONE", unit, received=datetime(2025, 10, 6), due=datetime(2025, 10, 8),
           done=datetime(9999, 12, 31))  # fmt: skip
    w.case(ups["cases"], "X-DUE", unit, received=datetime(2025, 10, 6), due=datetime(9999, 12, 31))
    ups["tasks"] = w.upload("tasks", period=(date(9999, 12, 1), date(9999, 12, 31)))  # a title typed wrong
    w.task(ups["tasks"], "NV-9999", unit, received=datetime(9999, 12, 5), due=datetime(9999, 12, 31))
    w.task(ups["tasks"], "NV-1900", unit, received=datetime(1900, 1, 1), due=datetime(9999, 12, 31))
    ups["feedback"] = w.upload("feedback", period=(date(1900, 1, 1), date(1900, 1, 31)))
    w.feedback(ups["feedback"], "PA-1900", unit, received=datetime(1900, 1, 2), due=datetime(1900, 1, 12))
    ups["case_stats"] = w.upload("case_stats", period=(date(9999, 12, 1), date(9999, 12, 31)))
    w.case_stat(ups["case_stats"], unit, (date(9999, 12, 1), date(9999, 12, 31)), 1, 1, 0, 1, 0, 0, 1, 0)
    return ups


@pytest.fixture(scope="module")
def extreme_template(demo_db_template, tmp_path_factory):
    """The demo database with the extreme items, its metrics cache built once for the module; and the demo's
    own data range, computed before."""
    path = tmp_path_factory.mktemp("extreme") / "oversight.duckdb"
    shutil.copy(demo_db_template, path)
    con = dbmod.open_database(path)
    try:
        before = metrics.data_range(con)
        ups = add_extreme_items(con)
        metrics_cache.refresh_cache(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return path, before, ups


@pytest.fixture
def extreme_db(app_db, extreme_template):
    """A private copy of the extreme database as the app's OVERSIGHT_DB (in place of app_db's demo copy)."""
    path, before, ups = extreme_template
    dbmod.close_all()
    shutil.copy(path, app_db)
    return app_db, before, ups


def test_the_data_range_ignores_days_outside_the_plausible_span(extreme_db):
    path, before, _ = extreme_db
    con = dbmod.connection(path)
    assert metrics.data_range(con) == before  # the demo's own span: 9999 and 1900 are left out
    assert before[0] >= periods.EARLIEST and before[1] <= date.today()


def test_a_range_outside_the_calendar_is_refused_with_a_message(extreme_db):
    con = dbmod.connection(extreme_db[0])
    with pytest.raises(ValueError, match="nằm ngoài phạm vi có thể có số liệu"):
        metrics.unit_metrics(con, periods.custom(date(9999, 12, 1), date(9999, 12, 31)))


@pytest.mark.parametrize("page", sorted([*PAGES, "unit.py"]))
def test_every_page_renders(extreme_db, page):
    at = signed_in(extreme_db[0], "admin")
    at.run()
    assert not at.exception, at.exception
    at.switch_page(str(ROOT / "pages" / page)).run()
    assert not at.exception, at.exception


def test_the_sidebar_offers_only_plausible_periods(extreme_db):
    path, (first, last), _ = extreme_db
    at = signed_in(path, "admin")
    at.run()
    months = at.selectbox(key="f_period").options
    expected = periods.offered_periods(first, last)["month"]
    assert months == [p.label for p in expected]
    assert months[0] == periods.month_containing(last).label  # the newest month with data is first and chosen
    assert at.selectbox(key="f_period").value == periods.month_containing(last).id
    assert not any("9999" in m or "1900" in m for m in months)


@pytest.mark.parametrize("period", ["c9999-12-01_9999-12-31", "y9999", "c1900-01-01_1900-01-31"])
def test_a_link_to_a_period_outside_the_calendar_opens_the_default_period(extreme_db, period):
    path, (_, last), _ = extreme_db
    at = signed_in(path, "admin")
    at.query_params["period"] = period
    at.run()
    assert not at.exception, at.exception
    assert at.selectbox(key="f_period").value == periods.month_containing(last).id


def test_the_upload_history_lists_the_upload_and_rolls_it_back(extreme_db):
    path, _, ups = extreme_db
    at = signed_in(path, "uploader")
    at.run()
    at.switch_page(str(ROOT / "pages" / "upload.py")).run()
    history = at.dataframe(key="upload_history").value
    row = history.index[history["Số"] == ups["tasks"]][0]
    assert history.loc[row, "Kỳ"] == "01/12/9999 – 31/12/9999"
    at.session_state["upload_history"] = {"selection": {"rows": [int(row)], "columns": [], "cells": []}}
    at.run()
    at.checkbox(key=f"sure_{ups['tasks']}").check().run()
    at.button(key=f"rollback_{ups['tasks']}").click().run()
    assert not at.exception, at.exception
    assert any(f"Đã hoàn tác lần tải lên số {ups['tasks']}" in s.value for s in at.success)
    state = dbmod.connection(path).execute("SELECT state FROM uploads WHERE upload_id = ?", [ups["tasks"]])
    assert state.fetchone()[0] == "rolled_back"


def test_the_command_line_answers(extreme_db, capsys):
    path, _, ups = extreme_db
    dbmod.close_all()
    assert cli.main(["metrics", "--db", str(path), "--from", "2025-10-01", "--to", "2025-10-31"]) == 0
    rows = json.loads(capsys.readouterr().out)
    justice = next(r for r in rows if r["unit_name"] == "Sở Tư pháp")
    assert justice["cases_total"] >= 2  # X-DONE and X-DUE, received in October
    assert cli.main(["uploads", "--db", str(path), "list", "--format", "json"]) == 0
    listed = {u["id"]: u for u in json.loads(capsys.readouterr().out)}
    assert listed[ups["tasks"]]["period_to"] == "9999-12-31"
    assert listed[ups["cases"]]["file_name"] == EXTREME_FILE
    assert cli.main(["uploads", "--db", str(path), "list"]) == 0
    assert EXTREME_FILE in capsys.readouterr().out
    # a range asked for outside the calendar's reach is refused with a message, not a traceback
    assert cli.main(["metrics", "--db", str(path), "--from", "9999-12-01", "--to", "9999-12-31"]) == 2
    assert "nằm ngoài phạm vi có thể có số liệu" in capsys.readouterr().err
