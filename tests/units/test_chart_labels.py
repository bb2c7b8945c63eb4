"""Bar charts keep their labels inside the picture (oversight/charts.py): the right margin holds the longest
value label, long names and axis titles wrap, the data keep the names (a click still names the unit)."""

from __future__ import annotations

import pandas as pd

from oversight import charts


def _worst() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit_id": [1, 2],
            "unit_name": ["Sở Nông nghiệp và Môi trường", "Xã Bù Gia Mập"],
            "feedback_overdue_rate": [0.364, 0.083],
            "metric_count": [4, 1],
        }
    )


def test_the_right_margin_holds_the_longest_label():
    fig = charts.ranking_bars(_worst(), "feedback_overdue_rate", "metric_count")
    labels = list(fig.data[0].text)
    assert labels == ["8,3 % (1)", "36,4 % (4)"]  # drawn bottom-up: the worst on top
    assert fig.layout.margin.r == int(len("36,4 % (4)") * charts.CHAR_PX) + 14
    assert fig.data[0].cliponaxis is False and fig.data[0].textposition == "outside"
    assert fig.layout.xaxis.range == (0, 0.364 * 1.02)


def test_long_names_and_titles_wrap_but_the_data_keep_the_names():
    fig = charts.ranking_bars(_worst(), "feedback_overdue_rate", "metric_count")
    assert list(fig.data[0].y) == ["Xã Bù Gia Mập", "Sở Nông nghiệp và Môi trường"]
    assert list(fig.layout.yaxis.ticktext) == ["Xã Bù Gia Mập", "Sở Nông nghiệp và Môi<br>trường"]
    assert fig.layout.xaxis.title.text == "Phản ánh, kiến nghị quá hạn"  # 27 characters: one line
    assert fig.layout.xaxis.automargin and fig.layout.yaxis.automargin
    assert charts.wrap("Phản ánh, kiến nghị quá hạn", 12) == "Phản ánh,<br>kiến nghị<br>quá hạn"
    assert charts.wrap("Đồng") == "Đồng"
