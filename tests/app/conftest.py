"""App tests run against a real database built the way a user builds it: demo exports written by the
generator, loaded through the real ingestion path. Built once per test session (three months)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import streamlit as st

from oversight import db as dbmod
from oversight.demo.generator import generate
from oversight.ingest.pipeline import ingest_file

ROOT = Path(__file__).resolve().parents[2]
MONTHS = [date(2025, 8, 1), date(2025, 9, 1), date(2025, 10, 1)]


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("demo_db")
    generate(folder / "demo", months=MONTHS)
    path = folder / "oversight.duckdb"
    con = dbmod.open_database(path)
    for file in sorted((folder / "demo").glob("2025-*")):
        plan, result = ingest_file(con, file, user="demo")
        assert result.upload_id is not None, (file.name, plan.error)
    con.close()
    return path


@pytest.fixture(scope="session")
def demo_files(demo_db_template) -> Path:
    """The demo exports the template database was loaded from."""
    return demo_db_template.parent / "demo"


@pytest.fixture
def app_db(demo_db_template, tmp_path, monkeypatch) -> Path:
    """A private copy of the demo database, set as the app's OVERSIGHT_DB."""
    path = tmp_path / "data" / "oversight.duckdb"
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(demo_db_template, path)
    monkeypatch.setenv("OVERSIGHT_DB", str(path))
    monkeypatch.chdir(ROOT)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield path
    st.cache_resource.clear()
    st.cache_data.clear()
    dbmod.close_all()
