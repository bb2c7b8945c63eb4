"""Issue 15 part 2: what an upload (and its rollback) costs the metrics caches, incremental refresh against the full
rebuild, side by side on a copy of the metrics bench database (bench/metrics_bench.py).

    .venv/bin/python bench/cache_bench.py --db bench/out/base10m.duckdb --runs 3 --rows 800000 5000

The database is copied to bench/out/cache_bench.duckdb (the source is never written). For each size, a one-month case
upload like the bench's monthly ones (received over November 2025, the month after the data; 10 % still open, 1 %
paused) is inserted once, rolled back, and the caches rebuilt in full. Each run then: the upload counted again
(state 'active', as a new upload: the same rows marked, the same months rebuilt) → incremental refresh timed; the
upload rolled back → incremental refresh timed; for each size in turn. One forced full rebuild per run (of the state
without the uploads, 10.6 M case rows; after the 800k upload it has 7 % more), before the incremental ones in even
runs and after them in odd runs, so they alternate. Every incremental refresh is checked to be the incremental path
(not the fallback)."""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from oversight import access, metrics_cache  # noqa: E402
from oversight import db as dbmod  # noqa: E402
from oversight.config import load_settings  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def insert_upload(con: duckdb.DuckDBPyConnection, rows: int, offset: int) -> int:
    """A one-month case upload (November 2025), inserted rolled back (not counted yet); its upload id."""
    upload_id = con.execute(
        "INSERT INTO uploads (kind, file_name, sha256, uploaded_by, state)"
        " VALUES ('cases', ?, 'x', 'bench', 'rolled_back') RETURNING upload_id",
        [f"hoso_11_2025_{rows}.xlsx"],
    ).fetchone()[0]
    span = 30 * 24 * 3600
    n_units = con.execute(
        "SELECT count(*) FROM units WHERE valid_to IS NULL AND unit_group IN ('commune', 'department')"
    ).fetchone()[0]
    con.execute(
        f"""
        INSERT INTO cases (upload_id, source_row, case_code, procedure_name, field, unit_id, unit_name, channel,
                           received, due, done, status_text, status_code)
        WITH units_ AS (
            SELECT row_number() OVER (ORDER BY unit_id) - 1 AS k, unit_id, name
            FROM units WHERE valid_to IS NULL AND unit_group IN ('commune', 'department')
        ),
        g AS (
            SELECT i, hash(i) AS h,
                   TIMESTAMP '2025-11-01 00:00:00' + to_seconds(CAST(hash(i) % {span} AS BIGINT)) AS received
            FROM range({offset}, {offset + rows}) t(i)
        )
        SELECT ?, i - {offset}, 'HSN' || i, 'Thủ tục ' || (h % 50), 'Lĩnh vực ' || (h % 12),
               u.unit_id, u.name,
               CASE WHEN h % 3 = 0 THEN 'online' ELSE 'offline' END,
               received,
               received + to_days(CAST(3 + h % 12 AS INTEGER)),
               CASE WHEN h % 10 = 0 THEN NULL ELSE received + to_hours(CAST(h % 400 AS BIGINT)) END,
               NULL, CASE WHEN h % 97 = 0 THEN 'paused' WHEN h % 89 = 0 THEN 'returned' END
        FROM g JOIN units_ u ON u.k = g.h % {n_units}
        """,  # noqa: S608 (synthetic bench data, numbers only)
        [upload_id],
    )
    return upload_id


def set_state(con: duckdb.DuckDBPyConnection, upload_id: int, state: str) -> None:
    con.execute("UPDATE uploads SET state = ? WHERE upload_id = ?", [state, upload_id])


def timed_refresh(con, settings, force: bool, expect: str) -> float:
    t = time.perf_counter()
    mode = metrics_cache.refresh_mode(con, force=force, settings=settings)
    elapsed = time.perf_counter() - t
    if mode != expect:
        raise SystemExit(f"expected the {expect} path, got {mode!r}")
    return elapsed


def stats(values: list[float]) -> str:
    return f"{min(values):.2f} / {statistics.median(values):.2f} / {max(values):.2f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, default=OUT / "base10m.duckdb")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--rows", type=int, nargs="+", default=[800_000, 5_000])
    args = ap.parse_args()
    path = OUT / "cache_bench.duckdb"
    shutil.copy(args.db, path)
    print(f"python {platform.python_version()}, duckdb {duckdb.__version__}, {os.cpu_count()} cores")
    print(f"load average before: {load()}")
    with access.acting_as(access.operator()):
        con = dbmod.open_database(path)
        settings = load_settings(path)
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("cases", "tasks", "feedback")}  # noqa: S608
        print(f"rows: {counts}")
        uploads = {}
        for i, rows in enumerate(args.rows):
            uploads[rows] = insert_upload(con, rows, 100_000_000 * (i + 1))
        t = time.perf_counter()
        metrics_cache.refresh_mode(con, force=True, settings=settings)
        print(f"first full rebuild: {time.perf_counter() - t:.1f} s")
        samples: dict[str, list[float]] = {"full": []}
        for rows in uploads:
            samples[f"up{rows}"] = []
            samples[f"rb{rows}"] = []
        for run in range(args.runs):
            if run % 2 == 0:
                samples["full"].append(timed_refresh(con, settings, True, metrics_cache.FULL))
            for rows, upload_id in uploads.items():
                set_state(con, upload_id, "active")
                samples[f"up{rows}"].append(timed_refresh(con, settings, False, metrics_cache.INCREMENTAL))
                set_state(con, upload_id, "rolled_back")
                samples[f"rb{rows}"].append(timed_refresh(con, settings, False, metrics_cache.INCREMENTAL))
            if run % 2 == 1:
                samples["full"].append(timed_refresh(con, settings, True, metrics_cache.FULL))
            print(f"run {run + 1}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in samples.items()), flush=True)
        con.close()
    print(f"load average after: {load()}")
    print()
    print("| change | incremental (s) min / median / max | full rebuild (s) min / median / max | full / incremental |")
    print("|---|---|---|---|")
    full = samples["full"]
    for rows in uploads:
        for label, key in ((f"upload of {rows:,} cases", f"up{rows}"), (f"its rollback ({rows:,})", f"rb{rows}")):
            ratio = statistics.median(full) / statistics.median(samples[key])
            print(f"| {label} | {stats(samples[key])} | {stats(full)} | {ratio:.1f}× |")
    path.unlink()
    for suffix in (".wal",):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


if __name__ == "__main__":
    main()
