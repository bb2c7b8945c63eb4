"""A custom period at 10 million cases (issue 15, part 3): the overview's calls for 02/10-31/10/2025, which is not a
run of whole months, so its items are classified (queries/staging/20_kind_counts.sql). A benchmark, never a timed
test.

    .venv/bin/python bench/custom_bench.py --before /work/wt/before-c \
        --db bench/out/metrics_bench_10000000_1000000_1000000_3321.duckdb \
        --before-db /work/wt/before-c/bench/out/metrics_bench_10000000_1000000_1000000_3321.duckdb [--rounds 2]

Each side ("after" = this checkout, "before" = another checkout with .venv linked) reads its own copy of the
database (the staging SQL differs, so their metrics caches do), in its own process, the sides alternating, for
--rounds rounds. In the process: the caches are refreshed (not timed), each figure is called once (warm-up), then
--runs times: wall and CPU time (time.process_time, every thread of the process: DuckDB's work) per call, the
load average before and after the process. Prints a Markdown table of min / median / max.
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

FIGURES = {
    "kpis": "province_kpis 02/10-31/10/2025 (with its previous period 02/09-01/10)",
    "commune_ranking": "unit_metrics 02/10-31/10/2025, communes (ranking)",
    "unit_metrics_all": "unit_metrics 02/10-31/10/2025, all groups",
    "worst_units": "worst_units score 02/10-31/10/2025, top 10",
    "kpis_field": "province_kpis 02/10-31/10/2025, one field (Lĩnh vực 3)",
    "kpis_quarter": "province_kpis 03/07-30/09/2025 (with 04/04-02/07; both near a run of months)",
    "kpis_mid": "province_kpis 16/09-15/10/2025 (with 17/08-15/09; bounds mid-month: classified from the items)",
}


def child(root: Path, db: Path, runs: int) -> dict:
    sys.path.insert(0, str(root))
    from oversight import access, metrics, metrics_cache, periods
    from oversight import db as dbmod
    from oversight.config import load_settings

    load_before = os.getloadavg()[0]
    custom = periods.custom(date(2025, 10, 2), date(2025, 10, 31))
    quarter = periods.custom(date(2025, 7, 3), date(2025, 9, 30))
    mid = periods.custom(date(2025, 9, 16), date(2025, 10, 15))
    out: dict = {"figures": {}}
    with access.acting_as(access.operator()):
        con = dbmod.open_database(db)
        settings = load_settings(db)
        t = time.perf_counter()
        metrics_cache.refresh_cache(con)
        out["refresh_s"] = time.perf_counter() - t
        calls = {
            "kpis": lambda: metrics.province_kpis(con, custom, settings),
            "commune_ranking": lambda: metrics.unit_metrics(con, custom, "commune", settings=settings),
            "unit_metrics_all": lambda: metrics.unit_metrics(con, custom, "all", settings=settings),
            "worst_units": lambda: metrics.worst_units(con, custom, "score", settings=settings),
            "kpis_field": lambda: metrics.province_kpis(con, custom, settings, field="Lĩnh vực 3"),
            "kpis_quarter": lambda: metrics.province_kpis(con, quarter, settings),
            "kpis_mid": lambda: metrics.province_kpis(con, mid, settings),
        }
        for name, fn in calls.items():
            fn()
            wall, cpu = [], []
            for _ in range(runs):
                c, w = time.process_time(), time.perf_counter()
                fn()
                wall.append((time.perf_counter() - w) * 1000)
                cpu.append((time.process_time() - c) * 1000)
            out["figures"][name] = {"wall": wall, "cpu": cpu}
        con.close()
    out["load"] = [load_before, os.getloadavg()[0]]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", type=Path, required=True)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--before-db", type=Path, required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.db, args.runs)))
        return
    sides = {"after": (ROOT, args.db), "before": (args.before.resolve(), args.before_db)}
    results: dict = {"after": [], "before": []}
    for i in range(args.rounds):
        order = ("before", "after") if i % 2 == 0 else ("after", "before")
        for side in order:
            root, db = sides[side]
            cmd = [sys.executable, __file__, "--child", str(root), "--db", str(db), "--before", str(root),
                   "--before-db", str(db), "--runs", str(args.runs)]  # fmt: skip
            done = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=root)
            result = json.loads(done.stdout.strip().splitlines()[-1])
            results[side].append(result)
            print(f"round {i + 1} {side}: load {result['load'][0]:.2f} -> {result['load'][1]:.2f}", flush=True)
    print()
    print("| figure | before wall | after wall | before CPU | after CPU | after/before wall | after/before CPU |")
    print("|---|---:|---:|---:|---:|---:|---:|")

    def cell(side: str, name: str, what: str) -> tuple[str, float]:
        values = [v for r in results[side] for v in r["figures"][name][what]]
        med = statistics.median(values)
        return f"**{med:.0f}** ({min(values):.0f}-{max(values):.0f})", med

    for name, label in FIGURES.items():
        bw, bwm = cell("before", name, "wall")
        aw, awm = cell("after", name, "wall")
        bc, bcm = cell("before", name, "cpu")
        ac, acm = cell("after", name, "cpu")
        print(f"| {label} | {bw} | {aw} | {bc} | {ac} | {awm / bwm:.2f} | {acm / bcm:.2f} |")


if __name__ == "__main__":
    main()
