"""Backups and restores of an installation: the database and the uploaded originals, as one folder.

    backup(db_path, dest)     a consistent copy, also while the dashboard serves
    restore(src, db_path)     puts a backup back (the database it replaces is kept beside it)

A backup folder holds `oversight.duckdb` (the database after a checkpoint, copied while this process holds
the file: DuckDB lets one process write at a time, so nothing changes it during the copy), `uploads/` (the
originals the upload history points to) and `manifest.json` (when, from where, the schema version, the
database's SHA-256 and size). Every file is written under a temporary name and renamed when complete, with
permissions for the service's user only.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from oversight import clock, sql
from oversight.config import load_settings

DB_NAME = "oversight.duckdb"
MANIFEST = "manifest.json"
CHUNK = 1 << 20


class BackupError(RuntimeError):
    """A backup or restore that cannot be done; str() is the Vietnamese reason."""


@dataclass(frozen=True)
class BackupInfo:
    folder: Path
    created_at: datetime
    schema_version: int
    sha256: str
    size: int
    originals: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _copy_private(src: Path, dest: Path) -> None:
    part = dest.with_name(dest.name + ".part")
    shutil.copyfile(src, part)
    os.chmod(part, 0o600)
    with part.open("rb") as fh:
        os.fsync(fh.fileno())
    part.replace(dest)


def _schema_version(con) -> int:
    from oversight import db

    return int(db.run_internal("db/schema_version_latest", con).iloc[0, 0])


def backup(db_path: Path, dest: Path, uploads_dir: Path | None = None) -> BackupInfo:
    """Copy the database (after a checkpoint, holding it so nobody writes meanwhile) and the originals."""
    from oversight import db

    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise BackupError(f"Thư mục sao lưu «{dest}» đã có dữ liệu; hãy chọn một thư mục mới hoặc trống.")
    if not Path(db_path).exists():
        raise BackupError(f"Không có cơ sở dữ liệu «{db_path}» để sao lưu.")
    uploads_dir = uploads_dir or load_settings().uploads_dir
    try:
        dest.mkdir(parents=True, exist_ok=True, mode=0o700)
        with db.session(db_path) as con:  # holding the file: no other process writes during the copy
            sql.run(con, "service/checkpoint")
            version = _schema_version(con)
            _copy_private(Path(db_path), dest / DB_NAME)
        originals = 0
        if uploads_dir.is_dir():
            (dest / "uploads").mkdir(mode=0o700, exist_ok=True)
            for path in sorted(uploads_dir.iterdir()):
                if path.is_file() and not path.name.endswith(".part"):
                    _copy_private(path, dest / "uploads" / path.name)
                    originals += 1
        info = BackupInfo(
            folder=dest,
            created_at=clock.utc_now().replace(microsecond=0),
            schema_version=version,
            sha256=_sha256(dest / DB_NAME),
            size=(dest / DB_NAME).stat().st_size,
            originals=originals,
        )
        manifest = {
            "created_at_utc": info.created_at.isoformat(),
            "source": str(Path(db_path).resolve()),
            "schema_version": info.schema_version,
            "sha256": info.sha256,
            "size": info.size,
            "originals": info.originals,
        }
        part = dest / (MANIFEST + ".part")
        part.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        os.chmod(part, 0o600)
        part.replace(dest / MANIFEST)
    except OSError as exc:
        raise BackupError(f"Không ghi được bản sao lưu vào «{dest}»: {exc.strerror or exc}.") from exc
    return info


def read_manifest(src: Path) -> dict:
    path = Path(src) / MANIFEST
    if not path.is_file() or not (Path(src) / DB_NAME).is_file():
        raise BackupError(f"«{src}» không phải một bản sao lưu của Oversight (thiếu {MANIFEST} hoặc {DB_NAME}).")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(f"Không đọc được {MANIFEST} trong «{src}».") from exc


def restore(src: Path, db_path: Path, uploads_dir: Path | None = None) -> Path | None:
    """Put the backup in `src` back as the database at `db_path`; returns where the replaced database was kept.

    The backup is checked (SHA-256 against its manifest, and that it opens) before anything is replaced;
    the replaced database stays beside it as <name>.truoc-khoi-phuc-<time>; originals missing from the
    uploads folder are copied back."""
    from oversight import db

    src, db_path = Path(src), Path(db_path)
    manifest = read_manifest(src)
    if _sha256(src / DB_NAME) != manifest.get("sha256"):
        raise BackupError(f"Bản sao lưu «{src}» bị hỏng: mã SHA-256 của {DB_NAME} không khớp với {MANIFEST}.")
    newest = max(version for version, _ in db.migration_files())
    if int(manifest.get("schema_version", 0)) > newest:
        raise BackupError(
            f"Bản sao lưu có phiên bản lược đồ {manifest['schema_version']}, mới hơn phiên bản {newest} của chương "
            "trình này; hãy nâng cấp chương trình trước khi khôi phục."
        )
    uploads_dir = uploads_dir or load_settings().uploads_dir
    db_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    staged = db_path.with_name(db_path.name + ".khoi-phuc.part")
    shutil.copyfile(src / DB_NAME, staged)
    os.chmod(staged, 0o600)
    try:
        with db.session(staged, linger=0):  # opens, migrates to this program's schema
            pass
    except Exception as exc:
        staged.unlink(missing_ok=True)
        raise BackupError(f"Không mở được cơ sở dữ liệu trong bản sao lưu «{src}».") from exc
    kept = None
    if db_path.exists():
        # Wait for, then hold, the current file (nobody writes meanwhile); replaced while held, it is closed
        # after a checkpoint left nothing to write, so the new file is never touched by the old connection.
        with db.session(db_path, linger=0) as holder:
            stamp = clock.to_local(clock.utc_now()).strftime("%Y%m%d-%H%M%S")
            kept = db_path.with_name(f"{db_path.name}.truoc-khoi-phuc-{stamp}")
            sql.run(holder, "service/checkpoint")
            shutil.copyfile(db_path, kept)
            os.chmod(kept, 0o600)
            staged.replace(db_path)
        wal = db_path.with_name(db_path.name + ".wal")
        wal.unlink(missing_ok=True)  # belonged to the replaced file (empty after the checkpoint)
    else:
        staged.replace(db_path)
    if (src / "uploads").is_dir():
        uploads_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        for path in sorted((src / "uploads").iterdir()):
            target = uploads_dir / path.name
            if path.is_file() and not target.exists():
                _copy_private(path, target)
    return kept
