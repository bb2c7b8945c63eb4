"""How the metric figures grow with the data: 1, 10 and 50 million cases (issue 15, part 3). A benchmark, never a
timed test.

    .venv/bin/python bench/growth_bench.py [--sizes 1000000 10000000 50000000] [--runs 5]
                                           [--before /work/wt/before-q] [--json bench/out/growth.json]
    .venv/bin/python bench/growth_bench.py --report bench/out/growth.json [more.json]  # only the Markdown and PNG

Each size's database is bench/out/metrics_bench_<cases>_<cases/10>_<cases/10>_3321.duckdb, built by
bench/metrics_bench.py (`--cases N --tasks N/10 --feedback N/10`; the 10 M one is the issue's database). Every
(size, side) pair is measured in its own process, the sides alternating (before first at the first size, after
first at the next...): "after" is this checkout, "before" (optional) another checkout (a worktree of the baseline
commit with .venv linked), whose oversight package the child imports. Both sides read the same database file, so
the metrics caches must have the same staging version on both sides (the figures are compared, not the rebuild).

Each figure: one warm-up call, then --runs timed calls; min / median / max in ms, and the load average before and
after each process, and the CPU time the measuring process spent (time.process_time: every thread of it, so
DuckDB's work; less sensitive than wall time to the other processes on the machine). Writes the JSON, bench/RESULTS_growth.md and bench/growth.png (log-log, drawn with Pillow:
the venv has neither matplotlib nor kaleido).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
RESULTS = ROOT / "bench" / "RESULTS_growth.md"
SHARED = "shared with four other helpers' work"  # what else ran, when the JSON does not say
CHART = ROOT / "bench" / "growth.png"

# label, target at 10 M (ms), target at 50 M (ms)
FIGURES = {
    "overview": ("overview page's calls (data_range + province_kpis + monthly_trend + worst_units + unit_metrics)",
                 100, 300),
    "commune_ranking": ("commune ranking (unit_metrics, commune)", 50, None),
    "custom_kpis": ("custom period 02/10-31/10/2025: province_kpis (with its previous period)", 300, None),
    "custom_ranking": ("custom period 02/10-31/10/2025: commune ranking", 300, None),
    "data_range": ("data_range", None, None),
    "province_kpis": ("province_kpis, October 2025 + September", None, None),
    "monthly_trend": ("monthly_trend, 12 months", None, None),
    "worst_units": ("worst_units score, top 10", None, None),
    "unit_metrics_all": ("unit_metrics, all groups", None, None),
    "field_list": ("field_list (every page's field filter)", None, None),
    "quarter_kpis": ("province_kpis, quarter III/2025 + quarter II", None, None),
    "field_ranking": ("commune ranking, one field", None, None),
}  # fmt: skip


def db_path(cases: int) -> Path:
    return OUT / f"metrics_bench_{cases}_{cases // 10}_{cases // 10}_3321.duckdb"


# ---------------------------------------------------------------------------------------------- the child process
def measure(root: Path, db: Path, runs: int) -> dict:
    """Time every figure with the oversight package of `root` (this process imports it first)."""
    sys.path.insert(0, str(root))
    from oversight import access, metrics, metrics_cache, periods
    from oversight import db as dbmod
    from oversight.config import load_settings

    october = periods.month(2025, 10)
    quarter = periods.quarter(2025, 3)
    custom = periods.custom(date(2025, 10, 2), date(2025, 10, 31))
    load_before = os.getloadavg()
    con = dbmod.open_database(db)
    settings = load_settings(db)
    # the page-run memo of this change, when the package has it (the overview page runs inside it)
    page_run = getattr(metrics, "page_run", None)

    def overview():
        def calls():
            metrics.data_range(con)
            metrics.province_kpis(con, october, settings, field=None)
            metrics.monthly_trend(con, october, 12, group="all", units="reported", settings=settings, field=None)
            metrics.worst_units(con, october, "score", group="all", limit=10, units="reported", settings=settings)
            return metrics.unit_metrics(con, october, group="all", units="reported", settings=settings)

        if page_run is None:
            return calls()
        with page_run(con):
            return calls()

    functions = {
        "overview": overview,
        "commune_ranking": lambda: metrics.unit_metrics(con, october, "commune", settings=settings),
        "custom_kpis": lambda: metrics.province_kpis(con, custom, settings),
        "custom_ranking": lambda: metrics.unit_metrics(con, custom, "commune", settings=settings),
        "data_range": lambda: metrics.data_range(con),
        "province_kpis": lambda: metrics.province_kpis(con, october, settings),
        "monthly_trend": lambda: metrics.monthly_trend(con, october, 12, settings=settings),
        "worst_units": lambda: metrics.worst_units(con, october, "score", settings=settings),
        "unit_metrics_all": lambda: metrics.unit_metrics(con, october, "all", settings=settings),
        "field_list": lambda: metrics.field_list(con, october),
        "quarter_kpis": lambda: metrics.province_kpis(con, quarter, settings),
        "field_ranking": lambda: metrics.unit_metrics(con, october, "commune", settings=settings, field="Lĩnh vực 3"),
    }
    out: dict = {"figures": {}}
    with access.acting_as(access.operator()):
        t = time.perf_counter()
        out["cache_rebuilt"] = metrics_cache.refresh_cache(con)
        out["cache_s"] = time.perf_counter() - t
        for key, fn in functions.items():
            fn()  # warm-up
            samples, cpu = [], []
            for _ in range(runs):
                c = time.process_time()
                t = time.perf_counter()
                fn()
                samples.append((time.perf_counter() - t) * 1000)
                cpu.append((time.process_time() - c) * 1000)
            out["figures"][key] = samples
            out.setdefault("cpu", {})[key] = cpu
    con.close()
    out["load_before"] = load_before
    out["load_after"] = os.getloadavg()
    return out


# ---------------------------------------------------------------------------------------------- the parent process
def run_side(root: Path, db: Path, runs: int) -> dict:
    python = root / ".venv" / "bin" / "python"
    proc = subprocess.run(
        [str(python if python.exists() else sys.executable), str(Path(__file__).resolve()), "--child", str(root),
         "--db", str(db), "--runs", str(runs)],
        cwd=root, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if proc.returncode != 0:
        raise SystemExit(f"{root} on {db.name} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def versions() -> dict:
    import duckdb
    import pandas

    return {"python": platform.python_version(), "duckdb": duckdb.__version__, "pandas": pandas.__version__}


def stats(samples: list[float]) -> tuple[float, float, float]:
    return min(samples), statistics.median(samples), max(samples)


def fmt_size(cases: int) -> str:
    return f"{cases / 1e6:g} M"


def write_report(data: dict) -> None:
    sizes = [int(s) for s in data["sizes"]]
    sides = [s for s in ("before", "after") if any(s in data["runs"][str(n)] for n in sizes)]
    lines = [
        "# Queries at 1, 10 and 50 million cases (issue 15, part 3)",
        "",
        "Command:",
        "",
        f"    {data['command']}",
        "",
        f"Measured {data['date']} on {data['cpus']} cores, 24 GiB ({data.get('shared', SHARED)}); "
        + ", ".join(f"{k} {v}" for k, v in data["versions"].items())
        + f'. "after" = this checkout, "before" = commit {data.get("before_label", "a99ef7c")}, each (size, side) in its '
        "own process, the sides "
        "alternating, both reading the same database file. Each figure: one warm-up call, then "
        f"{data['runs_per_figure']} timed calls; min / **median** / max in ms.",
        "",
        "Databases: bench/metrics_bench.py with `--cases N --tasks N/10 --feedback N/10` (3,321 communes; cases over "
        "12 monthly uploads Nov 2024 - Oct 2025 plus a correction and a replaced upload).",
        "",
        "Load average (1 min) before / after each process:",
        "",
        "| size | side | load before | load after |",
        "|---|---|---:|---:|",
    ]
    for n in sizes:
        for side in sides:
            run = data["runs"][str(n)].get(side)
            if run:
                lines.append(f"| {fmt_size(n)} | {side} | {run['load_before'][0]:.2f} | {run['load_after'][0]:.2f} |")
    lines += ["", "## Growth table (median ms; min-max)", ""]
    header = "| figure | target |" + "".join(f" {side} {fmt_size(n)} |" for n in sizes for side in sides)
    if "before" in sides:
        header += "".join(f" after/before {fmt_size(n)} |" for n in sizes)
    lines += [header, "|---|---|" + "---:|" * (header.count("|") - 3)]
    for key, (label, t10, t50) in FIGURES.items():
        target = ", ".join(t for t in (f"≤ {t10} ms at 10 M" if t10 else "", f"≤ {t50} ms at 50 M" if t50 else "") if t)
        row = f"| {label} | {target or '-'} |"
        for n in sizes:
            for side in sides:
                run = data["runs"][str(n)].get(side)
                if not run or key not in run["figures"]:
                    row += " - |"
                    continue
                lo, med, hi = stats(run["figures"][key])
                row += f" **{med:.0f}** ({lo:.0f}-{hi:.0f}) |"
        if "before" in sides:
            for n in sizes:
                runs = data["runs"][str(n)]
                if "before" in runs and "after" in runs and key in runs["before"]["figures"]:
                    ratio = statistics.median(runs["after"]["figures"][key]) / statistics.median(
                        runs["before"]["figures"][key]
                    )
                    row += f" {ratio:.2f} |"
                else:
                    row += " - |"
        lines.append(row)
    if all("cpu" in data["runs"][str(n)][side] for n in sizes for side in sides if side in data["runs"][str(n)]):
        lines += [
            "",
            "## CPU time of the measuring process (median ms; all its threads; less sensitive to the other load)",
            "",
            header,
            "|---|---|" + "---:|" * (header.count("|") - 3),
        ]
        for key, (label, _, _) in FIGURES.items():
            row = f"| {label} | |"
            for n in sizes:
                for side in sides:
                    run = data["runs"][str(n)].get(side)
                    row += f" {statistics.median(run['cpu'][key]):.0f} |" if run else " - |"
            if "before" in sides:
                for n in sizes:
                    runs = data["runs"][str(n)]
                    if "before" in runs and "after" in runs:
                        ratio = statistics.median(runs["after"]["cpu"][key]) / statistics.median(
                            runs["before"]["cpu"][key]
                        )
                        row += f" {ratio:.2f} |"
                    else:
                        row += " - |"
            lines.append(row)
    lines += [
        "",
        "Charts (log-log, median ms against cases; solid = after, dashed = before): [growth.png](growth.png) the CPU"
        " time (the less noisy measure on this shared machine), [growth_wall.png](growth_wall.png) the wall time.",
        "",
    ]
    extra = data.get("notes")
    if extra:
        lines += [extra, ""]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    draw_chart(data, sizes, sides, "cpu", CHART)
    draw_chart(data, sizes, sides, "figures", CHART.with_name("growth_wall.png"))
    print("\n".join(lines))


COLOURS = [(31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189), (140, 86, 75),
           (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207), (0, 0, 0), (100, 100, 255)]  # fmt: skip


def draw_chart(data: dict, sizes: list[int], sides: list[str], what: str, path: Path) -> None:
    """A log-log chart of each figure's median (`what`: "cpu" time or wall time, "figures") against the number of
    cases, drawn with Pillow."""
    from PIL import Image, ImageDraw, ImageFont

    width, height, left, right, top, bottom = 1500, 800, 90, 660, 40, 70
    img = Image.new("RGB", (width, height), "white")
    g = ImageDraw.Draw(img)
    try:
        font = ImageFont.truetype("DejaVuSans.ttf", 14)
    except OSError:
        font = ImageFont.load_default()
    values = [
        statistics.median(run[what][k]) for n in sizes for run in data["runs"][str(n)].values() for k in run[what]
    ]
    y_lo = 10 ** math.floor(math.log10(max(min(values), 0.1)))
    y_hi = 10 ** math.ceil(math.log10(max(values)))
    x_lo, x_hi = math.log10(min(sizes)) - 0.1, math.log10(max(sizes)) + 0.1
    plot_w, plot_h = width - left - right, height - top - bottom

    def px(cases: float, ms: float) -> tuple[float, float]:
        x = left + (math.log10(cases) - x_lo) / (x_hi - x_lo) * plot_w
        y = top + plot_h - (math.log10(ms) - math.log10(y_lo)) / (math.log10(y_hi) - math.log10(y_lo)) * plot_h
        return x, y

    g.rectangle([left, top, left + plot_w, top + plot_h], outline="black")
    decade = y_lo
    while decade <= y_hi:
        for m in (1, 2, 5):
            v = decade * m
            if y_lo <= v <= y_hi:
                _, y = px(sizes[0], v)
                g.line([left, y, left + plot_w, y], fill=(225, 225, 225) if m != 1 else (180, 180, 180))
                g.text((left - 8, y), f"{v:g}", fill="black", font=font, anchor="rm")
        decade *= 10
    for n in sizes:
        x, _ = px(n, y_lo)
        g.line([x, top, x, top + plot_h], fill=(200, 200, 200))
        g.text((x, top + plot_h + 8), f"{n / 1e6:g} M cases", fill="black", font=font, anchor="mt")
    g.text((left + plot_w / 2, height - 22), "cases in the database (log)", fill="black", font=font, anchor="mm")
    title = "CPU time of the process (all threads)" if what == "cpu" else "wall time"
    g.text((10, top - 25), f"median warm {title}, ms (log)", fill="black", font=font)
    for i, (key, (label, _, _)) in enumerate(FIGURES.items()):
        colour = COLOURS[i % len(COLOURS)]
        for side in sides:
            points = [
                px(n, statistics.median(data["runs"][str(n)][side][what][key]))
                for n in sizes
                if side in data["runs"][str(n)] and key in data["runs"][str(n)][side][what]
            ]
            if side == "after":
                g.line(points, fill=colour, width=3)
            else:
                for a, b in zip(points, points[1:], strict=False):
                    steps = 12
                    for s in range(0, steps, 2):
                        p = (a[0] + (b[0] - a[0]) * s / steps, a[1] + (b[1] - a[1]) * s / steps)
                        q = (a[0] + (b[0] - a[0]) * (s + 1) / steps, a[1] + (b[1] - a[1]) * (s + 1) / steps)
                        g.line([p, q], fill=colour, width=1)
            for x, y in points:
                g.ellipse([x - 4, y - 4, x + 4, y + 4], fill=colour if side == "after" else "white", outline=colour)
        y = top + 10 + i * 22
        g.line([width - right + 20, y + 7, width - right + 50, y + 7], fill=colour, width=3)
        g.text((width - right + 58, y), label if len(label) <= 80 else label[:78] + "…", fill="black", font=font)
    y = top + 10 + len(FIGURES) * 22 + 10
    g.text((width - right + 20, y), f"solid, filled = after; dashed, open = before ({data.get('before_label', 'a99ef7c')})",
           fill="black", font=font)  # fmt: skip
    img.save(path)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000_000, 10_000_000, 50_000_000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--before", type=Path)
    ap.add_argument("--json", type=Path, default=OUT / "growth.json")
    ap.add_argument("--report", type=Path, nargs="+", help="only rewrite the Markdown and chart from these JSONs")
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.db, args.runs)))
        return
    if args.report:  # one run's JSON, or several (e.g. the sizes measured in separate invocations), merged
        parts = [json.loads(p.read_text(encoding="utf-8")) for p in args.report]
        data = parts[0]
        for part in parts[1:]:
            data["runs"].update(part["runs"])
            data["sizes"] = sorted({*data["sizes"], *part["sizes"]})
            data["command"] += "; " + part["command"]
        write_report(data)
        return
    data = {
        "command": " ".join([".venv/bin/python bench/growth_bench.py", *sys.argv[1:]]),
        "date": f"{date.today():%Y-%m-%d}",
        "cpus": os.cpu_count(),
        "versions": versions(),
        "sizes": args.sizes,
        "runs_per_figure": args.runs,
        "runs": {},
    }
    if args.before:  # the commit "before" is, for the report and the chart
        rev = subprocess.run(["git", "-C", str(args.before), "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, check=False).stdout.strip()  # fmt: skip
        data["before_label"] = rev or str(args.before)
    for i, n in enumerate(args.sizes):
        db = db_path(n)
        if not db.exists():
            raise SystemExit(
                f"{db} is missing: bench/metrics_bench.py --cases {n} --tasks {n // 10} --feedback {n // 10}"
            )
        sides = [("after", ROOT)] + ([("before", args.before.resolve())] if args.before else [])
        if i % 2 == 0:
            sides.reverse()
        data["runs"][str(n)] = {}
        for side, root in sides:
            print(f"{fmt_size(n)} {side} (load {os.getloadavg()[0]:.2f})", flush=True)
            data["runs"][str(n)][side] = run_side(root, db, args.runs)
        args.json.write_text(json.dumps(data, indent=1), encoding="utf-8")
    write_report(data)


if __name__ == "__main__":
    main()
