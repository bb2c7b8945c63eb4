"""Issue 15 part 2: one statement of the incremental cache refresh against an earlier text of it, alternating in one
process (process-to-process noise on this machine is larger than one statement's change).

    .venv/bin/python bench/cache_statement_ab.py --db bench/out/metrics_bench_10000000_1000000_1000000_3321.duckdb \\
        [--rows 800000] [--rounds 3]

The database is copied to bench/out/cache_statement_ab.duckdb (the source is never written); a one-month case upload
(bench/cache_bench.py's) is inserted and the caches rebuilt once; then, per round, each variant in turn (the order
alternating): the upload counted (incremental refresh timed) and rolled back (timed), with the five slowest
statements of each refresh. The variants: queries/cache/clear_items_dirty.sql as committed, and BEFORE, its text
until ebfa181 (a row-value IN list)."""

from __future__ import annotations

import argparse
import collections
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import cache_bench  # noqa: E402

from oversight import access, metrics_cache, sql  # noqa: E402
from oversight import db as dbmod  # noqa: E402
from oversight.config import load_settings  # noqa: E402

NAME = "cache/clear_items_dirty"
BEFORE = """delete from metrics_item_cache
where (kind, item_key) in (select (kind, item_key) from metrics_cache_dirty)"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--rows", type=int, default=800_000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    path = cache_bench.OUT / "cache_statement_ab.duckdb"
    shutil.copy(args.db, path)
    variants = {"committed": sql.load_sql(NAME), "before": BEFORE}
    chosen = {"text": variants["committed"]}
    real_load, real_run = sql.load_sql, sql.run
    times: dict[str, float] = collections.defaultdict(float)

    def load(name: str) -> str:
        return chosen["text"] if name == NAME else real_load(name)

    def run(cur, name, **params):
        t = time.perf_counter()
        result = real_run(cur, name, **params)
        times[name] += time.perf_counter() - t
        return result

    sql.load_sql, sql.run = load, run
    samples: dict[tuple[str, str], list[float]] = collections.defaultdict(list)
    print(f"load average before: {cache_bench.load()}")
    with access.acting_as(access.operator()):
        con = dbmod.open_database(path)
        settings = load_settings(path)
        upload = cache_bench.insert_upload(con, args.rows, 100_000_000)
        metrics_cache.refresh_mode(con, force=True, settings=settings)
        for round_ in range(args.rounds):
            order = ("committed", "before") if round_ % 2 == 0 else ("before", "committed")
            for label in order:
                chosen["text"] = variants[label]
                for state in ("active", "rolled_back"):
                    times.clear()
                    cache_bench.set_state(con, upload, state)
                    t = time.perf_counter()
                    mode = metrics_cache.refresh_mode(con, settings=settings)
                    elapsed = time.perf_counter() - t
                    if mode != metrics_cache.INCREMENTAL:
                        raise SystemExit(f"expected the incremental path, got {mode!r}")
                    samples[(label, state)].append(elapsed)
                    slowest = sorted(times.items(), key=lambda kv: -kv[1])[:5]
                    print(f"{label} {state} {elapsed:.2f} s | " + ", ".join(f"{k} {v:.2f}" for k, v in slowest))
        con.close()
    print(f"load average after: {cache_bench.load()}")
    print("| refresh (s) | variant | min / median / max |")
    print("|---|---|---|")
    for (label, state), values in sorted(samples.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        print(f"| {state} | {label} | {min(values):.2f} / {statistics.median(values):.2f} / {max(values):.2f} |")
    path.unlink()
    path.with_name(path.name + ".wal").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
