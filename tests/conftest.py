"""Shared fixtures: every test gets its own database file in a temporary folder (never data/)."""

from __future__ import annotations

import pytest

from oversight import db as dbmod


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path, monkeypatch):
    """Point every setting that names a path at the test's temporary folder."""
    monkeypatch.setenv("OVERSIGHT_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("OVERSIGHT_DB", str(tmp_path / "data" / "oversight.duckdb"))
    yield
    dbmod.close_all()


@pytest.fixture
def con(tmp_path):
    """A fresh, migrated database file with the unit registry seeded."""
    connection = dbmod.open_database(tmp_path / "test.duckdb")
    yield connection
    connection.close()
