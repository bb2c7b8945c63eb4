"""`python -m oversight backup | restore | check`, run as real processes on a copy of the demo database: a
restore brings back exactly the figures of the backup's moment; a broken backup or a busy folder is refused
with its message; the check names what is wrong."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from oversight import backup
from tests.conftest import ROOT

PERIOD = ["--from", "2025-09-01", "--to", "2025-09-30"]


def _cli(db: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "OVERSIGHT_DB": str(db), "OVERSIGHT_DATA": str(db.parent)}
    return subprocess.run(
        [sys.executable, "-m", "oversight", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _metrics(db: Path) -> list[dict]:
    done = _cli(db, "metrics", *PERIOD, "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture
def installed(demo_db_template, tmp_path) -> Path:
    """A data folder holding a copy of the demo database and one uploaded original."""
    data = tmp_path / "data"
    (data / "uploads").mkdir(parents=True)
    db = data / "oversight.duckdb"
    shutil.copy(demo_db_template, db)
    (data / "uploads" / "abc.xlsx").write_bytes(b"original bytes")
    return db


def test_restore_brings_back_the_figures_of_the_backup(installed, tmp_path):
    before = _metrics(installed)
    done = _cli(installed, "backup", str(tmp_path / "sao-luu"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Đã sao lưu vào «{tmp_path / 'sao-luu'}»")
    manifest = json.loads((tmp_path / "sao-luu" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["originals"] == 1 and len(manifest["sha256"]) == 64
    assert stat.S_IMODE((tmp_path / "sao-luu" / "oversight.duckdb").stat().st_mode) == 0o600

    uploads = json.loads(_cli(installed, "uploads", "list", "--format", "json").stdout)
    september = next(u for u in uploads if u["kind"] == "tasks" and str(u["period_from"]) == "2025-09-01")
    assert _cli(installed, "uploads", "rollback", str(september["id"])).returncode == 0
    assert _metrics(installed) != before  # the rollback changed September's figures

    done = _cli(installed, "restore", str(tmp_path / "sao-luu"))
    assert done.returncode == 0, done.stderr
    assert _metrics(installed) == before
    kept = list(installed.parent.glob("oversight.duckdb.truoc-khoi-phuc-*"))
    assert len(kept) == 1 and "được giữ lại" in done.stdout


def test_a_backup_into_a_folder_with_data_is_refused(installed, tmp_path):
    (tmp_path / "cu").mkdir()
    (tmp_path / "cu" / "x.txt").write_text("đã có")
    done = _cli(installed, "backup", str(tmp_path / "cu"))
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"Lỗi: Thư mục sao lưu «{tmp_path / 'cu'}» đã có dữ liệu; hãy chọn một thư mục mới hoặc trống."
    )


def test_a_damaged_backup_is_refused_and_changes_nothing(installed, tmp_path):
    backup.backup(installed, tmp_path / "sao-luu", installed.parent / "uploads")
    with (tmp_path / "sao-luu" / "oversight.duckdb").open("r+b") as fh:
        fh.seek(5000)
        fh.write(b"\x00damaged")
    before = installed.read_bytes()
    done = _cli(installed, "restore", str(tmp_path / "sao-luu"))
    assert done.returncode == 1
    assert "bị hỏng: mã SHA-256 của oversight.duckdb không khớp với manifest.json" in done.stderr
    assert installed.read_bytes() == before


def test_restore_puts_back_missing_originals(installed, tmp_path):
    backup.backup(installed, tmp_path / "sao-luu", installed.parent / "uploads")
    (installed.parent / "uploads" / "abc.xlsx").unlink()
    assert _cli(installed, "restore", str(tmp_path / "sao-luu")).returncode == 0
    assert (installed.parent / "uploads" / "abc.xlsx").read_bytes() == b"original bytes"


def test_check_names_what_is_wrong(installed):
    os.chmod(installed, 0o644)
    done = _cli(installed, "check")
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0].startswith("[LỖI] Người dùng khác trên máy chủ đọc được dữ liệu:")
    assert f"{installed} (644, cần 600)" in lines[0]
    assert any(line.startswith("[LỖI] Chưa có tài khoản quản trị nào đang hoạt động") for line in lines)
    assert any(line.startswith("[OK] Cơ sở dữ liệu mở được; phiên bản lược đồ") for line in lines)
    assert any(line.startswith("[CẢNH BÁO] 1 tệp gốc không thuộc lần tải lên nào") for line in lines)

    os.chmod(installed, 0o600)
    os.chmod(installed.parent, 0o700)
    os.chmod(installed.parent / "uploads", 0o700)
    os.chmod(installed.parent / "uploads" / "abc.xlsx", 0o600)
    done = _cli(
        installed, "users", "add", "quan.tri", "--role", "admin", "--password-stdin", stdin="Mật-khẩu-đủ-dài-2026\n"
    )
    assert done.returncode == 0, done.stderr
    done = _cli(installed, "check")
    assert "[OK] Quyền truy cập" in done.stdout and "[OK] Có 1 tài khoản quản trị đang hoạt động." in done.stdout
