"""Fixtures for the account store: a fast password hasher and a few accounts."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from oversight.auth import passwords

ADMIN_PASSWORD = "Quản trị tỉnh 2025!"
LEADER_PASSWORD = "Lãnh đạo xem số liệu"


@pytest.fixture(autouse=True)
def _fast_hasher(monkeypatch):
    """argon2id with small cost parameters: the same code paths, a fraction of the time."""
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


@pytest.fixture
def accounts(con):
    """An admin and a leader."""
    from oversight.auth import users

    admin = users.add_user(con, "quantri", ADMIN_PASSWORD, "admin", display_name="Nguyễn Văn Quản")
    leader = users.add_user(con, "lanhdao", LEADER_PASSWORD, "leader")
    return admin, leader
