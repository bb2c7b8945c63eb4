"""Page speed with Streamlit's AppTest (issue 5 target: on the 10-million-case database every page's script run
completes in under 1.5 s warm; the first page after start in under 4 s). A benchmark, never a timed test.

    .venv/bin/python bench/pages_bench.py [--db PATH] [--runs 5] [--period m2025-10]

PATH defaults to the database bench/metrics_bench.py builds (10 M cases, 1 M tasks, 1 M feedback, 3,321 communes).
The metrics cache is brought up to date first (outside the timings). "First page after start" is the overview's
first script run in a fresh process; "warm" is the median of --runs further runs of each page in one session.
Writes bench/RESULTS_pages.md (copied into bench/RESULTS.md by the ingestion bench script).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_DB = ROOT / "bench" / "out" / "metrics_bench_10000000_1000000_1000000_3321.duckdb"
RESULTS = ROOT / "bench" / "RESULTS_pages.md"
PAGES = ["overview.py", "rankings.py", "tasks.py", "cases.py", "feedback.py", "unit.py", "upload.py",
         "units_admin.py", "admin.py", "brief.py"]  # fmt: skip
BENCH_USER = "bench.admin"  # every page is timed as an admin (the one role offered every page)


def _commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    except OSError:
        return "unknown"
    return out.stdout.strip() or "unknown"


def _bench_user(con) -> int:
    """The admin account the timed sessions are logged in as (created once in the bench database)."""
    import secrets

    from oversight import access
    from oversight.auth import users

    with access.acting_as(access.operator("bench")):
        found = users.list_users(con)
        if BENCH_USER in set(found["username"]):
            return int(found.loc[found["username"] == BENCH_USER, "user_id"].iloc[0])
        return users.add_user(con, BENCH_USER, secrets.token_urlsafe(16), "admin").user_id


def _first_run(db: Path, period: str, user_id: int) -> float:
    """The overview's first script run in a fresh process (imports done before the clock starts)."""
    code = (
        "import sys, time\n"
        "root, script, period = sys.argv[1:4]\n"
        "sys.path.insert(0, root)\n"
        "from streamlit.testing.v1 import AppTest\n"
        "at = AppTest.from_file(script, default_timeout=900)\n"
        "at.query_params['period'] = period\n"
        "from oversight import db; from oversight.auth import sessions\n"
        "at.session_state['auth_session_id'] = sessions.start(db.connection(), int(sys.argv[4])).session_id\n"
        "t = time.perf_counter(); at.run(); dt = time.perf_counter() - t\n"
        "assert not at.exception, at.exception\n"
        "print(dt)\n"
    )
    env = {**os.environ, "OVERSIGHT_DB": str(db)}
    out = subprocess.run(
        [sys.executable, "-c", code, str(ROOT), str(ROOT / "dashboard.py"), period, str(user_id)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return float(out.stdout.strip().splitlines()[-1])


def _warm_runs(db: Path, period: str, runs: int, user_id: int) -> dict[str, list[float]]:
    os.environ["OVERSIGHT_DB"] = str(db)
    from streamlit.testing.v1 import AppTest

    from oversight import db as dbmod
    from oversight.auth import sessions
    from oversight.ui import login

    times: dict[str, list[float]] = {}
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=900)
    at.query_params["period"] = period
    at.session_state[login.SESSION_KEY] = sessions.start(dbmod.connection(db), user_id).session_id
    at.run()
    for page in PAGES:
        at.switch_page(str(ROOT / "pages" / page)).run()  # first run of the page: its queries are cached after it
        assert not at.exception, (page, at.exception)
        samples = []
        for _ in range(runs):
            t = time.perf_counter()
            at.run()
            samples.append(time.perf_counter() - t)
            assert not at.exception, (page, at.exception)
        times[page] = samples
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, default=DEFAULT_DB)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--period", default="m2025-10")
    args = ap.parse_args()
    if not args.db.exists():
        sys.exit(f"{args.db} is missing: build it with .venv/bin/python bench/metrics_bench.py")

    from oversight import db as dbmod
    from oversight import metrics_cache

    started = time.perf_counter()
    con = dbmod.open_database(args.db)
    rebuilt = metrics_cache.refresh_cache(con)
    user_id = _bench_user(con)
    con.close()
    prepare = time.perf_counter() - started
    first = _first_run(args.db, args.period, user_id)
    warm = _warm_runs(args.db, args.period, args.runs, user_id)

    medians = {page: statistics.median(samples) for page, samples in warm.items()}
    lines = [
        "# Page speed (issue 5)",
        "",
        "Command:",
        "",
        f"    .venv/bin/python bench/pages_bench.py --runs {args.runs} --period {args.period}",
        "",
        f"Database: `{args.db.relative_to(ROOT) if args.db.is_relative_to(ROOT) else args.db}`; measured "
        f"{date.today():%Y-%m-%d} on {os.cpu_count()} cores (load average {os.getloadavg()[0]:.2f} at the end); "
        f"commit {_commit()}.",
        f"Cache brought up to date before timing: {prepare:.1f} s ({'rebuilt' if rebuilt else 'already current'}).",
        "",
        f"First page after start (overview, fresh process, first script run): **{first:.2f} s** (target < 4 s): "
        f"{'met' if first < 4 else 'not met'}.",
        "",
        "| page | warm script run, median | runs (s) | issue 5: < 1.5 s | issue 15: ≤ 0.5 s |",
        "|---|---:|---|---|---|",
    ]
    for page, samples in warm.items():
        ok = "met" if medians[page] < 1.5 else "not met"
        ok15 = "met" if medians[page] <= 0.5 else "not met"
        runs_text = ", ".join(f"{s:.2f}" for s in samples)
        lines.append(f"| {page} | {medians[page]:.3f} s | {runs_text} | {ok} | {ok15} |")
    text = "\n".join(lines) + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    print(json.dumps({"first": first, "warm_medians": medians}))


if __name__ == "__main__":
    main()
