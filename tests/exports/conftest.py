"""Export tests read back what a user downloads, built from a real database: the demo generator's exports
for three months, loaded through the real ingestion path (as tests/app/conftest.py does). Built once per
session; tests that change data work on a private copy."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from oversight import db as dbmod
from oversight import periods
from oversight.demo.generator import generate
from oversight.ingest.pipeline import ingest_file

MONTHS = [date(2025, 8, 1), date(2025, 9, 1), date(2025, 10, 1)]
PERIOD = periods.month(2025, 10)
EXPORTED_AT = datetime(2025, 11, 5, 8, 30)


@pytest.fixture(scope="session")
def demo_db_path(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("exports_db")
    generate(folder / "demo", months=MONTHS)
    path = folder / "oversight.duckdb"
    con = dbmod.open_database(path)
    for file in sorted((folder / "demo").glob("2025-*")):
        plan, result = ingest_file(con, file, user="demo", origin="demo")
        assert result.upload_id is not None, (file.name, plan.error)
    con.close()
    return path


@pytest.fixture(scope="session")
def demo_con(demo_db_path):
    """A connection to the shared demo database: read only, by convention."""
    con = dbmod.open_database(demo_db_path)
    yield con
    con.close()


@pytest.fixture
def private_con(demo_db_path, tmp_path):
    """A connection to a private copy of the demo database, free to change."""
    path = tmp_path / "copy.duckdb"
    shutil.copy(demo_db_path, path)
    con = dbmod.open_database(path)
    yield con
    con.close()


@pytest.fixture
def period():
    return PERIOD
