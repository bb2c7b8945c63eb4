"""The register's tests work on a fresh seeded database (`con`, tests/conftest.py) and act as named principals."""

from __future__ import annotations

from datetime import date

import pytest

from oversight import access, reminders
from tests.metrics.helpers import World

ADMIN = access.Principal(name="quan.tri", role="admin")
UPLOADER = access.Principal(name="can.bo", role="uploader")
LEADER = access.Principal(name="lanh.dao", role="leader")


def viewer_of(unit_id: int) -> access.Principal:
    """A unit viewer whose scope is one unit (as oversight.auth gives a unit with no sub-units)."""
    return access.Principal(name="xa.a", role="unit_viewer", unit_id=unit_id, units=frozenset({unit_id}))


@pytest.fixture
def world(con):
    return World(con)


@pytest.fixture
def units(world) -> dict[str, int]:
    return {"yte": world.unit("Sở Y tế"), "tuphap": world.unit("Sở Tư pháp"), "noivu": world.unit("Sở Nội vụ")}


def add(con, unit_ids, level="nhac_nho", day=date(2026, 3, 2), number="10/UBND-HCTC", reason="Chậm nhiệm vụ", **kw):
    """Record as the uploader (defaults for what a test does not care about)."""
    with access.acting_as(UPLOADER):
        return reminders.record(
            con,
            unit_ids=list(unit_ids),
            level=level,
            letter_date=day,
            letter_number=number,
            reason=reason,
            period_start=kw.pop("period_start", None),
            period_end=kw.pop("period_end", None),
            kinds=kw.pop("kinds", None),
            **kw,
        )
