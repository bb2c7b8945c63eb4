"""Single sign-on: the provider proves who somebody is; the local account of that e-mail says what they may do."""

from __future__ import annotations

import pytest

from oversight.auth import users
from tests.auth.conftest import ADMIN_PASSWORD


def _audit(con) -> list[tuple]:
    return con.execute("SELECT actor, action, target, ok FROM audit_log ORDER BY audit_id").fetchall()


def test_an_identity_logs_in_the_account_named_by_its_email(con):
    users.add_user(con, "lan.tran@dongnai.gov.vn", ADMIN_PASSWORD, "leader")
    user = users.sso_login(con, " Lan.Tran@DongNai.gov.vn")
    assert (user.username, user.role) == ("lan.tran@dongnai.gov.vn", "leader")
    assert user.last_login_at is not None
    assert _audit(con)[-1] == ("sso:lan.tran@dongnai.gov.vn", "login", "lan.tran@dongnai.gov.vn", True)


@pytest.mark.parametrize("email", ["nguoi.la@dongnai.gov.vn", "", None])
def test_an_identity_without_an_account_gets_nothing(con, email):
    with pytest.raises(users.LoginError, match="chưa được cấp quyền trong hệ thống này"):
        users.sso_login(con, email)
    assert _audit(con)[-1][1:] == ("login_failed", users.normalize_username(email or ""), False)


def test_a_disabled_account_cannot_sign_in_through_the_provider(con):
    users.add_user(con, "cu@dongnai.gov.vn", ADMIN_PASSWORD, "leader")
    users.disable_user(con, "cu@dongnai.gov.vn")
    with pytest.raises(users.LoginError):
        users.sso_login(con, "cu@dongnai.gov.vn")
