"""The page «Sổ theo dõi nhắc nhở, phê bình» (AppTest): an uploader records through the form and withdraws; a bad
entry shows its message; a leader has no form; a unit viewer sees its own unit's entries only; the ranking shows
the count and the flag."""

from __future__ import annotations

from datetime import date

from oversight import access, reminders
from oversight import db as dbmod
from tests.app.conftest import signed_in
from tests.conftest import ROOT

REGISTER = str(ROOT / "pages" / "register.py")


def _units(con) -> tuple[int, int]:
    ids = [
        r[0]
        for r in con.execute(
            "SELECT unit_id FROM units WHERE name IN ('Sở Y tế', 'Sở Tư pháp') ORDER BY name"
        ).fetchall()
    ]
    return ids[1], ids[0]  # Sở Y tế, Sở Tư pháp


def _entries(con):
    with access.acting_as(access.system()):
        return reminders.list_reminders(con, include_withdrawn=True)


def test_uploader_records_withdraws_and_sees_the_refusal(app_db):
    con = dbmod.connection(app_db)
    yte, tuphap = _units(con)
    at = signed_in(app_db, "uploader")
    at.run()
    at.switch_page(REGISTER).run()
    assert not at.exception, at.exception
    at.multiselect(key="rec_units").set_value([yte, tuphap])
    at.selectbox(key="rec_level").set_value("phe_binh")
    at.text_input(key="rec_number").input("88/UBND-HCTC")
    at.text_area(key="rec_reason").input("   ")
    next(b for b in at.button if b.label == "Ghi sổ").click().run()
    assert [e.value for e in at.error] == ["Chưa nhập lý do nhắc nhở, phê bình\\."]
    assert _entries(con).empty

    at.text_area(key="rec_reason").input("Chậm giải quyết hồ sơ")
    next(b for b in at.button if b.label == "Ghi sổ").click().run()
    assert not at.exception, at.exception
    assert at.success[0].value == "Đã ghi sổ 2 mục \\(phê bình\\)\\."
    frame = _entries(con)
    assert sorted(frame["unit_id"]) == sorted([yte, tuphap])
    assert set(frame["letter_number"]) == {"88/UBND-HCTC"} and set(frame["level"]) == {"phe_binh"}
    assert set(frame["recorded_by"]) == {"web:thu.uploader"}
    assert len(at.dataframe[0].value) == 2

    target = int(frame[frame["unit_id"] == yte]["reminder_id"].iloc[0])
    at.selectbox(key="wd_id").set_value(target)
    at.text_input(key="wd_reason").input("Ghi nhầm")
    next(b for b in at.button if b.label == "Thu hồi").click().run()
    assert not at.exception, at.exception
    frame = _entries(con)
    assert list(frame[frame["withdrawn"]]["reminder_id"]) == [target]
    assert len(at.dataframe[0].value) == 1  # withdrawn entries hidden unless asked for


def test_leader_reads_without_a_form_and_a_unit_viewer_sees_its_own(app_db):
    con = dbmod.connection(app_db)
    yte, tuphap = _units(con)
    with access.acting_as(access.system()):
        for unit in (yte, tuphap):
            reminders.record(
                con,
                unit_ids=[unit],
                level="nhac_nho",
                letter_date=date(2025, 9, 20),
                letter_number=None,
                reason="Chậm",
                period_start=None,
                period_end=None,
                kinds=None,
            )
    at = signed_in(app_db, "leader")
    at.run()
    at.switch_page(REGISTER).run()
    assert not at.exception, at.exception
    assert not [b for b in at.button if b.label in ("Ghi sổ", "Thu hồi")]
    assert sorted(at.dataframe[0].value["Đơn vị"]) == ["Sở Tư pháp", "Sở Y tế"]

    viewer = signed_in(app_db, "unit_viewer", username="xem.yte", unit_id=yte)
    viewer.run()
    viewer.switch_page(REGISTER).run()
    assert not viewer.exception, viewer.exception
    assert list(viewer.dataframe[0].value["Đơn vị"]) == ["Sở Y tế"]


def test_the_ranking_shows_the_count_and_the_flag(app_db):
    con = dbmod.connection(app_db)
    yte, _ = _units(con)
    with access.acting_as(access.system()):
        for day in (date(2025, 3, 1), date(2025, 9, 1)):
            reminders.record(
                con,
                unit_ids=[yte],
                level="phe_binh",
                letter_date=day,
                letter_number=None,
                reason="Chậm",
                period_start=None,
                period_end=None,
                kinds=None,
            )
    at = signed_in(app_db, "leader")
    at.query_params["period"] = "m2025-09"
    at.run()
    at.switch_page(str(ROOT / "pages" / "rankings.py"))
    at.query_params["period"] = "m2025-09"
    at.run()
    assert not at.exception, at.exception
    tables = [d.value for d in at.dataframe if "Bị nhắc nhở (12 tháng)" in d.value.columns]
    shown = {n: c for t in tables for n, c in zip(t["Đơn vị"], t["Bị nhắc nhở (12 tháng)"], strict=True)}
    assert shown.get("Sở Y tế") == "2 ⚑"
    assert any("từ 01/10/2024 đến 30/09/2025" in c.value for c in at.caption)
