"""The ingestion API the upload page and the CLI call.

    plan = prepare(data, file_name, con, kind=None, period=None)   # reads and validates, writes nothing
    result = commit(con, plan, user)                               # one transaction
    plan, result = ingest_file(con, path, kind=None, period=None, strict=False, user=...)
    list_uploads(con); rollback(con, upload_id, user)

A Plan says what was found (format, kind, sheet and why, header rows, column mapping, period and where it
came from), holds the typed records, their preview, the rejected rows and warnings, and the structural
error if the file cannot be loaded at all.
"""

from __future__ import annotations

import contextlib
import getpass
import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from oversight import access, storage
from oversight.auth import audit
from oversight.config import load_settings
from oversight.ingest import guards, isolation, mappings
from oversight.ingest.columns import FIELD_LABELS, KIND_LABELS, KINDS, map_columns, required_label
from oversight.ingest.errors import StructuralError
from oversight.ingest.headers import HeaderBlock, find_header
from oversight.ingest.load import (
    ORIGIN_REAL,
    UploadError,
    UploadResult,
    active_duplicate,
    list_uploads,
    rollback,
    store_original,
    upload_rejects,
    write_upload,
)
from oversight.ingest.periods_in_titles import period_from_titles
from oversight.ingest.province_check import check_file_province
from oversight.ingest.readers import HEAD_ROWS, Sheet, Workbook, col_letters, read_workbook
from oversight.ingest.records import extract
from oversight.ingest.validate import REJECT_COLUMNS, aggregate_mismatches, identity_violations
from oversight.units.matcher import UnitMatcher

__all__ = [
    "Plan",
    "UploadError",
    "UploadResult",
    "commit",
    "current_source",
    "ingest_file",
    "list_uploads",
    "prepare",
    "rollback",
    "upload_rejects",
]

CLI_KINDS = {"tasks": "tasks", "cases": "cases", "case-stats": "case_stats", "feedback": "feedback"}


@dataclass
class Plan:
    file_name: str
    sha256: str
    size: int
    file_format: str | None = None
    kind: str | None = None
    kind_source: str | None = None  # 'tham số' | 'tiêu đề cột'
    sheet: str | None = None
    sheet_reason: str | None = None
    header_rows: str | None = None  # as Excel numbers them: '4' or '5-7'
    numbering_row: int | None = None
    data_start_row: int | None = None
    mapping: dict[str, str] = field(default_factory=dict)  # field -> "E: Cơ quan giải quyết"
    mapping_source: str | None = None  # set when a column mapping chosen by hand (and remembered) was used
    header_cells: dict[int, str] = field(default_factory=dict)  # 0-based column -> header text as written
    header_fingerprint: str | None = None  # oversight.ingest.mappings.fingerprint of the header
    missing_fields: list[str] = field(default_factory=list)  # required fields no column was found for
    period: tuple[date, date] | None = None
    period_source: str | None = None
    scope_period: bool = False  # the period came from the titles or the uploader (scope for replacement)
    records: pd.DataFrame = field(default_factory=pd.DataFrame)
    rejects: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REJECT_COLUMNS))
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    error_details: list[str] = field(default_factory=list)
    rows_read: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    data: bytes = field(default=b"", repr=False)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def errors(self) -> pd.DataFrame:
        return self.rejects[self.rejects["severity"] == "error"].reset_index(drop=True)

    @property
    def row_warnings(self) -> pd.DataFrame:
        return self.rejects[self.rejects["severity"] == "warning"].reset_index(drop=True)

    @property
    def rows_loaded(self) -> int:
        return len(self.records) if self.ok else 0

    @property
    def rows_rejected(self) -> int:
        return len(self.errors)

    def preview(self, n: int = 20) -> pd.DataFrame:
        return self.records.head(n)

    @property
    def kind_label(self) -> str | None:
        return KIND_LABELS.get(self.kind) if self.kind else None

    def error_text(self) -> str:
        if self.error is None:
            return ""
        return "\n".join([self.error, *(f"  - {d}" for d in self.error_details)])


def _period_text(period: tuple[date, date]) -> str:
    return f"{period[0]:%d/%m/%Y} – {period[1]:%d/%m/%Y}"


def _fail(plan: Plan, exc: StructuralError) -> Plan:
    plan.error = exc.message
    plan.error_details = exc.details
    plan.records = pd.DataFrame()
    return plan


