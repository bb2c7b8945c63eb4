"""Login, the public demo, first-admin setup and roles, through the real dashboard script (AppTest).

The unit-viewer tests ask for another unit's items every way a user can: by URL (?unit=), by clicking its bar
(a selection event), on the per-kind page's list and by the export; and the process-wide query cache is
shared by every session, so a leader's cached lists must never reach a unit viewer."""

from __future__ import annotations

import json
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from oversight import db as dbmod
from oversight import metrics
from oversight.auth import audit, policy, setup, users
from oversight.ui import login
from tests.app.conftest import PASSWORD, signed_in
from tests.conftest import ROOT
from tests.metrics.helpers import span

OCT = (date(2025, 10, 1), date(2025, 10, 31))


def _app() -> AppTest:
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)


def _texts(elements) -> str:
    return " ".join(e.value for e in elements)


def _sql(path, sql: str, params=()) -> list[tuple]:
    cur = dbmod.connection(path).cursor()
    try:
        return cur.execute(sql, params).fetchall()
    finally:
        cur.close()


def _real_data(path) -> None:
    """As if staff had uploaded their own exports: the public demo ends by itself."""
    _sql(
        path,
        "UPDATE uploads SET uploaded_by = 'nguyen.van.a', origin = 'real'"
        " WHERE upload_id = (SELECT max(upload_id) FROM uploads)",
    )


def _late_units(path) -> list[int]:
    frame = metrics.overdue_items(dbmod.connection(path), "cases", span(*OCT))
    return frame["unit_id"].value_counts().index.astype(int).tolist()


def test_the_public_demo_is_labelled_and_read_only(app_db):
    at = _app()
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Tổng quan"
    assert "Chế độ trình diễn công khai" in _texts(at.sidebar.info)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(str(ROOT / "pages" / "upload.py"))


def test_without_the_demo_nobody_gets_past_the_login_form(app_db):
    _real_data(app_db)
    at = _app()
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Đăng nhập"
    assert not at.metric and not at.dataframe  # no figure leaks around the form


def test_the_demo_can_be_switched_off(app_db):
    policy.set_policy(dbmod.connection(app_db), public_demo=False)
    at = _app()
    at.run()
    assert at.title[0].value == "Đăng nhập"


