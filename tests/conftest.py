"""Shared fixtures: every test gets its own database file in a temporary folder (never data/); two databases built
through the real ingestion once per session and shared (tests copy them, or only read them): the demo province
(demo_db_template) and the awkward province (awkward_db, tests/province/awkward.py).

Tests are marked `slow` here by directory (e2e, app: AppTest and real servers) and explicitly where one is slow
on its own; `make test` runs the others (`-m "not slow"`), `make check` and CI run everything."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from oversight import access
from oversight import db as dbmod
from oversight.auth import throttle
from oversight.config import ProvinceError, load_settings
from oversight.demo.generator import generate
from oversight.ingest.pipeline import ingest_file
from tests.province import awkward

ROOT = Path(__file__).resolve().parents[1]
DEMO_MONTHS = [date(2025, 8, 1), date(2025, 9, 1), date(2025, 10, 1)]


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path, monkeypatch):
    """Point every setting that names a path at the test's temporary folder."""
    monkeypatch.setenv("OVERSIGHT_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("OVERSIGHT_DB", str(tmp_path / "data" / "oversight.duckdb"))
    throttle.reset()
    yield
    dbmod.close_all()


@pytest.fixture(autouse=True, scope="session")
def _acting_as_operator():
    """Tests (and the fixtures that build their databases) act as a command-line operator (an admin) unless
    they say otherwise with access.acting_as: the product itself denies everything to nobody."""
    with access.acting_as(access.operator("pytest")):
        yield


@pytest.fixture(scope="session")
def _seeded(tmp_path_factory) -> dict[str, Path]:
    """Empty databases, migrated and seeded, one per province setting, made when first asked for: `con` copies
    one (seeding the registry takes most of a second, a copy a quarter of one)."""
    return {}


@pytest.fixture
def con(tmp_path, _seeded, tmp_path_factory):
    """A fresh, migrated database file with the unit registry seeded (for the province the test's settings name)."""
    path = tmp_path / "test.duckdb"
    try:
        province = load_settings().province_code
    except ProvinceError:  # the test is about that setting: let opening the database say so
        province = None
    if province is not None:
        if province not in _seeded:
            template = tmp_path_factory.mktemp("seeded") / "seeded.duckdb"
            dbmod.open_database(template).close()
            _seeded[province] = template
        shutil.copy(_seeded[province], path)
    connection = dbmod.open_database(path)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def demo_db_template(tmp_path_factory) -> Path:
    """A database built the way a user builds one: the demo generator's exports for three months, loaded
    through the real ingestion path. Built once per test session; tests copy it."""
    folder = tmp_path_factory.mktemp("demo_db")
    generate(folder / "demo", months=DEMO_MONTHS)
    path = folder / "oversight.duckdb"
    con = dbmod.open_database(path)
    for file in sorted((folder / "demo").glob("2025-*")):
        plan, result = ingest_file(con, file, user="demo", origin="demo")
        assert result.upload_id is not None, (file.name, plan.error)
    con.close()
    return path


@pytest.fixture(scope="session")
def demo_files(demo_db_template) -> Path:
    """The demo exports the template database was loaded from."""
    return demo_db_template.parent / "demo"


@pytest.fixture(scope="session")
def awkward_db(tmp_path_factory, _acting_as_operator) -> Path:
    """The awkward province (tests/province/awkward.py), built once per session with the default settings
    whatever the environment says. Read only: a test that changes data copies the file."""
    folder = tmp_path_factory.mktemp("awkward")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("OVERSIGHT_DATA", str(folder / "data"))
        mp.setenv("OVERSIGHT_DB", str(folder / "oversight.duckdb"))
        for name in ("OVERSIGHT_PROVINCE", "OVERSIGHT_PERIOD_CUTOFF", "OVERSIGHT_MIN_VOLUME"):
            mp.delenv(name, raising=False)
        path = awkward.build(folder)
        dbmod.close_all()
    return path


# Directories whose every test is slow: a real browser (e2e), Streamlit's AppTest and real `streamlit run`
# servers over the demo database (app).
SLOW_DIRECTORIES = ("e2e", "app")
# Fixtures that make a test slow wherever it is: the whole demo province, generated and loaded.
SLOW_FIXTURES = ("demo_db_template",)


def pytest_collection_modifyitems(config, items):
    """Mark `slow` (pyproject.toml) what `make test` leaves to `make check` and CI: by directory and by fixture
    here, individually slow tests by an explicit @pytest.mark.slow in their file."""
    tests = Path(__file__).parent
    for item in items:
        parts = item.path.relative_to(tests).parts if item.path.is_relative_to(tests) else ()
        if (parts and parts[0] in SLOW_DIRECTORIES) or any(f in item.fixturenames for f in SLOW_FIXTURES):
            item.add_marker(pytest.mark.slow)
