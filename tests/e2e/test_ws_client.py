"""The websocket client of bench/ws_load_bench.py against a real `streamlit run dashboard.py`, so the
concurrency benchmark cannot silently stop measuring anything: three sessions log in through the login form
(over the websocket, the session cookie from the login route) and each opens one page, which must finish its
script run with the page's own heading and no error."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import subprocess
import sys

import pytest

from bench import ws_load_bench as ws
from tests.conftest import ROOT

pytestmark = [pytest.mark.slow]

PAGES = ("rankings", "cases", "brief")


def _add_leader(db_path) -> None:
    env = {**os.environ, "OVERSIGHT_DB": str(db_path), "OVERSIGHT_DATA": str(db_path.parent)}
    done = subprocess.run(
        [sys.executable, "-m", "oversight", "users", "add", ws.BENCH_USER, "--role", "leader", "--password-stdin"],
        cwd=ROOT, env=env, input=ws.BENCH_PASSWORD + "\n", capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, (done.stdout, done.stderr)


async def _one_session(url: str, page: str) -> tuple[ws.RunResult, ws.RunResult, dict[str, str]]:
    cookie = await ws.log_in(url, ws.BENCH_USER, ws.BENCH_PASSWORD, timeout=120)
    tab = ws.StreamlitClient(url, cookie)
    await tab.open(120)
    try:
        root = await tab.run(timeout=120)  # the page the login route redirects to: the root, the overview
        shown = await tab.run(page_hash=root.pages.get(ws.PAGES[page][0], ""), timeout=120)
    finally:
        await tab.close()
    return root, shown, root.pages


async def _sessions(url: str):
    return await asyncio.wait_for(asyncio.gather(*(_one_session(url, page) for page in PAGES)), 600)


def _run_apart(url: str):
    """The sessions on an event loop of their own thread: the browser tests' Playwright (sync API) leaves an event
    loop running in this thread once any of them has run in the same pytest process."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, _sessions(url)).result()


def test_websocket_sessions_log_in_and_get_their_pages(private_server, tmp_path):
    _add_leader(tmp_path / "data" / "oversight.duckdb")
    for page, (root, shown, pages) in zip(PAGES, _run_apart(private_server), strict=True):
        assert root.status == "ok" and root.seconds is not None, root
        assert root.headings[0] == "Tổng quan" and ws.check("overview", root, pages) == [], root
        assert shown.status == "ok" and shown.seconds is not None and shown.messages > 0, (page, shown)
        assert shown.headings[0] == ws.PAGES[page][1], (page, shown.headings)
        assert shown.page_hash == pages[ws.PAGES[page][0]] != pages[""]  # the page asked for, not the root
        assert ws.check(page, shown, pages) == [], (page, shown.problems)

    # The check itself tells a wrong page and an error apart from a good run.
    wrong = ws.RunResult(headings=["Đăng nhập"], page_hash=pages[""])
    assert ws.check("brief", wrong, pages) == [("wrong_page", "brief: the login form")]
    failed = ws.RunResult(status="timeout")
    assert ws.check("cases", failed, pages) == [("timeout", "cases")]
    log = (tmp_path / "streamlit.log").read_text(errors="replace")
    assert "Traceback" not in log, log[-3000:]
