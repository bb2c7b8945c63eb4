"""The monthly report's tests work on a private copy of the awkward province (tests/province/awkward.py), where
every figure is known by hand, with rows added to the register of reminders (schema 070) as a test needs."""

from __future__ import annotations

import shutil
from datetime import date, datetime

import pytest

from oversight import db as dbmod


@pytest.fixture
def awkward_copy(awkward_db, tmp_path):
    """A private copy of the awkward province, at the place the settings name (OVERSIGHT_DB)."""
    path = tmp_path / "data" / "oversight.duckdb"
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(awkward_db, path)
    return path


@pytest.fixture
def awk(awkward_copy):
    con = dbmod.open_database(awkward_copy)
    yield con
    con.close()


def unit_id(con, name: str) -> int:
    return int(con.execute("select unit_id from units where name = ?", [name]).fetchone()[0])


def add_reminder(con, unit: str, level: str, letter_date: date, number: str | None, reason: str, withdrawn=False):
    """One row of the register, written as the register writes it (recorded_by an actor, UTC times)."""
    con.execute(
        "insert into reminders (unit_id, level, letter_date, letter_number, reason, recorded_by, recorded_at,"
        " withdrawn_at) values (?, ?, ?, ?, ?, 'web:van.thu', ?, ?)",
        [
            unit_id(con, unit),
            level,
            letter_date,
            number,
            reason,
            datetime(2025, 10, 1),
            datetime(2025, 10, 2) if withdrawn else None,
        ],
    )
