"""The field (lĩnh vực) filter: every figure over the items of one field only, computed by hand.

October 2025 (calendar months; as_of = end of 31/10):

  Xã Long Phước  (case-level)  C1 Đất đai  received 02/10, due 05/10 16:00, done 07/10  -> resolved late
                               C2 Đất đai  received 03/10 (online), due 10/10, done 08/10 -> resolved early
                               C3 Hộ tịch  received 06/10, due 20/10, open               -> pending overdue
                               C4 Hộ tịch  received 10/10, due 10/11, open               -> pending on time
                 (Biểu 06)     a Xây dựng row for October: ignored, the unit has case-level cases
  Xã Xuân Hòa    (case-level)  C5 Hộ tịch  received 02/10, due 04/10, done 03/10         -> resolved early
                               C6 Hộ tịch  received 05/10, due 06/10, open               -> pending overdue
  Sở Xây dựng    (Biểu 06)     Đất đai row: new 2 online + 2 offline + 1 carried = 5; resolved early 1,
                               on time 1, late 1; pending on time 1, overdue 1
  Sở Tư pháp     (Biểu 06)     one row over all fields (field empty): 1 + 2 + 1 = 4; resolved on time 2,
                               late 1; pending overdue 1 -> counted under 'Không rõ lĩnh vực'
  Sở Y tế        tasks         T1 Đất đai  given 01/10, due 10/10, done 12/10             -> done late
                               T2 Tổng hợp given 01/10, due 20/10, done 15/10             -> done on time
  Xã Long Phước  feedback      F1 Đất đai  received 01/10, due 10/10, done 09/10, satisfied -> done on time

Filtered by Đất đai: cases 2 (Long Phước) + 5 (Sở Xây dựng) = 7, late (10) 1 + 1 = 2, pending overdue (13)
0 + 1 = 1, late rate (2 + 1) / 7; tasks 1, all late (rate 1); feedback 1 on time (rate 0, satisfaction 1).
Xã Xuân Hòa has no Đất đai item: zero counts and empty rates (never 0 % or 100 %); it is listed so (it existed in
October, METRICS.md section 6), unranked, and not in the per-kind tables.
"""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from oversight import metrics
from tests.metrics.helpers import ending, span, with_data
from tests.metrics.test_month_cache import item_level

OCT = (date(2025, 10, 1), date(2025, 10, 31))
LAND = "Đất đai"


@pytest.fixture
def fields_world(world, mcon):
    ids = {
        "long_phuoc": world.unit("Xã Long Phước", valid="new"),
        "xuan_hoa": world.unit("Xã Xuân Hòa", valid="new"),
        "xay_dung": world.unit("Sở Xây dựng"),
        "tu_phap": world.unit("Sở Tư pháp"),
        "y_te": world.unit("Sở Y tế"),
    }
    lp, xh = ids["long_phuoc"], ids["xuan_hoa"]
    cases = world.upload("cases")
    world.case(cases, "C1", lp, "2025-10-02 08:00", "2025-10-05 16:00", "2025-10-07 09:00", field=LAND)
    world.case(cases, "C2", lp, "2025-10-03 08:00", "2025-10-10 16:00", "2025-10-08 09:00", "online", field=LAND)
    world.case(cases, "C3", lp, "2025-10-06 08:00", "2025-10-20 16:00", None, field="Hộ tịch")
    world.case(cases, "C4", lp, "2025-10-10 08:00", "2025-11-10 16:00", None, field="Hộ tịch")
    world.case(cases, "C5", xh, "2025-10-02 08:00", "2025-10-04 16:00", "2025-10-03 09:00", field="Hộ tịch")
    world.case(cases, "C6", xh, "2025-10-05 08:00", "2025-10-06 16:00", None, field="Hộ tịch")
    stats = world.upload("case_stats", period=OCT)
    world.case_stat(stats, ids["xay_dung"], OCT, 2, 2, 1, 1, 1, 1, 1, 1, field=LAND)
    world.case_stat(stats, ids["tu_phap"], OCT, 1, 2, 1, 0, 2, 1, 0, 1)
    world.case_stat(stats, lp, OCT, 3, 0, 0, 3, 0, 0, 0, 0, field="Xây dựng")
    tasks = world.upload("tasks")
    world.task(tasks, "T1", ids["y_te"], "2025-10-01", "2025-10-10", "2025-10-12", field=LAND)
    world.task(tasks, "T2", ids["y_te"], "2025-10-01", "2025-10-20", "2025-10-15", field="Tổng hợp")
    feedback = world.upload("feedback")
    world.feedback(
        feedback, "F1", lp, "2025-10-01 08:00", "2025-10-10", "2025-10-09 08:00", rating="satisfied", field=LAND
    )
    return ids


