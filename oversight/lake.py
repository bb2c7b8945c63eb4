"""The facts lake (issue 15, part 5): the database's normalised rows as Parquet files that DuckDB or Spark read
without the database, and the classification of METRICS.md defined once in portable SQL over them.

Layout under the lake folder (Hive-style partitions: province, kind, year and month are all partition keys):

    facts/province=<code>/kind=<kind>/year=<yyyy>/month=<mm>/upload-<id>.parquet
    uploads/uploads-<code>.parquet      the manifest of the province's uploads, written afresh on every export
    units/units-<code>.parquet          the province's unit registry, written afresh on every export
    units/lineage-<code>.parquet        old unit -> new unit(s) (unit_lineage), written afresh on every export

`kind` is tasks, cases, feedback or case_stats (the Biểu 06 aggregate rows); each file holds one upload's rows of
that kind and month in the table's own columns (queries/schema/001_init.sql). The facts are append-only: a file, once
written, is never rewritten (an upload's rows never change; a rollback removes them from the database but not from
the lake), so the manifest is what says which uploads count: its `state` is active, replaced, rolled_back, or
demo_retired (a demo upload that stopped counting once real data came, schema 060). Only active uploads count.

The month a row is placed in is the month METRICS.md counts it as new in, its reception: a task's assignment date
(else its assigning document's date), a case's or a feedback item's reception date, an aggregate row's period start.
A case also has a result date (and a hand-back date) that decides when it is resolved; it is still partitioned by
its reception month only (one place per row; a month's figures read every item received up to its end anyway,
since carried-over items belong to it). A task without any date is placed in year 0, month 0.

The classification (queries/lake/classify_<kind>.sql) reads the tables lake_<kind>, lake_uploads and lake_months:
CASE, COALESCE, CAST, date comparisons and window functions only, so that Spark SQL can run the same text once the
files are registered under those names. counts_over_lake() runs it on an in-memory DuckDB; with units="today" the
counts go to the unit each reported unit is today (queries/lake/unit_today.sql over the registry and lineage files,
then today_<kind>.sql), as the dashboard's «Theo đơn vị hiện nay».

Every upload writes the lake by itself (after_commit, called by oversight.ingest.load once an upload, a rollback or
the demo's return has committed): the files of every upload not yet in the folder (lake_writes, schema 074: normally
only the new one) and the manifest and unit files afresh. The folder is the setting OVERSIGHT_LAKE_DIR (default
<folder of the database>/lake; empty or "off": no lake). A write that fails never fails the upload: it is logged,
recorded in lake_failures (shown by `python -m oversight check`), and the next write fills in what is missing.
Manifests and unit files are replaced atomically (a temporary file renamed over the old one) under a lock file, and
written from the database each time, so two processes writing one after the other never lose an upload.

The narrow export (OVERSIGHT_LAKE_NARROW=1, `lake --narrow`) leaves the free-text columns out of the fact files
(NARROW_DROPPED): the classification reads none of them, so the counts do not change.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from oversight import access, sql
from oversight.config import load_settings
from oversight.db import connection

log = logging.getLogger("oversight.lake")

KINDS = ("tasks", "cases", "feedback")
FACT_KINDS = (*KINDS, "case_stats")
# What each kind's classification reads besides lake_uploads and lake_months.
_READS = {"tasks": ("tasks",), "cases": ("cases", "case_stats"), "feedback": ("feedback",)}
UNIT_MODES = ("reported", "today")
# Rows of earlier uploads the hook after an upload writes besides the new upload's own (sync, catch_up_rows).
CATCH_UP_ROWS = 500_000
# The columns the narrow export leaves out (queries/lake/export_<kind>_narrow.sql): free text, names as written.
# The task's item_key, which holds its text, is kept as an MD5 hash.
NARROW_DROPPED = {
    "tasks": ("content", "assigned_by", "cooperating_units", "unit_name", "due_text", "status_text", "note"),
    "cases": ("applicant", "unit_name", "status_text"),
    "feedback": ("content", "area", "unit_name", "status_text"),
    "case_stats": ("unit_name",),
}


@dataclass
class ExportResult:
    written: list[Path] = field(default_factory=list)  # the new fact files
    kept: list[Path] = field(default_factory=list)  # fact files already in the lake (append-only: not rewritten)
    manifest: Path | None = None
    uploads: int = 0  # uploads listed in the manifest
    left_pending: int = 0  # uploads not written this time (the hook's catch-up budget): the next write takes them


def fact_path(lake_dir: Path, province_code: str, kind: str, year: int, month: int, upload_id: int) -> Path:
    return (
        Path(lake_dir)
        / "facts"
        / f"province={province_code}"
        / f"kind={kind}"
        / f"year={year:04d}"
        / f"month={month:02d}"
        / f"upload-{upload_id}.parquet"
    )


def manifest_path(lake_dir: Path, province_code: str) -> Path:
    return Path(lake_dir) / "uploads" / f"uploads-{province_code}.parquet"


def units_path(lake_dir: Path, province_code: str) -> Path:
    return Path(lake_dir) / "units" / f"units-{province_code}.parquet"


def lineage_path(lake_dir: Path, province_code: str) -> Path:
    return Path(lake_dir) / "units" / f"lineage-{province_code}.parquet"


def _temporary(path: Path) -> Path:
    """A temporary name beside `path`, of this process and thread only: hidden (a leading dot, so that Spark and
    Hive readers of a folder skip it) and not ending in .parquet (so that no glob of the lake takes it)."""
    return path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.partial")


def _copy_atomically(cur, query: str, path: Path, **params) -> None:
    """queries/<query>.sql (a COPY ... TO $path) into a temporary file, then renamed over `path`: a reader sees the
    old file or the new one, never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = _temporary(path)
    try:
        sql.run(cur, query, path=str(partial), **params)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


