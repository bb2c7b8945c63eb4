"""The README's run command really serves the app: a real `streamlit run`, its health check and page."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import ROOT


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _readme_run_command() -> list[str]:
    """The streamlit part of the README's first command, run with this interpreter."""
    first = next(
        line.strip()
        for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
        if "streamlit run" in line
    )
    tail = first.split(".venv/bin/python", 2)[-1].split()
    assert tail[:4] == ["-m", "streamlit", "run", "dashboard.py"], first
    return [sys.executable, *tail]


@pytest.mark.slow
def test_readme_command_serves_health_and_page(app_db):
    port = _free_port()
    cmd = _readme_run_command() + [
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
    ]
    env = {**os.environ, "OVERSIGHT_DB": str(app_db)}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        health = None
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                    health = r.read().decode()
                    break
            except OSError:
                time.sleep(0.3)
        assert health == "ok"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
            page = r.read().decode()
            assert r.status == 200
        assert '<div id="root">' in page
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
