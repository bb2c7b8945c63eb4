"""The page "Báo cáo nhanh" through Streamlit's AppTest: the brief's figures, worst units and period are the
metrics computed directly, and the period in the URL chooses them."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from oversight import db as dbmod
from oversight import formatting as fmt
from oversight import metrics
from oversight.brief import BriefContent
from oversight.ui import print_view
from tests.conftest import ROOT
from tests.metrics.helpers import span

PAGE = str(ROOT / "pages" / "brief.py")


class _Tables(HTMLParser):
    """The text of every table cell, as tables → rows → cells."""

    def __init__(self):
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _open(query: dict[str, str] | None = None) -> AppTest:
    """The dashboard in the public demo (no login), opened on the brief's page with the URL's parameters."""
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


def _sheet(at: AppTest) -> str:
    bodies = [h.value for h in at.get("html") if "ov-brief" in h.value and "<table>" in h.value]
    assert len(bodies) == 1, "the brief is one HTML block"
    return bodies[0]


def _expected(path, start: date, end: date, field: str | None = None):
    con = dbmod.open_database(path)
    try:
        return (
            metrics.province_kpis(con, span(start, end), field=field),
            metrics.worst_units(con, span(start, end), "score", limit=10, field=field),
        )
    finally:
        con.close()


def _figure_rows(kpis: dict) -> list[list[str]]:
    """The key-figure rows, formatted here from the metrics: label, this period, previous, change."""
    prev = kpis["previous"]

    def rate(label, key):
        change = fmt.change_points(kpis[key], prev[key]) or fmt.EMPTY
        return [label, fmt.percent(kpis[key]), fmt.percent(prev[key]), change]

    def count(label, key):
        change = fmt.change_count(kpis[key], prev[key]) or fmt.EMPTY
        return [label, fmt.number(kpis[key]), fmt.number(prev[key]), change]

    def score(value):
        return fmt.EMPTY if fmt.is_missing(value) else f"{fmt.points(value)}/20"

    now, old = kpis["cases_766_progress_score"], prev["cases_766_progress_score"]
    if fmt.is_missing(now) or fmt.is_missing(old):
        change = fmt.EMPTY
    else:
        delta = round(float(now) - float(old), 2)
        change = ("+" if delta > 0 else "−" if delta < 0 else "±") + fmt.number(abs(delta), 2)
    return [
        rate("Tỷ lệ nhiệm vụ quá hạn", "tasks_overdue_rate"),
        count("Hồ sơ TTHC giải quyết quá hạn", "cases_resolved_late"),
        rate("Tỷ lệ hồ sơ TTHC trễ hạn", "cases_late_rate"),
        count("Hồ sơ đang giải quyết quá hạn", "cases_pending_overdue"),
        rate("Tỷ lệ phản ánh, kiến nghị quá hạn", "feedback_overdue_rate"),
        ["Điểm tiến độ giải quyết TTHC (QĐ 766)", score(now), score(old), change],
    ]


def _check_brief(at: AppTest, db_path, start: date, end: date, label: str, field=None) -> tuple[list, list]:
    kpis, worst = _expected(db_path, start, end, field)
    sheet = _sheet(at)
    parser = _Tables()
    parser.feed(sheet)
    figures, ranking = parser.tables
    assert label in sheet
    assert f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}" in sheet
    assert any(label in c.value for c in at.caption)
    assert figures[0] == ["Chỉ tiêu (toàn tỉnh)", "Kỳ này", "Kỳ trước", "Thay đổi"]
    assert figures[1:] == _figure_rows(kpis)
    names = [row[1] for row in ranking[1:]]
    assert names == worst["unit_name"].tolist()
    assert [row[3] for row in ranking[1:]] == [fmt.number(s, 1) for s in worst["score"]]
    assert [row[6] for row in ranking[1:]] == [fmt.percent(r) for r in worst["cases_late_rate"]]
    return figures, names


def test_the_brief_shows_the_metrics_of_the_latest_month(app_db):
    at = _open()
    assert at.title[0].value == "Báo cáo nhanh"
    _check_brief(at, app_db, date(2025, 10, 1), date(2025, 10, 31), "Tháng 10/2025")
    assert "data:image/svg+xml;base64," in _sheet(at)  # the trend chart


def test_a_period_in_the_url_changes_the_brief(app_db):
    october = _check_brief(_open(), app_db, date(2025, 10, 1), date(2025, 10, 31), "Tháng 10/2025")
    at = _open({"period": "m2025-09"})
    september = _check_brief(at, app_db, date(2025, 9, 1), date(2025, 9, 30), "Tháng 09/2025")
    assert "Tháng 10/2025" not in _sheet(at)
    assert september[0] != october[0]
    assert september[1] != october[1]


def test_print_controls_and_stylesheet(app_db):
    at = _open({"period": "m2025-09"})
    bodies = [h.value for h in at.get("html")]
    button = [b for b in bodies if print_view.PRINT_LABEL in b]
    assert len(button) == 1 and "window.print()" in button[0]
    style = [b for b in bodies if "@media print" in b]
    assert len(style) == 1
    assert "@page { size: A4 portrait; margin: 12mm; }" in style[0]
    for hidden in ("stSidebar", "stHeader", "stToolbar", "stDecoration", f".st-key-{print_view.SCREEN_KEY}"):
        assert hidden in style[0]
    labels = {b.label for b in at.get("download_button")}
    brief = {"Báo cáo nhanh (PDF, 1 trang A4)", "Báo cáo nhanh (Word)"}
    monthly = {"Báo cáo tháng (Word)", "Báo cáo tháng (PDF)"}  # the «Báo cáo tháng» expander under the brief
    assert labels == brief | monthly


def test_the_field_in_the_url_restricts_the_brief_and_is_named(app_db):
    september = (date(2025, 9, 1), date(2025, 9, 30), "Tháng 09/2025")
    every_field = _check_brief(_open({"period": "m2025-09"}), app_db, *september)
    at = _open({"period": "m2025-09", "field": "Đất đai"})
    one_field = _check_brief(at, app_db, *september, field="Đất đai")
    assert one_field[0] != every_field[0]
    assert any("Lĩnh vực: Đất đai" in c.value for c in at.caption)
    assert "lĩnh vực: Đất đai" in _sheet(at)


@pytest.mark.parametrize("text", ["<b>x</b>", "a & b"])
def test_text_from_data_is_escaped(text):
    content = BriefContent(
        province="UBND TỈNH X", title="T", period_label=text, range_line="", scope_line="", exported_line="",
        figures=[], findings=[text], worst=[("1", text, "", "", "", "", "", "")], worst_title="W",
        trend=pd.DataFrame(columns=["month_to", "tasks_overdue_rate", "cases_late_rate", "feedback_overdue_rate"]),
    )  # fmt: skip
    sheet = print_view.sheet_html(content)
    assert text not in sheet.split("</style>", 1)[1]
    assert sheet.count(print_view.html.escape(text)) == 3