@contextlib.contextmanager
def _folder_lock(lake_dir: Path):
    """An exclusive lock on the lake folder's lock file while a province's manifest and unit files are rewritten,
    so that two processes never interleave a read of the database and the rename of its result."""
    try:
        import fcntl
    except ImportError:  # not on Linux: the rename alone is atomic
        yield
        return
    lake_dir.mkdir(parents=True, exist_ok=True)
    with open(lake_dir / ".lock", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def export(
    con: duckdb.DuckDBPyConnection,
    lake_dir: str | Path,
    province_code: str,
    upload_ids: Iterable[int] | None = None,
    narrow: bool = False,
) -> ExportResult:
    """Write the uploads' rows (all uploads with rows, or only `upload_ids`: then only their own rows are read) to
    the lake, a file per upload, kind and month that is not there yet, then the province's manifest of uploads and
    unit files afresh. `narrow`: without the free-text columns (NARROW_DROPPED)."""
    lake_dir = Path(lake_dir)
    cur = con.cursor()
    result = ExportResult()
    try:
        if upload_ids is None:
            partitions = sql.rows(cur, "lake/partitions")
        else:
            partitions = [r for u in sorted({int(u) for u in upload_ids}) for r in
                          sql.rows(cur, "lake/partitions_of_upload", upload_id=u)]  # fmt: skip
        suffix = "_narrow" if narrow else ""
        for row in partitions:
            path = fact_path(lake_dir, province_code, row["kind"], row["year"], row["month"], row["upload_id"])
            if path.exists():
                result.kept.append(path)
                continue
            _copy_atomically(
                cur,
                f"lake/export_{row['kind']}{suffix}",
                path,
                upload_id=row["upload_id"],
                year=row["year"],
                month=row["month"],
            )
            result.written.append(path)
        with _folder_lock(lake_dir):
            province = str(province_code)
            _copy_atomically(cur, "lake/export_units", units_path(lake_dir, province_code), province=province)
            _copy_atomically(cur, "lake/export_unit_lineage", lineage_path(lake_dir, province_code), province=province)
            manifest = manifest_path(lake_dir, province_code)
            _copy_atomically(cur, "lake/export_uploads", manifest, province=province)
            result.uploads = int(sql.scalar(cur, "lake/uploads_count"))  # what the manifest just written lists
        result.manifest = manifest
    finally:
        cur.close()
    return result


def _folder_key(lake_dir: Path) -> str:
    return str(Path(lake_dir).absolute())


def sync(
    con: duckdb.DuckDBPyConnection,
    lake_dir: str | Path,
    province_code: str,
    narrow: bool = False,
    catch_up_rows: int | None = None,
) -> ExportResult:
    """Bring the lake folder up to date with the database: the files of every upload not yet recorded as written
    there (lake_writes; after a normal upload only the new one), the manifest and unit files afresh; then record
    them written and clear the folder's recorded failures. With `catch_up_rows`, the newest pending upload is
    always written but older ones only while their loaded rows stay within that budget (the hook after an upload:
    the first upload into a large database whose lake was just switched on must not write every earlier upload
    while the user waits); what is left stays pending (`check` says so) for the next upload or `lake --out`."""
    key = _folder_key(Path(lake_dir))
    cur = con.cursor()
    try:
        pending = sql.rows(cur, "lake/pending_uploads", lake_dir=key)
    finally:
        cur.close()
    chosen = _within_budget(pending, catch_up_rows)
    result = export(con, lake_dir, province_code, upload_ids=chosen, narrow=narrow)
    record_written(con, lake_dir, chosen)
    result.left_pending = len(pending) - len(chosen)
    return result


def _within_budget(pending: list[dict], budget: int | None) -> list[int]:
    """The upload ids to write now: all of them without a budget; else the newest (the upload just committed),
    and older ones, newest first, while the sum of their loaded rows stays within `budget`."""
    if budget is None:
        return [int(r["upload_id"]) for r in pending]
    if not pending:
        return []
    newest, *older = pending  # newest first (queries/lake/pending_uploads.sql)
    chosen, spent = [int(newest["upload_id"])], 0
    for row in older:
        rows = int(row["rows_loaded"] or 0)
        if spent + rows <= budget:
            chosen.append(int(row["upload_id"]))
            spent += rows
    return chosen


def record_written(con: duckdb.DuckDBPyConnection, lake_dir: str | Path, upload_ids: Iterable[int]) -> None:
    key = _folder_key(Path(lake_dir))
    cur = con.cursor()
    try:
        ids = sorted({int(u) for u in upload_ids})
        if ids:
            sql.run(cur, "lake/writes_record", lake_dir=key, ids=ids)
        sql.run(cur, "lake/failure_clear", lake_dir=key)
    finally:
        cur.close()


def after_commit(con: duckdb.DuckDBPyConnection) -> ExportResult | None:
    """The hook oversight.ingest.load calls once an upload, a rollback or the demo's return has committed: sync the
    configured lake folder (Settings.lake_dir_for the connection's database file; nothing when it is off or the
    database is in memory). Never raises: a failure (a full disk, a folder without permission) is logged and
    recorded in lake_failures, and the next write, or `python -m oversight lake`, catches up."""
    from oversight.config import load_settings as settings_now  # the settings of this moment (tests change them)

    lake_dir = None
    try:
        settings = settings_now()
        cur = con.cursor()
        try:
            lake_dir = settings.lake_dir_for(sql.scalar(cur, "lake/database_path"))
        finally:
            cur.close()
        if lake_dir is None:
            return None
        return sync(con, lake_dir, settings.province_code, narrow=settings.lake_narrow, catch_up_rows=CATCH_UP_ROWS)
    except Exception as exc:  # the upload has committed: the lake must never undo or fail it
        log.exception("writing the facts lake %s after an upload failed", lake_dir)
        if lake_dir is not None:
            _record_failure(con, lake_dir, f"{type(exc).__name__}: {exc}")
        return None


def _record_failure(con: duckdb.DuckDBPyConnection, lake_dir: Path, error: str) -> None:
    key = _folder_key(lake_dir)
    with contextlib.suppress(Exception):  # on a full disk the database may refuse the row too: the log has it
        cur = con.cursor()
        try:
            pending = len(sql.rows(cur, "lake/pending_uploads", lake_dir=key))
            sql.run(cur, "lake/failure_record", lake_dir=key, error=error[:2000], pending=pending)
        finally:
            cur.close()


def status(con: duckdb.DuckDBPyConnection, lake_dir: Path) -> dict:
    """For `python -m oversight check`: {'pending': uploads not yet in the folder, 'failed_at', 'error'}."""
    cur = con.cursor()
    try:
        return sql.rows(cur, "lake/status", lake_dir=_folder_key(lake_dir))[0]
    finally:
        cur.close()


def _files(lake_dir: Path, kind: str, province_code: str | None) -> list[str]:
    province = f"province={province_code}" if province_code else "province=*"
    return sorted(str(p) for p in (lake_dir / "facts").glob(f"{province}/kind={kind}/year=*/month=*/*.parquet"))


def month_ranges(first: date, last: date) -> list[tuple[date, date]]:
    """The calendar months from the one containing `first` to the one containing `last`."""
    out = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        nxt = date(year + month // 12, month % 12 + 1, 1)
        out.append((date(year, month, 1), date.fromordinal(nxt.toordinal() - 1)))
        year, month = nxt.year, nxt.month
    return out


def _unit_files(lake_dir: Path, province_code: str | None) -> tuple[list[str], list[str]]:
    code = province_code or "*"
    units = sorted(str(p) for p in (lake_dir / "units").glob(f"units-{code}.parquet"))
    lineage = sorted(str(p) for p in (lake_dir / "units").glob(f"lineage-{code}.parquet"))
    return units, lineage


def _check(kind: str, units: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"loại dữ liệu không hợp lệ: {kind!r} (chọn một trong {', '.join(KINDS)})")
    if units not in UNIT_MODES:
        raise ValueError(f"cách tính đơn vị không hợp lệ: {units!r} (chọn một trong {', '.join(UNIT_MODES)})")


def counts_over_lake(
    lake_dir: str | Path,
    kind: str,
    months: Sequence[tuple[date, date]],
    province_code: str | None = None,
    units: str = "reported",
) -> pd.DataFrame:
    """Per province, unit and month of `months` ([from, to] pairs: calendar months, 15→14 months or any periods),
    the counts of queries/lake/classify_<kind>.sql over the lake's Parquet files, run by an in-memory DuckDB.
    `units`: 'reported' (the unit each item names) or 'today' (summed under the unit it is today,
    lake/unit_today.sql and lake/today_<kind>.sql). Empty when the lake holds no file of the kind."""
    _check(kind, units)
    lake_dir = Path(lake_dir)
    manifests = sorted(str(p) for p in (lake_dir / "uploads").glob(f"uploads-{province_code or '*'}.parquet"))
    files = {k: _files(lake_dir, k, province_code) for k in _READS[kind]}
    if not manifests or not any(files.values()) or not months:
        return pd.DataFrame()
    con = duckdb.connect(":memory:")
    try:
        sql.run(con, "lake/load_uploads", files=manifests)
        for k, names in files.items():
            if names:
                sql.run(con, f"lake/load_{k}", files=names)
            else:
                sql.run(con, f"lake/empty_{k}")
        sql.run(con, "lake/load_months", froms=[m[0] for m in months], tos=[m[1] for m in months])
        counts = sql.frame(con, f"lake/classify_{kind}")
        if units == "reported":
            return counts
        unit_files, lineage_files = _unit_files(lake_dir, province_code)
        if not unit_files:
            raise ValueError(f"kho dữ liệu «{lake_dir}» chưa có danh mục đơn vị (units/units-<mã tỉnh>.parquet)")
        sql.run(con, "lake/load_units", files=unit_files)
        if lineage_files:
            sql.run(con, "lake/load_unit_lineage", files=lineage_files)
        else:
            sql.run(con, "lake/empty_unit_lineage")
        con.register("lake_unit_today", sql.frame(con, "lake/unit_today"))
        con.register("lake_counts", counts)
        return sql.frame(con, f"lake/today_{kind}")
    finally:
        con.close()


# The command line: `python -m oversight lake --out DIR` (registered by oversight.cli).


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "lake",
        help="xuất kho dữ liệu Parquet (facts lake): các dòng đã chuẩn hoá của từng lần tải lên, "
        "phân vùng theo tỉnh, loại, năm, tháng",
    )
    p.add_argument("--db", type=Path, default=None, help="tệp cơ sở dữ liệu (mặc định: OVERSIGHT_DB)")
    p.add_argument("--out", type=Path, required=True, metavar="DIR", help="thư mục kho dữ liệu (tạo nếu chưa có)")
    p.add_argument(
        "--narrow",
        action="store_true",
        default=None,
        help="bản thu gọn: không ghi các cột văn bản tự do (nội dung phản ánh, tên người nộp hồ sơ, ghi chú…); "
        "mặc định theo OVERSIGHT_LAKE_NARROW",
    )
    p.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace, out=None) -> int:
    out = out or sys.stdout
    access.require(access.MANAGE_USERS)  # the lake holds every item, like a backup: the administrators'
    settings = load_settings(args.db)
    if args.out.exists() and not args.out.is_dir():
        print(f"Lỗi: «{args.out}» không phải là thư mục.", file=sys.stderr)
        return 2
    narrow = settings.lake_narrow if getattr(args, "narrow", None) is None else bool(args.narrow)
    con = connection(settings.db_path)
    # the uploads there before the export: all their files are in the folder once it is done (a later one's own
    # write puts its files there)
    before = [r["upload_id"] for r in sql.rows(con.cursor(), "lake/export_uploads_ids")]
    result = export(con, args.out, settings.province_code, narrow=narrow)
    record_written(con, args.out, before)
    print(
        f"Đã xuất kho dữ liệu vào «{args.out}»: {len(result.written)} tệp mới, {len(result.kept)} tệp đã có "
        f"(không ghi lại); danh sách {result.uploads} lần tải lên của {settings.province_label}"
        + (" (bản thu gọn: không có các cột văn bản tự do)." if narrow else "."),
        file=out,
    )
    return 0
