"""Speed of the metric queries at the issue's target volume (bench only, not a timed test).

    .venv/bin/python bench/metrics_bench.py [--cases 10000000] [--tasks 1000000] [--feedback 1000000]
                                            [--communes 3321] [--rebuild] [--runs 5] [--page-runs]

Builds bench/out/metrics_bench.duckdb once (DuckDB SQL with range(); reused unless --rebuild or the sizes
change): the seeded registry plus synthetic communes up to --communes, 12 monthly case uploads from
November 2024 to October 2025 (about 5 % of the case codes re-exported in a later upload, one upload
replaced), one task and one feedback upload. Then rebuilds the metrics caches (as after an upload) and times
the median of --runs warm runs of each figure for October 2025 (and a quarter, and a custom range that is not
whole months, which is classified from the items), plus the overview page's calls together (also in one page run,
as the dashboard makes them: the caches checked once, not at every call), and prints a
Markdown table (copy it into bench/RESULTS_metrics.md). With --page-runs, only the two page-run figures (the
overview page, the commune ranking), timed in turn run after run, min / median / max: to compare two checkouts side
by side, copy this file into the other checkout's bench/ (a checkout without metrics.most_improved times the
ranking it called instead) and alternate the processes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from oversight import (
    access,  # noqa: E402
    metrics,  # noqa: E402
    metrics_cache,  # noqa: E402
    periods,  # noqa: E402
)
from oversight import db as dbmod  # noqa: E402
from oversight.config import load_settings  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
OCTOBER = periods.month(2025, 10)
QUARTER_3 = periods.quarter(2025, 3)
CUSTOM_RANGE = periods.custom(date(2025, 10, 2), date(2025, 10, 31))  # not whole months: the item-level path


def build(path: Path, n_cases: int, n_tasks: int, n_feedback: int, n_communes: int) -> None:
    if path.exists():
        path.unlink()
    con = dbmod.open_database(path)
    have = con.execute("SELECT count(*) FROM units WHERE unit_group = 'commune' AND valid_to IS NULL").fetchone()[0]
    con.execute(
        "INSERT INTO units (registry_key, code, name, short_name, unit_type, unit_group, province_code, valid_from)"
        " SELECT 'bench:' || i, lpad(CAST(90000 + i AS VARCHAR), 5, '0'), 'Xã Thử nghiệm ' || i, 'Thử nghiệm ' || i,"
        " 'Xã', 'commune', '75', DATE '2025-07-01' FROM range(?) t(i)",
        [max(0, n_communes - have)],
    )
    con.execute(
        "CREATE TEMP TABLE bench_units AS SELECT row_number() OVER (ORDER BY unit_id) - 1 AS k, unit_id, name"
        " FROM units WHERE valid_to IS NULL AND unit_group IN ('commune', 'department')"
    )
    n_units = con.execute("SELECT count(*) FROM bench_units").fetchone()[0]
    # 12 monthly case uploads (Nov 2024 .. Oct 2025), a correction upload, a replaced one
    for m in range(12):
        con.execute(
            "INSERT INTO uploads (kind, file_name, sha256, uploaded_by, period_from, period_to)"
            " VALUES ('cases', ?, 'x', 'bench', ?, ?)",
            [f"hoso_{m}.xlsx", None, None],
        )
    con.execute("INSERT INTO uploads (kind, file_name, sha256, uploaded_by) VALUES ('cases', 'sua.xlsx', 'x', 'bench')")
    con.execute(
        "INSERT INTO uploads (kind, file_name, sha256, uploaded_by, state)"
        " VALUES ('cases', 'cu.xlsx', 'x', 'bench', 'replaced')"
    )
    con.execute("INSERT INTO uploads (kind, file_name, sha256, uploaded_by) VALUES ('tasks', 'nv.xlsx', 'x', 'bench')")
    con.execute(
        "INSERT INTO uploads (kind, file_name, sha256, uploaded_by) VALUES ('feedback', 'pa.xlsx', 'x', 'bench')"
    )
    ids = dict(con.execute("SELECT file_name, upload_id FROM uploads").fetchall())
    month_ids = [ids[f"hoso_{m}.xlsx"] for m in range(12)]
    span = 365 * 24 * 3600  # received over the year to 31/10/2025
    con.execute(
        f"""
        INSERT INTO cases (upload_id, source_row, case_code, procedure_name, field, unit_id, unit_name, channel,
                           received, due, done, status_text, status_code)
        WITH g AS (
            SELECT i, hash(i) AS h,
                   TIMESTAMP '2024-11-01 00:00:00' + to_seconds(CAST(hash(i) % {span} AS BIGINT)) AS received
            FROM range({n_cases}) t(i)
        )
        SELECT list_extract(CAST(? AS INTEGER[]),
                            CAST(least(11, date_diff('month', DATE '2024-11-01', CAST(received AS DATE))) AS INTEGER) + 1),
               i, 'HS' || i, 'Thủ tục ' || (h % 50), 'Lĩnh vực ' || (h % 12),
               u.unit_id, u.name,
               CASE WHEN h % 3 = 0 THEN 'online' ELSE 'offline' END,
               received,
               received + to_days(CAST(3 + h % 12 AS INTEGER)),
               CASE WHEN h % 10 = 0 THEN NULL ELSE received + to_hours(CAST(h % 400 AS BIGINT)) END,
               NULL, CASE WHEN h % 97 = 0 THEN 'paused' WHEN h % 89 = 0 THEN 'returned' END
        FROM g JOIN bench_units u ON u.k = g.h % {n_units}
        """,
        [month_ids],
    )
    # 5 % of the codes re-exported later with a done date (the latest upload wins), 1 % in a replaced upload
    con.execute(
        "INSERT INTO cases SELECT ?, source_row, case_code, procedure_name, field, unit_id, unit_name, applicant, channel,"
        " received, due, coalesce(done, received + INTERVAL 5 DAY), returned, status_text, status_code"
        " FROM cases WHERE source_row % 20 = 0",
        [ids["sua.xlsx"]],
    )
    con.execute(
        "INSERT INTO cases SELECT ?, source_row, case_code, procedure_name, field, unit_id, unit_name, applicant, channel,"
        " received, due, NULL, returned, status_text, status_code FROM cases WHERE source_row % 100 = 1"
        " AND upload_id <> ?",
        [ids["cu.xlsx"], ids["sua.xlsx"]],
    )
    con.execute(
        f"""
        INSERT INTO tasks (upload_id, source_row, item_key, doc_number, doc_date, content, unit_id, unit_name, field,
                           received, due, done, status_text, status_code)
        WITH g AS (SELECT i, hash(i + 7) AS h FROM range({n_tasks}) t(i))
        SELECT ?, i, 'NV' || i, (h % 9000) || '/UBND-TH', DATE '2024-11-01' + CAST(h % 365 AS INTEGER),
               'Nhiệm vụ ' || i, u.unit_id, u.name, 'Lĩnh vực ' || (h % 12),
               TIMESTAMP '2024-11-01' + to_days(CAST(h % 365 AS INTEGER)),
               CASE WHEN h % 8 = 0 THEN NULL ELSE TIMESTAMP '2024-11-01' + to_days(CAST(h % 365 + 5 + h % 40 AS INTEGER)) END,
               CASE WHEN h % 4 = 0 THEN NULL ELSE TIMESTAMP '2024-11-01' + to_days(CAST(h % 365 + h % 50 AS INTEGER)) END,
               NULL, NULL
        FROM g JOIN bench_units u ON u.k = g.h % {n_units}
        """,
        [ids["nv.xlsx"]],
    )
    con.execute(
        f"""
        INSERT INTO feedback (upload_id, source_row, feedback_code, received, field, content, unit_id, unit_name,
                              due, done, status_text, status_code, rating)
        WITH g AS (SELECT i, hash(i + 11) AS h FROM range({n_feedback}) t(i))
        SELECT ?, i, 'PA' || i, TIMESTAMP '2024-11-01' + to_hours(CAST(h % (365 * 24) AS BIGINT)),
               'Lĩnh vực ' || (h % 12), 'Phản ánh ' || i, u.unit_id, u.name,
               TIMESTAMP '2024-11-01' + to_hours(CAST(h % (365 * 24) + 24 * 10 AS BIGINT)),
               CASE WHEN h % 6 = 0 THEN NULL
                    ELSE TIMESTAMP '2024-11-01' + to_hours(CAST(h % (365 * 24) + h % (24 * 15) AS BIGINT)) END,
               NULL, NULL,
               CASE WHEN h % 6 = 0 THEN NULL WHEN h % 5 = 0 THEN 'unsatisfied' ELSE 'satisfied' END
        FROM g JOIN bench_units u ON u.k = g.h % {n_units}
        """,
        [ids["pa.xlsx"]],
    )
    con.execute("CHECKPOINT")
    con.close()


def timed(fn, runs: int) -> tuple[float, object]:
    result = fn()  # warm-up (also caches the SQL text)
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples) * 1000, result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=10_000_000)
    ap.add_argument("--tasks", type=int, default=1_000_000)
    ap.add_argument("--feedback", type=int, default=1_000_000)
    ap.add_argument("--communes", type=int, default=3321)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument(
        "--page-runs",
        action="store_true",
        help="time only the two page-run figures (overview, commune ranking), alternating them run by run",
    )
    args = ap.parse_args()
    OUT.mkdir(exist_ok=True)
    path = OUT / f"metrics_bench_{args.cases}_{args.tasks}_{args.feedback}_{args.communes}.duckdb"
    if args.rebuild or not path.exists():
        t = time.perf_counter()
        partial = path.with_suffix(".partial")
        build(partial, args.cases, args.tasks, args.feedback, args.communes)
        partial.rename(path)
        print(f"built {path.name} in {time.perf_counter() - t:.1f} s")
    with access.acting_as(access.operator()):
        measure(path, args.runs, args.page_runs)


def measure(path: Path, runs: int, page_runs_only: bool = False) -> None:
    con = dbmod.open_database(path)
    settings = load_settings(path)
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("cases", "tasks", "feedback")}  # noqa: S608
    communes = con.execute("SELECT count(*) FROM units WHERE unit_group='commune' AND valid_to IS NULL").fetchone()[0]
    print(f"rows: {counts}; communes today: {communes}")
    t = time.perf_counter()
    metrics_cache.refresh_cache(con, force=True)
    print(f"cache refresh (after an upload): {time.perf_counter() - t:.1f} s")

    def overview_four():
        metrics.data_range(con)
        metrics.province_kpis(con, OCTOBER, settings)
        metrics.monthly_trend(con, OCTOBER, 12, settings=settings)
        return metrics.worst_units(con, OCTOBER, "cases_late_rate", settings=settings)

    def overview_page():
        # what pages/overview.py computes with the default filters (group all, units reported, field None):
        # the KPI cards, the 12-month trend (data.trend also reads data_range), the lagging list (its selectbox
        # starts on "score") and the "most improved" table (most_improved since e48851a; unit_metrics of all
        # groups, filtered on the page, before)
        metrics.data_range(con)
        metrics.province_kpis(con, OCTOBER, settings, field=None)
        metrics.monthly_trend(con, OCTOBER, 12, group="all", units="reported", settings=settings, field=None)
        metrics.worst_units(
            con, OCTOBER, "score", group="all", limit=10, units="reported", settings=settings, field=None
        )
        if not hasattr(metrics, "most_improved"):  # a checkout before e48851a, measured side by side
            return metrics.unit_metrics(con, OCTOBER, group="all", units="reported", settings=settings, field=None)
        return metrics.most_improved(con, OCTOBER, group="all", limit=10, units="reported", settings=settings)

    def in_page_run(fn):
        # as the dashboard calls them (oversight.ui.data): one page run, the caches checked once for all its calls
        def run():
            with metrics.page_run(con):
                return fn()

        return run

    checks = [
        ("overview page in one page run (as the dashboard runs it: caches checked once)", in_page_run(overview_page)),
        ("commune ranking in its own page run", in_page_run(
            lambda: metrics.unit_metrics(con, OCTOBER, "commune", settings=settings))),
        ("overview page as pages/overview.py: data_range + province_kpis + monthly_trend + worst_units score"
         " + most_improved all", overview_page),
        ("overview, the four calls timed before: data_range + province_kpis + monthly_trend + worst_units"
         " cases_late_rate", overview_four),
        ("field_list (the sidebar's field filter, every page)", lambda: metrics.field_list(con, OCTOBER)),
        ("data_range", lambda: [metrics.data_range(con)]),
        ("province_kpis (month + previous month)", lambda: metrics.province_kpis(con, OCTOBER, settings)),
        ("unit_metrics, all groups (score, rank, prev rank)", lambda: metrics.unit_metrics(con, OCTOBER, "all", settings=settings)),
        ("unit_metrics, commune ranking", lambda: metrics.unit_metrics(con, OCTOBER, "commune", settings=settings)),
        ("worst_units cases_late_rate, top 10", lambda: metrics.worst_units(con, OCTOBER, "cases_late_rate", settings=settings)),
        ("worst_units score, top 10", lambda: metrics.worst_units(con, OCTOBER, "score", settings=settings)),
        ("overdue_items cases, one unit", lambda: metrics.overdue_items(con, "cases", OCTOBER, unit_id=int(
            con.execute("SELECT min(unit_id) FROM units WHERE registry_key LIKE 'bench:%'").fetchone()[0] or 1))),
        ("monthly_trend, 12 months", lambda: metrics.monthly_trend(con, OCTOBER, 12, settings=settings)),
        ("province_kpis, quarter III/2025 + previous quarter", lambda: metrics.province_kpis(con, QUARTER_3, settings)),
        ("unit_metrics, commune ranking, quarter III/2025", lambda: metrics.unit_metrics(con, QUARTER_3, "commune", settings=settings)),
        ("province_kpis, custom 02/10-31/10 (item-level path)", lambda: metrics.province_kpis(con, CUSTOM_RANGE, settings)),
        ("province_kpis, one field (Lĩnh vực 3)", lambda: metrics.province_kpis(con, OCTOBER, settings, field="Lĩnh vực 3")),
        ("unit_metrics, commune ranking, one field", lambda: metrics.unit_metrics(con, OCTOBER, "commune", settings=settings, field="Lĩnh vực 3")),
    ]  # fmt: skip
    if page_runs_only:
        alternate(checks[:2], runs)
        con.close()
        return
    print(f"load average before timing: {os.getloadavg()[0]:.1f}")
    print("| figure | median warm (ms) | rows |")
    print("|---|---:|---:|")
    for label, fn in checks:
        ms, result = timed(fn, runs)
        rows = len(result) if hasattr(result, "__len__") and not isinstance(result, dict) else 1
        print(f"| {label} | {ms:.0f} | {rows} |")
    print(f"load average after timing: {os.getloadavg()[0]:.1f}")
    con.close()


def alternate(checks: list, runs: int) -> None:
    """The figures timed in turn, run after run (a quiet or busy spell falls on each alike): min / median / max."""
    samples: dict[str, list[float]] = {label: [] for label, _ in checks}
    for _label, fn in checks:
        fn()  # warm-up
    print(f"load average before timing: {os.getloadavg()[0]:.1f}")
    for _ in range(runs):
        for label, fn in checks:
            t = time.perf_counter()
            fn()
            samples[label].append((time.perf_counter() - t) * 1000)
    print(f"load average after timing: {os.getloadavg()[0]:.1f}")
    print("| figure | runs | min (ms) | median (ms) | max (ms) |")
    print("|---|---:|---:|---:|---:|")
    for label, values in samples.items():
        print(f"| {label} | {runs} | {min(values):.0f} | {statistics.median(values):.0f} | {max(values):.0f} |")


if __name__ == "__main__":
    main()
