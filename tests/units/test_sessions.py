"""Sessions on the database file (oversight.db.session): shared by the threads of a process, closed after the
last one, waiting while another process holds the file, and a plain Vietnamese sentence when it waits too long."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from oversight import cli, db
from tests.conftest import ROOT

HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("held", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
print("released", flush=True)
"""

HOLD_UNTIL_TOLD = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
print("held", flush=True)
sys.stdin.readline()
con.close()
"""


@pytest.fixture(autouse=True)
def _no_linger(monkeypatch):
    """Closed means closed at once here (the linger has its own test)."""
    monkeypatch.setenv("OVERSIGHT_DB_LINGER", "0")


@pytest.fixture
def path(tmp_path) -> Path:
    path = tmp_path / "data" / "oversight.duckdb"
    db.open_database(path).close()
    return path


def _hold(path: Path, seconds: float) -> subprocess.Popen:
    """Another process that opens the file read-write (as the dashboard or a command does) for `seconds`."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path), str(seconds)], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert proc.stdout.readline().strip() == "held"
    return proc


def _other_process_can_open(path: Path) -> bool:
    done = subprocess.run(
        [sys.executable, "-c", "import sys, duckdb; duckdb.connect(sys.argv[1]).close()", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.returncode == 0


def test_threads_share_one_connection_and_the_last_one_closes_it(path):
    a_in, b_in, a_out = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    def first():
        with db.session(path) as con:
            seen["a"] = con
            a_in.set()
            b_in.wait(10)
        a_out.set()

    def second():
        a_in.wait(10)
        with db.session(path) as con:
            seen["b"] = con
            b_in.set()
            a_out.wait(10)
            seen["open_after_a"] = db.is_open(path)
            cur = con.cursor()  # still usable after the other thread left
            seen["units"] = cur.execute("SELECT count(*) FROM units").fetchone()[0]
            cur.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert seen["a"] is seen["b"]
    assert seen["open_after_a"] is True and seen["units"] > 0
    assert not db.is_open(path)
    assert _other_process_can_open(path)  # closed means released: another process opens it read-write


def test_inside_a_session_the_thread_sees_its_connection_and_nested_sessions_share_it(path):
    assert db.current(path) is None
    with db.session(path) as outer:
        assert db.current(path) is outer and db.connection(path) is outer
        with db.session(path) as inner:
            assert inner is outer
        assert db.is_open(path)
        assert not _other_process_can_open(path)  # held while a session is open
    assert db.current(path) is None and not db.is_open(path)


def test_migrations_and_seeding_run_on_the_first_open_of_the_process_only(path, monkeypatch):
    db._prepared.discard(str(path))
    calls = []
    real = db.prepare
    monkeypatch.setattr(db, "prepare", lambda con, path=None: (calls.append(1), real(con, path)))
    for _ in range(3):
        with db.session(path):
            pass
    assert calls == [1]


@pytest.mark.slow
def test_opening_waits_while_another_process_holds_the_file_then_succeeds(path):
    holder = _hold(path, 1.5)
    told = []
    started = time.monotonic()
    try:
        with db.session(path, wait=30, on_wait=lambda: told.append(time.monotonic())) as con:
            waited = time.monotonic() - started
            assert con.execute("SELECT count(*) FROM units").fetchone()[0] > 0
    finally:
        holder.wait(30)
    assert len(told) == 1  # told once, however many retries
    assert 0.8 < waited < 20


def test_waiting_longer_than_the_bound_is_database_busy(path):
    holder = _hold(path, 20)
    try:
        started = time.monotonic()
        with pytest.raises(db.DatabaseBusy) as caught, db.session(path, wait=0.5):
            pass
        assert 0.4 < time.monotonic() - started < 5
    finally:
        holder.kill()
        holder.wait(10)
    assert str(caught.value) == "không mở được cơ sở dữ liệu (đang bận quá 0,5 giây)"
    assert not db.is_open(path)
    with db.session(path, wait=5):  # usable again once the other process is gone
        assert db.is_open(path)


def test_linger_keeps_the_file_open_briefly_for_the_next_session(path):
    db.release(path)  # nobody holds it: releasing does nothing
    con = db.acquire(path)
    db.release(path, linger=0.3)
    assert db.is_open(path)
    assert db.acquire(path) is con  # reused within the linger: no reopen
    db.release(path, linger=0.3)
    time.sleep(0.8)
    assert not db.is_open(path)


def _cli(args: list[str], env: dict, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "oversight", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_a_command_on_a_busy_database_says_so_in_one_sentence_and_exits_75(path, tmp_path):
    holder = _hold(path, 60)
    env = {"OVERSIGHT_DB": str(path), "OVERSIGHT_DATA": str(tmp_path / "data"), "OVERSIGHT_LOCK_WAIT": "1"}
    try:
        done = _cli(["uploads", "list", "--format", "json"], env)
    finally:
        holder.kill()
        holder.wait(10)
    assert done.returncode == cli.EXIT_BUSY == 75
    log = tmp_path / "data" / "logs" / "cli.log"
    assert done.stderr.splitlines() == [
        "Lỗi: không mở được cơ sở dữ liệu (đang bận quá 1 giây); hãy chạy lại lệnh sau ít phút. "
        f"Chi tiết đã ghi vào {log}."
    ]
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert "DatabaseBusy" in log.read_text(encoding="utf-8")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700


@pytest.mark.slow
def test_a_command_waits_for_a_write_elsewhere_and_then_works(path, tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_UNTIL_TOLD, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "held"
    command = subprocess.Popen(
        [sys.executable, "-m", "oversight", "uploads", "list", "--format", "json"],
        cwd=ROOT,
        env={**os.environ, "OVERSIGHT_DB": str(path), "OVERSIGHT_LOCK_WAIT": "120"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(8)  # long enough to start and find the file busy (a second or two on an idle machine)
        assert command.poll() is None  # still waiting, not failed
    finally:
        holder.communicate("go\n", timeout=30)
    out, err = command.communicate(timeout=120)
    assert command.returncode == 0, err
    assert out.strip() == "[]" and err == ""


def test_an_unexpected_error_is_one_sentence_and_a_logged_traceback(path, tmp_path, monkeypatch, capsys):
    from oversight.ingest import cli as ingest_cli

    def broken(args):
        raise ValueError("something deep went wrong")

    monkeypatch.setattr(ingest_cli, "run_uploads_list", broken)
    status = cli.main(["uploads", "--db", str(path), "list"])
    err = capsys.readouterr().err
    log = tmp_path / "data" / "logs" / "cli.log"
    assert status == 1
    assert err.splitlines() == [
        f"Lỗi: lệnh «uploads» gặp lỗi không lường trước. Chi tiết đã ghi vào {cli._shown(log)}."
    ]
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "something deep went wrong" in text
    assert not db.is_open(path)  # the command's session ended with it


BUSY_SERVER = """
import sys, threading, time
sys.path.insert(0, sys.argv[3])
from oversight import db
path, seconds = sys.argv[1], float(sys.argv[2])
runs, stop = [], time.monotonic() + seconds

def user(offset):
    time.sleep(offset)
    while time.monotonic() < stop:
        with db.session(path, wait=60, linger=0.3):  # a page run of 0.4 s
            runs.append(time.monotonic())
            time.sleep(0.4)

threads = [threading.Thread(target=user, args=(i * 0.1,)) for i in range(4)]  # overlapping: never idle
for t in threads:
    t.start()
while not db.is_open(path):
    time.sleep(0.01)
print("held", flush=True)
for t in threads:
    t.join()
print(len(runs), max(b - a for a, b in zip(runs, runs[1:])), flush=True)
"""


def test_a_process_whose_sessions_overlap_lets_a_waiting_process_in(path):
    """The dashboard under many users keeps the file open through overlapping page runs; a command waiting for the
    file (an ingest beside the server, found by bench/ws_load_bench.py: «đang bận quá 30 giây» under 20 sessions)
    now gets it: the holder lets no new session join while another process waits, closes the file when its runs
    in progress end, and resumes after the command."""
    busy = subprocess.Popen(
        [sys.executable, "-c", BUSY_SERVER, str(path), "6", str(ROOT)], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    try:
        assert busy.stdout.readline().strip() == "held"
        time.sleep(0.5)
        started = time.monotonic()
        with db.session(path, wait=5, linger=0) as con:  # DatabaseBusy before: the file was never idle
            waited = time.monotonic() - started
            con.execute("CREATE TABLE written_by_the_command AS SELECT 1 AS x")
            time.sleep(1.0)  # the holder's sessions wait meanwhile
        runs, longest_gap = busy.communicate(timeout=60)[0].split()
    finally:
        busy.kill()
        busy.wait(10)
    assert waited < 2.0  # one run in progress (0.4 s) and the holder's retry pauses
    assert float(longest_gap) >= 0.9  # the holder's runs paused while the command held the file
    assert int(runs) > 20  # and went on before and after it
    with db.session(path, wait=5) as con:
        assert con.execute("SELECT x FROM written_by_the_command").fetchone()[0] == 1
    assert not list(Path(str(path) + ".waiting").glob("*"))  # no waiting note left behind
