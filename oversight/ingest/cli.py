"""`python -m oversight ingest …` and `python -m oversight uploads list|rollback` (METRICS.md section 7)."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from datetime import date
from pathlib import Path

from oversight import clock
from oversight.config import load_settings
from oversight.ingest.columns import FIELD_LABELS
from oversight.ingest.pipeline import (
    CLI_KINDS,
    Plan,
    UploadError,
    UploadResult,
    ingest_file_between_sessions,
    list_uploads,
    rollback,
)
from oversight.ingest.readers import FORMAT_LABELS
from oversight.ingest.validate import group_rejects, rows_text

DB_TO_CLI_KIND = {v: k for k, v in CLI_KINDS.items()}


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày không hợp lệ «{text}» (dạng YYYY-MM-DD)") from None


def register(subparsers) -> None:
    p = subparsers.add_parser("ingest", help="nạp tệp xuất Excel (nhiệm vụ, hồ sơ TTHC, Biểu 06, phản ánh)")
    p.add_argument(
        "--db", type=Path, default=None, help="tệp DuckDB (mặc định: OVERSIGHT_DB hoặc data/oversight.duckdb)"
    )
    p.add_argument("--kind", choices=sorted(CLI_KINDS), help="loại dữ liệu (mặc định: nhận từ tiêu đề cột)")
    p.add_argument("--from", dest="date_from", type=_date, help="ngày đầu kỳ báo cáo YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_date, help="ngày cuối kỳ báo cáo YYYY-MM-DD")
    p.add_argument("--strict", action="store_true", help="có dòng bị từ chối thì không nạp cả tệp")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    # own_session: the file is held only to read the registry and to commit, not while the file is read
    p.set_defaults(handler=run_ingest, own_session=True)

    u = subparsers.add_parser("uploads", help="lịch sử tải lên: xem, hoàn tác")
    u.add_argument(
        "--db", type=Path, default=None, help="tệp DuckDB (mặc định: OVERSIGHT_DB hoặc data/oversight.duckdb)"
    )
    usub = u.add_subparsers(dest="uploads_command", required=True)
    ul = usub.add_parser("list", help="liệt kê các lần tải lên")
    ul.add_argument("--format", choices=("json", "table"), default="table")
    ul.set_defaults(handler=run_uploads_list)
    ur = usub.add_parser("rollback", help="hoàn tác một lần tải lên")
    ur.add_argument("upload_id", type=int, metavar="UPLOAD_ID")
    ur.set_defaults(handler=run_uploads_rollback)


def _open(db: Path | None):
    """A cursor on the command's session (oversight.cli holds it for the whole command)."""
    from oversight.db import connection

    return connection(db or load_settings().db_path).cursor()


def _fmt_period(plan: Plan) -> str:
    if not plan.period:
        return "không có"
    a, b = plan.period
    return f"{a:%d/%m/%Y} – {b:%d/%m/%Y} ({plan.period_source})"


def report(plan: Plan, result: UploadResult, out=None) -> None:
    """The per-file report the CLI prints (Vietnamese)."""
    out = out or sys.stdout
    w = lambda line="": print(line, file=out)  # noqa: E731
    w(f"Tệp: {plan.file_name}")
    if plan.file_format:
        w(f"  Định dạng: {FORMAT_LABELS[plan.file_format]}")
    if plan.kind:
        w(f"  Loại: {plan.kind_label} (theo {plan.kind_source}); trang «{plan.sheet}» — {plan.sheet_reason}")
        w(f"  Dòng tiêu đề cột: {plan.header_rows}; dữ liệu từ dòng {plan.data_start_row}; kỳ: {_fmt_period(plan)}")
    if plan.mapping:
        cols = sorted(plan.mapping.items(), key=lambda kv: (len(kv[1].split(":")[0]), kv[1]))
        w("  Cột: " + "; ".join(f"{v} → {FIELD_LABELS.get(k, k)}" for k, v in cols))
    if plan.mapping_source:
        w(f"  Ánh xạ cột: theo {plan.mapping_source}")
    for line in plan.warnings:
        w(f"  Lưu ý: {line}")
    if result.status == "rejected":
        w("  KHÔNG NẠP: " + (plan.error or result.message))
        for d in plan.error_details:
            w(f"    - {d}")
    elif result.status == "duplicate":
        w(f"  {result.message}")
        w(f"  Mã tải lên: {result.upload_id}")
    else:
        w(
            f"  Đã nạp: {result.rows_loaded} dòng; bị từ chối: {result.rows_rejected} dòng; "
            f"cảnh báo: {result.warnings}; mã tải lên: {result.upload_id}"
        )
        if result.message:
            w(f"  {result.message}")
    # the same problem on many rows (one unknown status on 45 rows) is one line with its count and first rows
    errors, warnings = plan.errors, plan.row_warnings
    if len(errors):
        w(f"  Dòng bị từ chối ({len(errors)}):")
        for r in group_rejects(errors).itertuples(index=False):
            w("    - " + _reject_line(r))
    if len(warnings):
        w(f"  Cảnh báo ({len(warnings)}):")
        for r in group_rejects(warnings).itertuples(index=False):
            w("    - " + _reject_line(r))


