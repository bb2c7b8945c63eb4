"""The bundled demo province: loaded into an empty database through the real ingestion path (origin 'demo'), never
counted with real data (METRICS.md section 7; oversight.ingest.load retires it when the first real upload is
committed), and brought back by an admin only into a database without active real uploads.

The demo is Đồng Nai's (its files name Đồng Nai's units and say "UBND TỈNH ĐỒNG NAI"). A database kept for
another province (OVERSIGHT_PROVINCE) never gets it: it starts empty, the pages show their empty state and
the first admin is created from the setup link, then staff load the province's own exports.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb

from oversight import access, sql
from oversight.auth import audit
from oversight.config import Settings, load_settings
from oversight.ingest.load import ORIGIN_DEMO

DEMO_USER = "demo"
DEMO_PROVINCE_CODE = "75"  # Đồng Nai, the province the demo generator writes (oversight/demo/units.py)
_lock = threading.Lock()

Progress = Callable[[float, str], None]


class DemoRefused(ValueError):
    """The demo cannot be loaded now (Vietnamese message)."""


def has_data(con: duckdb.DuckDBPyConnection) -> bool:
    cur = con.cursor()
    try:
        return bool(sql.scalar(cur, "ingest/uploads_any"))
    finally:
        cur.close()


def _counts(con: duckdb.DuckDBPyConnection) -> tuple[int, int, int]:
    """(active real uploads, counted demo uploads, retired demo uploads)."""
    cur = con.cursor()
    try:
        return sql.run(cur, "ingest/demo_counts").fetchone()
    finally:
        cur.close()


def is_demo(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the data counted is the bundled demo's only (the UI labels the app as a demo; the public demo
    mode is open only then)."""
    real, demo, _retired = _counts(con)
    return demo > 0 and real == 0


def demo_retired_on(con: duckdb.DuckDBPyConnection) -> date | None:
    """The day the demo stopped counting (the first real upload), while it is retired; else None."""
    cur = con.cursor()
    try:
        row = sql.run(cur, "ingest/demo_retired_at").fetchone()
    finally:
        cur.close()
    return row[0].date() if row and row[0] is not None else None


def demo_retired_notice(day: date) -> str:
    """What the dashboard says once the demo is no longer counted."""
    return f"Dữ liệu minh họa đã được gỡ khỏi số liệu khi tải dữ liệu thật đầu tiên ({day:%d/%m/%Y})."


def refusal(real_uploads: int) -> str:
    return (
        f"Không nạp lại dữ liệu minh họa: cơ sở dữ liệu đang có {real_uploads} lần tải lên dữ liệu thật đang hiệu "
        "lực. Dữ liệu minh họa không bao giờ được tính chung với dữ liệu thật; chỉ nạp lại được vào cơ sở dữ liệu "
        "chưa có dữ liệu thật nào đang hiệu lực."
    )


def demo_applies(settings: Settings | None = None) -> bool:
    """True when the configured province is the demo's, so an empty database may get the demo data."""
    return (settings or load_settings()).province_code == DEMO_PROVINCE_CODE


def load_demo(
    con: duckdb.DuckDBPyConnection,
    settings: Settings | None = None,
    progress: Progress | None = None,
    requested_by: access.Principal | None = None,
) -> list[int]:
    """Give the database the demo province, once: on the first start (an empty database), or when an admin brings
    it back (bring_back_demo). Returns the upload ids that now count as the demo ([] when it already counts).
    Refused (DemoRefused) while any real upload is active. Demo uploads retired by real data that has since been
    rolled back are restored as they were; otherwise the demo files are generated if missing and ingested with
    origin 'demo'."""
    from oversight.demo.generator import ensure_demo
    from oversight.ingest.pipeline import ingest_file

    settings = settings or load_settings()
    if not demo_applies(settings):  # Đồng Nai's demo never goes into another province's database
        if requested_by is not None:
            raise DemoRefused(
                f"Không nạp dữ liệu minh họa: đó là số liệu giả lập của tỉnh Đồng Nai, còn cơ sở dữ liệu này của "
                f"{settings.province_label}."
            )
        return []
    actor = requested_by.actor if requested_by is not None else None
    with _lock, access.acting_as(access.system()):
        real, demo, retired = _counts(con)
        if real:
            raise DemoRefused(refusal(real))
        if demo:
            return []
        if retired:
            ids = _restore(con, actor)
        else:
            if progress:
                progress(0.0, "Đang tạo dữ liệu minh họa…")
            files: list[Path] = ensure_demo(settings.demo_dir)
            ids = []
            for i, path in enumerate(files, 1):
                if progress:
                    progress((i - 1) / len(files), f"Đang nạp {path.name} ({i}/{len(files)})")
                _plan, result = ingest_file(con, path, user=DEMO_USER, origin=ORIGIN_DEMO)
                if result.upload_id is not None:
                    ids.append(result.upload_id)
        if progress:
            progress(1.0, "Đang tổng hợp số liệu…")
        from oversight.metrics_cache import refresh_cache

        refresh_cache(con)
        return ids


def _restore(con: duckdb.DuckDBPyConnection, actor: str | None) -> list[int]:
    """Count the retired demo uploads again (inside load_demo's checks), audited, in one transaction."""
    with sql.transaction(con) as cur:
        real = sql.scalar(cur, "ingest/uploads_real_active")
        if real:  # a real upload committed meanwhile by another process
            raise DemoRefused(refusal(real))
        ids = sorted(r[0] for r in sql.run(cur, "ingest/demo_restore").fetchall())
        audit.record(
            cur, audit.UPLOAD, target="demo", detail={"status": "demo_restored", "uploads": len(ids)}, actor=actor
        )
    return ids


def bring_back_demo(
    con: duckdb.DuckDBPyConnection, settings: Settings | None = None, progress: Progress | None = None
) -> list[int]:
    """An admin's request to show the demo again (`python -m oversight demo --load`): allowed to admins only, and
    only into a database without active real uploads (DemoRefused otherwise, with its Vietnamese message)."""
    principal = access.require(access.MANAGE_SETTINGS)
    return load_demo(con, settings, progress, requested_by=principal)
