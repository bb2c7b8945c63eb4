"""What writing the facts lake adds to an upload (issue 15, part 5; bench only, not a timed test).

    .venv/bin/python bench/lake_bench.py [--rows 200000] [--reps 3] [--cli-reps 1]

The 200,000-row case list of bench/ingest_bench.py (built once, reused). Each repetition runs both contenders, each
in a fresh interpreter (order alternating between repetitions), on a fresh copy of one database (migrated, registry
seeded, before the clock starts):
    off   prepare() + commit() with OVERSIGHT_LAKE_DIR=off (no lake)
    on    prepare() + commit() with the lake on (the default folder beside the database): the commit includes the
          hook (oversight.lake.after_commit: the upload's fact files, the manifest and unit files), timed on its own
          too; then the hook once more with nothing new (what a rollback costs: manifest and unit files only)
and the whole `python -m oversight ingest` process, lake off and on, alternating, wall time seen from outside.
Writes bench/RESULTS_lake.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.ingest_bench import BUILD_VERSION, build, machine  # noqa: E402

OUT = ROOT / "bench" / "out"
RESULTS = ROOT / "bench" / "RESULTS_lake.md"


def worker(mode: str, path: Path, base: Path, workdir: Path) -> dict:
    db = workdir / "oversight.duckdb"
    shutil.copy(base, db)
    os.environ["OVERSIGHT_DATA"] = str(workdir / "data")
    os.environ["OVERSIGHT_DB"] = str(db)
    os.environ["OVERSIGHT_LAKE_DIR"] = "off" if mode == "off" else str(workdir / "lake")
    from oversight import access, lake
    from oversight.db import open_database
    from oversight.ingest.pipeline import commit, prepare

    hook = {"seconds": 0.0}
    original = lake.after_commit

    def timed(con):
        t = time.perf_counter()
        try:
            return original(con)
        finally:
            hook["seconds"] += time.perf_counter() - t

    lake.after_commit = timed
    con = open_database(db)
    t0 = time.perf_counter()
    with access.acting_as(access.system()):
        plan = prepare(path.read_bytes(), path.name, con)
        t1 = time.perf_counter()
        result = commit(con, plan, "bench")
    t2 = time.perf_counter()
    info = {"mode": mode, "prepare": t1 - t0, "commit": t2 - t1, "total": t2 - t0, "hook": hook["seconds"],
            "rows": result.rows_loaded, "status": result.status}  # fmt: skip
    if mode == "on":
        files = sorted((workdir / "lake" / "facts").rglob("*.parquet"))
        info["files"] = len(files)
        info["lake_mib"] = sum(p.stat().st_size for p in files) / 2**20
        t = time.perf_counter()
        lake.after_commit = original
        original(con)
        info["manifest_only"] = time.perf_counter() - t
    con.close()
    return info


def run_child(mode: str, path: Path, base: Path) -> dict:
    workdir = OUT / f"lake_bench_work_{mode}"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    cmd = [sys.executable, __file__, "--worker", mode, "--file", str(path), "--base", str(base),
           "--workdir", str(workdir)]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True)
    shutil.rmtree(workdir, ignore_errors=True)
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_cli(mode: str, path: Path, base: Path) -> float:
    """The whole `python -m oversight ingest` process into a copy of the database, wall time from outside."""
    workdir = OUT / f"lake_bench_cli_{mode}"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    db = workdir / "oversight.duckdb"
    shutil.copy(base, db)
    env = {**os.environ, "OVERSIGHT_DATA": str(workdir / "data"), "OVERSIGHT_DB": str(db),
           "OVERSIGHT_LAKE_DIR": "off" if mode == "off" else str(workdir / "lake")}  # fmt: skip
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "oversight", "ingest", "--db", str(db), str(path)], env=env,
                          capture_output=True, text=True, cwd=ROOT)  # fmt: skip
    wall = time.perf_counter() - t
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    if mode == "on":
        assert list((workdir / "lake" / "facts").rglob("*.parquet")), "the lake was not written"
    shutil.rmtree(workdir, ignore_errors=True)
    return wall


def stats(values: list[float]) -> str:
    return f"{min(values):.2f} / {statistics.median(values):.2f} / {max(values):.2f}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--cli-reps", type=int, default=1, help="repetitions of the whole-process pair")
    ap.add_argument(
        "--existing",
        type=Path,
        help="start from a copy of this database (e.g. the 10 M-case metrics bench), its lake taken as up to date",
    )
    ap.add_argument("--worker")
    ap.add_argument("--file", type=Path)
    ap.add_argument("--base", type=Path)
    ap.add_argument("--workdir", type=Path)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.file, args.base, args.workdir)))
        return
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"ingest_bench_cases_{args.rows}_v{BUILD_VERSION}.xlsx"
    if not path.exists():
        build(path, args.rows)
    base = OUT / "lake_bench_base.duckdb"
    base.unlink(missing_ok=True)
    env = {**os.environ, "OVERSIGHT_DATA": str(OUT / "lake_bench_data"), "OVERSIGHT_DB": str(base)}
    if args.existing:
        shutil.copy(args.existing, base)
    # migrated and seeded; with --existing, every upload already recorded as in the lake (only the new one is written)
    subprocess.run([sys.executable, "-c", "import sys; from oversight.db import open_database; from oversight import "
                    "lake, sql; con = open_database(sys.argv[1]); ids = [r['upload_id'] for r in "
                    "sql.rows(con.cursor(), 'lake/export_uploads_ids')]; [lake.record_written(con, d, ids) for d in "
                    "sys.argv[2:]]; con.close()", str(base),
                    *([str(OUT / "lake_bench_work_on" / "lake")] if args.existing else [])],
                   env=env, check=True, cwd=ROOT)  # fmt: skip
    existing_rows = None
    if args.existing:
        import duckdb

        con = duckdb.connect(str(base), read_only=True)
        existing_rows = con.execute("select (select count(*) from cases) + (select count(*) from tasks) + "
                                    "(select count(*) from feedback)").fetchone()[0]  # fmt: skip
        con.close()
    load_before = os.getloadavg()
    runs: dict[str, list[dict]] = {"off": [], "on": []}
    cli: dict[str, list[float]] = {"off": [], "on": []}
    for rep in range(args.reps):
        order = ("off", "on") if rep % 2 == 0 else ("on", "off")
        for mode in order:
            runs[mode].append(run_child(mode, path, base))
        if rep < args.cli_reps:
            for mode in order:
                cli[mode].append(run_cli(mode, path, base))
    load_after = os.getloadavg()
    m = machine()
    on, off = runs["on"], runs["off"]
    hook = [r["hook"] for r in on]
    ratio_commit = [a["commit"] / b["commit"] for a, b in zip(on, off, strict=True)]
    ratio_total = [a["total"] / b["total"] for a, b in zip(on, off, strict=True)]
    ratio_cli = [a / b for a, b in zip(cli["on"], cli["off"], strict=True)] or [float("nan")]
    cli = {k: v or [float("nan")] for k, v in cli.items()}
    share = [r["hook"] / r["total"] for r in on]
    lines = [
        "# Facts lake: what every upload's lake write adds (issue 15, part 5)",
        "",
        f"Command: `.venv/bin/python bench/lake_bench.py --rows {args.rows} --reps {args.reps} "
        f"--cli-reps {args.cli_reps}" + (f" --existing {args.existing}" if args.existing else "") + "`  ",
        f"Machine: {m['nproc']} cores ({m['cpu']}), {m['mem_gib']:.0f} GiB; Python {m['python']}; "
        + ", ".join(f"{k} {v}" for k, v in m["versions"].items())
        + "  ",
        f"Load average before: {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}; after: "
        f"{load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f} (the machine is shared with other helpers' "
        "benchmarks and tests: absolute seconds are noisy, the side-by-side ratios less so).  ",
        f"File: the {args.rows:,}-row case list of bench/ingest_bench.py ({path.stat().st_size / 2**20:.1f} MiB), "
        f"{on[0]['rows']:,} rows loaded; into a fresh copy of "
        + (
            f"`{args.existing.name}` ({existing_rows:,} rows of items already, their lake taken as up to date)"
            if args.existing
            else "a migrated, seeded database"
        )
        + f" each time; the new upload's lake files: {on[0]['files']}, {on[0]['lake_mib']:.1f} MiB.",
        "",
        f"Each figure min / median / max over {args.reps} repetitions; off and on alternate in order.",
        "",
        "| figure | lake off | lake on | on ÷ off (per repetition, min / median / max) |",
        "|---|---|---|---|",
        f"| prepare() (read, validate) s | {stats([r['prepare'] for r in off])} | {stats([r['prepare'] for r in on])} | |",
        f"| commit() s (on: with the lake hook) | {stats([r['commit'] for r in off])} | "
        f"{stats([r['commit'] for r in on])} | {stats(ratio_commit)} |",
        f"| prepare + commit s | {stats([r['total'] for r in off])} | {stats([r['total'] for r in on])} | "
        f"{stats(ratio_total)} |",
        f"| the hook alone s (upload's files + manifest + unit files) | | {stats(hook)} | "
        f"share of prepare + commit: {stats(share)} |",
        f"| the hook with nothing new s (a rollback: manifest + unit files) | | "
        f"{stats([r['manifest_only'] for r in on])} | |",
        *(
            []
            if not args.cli_reps
            else [
                f"| whole `python -m oversight ingest` process s (wall, from outside; {args.cli_reps} repetition(s)) | "
                f"{stats(cli['off'])} | {stats(cli['on'])} | {stats(ratio_cli)} |"
            ]
        ),
        "",
        "The hook reads only the new upload's rows (queries/lake/partitions_of_upload.sql, then one COPY per kind and "
        "month) and rewrites the province's manifest and unit files; the earlier uploads' files are not touched.",
        "",
    ]
    text = "\n".join(lines)
    target = RESULTS if not args.existing else RESULTS.with_name("RESULTS_lake_existing.md")
    target.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
