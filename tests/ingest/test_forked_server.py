"""The reading children's forkserver forked from the command itself (isolation.start_here, used by
`python -m oversight ingest`; issue 15 part 1): the imports are paid once, and nothing else changes — the children
come from a server that is a fork of the command (not a second interpreter), are still killed at their memory and
time bounds, see the OVERSIGHT_* settings of the moment of the call, and the server ends with the command. A
process that is not clean (another thread running) falls back to the fresh interpreter.

Each check runs in a process of its own (a fresh `python -c`), as the command line does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time

from oversight.config import ROOT

SCRIPT = textwrap.dedent(
    """
    import json, os, sys, threading
    from oversight.ingest import isolation
    if sys.argv[1] == "thread":
        stop = threading.Event()
        threading.Thread(target=stop.wait, daemon=True).start()
    started = isolation.start_here()
    from multiprocessing import forkserver
    from tests.ingest import forked
    out = {"started": started, "me": os.getpid(), "server": forkserver._forkserver._forkserver_pid}
    if sys.argv[1] == "thread":
        stop.set()
        print(json.dumps(out), flush=True)
        raise SystemExit
    bounds = isolation.Bounds(memory_mb=300, seconds=5)
    out["child_parent"] = isolation.run(forked.parent_pid, bounds=bounds)
    out["pandas"] = isolation.run(forked.pandas_was_there, bounds=bounds)
    os.environ["OVERSIGHT_PROBE"] = "sau khi khởi động"
    out["setting"] = isolation.run(forked.setting, "OVERSIGHT_PROBE", bounds=bounds)
    out["allocated"] = isolation.run(forked.allocate, 20, bounds=bounds)
    for what, func, arg in (("memory", forked.allocate, 600), ("time", forked.sleep, 30)):
        small = isolation.Bounds(memory_mb=300, seconds=2)
        try:
            isolation.run(func, arg, bounds=small)
            out[what] = "not refused"
        except isolation.Exceeded as exc:
            out[what] = exc.what
    out["after"] = isolation.run(forked.allocate, 1, bounds=bounds)
    print(json.dumps(out), flush=True)
    """
)


def run(mode: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, mode], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().split(") ")[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_the_children_come_from_a_fork_of_the_command_and_keep_their_bounds():
    out = run("clean")
    assert out["started"] is True
    server = out["server"]
    assert server not in (None, out["me"])
    assert out["child_parent"] == server  # forked by the server
    assert out["pandas"] is True  # imported by the command before the fork: not imported again
    assert out["setting"] == "sau khi khởi động"  # the settings of the call, not of the server's start
    assert out["allocated"] == 20 << 20
    assert out["memory"] == "memory"
    assert out["time"] == "time"
    assert out["after"] == 1 << 20  # the server still serves after a child was killed
    deadline = time.monotonic() + 10
    while alive(server) and time.monotonic() < deadline:  # it ends with the command
        time.sleep(0.05)
    assert not alive(server)


def test_a_process_with_another_thread_starts_nothing():
    out = run("thread")
    assert out["started"] is False
    assert out["server"] is None


def test_the_command_line_takes_the_forked_server():
    """`python -m oversight ingest` starts its server with start_here (oversight/__main__.py), so no fresh
    interpreter running multiprocessing's forkserver appears beside it."""
    text = (ROOT / "oversight" / "__main__.py").read_text(encoding="utf-8")
    assert "isolation.start_here()" in text
    env = dict(os.environ)
    probe = textwrap.dedent(
        """
        import runpy, sys
        from multiprocessing import forkserver, util
        spawned = []
        real = util.spawnv_passfds
        util.spawnv_passfds = lambda exe, args, fds: spawned.append(args) or real(exe, args, fds)
        sys.argv = ["oversight", "ingest", "--help"]
        try:
            runpy.run_module("oversight", run_name="__main__")
        except SystemExit:
            pass
        print("SPAWNED", [a for a in spawned if any("forkserver" in str(x) for x in a)])
        print("SERVER", forkserver._forkserver._forkserver_pid is not None)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert "SPAWNED []" in done.stdout, done.stdout + done.stderr
    assert "SERVER True" in done.stdout, done.stdout + done.stderr
