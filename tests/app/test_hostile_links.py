"""Hostile links and names are shown as text, never as Markdown or HTML (AppTest, and the chart builder):
a field named in the URL cannot put a live link, an image fetched from another host or a style into a page's
subtitle, and a unit or field name written as a link in an uploaded file never becomes one in a chart."""

from __future__ import annotations

import pandas as pd
import pytest

from oversight import charts
from tests.app.conftest import signed_in

HOSTILE = [
    "[bấm vào đây](http://evil.example/x)",
    "![t](http://evil.example/x.png)",
    ":red[Cảnh báo giả]",
    '<a href="http://evil.example">Đất đai</a>',
    "**đậm** _nghiêng_ `mã`",
]


def _captions(at) -> list[str]:
    return [c.value for c in at.caption]


def _renders_as_markup(source: str) -> bool:
    """Whether Streamlit's Markdown would turn `source` into a link, an image, a colour or formatting: any of
    those constructs left unescaped."""
    unescaped = source.replace("\\[", "").replace("\\]", "").replace("\\(", "").replace("\\)", "")
    unescaped = unescaped.replace("\\*", "").replace("\\_", "").replace("\\`", "").replace("\\<", "")
    unescaped = unescaped.replace("\\:", "").replace("\\!", "")
    return any(token in unescaped for token in ("](", ":red[", "<a ", "**", "`"))


@pytest.mark.parametrize("field", HOSTILE)
def test_a_field_in_the_link_is_shown_as_text(app_db, field):
    at = signed_in(app_db, "leader")
    at.query_params["period"] = "c2025-10-01_2025-10-31"
    at.query_params["field"] = field
    at.run()
    assert not at.exception
    subtitle = next(c for c in _captions(at) if "Lĩnh vực" in c)
    assert not _renders_as_markup(subtitle), subtitle
    # the words are all there, shown as written (the escapes only stop Markdown reading them)
    assert subtitle.replace("\\", "").endswith(f"Lĩnh vực: {field}")


def test_a_name_written_as_a_link_in_a_file_is_text_in_the_chart():
    units = pd.DataFrame(
        {
            "unit_id": [1, 2],
            "unit_name": ['<a href="http://evil.example">Xã Long Phước</a>', "Sở <b>Y tế</b>"],
            "cases_late_rate": [0.5, 0.25],
        }
    )
    fig = charts.ranking_bars(units, "cases_late_rate")
    labels = list(fig.data[0].y)
    assert labels == ["Sở &lt;b&gt;Y tế&lt;/b&gt;", '&lt;a href="http://evil.example"&gt;Xã Long Phước&lt;/a&gt;']
    assert not any("<a" in label or "<b>" in label for label in labels)
    fields = pd.DataFrame({"field": ["<a href='x'>Đất đai</a>"], "cases_late_rate": [0.4], "cases_total": [10]})
    assert list(charts.field_bars(fields, "cases_late_rate", "cases_total").data[0].y) == [
        "&lt;a href='x'&gt;Đất đai&lt;/a&gt;"
    ]


def test_a_very_long_field_in_the_link_is_cut_to_200_characters(app_db):
    at = signed_in(app_db, "leader")
    at.query_params["period"] = "c2025-10-01_2025-10-31"
    at.query_params["field"] = "Đất đai " * 500
    at.run()
    assert not at.exception
    subtitle = next(c for c in _captions(at) if "Lĩnh vực" in c)
    assert len(subtitle.replace("\\", "").split("Lĩnh vực: ", 1)[1]) <= 200
