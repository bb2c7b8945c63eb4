"""A leader's monthly report in a real browser: logged in, on «Báo cáo nhanh», the «Báo cáo tháng» section
gives September 2025's report as Word; the downloaded file, opened with python-docx, names the worst units of
each group, the lead units with unfinished tasks and their overdue tasks, and the reminder of the month."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from docx import Document

from oversight import db as dbmod
from oversight import monthly_report, periods
from oversight.auth import policy, users
from oversight.config import load_settings
from tests.e2e.conftest import _demo_copy, _serve
from tests.report.test_files import docx_text

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

PASSWORD = "Một mật khẩu đủ dài 2025"
WAIT = 90_000
SEPTEMBER = periods.month(2025, 9)


@pytest.fixture
def leader_server(demo_db_template, tmp_path):
    """The demo province, public demo off, one leader, a criticism of September in the register; yields the
    server's URL and what the report of September must say (computed directly)."""
    db_path = _demo_copy(demo_db_template, tmp_path)
    con = dbmod.open_database(db_path)
    try:
        policy.set_policy(con, public_demo=False)
        users.add_user(con, "lanh.dao", PASSWORD, "leader")
        content = monthly_report.report_content(con, SEPTEMBER, load_settings())
        criticised = content.tasks_by_unit.iloc[0]
        con.execute(
            "insert into reminders (unit_id, level, letter_date, letter_number, reason, recorded_by, recorded_at)"
            " values (?, 'phe_binh', ?, '2468/UBND-HCTC', 'Chậm thực hiện nhiệm vụ được giao', 'web:van.thu', ?)",
            [int(criticised["unit_id"]), date(2025, 9, 25), datetime(2025, 9, 25, 3)],
        )
    finally:
        con.close()
    for url in _serve(db_path, tmp_path):
        yield url, content, str(criticised["unit_name"])


def test_a_leader_downloads_the_monthly_word_report(browser, leader_server, tmp_path):
    url, expected, criticised = leader_server
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page.goto(f"{url}/bao-cao-nhanh?period=m2025-09")
    page.get_by_role("heading", name="Đăng nhập").wait_for(timeout=WAIT)
    page.get_by_label("Tên đăng nhập").fill("lanh.dao")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("heading", name="Báo cáo nhanh").wait_for(timeout=WAIT)
    notice = page.get_by_role("dialog").filter(has_text="Page not found")  # streamlit/streamlit#9624
    if notice.count():
        page.keyboard.press("Escape")

    page.get_by_text("Báo cáo tháng (Word, PDF) cho Tổ công tác của Chủ tịch UBND tỉnh").click()
    button = page.get_by_role("button", name="Báo cáo tháng (Word)")
    button.wait_for(timeout=WAIT)
    assert page.get_by_text("Tháng 09/2025").first.is_visible()
    with page.expect_download(timeout=120_000) as info:
        button.click()
    assert info.value.suggested_filename == "bao_cao_thang_2025-09.docx"
    path = tmp_path / "bao_cao_thang.docx"
    info.value.save_as(path)
    page.screenshot(path=str(tmp_path / "brief_monthly.png"), full_page=True)
    page.close()

    document = Document(io.BytesIO(path.read_bytes()))
    text = docx_text(path.read_bytes())
    assert "BÁO CÁO THÁNG 09/2025" in text
    assert document.core_properties.title == "Báo cáo tháng 09/2025 về kỷ luật, kỷ cương hành chính"
    for group, worst in expected.worst.items():
        assert not worst.empty, group
        assert str(worst["unit_name"].iloc[0]) in text, group
    # the unfinished tasks by lead unit: the first lead unit's row, with its counts
    first = expected.tasks_by_unit.iloc[0]
    rows = [[c.text for c in row.cells] for table in document.tables for row in table.rows]
    assert ["1", str(first["unit_name"]), str(first["unfinished"]), str(first["overdue"]),
            str(first["on_time"]), str(first["no_deadline"])] in rows  # fmt: skip
    # its longest overdue task, with its document number
    overdue = expected.overdue_tasks.iloc[0]
    assert any(row[1] == str(overdue["unit_name"]) and row[2] == str(overdue["doc_number"]) for row in rows)
    # the criticism of the month, recorded in the register
    assert ["1", criticised, "2468/UBND-HCTC", "25/09/2025", "Chậm thực hiện nhiệm vụ được giao"] in rows
