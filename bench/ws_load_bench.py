"""Concurrency (issue 15 part 4): N sessions as real websocket clients against a real `streamlit run dashboard.py`
on loopback, while a real `python -m oversight ingest` of an openpyxl case list commits into the same database.
A benchmark, never a timed test.

    .venv/bin/python bench/ws_load_bench.py [--source DB] [--sessions 20] [--before 60] [--after 60]
                                            [--rows 50000] [--think 2] [--timeout 120]

What it does, as a user and a browser would:
- copies --source (default the 10 M-case bench database; never written) to bench/out/ws_load.duckdb, brings its
  metrics cache up to date (outside the timings) and adds a leader account with `python -m oversight users add`;
- writes the case list with bench/ingest_bench.py's openpyxl writer (Đồng Nai's units as exports spell them);
- starts `python -m streamlit run dashboard.py` on a free loopback port and waits for /_stcore/health;
- opens --sessions sessions (at most --login-concurrency logging in at once). Each logs in like the browser: a
  websocket to /_stcore/stream (subprotocol "streamlit"), a rerun that draws the login form, a rerun carrying the
  form's widget states (user name, password, the submit button's trigger), the one-time code the page hands to the
  browser posted to /auth/xac-nhan, whose answer sets the HttpOnly session cookie; then a new websocket with that
  cookie, which runs the root page (the overview), and then the pages in turn, each selected by its
  page_script_hash from the navigation message as a click in the menu does, with a random think time between;
- after --before seconds starts the ingest beside the server, and keeps the sessions going --after seconds after
  it ends; then closes the sessions and stops the server (also on failure or Ctrl-C).

Each page run is timed from sending the rerun_script BackMsg to receiving its script_finished ForwardMsg, and
checked: no exception element, no error box (oversight.ui.errors' «Mã lỗi» or any other st.error), the page
asked for (the navigation's page hash and the page's h1 heading; never the login form), finished within --timeout,
websocket open. A run is "before" when it ended before the ingest started, "after" when it started after the
ingest ended, otherwise "during". Writes bench/RESULTS_ws.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import http.client
import http.cookies
import json
import math
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
DEFAULT_SOURCE = Path("/work/main/bench/out/metrics_bench_10000000_1000000_1000000_3321.duckdb")
RESULTS = ROOT / "bench" / "RESULTS_ws.md"
COOKIE_NAME = "oversight_session"  # oversight.auth.sessions.COOKIE_NAME (not imported: the client stays light)
COLLECT_PATH = "/auth/xac-nhan"  # oversight.ui.server.COLLECT_PATH

# page -> (its address, the h1 heading it draws; None: the unit page is headed by the unit's name)
PAGES: dict[str, tuple[str, str | None]] = {
    "overview": ("tong-quan", "Tổng quan"),
    "rankings": ("xep-hang", "Xếp hạng đơn vị"),
    "tasks": ("nhiem-vu", "Nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao"),
    "cases": ("tthc", "Giải quyết thủ tục hành chính"),
    "feedback": ("phan-anh", "Phản ánh, kiến nghị (đường dây 1022)"),
    "unit": ("don-vi", None),
    "brief": ("bao-cao-nhanh", "Báo cáo nhanh"),
}
LOGIN_HEADING = "Đăng nhập"
ERROR_NUMBER = "Mã lỗi"  # oversight.ui.errors.MESSAGE
HAND_MARK = "<!-- written by hand below: kept when the script rewrites the file -->"
BENCH_USER = "ws.bench"
BENCH_PASSWORD = "Kiểm tra tải đồng thời — 2025"


# ------------------------------------------------------------------------------------------ the client


@dataclass
class RunResult:
    """What one script run sent back (the last run, when the script reran itself)."""

    status: str = "ok"  # ok | timeout | closed | compile_error
    seconds: float | None = None  # rerun request -> script_finished
    headings: list[str] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (type, text)
    html: list[str] = field(default_factory=list)
    widgets: dict[str, object] = field(default_factory=dict)  # label -> TextInput / Button proto
    page_hash: str | None = None  # the navigation's current page
    pages: dict[str, str] = field(default_factory=dict)  # url_pathname -> page_script_hash
    reruns: int = 0  # runs that ended early for a rerun the script asked for
    messages: int = 0


class StreamlitClient:
    """One browser tab's websocket conversation with a Streamlit 1.67 server, without the browser."""

    def __init__(self, base_url: str, cookie: str | None = None) -> None:
        self.base_url = base_url
        self.cookie = cookie
        self.ws = None

    async def open(self, timeout: float) -> None:
        from websockets.asyncio.client import connect

        headers = {"Origin": self.base_url}
        if self.cookie:
            headers["Cookie"] = f"{COOKIE_NAME}={self.cookie}"
        self.ws = await asyncio.wait_for(
            connect(
                self.base_url.replace("http", "ws", 1) + "/_stcore/stream",
                subprotocols=["streamlit"],
                additional_headers=headers,
                max_size=None,  # a page's dataframes may exceed websockets' 1 MiB default
                ping_interval=None,  # browsers send no websocket pings; a busy server must not be timed out
                open_timeout=timeout,
            ),
            timeout,
        )

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.ws.close(), 5)
            self.ws = None

    async def run(
        self, *, page_name: str = "", page_hash: str = "", query: str = "", widgets=(), timeout: float = 120
    ) -> RunResult:
        """Send a rerun_script request and read the answer until its script_finished (or the timeout)."""
        from streamlit.proto.Alert_pb2 import Alert
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
        from websockets.exceptions import ConnectionClosed

        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = query
        state.page_name = page_name
        state.page_script_hash = page_hash
        state.widget_states.widgets.extend(widgets)
        result = RunResult()
        started = time.perf_counter()
        deadline = started + timeout
        try:
            await self.ws.send(msg.SerializeToString())
            while True:
                left = deadline - time.perf_counter()
                if left <= 0:
                    raise TimeoutError
                fm = ForwardMsg.FromString(await asyncio.wait_for(self.ws.recv(), left))
                result.messages += 1
                kind = fm.WhichOneof("type")
                if kind == "new_session":  # a new run: what the superseded run drew is replaced
                    result.headings, result.problems, result.html, result.widgets = [], [], [], {}
                elif kind == "navigation":
                    result.page_hash = fm.navigation.page_script_hash
                    result.pages = {p.url_pathname: p.page_script_hash for p in fm.navigation.app_pages}
                elif kind == "page_not_found":
                    result.problems.append(("page_not_found", fm.page_not_found.page_name))
                elif kind == "delta" and fm.delta.HasField("new_element"):
                    el = fm.delta.new_element
                    which = el.WhichOneof("type")
                    if which == "heading":
                        result.headings.append(el.heading.body)
                    elif which == "exception":
                        result.problems.append(("exception", f"{el.exception.type}: {el.exception.message}"))
                    elif which == "alert" and el.alert.format == Alert.ERROR:
                        kind_ = "app_error" if ERROR_NUMBER in el.alert.body else "error_box"
                        result.problems.append((kind_, el.alert.body))
                    elif which == "html":
                        result.html.append(el.html.body)
                    elif which in ("text_input", "button"):
                        widget = getattr(el, which)
                        result.widgets[widget.label] = widget
                elif kind == "script_finished":
                    status = fm.script_finished
                    if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        result.reruns += 1
                        continue
                    if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                        result.status = "compile_error"
                    result.seconds = time.perf_counter() - started
                    return result
        except TimeoutError:
            result.status = "timeout"
        except ConnectionClosed:
            result.status = "closed"
        return result


