"""Reminders in the 12 months ending on a day, and the ranking flag at the setting's threshold."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pandas as pd
from openpyxl import load_workbook

from oversight import access, exports, periods, reminders
from oversight.config import load_settings
from tests.reminders.conftest import ADMIN, LEADER, add

AS_OF = date(2026, 10, 31)


def test_the_window_is_the_twelve_months_ending_on_the_day():
    assert reminders.window(AS_OF) == (date(2025, 11, 1), date(2026, 10, 31))
    assert reminders.window(date(2028, 2, 29)) == (date(2027, 3, 1), date(2028, 2, 29))
    assert reminders.flag_as_of(date(2025, 9, 30), today=date(2026, 1, 5)) == date(2025, 9, 30)
    assert reminders.flag_as_of(date(2026, 1, 31), today=date(2026, 1, 5)) == date(2026, 1, 5)


def _boundary_world(con, units):
    """Sở Y tế: two entries inside the window (its first day and its last), one exactly 12 months before the day,
    one 13 months before, one inside but withdrawn -> 2. Sở Tư pháp: one inside -> 1. Sở Nội vụ: one after the day."""
    yte, tuphap = units["yte"], units["tuphap"]
    add(con, [yte], day=date(2025, 11, 1))  # first day of the window: counts
    add(con, [yte], day=date(2026, 10, 31), level="phe_binh")  # the day itself: counts
    add(con, [yte], day=date(2025, 10, 31))  # exactly 12 months before: out
    add(con, [yte], day=date(2025, 9, 30))  # 13 months before: out
    [withdrawn] = add(con, [yte], day=date(2026, 5, 5))
    with access.acting_as(ADMIN):
        reminders.withdraw(con, withdrawn, "Văn bản bị hủy")
    add(con, [tuphap], day=date(2026, 2, 2), level="kiem_diem")
    add(con, [units["noivu"]], day=date(2026, 11, 1))  # after the day: out


def test_counts_in_12_months(con, units):
    _boundary_world(con, units)
    with access.acting_as(LEADER):
        frame = reminders.counts_in_12_months(con, AS_OF)
    got = {int(r.unit_id): (r.reminders_total, r.reminders_nhac_nho, r.reminders_phe_binh, r.reminders_kiem_diem)
           for r in frame.itertuples()}  # fmt: skip
    assert got == {units["yte"]: (2, 1, 1, 0), units["tuphap"]: (1, 0, 0, 1)}


def test_flag_at_exactly_n_from_the_settings(con, units, monkeypatch):
    _boundary_world(con, units)
    table = pd.DataFrame({"unit_id": [units["yte"], units["tuphap"], units["noivu"]]})
    settings = load_settings()
    assert settings.reminder_flag_count == 2  # the default
    with access.acting_as(LEADER):
        two = reminders.with_flags(con, table, AS_OF, settings)
        three = reminders.with_flags(con, table, AS_OF, replace(settings, reminder_flag_count=3))
        monkeypatch.setenv("OVERSIGHT_REMINDER_FLAG_COUNT", "1")
        one = reminders.with_flags(con, table, AS_OF)  # the setting read from the environment
    assert list(two["reminders_12m"]) == [2, 1, 0]
    assert list(two["reminder_flag"]) == [True, False, False]  # exactly N is flagged
    assert list(two["reminders_12m_text"]) == ["2 ⚑", "1", ""]
    assert list(three["reminder_flag"]) == [False, False, False]
    assert list(one["reminder_flag"]) == [True, True, False]


def test_the_flag_setting_is_at_least_one(monkeypatch):
    monkeypatch.setenv("OVERSIGHT_REMINDER_FLAG_COUNT", "0")
    assert load_settings().reminder_flag_count == 1
    monkeypatch.setenv("OVERSIGHT_REMINDER_FLAG_COUNT", "4")
    assert load_settings().reminder_flag_count == 4


def test_the_ranking_workbook_carries_the_count_and_the_flag(con, units):
    _boundary_world(con, units)
    with access.acting_as(LEADER):
        content = exports.ranking_workbook(con, periods.month(2026, 10), group="department")
    ws = load_workbook(io.BytesIO(content))["Sở, ban, ngành"]
    header = next(r for r in range(1, 20) if ws.cell(row=r, column=1).value == "Hạng")
    titles = [c.value for c in ws[header]]
    count_col = titles.index("Bị nhắc nhở (12 tháng)") + 1
    flag_col = titles.index("Cảnh báo nhắc nhở") + 1
    at = {ws.cell(row=r, column=2).value: r for r in range(header + 1, ws.max_row + 1)}
    rows = {
        name: (ws.cell(row=r, column=count_col).value, ws.cell(row=r, column=flag_col).value) for name, r in at.items()
    }
    assert rows["Sở Y tế"] == (2, "⚑ từ 2 lần trở lên")
    assert rows["Sở Tư pháp"] == (1, None)
    assert rows["Sở Nội vụ"] == (0, None)
    assert ws.cell(row=at["Sở Y tế"], column=count_col).number_format == exports.INTEGER
    assert ws.cell(row=at["Sở Y tế"], column=count_col).data_type == "n"
