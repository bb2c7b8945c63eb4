"""Composite score, bands, min volume, ranks with ties, previous rank and movement, lagging lists."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from oversight import metrics
from tests.metrics.helpers import span, with_data

SEP = (date(2025, 9, 1), date(2025, 9, 30))
OCT = (date(2025, 10, 1), date(2025, 10, 31))


def ok_cases(world, up, unit, prefix, n, month=10):
    for i in range(n):  # received and done early in the month: resolved early
        world.case(
            up,
            f"{prefix}{i}",
            unit,
            f"2025-{month:02d}-02 08:00",
            f"2025-{month:02d}-09 16:00",
            f"2025-{month:02d}-03 08:00",
        )


def late_cases(world, up, unit, prefix, n, month=10):
    for i in range(n):  # done after the deadline: resolved late
        world.case(
            up,
            f"{prefix}{i}",
            unit,
            f"2025-{month:02d}-02 08:00",
            f"2025-{month:02d}-09 16:00",
            f"2025-{month:02d}-12 08:00",
        )


def by_name(frame):
    """The units with data, by name (every unit that existed in the period is listed too, with zeros)."""
    return with_data(frame).set_index("unit_name")


def test_score_renormalised_over_available_components_and_bands(world, mcon, settings):
    s = replace(settings, min_volume=2)
    cases_up, tasks_up, fb_up = world.upload("cases"), world.upload("tasks"), world.upload("feedback")
    a, b, c, d, e = (world.unit(n) for n in ("Sở Tư pháp", "Sở Y tế", "Sở Xây dựng", "Sở Nội vụ", "Sở Tài chính"))
    # A: tasks 4 with a deadline, 1 late -> component 0.75; cases 4: 3 early + 1 pending overdue -> 766 0.75;
    #    no feedback -> left out. score = 100 * (40 * 0.75 + 40 * 0.75) / (40 + 40) = 75 -> "Trung bình"
    for i in range(3):
        world.task(tasks_up, f"A{i}", a, "2025-10-01", "2025-10-10", "2025-10-09")
    world.task(tasks_up, "A3", a, "2025-10-01", "2025-10-10", "2025-10-11")
    ok_cases(world, cases_up, a, "CA", 3)
    world.case(cases_up, "CA9", a, "2025-10-02 08:00", "2025-10-09 16:00", None)
    # B: cases only, 2 early -> 1.0 -> 100 -> "Tốt"
    ok_cases(world, cases_up, b, "CB", 2)
    # C: tasks 2 both late -> 0; feedback 2 on time -> 1.0; score = 100 * (40 * 0 + 20 * 1) / 60 = 33.33 -> "Yếu"
    world.task(tasks_up, "C0", c, "2025-10-01", "2025-10-05", "2025-10-06")
    world.task(tasks_up, "C1", c, "2025-10-01", "2025-10-05", "2025-10-07")
    for i in range(2):
        world.feedback(fb_up, f"FC{i}", c, "2025-10-02 08:00", "2025-10-12", "2025-10-10 09:00")
    # D: a single case, below the minimum volume of 2 -> no score, "chưa đủ số liệu", no rank
    ok_cases(world, cases_up, d, "CD", 1)
    # E: 20 cases, 17 early and 3 late -> 0.85 -> 85 -> "Khá"
    ok_cases(world, cases_up, e, "CE", 17)
    late_cases(world, cases_up, e, "LE", 3)
    frame = by_name(metrics.unit_metrics(mcon, span(*OCT, s), settings=s))
    assert frame.loc["Sở Tư pháp", "score"] == pytest.approx(75.0)
    assert frame.loc["Sở Y tế", "score"] == pytest.approx(100.0)
    assert frame.loc["Sở Xây dựng", "score"] == pytest.approx(100 * 20 / 60)
    assert frame.loc["Sở Tài chính", "score"] == pytest.approx(85.0)
    assert pd_isna(frame.loc["Sở Nội vụ", "score"])
    bands = frame.band.to_dict()
    assert bands == {
        "Sở Y tế": "Tốt",
        "Sở Tài chính": "Khá",
        "Sở Tư pháp": "Trung bình",
        "Sở Xây dựng": "Yếu",
        "Sở Nội vụ": "chưa đủ số liệu",
    }
    # rank 1 = best score within the department group; the unranked unit is listed last, without rank
    assert list(frame.index) == ["Sở Y tế", "Sở Tài chính", "Sở Tư pháp", "Sở Xây dựng", "Sở Nội vụ"]
    assert frame["rank"].tolist()[:4] == [1, 2, 3, 4] and pd_isna(frame.loc["Sở Nội vụ", "rank"])
    assert not frame.loc["Sở Nội vụ", "ranked"]


def pd_isna(value):
    import pandas as pd

    return pd.isna(value)


def test_min_volume_default_ten(world, mcon, settings):
    # with the default minimum of 10: 9 cases give no score; 10 do
    up = world.upload("cases")
    nine, ten = world.unit("Sở Tư pháp"), world.unit("Sở Y tế")
    ok_cases(world, up, nine, "N", 9)
    ok_cases(world, up, ten, "T", 10)
    frame = by_name(metrics.unit_metrics(mcon, span(*OCT, settings), settings=settings))
    assert settings.min_volume == 10
    assert frame.loc["Sở Tư pháp", "band"] == "chưa đủ số liệu" and pd_isna(frame.loc["Sở Tư pháp", "rank"])
    assert frame.loc["Sở Y tế", "rank"] == 1
    # the unit's rates are still shown
    assert frame.loc["Sở Tư pháp", "cases_late_rate"] == 0.0
    # lagging lists leave it out too
    assert list(metrics.worst_units(mcon, span(*OCT, settings), "cases_late_rate", settings=settings).unit_name) == [
        "Sở Y tế"
    ]


def test_ties_share_a_rank_broken_by_count_then_name(world, mcon, settings):
    s = replace(settings, min_volume=2)
    up = world.upload("cases")
    w_, x, y, z = (world.unit(n) for n in ("Xã Bình An", "Xã Hưng Thịnh", "Xã Đa Kia", "Xã Bom Bo"))
    ok_cases(world, up, w_, "W", 4)  # 100 on 4 cases
    ok_cases(world, up, x, "X", 2)  # 100 on 2 cases
    ok_cases(world, up, y, "Y", 2)  # 100 on 2 cases
    ok_cases(world, up, z, "Z", 1)  # 50 on 2 cases
    late_cases(world, up, z, "ZL", 1)
    frame = with_data(metrics.unit_metrics(mcon, span(*OCT, s), group="commune", settings=s))
    # equal scores: the larger count first (Bình An, 4 cases), then Hưng Thịnh and Đa Kia share rank 2,
    # listed by Vietnamese collation (Đ sorts right after D, before H; byte order would put it last); next is 4
    assert list(zip(frame.unit_name, frame["rank"], strict=True)) == [
        ("Xã Bình An", 1),
        ("Xã Đa Kia", 2),
        ("Xã Hưng Thịnh", 2),
        ("Xã Bom Bo", 4),
    ]


def test_previous_rank_and_movement(world, mcon, settings):
    s = replace(settings, min_volume=2)
    up = world.upload("cases")
    w_, x, y = (world.unit(n) for n in ("Xã Bình An", "Xã Hưng Thịnh", "Xã Đa Kia"))
    # September: Hưng Thịnh 100 (rank 1), Bình An 50 (rank 2); Đa Kia no data
    ok_cases(world, up, x, "SX", 3, month=9)
    ok_cases(world, up, w_, "SW", 1, month=9)
    late_cases(world, up, w_, "SWL", 1, month=9)
    # October: Bình An 100 on 4 (rank 1), Hưng Thịnh 50 (rank 3), Đa Kia 100 on 2 (rank 2)
    ok_cases(world, up, w_, "OW", 4)
    ok_cases(world, up, x, "OX", 1)
    late_cases(world, up, x, "OXL", 1)
    ok_cases(world, up, y, "OY", 2)
    frame = by_name(metrics.unit_metrics(mcon, span(*OCT, s), settings=s))
    assert frame.loc["Xã Bình An", ["rank", "prev_rank", "movement"]].tolist() == [1, 2, 1]  # up one place
    assert frame.loc["Xã Hưng Thịnh", ["rank", "prev_rank", "movement"]].tolist() == [3, 1, -2]  # down two
    assert frame.loc["Xã Đa Kia", "rank"] == 2 and pd_isna(frame.loc["Xã Đa Kia", "prev_rank"])
    assert pd_isna(frame.loc["Xã Đa Kia", "movement"])


def test_lagging_worst_first_by_rate_then_count_then_name(world, mcon, settings):
    s = replace(settings, min_volume=2)
    up = world.upload("cases")
    a, b, c, d = (world.unit(n) for n in ("Xã Bình An", "Xã Hưng Thịnh", "Xã Đa Kia", "Xã Bom Bo"))
    ok_cases(world, up, a, "A", 2)
    late_cases(world, up, a, "AL", 2)  # 2 / 4 = 0.5, 2 late
    ok_cases(world, up, b, "B", 1)
    late_cases(world, up, b, "BL", 1)  # 1 / 2 = 0.5, 1 late
    ok_cases(world, up, c, "C", 1)
    late_cases(world, up, c, "CL", 1)  # 1 / 2 = 0.5, 1 late: ties with Hưng Thịnh
    ok_cases(world, up, d, "D", 4)  # 0.0
    lag = metrics.worst_units(mcon, span(*OCT, s), "cases_late_rate", group="commune", settings=s)
    assert list(zip(lag.unit_name, lag.lag_rank, lag.metric_count, strict=True)) == [
        ("Xã Bình An", 1, 2),
        ("Xã Đa Kia", 2, 1),
        ("Xã Hưng Thịnh", 2, 1),
        ("Xã Bom Bo", 4, 0),
    ]
    assert len(metrics.worst_units(mcon, span(*OCT, s), "cases_late_rate", limit=2, settings=s)) == 2
    # for a "higher is better" metric the lowest comes first
    low = metrics.worst_units(mcon, span(*OCT, s), "cases_766_progress_ratio", settings=s)
    assert low.unit_name.iloc[-1] == "Xã Bom Bo"
    best_last = metrics.worst_units(mcon, span(*OCT, s), "score", settings=s)
    assert best_last.unit_name.iloc[-1] == "Xã Bom Bo"
    with pytest.raises(ValueError):
        metrics.worst_units(mcon, span(*OCT, s), "unknown_rate", settings=s)
