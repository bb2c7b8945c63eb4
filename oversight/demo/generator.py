"""The demo province: simulate, then write one file per kind and month plus manifest.json.

    generate(out_dir, seed=DEFAULT_SEED, months=None, force=False) -> Manifest
    ensure_demo(out_dir=None) -> list[Path]     (generates only when missing or incomplete)

The manifest records, per file, the kind, the period, the number of data rows and the figures the
file carries (Biểu 06 column totals, per-unit counts), and per kind the distinct items written, so the
ingestion tests can compare a loaded database against it.
"""

from __future__ import annotations

import json
import multiprocessing
import time as clock
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from oversight.demo import figures, writers
from oversight.demo.calendar import month_end
from oversight.demo.sheets import DATE_MODES, Habits
from oversight.demo.simulate import MONTHS, World, simulate
from oversight.demo.units import build_units, stable_rng, units_on

DEFAULT_SEED = 20250701
MANIFEST = "manifest.json"
FORMAT_VERSION = 1
KINDS = ("tasks", "cases", "case_stats", "feedback")
_SUFFIX = {"tasks": "nhiem_vu", "cases": "ho_so", "case_stats": "bieu_06", "feedback": "phan_anh_1022"}


@dataclass
class FileEntry:
    file: str
    kind: str
    period_from: str
    period_to: str
    rows: int
    format: str = "xlsx"  # xlsx | html
    totals: dict[str, int] = field(default_factory=dict)
    columns: list[str] = field(default_factory=list)  # order of the per-unit lists below
    units: dict[str, list[int]] = field(default_factory=dict)  # registry key -> figures in `columns` order


@dataclass
class Manifest:
    seed: int
    version: int
    generated_seconds: float
    files: list[FileEntry]
    totals: dict[str, int]  # distinct items per kind: cases (case codes), tasks, feedback

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)

    @classmethod
    def load(cls, path: Path) -> Manifest:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        data["files"] = [FileEntry(**f) for f in data["files"]]
        return cls(**data)

    def paths(self, out_dir: Path) -> list[Path]:
        return [Path(out_dir) / f.file for f in self.files]


