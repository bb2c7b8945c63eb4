"""«Báo cáo tháng» on the brief page (oversight/ui/monthly_report.py) through AppTest: a leader chooses among the
months with data, the page's month first; an account that sees only its own unit is told why it has no buttons."""

from __future__ import annotations

from oversight import db as dbmod
from oversight.ui.monthly_report import MONTH_KEY
from tests.app.conftest import signed_in
from tests.conftest import ROOT

PAGE = str(ROOT / "pages" / "brief.py")


def _brief(at):
    at.query_params["period"] = "m2025-09"
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def test_a_leader_chooses_the_month(app_db):
    at = _brief(signed_in(app_db, "leader", "chu.tich"))
    picker = at.selectbox(key=MONTH_KEY)
    assert picker.label == "Tháng báo cáo"
    assert picker.value == "m2025-09"  # the page's month
    assert {"Tháng 08/2025", "Tháng 09/2025", "Tháng 10/2025"} <= set(picker.options)  # labels shown
    assert "Báo cáo tháng (Word, PDF) cho Tổ công tác của Chủ tịch UBND tỉnh" in [e.label for e in at.expander]


def test_a_unit_viewer_is_told_why(app_db):
    con = dbmod.connection(app_db)
    unit = int(con.execute("select unit_id from units where name = 'Sở Y tế'").fetchone()[0])
    at = _brief(signed_in(app_db, "unit_viewer", "so.y.te", unit_id=unit))
    assert not [s for s in at.selectbox if s.key == MONTH_KEY]
    captions = [c.value for c in at.caption]
    assert "Báo cáo tháng tổng hợp toàn tỉnh chỉ lập được bằng tài khoản xem toàn tỉnh." in captions