def collect_cookie(base_url: str, handoff: str, timeout: float = 60) -> str:
    """What the browser does with the login's one-time code: a same-site form post to the login route, whose
    303 answer sets the HttpOnly session cookie."""
    parts = urllib.parse.urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        body = urllib.parse.urlencode({"t": handoff, "next": "/"})
        conn.request(
            "POST",
            COLLECT_PATH,
            body=body,
            headers={"Origin": base_url, "Content-Type": "application/x-www-form-urlencoded"},
        )
        answer = conn.getresponse()
        answer.read()
        jar = http.cookies.SimpleCookie()
        for header in answer.headers.get_all("Set-Cookie") or []:
            jar.load(header)
        if answer.status != 303 or COOKIE_NAME not in jar:
            raise RuntimeError(f"login route answered {answer.status} without the session cookie")
        return jar[COOKIE_NAME].value
    finally:
        conn.close()


async def log_in(base_url: str, username: str, password: str, timeout: float) -> str:
    """Log in through the login form over a websocket, as a browser tab does; returns the session cookie."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    tab = StreamlitClient(base_url)
    await tab.open(timeout)
    try:
        form = await tab.run(timeout=timeout)
        if form.status != "ok" or LOGIN_HEADING not in form.headings:
            raise RuntimeError(f"no login form ({form.status}, headings {form.headings}, {form.problems})")
        name, secret, submit = (form.widgets.get(label) for label in ("Tên đăng nhập", "Mật khẩu", "Đăng nhập"))
        if name is None or secret is None or submit is None:
            raise RuntimeError(f"login form without its widgets: {sorted(form.widgets)}")
        states = [
            WidgetState(id=name.id, string_value=username),
            WidgetState(id=secret.id, string_value=password),
            WidgetState(id=submit.id, trigger_value=True),
        ]
        answer = await tab.run(widgets=states, timeout=timeout)
        if answer.status != "ok":
            raise RuntimeError(f"login run: {answer.status}")
        found = [m.group(1) for body in answer.html for m in [re.search(r'"t":\s*"([^"]+)"', body)] if m]
        if not found:
            raise RuntimeError(f"no session handoff after the login ({answer.problems}, {answer.headings})")
    finally:
        await tab.close()
    return await asyncio.to_thread(collect_cookie, base_url, found[0], timeout)


def check(page: str, run: RunResult, pages: dict[str, str]) -> list[tuple[str, str]]:
    """The problems of one page run: errors shown, timeouts, a closed websocket, another page than asked."""
    problems = list(run.problems)
    if run.status != "ok":
        problems.append((run.status, page))
        return problems
    url, heading = PAGES[page]
    h1 = run.headings[0] if run.headings else None
    if LOGIN_HEADING in run.headings:
        problems.append(("wrong_page", f"{page}: the login form"))
    elif run.page_hash != pages.get(url) and not (page == "overview" and run.page_hash == pages.get("")):
        problems.append(("wrong_page", f"{page}: navigation at {run.page_hash}"))
    elif (h1 != heading) if heading is not None else (h1 is None or h1 in {h for _, h in PAGES.values()}):
        problems.append(("wrong_page", f"{page}: heading {h1!r}"))
    return problems


# ------------------------------------------------------------------------------------------ the load


@dataclass
class Sample:
    session: int
    page: str
    start: float  # monotonic
    end: float
    seconds: float | None
    problems: list[tuple[str, str]]
    warmup: bool = False

    def status_ok(self) -> bool:
        return not any(kind in ("timeout", "closed") for kind, _ in self.problems)


async def session_loop(
    idx: int, base_url: str, args, samples: list[Sample], stop: asyncio.Event, ready: asyncio.Event,
    gate: asyncio.Semaphore, ready_count: list[int],
) -> None:  # fmt: skip
    """One user: log in, open the root, then the pages in turn (a different starting page per session)."""
    rng = random.Random(idx)
    order = list(PAGES)
    order = order[idx % len(order) :] + order[: idx % len(order)]
    tab = None
    arrived = False

    def arrive() -> None:  # this session is in (or gave up): the ingest waits for every session to arrive
        nonlocal arrived
        if not arrived:
            arrived = True
            ready_count[0] += 1
            if ready_count[0] >= args.sessions:
                ready.set()

    try:
        async with gate:
            start = time.monotonic()
            try:
                cookie = await log_in(base_url, BENCH_USER, BENCH_PASSWORD, args.timeout)
                tab = StreamlitClient(base_url, cookie)
                await tab.open(args.timeout)
            except Exception as exc:  # noqa: BLE001 - recorded as the session's failure
                samples.append(Sample(idx, "login", start, time.monotonic(), None, [("login_failed", repr(exc))]))
                return
        t0 = time.monotonic()
        first = await tab.run(timeout=args.timeout)
        pages = first.pages
        samples.append(
            Sample(idx, "overview", t0, time.monotonic(), first.seconds, check("overview", first, pages), True)
        )
        arrive()
        k = 0
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), rng.uniform(0.5, 1.5) * args.think)
            if stop.is_set():
                break
            page = order[k % len(order)]
            k += 1
            t0 = time.monotonic()
            run = await tab.run(page_hash=pages.get(PAGES[page][0], ""), timeout=args.timeout)
            samples.append(Sample(idx, page, t0, time.monotonic(), run.seconds, check(page, run, pages)))
            if run.status != "ok":  # a stray answer may follow: start a fresh tab, as a reload would
                await tab.close()
                tab = StreamlitClient(base_url, cookie)
                try:
                    await tab.open(args.timeout)
                    reopened = await tab.run(timeout=args.timeout)
                    pages = reopened.pages or pages
                except Exception as exc:  # noqa: BLE001
                    samples.append(Sample(idx, "reconnect", t0, time.monotonic(), None, [("ws_failure", repr(exc))]))
                    return
    finally:
        arrive()
        if tab is not None:
            await tab.close()


# ------------------------------------------------------------------------------------------ processes


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def app_env(db: Path) -> dict[str, str]:
    return {**os.environ, "OVERSIGHT_DB": str(db), "OVERSIGHT_DATA": str(db.parent / "ws_data")}


def start_server(db: Path, port: int, log: Path) -> subprocess.Popen:
    """`streamlit run dashboard.py` as a user starts it, in a process group of its own (stopped as a whole)."""
    return subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard.py", "--server.port", str(port),
         "--server.headless", "true", "--server.address", "127.0.0.1"],
        cwd=ROOT, env=app_env(db), stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float) -> float:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.read() == b"ok":
                    return time.monotonic() - started
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the server was not healthy within {timeout} s")


def stop_group(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=15)


def prepare_database(source: Path, db: Path) -> dict:
    """A fresh copy, its metrics cache current, and the bench's leader account (made on the command line)."""
    started = time.monotonic()
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    shutil.rmtree(db.parent / "ws_data", ignore_errors=True)
    shutil.copyfile(source, db)
    copied = time.monotonic() - started
    code = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "from oversight import db, metrics_cache\n"
        "con = db.open_database(sys.argv[2]); print(metrics_cache.refresh_cache(con)); con.close()\n"
    )
    subprocess.run([sys.executable, "-c", code, str(ROOT), str(db)], cwd=ROOT, env=app_env(db), check=True)
    cached = time.monotonic() - started - copied
    add = subprocess.run(
        [sys.executable, "-m", "oversight", "users", "add", BENCH_USER, "--role", "leader", "--password-stdin"],
        cwd=ROOT, env=app_env(db), input=BENCH_PASSWORD + "\n", capture_output=True, text=True,
    )  # fmt: skip
    if add.returncode != 0:
        raise RuntimeError(f"users add failed: {add.stdout} {add.stderr}")
    return {"copy_s": copied, "cache_s": cached}


