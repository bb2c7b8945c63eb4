"""Adding and changing accounts: validation, permissions, the last admin, audit rows."""

from __future__ import annotations

import threading

import pytest

from oversight import access
from oversight.auth import users
from tests.auth.conftest import ADMIN_PASSWORD, LEADER_PASSWORD

NEW_PASSWORD = "Mật khẩu mới của tôi"


def _audit(con, action):
    return con.execute(
        "SELECT actor, target, detail, ok FROM audit_log WHERE action = ? ORDER BY audit_id", [action]
    ).fetchall()


def _first_commune(con) -> tuple[int, str]:
    return con.execute(
        "SELECT unit_id, name FROM units WHERE unit_group = 'commune' ORDER BY unit_id LIMIT 1"
    ).fetchone()


def test_add_user_stores_a_normalised_name_and_a_hash(con):
    user = users.add_user(con, "  Lan.Nguyễn ", NEW_PASSWORD, "uploader", display_name=" Nguyễn Thị  Lan ")
    assert (user.username, user.display_name, user.role, user.active) == (
        "lan.nguyễn",
        "Nguyễn Thị Lan",
        "uploader",
        True,
    )
    assert user.created_by == "cli:pytest"
    stored = con.execute("SELECT password_hash FROM users WHERE user_id = ?", [user.user_id]).fetchone()[0]
    assert stored.startswith("$argon2id$") and NEW_PASSWORD not in stored
    assert _audit(con, "user_add") == [("cli:pytest", "lan.nguyễn", '{"role": "uploader", "unit_id": null}', True)]


def test_duplicate_name_refused_whatever_its_case(con, accounts):
    with pytest.raises(ValueError, match="^Tên đăng nhập «quantri» đã tồn tại.$"):
        users.add_user(con, "QuanTri", NEW_PASSWORD, "leader")


@pytest.mark.parametrize(
    ("username", "role", "unit_id", "message"),
    [
        ("ab", "leader", None, "Tên đăng nhập phải dài 3–64 ký tự"),
        ("lan nguyen", "leader", None, "Tên đăng nhập phải dài 3–64 ký tự"),
        ("lan", "boss", None, "Vai trò «boss» không hợp lệ"),
        ("lan", "unit_viewer", None, "cần chọn đơn vị"),
        ("lan", "unit_viewer", 999999, "Không có đơn vị mã 999999."),
    ],
)
def test_add_user_validates(con, username, role, unit_id, message):
    with pytest.raises(ValueError, match=message):
        users.add_user(con, username, NEW_PASSWORD, role, unit_id)
    assert con.execute("SELECT count(*) FROM users").fetchone()[0] == 0


def test_add_user_checks_the_password_policy(con):
    with pytest.raises(ValueError, match="ít nhất 10 ký tự"):
        users.add_user(con, "lan", "ngắn", "leader")
    with pytest.raises(ValueError, match="chứa tên đăng nhập"):
        users.add_user(con, "nguyenvana", "nguyenvana2025", "leader")


def test_unit_viewer_with_a_unit_and_a_user_without_role(con):
    unit_id, _ = _first_commune(con)
    viewer = users.add_user(con, "xa1", NEW_PASSWORD, "unit_viewer", unit_id)
    nobody = users.add_user(con, "chuaphanquyen", NEW_PASSWORD, None)
    assert (viewer.role, viewer.unit_id) == ("unit_viewer", unit_id)
    assert nobody.role is None


@pytest.mark.parametrize("principal", [None, access.Principal(name="lanhdao", role="leader", user_id=2)])
def test_only_admins_manage_accounts(con, accounts, principal):
    with access.acting_as(principal):
        for call in (
            lambda: users.add_user(con, "moi", NEW_PASSWORD, "leader"),
            lambda: users.set_role(con, "lanhdao", "admin"),
            lambda: users.disable_user(con, "quantri"),
            lambda: users.enable_user(con, "quantri"),
            lambda: users.list_users(con),
            lambda: users.set_password(con, "quantri", NEW_PASSWORD),
        ):
            with pytest.raises(access.AccessDenied):
                call()
    assert con.execute("SELECT count(*) FROM users").fetchone()[0] == 2


