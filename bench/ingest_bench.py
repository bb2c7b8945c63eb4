"""Ingestion speed at the issue's target volume (bench only, not a timed test).

    .venv/bin/python bench/ingest_bench.py [--rows 200000] [--reps 3] [--no-pandas] [--rebuild]
                                           [--no-profile] [--no-write]

Target (issue): a 200,000-row case list loads, validated and committed, in at most 2x the time fastexcel
alone takes to read the same file into Arrow, measured in the same run; peak memory under 1 GB.

Builds bench/out/ingest_bench_cases_<rows>_v<n>.xlsx once (reused unless --rebuild or --rows changes): a TTHC
case list as the one-stop system exports it (letterhead, report name, period line, one header row of 14
columns, STT, real post-reform communes and departments of Đồng Nai spelled several ways, Excel date-times,
the real status texts and channels, a total row and a signature block), written with openpyxl write-only.

Then, in one run, each repetition starts every contender in a fresh subprocess (order alternating between
repetitions) and reads its peak RSS from os.wait4's rusage:
    fastexcel  bytes -> fastexcel -> Arrow table of the data sheet (header row given)
    ingest     bytes -> prepare() -> commit() into a fresh DuckDB file (the database is created and
               the registry seeded before the clock starts; imports are not timed either)
    pandas     pandas.read_excel(engine="openpyxl"), once, for the ~10x reference (--no-pandas skips it)
The timed figure is the operation itself, measured inside the child; the child's whole wall time is shown
too. A cProfile run of the ingest (once, after the timed ones) shows where the time goes.
Prints a Markdown table and writes bench/RESULTS.md (the metrics engineer's bench/RESULTS_metrics.md is
copied into it verbatim).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUT = ROOT / "bench" / "out"
RESULTS = ROOT / "bench" / "RESULTS.md"
METRICS_RESULTS = ROOT / "bench" / "RESULTS_metrics.md"
PAGES_RESULTS = ROOT / "bench" / "RESULTS_pages.md"
LEASE_RESULTS = ROOT / "bench" / "RESULTS_lease.md"
SHEET = "Danh sách hồ sơ"
HEADER_ROW = 6  # 0-based: letterhead (2), blank, report name, period, blank, header
HEADERS = (
    "STT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Lĩnh vực",
    "Cơ quan giải quyết",
    "Người nộp",
    "Địa chỉ",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày có kết quả",
    "Ngày trả kết quả",
    "Trạng thái",
    "Hình thức nộp",
    "Ghi chú",
)
FIRST, LAST = date(2025, 7, 1), date(2025, 10, 31)
TARGET_RATIO, TARGET_MIB = 2.0, 1024.0
BUILD_VERSION = 2  # part of the file name: a change to build() makes a new file
PACKAGES = ("duckdb", "fastexcel", "pyarrow", "pandas", "openpyxl", "python-calamine", "rapidfuzz")

# (field, procedure, working days) as the one-stop system names them
PROCEDURES = {
    "commune": (
        ("Hộ tịch", "Đăng ký khai sinh", 1),
        ("Hộ tịch", "Đăng ký kết hôn", 1),
        ("Hộ tịch", "Đăng ký khai tử", 1),
        ("Hộ tịch", "Cấp bản sao trích lục hộ tịch", 1),
        ("Hộ tịch", "Xác nhận tình trạng hôn nhân", 3),
        ("Chứng thực", "Chứng thực bản sao từ bản chính giấy tờ, văn bản", 1),
        ("Chứng thực", "Chứng thực chữ ký trong các giấy tờ, văn bản", 1),
        ("Chứng thực", "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản", 2),
        ("Đất đai", "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", 10),
        ("Đất đai", "Hòa giải tranh chấp đất đai", 30),
        ("Hoạt động xây dựng", "Cấp giấy phép xây dựng nhà ở riêng lẻ", 15),
        ("Bảo trợ xã hội", "Trợ cấp xã hội hàng tháng", 7),
        ("Người có công", "Giải quyết chế độ mai táng phí", 5),
        ("Thành lập và hoạt động của hộ kinh doanh", "Đăng ký thành lập hộ kinh doanh", 3),
    ),
    "department": (
        ("Lý lịch tư pháp", "Cấp Phiếu lý lịch tư pháp", 10),
        ("Thành lập và hoạt động doanh nghiệp", "Đăng ký thành lập doanh nghiệp", 3),
        ("Đầu tư tại Việt Nam", "Cấp Giấy chứng nhận đăng ký đầu tư", 15),
        ("Đường bộ", "Đổi giấy phép lái xe", 5),
        ("Khám bệnh, chữa bệnh", "Cấp giấy phép hành nghề khám bệnh, chữa bệnh", 20),
        ("Đất đai", "Cấp đổi giấy chứng nhận quyền sử dụng đất", 7),
        ("Lưu thông hàng hóa trong nước", "Cấp giấy phép bán lẻ sản phẩm rượu", 10),
        ("Giáo dục và Đào tạo", "Công nhận trường đạt chuẩn quốc gia", 20),
    ),
}
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô")
MIDDLE = ("Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Đức", "Quốc", "Thị Kim", "Hoàng", "Xuân", "Thu")
GIVEN = ("An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hùng", "Khoa", "Lan", "Linh", "Long", "Mai",
         "Nam", "Nga", "Phúc", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vy", "Yến")  # fmt: skip
COMPANY = ("Công ty TNHH", "Công ty Cổ phần", "Doanh nghiệp tư nhân", "Hợp tác xã")
TRADE = ("Thương mại Dịch vụ", "Xây dựng", "Sản xuất", "Đầu tư", "Vận tải", "Nông sản", "Cơ khí")
CHANNELS = (("Trực tuyến", 55), ("Trực tiếp", 35), ("Dịch vụ bưu chính công ích", 6), ("BCCI", 4))
NOTES = ("", "", "", "", "", "", "Đã bổ sung hồ sơ", "Liên thông", "Ủy quyền nộp thay", "Nộp hộ")


# ----------------------------------------------------------------------------------------- the file


def _units() -> list[tuple[str, str, str]]:
    """(spelling group, registry key, registry name) of every current commune and department of Đồng Nai."""
    from oversight.units.registry import registry_units

    out = []
    for u in registry_units("75"):
        if u.valid_to is None and u.unit_group in ("commune", "department"):
            out.append((u.unit_group, u.unit_type, u.name, u.short_name, u.abbreviation))
    return out


def _spell(unit: tuple, rng: random.Random) -> str:
    """A unit name as people write it in exports."""
    group, unit_type, name, short, abbr = unit
    r = rng.random()
    if group == "commune":
        kind = unit_type.lower()
        if r < 0.45:
            return f"UBND {kind} {short}"
        if r < 0.75:
            return name
        if r < 0.85:
            return f"Ủy ban nhân dân {kind} {short}"
        if r < 0.95:
            return f"UBND {name} - Tỉnh Đồng Nai"
        return name.upper()
    if r < 0.8 or not abbr:
        return name
    if r < 0.9:
        return name.upper()
    return abbr


def _working_deadline(start: datetime, days: int) -> datetime:
    d = start
    left = max(days, 0)
    while left:
        d += timedelta(days=1)
        if d.weekday() < 5:
            left -= 1
    return d.replace(hour=17, minute=0, second=0)


def build(path: Path, rows: int, seed: int = 20251031) -> None:
    """Write the case list with openpyxl write-only (deterministic for a given seed)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    rng = random.Random(seed)
    units = _units()
    communes = [u for u in units if u[0] == "commune"]
    departments = [u for u in units if u[0] == "department"]
    # spellings are per unit and per export: a few variants of each name, drawn once
    spellings = {u: [_spell(u, rng) for _ in range(3)] for u in units}
    codes = {u: f"H19.{i:02d}" if u[0] == "department" else f"{i:03d}.H19" for i, u in enumerate(units, start=1)}
    weights = [8 if u[0] == "department" else 1 for u in communes + departments]
    pool = communes + departments
    channels, channel_w = zip(*CHANNELS, strict=True)
    today = datetime(2025, 11, 1, 8, 0)
    span_days = (LAST - FIRST).days + 1

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET)
    for i, width in enumerate((6, 26, 48, 24, 30, 28, 36, 18, 18, 18, 18, 22, 20, 20), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = f"A{HEADER_ROW + 2}"
    bold = Font(name="Times New Roman", size=12, bold=True)
    italic = Font(name="Times New Roman", size=12, italic=True)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    width = len(HEADERS)

    def styled(values, font=None, fmt=None):
        out = []
        for v in values:
            c = WriteOnlyCell(ws, value=v)
            if font is not None:
                c.font = font
                c.alignment = center
                c.border = border
            if fmt is not None and isinstance(v, datetime):
                c.number_format = fmt
            out.append(c)
        return out

    ws.append(styled(["UBND TỈNH ĐỒNG NAI", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], bold))
    ws.append(styled(["VĂN PHÒNG UBND TỈNH", None, None, None, "Độc lập - Tự do - Hạnh phúc"], bold))
    ws.append([])
    ws.append(styled(["DANH SÁCH HỒ SƠ THỦ TỤC HÀNH CHÍNH"], bold))
    ws.append(styled([f"Từ ngày {FIRST:%d/%m/%Y} đến ngày {LAST:%d/%m/%Y}"], italic))
    ws.append([])
    ws.append(styled(list(HEADERS), bold))
    merges = ["A1:D1", f"E1:{get_column_letter(width)}1", "A2:D2", f"E2:{get_column_letter(width)}2"]
    merges += [f"A4:{get_column_letter(width)}4", f"A5:{get_column_letter(width)}5"]

    # date cells share one style object: openpyxl registers it once
    date_fmt = "dd/mm/yyyy hh:mm"
    proto = WriteOnlyCell(ws, value=datetime(2025, 1, 1))
    proto.number_format = date_fmt
    style_id = proto._style

    def dcell(v):
        if v is None:
            return None
        c = WriteOnlyCell(ws, value=v)
        c._style = style_id
        return c

    seq: dict[tuple, int] = {}
    for n in range(1, rows + 1):
        unit = rng.choices(pool, weights)[0]
        fld, proc, days = rng.choice(PROCEDURES[unit[0]])
        day = FIRST + timedelta(days=int(rng.random() ** 0.9 * span_days))
        received = datetime(day.year, day.month, day.day, rng.randint(7, 16), rng.randint(0, 59))
        due = _working_deadline(received, days)
        key = (unit, day)
        seq[key] = seq.get(key, 0) + 1
        code = f"{codes[unit]}-{day:%y%m%d}-{seq[key]:04d}"
        r = rng.random()
        done = returned = None
        late_done = rng.random() < 0.12
        if r < 0.78:
            lag = (due - received) * (rng.uniform(1.05, 1.8) if late_done else rng.uniform(0.1, 0.98))
            done = received + lag
            if done > today:
                done = None
                status = "Đang giải quyết"
            else:
                returned = min(today, done + timedelta(hours=rng.choice((0, 2, 20, 44))))
                status = (
                    "Trả kết quả trễ hạn"
                    if done > due
                    else rng.choice(("Đã trả kết quả", "Đã trả kết quả", "Đã có kết quả"))
                )
        elif r < 0.90:
            status = "Đang giải quyết"
        elif r < 0.95:
            status = rng.choice(("Chờ bổ sung", "Tạm dừng"))
        else:
            status = rng.choice(("Công dân xin rút", "Trả lại hồ sơ", "Từ chối"))
            done = received + (due - received) * rng.uniform(0.05, 0.6)
            returned = done
        if rng.random() < 0.3:
            applicant = f"{rng.choice(COMPANY)} {rng.choice(TRADE)} {rng.choice(GIVEN)} {rng.choice(GIVEN)}"
        else:
            applicant = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        address = f"Số {rng.randint(1, 400)}, tổ {rng.randint(1, 30)}, {rng.choice(communes)[2]}, tỉnh Đồng Nai"
        ws.append(
            [
                n,
                code,
                proc,
                fld,
                rng.choice(spellings[unit]),
                applicant,
                address,
                dcell(received),
                dcell(due),
                dcell(done),
                dcell(returned),
                status,
                rng.choices(channels, channel_w)[0],
                rng.choice(NOTES) or None,
            ]
        )
    ws.append([])
    ws.append(styled([f"Tổng số: {rows:,} hồ sơ".replace(",", ".")], bold))
    ws.append([])
    ws.append([None, "Người lập biểu", None, None, None, None, None, None, None, None, "KT. CHÁNH VĂN PHÒNG"])
    ws.append([None, None, None, None, None, None, None, None, None, None, "PHÓ CHÁNH VĂN PHÒNG"])
    ws.append([])
    ws.append([None, "Lê Thị Thu Hà", None, None, None, None, None, None, None, None, "Nguyễn Văn Hùng"])
    for m in merges:
        ws.merged_cells.add(m)
    tmp = path.with_suffix(".part")
    wb.save(tmp)
    tmp.replace(path)


# ----------------------------------------------------------------------------------------- workers


def _hwm_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def worker(contender: str, path: Path, workdir: Path) -> dict:
    """Run one contender in this (fresh) process; return its timing as a dict."""
    t_start = time.perf_counter()
    if contender == "fastexcel":
        import fastexcel
        import pyarrow as pa

        t0, c0 = time.perf_counter(), time.process_time()
        data = path.read_bytes()
        reader = fastexcel.read_excel(data)
        batch = reader.load_sheet(SHEET, header_row=HEADER_ROW, schema_sample_rows=None, eager=True)
        table = pa.Table.from_batches([batch]) if isinstance(batch, pa.RecordBatch) else pa.table(batch)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        info = {"rows": table.num_rows, "columns": table.num_columns}
    elif contender == "ingest":
        os.environ["OVERSIGHT_DATA"] = str(workdir / "data")
        os.environ["OVERSIGHT_DB"] = str(workdir / "data" / "oversight.duckdb")
        from oversight import access
        from oversight.db import open_database
        from oversight.ingest.pipeline import commit, prepare

        con = open_database(workdir / "bench.duckdb")
        t0, c0 = time.perf_counter(), time.process_time()
        data = path.read_bytes()
        with access.acting_as(access.system()):  # an upload needs a principal allowed to upload (issue 10)
            plan = prepare(data, path.name, con)
            t1 = time.perf_counter()
            result = commit(con, plan, "bench")
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        loaded = con.execute("SELECT count(*) FROM cases").fetchall()[0][0]
        con.close()
        info = {
            "prepare": t1 - t0,
            "commit": seconds - (t1 - t0),
            "status": result.status,
            "kind": plan.kind,
            "error": plan.error,
            "rows_read": plan.rows_read,
            "rows_loaded": result.rows_loaded,
            "rows_in_db": loaded,
            "rejected": result.rows_rejected,
            "warnings": result.warnings,
            "skipped": plan.skipped,
        }
    elif contender == "pandas":
        import pandas as pd

        t0, c0 = time.perf_counter(), time.process_time()
        df = pd.read_excel(path, sheet_name=SHEET, header=HEADER_ROW, engine="openpyxl")
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        info = {"rows": len(df), "columns": df.shape[1]}
    else:
        raise SystemExit(f"unknown contender {contender}")
    return {"contender": contender, "seconds": seconds, "cpu": cpu, "child_wall": time.perf_counter() - t_start, **info}


def run_child(contender: str, path: Path) -> dict:
    """The contender in a fresh interpreter; peak RSS from the kernel's rusage of that child alone."""
    workdir = OUT / f"ingest_bench_work_{contender}"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    cmd = [sys.executable, __file__, "--worker", contender, "--file", str(path), "--workdir", str(workdir)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.stdout.read(), proc.stderr.read()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    shutil.rmtree(workdir, ignore_errors=True)
    if proc.returncode != 0:
        raise SystemExit(f"{contender} failed ({proc.returncode}):\n{err.decode(errors='replace')}")
    result = json.loads(out.decode().strip().splitlines()[-1])
    result["peak_mib"] = usage.ru_maxrss / 1024  # KiB on Linux
    result["process_wall"] = wall
    return result


def profile_ingest(path: Path, top: int = 30) -> tuple[list[tuple[str, float, float]], str]:
    """cProfile one ingest (in a fresh child): cumulative seconds of the pipeline's stages and the top list."""
    workdir = OUT / "ingest_bench_work_profile"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    stats_file = OUT / "ingest_bench_profile.pstats"
    cmd = [sys.executable, __file__, "--worker", "profile", "--file", str(path), "--workdir", str(workdir)]
    subprocess.run(cmd, check=True, capture_output=True)
    shutil.rmtree(workdir, ignore_errors=True)
    import io
    import pstats

    st = pstats.Stats(str(stats_file))
    stages = (
        ("prepare (total)", "pipeline.py", "prepare"),
        ("  read_workbook: sniff + head, merges, hidden rows (XML scan)", "readers.py", "read_workbook"),
        ("  sheet.load: fastexcel → Arrow", "readers.py", "_fastexcel_table"),
        ("  extract (total)", "records.py", "extract"),
        ("    _base_frame: one DuckDB query (clean, type, classify)", "records.py", "_base_frame"),
        ("    classify", "records.py", "classify"),
        ("    _parse_failed_dates", "records.py", "_parse_failed_dates"),
        ("    _match_units (registry matcher)", "records.py", "_match_units"),
        ("    status_date_warnings", "validate.py", "status_date_warnings"),
        ("    Rejects.frame", "validate.py", "frame"),
        ("commit (total)", "pipeline.py", "commit"),
        ("  store_original (copy of the file)", "load.py", "store_original"),
        ("  write_upload (one transaction)", "load.py", "write_upload"),
    )
    rows = []
    total = max((v[3] for k, v in st.stats.items() if k[2] == "<module>" or k[2] == "run"), default=0.0)
    for label, file_part, func in stages:
        cum = sum(
            v[3]
            for k, v in st.stats.items()
            if k[2] == func and (file_part is None or k[0].endswith(file_part)) and "<built-in" not in k[0]
        )
        rows.append((label, cum, total))
    buf = io.StringIO()
    pstats.Stats(str(stats_file), stream=buf).sort_stats("tottime").print_stats(top)
    return rows, buf.getvalue()


def profile_worker(path: Path, workdir: Path) -> None:
    import cProfile

    os.environ["OVERSIGHT_DATA"] = str(workdir / "data")
    os.environ["OVERSIGHT_DB"] = str(workdir / "data" / "oversight.duckdb")
    from oversight.db import open_database
    from oversight.ingest.pipeline import commit, prepare

    con = open_database(workdir / "bench.duckdb")
    data = path.read_bytes()
    prof = cProfile.Profile()
    prof.enable()
    plan = prepare(data, path.name, con)
    commit(con, plan, "bench")
    prof.disable()
    prof.dump_stats(str(OUT / "ingest_bench_profile.pstats"))
    con.close()


# ----------------------------------------------------------------------------------------- report


def machine() -> dict:
    mem = next(
        (
            int(x.split()[1]) / 1024**2
            for x in Path("/proc/meminfo").read_text().splitlines()
            if x.startswith("MemTotal")
        ),
        float("nan"),
    )
    cpu = next(
        (
            x.split(":", 1)[1].strip()
            for x in Path("/proc/cpuinfo").read_text().splitlines()
            if x.startswith("model name")
        ),
        platform.processor(),
    )
    versions = {}
    for p in PACKAGES:
        try:
            versions[p] = metadata.version(p)
        except metadata.PackageNotFoundError:
            versions[p] = "-"
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "mem_gib": mem,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
    }


def _fmt_s(x: float) -> str:
    return f"{x:.2f} s"


def report(args, path: Path, runs: list[dict], pandas_run: dict | None, stages, top: str, build_s) -> str:
    by = {c: [r for r in runs if r["contender"] == c] for c in ("fastexcel", "ingest")}
    med = {c: statistics.median(r["seconds"] for r in rs) for c, rs in by.items()}
    peak = {c: max(r["peak_mib"] for r in rs) for c, rs in by.items()}
    ratio = med["ingest"] / med["fastexcel"]
    # each repetition ran both contenders back to back: their ratio is robust to load drifting between repetitions
    pair_ratios = [i["seconds"] / f["seconds"] for f, i in zip(by["fastexcel"], by["ingest"], strict=True)]
    ing = by["ingest"][-1]
    m = machine()
    size_mb = path.stat().st_size / 1e6
    time_ok = ratio <= TARGET_RATIO
    mem_ok = peak["ingest"] < TARGET_MIB
    cmd = "    .venv/bin/python bench/ingest_bench.py" + "".join(
        f" {a}" for a in sys.argv[1:] if not a.startswith("--worker")
    )
    lines = [
        "# Benchmark results",
        "",
        "## Ingestion speed (issue: a 200,000-row case list within 2× fastexcel's read, under 1 GB)",
        "",
        "Command:",
        "",
        cmd.rstrip(),
        "",
        f"File: `bench/out/{path.name}` ({size_mb:.1f} MB, {args.rows:,} case rows × {len(HEADERS)} columns, "
        "title rows, one header row, total row and signature block; built once by the script"
        + (f" in {build_s:.0f} s" if build_s else "")
        + ").",
        f"Machine: {m['nproc']} cores ({m['cpu']}), {m['mem_gib']:.0f} GiB, Python {m['python']}, "
        + ", ".join(f"{k} {v}" for k, v in m["versions"].items())
        + f". Measured {date.today():%Y-%m-%d}; load average before the run {args.load_before:.2f}, after "
        f"{os.getloadavg()[0]:.2f} (other processes share the 2 cores: compare runs of one invocation only).",
        "",
        f"Each contender runs in a fresh subprocess, {args.reps} repetitions, order alternating; the time is the "
        "operation inside the child (imports and creating the database excluded), peak memory is the child's "
        "maximum RSS (os.wait4 rusage, imports included).",
        "",
        "| contender | median | runs | CPU time (median) | peak memory (max) | child wall (median) |",
        "|---|---:|---|---:|---:|---:|",
    ]
    for c, label in (("fastexcel", "fastexcel → Arrow (data sheet)"), ("ingest", "ingest: prepare + commit")):
        rs = by[c]
        each = ", ".join(f"{r['seconds']:.2f}" for r in rs)
        lines.append(
            f"| {label} | {_fmt_s(med[c])} | {each} | {statistics.median(r['cpu'] for r in rs):.2f} s | "
            f"{peak[c]:.0f} MiB | {statistics.median(r['child_wall'] for r in rs):.2f} s |"
        )
    if pandas_run:
        lines.append(
            f'| pandas.read_excel(engine="openpyxl") (once) | {_fmt_s(pandas_run["seconds"])} | 1 | '
            f"{pandas_run['cpu']:.2f} s | {pandas_run['peak_mib']:.0f} MiB | {pandas_run['child_wall']:.2f} s |"
        )
    lines += [
        "",
        f"- ingest / fastexcel: **{ratio:.2f}×** (ratio of the medians; target ≤ {TARGET_RATIO:.0f}×): "
        f"**{'met' if time_ok else 'not met'}**. Per repetition: "
        + ", ".join(f"{r:.2f}×" for r in pair_ratios)
        + f" (median {statistics.median(pair_ratios):.2f}×). CPU time ratio (less sensitive to other load): "
        f"{statistics.median(r['cpu'] for r in by['ingest']) / statistics.median(r['cpu'] for r in by['fastexcel']):.2f}×.",
        f"- ingest peak memory: **{peak['ingest']:.0f} MiB** (target < 1 GB): **{'met' if mem_ok else 'not met'}**.",
    ]
    if pandas_run:
        lines.append(f"- pandas + openpyxl / fastexcel: {pandas_run['seconds'] / med['fastexcel']:.1f}×.")
    prep = statistics.median(r["prepare"] for r in by["ingest"])
    comm = statistics.median(r["commit"] for r in by["ingest"])
    lines += [
        f"- ingest split (medians): prepare {prep:.2f} s, commit {comm:.2f} s.",
        f"- last ingest: status {ing['status']}, kind {ing['kind']}, {ing['rows_read']:,} rows read, "
        f"{ing['rows_loaded']:,} loaded ({ing['rows_in_db']:,} in the table), {ing['rejected']} rejected, "
        f"{ing['warnings']:,} warnings, skipped {ing['skipped']}.",
    ]
    if stages:
        lines += [
            "",
            "### Where the ingest's time goes (cProfile, one run, cumulative seconds; profiler overhead included)",
            "",
            "| stage | seconds | share |",
            "|---|---:|---:|",
        ]
        total = stages[0][1] + next(s for label, s, _t in stages if label.startswith("commit"))
        for label, s, _t in stages:
            indent = "· " * ((len(label) - len(label.lstrip())) // 2)
            lines.append(f"| {indent}{label.strip()} | {s:.2f} | {100 * s / total:.0f} % |")
        lines += ["", "Top functions by own time:", "", "```", *_top_lines(top), "```"]
    return "\n".join(lines) + "\n"


def _top_lines(top: str) -> list[str]:
    out = []
    started = False
    for line in top.splitlines():
        if line.strip().startswith("ncalls"):
            started = True
        if started and line.strip():
            root = str(ROOT) + "/"
            out.append(line.replace(root, "").replace(str(Path(sys.prefix)) + "/", "")[:150])
    return out[:26]


def compose_results(section: str, verdict: str) -> str:
    parts = [section]
    if verdict:
        parts.append(verdict)
    if METRICS_RESULTS.exists():
        parts.append(
            "## Metrics speed — copied verbatim from bench/RESULTS_metrics.md (another engineer's results)\n\n"
            + METRICS_RESULTS.read_text(encoding="utf-8")
        )
    if PAGES_RESULTS.exists():
        parts.append(
            "## Page speed — copied verbatim from bench/RESULTS_pages.md (bench/pages_bench.py)\n\n"
            + PAGES_RESULTS.read_text(encoding="utf-8")
        )
    if LEASE_RESULTS.exists():
        parts.append(
            "## Sessions per page run — copied verbatim from bench/RESULTS_lease.md (bench/lease_bench.py)\n\n"
            + LEASE_RESULTS.read_text(encoding="utf-8")
        )
    return "\n".join(parts)


VERDICT_MARK = "<!-- ingest verdict: kept when the script rewrites this file -->"


def _kept_verdict() -> str:
    """The hand-written analysis below the numbers, kept across re-runs."""
    if not RESULTS.exists():
        return ""
    text = RESULTS.read_text(encoding="utf-8")
    if VERDICT_MARK not in text:
        return ""
    tail = text.split(VERDICT_MARK, 1)[1]
    tail = tail.split("## Metrics speed — copied verbatim", 1)[0].split("## Page speed — copied verbatim", 1)[0]
    tail = tail.split("## Sessions per page run — copied verbatim", 1)[0]
    return VERDICT_MARK + tail.rstrip() + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--no-pandas", action="store_true", help="skip the pandas + openpyxl reference (slow)")
    ap.add_argument("--no-profile", action="store_true", help="skip the cProfile run of the ingest")
    ap.add_argument("--no-write", action="store_true", help="print only; leave bench/RESULTS.md alone")
    ap.add_argument("--rebuild", action="store_true", help="write the .xlsx again even if it exists")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--file", help=argparse.SUPPRESS)
    ap.add_argument("--workdir", help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.worker == "profile":
        profile_worker(Path(args.file), Path(args.workdir))
        return
    if args.worker:
        print(json.dumps(worker(args.worker, Path(args.file), Path(args.workdir)), default=str))
        return

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"ingest_bench_cases_{args.rows}_v{BUILD_VERSION}.xlsx"
    build_s = None
    if args.rebuild or not path.exists():
        print(f"building {path} ...", flush=True)
        t0 = time.perf_counter()
        build(path, args.rows)
        build_s = time.perf_counter() - t0
        print(f"  {path.stat().st_size / 1e6:.1f} MB in {build_s:.1f} s", flush=True)

    args.load_before = os.getloadavg()[0]
    runs: list[dict] = []
    for rep in range(args.reps):
        order = ("fastexcel", "ingest") if rep % 2 == 0 else ("ingest", "fastexcel")
        for c in order:
            r = run_child(c, path)
            runs.append(r)
            extra = f" (prepare {r['prepare']:.2f} s, commit {r['commit']:.2f} s)" if c == "ingest" else ""
            print(f"rep {rep + 1} {c:9s} {r['seconds']:6.2f} s{extra}  peak {r['peak_mib']:5.0f} MiB", flush=True)
            if c == "ingest" and r["status"] != "loaded":
                raise SystemExit(f"ingest did not load the file: {r['error']}")
    pandas_run = None
    if not args.no_pandas:
        pandas_run = run_child("pandas", path)
        print(f"pandas    {pandas_run['seconds']:6.2f} s  peak {pandas_run['peak_mib']:5.0f} MiB", flush=True)
    stages, top = (None, "")
    if not args.no_profile:
        stages, top = profile_ingest(path)
    section = report(args, path, runs, pandas_run, stages, top, build_s)
    print()
    print(section)
    if not args.no_write:
        RESULTS.write_text(compose_results(section, _kept_verdict()), encoding="utf-8")
        print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
