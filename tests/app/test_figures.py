"""Figures that read right: each card names what its numbers count, the ranking says which components formed a
score, per-unit tables put the units below the minimum volume last, the charts of the highest rates leave 0 % out,
and the unit page compares with the unit's own previous period. Expected texts are built from the metrics' counts
by hand."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest

from oversight import charts, explain, metrics
from oversight import db as dbmod
from oversight import formatting as fmt
from tests.app.conftest import signed_in
from tests.conftest import ROOT
from tests.metrics.helpers import span

OCT = (date(2025, 10, 1), date(2025, 10, 31))
SEP = (date(2025, 9, 1), date(2025, 9, 30))


def _captions(at) -> list[str]:
    return [c.value for c in at.caption]


def _page(path, page: str, **params):
    at = signed_in(path, "admin")
    at.query_params["period"] = "m2025-10"
    at.run()
    at.switch_page(str(ROOT / "pages" / page))
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def test_overview_cards_say_what_each_number_counts(app_db):
    k = metrics.province_kpis(dbmod.connection(app_db), span(*OCT))
    n = fmt.number
    late_cases = k["cases_resolved_late"] + k["cases_pending_overdue"]
    assert late_cases / k["cases_total"] == pytest.approx(k["cases_late_rate"])  # the rate the card quotes
    with_deadline = k["tasks_total"] - k["tasks_no_deadline"]
    late_tasks = k["tasks_done_late"] + k["tasks_open_overdue"]
    assert late_tasks / with_deadline == pytest.approx(k["tasks_overdue_rate"])
    late_feedback = k["feedback_done_late"] + k["feedback_open_overdue"]

    at = signed_in(app_db, "admin")
    at.run()
    assert not at.exception, at.exception
    captions = _captions(at)
    assert (
        f"đã giải quyết quá hạn {n(k['cases_resolved_late'])} + đang giải quyết quá hạn {n(k['cases_pending_overdue'])}"
        f" · Tỷ lệ trễ hạn {fmt.percent(k['cases_late_rate'])} trên {n(k['cases_total'])} hồ sơ phải giải quyết"
    ) in captions
    card = next(m.value for m in at.markdown if ">Hồ sơ TTHC trễ hạn</div>" in m.value)
    assert f">{n(late_cases)}</div>" in card
    assert (
        f"Nhiệm vụ quá hạn: {n(late_tasks)} (hoàn thành quá hạn {n(k['tasks_done_late'])} + đang thực hiện quá hạn "
        f"{n(k['tasks_open_overdue'])}) trên {n(with_deadline)} nhiệm vụ có thời hạn ({n(k['tasks_total'])} − "
        f"{n(k['tasks_no_deadline'])} không thời hạn)"
    ) in captions
    assert (
        f"Phản ánh quá hạn: {n(late_feedback)} (đã xử lý quá hạn {n(k['feedback_done_late'])} + đang xử lý quá hạn "
        f"{n(k['feedback_open_overdue'])}) trên {n(k['feedback_total'])} phản ánh, kiến nghị phải xử lý"
    ) in captions
    assert any(c.startswith(f"{n(late_cases)} hồ sơ trễ hạn / {n(k['cases_total'])} hồ sơ phải giải quyết · kỳ trước")
               for c in captions)  # fmt: skip


def test_the_ranking_says_which_components_formed_each_score(app_db):
    frame = metrics.unit_metrics(dbmod.connection(app_db), span(*OCT), group="department")
    # a ranked unit with ten tasks or more, too few of them with a deadline: its tasks do not count
    short = frame[
        frame["ranked"]
        & (frame["tasks_total"] >= 10)
        & (frame["tasks_total"] - frame["tasks_no_deadline"] < 10)
        & (frame["cases_total"] >= 10)
        & (frame["feedback_total"] - frame["feedback_no_deadline"] >= 10)
    ].iloc[0]
    t, nd = int(short["tasks_total"]), int(short["tasks_no_deadline"])
    expected = f"Hồ sơ TTHC, Phản ánh · chưa tính Nhiệm vụ ({t} − {nd} không thời hạn = {t - nd} < 10)"
    unranked = frame[~frame["ranked"] & (frame["tasks_no_deadline"] > 0) & (frame["cases_total"] > 0)].iloc[0]
    ut, und = int(unranked["tasks_total"]), int(unranked["tasks_no_deadline"])
    fj = int(unranked["feedback_total"] - unranked["feedback_no_deadline"])
    feedback = f"Phản ánh ({fj} < 10)" if fj else "Phản ánh (không có số liệu)"
    expected_unranked = (
        f"Chưa tính Nhiệm vụ ({ut} − {und} không thời hạn = {ut - und} < 10), "
        f"Hồ sơ TTHC ({int(unranked['cases_total'])} < 10), {feedback}"
    )

    at = _page(app_db, "rankings.py")
    table = at.dataframe(key="ranking_department").value
    row = table[table["Đơn vị"] == short["unit_name"]].iloc[0]
    assert row["Thành phần tính điểm"] == expected
    tables = list(at.dataframe)
    keyed = next(i for i, t in enumerate(tables) if t.key == "ranking_department")
    rest = tables[keyed + 1].value  # the department tab's units not ranked, right below its ranking
    assert rest[rest["Đơn vị"] == unranked["unit_name"]].iloc[0]["Thành phần tính điểm"] == expected_unranked
    assert any("từ 10 nhiệm vụ có thời hạn (nhiệm vụ không thời hạn không tính)" in c for c in _captions(at))


def test_units_below_the_minimum_volume_come_after_the_compared_units(app_db):
    units = metrics.kind_by_unit(dbmod.connection(app_db), "tasks", span(*OCT))
    with_deadline = units["tasks_total"] - units["tasks_no_deadline"]
    enough = units[with_deadline >= 10]
    few = units[with_deadline < 10]
    # the demo has small units at 100 % (one late task of one): they must not head the table
    assert few["tasks_overdue_rate"].max() > enough["tasks_overdue_rate"].max()

    at = _page(app_db, "tasks.py")
    table = at.dataframe(key="tasks_units").value
    assert table["Đơn vị"].head(len(enough)).tolist() == (
        enough.sort_values(["tasks_overdue_rate", "tasks_total"], ascending=False)["unit_name"].tolist()
    )
    assert (table["Ghi chú"].head(len(enough)) == "").all()
    tail = table.iloc[len(enough) :]
    assert set(tail["Đơn vị"]) == set(few["unit_name"])
    first_few = few.sort_values(["tasks_overdue_rate", "tasks_total"], ascending=False, na_position="last").iloc[0]
    n_first = int(first_few["tasks_total"] - first_few["tasks_no_deadline"])
    assert tail.iloc[0]["Ghi chú"] == f"chưa đủ số liệu ({n_first} nhiệm vụ có thời hạn < 10)"


def test_the_chart_of_the_highest_rates_leaves_out_units_at_zero():
    units = pd.DataFrame(
        {
            "unit_id": [1, 2, 3, 4],
            "unit_name": ["Sở A", "Sở B", "Sở C", "Sở D"],
            "cases_late_rate": [0.5, 0.0, 0.2, None],
            "metric_count": [5, 0, 2, 0],
        }
    )
    bars = charts.ranking_bars(units, "cases_late_rate", "metric_count").data[0]
    assert list(bars.y) == ["Sở C", "Sở A"]  # drawn bottom-up: the highest on top; Sở B (0 %) and Sở D left out
    assert list(bars.customdata) == [3, 1]
    assert list(bars.text) == ["20,0 % (2)", "50,0 % (5)"]
    # a score of 0 or an on-time ratio of 0 % is the worst there is, and stays
    units["score"] = [50.0, 0.0, 20.0, None]
    assert charts.bars_shown(units, "score")["unit_name"].tolist() == ["Sở A", "Sở B", "Sở C"]
    units["cases_on_time_rate"] = [0.5, 0.0, 0.8, None]
    assert "Sở B" in charts.bars_shown(units, "cases_on_time_rate")["unit_name"].tolist()


def test_the_kind_page_chart_holds_no_unit_at_zero(app_db):
    at = _page(app_db, "feedback.py")
    worst = metrics.worst_units(dbmod.connection(app_db), span(*OCT), "feedback_overdue_rate", limit=10)
    drawn = json.loads(at.get("plotly_chart")[1].proto.spec)["data"][0]
    assert drawn["y"][::-1] == worst[worst["feedback_overdue_rate"] > 0]["unit_name"].tolist()


def test_the_unit_page_compares_each_rate_with_the_units_previous_period(app_db):
    con = dbmod.connection(app_db)
    now = metrics.unit_metrics(con, span(*OCT), group="department").set_index("unit_id")
    before = metrics.unit_metrics(con, span(*SEP), group="department").set_index("unit_id")
    both = now[["cases_total"]].merge(before[["cases_total"]], on="unit_id", suffixes=("", "_sep"))
    unit_id = int(both[(both["cases_total"] >= 10) & (both["cases_total_sep"] >= 10)].index[0])
    a, b = now.loc[unit_id], before.loc[unit_id]
    # the late rates by hand from the counts: (resolved late + pending overdue) / cases to be handled
    rate_oct = (a["cases_resolved_late"] + a["cases_pending_overdue"]) / a["cases_total"]
    rate_sep = (b["cases_resolved_late"] + b["cases_pending_overdue"]) / b["cases_total"]
    assert rate_oct == pytest.approx(a["cases_late_rate"]) and rate_sep == pytest.approx(b["cases_late_rate"])
    delta = round((rate_oct - rate_sep) * 100, 1)
    sign = "+" if delta > 0 else ("−" if delta < 0 else "±")
    expected = f"So với kỳ trước: {sign}{fmt.number(abs(delta), 1)} điểm %"

    at = _page(app_db, "unit.py", unit=str(unit_id))
    assert at.title[0].value == a["unit_name"]
    captions = _captions(at)
    cases_note = next(i for i, c in enumerate(captions) if "hồ sơ phải giải quyết · Toàn tỉnh" in c)
    assert captions[cases_note - 1] == expected
    late = int(a["cases_resolved_late"] + a["cases_pending_overdue"])
    assert captions[cases_note].startswith(f"{fmt.number(late)} hồ sơ trễ hạn / {fmt.number(a['cases_total'])}")
    assert "So với kỳ trước: chưa có số liệu" not in captions[cases_note - 1]


def test_components_text_for_each_reason():
    row = {
        "tasks_total": 14, "tasks_rated": 11, "tasks_component": 0.9,
        "cases_total": 0, "cases_component": None,
        "feedback_total": 4, "feedback_judged": 4, "feedback_component": None,
    }  # fmt: skip
    weights = {"tasks": 40, "cases": 40, "feedback": 20}
    text = explain.score_components_text(row, 10, weights)
    assert text == "Nhiệm vụ · chưa tính Hồ sơ TTHC (không có số liệu), Phản ánh (4 < 10)"
    row["tasks_component"] = None
    assert explain.score_components_text(row, 12, {**weights, "cases": 0}).startswith(
        "Chưa tính Nhiệm vụ (14 − 3 không thời hạn = 11 < 12), Hồ sơ TTHC (trọng số 0)"
    )