def test_province_kpis_over_one_field(mcon, fields_world, settings):
    kpis = metrics.province_kpis(mcon, span(*OCT, settings), settings, field=LAND)
    assert (kpis["cases_total"], kpis["cases_new_online"], kpis["cases_new_offline"], kpis["cases_carried_over"]) == (
        7,
        3,
        3,
        1,
    )
    assert (kpis["cases_resolved_early"], kpis["cases_resolved_on_time"], kpis["cases_resolved_late"]) == (2, 1, 2)
    assert (kpis["cases_pending_on_time"], kpis["cases_pending_overdue"]) == (1, 1)
    assert kpis["cases_late_rate"] == pytest.approx(3 / 7)
    assert (kpis["tasks_total"], kpis["tasks_done_late"], kpis["tasks_overdue_rate"]) == (1, 1, 1.0)
    assert (kpis["feedback_total"], kpis["feedback_done_on_time"], kpis["feedback_overdue_rate"]) == (1, 1, 0.0)
    assert kpis["feedback_satisfaction_rate"] == 1.0
    # September has nothing of the field: zeros, and every rate empty
    prev = kpis["previous"]
    assert (prev["cases_total"], prev["tasks_total"], prev["feedback_total"]) == (0, 0, 0)
    assert prev["cases_late_rate"] is None and prev["tasks_overdue_rate"] is None
    assert prev["feedback_overdue_rate"] is None and prev["feedback_satisfaction_rate"] is None


def test_no_filter_and_every_field_add_up_to_the_province(mcon, fields_world, settings):
    every = metrics.province_kpis(mcon, span(*OCT, settings), settings)
    assert every == metrics.province_kpis(mcon, span(*OCT, settings), settings, field="")  # empty = every field
    # 6 cases + 5 (Sở Xây dựng) + 4 (Sở Tư pháp); Long Phước's own Biểu 06 row is ignored
    assert (every["cases_total"], every["tasks_total"], every["feedback_total"]) == (15, 2, 1)
    listed = metrics.field_list(mcon, span(*OCT))
    assert listed.to_dict("records") == [
        {"field": LAND, "tasks_total": 1, "cases_total": 7, "feedback_total": 1, "total": 9},
        {"field": "Hộ tịch", "tasks_total": 0, "cases_total": 4, "feedback_total": 0, "total": 4},
        {"field": metrics.FIELD_UNKNOWN, "tasks_total": 0, "cases_total": 4, "feedback_total": 0, "total": 4},
        {"field": "Tổng hợp", "tasks_total": 1, "cases_total": 0, "feedback_total": 0, "total": 1},
    ]
    by_field = {
        name: metrics.province_kpis(mcon, span(*OCT, settings), settings, field=name)["cases_total"]
        for name in listed["field"]
    }
    assert sum(by_field.values()) == every["cases_total"]


def test_a_unit_without_items_of_the_field_has_zeros_and_empty_rates(mcon, fields_world, settings):
    xh = fields_world["xuan_hoa"]
    trend = metrics.monthly_trend(mcon, ending(OCT[1]), 2, unit_id=xh, settings=settings, field=LAND)
    october = trend.iloc[-1]
    assert (october["cases_total"], october["cases_resolved_late"], october["cases_pending_overdue"]) == (0, 0, 0)
    assert october["cases_late_rate"] is None or october["cases_late_rate"] != october["cases_late_rate"]  # NaN
    assert trend["cases_late_rate"].isna().all() and trend["tasks_overdue_rate"].isna().all()
    unfiltered = metrics.monthly_trend(mcon, ending(OCT[1]), 2, unit_id=xh, settings=settings).iloc[-1]
    assert (unfiltered["cases_total"], unfiltered["cases_late_rate"]) == (2, 0.5)
    listed = metrics.unit_metrics(mcon, span(*OCT, settings), settings=settings, field=LAND).set_index("unit_id")
    assert (listed.loc[xh, "cases_total"], listed.loc[xh, "ranked"]) == (0, False)
    assert pd_isna(listed.loc[xh, "cases_late_rate"]) and xh not in set(with_data(listed.reset_index()).unit_id)
    assert xh not in set(metrics.kind_by_unit(mcon, "cases", span(*OCT), field=LAND)["unit_id"])
    assert metrics.overdue_items(mcon, "cases", span(*OCT), unit_id=xh, field=LAND).empty
    assert len(metrics.overdue_items(mcon, "cases", span(*OCT), unit_id=xh)) == 1


