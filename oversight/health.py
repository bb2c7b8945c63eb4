"""`python -m oversight check`: what is wrong with an installation, as an operator would ask.

Each finding is one line: OK, CẢNH BÁO (works, but should be mended) or LỖI (broken: the command exits 1).
Checked: the data folder, database, uploaded originals and logs are the service user's only (0700 folders,
0600 files); free disk space; the database opens (within the lock wait) and its schema is this program's
newest; an active admin account exists; originals left by interrupted uploads; the monthly report's schedule
and how its newest month went (oversight/report_service.py), when a report day is set; the facts lake's folder and
whether every upload is in it (oversight/lake.py).
"""

from __future__ import annotations

import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

from oversight.config import Settings

OK, WARN, FAIL = "OK", "CẢNH BÁO", "LỖI"
MIN_FREE_BYTES = 2 << 30  # below 2 GiB an upload of a large month may not fit
MIN_FREE_SHARE = 0.05


@dataclass(frozen=True)
class Finding:
    level: str
    text: str

    def line(self) -> str:
        return f"[{self.level}] {self.text}"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def permission_findings(settings: Settings) -> list[Finding]:
    """Folders 0700 and files 0600 or stricter: nobody but the service's user reads the data."""
    out: list[Finding] = []
    db_path = settings.db_path
    wanted: list[tuple[Path, int]] = [(settings.data_dir, 0o700)]
    for folder in (settings.uploads_dir, settings.data_dir / "logs"):
        if folder.is_dir():
            wanted.append((folder, 0o700))
            wanted.extend((p, 0o600) for p in sorted(folder.iterdir()) if p.is_file())
    for path in (db_path, db_path.with_name(db_path.name + ".wal")):
        if path.exists():
            wanted.append((path, 0o600))
    loose = [(p, _mode(p), m) for p, m in wanted if p.exists() and _mode(p) & ~m]
    if loose:
        shown = "; ".join(f"{p} ({mode:o}, cần {want:o})" for p, mode, want in loose[:5])
        more = f" và {len(loose) - 5} tệp khác" if len(loose) > 5 else ""
        out.append(
            Finding(
                FAIL, f"Người dùng khác trên máy chủ đọc được dữ liệu: {shown}{more}. Khởi động lại dịch vụ để tự sửa."
            )
        )
    else:
        out.append(
            Finding(OK, "Quyền truy cập: thư mục dữ liệu, cơ sở dữ liệu, tệp gốc và nhật ký chỉ dịch vụ đọc được.")
        )
    return out


def disk_findings(settings: Settings) -> list[Finding]:
    folder = settings.data_dir if settings.data_dir.exists() else settings.data_dir.parent
    usage = shutil.disk_usage(folder)
    free_gib = usage.free / (1 << 30)
    text = f"Dung lượng trống của ổ chứa dữ liệu: {free_gib:.1f} GiB ({usage.free / usage.total:.0%})."
    if usage.free < MIN_FREE_BYTES or usage.free / usage.total < MIN_FREE_SHARE:
        return [Finding(WARN, text + " Sắp đầy: hãy giải phóng chỗ trống trước kỳ tải dữ liệu tới.")]
    return [Finding(OK, text)]


def database_findings(settings: Settings) -> list[Finding]:
    from oversight import db

    if not settings.db_path.exists():
        return [Finding(FAIL, f"Chưa có cơ sở dữ liệu «{settings.db_path}» (dịch vụ tạo ra ở lần chạy đầu).")]
    newest = max(version for version, _ in db.migration_files())
    try:
        with db.session(settings.db_path) as con:
            version = int(db.run_internal("db/schema_version_latest", con).iloc[0, 0])
            admins = int(db.run_internal("auth/active_admins", con, except_user_id=None).iloc[0, 0])
            stored = {Path(p).name for p in db.run_internal("service/stored_originals", con)["stored_path"]}
    except Exception as exc:  # any failure to open is the finding itself
        return [Finding(FAIL, f"Không mở được cơ sở dữ liệu «{settings.db_path}»: {type(exc).__name__}.")]
    out = [
        Finding(OK, f"Cơ sở dữ liệu mở được; phiên bản lược đồ {version}.")
        if version == newest
        else Finding(FAIL, f"Lược đồ cơ sở dữ liệu ở phiên bản {version}, chương trình cần {newest}.")
    ]
    out.append(
        Finding(OK, f"Có {admins} tài khoản quản trị đang hoạt động.")
        if admins
        else Finding(
            FAIL,
            "Chưa có tài khoản quản trị nào đang hoạt động: chạy «python -m oversight users add <tên> --role admin».",
        )
    )
    if settings.uploads_dir.is_dir():
        orphans = [p.name for p in settings.uploads_dir.iterdir() if p.is_file() and p.name not in stored]
        if orphans:
            out.append(
                Finding(
                    WARN,
                    f"{len(orphans)} tệp gốc không thuộc lần tải lên nào (tải lên bị ngắt); dịch vụ dọn khi khởi động.",
                )
            )
    return out


def lake_findings(settings: Settings) -> list[Finding]:
    """The facts lake every upload writes (oversight/lake.py): where, and whether every upload is in it."""
    lake_dir = settings.lake_dir
    if lake_dir is None:
        return [Finding(OK, "Kho dữ liệu Parquet (facts lake): đang tắt (OVERSIGHT_LAKE_DIR để trống hoặc «off»).")]
    narrow = " (bản thu gọn: không có các cột văn bản tự do)" if settings.lake_narrow else ""
    if not settings.db_path.exists():
        return [Finding(OK, f"Kho dữ liệu Parquet (facts lake): «{lake_dir}»{narrow}.")]
    from oversight import db, lake

    try:
        with db.session(settings.db_path) as con:
            state = lake.status(con, lake_dir)
    except Exception as exc:  # the database findings say why it does not open
        return [Finding(WARN, f"Kho dữ liệu Parquet: không đọc được tình trạng ({type(exc).__name__}).")]
    catch_up = (
        f"Lần tải lên sau, hoặc lệnh «python -m oversight lake --out {lake_dir}», sẽ ghi bù "
        "(kho chỉ ghi thêm, không ghi lại tệp đã có)."
    )
    if state["failed_at"] is not None:
        from oversight import clock

        return [
            Finding(
                WARN,
                f"Kho dữ liệu Parquet «{lake_dir}»: lần ghi lúc {clock.local_text(state['failed_at'])} thất bại "
                f"({state['error']}); {state['pending']} lần tải lên chưa có trong kho. {catch_up}",
            )
        ]
    if state["pending"]:
        return [
            Finding(
                WARN, f"Kho dữ liệu Parquet «{lake_dir}»: {state['pending']} lần tải lên chưa có trong kho. {catch_up}"
            )
        ]
    return [Finding(OK, f"Kho dữ liệu Parquet (facts lake): «{lake_dir}»{narrow}; mọi lần tải lên đã có trong kho.")]


def check(settings: Settings) -> list[Finding]:
    from oversight import report_service  # the monthly report's schedule (nothing when it is off)

    found = permission_findings(settings) + disk_findings(settings) + database_findings(settings)
    found += lake_findings(settings)
    return found + [Finding(WARN if warn else OK, text) for warn, text in report_service.status(settings)]
