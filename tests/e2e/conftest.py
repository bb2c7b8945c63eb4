"""A real `streamlit run` on a copy of the demo database, and a real browser: Playwright driving Debian's
Chromium. The set-up installs Chromium with apt when it is missing and the tests run as root (CI);
elsewhere the tests are skipped with the reason."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


def _ensure_chromium() -> str | None:
    if Path(CHROMIUM).exists():
        return None
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return "Debian's chromium is not installed and cannot be installed here (apt-get install chromium)"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, timeout=600)
    done = subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], env=env, capture_output=True,
                          timeout=1200)  # fmt: skip
    return None if done.returncode == 0 and Path(CHROMIUM).exists() else "apt-get install chromium failed"


@pytest.fixture(scope="session")
def browser():
    why = _ensure_chromium()
    if why:
        pytest.skip(why)
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(db_path: Path, tmp_path: Path):
    """Run `streamlit run dashboard.py` on db_path and a free port, as a user starts it; yields its base URL.
    Its console output goes to tmp_path/streamlit.log."""
    port = _free_port()
    env = {**os.environ, "OVERSIGHT_DB": str(db_path), "OVERSIGHT_DATA": str(db_path.parent)}
    log = open(tmp_path / "streamlit.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
         "--server.headless", "true", "--server.address", "127.0.0.1"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.read() == b"ok":
                        break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError((tmp_path / "streamlit.log").read_text(errors="replace"))
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def _demo_copy(demo_db_template: Path, tmp_path: Path) -> Path:
    db_path = tmp_path / "data" / "oversight.duckdb"
    db_path.parent.mkdir(parents=True)
    shutil.copy(demo_db_template, db_path)
    return db_path


@pytest.fixture
def server(demo_db_template, tmp_path):
    """The dashboard on a copy of the demo database (the public demo: no login needed)."""
    yield from _serve(_demo_copy(demo_db_template, tmp_path), tmp_path)


@pytest.fixture
def private_server(demo_db_template, tmp_path):
    """The dashboard on a copy of the demo database with the public demo switched off and no account yet:
    a fresh installation as a province would run it."""
    from oversight import db as dbmod
    from oversight.auth import policy

    db_path = _demo_copy(demo_db_template, tmp_path)
    con = dbmod.open_database(db_path)
    try:
        policy.set_policy(con, public_demo=False)
    finally:
        con.close()
    yield from _serve(db_path, tmp_path)