def _reject_line(r) -> str:
    """'trang «S», dòng 6, cột «C», giá trị «V»: lý do', or for a group '…, giá trị «V», ở 45 dòng (dòng 5, 6, …): lý do'."""
    parts = [f"trang «{r.sheet}»"]
    if r.rows_count == 1:
        parts.append(f"dòng {r.first_row}")
    if r.column_name:
        parts.append(f"cột «{r.column_name}»")
    if r.value is not None and str(r.value) != "":
        parts.append(f"giá trị «{r.value}»")
    if r.rows_count > 1:
        parts.append(f"ở {r.rows_count} dòng (dòng {rows_text(r.rows)})")
    return ", ".join(parts) + f": {r.reason}"


def run_ingest(args) -> int:
    if (args.date_from is None) != (args.date_to is None):
        print("Cần nhập cả --from và --to.", file=sys.stderr)
        return 2
    period = (args.date_from, args.date_to) if args.date_from else None
    database = args.db or load_settings().db_path
    user = getpass.getuser()
    failed = 0
    for path in args.files:
        if not path.is_file():
            print(f"Tệp: {path}\n  KHÔNG NẠP: không tìm thấy tệp.")
            failed += 1
            continue
        plan, result = ingest_file_between_sessions(
            database, path, kind=args.kind, period=period, strict=args.strict, user=user
        )
        report(plan, result)
        if result.status == "rejected":
            failed += 1
    return 1 if failed else 0


def run_uploads_list(args) -> int:
    con = _open(args.db)
    try:
        df = list_uploads(con)
    finally:
        con.close()
    df["kind"] = df["kind"].map(lambda k: DB_TO_CLI_KIND.get(k, k))
    # stored in UTC; shown in the province's time, with its offset in JSON (2026-12-02T14:03:00+07:00)
    df["uploaded_at"] = [
        None if _isna(v) else clock.to_local(v.to_pydatetime()).replace(microsecond=0, tzinfo=clock.LOCAL_TZ)
        for v in df["uploaded_at"]
    ]
    for c in ("period_from", "period_to"):
        df[c] = df[c].map(lambda v: None if _isna(v) else v.date().isoformat() if hasattr(v, "date") else str(v))
    if args.format == "json":
        records = []
        for row in df.to_dict(orient="records"):
            rec = {}
            for k, v in row.items():
                if v is None or (not isinstance(v, str) and _isna(v)):
                    rec[k] = None
                elif hasattr(v, "isoformat"):
                    rec[k] = v.isoformat()
                elif hasattr(v, "item"):
                    rec[k] = v.item()
                else:
                    rec[k] = v
            records.append(rec)
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return 0
    if df.empty:
        print("Chưa có lần tải lên nào.")
        return 0
    cols = [
        "id",
        "file_name",
        "kind",
        "period_from",
        "period_to",
        "rows_loaded",
        "rows_rejected",
        "state",
        "uploaded_at",
    ]
    shown = df[cols].assign(uploaded_at=[clock.local_text(v, "%d/%m/%Y %H:%M") if v else "" for v in df["uploaded_at"]])
    print(shown.to_string(index=False))
    return 0


def _isna(v) -> bool:
    try:
        import pandas as pd

        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def run_uploads_rollback(args) -> int:
    con = _open(args.db)
    try:
        restored = rollback(con, args.upload_id, getpass.getuser())
    except UploadError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        con.close()
    print(f"Đã hoàn tác lần tải lên số {args.upload_id}.")
    if restored:
        print("Khôi phục các lần tải lên đã bị nó thay thế: " + ", ".join(str(i) for i in restored) + ".")
    return 0
