"""--units reported (each item under the unit it was reported under) versus --units today (re-attributed along
unit_lineage to today's units). Data of May 2025, before the 1/7/2025 reform."""

from __future__ import annotations

from datetime import date

from oversight import metrics
from tests.metrics.helpers import ending, span, with_data

MAY = (date(2025, 5, 1), date(2025, 5, 31))


def cases_of(frame):
    """Cases per unit with data (the units that existed in May are listed too, with zeros)."""
    frame = with_data(frame)
    return dict(zip(frame.unit_name, frame.cases_total, strict=True))


def load(world):
    up = world.upload("cases")
    quang_vinh = world.unit("Phường Quang Vinh", valid="old")
    trung_dung = world.unit("Phường Trung Dũng", valid="old")
    xuan_tam = world.unit("Xã Xuân Tâm", valid="old")  # split between Xuân Đông and Xuân Hòa (default)
    bien_hoa = world.unit("Thành phố Biên Hòa", group="district")
    for i in range(2):
        world.case(up, f"QV{i}", quang_vinh, "2025-05-05 08:00", "2025-05-09 16:00", "2025-05-12 08:00")  # late
    for i in range(3):
        world.case(up, f"TD{i}", trung_dung, "2025-05-05 08:00", "2025-05-09 16:00", "2025-05-06 08:00")
    world.case(up, "XT0", xuan_tam, "2025-05-05 08:00", "2025-05-09 16:00", None)
    for i in range(2):
        world.case(up, f"BH{i}", bien_hoa, "2025-05-05 08:00", "2025-05-09 16:00", "2025-05-06 08:00")
    tasks = world.upload("tasks")
    world.task(tasks, "KH1", world.unit("Sở Kế hoạch và Đầu tư"), "2025-01-10", "2025-05-20")  # merged 1/3/2025
    return quang_vinh


def test_reported_mode_keeps_each_unit(world, mcon, settings):
    load(world)
    frame = metrics.unit_metrics(mcon, span(*MAY, settings), settings=settings)
    assert cases_of(frame) == {
        "Phường Quang Vinh": 2,
        "Phường Trung Dũng": 3,
        "Xã Xuân Tâm": 1,
        "Thành phố Biên Hòa": 2,
        "Sở Kế hoạch và Đầu tư": 0,
    }
    assert set(frame.unit_group) == {"commune", "district", "department"}


def test_today_mode_re_attributes_along_the_lineage(world, mcon, settings):
    quang_vinh = load(world)
    frame = metrics.unit_metrics(mcon, span(*MAY, settings), units="today", settings=settings)
    # Quang Vinh (2) and Trung Dũng (3) both became Phường Trấn Biên: 5; Xuân Tâm went to its default
    # successor Xã Xuân Hòa; Biên Hòa (a district, no successor) stays; Sở KH&ĐT's task is Sở Tài chính's
    assert cases_of(frame) == {
        "Phường Trấn Biên": 5,
        "Xã Xuân Hòa": 1,
        "Thành phố Biên Hòa": 2,
        "Sở Tài chính": 0,
    }
    tran_bien = frame.set_index("unit_name").loc["Phường Trấn Biên"]
    assert (tran_bien.cases_resolved_late, tran_bien.cases_resolved_early) == (2, 3)
    assert frame.set_index("unit_name").loc["Sở Tài chính", "tasks_open_overdue"] == 1
    # group filter applies to today's unit; the district stays under the district group
    districts = metrics.unit_metrics(mcon, span(*MAY, settings), group="district", units="today", settings=settings)
    assert set(with_data(districts).unit_name) == {"Thành phố Biên Hòa"}
    assert len(districts) == 22  # every district existed in May: the others with zeros
    # drill-down and field breakdown follow the same attribution
    tran_bien_id = world.unit("Phường Trấn Biên", valid="new")
    late = metrics.overdue_items(mcon, "cases", span(*MAY), unit_id=tran_bien_id, units="today")
    assert sorted(late.case_code) == ["QV0", "QV1"] and set(late.reported_unit_name) == {"Phường Quang Vinh"}
    assert metrics.overdue_items(mcon, "cases", span(*MAY), unit_id=tran_bien_id).empty  # reported: nothing under it
    assert len(metrics.overdue_items(mcon, "cases", span(*MAY), unit_id=quang_vinh)) == 2
    fields = metrics.field_breakdown(mcon, "cases", span(*MAY), unit_id=tran_bien_id, units="today")
    assert fields.cases_total.sum() == 5
    trend = metrics.monthly_trend(mcon, ending(date(2025, 5, 1)), months=1, unit_id=tran_bien_id, units="today")
    assert trend.cases_total.tolist() == [5]
