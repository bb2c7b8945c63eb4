"""App tests run against a copy of the shared demo database (tests/conftest.py: demo_db_template)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from oversight import db as dbmod
from oversight.auth import sessions, users
from oversight.ui import login
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


PASSWORD = "Mật-khẩu-thử-2025"


def signed_in(db_path: Path, role: str = "admin", username: str | None = None, unit_id: int | None = None) -> AppTest:
    """An AppTest of the dashboard whose session is logged in as a new account with `role` (created in the
    database the way an admin creates one), as the login form leaves a session after a good password."""
    con = dbmod.connection(db_path)
    user = users.add_user(con, username or f"thu.{role}", PASSWORD, role, unit_id=unit_id)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state[login.SESSION_KEY] = sessions.start(con, user.user_id).session_id
    return at
