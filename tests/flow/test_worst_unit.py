"""The unit page opens on the period's worst unit when none is asked for (issue 14): the lowest score in the
filters' group, in the rankings page's order, on the awkward province (tests/province/test_awkward.py computes
its October scores by hand: Sở Y tế 100 × 52/81 = 64,2, Xã Long Phước 60,0; Sở Tư pháp and Xã Phú Lý Đông
are not ranked)."""

from __future__ import annotations

import pandas as pd

from oversight import db as dbmod
from oversight import metrics, periods
from oversight.ui import navigate

OCTOBER = periods.month(2025, 10)


def october(awkward_db) -> pd.DataFrame:
    con = dbmod.connection(awkward_db)
    return metrics.unit_metrics(con, OCTOBER, group="all")


def test_worst_of_every_group_is_the_lowest_score(awkward_db):
    worst = navigate.worst_unit(october(awkward_db), "all")
    assert worst["unit_name"] == "Xã Long Phước"
    assert round(float(worst["score"]), 6) == 60.0


def test_worst_within_the_filters_group(awkward_db):
    frame = october(awkward_db)
    assert navigate.worst_unit(frame, "department")["unit_name"] == "Sở Y tế"
    assert navigate.worst_unit(frame, "commune")["unit_name"] == "Xã Long Phước"
    assert navigate.worst_unit(frame, "district") is None  # no district unit is ranked in October 2025


def test_caption_names_the_unit_and_its_score(awkward_db):
    worst = navigate.worst_unit(october(awkward_db), "department")
    assert navigate.worst_unit_caption(worst, "Sở, ban, ngành") == (
        "Chưa chọn đơn vị nên trang mở đơn vị có điểm thấp nhất kỳ này (Sở, ban, ngành): Sở Y tế, điểm 64,2, "
        "xếp loại Yếu. Chọn đơn vị khác ở ô «Đơn vị»."
    )


def test_ties_follow_the_rankings_order():
    """Equal scores share a rank; the rankings list them by name, so the worst is the one listed last."""
    frame = pd.DataFrame(
        {
            "unit_id": [1, 2, 3, 4],
            "unit_name": ["Xã An", "Xã Bình", "Xã Cát", "Sở Dân"],
            "unit_group": ["commune", "commune", "commune", "department"],
            "score": [70.0, 40.0, 40.0, None],
            "rank": [1, 2, 2, None],
            "ranked": [True, True, True, False],
            "band": ["Khá", "Kém", "Kém", "chưa đủ số liệu"],
        }
    )
    assert navigate.worst_unit(frame, "all")["unit_name"] == "Xã Cát"
    assert navigate.worst_unit(frame, "department") is None
