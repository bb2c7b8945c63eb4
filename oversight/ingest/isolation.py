"""Reading an uploaded file in a child process with a memory and a time bound.

A file's size says little about what reading it costs: a 125 MB .xlsx can hold 48 million shared strings,
a web page saved as .xls can make a parser crawl. The guards (oversight/ingest/guards.py) refuse what they
can see from the bytes; everything else is bounded here: the reading runs in a child process that is killed
when its resident memory passes `max_parse_mb` (default 1024 MiB) or it runs longer than `max_parse_seconds`
(default 30 s), and the upload is then refused with a Vietnamese message. The page's script thread only
waits, so other sessions keep being served; the server's memory never holds what the child expanded.

Children are forked from a forkserver started once per process (a clean, single-threaded parent with the
reading modules imported), so a child costs milliseconds, not an interpreter start. The child gets the
OVERSIGHT_* settings of the caller at the moment of the call, never those of when the forkserver started.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

POLL_SECONDS = 0.02
PAGE = os.sysconf("SC_PAGE_SIZE")
PRELOAD = ["oversight.ingest.pipeline", "fastexcel"]  # readers imports fastexcel at its first .xlsx

_lock = threading.Lock()
_context: mp.context.BaseContext | None = None


@dataclass(frozen=True)
class Bounds:
    memory_mb: int
    seconds: float


class Exceeded(Exception):
    """The child passed a bound; str() is the Vietnamese reason."""

    def __init__(self, what: str, message: str):
        super().__init__(message)
        self.what = what  # 'memory' | 'time' | 'crash'


def _ctx() -> mp.context.BaseContext:
    global _context
    with _lock:
        if _context is None:
            ctx = mp.get_context("forkserver")
            ctx.set_forkserver_preload(PRELOAD)
            _context = ctx
        return _context


def start() -> None:
    """Start the forkserver now rather than at the first file: it imports the reading modules in an interpreter
    of its own, so a command line that calls this first (`python -m oversight ingest`, see oversight/__main__.py)
    has it ready while importing its own modules and opening the database, on the other core."""
    from multiprocessing import forkserver

    _ctx()
    forkserver.ensure_running()


def start_here() -> bool:
    """Start the forkserver as a fork of this process, once it has imported the reading modules itself, instead
    of a fresh interpreter importing them all again (~1 CPU-second: pandas, duckdb, pyarrow, fastexcel and the
    readers). For a command line that reads files and exits (`python -m oversight ingest`, oversight/__main__.py):
    called first thing, before any database is opened, any Python thread started or any setting read, so the
    forkserver is as clean as a fresh one. The native threads present then (numpy's OpenBLAS pool, pyarrow's
    jemalloc background thread) are those a fresh forkserver also has when it forks the reading children, and
    both libraries re-arm after a fork.

    The forked server runs multiprocessing's own loop (multiprocessing.forkserver.main) on a listening socket and
    an "alive" pipe made as ForkServer.ensure_running makes them; it holds only the pipe's read end, so it exits
    when this process (and every reading child) has. Returns False, having started nothing, when the process is
    not in that clean state (another Python thread, a forkserver already running): start() then does as before.
    """
    import socket
    from multiprocessing import connection, forkserver, resource_tracker, util

    for name in PRELOAD:
        __import__(name)
    server = forkserver._forkserver
    _ctx()
    with server._lock:
        if server._forkserver_pid is not None or threading.active_count() != 1:
            return False
        resource_tracker.ensure_running()
        with socket.socket(socket.AF_UNIX) as listener:
            address = connection.arbitrary_address("AF_UNIX")
            listener.bind(address)
            if not util.is_abstract_socket_namespace(address):
                os.chmod(address, 0o600)
            listener.listen()
            alive_r, alive_w = os.pipe()
            for stream in (sys.stdout, sys.stderr):  # nothing buffered before the fork is written twice by a child
                if stream is not None:
                    stream.flush()
            pid = os.fork()
            if pid == 0:  # the forkserver: never returns into the command's code
                code = 0
                try:
                    os.close(alive_w)
                    forkserver.main(listener.fileno(), alive_r, [])
                except SystemExit:
                    pass
                except BaseException:  # noqa: BLE001 - reported, then the server ends as multiprocessing's would
                    code = 1
                    import traceback

                    traceback.print_exc()
                finally:
                    os._exit(code)
            os.close(alive_r)
        server._forkserver_address = address
        server._forkserver_alive_fd = alive_w
        server._forkserver_pid = pid
    return True


def _rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * PAGE
    except (OSError, ValueError, IndexError):
        return 0


def _child(conn, env: dict[str, str], func: Callable, args: tuple, kwargs: dict) -> None:
    for key in [k for k in os.environ if k.startswith("OVERSIGHT_")]:
        del os.environ[key]
    os.environ.update(env)
    try:
        result = ("ok", func(*args, **kwargs))
    except BaseException as exc:  # noqa: BLE001 - handed to the parent, which raises it there
        result = ("error", exc)
    try:
        conn.send(result)
    except Exception as exc:  # noqa: BLE001 - an unpicklable result or exception
        conn.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))
    finally:
        conn.close()


def run(func: Callable, *args: Any, bounds: Bounds, **kwargs: Any) -> Any:
    """func(*args, **kwargs) in a child process within `bounds`; its result, or its exception re-raised, or
    Exceeded when the child passed a bound (it is killed at once)."""
    ctx = _ctx()
    receive, send = ctx.Pipe(duplex=False)
    env = {k: v for k, v in os.environ.items() if k.startswith("OVERSIGHT_")}
    child = ctx.Process(target=_child, args=(send, env, func, args, kwargs), daemon=True)
    child.start()
    send.close()
    limit = bounds.memory_mb * (1 << 20)
    deadline = time.monotonic() + bounds.seconds
    peak = 0
    try:
        while True:
            if receive.poll(POLL_SECONDS):
                try:
                    status, value = receive.recv()
                except EOFError:
                    status, value = "crash", None
                break
            if not child.is_alive():
                status, value = "crash", None
                break
            peak = max(peak, _rss_bytes(child.pid))
            if peak > limit:
                child.kill()
                raise Exceeded("memory", f"cần hơn {bounds.memory_mb} MiB bộ nhớ")
            if time.monotonic() > deadline:
                child.kill()
                raise Exceeded("time", f"chưa đọc xong sau {bounds.seconds:g} giây")
    finally:
        receive.close()
        child.join(5)
        if child.is_alive():
            child.kill()
            child.join()
    if status == "ok":
        return value
    if status == "error":
        raise value
    raise Exceeded("crash", f"tiến trình đọc tệp dừng bất thường (mã {child.exitcode})")
