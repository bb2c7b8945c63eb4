"""Fixtures of the facts lake's tests: an empty Đồng Nai database with the awkward province's files (`fresh`), and
one holding only Biểu 06 rows of shorter periods that chain into October (`chained`)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from oversight import db as dbmod
from tests.ingest import corpus as C
from tests.province import awkward
from tests.province.awkward import command

PROVINCE = "75"


def ingest(db: Path, *paths: Path) -> str:
    status, out = command(["ingest", "--db", str(db), *map(str, paths)])
    assert status == 0, out
    dbmod.close_all()
    return out


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """An empty Đồng Nai database in tmp_path (its lake: tmp_path/lake, the default) and the awkward files."""
    monkeypatch.setenv("OVERSIGHT_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("OVERSIGHT_DB", str(tmp_path / "oversight.duckdb"))
    for name in ("OVERSIGHT_PROVINCE", "OVERSIGHT_LAKE_DIR", "OVERSIGHT_LAKE_NARROW", "OVERSIGHT_PERIOD_CUTOFF"):
        monkeypatch.delenv(name, raising=False)
    db = tmp_path / "oversight.duckdb"
    con = dbmod.open_database(db)
    awkward.rename(con, awkward.RENAMED_FROM, awkward.RENAMED_TO, awkward.RENAMED_ON, "Sở Nội vụ")  # as awkward.build
    con.close()
    files = {p.name: p for p in awkward.write_files(tmp_path / "exports")}
    yield db, files
    dbmod.close_all()


FIRST_HALF = [  # 01/10-15/10/2025
    ("Sở Tư pháp", [3, 1, 1, 1, 3, 1, 1, 1, 0, 0, 0]),  # only this half: October is not covered
    ("Sở Y tế", [6, 3, 1, 2, 4, 2, 1, 1, 2, 1, 1]),
    ("UBND xã Long Phước", [2, 1, 1, 0, 2, 1, 1, 0, 0, 0, 0]),  # within the whole month of WHOLE: ignored there
]
SECOND_HALF = [  # 16/10-31/10/2025
    ("Sở Y tế", [6, 2, 2, 2, 5, 1, 3, 1, 1, 0, 1]),
    ("Sở Xây dựng", [1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0]),  # only this half: October is not covered
    ("UBND xã Long Phước", [3, 1, 2, 0, 3, 1, 1, 1, 0, 0, 0]),
]
WHOLE = [  # 01/10-31/10/2025
    ("Sở Công Thương", [2, 1, 1, 0, 1, 1, 0, 0, 1, 1, 0]),
    ("Sở Nội vụ", [1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0]),
    ("UBND xã Long Phước", [4, 2, 2, 0, 4, 2, 1, 1, 0, 0, 0]),
]


@pytest.fixture
def chained(fresh, tmp_path):
    db, _files = fresh
    paths = []
    for name, units, period in (
        ("bieu06_01-15.xlsx", FIRST_HALF, "Từ ngày 01/10/2025 đến ngày 15/10/2025"),
        ("bieu06_16-31.xlsx", SECOND_HALF, "Từ ngày 16/10/2025 đến ngày 31/10/2025"),
        ("bieu06_thang.xlsx", WHOLE, "Từ ngày 01/10/2025 đến ngày 31/10/2025"),
    ):
        path = tmp_path / name
        path.write_bytes(C.bieu06(units=units, period=period))
        paths.append(path)
    ingest(db, *paths)
    con = duckdb.connect(str(db), read_only=True)
    try:
        names = dict(con.execute("select unit_id, name from units").fetchall())
    finally:
        con.close()
    return db, db.parent / "lake", names
