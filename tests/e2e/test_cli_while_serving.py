"""METRICS.md section 7: every command works while the dashboard serves the same database (no lock error), and
what a command changes, the dashboard shows on its next page run. A real `streamlit run`, a real browser, and
each command as its own process against the same file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT
from tests.ingest.corpus import case_list, case_rows

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PASSWORD = "Lãnh đạo tỉnh 2025 — mật khẩu"
LOCK_ERRORS = ("Could not set lock", "Conflicting lock", "Traceback")


def _command(args: list[str], db_path, stdin: str | None = None) -> subprocess.Popen:
    env = {**os.environ, "OVERSIGHT_DB": str(db_path), "OVERSIGHT_DATA": str(db_path.parent)}
    return subprocess.Popen(
        [sys.executable, "-m", "oversight", *args],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _run(args: list[str], db_path, stdin: str | None = None) -> str:
    proc = _command(args, db_path)
    out, err = proc.communicate(stdin, timeout=180)
    assert proc.returncode == 0, (args, out, err)
    for bad in LOCK_ERRORS:
        assert bad not in err, (args, err)
    return out


def _log_in(page, username: str) -> None:
    page.get_by_role("heading", name="Đăng nhập").wait_for(timeout=90_000)
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def _overview_figures(page) -> str:
    """The overview's KPI cards as text (between the title and the 12-month trend), after a fresh page run."""
    page.get_by_role("link", name="Xếp hạng").click()
    page.get_by_role("heading", name="Xếp hạng").first.wait_for(timeout=90_000)
    page.get_by_role("link", name="Tổng quan").click()
    page.get_by_text("Xu hướng 12 tháng").wait_for(timeout=90_000)
    page.get_by_text("Đang tính số liệu…").wait_for(state="hidden", timeout=90_000)
    text = page.locator("[data-testid='stMain']").inner_text()
    return text.split("Xu hướng 12 tháng")[0]


def test_every_command_works_while_the_dashboard_serves(browser, private_server, tmp_path):
    db_path = tmp_path / "data" / "oversight.duckdb"
    page = browser.new_page(viewport={"width": 1500, "height": 1100})
    page.goto(private_server)
    page.get_by_role("heading", name="Đăng nhập").wait_for(timeout=90_000)

    # An account made on the command line logs in on the dashboard's next page run.
    out = _run(["users", "add", "lanh.dao", "--role", "leader", "--password-stdin"], db_path, PASSWORD + "\n")
    assert "Đã thêm tài khoản «lanh.dao»" in out
    # Real data first (it retires the demo: METRICS.md §7), so a later rollback returns to real figures.
    base = tmp_path / "2025-10_ho_so_co_so.xlsx"
    base.write_bytes(case_list(rows=[[*row[:1], f"GOC-{row[1]}", *row[2:]] for row in case_rows()]))
    assert "Đã nạp: 4 dòng" in _run(["ingest", str(base)], db_path)
    _log_in(page, "lanh.dao")
    page.get_by_role("heading", name="Tổng quan").wait_for(timeout=90_000)
    before = _overview_figures(page)
    assert "Hồ sơ TTHC trễ hạn" in before, before

    # An ingest from the command line while the dashboard keeps serving page runs.
    export = tmp_path / "2025-10_ho_so_long_phuoc.xlsx"
    export.write_bytes(case_list())
    ingest = _command(["ingest", str(export)], db_path)
    started = time.monotonic()
    during = _overview_figures(page)  # a page run while the command works: served within the bound
    served_in = time.monotonic() - started
    out, err = ingest.communicate(timeout=180)
    assert ingest.returncode == 0, (out, err)
    assert not any(bad in err for bad in LOCK_ERRORS), err
    assert "Đã nạp: 4 dòng" in out
    assert "Hồ sơ TTHC trễ hạn" in during and served_in < 60

    uploads = json.loads(_run(["uploads", "list", "--format", "json"], db_path))
    ours = [u for u in uploads if u["file_name"] == export.name]
    assert len(ours) == 1 and ours[0]["state"] == "active" and ours[0]["rows_loaded"] == 4
    after_ingest = _overview_figures(page)
    assert after_ingest != before  # four more cases: the figures changed on the next page run

    out = _run(["uploads", "rollback", str(ours[0]["id"])], db_path)
    assert f"Đã hoàn tác lần tải lên số {ours[0]['id']}." in out
    assert _overview_figures(page) == before  # the figures return to what they were without it

    rows = json.loads(_run(["metrics", "--from", "2025-10-01", "--to", "2025-10-31", "--format", "json"], db_path))
    assert rows and {"unit_name", "score", "rank"} <= rows[0].keys()

    audit = _run(["audit", "--limit", "200"], db_path)
    assert "lanh.dao" in audit  # the dashboard's login, read by the command line
    assert "hoàn tác" in audit.lower() or "rollback" in audit.lower()

    # Disabling the account on the command line ends its session on the next page run.
    out = _run(["users", "disable", "lanh.dao"], db_path)
    assert "đã bị vô hiệu hóa" in out
    page.get_by_role("link", name="Xếp hạng").click()
    page.get_by_role("heading", name="Đăng nhập").wait_for(timeout=90_000)
    page.close()

    log = (tmp_path / "streamlit.log").read_text(errors="replace")
    assert not any(bad in log for bad in LOCK_ERRORS), log[-3000:]
