"""The facts lake (issue 15, part 5): the database's normalised rows as Parquet files that DuckDB or Spark read
without the database, and the classification of METRICS.md defined once in portable SQL over them.

Layout under the lake folder (Hive-style partitions: province, kind, year and month are all partition keys):

    facts/province=<code>/kind=<kind>/year=<yyyy>/month=<mm>/upload-<id>.parquet
    uploads/uploads-<code>.parquet      the manifest of the province's uploads, written afresh on every export

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
files are registered under those names. counts_over_lake() runs it on an in-memory DuckDB. What the lake does not
do yet: Biểu 06 aggregates count only when their period is exactly the month asked for (the database also chains
shorter aggregate periods that together cover it); units are the reported ones (no re-attribution to today's units).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from oversight import access, sql
from oversight.config import load_settings
from oversight.db import connection

KINDS = ("tasks", "cases", "feedback")
FACT_KINDS = (*KINDS, "case_stats")
# What each kind's classification reads besides lake_uploads and lake_months.
_READS = {"tasks": ("tasks",), "cases": ("cases", "case_stats"), "feedback": ("feedback",)}


@dataclass
class ExportResult:
    written: list[Path] = field(default_factory=list)  # the new fact files
    kept: list[Path] = field(default_factory=list)  # fact files already in the lake (append-only: not rewritten)
    manifest: Path | None = None
    uploads: int = 0  # uploads listed in the manifest


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


def export(
    con: duckdb.DuckDBPyConnection,
    lake_dir: str | Path,
    province_code: str,
    upload_ids: Iterable[int] | None = None,
) -> ExportResult:
    """Write the uploads' rows (all uploads with rows, or only `upload_ids`) to the lake, a file per upload, kind
    and month that is not there yet, then the province's manifest of uploads afresh."""
    lake_dir = Path(lake_dir)
    wanted = None if upload_ids is None else {int(u) for u in upload_ids}
    cur = con.cursor()
    result = ExportResult()
    for row in sql.rows(cur, "lake/partitions"):
        if wanted is not None and row["upload_id"] not in wanted:
            continue
        path = fact_path(lake_dir, province_code, row["kind"], row["year"], row["month"], row["upload_id"])
        if path.exists():
            result.kept.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        sql.run(
            cur,
            f"lake/export_{row['kind']}",
            upload_id=row["upload_id"],
            year=row["year"],
            month=row["month"],
            path=str(partial),
        )
        os.replace(partial, path)  # a reader never sees half a file
        result.written.append(path)
    manifest = manifest_path(lake_dir, province_code)
    manifest.parent.mkdir(parents=True, exist_ok=True)
    partial = manifest.with_name(manifest.name + ".partial")
    sql.run(cur, "lake/export_uploads", province=str(province_code), path=str(partial))
    os.replace(partial, manifest)
    result.manifest = manifest
    result.uploads = len(pd.read_parquet(manifest, columns=["upload_id"]))
    return result


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


def counts_over_lake(
    lake_dir: str | Path,
    kind: str,
    months: Sequence[tuple[date, date]],
    province_code: str | None = None,
) -> pd.DataFrame:
    """Per province, reported unit and month of `months` ([from, to] pairs: calendar months, 15→14 months or any
    periods), the counts of queries/lake/classify_<kind>.sql over the lake's Parquet files, run by an in-memory
    DuckDB. Empty when the lake holds no file of the kind."""
    if kind not in KINDS:
        raise ValueError(f"loại dữ liệu không hợp lệ: {kind!r} (chọn một trong {', '.join(KINDS)})")
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
        return sql.run(con, f"lake/classify_{kind}").df()
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
    p.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace, out=None) -> int:
    out = out or sys.stdout
    access.require(access.MANAGE_USERS)  # the lake holds every item, like a backup: the administrators'
    settings = load_settings(args.db)
    if args.out.exists() and not args.out.is_dir():
        print(f"Lỗi: «{args.out}» không phải là thư mục.", file=sys.stderr)
        return 2
    result = export(connection(settings.db_path), args.out, settings.province_code)
    print(
        f"Đã xuất kho dữ liệu vào «{args.out}»: {len(result.written)} tệp mới, {len(result.kept)} tệp đã có "
        f"(không ghi lại); danh sách {result.uploads} lần tải lên của {settings.province_label}.",
        file=out,
    )
    return 0
