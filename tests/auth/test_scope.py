"""principal_for: what a logged-in user acts as, on the real seeded unit registry."""

from __future__ import annotations

from oversight import access
from oversight.auth import policy, users

PASSWORD = "Mật khẩu đủ dài 2025"


def _district_with_communes(con) -> tuple[int, set[int]]:
    district = con.execute(
        "SELECT p.unit_id FROM units AS p JOIN units AS c ON c.parent_id = p.unit_id"
        " WHERE p.unit_group = 'district' GROUP BY p.unit_id ORDER BY count(*) DESC, p.unit_id LIMIT 1"
    ).fetchone()[0]
    communes = {r[0] for r in con.execute("SELECT unit_id FROM units WHERE parent_id = ?", [district]).fetchall()}
    return district, communes


def _merged_commune(con) -> tuple[int, set[int]]:
    """A post-reform commune made of several old ones."""
    commune = con.execute(
        "SELECT l.to_unit_id FROM unit_lineage AS l JOIN units AS u ON u.unit_id = l.to_unit_id"
        " WHERE u.unit_group = 'commune' AND u.valid_to IS NULL"
        " GROUP BY l.to_unit_id HAVING count(*) >= 2 ORDER BY l.to_unit_id LIMIT 1"
    ).fetchone()[0]
    before = {
        r[0] for r in con.execute("SELECT from_unit_id FROM unit_lineage WHERE to_unit_id = ?", [commune]).fetchall()
    }
    return commune, before


def _viewer(con, unit_id):
    return users.add_user(con, "lanhdao.donvi", PASSWORD, "unit_viewer", unit_id)


def test_a_district_viewer_sees_its_communes(con):
    district, communes = _district_with_communes(con)
    assert len(communes) >= 2
    principal = users.principal_for(con, _viewer(con, district))
    assert principal.units is not None and {district} | communes <= principal.units
    other = con.execute("SELECT unit_id FROM units WHERE unit_group = 'department' LIMIT 1").fetchone()[0]
    assert other not in principal.units
    assert (principal.source, principal.name, principal.role, principal.unit_id) == (
        "web",
        "lanhdao.donvi",
        "unit_viewer",
        district,
    )
    assert principal.actor == "web:lanhdao.donvi"


def test_a_new_commune_viewer_sees_its_merged_predecessors(con):
    commune, before = _merged_commune(con)
    principal = users.principal_for(con, _viewer(con, commune))
    assert principal.units == frozenset({commune} | before)


def test_unit_viewer_aggregates_follow_the_setting(con):
    commune, _ = _merged_commune(con)
    viewer = _viewer(con, commune)
    assert users.principal_for(con, viewer).aggregates_all
    policy.set_policy(con, unit_viewer_aggregates="own")
    assert not users.principal_for(con, viewer).aggregates_all


def test_other_roles_see_every_unit_and_disabled_accounts_nothing(con):
    leader = users.add_user(con, "lanhdao", PASSWORD, "leader")
    principal = users.principal_for(con, leader)
    assert principal.units is None and principal.can(access.READ_ITEMS)
    users.add_user(con, "quantri", PASSWORD + "!", "admin")
    disabled = users.disable_user(con, "lanhdao")
    assert users.principal_for(con, disabled).permissions == frozenset()
