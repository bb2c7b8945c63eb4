"""The monthly report's content for months of the awkward province (tests/province/awkward.py lists every row),
its figures computed by hand from that list."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from oversight import access, monthly_report, periods
from oversight.config import load_settings
from tests.report.conftest import add_reminder, unit_id

OCTOBER = periods.month(2025, 10)


def _content(con, period=OCTOBER, settings=None):
    return monthly_report.report_content(con, period, settings or load_settings())


def _table_after(report, text: str):
    """The first table block after the block whose text is `text`."""
    blocks = report.blocks
    start = next(i for i, b in enumerate(blocks) if b.text == text)
    return next(b for b in blocks[start:] if b.kind == "table")


@pytest.mark.slow  # builds the report (a few seconds)
def test_october_unfinished_tasks_by_lead_unit(awk):
    """Open at 31/10/2025 (awkward.py, row classes from tests/province/test_awkward.py):
    Sở Y tế, one task per status word, no deadline: open on time = open_on_time 6 + paused 7 = 13; open overdue =
    the 12 overdue words; open without a deadline = the 18 «open» words + the 19 no-deadline words = 37; 62 in all.
    Sở Tư pháp: T1 open without deadline, T4 open on time (extended to 15/11), T5 open overdue (due 31/10): 3.
    Most overdue first: Sở Y tế (12) before Sở Tư pháp (1). 65 unfinished, 13 overdue."""
    report = _content(awk)
    summary = report.tasks_by_unit
    rows = list(summary[["unit_name", "unfinished", "overdue", "on_time", "no_deadline"]].itertuples(index=False))
    assert [tuple(r) for r in rows] == [("Sở Y tế", 62, 12, 13, 37), ("Sở Tư pháp", 3, 1, 1, 1)]
    assert "Đến ngày 31/10/2025, 2 đơn vị còn 65 nhiệm vụ chưa hoàn thành, trong đó 13 nhiệm vụ đã quá hạn." in (
        report.text()
    )
    table = _table_after(report, "4. Nhiệm vụ chưa hoàn thành theo đơn vị chủ trì")
    assert table.rows == (("1", "Sở Y tế", "62", "12", "13", "37"), ("2", "Sở Tư pháp", "3", "1", "1", "1"))
    overdue = report.overdue_tasks
    assert len(overdue) == 13
    # T5 is the only overdue task with a deadline (0 days past it at the end of 31/10); the 12 status-word tasks
    # have none, so no day count, and follow it
    t5 = overdue.iloc[0]
    assert (t5["unit_name"], t5["doc_number"], t5["content"]) == ("Sở Tư pháp", "505/UBND-NC", "Báo cáo công chứng")
    assert set(overdue["unit_name"].iloc[1:]) == {"Sở Y tế"}
    listed = _table_after(report, "Các nhiệm vụ chưa hoàn thành đã quá hạn (quá hạn lâu nhất trước):")
    assert listed.rows[0] == ("1", "Sở Tư pháp", "505/UBND-NC", "Báo cáo công chứng", "31/10/2025", "0")
    assert listed.rows[1][3].startswith("Nhiệm vụ ") and listed.rows[1][4:] == ("—", "—")


@pytest.mark.slow  # builds the report (a few seconds)
def test_october_worst_units_per_group(awk):
    """Minimum volume 10 (test_awkward.test_scores_bands_and_ranks): departments: only Sở Y tế is scored,
    100 × 52/81 = 64,2, Yếu, tasks overdue rate 29/81 = 35,8 %; its Biểu 06 row: 1 late of 5 = 20,0 %.
    Communes: only Xã Long Phước, 60,0, Yếu, cases late 4/10 = 40,0 %. October 2025 is after the reform: no
    district section."""
    report = _content(awk)
    assert list(report.worst) == ["department", "commune"]
    assert "3.1. Sở, ban, ngành" in report.text() and "3.2. Cấp xã" in report.text()
    assert "Cấp huyện" not in report.text()
    department = _table_after(report, "3.1. Sở, ban, ngành")
    assert department.rows == (("1", "Sở Y tế", "64,2", "Yếu", "35,8 %", "20,0 %", "—"),)
    commune = _table_after(report, "3.2. Cấp xã")
    assert commune.rows == (("1", "Xã Long Phước", "60,0", "Yếu", "—", "40,0 %", "—"),)
    # nobody is scored in both September and October at minimum volume 10
    assert all(frame.empty for frame in report.worsened.values())
    assert report.text().count("Không có đơn vị giảm điểm") == 2


@pytest.mark.slow  # builds the report (a few seconds)
def test_the_unit_that_worsened_most(awk):
    """Minimum volume 3. Xã Long Phước: September C7 (pending on time at 30/09), C8 (pending on time), C9 (early):
    3 cases, none late nor overdue: 100. October: 10 cases, 2 late (C2, C12) and 2 pending overdue (C4, C8):
    100 × 6/10 = 60. Change −40,0. Xã Phú Lý Đông has 2 feedback items in September (F1, F2): not scored then."""
    settings = dataclasses.replace(load_settings(), min_volume=3)
    report = _content(awk, settings=settings)
    fell = report.worsened["commune"]
    assert list(fell["unit_name"]) == ["Xã Long Phước"]
    assert fell["prev_score"].iloc[0] == pytest.approx(100.0)
    assert fell["score"].iloc[0] == pytest.approx(60.0)
    assert fell["score_change"].iloc[0] == pytest.approx(-40.0)
    assert report.worsened["department"].empty  # Sở Y tế has no September data, Sở Tư pháp not enough
    worsened_tables = [b for b in report.blocks if b.kind == "table" and b.headers == monthly_report.WORSENED_HEADERS]
    assert [b.rows for b in worsened_tables] == [(("1", "Xã Long Phước", "60,0", "100,0", "−40,0"),)]


@pytest.mark.slow  # builds the report (a few seconds)
def test_a_month_before_the_reform_has_a_district_section(awk):
    """May 2025: districts still existed; the old wards of Biên Hòa (M1-M6) have 6 cases, below the minimum."""
    report = _content(awk, periods.month(2025, 5))
    assert list(report.worst) == ["department", "district", "commune"]
    assert "3.2. Cấp huyện" in report.text() and "3.3. Cấp xã" in report.text()
    assert report.title == "BÁO CÁO THÁNG 05/2025"


@pytest.mark.slow  # builds the report (a few seconds)
def test_reminders_of_the_month_by_level(awk):
    """Five rows in October, two outside it: the withdrawn criticism and the letters of 30/09 and 01/11 are left
    out; the criticism comes before the reminders, the reminders by letter date."""
    add_reminder(awk, "Sở Y tế", "phe_binh", date(2025, 10, 20), "123/UBND-HCTC", "Để 12 nhiệm vụ quá hạn")
    add_reminder(awk, "Xã Long Phước", "nhac_nho", date(2025, 10, 31), "130/UBND-HCTC", "Hồ sơ trễ hạn")
    add_reminder(awk, "Sở Tư pháp", "nhac_nho", date(2025, 10, 5), None, "Báo cáo chậm")
    add_reminder(awk, "Sở Y tế", "kiem_diem", date(2025, 10, 21), "124/UBND-HCTC", "Rút lại", withdrawn=True)
    add_reminder(awk, "Sở Y tế", "nhac_nho", date(2025, 9, 30), "99/UBND-HCTC", "Thư tháng 9")
    add_reminder(awk, "Sở Y tế", "nhac_nho", date(2025, 11, 1), "140/UBND-HCTC", "Thư tháng 11")
    report = _content(awk)
    assert list(report.reminders["letter_number"].fillna("")) == ["123/UBND-HCTC", "", "130/UBND-HCTC"]
    text = report.text()
    assert "Trong tháng, 3 đơn vị bị nhắc nhở, phê bình (phê bình 1 lượt, nhắc nhở 2 lượt)." in text
    assert (
        "Yêu cầu kiểm điểm" not in text
        and "Rút lại" not in text
        and "Thư tháng 9" not in text
        and "Thư tháng 11" not in text
    )
    assert _table_after(report, "Phê bình (1)").rows == (
        ("1", "Sở Y tế", "123/UBND-HCTC", "20/10/2025", "Để 12 nhiệm vụ quá hạn"),
    )
    assert _table_after(report, "Nhắc nhở (2)").rows == (
        ("1", "Sở Tư pháp", "(chưa có số)", "05/10/2025", "Báo cáo chậm"),
        ("2", "Xã Long Phước", "130/UBND-HCTC", "31/10/2025", "Hồ sơ trễ hạn"),
    )


@pytest.mark.slow  # builds the report (a few seconds)
def test_reminders_follow_the_cut_off(awk):
    """Under the 15→14 cut-off, month 10/2025 runs 15/09–14/10: the letters of 30/09 and 05/10 are in it."""
    add_reminder(awk, "Sở Y tế", "nhac_nho", date(2025, 9, 30), "99/UBND-HCTC", "Cuối tháng 9")
    add_reminder(awk, "Sở Tư pháp", "nhac_nho", date(2025, 10, 5), "100/UBND-HCTC", "Đầu tháng 10")
    add_reminder(awk, "Sở Y tế", "phe_binh", date(2025, 10, 20), "123/UBND-HCTC", "Sau ngày 14")
    settings = dataclasses.replace(load_settings(), period_cutoff=periods.DECREE09)
    report = _content(awk, monthly_report.report_month(2025, 10, settings), settings)
    assert report.range_line == "Số liệu từ ngày 15/09/2025 đến ngày 14/10/2025"
    assert list(report.reminders["letter_number"]) == ["99/UBND-HCTC", "100/UBND-HCTC"]


@pytest.mark.slow  # builds the report (a few seconds)
def test_an_empty_register_says_so(awk):
    report = _content(awk)
    assert report.reminders.empty
    assert "Trong tháng, sổ theo dõi không ghi nhận đơn vị nào bị nhắc nhở, phê bình." in report.text()


@pytest.mark.slow  # builds the report (a few seconds)
def test_the_title_province_and_time(awk):
    report = monthly_report.report_content(awk, OCTOBER, load_settings(), exported_at=None)
    assert report.province == "UBND TỈNH ĐỒNG NAI"
    assert report.title == "BÁO CÁO THÁNG 10/2025"
    assert report.document_title == "Báo cáo tháng 10/2025 về kỷ luật, kỷ cương hành chính"
    assert report.exported_line.startswith("Lập lúc ")


@pytest.mark.slow  # builds the report (a few seconds)
def test_a_unit_viewer_cannot_make_the_province_report(awk):
    viewer = access.Principal(name="xa.lp", role="unit_viewer", units=frozenset({unit_id(awk, "Xã Long Phước")}))
    with access.acting_as(viewer), pytest.raises(monthly_report.NotProvinceWide, match="chỉ xem được số liệu"):
        _content(awk)
    with access.acting_as(None), pytest.raises(access.AccessDenied, match="Chưa đăng nhập"):
        _content(awk)
    leader = access.Principal(name="chu.tich", role="leader")
    with access.acting_as(leader):
        assert _content(awk).tasks_by_unit is not None


@pytest.mark.slow  # builds the report (a few seconds)
def test_only_a_month_makes_a_monthly_report(awk):
    with pytest.raises(ValueError, match="báo cáo tháng chỉ lập cho một tháng"):
        _content(awk, periods.quarter(2025, 4))


@pytest.mark.parametrize(
    ("text", "expected"), [("2025-09", (2025, 9)), ("09/2025", (2025, 9)), (" 2025-1 ", (2025, 1))]
)
def test_month_parsing(text, expected):
    assert monthly_report.parse_month(text) == expected


@pytest.mark.parametrize("text", ["2025-13", "tháng chín", "", "1999-05", "2025"])
def test_a_bad_month_is_refused_in_vietnamese(text):
    with pytest.raises(ValueError, match="tháng không hợp lệ"):
        monthly_report.parse_month(text)


def test_the_previous_month():
    settings = load_settings()
    assert monthly_report.previous_month(date(2025, 10, 5), settings).id == "m2025-09"
    assert monthly_report.previous_month(date(2026, 1, 1), settings).id == "m2025-12"