def case_list(rows: int) -> Path:
    """The upload: bench/ingest_bench.py's openpyxl case list (kept between runs; deterministic)."""
    path = OUT / f"ws_upload_{rows}.xlsx"
    if not path.exists():
        sys.path.insert(0, str(ROOT / "bench"))
        from ingest_bench import build

        build(path, rows)
    return path


# ------------------------------------------------------------------------------------------ the run


async def drive(base_url: str, db: Path, upload: Path, args, samples: list[Sample]) -> dict:
    stop, ready = asyncio.Event(), asyncio.Event()
    gate = asyncio.Semaphore(args.login_concurrency)
    ready_count = [0]
    tasks = [
        asyncio.create_task(session_loop(i, base_url, args, samples, stop, ready, gate, ready_count))
        for i in range(args.sessions)
    ]
    info: dict = {}
    ingest = None
    try:
        opened = time.monotonic()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(ready.wait(), args.timeout * 3)
        info["sessions_ready"] = sum(1 for s in samples if s.warmup)
        info["login_s"] = time.monotonic() - opened
        await asyncio.sleep(args.before)
        info["ingest_start"] = time.monotonic()
        ingest = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "oversight", "ingest", str(upload), cwd=ROOT, env=app_env(db),
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        try:
            out, err = await asyncio.wait_for(ingest.communicate(), args.ingest_timeout)
        except TimeoutError:
            ingest.kill()
            out, err = await ingest.communicate()
            info["ingest_timed_out"] = True
        info["ingest_end"] = time.monotonic()
        info["ingest_rc"] = ingest.returncode
        info["ingest_out"] = out.decode(errors="replace").strip()
        info["ingest_err"] = err.decode(errors="replace").strip()[-2000:]
        await asyncio.sleep(args.after)
    finally:
        stop.set()
        if ingest is not None and ingest.returncode is None:
            ingest.kill()
            await ingest.wait()
        _, pending = await asyncio.wait(tasks, timeout=args.timeout + 10)
        for task in pending:
            task.cancel()
        info["unfinished_sessions"] = len(pending)
        for task in tasks:
            if task.done() and not task.cancelled() and task.exception() is not None:
                samples.append(Sample(-1, "session", 0, 0, None, [("client_crash", repr(task.exception()))]))
    return info


