"""What a session per page run costs (oversight.db.session): open + first query + close, against a connection
held for the process's life (as before). A benchmark, never a timed test.

    .venv/bin/python bench/lease_bench.py [--db PATH] [--big] [--runs 15]

Without --db: the demo database (three months of the demo province, loaded through the ingestion path; built
once into bench/out/lease_demo.duckdb). With --big: the 10-million-case database of bench/metrics_bench.py
(built by it when missing, about 20 s plus a cache rebuild). Per database, medians of --runs of:
  - open + close (nothing read);
  - open + the page's first query (the data version) + close, and the same on a held connection;
  - open + the overview's KPI call (metrics.province_kpis, October 2025) + close, and the same held: the first
    figures after a reopen read through a cold buffer pool (the operating system's file cache stays warm);
  - the same with the default linger (0.3 s), each session right after the previous one (a burst: st.rerun());
  - the first session of a process (migrations checked, registry, staging views) once.
Writes bench/RESULTS_lease.md (bench/ingest_bench.py copies it into bench/RESULTS.md).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from oversight import access, metrics, metrics_cache, periods  # noqa: E402
from oversight import db as dbmod  # noqa: E402

OUT = ROOT / "bench" / "out"
DEMO = OUT / "lease_demo.duckdb"
BIG = OUT / "metrics_bench_10000000_1000000_1000000_3321.duckdb"
RESULTS = ROOT / "bench" / "RESULTS_lease.md"
OCT = periods.month(2025, 10)
VERSION_SQL = (
    "SELECT coalesce(max(upload_id), 0), count(*) FILTER (WHERE state = 'active'),"
    " count(*) FILTER (WHERE state <> 'active') FROM uploads"
)


def build_demo(path: Path) -> None:
    import tempfile

    from oversight.demo.generator import generate
    from oversight.ingest.pipeline import ingest_file

    with tempfile.TemporaryDirectory() as folder:
        generate(Path(folder), months=[date(2025, 8, 1), date(2025, 9, 1), date(2025, 10, 1)])
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        con = dbmod.open_database(partial)
        for file in sorted(Path(folder).glob("2025-*")):
            ingest_file(con, file, user="demo")
        metrics_cache.refresh_cache(con)
        con.close()
        partial.rename(path)


def build_big(path: Path) -> None:
    from bench import metrics_bench

    partial = path.with_suffix(".partial")
    metrics_bench.build(partial, 10_000_000, 1_000_000, 1_000_000, 3321)
    con = dbmod.open_database(partial)
    metrics_cache.refresh_cache(con, force=True)
    con.close()
    partial.rename(path)


def median_ms(fn, runs: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def first_query(con) -> None:
    cur = con.cursor()
    try:
        cur.execute(VERSION_SQL).fetchone()
    finally:
        cur.close()


def kpis(con) -> None:
    metrics.province_kpis(con, OCT)


def measure(path: Path, runs: int) -> dict[str, float]:
    key = str(path)
    t = time.perf_counter()
    with dbmod.session(key, linger=0):
        pass
    first = (time.perf_counter() - t) * 1000

    def session(work=None, linger=0.0):
        def run():
            with dbmod.session(key, linger=linger) as con:
                if work:
                    work(con)

        return run

    out = {"first session of a process (checks, registry, views)": first}
    out["open + close"] = median_ms(session(), runs)
    out["open + data version + close"] = median_ms(session(first_query), runs)
    out["open + overview KPIs + close"] = median_ms(session(kpis), runs)
    out["open + data version + close, right after another (linger 0.3 s)"] = median_ms(
        session(first_query, linger=0.3), runs
    )
    time.sleep(0.5)
    with dbmod.session(key) as held:
        out["held: data version"] = median_ms(lambda: first_query(held), runs)
        out["held: overview KPIs"] = median_ms(lambda: kpis(held), runs)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, default=None)
    ap.add_argument("--big", action="store_true", help="also the 10-million-case database of metrics_bench.py")
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    OUT.mkdir(exist_ok=True)
    with access.acting_as(access.operator("bench")):
        run(args)
    dbmod.close_all()


def run(args: argparse.Namespace) -> None:
    targets = []
    if args.db:
        targets.append((args.db.name, args.db))
    else:
        if not DEMO.exists():
            t = time.perf_counter()
            build_demo(DEMO)
            print(f"built {DEMO.name} in {time.perf_counter() - t:.0f} s", flush=True)
        targets.append(("demo (3 months)", DEMO))
    if args.big:
        if not BIG.exists():
            t = time.perf_counter()
            build_big(BIG)
            print(f"built {BIG.name} in {time.perf_counter() - t:.0f} s", flush=True)
        targets.append(("10 M cases, 1 M tasks, 1 M feedback", BIG))
    results = {}
    for name, path in targets:
        size = path.stat().st_size / 2**20
        results[f"{name}, {size:,.0f} MiB"] = measure(path, args.runs)
    rows = list(next(iter(results.values())))
    lines = [
        "| median of %d runs, ms | %s |" % (args.runs, " | ".join(results)),  # noqa: UP031
        "|---|" + "---:|" * len(results),
    ]
    for row in rows:
        lines.append(f"| {row} | " + " | ".join(f"{r[row]:.1f}" for r in results.values()) + " |")
    table = "\n".join(lines)
    print(table)
    if not args.no_write:
        RESULTS.write_text(
            "# Sessions per page run (bench/lease_bench.py)\n\nCommand: `.venv/bin/python bench/lease_bench.py"
            + (" --big" if args.big else "")
            + f"` ({time.strftime('%Y-%m-%d')}, 2 shared cores)\n\n{table}\n",
            encoding="utf-8",
        )
        print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
