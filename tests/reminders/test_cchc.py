"""The CCHC scoring workbook read back with openpyxl, against a small hand-built database (tasks inserted straight
into the table, METRICS.md section 4; reminders recorded through the register)."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from oversight import access, cchc_export, reminders
from oversight.auth import audit
from tests.reminders.conftest import ADMIN, LEADER, UPLOADER, add, viewer_of

EXPORTED_AT = datetime(2026, 1, 5, 8, 30)


@pytest.fixture
def scoring(con, world, units):
    yte, tuphap, noivu = units["yte"], units["tuphap"], units["noivu"]
    up = world.upload("tasks")
    world.task(up, "T1", yte, "2025-03-01", "2025-03-10", "2025-03-09")  # done on time
    world.task(up, "T2", yte, "2025-04-01", "2025-04-10", "2025-04-15")  # done late
    world.task(up, "T3", yte, "2025-05-01", "2026-02-01")  # open, due after the year: within deadline
    world.task(up, "T4", yte, "2025-06-01", "2025-06-30")  # open overdue
    world.task(up, "T5", yte, "2025-07-01", None, due_text="Thường xuyên")  # no deadline
    world.task(up, "T6", yte, "2024-11-01", "2024-12-01", "2025-02-01")  # carried over from 2024, done late
    world.task(up, "T7", yte, "2024-10-01", "2024-10-10", "2024-10-05")  # done before the year: not in it
    world.task(up, "T8", yte, "2026-01-05", "2026-01-20")  # assigned after the year: not in it
    world.task(up, "S1", tuphap, "2025-09-01", "2025-09-30", "2025-09-30")  # done on time (on the due day)
    # Sở Y tế: assigned 6 (T1-T6), on time 1, late 2 (T2, T6), unfinished 2 (T3, T4) of which overdue 1 (T4), no
    # deadline 1 (T5); overdue rate (2 + 1) / (6 - 1) = 0.6. Sở Tư pháp: 1 assigned, on time, rate 0.
    add(con, [yte, tuphap], level="nhac_nho", day=date(2025, 3, 20), number="101/UBND-HCTC")
    add(con, [yte], level="phe_binh", day=date(2025, 8, 1), number="202/UBND-HCTC")
    add(con, [yte], level="kiem_diem", day=date(2025, 12, 31), number=None)  # no number yet
    add(con, [tuphap], level="nhac_nho", day=date(2025, 5, 5), number="150/UBND-HCTC")
    [gone] = add(con, [tuphap], level="phe_binh", day=date(2025, 6, 6), number="160/UBND-HCTC")
    with access.acting_as(ADMIN):
        reminders.withdraw(con, gone, "Văn bản bị hủy")
    add(con, [noivu], level="nhac_nho", day=date(2024, 12, 31), number="999/UBND-HCTC")  # the year before
    add(con, [noivu], level="phe_binh", day=date(2026, 1, 2), number="5/UBND-HCTC")  # the year after
    return units


def _sheet_rows(ws) -> dict[str, dict]:
    header = next(r for r in range(1, 20) if ws.cell(row=r, column=1).value == "STT")
    titles = [c.value for c in ws[header]]
    out = {}
    for r in range(header + 1, ws.max_row + 1):
        values = [ws.cell(row=r, column=c).value for c in range(1, len(titles) + 1)]
        if isinstance(values[0], int):
            out[values[1]] = dict(zip(titles, values, strict=True))
    return out


@pytest.mark.slow  # the year's ranking computed from cold: about four seconds
def test_cchc_workbook_numbers(con, scoring):
    with access.acting_as(LEADER):
        content = cchc_export.cchc_workbook(con, 2025, exported_at=EXPORTED_AT, today=date(2026, 1, 5))
    wb = load_workbook(io.BytesIO(content))
    assert wb.sheetnames == ["Chấm điểm CCHC", "Nhắc nhở, phê bình"]
    ws = wb["Chấm điểm CCHC"]
    titles = [ws.cell(row=r, column=1).value for r in range(1, 6)]
    assert titles == [
        "UBND TỈNH ĐỒNG NAI",
        cchc_export.REPORT,
        "Năm 2025",
        "Số liệu nhiệm vụ: Năm 2025",
        "Ngày xuất: 05/01/2026 08:30",
    ]
    rows = _sheet_rows(ws)
    yte = rows["Sở Y tế"]
    assert {k: yte[k] for k in list(yte)[3:14]} == {
        "Nhiệm vụ được giao": 6,
        "Hoàn thành đúng hạn": 1,
        "Hoàn thành quá hạn": 2,
        "Chưa hoàn thành": 2,
        "Trong đó: đang quá hạn": 1,
        "Không có thời hạn": 1,
        "Tỷ lệ nhiệm vụ quá hạn": pytest.approx(0.6),
        "Số lần bị nhắc nhở": 1,
        "Số lần bị phê bình": 1,
        "Số lần bị yêu cầu kiểm điểm": 1,
        "Tổng số lần": 3,
    }
    assert yte["Số, ký hiệu văn bản"] == "101/UBND-HCTC; 202/UBND-HCTC"
    tuphap = rows["Sở Tư pháp"]
    assert (tuphap["Nhiệm vụ được giao"], tuphap["Hoàn thành đúng hạn"], tuphap["Tỷ lệ nhiệm vụ quá hạn"]) == (1, 1, 0)
    assert (tuphap["Số lần bị nhắc nhở"], tuphap["Số lần bị phê bình"], tuphap["Tổng số lần"]) == (2, 0, 2)
    assert tuphap["Số, ký hiệu văn bản"] == "101/UBND-HCTC; 150/UBND-HCTC"  # the withdrawn 160 is not counted
    noivu = rows["Sở Nội vụ"]
    assert (noivu["Nhiệm vụ được giao"], noivu["Tổng số lần"], noivu["Số, ký hiệu văn bản"]) == (0, 0, None)
    # numbers are numbers, with the agreed formats
    header = next(r for r in range(1, 20) if ws.cell(row=r, column=1).value == "STT")
    yte_row = next(r for r in range(header + 1, ws.max_row + 1) if ws.cell(row=r, column=2).value == "Sở Y tế")
    assert ws.cell(row=yte_row, column=4).data_type == "n" and ws.cell(row=yte_row, column=4).number_format == "#,##0"
    assert ws.cell(row=yte_row, column=10).number_format == "0.0%"

    entries = wb["Nhắc nhở, phê bình"]
    listed = [
        (r[1], r[2], r[3].date(), r[4]) for r in entries.iter_rows(min_row=7, values_only=True) if isinstance(r[0], int)
    ]
    assert listed == [
        ("Sở Tư pháp", "Nhắc nhở", date(2025, 3, 20), "101/UBND-HCTC"),
        ("Sở Y tế", "Nhắc nhở", date(2025, 3, 20), "101/UBND-HCTC"),
        ("Sở Tư pháp", "Nhắc nhở", date(2025, 5, 5), "150/UBND-HCTC"),
        ("Sở Y tế", "Phê bình", date(2025, 8, 1), "202/UBND-HCTC"),
        ("Sở Y tế", "Kiểm điểm", date(2025, 12, 31), None),
    ]
    with access.acting_as(ADMIN):
        exported = audit.events(con, action=audit.EXPORT)
    assert list(exported["target"]) == ["Bảng tổng hợp phục vụ chấm điểm chỉ số CCHC"]
    assert exported["actor"].iloc[0] == "web:lanh.dao"


def test_the_current_year_runs_to_today():
    period = cchc_export.year_period(2026, today=date(2026, 1, 5))
    assert (period.start, period.end) == (date(2026, 1, 1), date(2026, 1, 5))
    assert cchc_export.year_period(2025, today=date(2026, 1, 5)).end == date(2025, 12, 31)
    with pytest.raises(ValueError, match="Năm 2027 chưa bắt đầu."):
        cchc_export.year_period(2027, today=date(2026, 1, 5))


def test_a_unit_viewer_gets_only_its_own_reminders(con, scoring):
    with access.acting_as(viewer_of(scoring["tuphap"])):
        frame = cchc_export.cchc_frame(con, 2025, today=date(2026, 1, 5))
    reminded = frame[frame["reminders_total"] > 0]
    assert list(reminded["unit_name"]) == ["Sở Tư pháp"]


def test_the_export_needs_the_export_permission(con, scoring):
    nobody = access.Principal(name="khach", role=None)
    with access.acting_as(nobody), pytest.raises(access.AccessDenied, match="không có quyền xuất báo cáo"):
        cchc_export.cchc_workbook(con, 2025, today=date(2026, 1, 5))
    with access.acting_as(UPLOADER):
        assert cchc_export.cchc_workbook(con, 2025, today=date(2026, 1, 5))[:2] == b"PK"
