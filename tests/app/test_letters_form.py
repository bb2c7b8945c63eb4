"""«Soạn văn bản nhắc nhở» on the pages (AppTest on the demo database): the rankings page preselects the units of
the worst band, the download is one .zip for many and one .docx for one; a unit viewer gets no form."""

from __future__ import annotations

from oversight import access, metrics, reminders
from oversight import db as dbmod
from oversight.config import load_settings
from oversight.ui import letters as form
from tests.app.conftest import signed_in
from tests.conftest import ROOT

UNITS_LABEL = "Đơn vị nhận văn bản"


def _downloads(at) -> dict[str, str]:
    return {b.proto.label: b.proto.url for b in at.get("download_button")}


def test_rankings_preselect_the_worst_band_and_offer_a_zip(app_db):
    at = signed_in(app_db, "leader", "chu.tich")
    at.run()
    at.switch_page(str(ROOT / "pages" / "rankings.py")).run()
    assert not at.exception, at.exception
    period = at.session_state["filters"].period
    ranking = metrics.unit_metrics(dbmod.connection(app_db), period)
    ranked = ranking[ranking["ranked"]].sort_values(["score", "unit_name"])
    worst = ranked[ranked["band"] == load_settings().lowest_band].head(form.DEFAULT_BAND_LIMIT)
    expected = [int(u) for u in (worst if not worst.empty else ranked.head(form.DEFAULT_LOWEST))["unit_id"]]
    picker = next(m for m in at.multiselect if m.label == UNITS_LABEL)
    assert [int(u) for u in picker.value] == expected and len(expected) > 1
    labels = _downloads(at)
    assert f"Tải {len(expected)} văn bản nhắc nhở (.zip)" in labels
    request = at.session_state["letters_ranking_letter_request"]
    assert list(request.unit_ids) == expected and request.level == "nhac_nho"

    picker.set_value(expected[:1]).run()
    assert not at.exception, at.exception
    assert "Tải văn bản nhắc nhở (Word)" in _downloads(at)


def test_a_unit_viewer_gets_no_letter_form(app_db):
    con = dbmod.connection(app_db)
    own = int(metrics.unit_metrics(con, metrics.periods.month(2025, 10))["unit_id"].iloc[0])
    at = signed_in(app_db, "unit_viewer", "xa.truong", unit_id=own)
    at.run()
    at.switch_page(str(ROOT / "pages" / "unit.py")).run()
    assert not at.exception, at.exception
    assert not [e for e in at.expander if e.label == form.TITLE]
    assert not [m for m in at.multiselect if m.label == UNITS_LABEL]


def test_overview_lagging_list_and_unit_page_offer_letters(app_db):
    at = signed_in(app_db, "leader", "chu.tich")
    at.run()
    assert not at.exception, at.exception
    period = at.session_state["filters"].period
    worst = metrics.worst_units(dbmod.connection(app_db), period, "score", limit=10)
    late = [int(r["unit_id"]) for r in worst.to_dict("records") if form._late(r, form.letters.KINDS) > 0]
    picker = next(m for m in at.multiselect if m.label == UNITS_LABEL)
    assert [int(u) for u in picker.value] == late and late
    assert f"Tải {len(late)} văn bản nhắc nhở (.zip)" in _downloads(at)

    at.query_params["unit"] = str(late[0])
    at.switch_page(str(ROOT / "pages" / "unit.py")).run()
    assert not at.exception, at.exception
    assert "Tải văn bản nhắc nhở (Word)" in _downloads(at)
    assert at.session_state[f"letters_unit_{late[0]}_letter_request"].unit_ids == (late[0],)


def test_an_uploader_records_the_letters_in_the_register_and_a_leader_cannot(app_db):
    at = signed_in(app_db, "uploader", "van.thu")
    at.run()
    at.switch_page(str(ROOT / "pages" / "rankings.py")).run()
    assert not at.exception, at.exception
    request = at.session_state["letters_ranking_letter_request"]
    number = next(t for t in at.text_input if t.label == "Số, ký hiệu văn bản")
    number.set_value("1234/UBND-HCTC")
    next(b for b in at.button if b.label == "Ghi vào sổ theo dõi").click().run()
    assert not at.exception, at.exception
    assert any(f"Đã ghi sổ {len(request.unit_ids)} đơn vị" in s.value for s in at.success)
    con = dbmod.connection(app_db)
    with access.acting_as(access.system()):
        entries = reminders.list_reminders(con)
    mine = entries[entries["letter_number"] == "1234/UBND-HCTC"]
    assert sorted(int(u) for u in mine["unit_id"]) == sorted(request.unit_ids)
    assert set(mine["source"]) == {"letter"} and set(mine["level"]) == {"nhac_nho"}
    assert set(mine["period_start"].astype(str)) == {str(request.period.start)}

    leader = signed_in(app_db, "leader", "pho.chu.tich")
    leader.run()
    leader.switch_page(str(ROOT / "pages" / "rankings.py")).run()
    assert not leader.exception, leader.exception
    assert leader.session_state["letters_ranking_letter_request"] is not None
    assert not [b for b in leader.button if b.label == "Ghi vào sổ theo dõi"]
