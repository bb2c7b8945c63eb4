"""The page «Quản trị» through AppTest: an admin adds an account, changes access settings and reads the audit log."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from oversight import db as dbmod
from oversight.auth import policy
from tests.app.conftest import PASSWORD, signed_in
from tests.conftest import ROOT

PAGE = ROOT / "pages" / "admin.py"


def _admin_page(db_path) -> AppTest:
    at = signed_in(db_path, "admin", "quan.tri")
    at.run()
    at.switch_page(str(PAGE)).run()
    assert not at.exception, at.exception
    return at


def _users(path) -> list[tuple]:
    cur = dbmod.connection(path).cursor()
    try:
        return cur.execute("SELECT username, role, unit_id, active FROM users ORDER BY username").fetchall()
    finally:
        cur.close()


def _unit_id(path, name: str) -> int:
    return dbmod.connection(path).execute("SELECT unit_id FROM units WHERE name = ?", [name]).fetchone()[0]


def test_an_admin_adds_a_unit_viewer_then_disables_it(app_db):
    at = _admin_page(app_db)
    long_phuoc = _unit_id(app_db, "Xã Long Phước")
    at.text_input(key="add_username").set_value("xa.longphuoc")
    at.selectbox(key="add_role").set_value("unit_viewer")
    at.selectbox(key="add_unit").set_value(long_phuoc)
    at.text_input(key="add_password").set_value("ngắn")
    next(b for b in at.button if b.label == "Thêm").click().run()
    assert any("10 ký tự" in e.value for e in at.error), [e.value for e in at.error]
    assert [u[0] for u in _users(app_db)] == ["quan.tri"]

    at.text_input(key="add_username").set_value("xa.longphuoc")
    at.selectbox(key="add_role").set_value("unit_viewer")
    at.selectbox(key="add_unit").set_value(long_phuoc)
    at.text_input(key="add_password").set_value(PASSWORD)
    next(b for b in at.button if b.label == "Thêm").click().run()
    assert not at.exception, at.exception
    assert ("xa.longphuoc", "unit_viewer", long_phuoc, True) in _users(app_db)
    assert any("Đã thêm tài khoản «xa.longphuoc»" in s.value.replace("\\", "") for s in at.success)

    at.selectbox(key="edit_username").set_value("xa.longphuoc").run()
    at.button(key="disable_user").click().run()
    assert ("xa.longphuoc", "unit_viewer", long_phuoc, False) in _users(app_db)


def test_the_last_admin_cannot_disable_itself(app_db):
    at = _admin_page(app_db)
    at.selectbox(key="edit_username").set_value("quan.tri").run()
    at.button(key="disable_user").click().run()
    assert at.error, "refused with a message"
    assert _users(app_db) == [("quan.tri", "admin", None, True)]


def test_an_admin_switches_the_public_demo_off_and_the_change_is_audited(app_db):
    at = _admin_page(app_db)
    at.checkbox(key="policy_public_demo").uncheck()
    at.radio(key="policy_aggregates").set_value("own")
    next(b for b in at.button if b.label == "Lưu cấu hình").click().run()
    assert not at.exception, at.exception
    current = policy.get_policy(dbmod.connection(app_db))
    assert (current.public_demo, current.unit_viewer_aggregates) == (False, "own")

    at.run()
    log = [df.value for df in at.dataframe if "Người thực hiện" in df.value.columns][0]
    change = log[log["Hành động"] == "Thay đổi cấu hình"]
    assert set(change["Người thực hiện"]) == {"quan.tri"}
    assert change["Đối tượng"].tolist() == [
        "cho xem công khai dữ liệu minh họa; lãnh đạo đơn vị xem số liệu tổng hợp của"
    ]
    assert change["Chi tiết"].tolist() == [
        "cho xem công khai dữ liệu minh họa: có → không; "
        "lãnh đạo đơn vị xem số liệu tổng hợp của: mọi đơn vị → chỉ đơn vị mình"
    ]

    anonymous = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    anonymous.run()
    assert anonymous.title[0].value == "Đăng nhập"
