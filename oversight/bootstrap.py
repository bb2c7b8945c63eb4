"""First start: an empty database gets the bundled demo province, loaded through the real ingestion path.

The demo is Đồng Nai's (its files name Đồng Nai's units and say "UBND TỈNH ĐỒNG NAI"). A database kept for
another province (OVERSIGHT_PROVINCE) never gets it: it starts empty, the pages show their empty state and
the first admin is created from the setup link, then staff load the province's own exports.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import duckdb

from oversight import access
from oversight.config import Settings, load_settings

DEMO_USER = "demo"
DEMO_PROVINCE_CODE = "75"  # Đồng Nai, the province the demo generator writes (oversight/demo/units.py)
_lock = threading.Lock()

Progress = Callable[[float, str], None]


def has_data(con: duckdb.DuckDBPyConnection) -> bool:
    cur = con.cursor()
    try:
        return bool(cur.execute("SELECT count(*) FROM uploads").fetchone()[0])
    finally:
        cur.close()


def is_demo(con: duckdb.DuckDBPyConnection) -> bool:
    """True when every active upload is the bundled demo data (the UI labels the app as a demo)."""
    cur = con.cursor()
    try:
        users = {
            r[0] for r in cur.execute("SELECT DISTINCT uploaded_by FROM uploads WHERE state = 'active'").fetchall()
        }
    finally:
        cur.close()
    return users == {DEMO_USER}


def demo_applies(settings: Settings | None = None) -> bool:
    """True when the configured province is the demo's, so an empty database may get the demo data."""
    return (settings or load_settings()).province_code == DEMO_PROVINCE_CODE


def load_demo(
    con: duckdb.DuckDBPyConnection, settings: Settings | None = None, progress: Progress | None = None
) -> list[int]:
    """Generate the demo files if missing and ingest them; returns the upload ids. Runs once per database."""
    from oversight.demo.generator import ensure_demo
    from oversight.ingest.pipeline import ingest_file

    settings = settings or load_settings()
    if not demo_applies(settings):  # Đồng Nai's demo never goes into another province's database
        return []
    with _lock, access.acting_as(access.system()):
        if has_data(con):
            return []
        if progress:
            progress(0.0, "Đang tạo dữ liệu minh họa…")
        files: list[Path] = ensure_demo(settings.demo_dir)
        ids = []
        for i, path in enumerate(files, 1):
            if progress:
                progress((i - 1) / len(files), f"Đang nạp {path.name} ({i}/{len(files)})")
            _plan, result = ingest_file(con, path, user=DEMO_USER)
            if result.upload_id is not None:
                ids.append(result.upload_id)
        if progress:
            progress(1.0, "Đang tổng hợp số liệu…")
        from oversight.metrics import refresh_cache

        refresh_cache(con)
        return ids