def _log_in(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input(key="login_username").set_value(username)
    at.text_input(key="login_password").set_value(password)
    next(b for b in at.button if b.label == "Đăng nhập").click().run()
    return at


def test_login_with_a_wrong_then_the_right_password(app_db):
    _real_data(app_db)
    users.add_user(dbmod.connection(app_db), "lan.tran", PASSWORD, "leader")
    at = _app()
    at.run()
    _log_in(at, "lan.tran", "sai-mat-khau-123")
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in _texts(at.error)
    assert "sai-mat-khau-123" not in repr(at.session_state.to_dict())  # the form is cleared on submit
    _log_in(at, "Lan.Tran ", PASSWORD)
    assert not at.exception, at.exception
    assert at.title[0].value == "Tổng quan"
    assert "lan.tran" in _texts(at.sidebar.markdown) + _texts(at.sidebar.caption)
    actions = [r[0] for r in _sql(app_db, "SELECT action FROM audit_log WHERE target = 'lan.tran' ORDER BY audit_id")]
    assert actions[-2:] == [audit.LOGIN_FAILED, audit.LOGIN]

    next(b for b in at.sidebar.button if b.label == "Đăng xuất").click().run()
    assert at.title[0].value == "Đăng nhập"
    assert _sql(app_db, "SELECT action FROM audit_log ORDER BY audit_id DESC LIMIT 1") == [(audit.LOGOUT,)]


def test_repeated_failures_block_further_logins(app_db):
    _real_data(app_db)
    users.add_user(dbmod.connection(app_db), "binh.le", PASSWORD, "leader")
    at = _app()
    at.run()
    for _ in range(5):
        _log_in(at, "binh.le", "khong-dung-nua")
    assert "Đăng nhập tạm bị chặn" in _texts(at.error)
    _log_in(at, "binh.le", PASSWORD)
    assert "Đăng nhập tạm bị chặn" in _texts(at.error)
    assert at.title[0].value == "Đăng nhập"


def test_a_disabled_account_is_logged_out_on_its_next_click(app_db):
    _real_data(app_db)
    at = signed_in(app_db, "leader", "cu.leader")
    at.run()
    assert at.title[0].value == "Tổng quan"
    users.disable_user(dbmod.connection(app_db), "cu.leader")
    at.run()
    assert at.title[0].value == "Đăng nhập"


def test_the_first_admin_comes_from_a_one_time_link(app_db):
    con = dbmod.connection(app_db)
    assert setup.needs_setup(con)
    at = _app()
    at.query_params["setup"] = "khong-dung"
    at.run()  # the server prints its own link on the console (a new link replaces it: issued below)
    token = setup.issue_setup_token(con)
    at.text_input(key="setup_username").set_value("quan.tri")
    at.text_input(key="setup_password").set_value(PASSWORD)
    at.text_input(key="setup_again").set_value(PASSWORD)
    next(b for b in at.button if b.label == "Tạo tài khoản").click().run()
    assert "không hợp lệ hoặc đã hết hạn" in _texts(at.error)

    at = _app()
    at.query_params["setup"] = token
    at.run()
    assert at.title[0].value == "Tạo tài khoản quản trị đầu tiên"
    at.text_input(key="setup_username").set_value("quan.tri")
    at.text_input(key="setup_password").set_value(PASSWORD)
    at.text_input(key="setup_again").set_value(PASSWORD)
    next(b for b in at.button if b.label == "Tạo tài khoản").click().run()
    assert not at.exception, at.exception
    assert _sql(app_db, "SELECT username, role FROM users") == [("quan.tri", "admin")]
    assert at.session_state[login.SESSION_KEY] is not None
    assert not setup.needs_setup(con)


def test_a_unit_viewer_cannot_reach_another_units_items_by_url(app_db):
    own, other = _late_units(app_db)[:2]
    at = signed_in(app_db, "unit_viewer", "xa.truong", unit_id=own)
    at.query_params["unit"] = str(other)
    at.run()
    at.switch_page(str(ROOT / "pages" / "unit.py")).run()
    assert not at.exception, at.exception
    assert "chỉ được xem danh sách chi tiết của đơn vị mình" in _texts(at.info)
    assert not [df for df in at.dataframe if "Mã hồ sơ" in df.value.columns]


def test_a_unit_viewer_clicking_another_units_bar_sees_its_figures_but_no_items(app_db):
    own = _late_units(app_db)[0]
    at = signed_in(app_db, "unit_viewer", "xa.truong", unit_id=own)
    at.run()
    bars = json.loads(at.get("plotly_chart")[1].proto.spec)["data"][0]
    other = next(i for i in bars["customdata"] if i != own)
    name = bars["y"][bars["customdata"].index(other)]
    at.session_state["overview_worst"] = {
        "selection": {"points": [{"customdata": other, "y": name}], "point_indices": [0], "box": [], "lasso": []}
    }
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == name  # the ranking is public to unit heads (setting unit_viewer_aggregates)
    assert "chỉ được xem danh sách chi tiết của đơn vị mình" in _texts(at.info)
    assert not [df for df in at.dataframe if "Mã hồ sơ" in df.value.columns]


def test_a_unit_viewer_sees_only_its_own_items_even_after_a_leader_filled_the_cache(app_db):
    own = _late_units(app_db)[0]
    leader = signed_in(app_db, "leader", "chu.tich")
    leader.run()
    leader.switch_page(str(ROOT / "pages" / "cases.py")).run()
    everyone = [df.value for df in leader.dataframe if "Mã hồ sơ" in df.value.columns][0]
    assert everyone["Đơn vị"].nunique() > 1

    viewer = signed_in(app_db, "unit_viewer", "xa.truong", unit_id=own)
    viewer.run()
    viewer.switch_page(str(ROOT / "pages" / "cases.py")).run()
    assert not viewer.exception, viewer.exception
    mine = [df.value for df in viewer.dataframe if "Mã hồ sơ" in df.value.columns][0]
    names = metrics.unit_metrics(dbmod.connection(app_db), span(*OCT)).set_index("unit_id")["unit_name"]
    assert set(mine["Đơn vị"]) == {names[own]}


@pytest.mark.parametrize("role", ["leader", "unit_viewer"])
def test_read_only_roles_are_not_offered_the_data_pages(app_db, role):
    own = _late_units(app_db)[0]
    at = signed_in(app_db, role, f"thu.{role}", unit_id=own if role == "unit_viewer" else None)
    at.run()
    assert not at.exception, at.exception
    for page in ("upload.py", "units_admin.py", "admin.py"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(str(ROOT / "pages" / page))


def test_an_uploader_is_offered_the_data_pages_but_not_the_admin_page(app_db):
    at = signed_in(app_db, "uploader", "thu.uploader")
    at.run()
    at.switch_page(str(ROOT / "pages" / "upload.py")).run()
    assert at.title[0].value == "Tải dữ liệu"
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(str(ROOT / "pages" / "admin.py"))


def test_single_sign_on_logs_in_the_matching_local_account(app_db, monkeypatch):
    """The provider itself cannot run offline: its answer (st.user's e-mail) is stood in for; everything after
    it is the real gate."""
    _real_data(app_db)
    users.add_user(dbmod.connection(app_db), "hoa.pham@dongnai.gov.vn", PASSWORD, "leader")
    monkeypatch.setattr(login, "sso_configured", lambda: True)
    monkeypatch.setattr(login, "sso_identity", lambda: "hoa.pham@dongnai.gov.vn")
    at = _app()
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Tổng quan"
    assert _sql(app_db, "SELECT actor, action FROM audit_log ORDER BY audit_id DESC LIMIT 1") == [
        ("sso:hoa.pham@dongnai.gov.vn", audit.LOGIN)
    ]


def test_single_sign_on_without_a_local_account_shows_nothing(app_db, monkeypatch):
    _real_data(app_db)
    monkeypatch.setattr(login, "sso_configured", lambda: True)
    monkeypatch.setattr(login, "sso_identity", lambda: "nguoi.la@gmail.com")
    at = _app()
    at.run()
    assert "chưa được cấp quyền trong hệ thống này" in _texts(at.error)
    assert not at.metric and not at.dataframe
