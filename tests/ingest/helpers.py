"""Shared helpers for the ingestion tests."""

from __future__ import annotations

TABLES = ("uploads", "upload_rejects", "tasks", "cases", "case_stats", "feedback")


def counts(con) -> dict[str, int]:
    """Row counts of every table an upload writes, to prove a rejected file changed nothing."""
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in TABLES}


def unit_id(con, name: str) -> int:
    return con.execute("SELECT unit_id FROM units WHERE name = ? AND valid_to IS NULL", [name]).fetchall()[0][0]


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def rejects_list(plan, severity: str = "error") -> list[tuple]:
    df = plan.rejects[plan.rejects["severity"] == severity]
    return [(r.sheet, int(r.source_row), r.column_name, r.value, r.reason) for r in df.itertuples(index=False)]