def habits_for(kind: str, index: int) -> dict:
    """The file's habits for a kind and month (index 0 = January 2025); every variant recurs."""
    i = index
    if kind == "cases":
        html = i % 3 == 1
        mode = ("text", "text_time_first")[i % 2] if html else DATE_MODES[i % len(DATE_MODES)]
        return {
            "habits": Habits(mode, nfd=i % 4 == 2, nbsp=i % 5 == 3, synonyms=(i + i // 3) % 3, spelling=i % 7,
                             period_words=i % 2 == 0),
            "html": html,
        }  # fmt: skip
    if kind == "case_stats":
        return {
            "habits": Habits("datetime", nfd=i % 6 == 4, nbsp=i % 5 == 1, synonyms=(i + 1) % 3, spelling=i,
                             period_words=i % 2 == 1),
            "subtotals": i % 2 == 0,
            "rate_column": i % 4 == 3,
        }  # fmt: skip
    if kind == "tasks":
        return {
            "habits": Habits(DATE_MODES[(i + 2) % len(DATE_MODES)], nfd=i % 5 == 1, nbsp=i % 4 == 0,
                             synonyms=i % 3, spelling=i + 3, period_words=i % 3 == 1),
            "summary_sheet": i % 3 == 0,
            "adjusted_column": i % 2 == 1,
            "due_words": i % 4 != 2,
        }  # fmt: skip
    return {
        "habits": Habits(DATE_MODES[(i + 1) % len(DATE_MODES)], nfd=i % 4 == 3, nbsp=i % 6 == 2, synonyms=i % 2,
                         spelling=i + 5, period_words=i % 2 == 1),
    }  # fmt: skip


def file_name(kind: str, month: date, html: bool = False) -> str:
    return f"{month:%Y-%m}_{_SUFFIX[kind]}.{'xls' if html else 'xlsx'}"


def _monthly_scopes(items: list, months: list[date]) -> dict[date, list]:
    """For each month, the items to be handled: received in it, or earlier and not done before it."""
    ordered = sorted(items, key=lambda x: x.received)
    scopes: dict[date, list] = {}
    carried: list = []
    pos = 0
    for first in months:
        last = month_end(first)
        carried = [x for x in carried if x.done is None or x.done.date() >= first]
        start = pos
        while pos < len(ordered) and ordered[pos].received.date() <= last:
            pos += 1
        fresh = [x for x in ordered[start:pos] if x.done is None or x.done.date() >= first]
        carried = carried + fresh
        scopes[first] = carried
    return scopes


def _all_months() -> list[date]:
    return [date(2024, 11, 1), date(2024, 12, 1), *MONTHS]


def generate(
    out_dir: str | Path,
    seed: int = DEFAULT_SEED,
    months: list[date] | None = None,
    force: bool = False,
    workers: int = 1,
) -> Manifest:
    """Write the demo exports for `months` (default: January 2025 to October 2026) and manifest.json.

    `workers` > 1 writes months in forked worker processes (POSIX only; keep 1 inside threaded servers).
    The files do not depend on the number of workers.
    """
    started = clock.perf_counter()
    out = Path(out_dir)
    wanted = sorted({m.replace(day=1) for m in months}) if months else list(MONTHS)
    unknown = [m for m in wanted if m not in MONTHS]
    if unknown:
        raise ValueError(f"Tháng ngoài phạm vi dữ liệu mẫu (01/2025-10/2026): {unknown[0]:%m/%Y}")
    if not force and (out / MANIFEST).exists():
        raise FileExistsError(f"Thư mục {out} đã có dữ liệu mẫu; dùng --force để ghi đè.")
    out.mkdir(parents=True, exist_ok=True)
    units = build_units(seed)
    world = simulate(units, seed)
    all_months = _all_months()
    scopes = {
        "cases": _monthly_scopes(world.cases, all_months),
        "tasks": _monthly_scopes(world.tasks, all_months),
        "feedback": _monthly_scopes(world.feedback, all_months),
    }
    entries: list[FileEntry] = []
    seen: dict[str, set[str]] = {"cases": set(), "tasks": set(), "feedback": set()}
    for month_entries, month_seen in _write_months(out, world, wanted, scopes, seed, workers):
        entries.extend(month_entries)
        for kind, keys in month_seen.items():
            seen[kind].update(keys)
    manifest = Manifest(
        seed=seed,
        version=FORMAT_VERSION,
        generated_seconds=round(clock.perf_counter() - started, 2),
        files=entries,
        totals={k: len(v) for k, v in seen.items()},
    )
    (out / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
    return manifest


_FORK_STATE: dict = {}


def _write_one(first: date) -> tuple[list[FileEntry], dict[str, set[str]]]:
    st = _FORK_STATE
    seen: dict[str, set[str]] = {"cases": set(), "tasks": set(), "feedback": set()}
    entries = _write_month(st["out"], st["world"], first, MONTHS.index(first), st["scopes"], st["seed"], seen)
    return entries, seen


def _write_months(out: Path, world: World, wanted: list[date], scopes: dict, seed: int, workers: int):
    """Per month (in order): its manifest entries and the item keys it wrote."""
    _FORK_STATE.update(out=out, world=world, scopes=scopes, seed=seed)
    try:
        use_fork = workers > 1 and len(wanted) > 1 and "fork" in multiprocessing.get_all_start_methods()
        if not use_fork:
            yield from map(_write_one, wanted)
            return
        ctx = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(workers, len(wanted)), mp_context=ctx) as pool:
            yield from pool.map(_write_one, wanted)
    finally:
        _FORK_STATE.clear()


def _write_month(out: Path, world: World, first: date, index: int, scopes: dict, seed: int,
                 seen: dict[str, set[str]]) -> list[FileEntry]:  # fmt: skip
    last = month_end(first)
    span = (first.isoformat(), last.isoformat())
    entries = []

    # TTHC case list and Biểu 06 of the same month, from the same cases
    cases = scopes["cases"][first]
    seen["cases"].update(c.code for c in cases)
    v = habits_for("cases", index)
    name = file_name("cases", first, v["html"])
    rng = stable_rng(seed, "write", "cases", first)
    write = writers.write_case_list_html if v["html"] else writers.write_case_list_xlsx
    n = write(out / name, cases, world, first, last, v["habits"], rng)
    rows = writers.bieu06_rows(cases, [u for u in units_on(world.units, first) if u.cases > 0], first, last)
    totals = dict.fromkeys(figures.CASE_COLUMNS, 0)
    for r in rows.values():
        figures.add(totals, r)
    case_units = {k: [r[c] for c in figures.CASE_COLUMNS] for k, r in rows.items() if r["cases_total"]}
    entries.append(FileEntry(name, "cases", *span, n, "html" if v["html"] else "xlsx", totals,
                             list(figures.CASE_COLUMNS), case_units))  # fmt: skip

    v = habits_for("case_stats", index)
    name = file_name("case_stats", first)
    info = writers.write_bieu06(out / name, rows, world, first, last, v["habits"], v["subtotals"], v["rate_column"])
    entries.append(FileEntry(name, "case_stats", *span, info["rows"], "xlsx", info["totals"],
                             list(figures.CASE_COLUMNS),
                             {k: [r[c] for c in figures.CASE_COLUMNS] for k, r in rows.items()}))  # fmt: skip

    tasks = sorted(scopes["tasks"][first], key=lambda t: (t.received, t.key))
    seen["tasks"].update(t.key for t in tasks)
    v = habits_for("tasks", index)
    name = file_name("tasks", first)
    info = writers.write_tasks(out / name, tasks, world, first, last, v["habits"], stable_rng(seed, "write", "tasks", first),
                               v["summary_sheet"], v["adjusted_column"], v["due_words"])  # fmt: skip
    entries.append(_counts_entry(name, "tasks", span, info, figures.TASK_CLASSES))

    items = sorted(scopes["feedback"][first], key=lambda f: (f.received, f.code))
    seen["feedback"].update(f.code for f in items)
    v = habits_for("feedback", index)
    name = file_name("feedback", first)
    info = writers.write_feedback(out / name, items, world, first, last, v["habits"],
                                  stable_rng(seed, "write", "feedback", first))  # fmt: skip
    columns = (*figures.FEEDBACK_CLASSES, "rated", "satisfied")
    entries.append(_counts_entry(name, "feedback", span, info, columns))
    return entries


def _counts_entry(name: str, kind: str, span: tuple[str, str], info: dict, columns: tuple[str, ...]) -> FileEntry:
    totals = dict.fromkeys(columns, 0)
    for c in info["units"].values():
        figures.add(totals, c)
    units = {k: [c[col] for col in columns] for k, c in info["units"].items()}
    return FileEntry(name, kind, *span, info["rows"], "xlsx", totals, list(columns), units)


def ensure_demo(out_dir: str | Path | None = None, seed: int = DEFAULT_SEED) -> list[Path]:
    """The demo files, generated first if missing or incomplete (for the dashboard's first start)."""
    if out_dir is None:
        from oversight.config import load_settings

        out_dir = load_settings().demo_dir
    out = Path(out_dir)
    path = out / MANIFEST
    if path.exists():
        try:
            manifest = Manifest.load(path)
        except (ValueError, TypeError, KeyError):
            manifest = None
        if (
            manifest is not None
            and manifest.version == FORMAT_VERSION
            and len(manifest.files) == len(KINDS) * len(MONTHS)
            and all(p.exists() for p in manifest.paths(out))
        ):
            return manifest.paths(out)
    return generate(out, seed=seed, force=True).paths(out)


def listed_files(out_dir: str | Path, months: list[date]) -> list[Path] | None:
    """The demo files of `months` in the manifest's order when the folder's manifest lists them all and they exist;
    else None."""
    out = Path(out_dir)
    wanted = {m.replace(day=1) for m in months}
    path = out / MANIFEST
    if not path.exists():
        return None
    try:
        manifest = Manifest.load(path)
    except (ValueError, TypeError, KeyError):
        return None
    if manifest.version != FORMAT_VERSION:
        return None
    picked = [f for f in manifest.files if date.fromisoformat(f.period_from) in wanted]
    if len(picked) == len(KINDS) * len(wanted) and all((out / f.file).exists() for f in picked):
        return [out / f.file for f in picked]
    return None


def month_files(out_dir: str | Path, months: list[date], seed: int = DEFAULT_SEED) -> list[Path]:
    """The demo files of `months` in the manifest's order (per month: case list, Biểu 06, tasks, feedback), taken
    from the folder's manifest when it lists them all and they exist, else written now for those months only (the
    manifest then lists only them; ensure_demo later writes every month again). The staged first start
    (oversight.bootstrap) asks for the latest month first."""
    found = listed_files(out_dir, months)
    if found is not None:
        return found
    return generate(Path(out_dir), seed=seed, months=sorted({m.replace(day=1) for m in months}), force=True).paths(
        Path(out_dir)
    )


def write_in_order(
    out_dir: str | Path, months: list[date], seed: int = DEFAULT_SEED
) -> Iterator[tuple[date, list[Path]]]:
    """Write the demo files of `months` in the order given (the staged first start's background: newest first),
    yielding each month and its files (manifest order) as soon as they are written; the manifest, listing every one
    of `months` as generate() would, is written after the last. The files are generate()'s."""
    started = clock.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    world = simulate(build_units(seed), seed)
    all_months = _all_months()
    scopes = {
        "cases": _monthly_scopes(world.cases, all_months),
        "tasks": _monthly_scopes(world.tasks, all_months),
        "feedback": _monthly_scopes(world.feedback, all_months),
    }
    written: dict[date, list[FileEntry]] = {}
    seen: dict[str, set[str]] = {"cases": set(), "tasks": set(), "feedback": set()}
    for first in months:
        entries = _write_month(out, world, first, MONTHS.index(first), scopes, seed, seen)
        written[first] = entries
        yield first, [out / e.file for e in entries]
    manifest = Manifest(
        seed=seed,
        version=FORMAT_VERSION,
        generated_seconds=round(clock.perf_counter() - started, 2),
        files=[e for m in sorted(written) for e in written[m]],
        totals={k: len(v) for k, v in seen.items()},
    )
    (out / MANIFEST).write_text(manifest.to_json(), encoding="utf-8")
