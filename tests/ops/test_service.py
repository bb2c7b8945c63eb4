"""What a starting process does for itself: permissions for the service's user only, and the originals of
interrupted uploads cleaned up (never one another process may be committing right now)."""

from __future__ import annotations

import os
import stat
import time

from oversight import db as dbmod
from oversight import service
from oversight.config import load_settings


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_harden_brings_data_to_the_services_user_only(tmp_path):
    settings = load_settings()
    settings.uploads_dir.mkdir(parents=True)
    for path in (settings.data_dir, settings.uploads_dir):
        os.chmod(path, 0o755)
    original = settings.uploads_dir / "x.xlsx"
    original.write_bytes(b"x")
    os.chmod(original, 0o644)
    settings.db_path.write_bytes(b"")
    os.chmod(settings.db_path, 0o644)
    old = os.umask(0o022)
    try:
        service.harden(settings)
        created = settings.data_dir / "new.txt"
        created.write_text("mới")
        assert _mode(created) == 0o600  # umask 077 for what the process writes next
    finally:
        os.umask(old)
    assert (_mode(settings.data_dir), _mode(settings.uploads_dir)) == (0o700, 0o700)
    assert (_mode(original), _mode(settings.db_path)) == (0o600, 0o600)


def test_interrupted_upload_originals_are_removed_when_old_enough(tmp_path):
    settings = load_settings()
    con = dbmod.open_database(settings.db_path)
    try:
        settings.uploads_dir.mkdir(parents=True, exist_ok=True)
        kept = settings.uploads_dir / "kept.xlsx"
        kept.write_bytes(b"k")
        con.execute(
            "INSERT INTO uploads (kind, file_name, sha256, stored_path, uploaded_by) VALUES ('cases', 'a.xlsx', 'k', ?, 'x')",
            [str(kept)],
        )
        orphan = settings.uploads_dir / "orphan.xlsx"
        orphan.write_bytes(b"o")
        part = settings.uploads_dir / "half.xls.part"
        part.write_bytes(b"p")
        fresh = settings.uploads_dir / "being-committed.xlsx"
        fresh.write_bytes(b"f")
        old = time.time() - 3600
        for path in (kept, orphan, part):
            os.utime(path, (old, old))
        removed = service.clean_interrupted_uploads(con, settings)
    finally:
        con.close()
    assert removed == ["half.xls.part", "orphan.xlsx"]
    assert kept.exists() and fresh.exists()  # referenced; too young to judge