def test_a_user_changes_their_own_password_only(con, accounts):
    _, leader = accounts
    me = access.Principal(name="lanhdao", role="leader", user_id=leader.user_id)
    with access.acting_as(me):
        users.set_password(con, "lanhdao", NEW_PASSWORD)
    assert users.authenticate(con, "lanhdao", NEW_PASSWORD).user_id == leader.user_id
    # the same name but another account id (a stale session of a deleted and re-created name): refused
    with (
        access.acting_as(access.Principal(name="lanhdao", role="leader", user_id=999)),
        pytest.raises(access.AccessDenied),
    ):
        users.set_password(con, "lanhdao", "Mật khẩu khác nữa")
    assert _audit(con, "password_change") == [("web:lanhdao", "lanhdao", None, True)]


def test_admin_sets_a_password_and_lifts_the_login_blocks(con, accounts):
    for _ in range(5):
        with pytest.raises(users.LoginError):
            users.authenticate(con, "lanhdao", "sai mật khẩu rồi")
    users.set_password(con, "lanhdao", NEW_PASSWORD)
    user = users.authenticate(con, "lanhdao", NEW_PASSWORD)
    assert user.failed_attempts == 0 and user.locked_until is None
    with pytest.raises(ValueError, match="ít nhất 10 ký tự"):
        users.set_password(con, "lanhdao", "ngắn")
    with pytest.raises(ValueError, match="^Không có tài khoản «ai.do».$"):
        users.set_password(con, "ai.do", NEW_PASSWORD)


def test_set_role_and_its_audit_row(con, accounts):
    unit_id, _ = _first_commune(con)
    user = users.set_role(con, "lanhdao", "unit_viewer", unit_id)
    assert (user.role, user.unit_id) == ("unit_viewer", unit_id)
    (row,) = _audit(con, "user_change")
    assert row[:2] == ("cli:pytest", "lanhdao")
    assert (
        row[2] == f'{{"role": {{"new": "unit_viewer", "old": "leader"}}, "unit_id": {{"new": {unit_id}, "old": null}}}}'
    )
    with pytest.raises(ValueError, match="cần chọn đơn vị"):
        users.set_role(con, "lanhdao", "unit_viewer", None)


def test_last_active_admin_cannot_be_disabled_or_demoted(con, accounts):
    with pytest.raises(ValueError, match="^Không thể vô hiệu hóa quản trị viên cuối cùng"):
        users.disable_user(con, "quantri")
    with pytest.raises(ValueError, match="^Không thể bỏ quyền quản trị của quản trị viên cuối cùng"):
        users.set_role(con, "quantri", "leader")
    users.set_role(con, "lanhdao", "admin")
    assert not users.disable_user(con, "quantri").active  # another admin is left
    with pytest.raises(ValueError, match="quản trị viên cuối cùng"):
        users.disable_user(con, "lanhdao")
    assert users.enable_user(con, "quantri").active
    assert [r[1] for r in _audit(con, "user_disable")] == ["quantri"]
    assert [r[1] for r in _audit(con, "user_enable")] == ["quantri"]


def test_list_users_has_no_hashes_and_names_the_unit(con, accounts):
    unit_id, unit_name = _first_commune(con)
    users.add_user(con, "xa1", NEW_PASSWORD, "unit_viewer", unit_id)
    frame = users.list_users(con)
    assert frame["username"].tolist() == ["lanhdao", "quantri", "xa1"]
    assert "password_hash" not in frame.columns
    assert frame.set_index("username").loc["xa1", "unit_name"] == unit_name
    for password in (ADMIN_PASSWORD, LEADER_PASSWORD, NEW_PASSWORD):
        assert not frame.astype(str).apply(lambda col, p=password: col.str.contains(p, regex=False)).any().any()


def test_get_user(con, accounts):
    admin, _ = accounts
    assert users.get_user(con, admin.user_id) == admin
    assert users.get_user(con, 999) is None


def test_a_login_while_another_login_of_the_same_account_commits_succeeds(con, accounts):
    """Two logins of one account at the same moment (two tabs, or people sharing an account; found by
    bench/ws_load_bench.py): DuckDB refuses the second concurrent update of the user's row ("Conflict on
    update!"), which showed the page's error number instead of logging in. The login now waits for the other
    one to commit and writes again."""
    _, leader = accounts
    other = con.cursor()
    other.execute("BEGIN TRANSACTION")
    other.execute("UPDATE users SET last_login_at = now() WHERE user_id = ?", [leader.user_id])  # uncommitted login
    commit = threading.Timer(0.1, lambda: other.execute("COMMIT"))
    commit.start()
    try:
        user = users.authenticate(con, "lanhdao", LEADER_PASSWORD)
    finally:
        commit.join()
    assert user.user_id == leader.user_id and user.last_login_at is not None
    assert len(_audit(con, "login")) == 1
