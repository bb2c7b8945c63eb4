"""Chart builders: DataFrames in, Plotly figures out, checked without a browser."""

from datetime import date

import pandas as pd

from oversight import charts


def test_ranking_bars_put_the_worst_on_top_with_vietnamese_labels_and_unit_ids():
    worst = pd.DataFrame(
        {"unit_id": [7, 3, 9], "unit_name": ["Xã A", "Sở B", "Phường C"], "cases_late_rate": [0.405, 0.2, None],
         "metric_count": [49, 1200, 0]}
    )  # fmt: skip
    bar = charts.ranking_bars(worst, "cases_late_rate", "metric_count").data[0]
    # plotly draws the first row at the bottom: the list is reversed so the worst is on top; no-rate rows dropped
    assert list(bar.y) == ["Sở B", "Xã A"]
    assert list(bar.customdata) == [3, 7]
    assert list(bar.text) == ["20,0 % (1.200)", "40,5 % (49)"]


def test_score_bars_show_points_not_percent():
    frame = pd.DataFrame({"unit_id": [1], "unit_name": ["Xã A"], "score": [62.34]})
    fig = charts.ranking_bars(frame, "score")
    assert list(fig.data[0].text) == ["62,3"] and fig.layout.xaxis.tickformat == ""


def test_trend_chart_names_series_and_months_in_vietnamese():
    trend = pd.DataFrame({"month_to": [date(2025, 9, 30), date(2025, 10, 31)], "cases_late_rate": [0.1, None]})
    line = charts.trend_chart(trend, ["cases_late_rate"]).data[0]
    assert line.name == "Hồ sơ TTHC trễ hạn" and list(line.x) == ["T09/2025", "T10/2025"]
    assert list(line.customdata) == ["10,0 %", "—"]


def test_traffic_light_against_targets():
    targets = {"cases_late_rate": (0.02, 0.05)}
    assert charts.traffic_light("cases_late_rate", 0.02, targets) == "green"
    assert charts.traffic_light("cases_late_rate", 0.03, targets) == "amber"
    assert charts.traffic_light("cases_late_rate", 0.051, targets) == "red"
    assert charts.traffic_light("cases_late_rate", None, targets) == "grey"
