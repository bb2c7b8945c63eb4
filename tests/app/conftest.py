"""App tests run against a copy of the shared demo database (tests/conftest.py: demo_db_template)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import streamlit as st

from oversight import db as dbmod
from tests.conftest import ROOT


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
