"""The first start: time to the first figures and to the whole demo history, staged against all at once.

    .venv/bin/python bench/first_start_bench.py [--runs 3] [--old-runs 2] [--write]

Each run is a fresh process on an empty data folder (no demo files, no database), as a fresh install starts; the
clock starts when the process starts (imports included: a fresh server pays them too):
    staged   oversight.bootstrap.load_demo_first (the latest month written and loaded, caches built), then the
             overview's first figures (metrics.province_kpis and unit_metrics of the latest month) = «first
             figures»; then start_history in its background thread, joined = «whole history»
    old      oversight.bootstrap.load_demo (every month written and loaded, caches built), then the same figures:
             «first figures» = «whole history»
and checks at the end that both hold the same uploads (88) and the same province counts for every month.
Prints a Markdown table; --write puts it into bench/RESULTS_first_start.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STARTED = time.perf_counter()


def one(mode: str, data: Path) -> dict:
    """Inside the child: load the demo the `mode` way and report the times (seconds since the process began)."""
    os.environ["OVERSIGHT_DATA"] = str(data)
    os.environ["OVERSIGHT_DB"] = str(data / "oversight.duckdb")
    sys.path.insert(0, str(ROOT))
    from oversight import access, bootstrap, db, metrics, periods
    from oversight.ingest.load import list_uploads
    from oversight.metrics import data_range

    def figures(con) -> None:
        last = data_range(con)[1]
        period = periods.month_containing(last)
        metrics.province_kpis(con, period)
        metrics.unit_metrics(con, period)

    out: dict = {"mode": mode, "imports": time.perf_counter() - STARTED}
    with access.acting_as(access.system()), db.session() as con:
        if mode == "staged":
            bootstrap.load_demo_first(con)
        else:
            bootstrap.load_demo(con)
        figures(con)
        out["first"] = time.perf_counter() - STARTED
        if mode == "staged":
            bootstrap.start_history(con)
    if mode == "staged":
        bootstrap.wait_for_history()
    out["full"] = time.perf_counter() - STARTED
    with access.acting_as(access.system()), db.session() as con:
        first, last = data_range(con)
        months, month = [], periods.month_containing(last)
        while month.end >= first:
            kpis = metrics.province_kpis(con, month)
            months.append([month.id, kpis["tasks_total"], kpis["cases_total"], kpis["feedback_total"]])
            month = month.previous()
        out["months"] = months
        out["uploads"] = len(list_uploads(con)) if bootstrap.history_progress(con) is None else -1
    return out


def run(mode: str) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"first_start_{mode}_") as tmp:
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, __file__, "--one", mode, "--data", tmp],
            cwd=ROOT, capture_output=True, text=True, check=True,
        )  # fmt: skip
        result = json.loads(done.stdout.strip().splitlines()[-1])
        result["wall"] = time.perf_counter() - started
        return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--old-runs", type=int, default=2)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--one")
    parser.add_argument("--data")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one, Path(args.data))))
        return
    load_before = os.getloadavg()[0]
    staged: list[dict] = []
    old: list[dict] = []
    for i in range(max(args.runs, args.old_runs)):  # alternate, so both meet the same load
        if i < args.runs:
            staged.append(run("staged"))
            print("staged", {k: round(v, 1) for k, v in staged[-1].items() if isinstance(v, float)}, flush=True)
            report(args, staged, old, load_before)  # after every run: a cut-short bench still says what it saw
        if i < args.old_runs:
            old.append(run("old"))
            print("old", {k: round(v, 1) for k, v in old[-1].items() if isinstance(v, float)}, flush=True)
            report(args, staged, old, load_before)


def report(args, staged: list[dict], old: list[dict], load_before: float) -> None:
    if not staged or not old:
        return
    same = all(r["months"] == old[0]["months"] and r["uploads"] == old[0]["uploads"] for r in staged + old)

    def med(rows, key):
        return statistics.median(r[key] for r in rows)

    def runs(rows, key):
        return ", ".join(f"{r[key]:.1f}" for r in rows)

    text = "\n".join(
        [
            "# The first start: staged against all at once",
            "",
            "Command:",
            "",
            f"    .venv/bin/python bench/first_start_bench.py --runs {args.runs} --old-runs {args.old_runs} --write",
            "",
            f"Runs done: {len(staged)} staged, {len(old)} old (of {args.runs} and {args.old_runs} asked for).",
            "",
            f"Measured {datetime.now():%Y-%m-%d %H:%M} UTC on 2 cores shared with other work (load average "
            f"{load_before:.2f} before, {os.getloadavg()[0]:.2f} after). Each run: a fresh process on an empty data "
            "folder, clock from the process start (imports included).",
            "",
            "| path | first figures (median) | runs | whole history (median) | runs |",
            "|---|---:|---|---:|---|",
            f"| staged (latest month first, the rest in the background) | {med(staged, 'first'):.1f} s | "
            f"{runs(staged, 'first')} | {med(staged, 'full'):.1f} s | {runs(staged, 'full')} |",
            f"| old (every month, then the figures) | {med(old, 'first'):.1f} s | {runs(old, 'first')} | "
            f"{med(old, 'full'):.1f} s | {runs(old, 'full')} |",
            "",
            f"- Target: first figures within 15 s: **{'met' if med(staged, 'first') <= 15 else 'not met'}** "
            f"({med(staged, 'first'):.1f} s, {med(old, 'first') / med(staged, 'first'):.1f}× sooner than the old path).",
            f"- Same result: {old[0]['uploads']} uploads, the province's task, case and feedback totals of every one "
            f"of {len(old[0]['months'])} months equal in every run: **{'yes' if same else 'NO'}**.",
            "",
        ]
    )
    print(text)
    if args.write:
        (ROOT / "bench" / "RESULTS_first_start.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
