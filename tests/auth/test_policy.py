"""Access settings: defaults, validation, permission and the settings_change audit row."""

from __future__ import annotations

import json

import pytest

from oversight import access
from oversight.auth import policy


def test_defaults(con):
    assert policy.get_policy(con) == policy.Policy(
        public_demo=True, unit_viewer_aggregates="all", max_failed_logins=5, lockout_minutes=15, session_hours=12
    )
    assert set(policy.SETTING_LABELS) == set(policy.KEYS)


def test_get_policy_needs_nobody(con):
    with access.acting_as(None):
        assert policy.get_policy(con).max_failed_logins == 5


def test_set_policy_stores_and_audits_old_and_new_values(con):
    changed = policy.set_policy(con, public_demo=False, lockout_minutes=30, session_hours=12)
    assert changed == policy.get_policy(con)
    assert (changed.public_demo, changed.lockout_minutes) == (False, 30)
    rows = con.execute("SELECT actor, target, detail FROM audit_log WHERE action = 'settings_change'").fetchall()
    assert len(rows) == 1
    actor, target, detail = rows[0]
    assert (actor, target) == ("cli:pytest", "public_demo,lockout_minutes")
    assert json.loads(detail) == {"public_demo": {"old": True, "new": False}, "lockout_minutes": {"old": 15, "new": 30}}


def test_unchanged_values_write_nothing(con):
    policy.set_policy(con, session_hours=12)
    assert con.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"colour": "red"}, "Không có thiết lập «colour»."),
        ({"public_demo": "yes"}, "phải là có hoặc không"),
        ({"unit_viewer_aggregates": "some"}, "phải là «all»"),
        ({"max_failed_logins": 0}, "phải là số nguyên từ 1 đến 100"),
        ({"lockout_minutes": 2.5}, "phải là số nguyên từ 1 đến 1440"),
        ({"session_hours": True}, "phải là số nguyên từ 1 đến 720"),
    ],
)
def test_set_policy_validates(con, changes, message):
    with pytest.raises(ValueError, match=message):
        policy.set_policy(con, **{"lockout_minutes": 20, **changes})
    assert policy.get_policy(con) == policy.Policy()  # nothing stored, not even the valid change


def test_only_admins_change_settings(con):
    with access.acting_as(access.Principal(name="lanhdao", role="leader")), pytest.raises(access.AccessDenied):
        policy.set_policy(con, public_demo=False)
    with access.acting_as(None), pytest.raises(access.AccessDenied):
        policy.set_policy(con, public_demo=False)
    assert policy.get_policy(con).public_demo