def _choose_sheet(wb: Workbook, kind: str | None) -> tuple[Sheet, HeaderBlock, str]:
    sheets = [s for s in wb.sheets if s.visible] or wb.sheets
    if not sheets:
        raise StructuralError("Bảng tính không có trang (sheet) nào chứa dữ liệu.")
    found: list[tuple[Sheet, HeaderBlock]] = []
    for sheet in sheets:
        block = find_header(sheet, kind)
        if block is not None:
            found.append((sheet, block))
    if not found:
        names = ", ".join(f"«{s.name}»" for s in sheets)
        what = f"của {KIND_LABELS[kind]}" if kind else "của nhiệm vụ, hồ sơ TTHC, Biểu 06 hay phản ánh kiến nghị"
        raise StructuralError(
            f"Không tìm thấy dòng tiêu đề cột {what} trong {HEAD_ROWS} dòng đầu của trang {names}. "
            "Hãy kiểm tra tệp có đúng là bản xuất từ hệ thống và có dòng tiêu đề cột (ví dụ «Mã hồ sơ», «Đơn vị»)."
        )
    found.sort(key=lambda sb: (sb[1].mapping.complete, sb[1].mapping.score, -sb[0].index), reverse=True)
    sheet, block = found[0]
    if len(wb.sheets) == 1:
        reason = "bảng tính chỉ có một trang"
    else:
        others = [f"«{s.name}»" for s in wb.sheets if s is not sheet]
        reason = (
            f"trang có tiêu đề cột khớp nhiều nhất ({len(block.mapping.columns)} cột) với {KIND_LABELS[block.mapping.kind]}; "
            f"bỏ qua {', '.join(others)}"
        )
    return sheet, block, reason


def prepare(
    data: bytes,
    file_name: str,
    con: duckdb.DuckDBPyConnection,
    kind: str | None = None,
    period: tuple[date, date] | None = None,
) -> Plan:
    """Read, map and validate a file without writing anything (uploaders and admins only).

    The reading runs in a child process within the memory and time bounds of the settings
    (oversight/ingest/isolation.py); what it needs of the database (the unit registry, the column mappings
    remembered by hand) is read here first and handed to it."""
    access.require(access.UPLOAD)
    limits = guards.current_limits()
    try:
        guards.check_size(len(data), file_name, limits)  # before anything reads the bytes
    except StructuralError as exc:
        return _fail(Plan(file_name=file_name, sha256=hashlib.sha256(data).hexdigest(), size=len(data), data=data), exc)
    return prepare_with(data, file_name, read_context(con, limits), kind, period)


def read_context(con: duckdb.DuckDBPyConnection, limits: guards.Limits | None = None) -> ReadContext:
    """What reading a file needs of the database (the unit registry, the column mappings remembered by hand), read
    from it now: the reading itself needs the database no more."""
    limits = limits or guards.current_limits()
    return ReadContext(UnitMatcher(con), mappings.remembered_all(con), limits)