def test_per_unit_figures_and_lists_over_one_field(mcon, fields_world, settings):
    lp, xd = fields_world["long_phuoc"], fields_world["xay_dung"]
    frame = with_data(metrics.unit_metrics(mcon, span(*OCT, settings), settings=settings, field=LAND)).set_index(
        "unit_id"
    )
    assert set(frame.index) == {lp, xd, fields_world["y_te"]}
    assert frame.loc[lp, ["cases_total", "cases_resolved_early", "cases_resolved_late", "cases_pending"]].tolist() == [
        2,
        1,
        1,
        0,
    ]
    assert frame.loc[lp, "cases_late_rate"] == 0.5
    assert (frame.loc[lp, "feedback_total"], frame.loc[lp, "tasks_total"]) == (1, 0)
    assert pd_isna(frame.loc[lp, "tasks_overdue_rate"])
    assert frame.loc[xd, "cases_source"] == "case_stats"
    assert frame.loc[xd, "cases_late_rate"] == pytest.approx(2 / 5)
    cases = metrics.kind_by_unit(mcon, "cases", span(*OCT), field=LAND).set_index("unit_id")
    assert cases["cases_total"].to_dict() == {lp: 2, xd: 5}
    late = metrics.overdue_items(mcon, "cases", span(*OCT), group="commune", field=LAND)
    assert late["case_code"].tolist() == ["C1"]
    listed = metrics.items(mcon, "cases", span(*OCT), ["resolved_early"], unit_id=lp, field=LAND)
    assert listed["item_code"].tolist() == ["C2"]
    worst = metrics.worst_units(mcon, span(*OCT, settings), "cases_late_rate", settings=settings, field=LAND)
    assert worst.empty  # nobody reaches the minimum volume (10) in one field


def test_aggregate_rows_follow_their_field_and_precedence_is_decided_over_all_fields(mcon, fields_world, settings):
    tp, lp = fields_world["tu_phap"], fields_world["long_phuoc"]
    # a Biểu 06 row over all fields counts under 'Không rõ lĩnh vực' only
    unknown = metrics.kind_by_unit(mcon, "cases", span(*OCT), field=metrics.FIELD_UNKNOWN).set_index("unit_id")
    assert unknown["cases_total"].to_dict() == {tp: 4}
    assert unknown.loc[tp, "cases_late_rate"] == pytest.approx(2 / 4)
    assert tp not in set(metrics.kind_by_unit(mcon, "cases", span(*OCT), field=LAND)["unit_id"])
    # Long Phước has case-level cases, so its Biểu 06 row (Xây dựng) is ignored, also when filtering by Xây dựng
    assert metrics.kind_by_unit(mcon, "cases", span(*OCT), field="Xây dựng").empty
    assert metrics.province_kpis(mcon, span(*OCT, settings), settings, field="Xây dựng")["cases_total"] == 0
    assert lp in set(metrics.kind_by_unit(mcon, "cases", span(*OCT), field="Hộ tịch")["unit_id"])


def test_the_filter_compares_fields_as_stored_after_nfc(mcon, fields_world, settings):
    nfd = unicodedata.normalize("NFD", LAND)
    assert nfd != LAND
    assert metrics.province_kpis(mcon, span(*OCT, settings), settings, field=nfd)["cases_total"] == 7
    assert (
        metrics.province_kpis(mcon, span(*OCT, settings), settings, field="đất đai")["cases_total"] == 0
    )  # case matters


def test_the_month_path_and_the_item_path_agree_under_a_filter(mcon, fields_world, settings):
    def figures():
        kpis = metrics.province_kpis(mcon, span(*OCT, settings), settings, field="Hộ tịch")
        ranking = metrics.unit_metrics(mcon, span(*OCT, settings), settings=settings, field="Hộ tịch")
        trend = metrics.monthly_trend(mcon, ending(OCT[1]), 3, settings=settings, field="Hộ tịch")
        return kpis, ranking, trend

    months = figures()
    with item_level(mcon):
        items = figures()
    assert months[0] == items[0]
    assert months[0]["cases_total"] == 4 and months[0]["cases_pending_overdue"] == 2
    assert months[1].equals(items[1])
    assert months[2].equals(items[2])


def pd_isna(value) -> bool:
    return value is None or value != value
