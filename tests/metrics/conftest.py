"""Fixtures for the metric tests: a migrated, seeded database copied from one template per session
(seeding the unit registry takes most of a second), and a World to insert rows into it."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest

from oversight import db as dbmod
from oversight.config import load_settings
from tests.metrics.helpers import World


@pytest.fixture(scope="session")
def template_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "template.duckdb"
    con = dbmod.open_database(path)
    con.close()
    return path


@pytest.fixture
def mcon(template_db, tmp_path):
    path = tmp_path / "metrics.duckdb"
    shutil.copy(template_db, path)
    con = dbmod.open_database(path)
    yield con
    con.close()


@pytest.fixture
def world(mcon):
    return World(mcon)


@pytest.fixture
def settings(tmp_path):
    """Default settings (weights 40/40/20, bands 90/80/65, min volume 10) pointing at the test folder."""
    return replace(load_settings(tmp_path / "unused.duckdb"), period_cutoff="calendar")