def phase(sample: Sample, info: dict) -> str:
    if sample.warmup:
        return "first"
    if "ingest_start" not in info or sample.end < info["ingest_start"]:
        return "before"
    if sample.start > info.get("ingest_end", math.inf):
        return "after"
    return "during"


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def versions() -> dict[str, str]:
    from importlib.metadata import version

    out = {"python": platform.python_version()}
    for name in ("streamlit", "duckdb", "websockets", "openpyxl", "fastexcel", "pyarrow"):
        with contextlib.suppress(Exception):
            out[name] = version(name)
    return out


def report(args, samples: list[Sample], info: dict, prep: dict, load: tuple, upload: Path, db_rows: str) -> str:
    phases = ("first", "before", "during", "after")
    cells: dict[tuple[str, str], list[float]] = {}
    counts: dict[tuple[str, str], int] = {}
    errors: dict[str, int] = {}
    examples: dict[str, str] = {}
    for s in samples:
        p = phase(s, info)
        counts[(s.page, p)] = counts.get((s.page, p), 0) + 1
        if s.seconds is not None and s.status_ok():
            cells.setdefault((s.page, p), []).append(s.seconds)
        for kind, text in s.problems:
            errors[kind] = errors.get(kind, 0) + 1
            examples.setdefault(kind, f"{s.page}: {text[:200]}")
    total_errors = sum(errors.values())
    ingest_s = info.get("ingest_end", 0) - info.get("ingest_start", 0)
    printed = info.get("ingest_out", "").splitlines() or ["(nothing)"]
    lines = [
        "# Concurrency: websocket sessions during an upload (issue 15 part 4)",
        "",
        "Command:",
        "",
        f"    .venv/bin/python bench/ws_load_bench.py --source {args.source} --sessions {args.sessions} "
        f"--before {args.before:g} --after {args.after:g} --rows {args.rows} --think {args.think:g} "
        f"--timeout {args.timeout:g}",
        "",
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.node() or 'this machine'}: "
        f"{os.cpu_count()} cores, {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB; "
        + ", ".join(f"{k} {v}" for k, v in versions().items())
        + ".",
        f"Load average before: {load[0][0]:.2f} {load[0][1]:.2f} {load[0][2]:.2f}; after: "
        f"{load[1][0]:.2f} {load[1][1]:.2f} {load[1][2]:.2f} (shared machine: other helpers were working).",
        f"Database: a copy of `{args.source.name}` ({db_rows}); prepared outside the timings "
        f"(copy {prep['copy_s']:.1f} s, metrics cache brought up to date {prep['cache_s']:.1f} s).",
        f"Sessions: {args.sessions} websocket clients (not browsers), {info.get('sessions_ready', 0)} logged in "
        f"through the login form (at most {args.login_concurrency} at once; all in {info.get('login_s', 0):.1f} s); "
        f"each then runs the pages in turn with a think time of {args.think:g} s × U(0.5, 1.5) between runs; "
        f"per-run timeout {args.timeout:g} s.",
        f"Upload: `python -m oversight ingest {upload.name}` ({args.rows:,} cases, written by openpyxl through "
        f"bench/ingest_bench.py) started {args.before:g} s after all sessions were in, beside the server: "
        f"**{ingest_s:.1f} s** wall, exit status {info.get('ingest_rc')}"
        + (" (killed: over --ingest-timeout)" if info.get("ingest_timed_out") else "")
        + f"; it printed: `{' / '.join(line.strip() for line in printed if 'Đã nạp' in line) or printed[-1]}`.",
        f"After the ingest the sessions went on {args.after:g} s.",
        "",
        f"**Errors: {total_errors}**"
        + (" (" + ", ".join(f"{k}: {v}" for k, v in sorted(errors.items())) + ")" if errors else "")
        + f"; sessions still unfinished at the end: {info.get('unfinished_sessions', 0)}; "
        f"server log lines with «Traceback»: {info.get('tracebacks', 0)}.",
    ]
    for kind, text in sorted(examples.items()):
        lines.append(f"- first {kind}: {text}")
    lines += [
        "",
        "Script time per page run, from the rerun request to script_finished, in seconds: p50 / p95 / max "
        "(nearest-rank) and the number of runs. «first» is each session's first page (the overview, "
        "right after its login).",
        "",
        "| page | " + " | ".join(phases) + " | during/before p50 | during/before p95 |",
        "|---|" + "---|" * len(phases) + "---:|---:|",
    ]
    for page in PAGES:
        row = [page]
        for p in phases:
            vals = cells.get((page, p), [])
            n = counts.get((page, p), 0)
            row.append(f"{pct(vals, 0.5):.2f} / {pct(vals, 0.95):.2f} / {max(vals):.2f} ({n})" if vals else f"– ({n})")
        b, d = cells.get((page, "before"), []), cells.get((page, "during"), [])
        if b and d:
            row += [f"{pct(d, 0.5) / pct(b, 0.5):.2f}×", f"{pct(d, 0.95) / pct(b, 0.95):.2f}×"]
        else:
            row += ["–", "–"]
        lines.append("| " + " | ".join(row) + " |")
    allv = {p: [s.seconds for s in samples if phase(s, info) == p and s.seconds is not None] for p in phases}
    lines.append(
        "| **all pages** | "
        + " | ".join(
            f"{pct(v, 0.5):.2f} / {pct(v, 0.95):.2f} / {max(v):.2f} ({len(v)})" if v else "–" for v in allv.values()
        )
        + " | "
        + (
            f"{pct(allv['during'], 0.5) / pct(allv['before'], 0.5):.2f}× | "
            f"{pct(allv['during'], 0.95) / pct(allv['before'], 0.95):.2f}× |"
            if allv["before"] and allv["during"]
            else "– | – |"
        )
    )
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="database to copy (never written)")
    ap.add_argument("--db", type=Path, default=OUT / "ws_load.duckdb", help="the copy the server and ingest use")
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--login-concurrency", type=int, default=4)
    ap.add_argument("--before", type=float, default=60, help="seconds of load before the ingest starts")
    ap.add_argument("--after", type=float, default=60, help="seconds of load after the ingest ends")
    ap.add_argument("--rows", type=int, default=50_000, help="cases in the uploaded case list")
    ap.add_argument("--think", type=float, default=2.0, help="mean seconds between a session's page runs")
    ap.add_argument("--timeout", type=float, default=120, help="seconds a page run may take")
    ap.add_argument("--ingest-timeout", type=float, default=900)
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args()
    if not args.source.exists():
        sys.exit(f"{args.source} is missing: build it with .venv/bin/python bench/metrics_bench.py")
    OUT.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the finally blocks on a kill too

    load_before = os.getloadavg()
    upload = case_list(args.rows)
    prep = prepare_database(args.source, args.db)
    db_rows = subprocess.run(
        [sys.executable, "-c",
         "import duckdb,sys; c=duckdb.connect(sys.argv[1], read_only=True); "
         "print(', '.join(f'{c.execute(f\"SELECT count(*) FROM {t}\").fetchone()[0]:,} {t}' "
         "for t in ('cases','tasks','feedback')))", str(args.db)],
        capture_output=True, text=True,
    ).stdout.strip() or "sizes unknown"  # fmt: skip
    port = free_port()
    log = OUT / "ws_streamlit.log"
    server = None
    samples: list[Sample] = []
    info: dict = {}
    try:
        server = start_server(args.db, port, log)
        base_url = f"http://127.0.0.1:{port}"
        info["health_s"] = wait_healthy(base_url, server, 180)
        info.update(asyncio.run(drive(base_url, args.db, upload, args, samples)))
    finally:
        stop_group(server)
    text = log.read_text(errors="replace")
    info["tracebacks"] = text.count("Traceback")
    load_after = os.getloadavg()
    out = report(args, samples, info, prep, (load_before, load_after), upload, db_rows)
    kept_part = ""  # the hand-written part (findings, earlier runs) after HAND_MARK is kept across runs
    if args.out.exists() and HAND_MARK in (old := args.out.read_text(encoding="utf-8")):
        kept_part = "\n" + old[old.index(HAND_MARK) :]
    args.out.write_text(out + kept_part, encoding="utf-8")
    print(out)
    raw = [
        {
            "session": s.session,
            "page": s.page,
            "phase": phase(s, info),
            "seconds": s.seconds,
            "problems": s.problems,
            "start": s.start - info.get("ingest_start", 0),
            "end": s.end - info.get("ingest_start", 0),
        }  # fmt: skip
        for s in samples
    ]
    kept = {"info": {k: v for k, v in info.items()}, "samples": raw}
    (OUT / "ws_samples.json").write_text(json.dumps(kept, ensure_ascii=False, default=str), encoding="utf-8")
    print(json.dumps({"errors": sum(len(s.problems) for s in samples), "runs": len(samples),
                      "median_all": statistics.median([s.seconds for s in samples if s.seconds] or [0])}))  # fmt: skip


if __name__ == "__main__":
    main()
