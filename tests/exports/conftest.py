"""Export tests read back what a user downloads, built from a real database: the session's demo database
(tests/conftest.py: demo_db_template, the demo generator's exports for three months loaded through the real
ingestion path), copied once for these tests since demo_con keeps it open; tests that change data work on a
private copy."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from oversight import db as dbmod
from oversight import periods

PERIOD = periods.month(2025, 10)
EXPORTED_AT = datetime(2025, 11, 5, 8, 30)


@pytest.fixture(scope="session")
def demo_db_path(demo_db_template, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("exports_db") / "oversight.duckdb"
    shutil.copy(demo_db_template, path)
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