def prepare_with(
    data: bytes,
    file_name: str,
    context: ReadContext,
    kind: str | None = None,
    period: tuple[date, date] | None = None,
) -> Plan:
    """prepare() once the database's part is read (read_context): the file read, mapped and validated in the
    bounded child process, without the database."""
    access.require(access.UPLOAD)
    kind = CLI_KINDS.get(kind, kind) if kind else None
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    settings = load_settings()
    bounds = isolation.Bounds(settings.max_parse_mb, settings.max_parse_seconds)
    try:
        plan = isolation.run(read_plan, data, file_name, context, kind, period, bounds=bounds)
    except isolation.Exceeded as exc:
        plan = Plan(file_name=file_name, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
        plan = _fail(plan, StructuralError(_exceeded_message(file_name, exc, bounds)))
    plan.data = data
    return plan


def _exceeded_message(file_name: str, exc: isolation.Exceeded, bounds: isolation.Bounds) -> str:
    if exc.what == "crash":
        return f"Không đọc được tệp «{file_name}»: {exc}. Tệp không được nạp."
    return (
        f"Tệp «{file_name}» {exc} để đọc (giới hạn {bounds.memory_mb} MiB bộ nhớ, {bounds.seconds:g} giây) nên bị từ "
        "chối, không nạp gì. Tệp hợp lệ có thể quá lớn: hãy xuất theo từng tháng hoặc từng đơn vị rồi tải lên lần lượt."
    )


@dataclass
class ReadContext:
    """What reading a file needs of the database, read beforehand: the child process that reads has none."""

    matcher: UnitMatcher
    remembered: list[mappings.Remembered]
    limits: guards.Limits


def read_plan(
    data: bytes,
    file_name: str,
    context: ReadContext,
    kind: str | None = None,
    period: tuple[date, date] | None = None,
) -> Plan:
    """Read, map and validate a file with no database: the part of prepare() that runs in the child process.
    The plan it returns does not carry the file's bytes (the caller has them)."""
    plan = Plan(file_name=file_name, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    try:
        limits = context.limits
        wb = read_workbook(data, file_name, limits)
        plan.file_format = wb.format
        sheet, block, reason = _choose_sheet(wb, kind)
        plan.sheet, plan.sheet_reason = sheet.name, reason
        plan.header_cells = mappings.header_cells(block.paths)
        plan.header_fingerprint = mappings.fingerprint(block.paths)
        if not block.mapping.complete:
            saved = mappings.lookup(context.remembered, plan.header_fingerprint, kind)
            if saved is not None:
                base = block.mapping if saved.kind == block.mapping.kind else map_columns(saved.kind, block.paths)
                block.mapping = mappings.apply_choices(base, block.paths, saved.choices)
                plan.mapping_source = saved.source_text()
        plan.kind = block.mapping.kind
        plan.kind_source = "tham số" if kind else "tiêu đề cột"
        plan.header_rows = block.excel_rows()
        plan.numbering_row = block.numbering_row + 1 if block.numbering_row is not None else None
        plan.data_start_row = block.data_start + 1
        plan.mapping = {f: f"{col_letters(c)}: {block.mapping.headers[f]}" for f, c in block.mapping.columns.items()}
        if not block.mapping.complete:
            plan.missing_fields = list(block.mapping.missing)
            missing = ", ".join(f"«{required_label(plan.kind, f)}»" for f in block.mapping.missing)
            found = "; ".join(f"{FIELD_LABELS.get(f, f)} = cột {v}" for f, v in plan.mapping.items())
            raise StructuralError(
                f"Thiếu cột bắt buộc cho {KIND_LABELS[plan.kind]}: {missing} "
                f"(trang «{sheet.name}», dòng tiêu đề {plan.header_rows}).",
                [
                    f"Các cột đã nhận ra: {found or 'không có'}",
                    "Chọn cột cho từng trường còn thiếu trên trang «Tải dữ liệu»: lựa chọn được ghi nhớ cho các tệp "
                    "có cùng dòng tiêu đề cột, khi tải lên trên trang cũng như khi nạp bằng dòng lệnh.",
                ],
            )
        _set_period(plan, sheet, block, period)
        # the sheet's table is handed to extract, not kept here (held in a list popped at the call): extract drops
        # it once typed, and the reader is dropped once the sheet is loaded, so a large file's peak memory does not
        # hold the file, its shared strings, the table and its typed copies all at once
        loaded = [sheet.load(block.data_start)]
        wb.release()
        check_file_province(sheet, block, loaded[0])  # another province's file: refused, naming it
        plan.warnings.extend(sheet.warnings)  # texts cut at max_cell_chars, control characters removed
        engine = duckdb.connect()  # an in-memory engine for typing the rows; the database is not needed
        try:
            ex = extract(
                engine, loaded.pop(), sheet.name, block, plan.kind, plan.period, context.matcher, sheet.hidden_rows
            )
        finally:
            engine.close()
        plan.records, plan.rejects, plan.rows_read, plan.skipped = ex.records, ex.rejects, ex.rows_read, ex.skipped
        if plan.kind == "case_stats":
            problems = identity_violations(ex.units, sheet.name) + aggregate_mismatches(
                ex.units, ex.aggregates, sheet.name
            )
            if problems:
                raise StructuralError(
                    f"Biểu 06 không khớp ở {len(problems)} chỗ nên không nạp tệp nào "
                    "(một dòng sai làm cả biểu không tin cậy được):",
                    problems,
                )
        if plan.kind == "cases" and len(plan.records):
            plan.period = (plan.records["received"].min().date(), plan.records["received"].max().date())
            plan.period_source = "ngày tiếp nhận sớm nhất và muộn nhất trong danh sách"
            plan.scope_period = False
        elif plan.period is None and len(plan.records) and plan.records["received"].notna().any():
            plan.period = (plan.records["received"].min().date(), plan.records["received"].max().date())
            plan.period_source = "ngày tiếp nhận/ngày giao trong tệp (tiêu đề không ghi kỳ)"
            plan.scope_period = False
        if plan.rows_read == 0:
            raise StructuralError(
                f"Không có dòng dữ liệu nào dưới dòng tiêu đề {plan.header_rows} của trang «{sheet.name}»."
            )
        if len(plan.records) == 0:
            raise StructuralError(
                f"Không có dòng hợp lệ nào để nạp: cả {plan.rows_read} dòng dữ liệu đều bị từ chối (xem danh sách)."
            )
    except StructuralError as exc:
        return _fail(plan, exc)
    return plan


def _set_period(plan: Plan, sheet: Sheet, block: HeaderBlock, period: tuple[date, date] | None) -> None:
    if period is not None:
        if period[0] > period[1]:
            raise StructuralError(f"Kỳ báo cáo không hợp lệ: ngày bắt đầu {period[0]:%d/%m/%Y} sau ngày kết thúc.")
        plan.period, plan.period_source, plan.scope_period = tuple(period), "nhập khi tải lên", True
        return
    titles = [" ".join(c for c in row if c) for row in sheet.head[: block.top]]
    found = period_from_titles(titles)
    if found is not None:
        plan.period = (found.start, found.end)
        plan.period_source = f"dòng tiêu đề «{found.text}»"
        plan.scope_period = True
        if found.inferred_start:
            plan.warnings.append(
                f"Tiêu đề chỉ ghi «{found.text}»; kỳ báo cáo được hiểu là {_period_text(plan.period)}."
            )
        return
    if plan.kind == "case_stats":
        raise StructuralError(
            "Biểu 06 không ghi kỳ báo cáo ở dòng tiêu đề (ví dụ «Từ ngày 15/09/2025 đến ngày 14/10/2025» hoặc "
            "«Tháng 10/2025»); hãy nhập kỳ báo cáo khi tải lên (--from/--to)."
        )


# Where an upload came from (uploads.details.source, `uploads list` field `source`).
SOURCE_WEB, SOURCE_CLI, SOURCE_INBOX, SOURCE_SYSTEM = "web", "cli", "inbox", "system"
SOURCE_LABELS = {
    SOURCE_WEB: "Tải lên trên trang",
    SOURCE_CLI: "Dòng lệnh",
    SOURCE_INBOX: "Thư mục nhận tệp",
    SOURCE_SYSTEM: "Hệ thống",
}


def current_source() -> str:
    """The source of an upload made now, from who acts: the page, the command line or the system."""
    principal = access.current()
    source = principal.source if principal is not None else None
    return {"web": SOURCE_WEB, "sso": SOURCE_WEB, "cli": SOURCE_CLI}.get(source or "", SOURCE_SYSTEM)


def commit(
    con: duckdb.DuckDBPyConnection,
    plan: Plan,
    user: str,
    origin: str = ORIGIN_REAL,
    source: str | None = None,
    upload_id: int | None = None,
) -> UploadResult:
    """Write a prepared plan in one transaction; a file already active (same SHA-256) changes nothing. `origin`:
    'real' (every upload but the bundled demo's: the first one retires the demo, load.write_upload) or 'demo'.
    `source` (default: from who acts, see current_source) is kept in the upload's details and audit rows.
    `upload_id`: the id to record it under (the demo's staged first start); default the next of the sequence."""
    access.require(access.UPLOAD)
    source = source or current_source()
    if not plan.ok:
        audit.record(
            con,
            audit.UPLOAD,
            target=plan.file_name,
            detail={"status": "rejected", "error": plan.error, "source": source},
            ok=False,
        )
        return UploadResult("rejected", rows_rejected=plan.rows_rejected, message=plan.error_text())
    dup = active_duplicate(con, plan.sha256)
    if dup is not None:
        audit.record(
            con,
            audit.UPLOAD,
            target=plan.file_name,
            detail={"status": "duplicate", "of": dup, "source": source},
            ok=False,
        )
        return UploadResult(
            "duplicate",
            upload_id=dup,
            message=f"Tệp này đã được nạp (lần tải lên số {dup}, cùng mã SHA-256); không thay đổi gì.",
        )
    suffix = {"html": ".html"}.get(plan.file_format or "", f".{plan.file_format}")
    try:
        return _write(con, plan, user, suffix, origin, source, upload_id)
    except (OSError, duckdb.Error) as exc:
        cause = storage.problem(exc)
        if cause is None:
            raise
        with contextlib.suppress(OSError, duckdb.Error):  # on a full disk the audit row may not fit either
            audit.record(
                con, audit.UPLOAD, target=plan.file_name, detail={"status": "storage", "cause": cause}, ok=False
            )
        return UploadResult("rejected", rows_rejected=plan.rows_rejected, message=storage.upload_message(cause))


def _write(
    con: duckdb.DuckDBPyConnection,
    plan: Plan,
    user: str,
    suffix: str,
    origin: str,
    source: str,
    upload_id: int | None = None,
) -> UploadResult:
    """Keep the original and write the upload in one transaction; an original this upload brought is removed
    again when the transaction fails (nothing half-written stays behind)."""
    existed = (load_settings().uploads_dir / f"{plan.sha256}{suffix}").exists()
    stored = store_original(plan.data, plan.sha256, suffix)
    try:
        return _write_upload(con, plan, user, stored, origin, source, upload_id)
    except BaseException:
        if not existed:
            stored.unlink(missing_ok=True)
        raise


def _write_upload(
    con: duckdb.DuckDBPyConnection,
    plan: Plan,
    user: str,
    stored: Path,
    origin: str,
    source: str,
    upload_id: int | None = None,
) -> UploadResult:
    details = {
        "format": plan.file_format,
        "kind_source": plan.kind_source,
        "sheet_reason": plan.sheet_reason,
        "header_rows": plan.header_rows,
        "numbering_row": plan.numbering_row,
        "data_start_row": plan.data_start_row,
        "mapping": plan.mapping,
        "mapping_source": plan.mapping_source,
        "period_source": plan.period_source,
        "skipped": plan.skipped,
        "warnings": plan.warnings,
        "source": source,
    }
    result = write_upload(
        con,
        kind=plan.kind,
        file_name=plan.file_name,
        sha256=plan.sha256,
        stored_path=str(stored),
        sheet_name=plan.sheet,
        period=plan.period,
        scope_period=plan.scope_period,
        user=user,
        records=plan.records,
        rejects=plan.rejects,
        rows_read=plan.rows_read,
        details=details,
        origin=origin,
        upload_id=upload_id,
    )
    notes = []
    if result.replaced:
        ids = ", ".join(str(i) for i in result.replaced)
        notes.append(f"Thay thế lần tải lên số {ids} (cùng loại, cùng kỳ, cùng đơn vị).")
    if result.demo_retired:
        notes.append(
            f"Dữ liệu minh họa ({len(result.demo_retired)} lần tải lên) đã được gỡ khỏi số liệu: từ nay chỉ tính "
            "dữ liệu thật."
        )
    result.message = " ".join(notes)
    return result


def ingest_file(
    con: duckdb.DuckDBPyConnection,
    path: str | Path,
    kind: str | None = None,
    period: tuple[date, date] | None = None,
    strict: bool = False,
    user: str | None = None,
    origin: str = ORIGIN_REAL,
    source: str | None = None,
    upload_id: int | None = None,
) -> tuple[Plan, UploadResult]:
    """Prepare and commit one file (CLI, demo loading: origin 'demo', the drop folder: source 'inbox'). With
    strict, any rejected row rejects the file. `upload_id`: see commit."""
    access.require(access.UPLOAD)
    path = Path(path)
    try:
        guards.check_size(path.stat().st_size, path.name, guards.current_limits())  # before reading it
    except StructuralError as exc:
        plan = _fail(Plan(file_name=path.name, sha256="", size=path.stat().st_size), exc)
        return plan, commit(con, plan, user or getpass.getuser(), origin, source, upload_id)
    plan = prepare(path.read_bytes(), path.name, con, kind=kind, period=period)
    _strict(plan, strict)
    return plan, commit(con, plan, user or getpass.getuser(), origin, source, upload_id)


def _strict(plan: Plan, strict: bool) -> None:
    if plan.ok and strict and plan.rows_rejected:
        plan.error = f"Chế độ --strict: tệp có {plan.rows_rejected} dòng bị từ chối nên không nạp dòng nào."


def ingest_file_between_sessions(
    database: str | Path,
    path: str | Path,
    kind: str | None = None,
    period: tuple[date, date] | None = None,
    strict: bool = False,
    user: str | None = None,
    source: str | None = None,
    wait: float | None = None,
) -> tuple[Plan, UploadResult]:
    """ingest_file for a process beside the dashboard (the command line, the drop folder): the database file is
    held only to read what the reading needs and, later, to commit; while the file is read and validated (tens of
    seconds for a large list on a busy machine) the dashboard's page runs have it. `wait`: as db.session's."""
    from oversight import db  # here, not at the top: the reading child imports this module and needs no db

    access.require(access.UPLOAD)
    path = Path(path)
    user = user or getpass.getuser()
    size = path.stat().st_size
    try:
        guards.check_size(size, path.name, guards.current_limits())  # before reading it
    except StructuralError as exc:
        plan = _fail(Plan(file_name=path.name, sha256="", size=size), exc)
        with db.session(database, wait=wait, linger=0) as con:
            return plan, commit(con, plan, user, ORIGIN_REAL, source)
    data = path.read_bytes()
    with db.session(database, wait=wait, linger=0) as con:
        context = read_context(con)
    plan = prepare_with(data, path.name, context, kind=kind, period=period)
    _strict(plan, strict)
    with db.session(database, wait=wait, linger=0) as con:
        return plan, commit(con, plan, user, ORIGIN_REAL, source)
