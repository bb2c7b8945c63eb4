"""The workbook for the year's administrative-reform scoring (chấm điểm chỉ số cải cách hành chính, CCHC).

Directive 9788/UBND-HCTC: Văn phòng UBND tỉnh and Sở Nội vụ fix the responsibility of units whose assigned tasks are
unfinished «làm căn cứ phục vụ cho công tác chấm điểm chỉ số CCHC». Per unit, for one year: the tasks assigned and
their classes (METRICS.md section 4, the figures of metrics.unit_metrics over the year: a past year is the whole
year, the current year runs to today), and the unit's reminders and criticisms of the year from the register
(oversight.reminders: entries not withdrawn, whose letter is dated in the calendar year), by level with the
letter numbers. A second sheet lists the year's entries one by one.

Laid out like the other workbooks (oversight.exports: title rows, exported-at in the province's time, numbers as
numbers, text cells neutralised); audited as an export.
"""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import pandas as pd
from openpyxl import Workbook

from oversight import access, clock, exports, metrics, periods, reminders
from oversight.auth import audit
from oversight.config import Settings, load_settings
from oversight.exports import DATE, INTEGER, PERCENT, TEXT, Column

REPORT = "TỔNG HỢP THỰC HIỆN NHIỆM VỤ VÀ NHẮC NHỞ, PHÊ BÌNH PHỤC VỤ CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH"
ENTRIES_REPORT = "DANH SÁCH ĐƠN VỊ BỊ NHẮC NHỞ, PHÊ BÌNH"
SHEET = "Chấm điểm CCHC"
ENTRIES_SHEET = "Nhắc nhở, phê bình"
AUDIT_TARGET = "Bảng tổng hợp phục vụ chấm điểm chỉ số CCHC"

COLUMNS = (
    Column("row_number", "STT", INTEGER),
    Column("unit_name", "Đơn vị", TEXT),
    Column("unit_code", "Mã", TEXT),
    Column("tasks_total", "Nhiệm vụ được giao", INTEGER),
    Column("tasks_done_on_time", "Hoàn thành đúng hạn", INTEGER),
    Column("tasks_done_late", "Hoàn thành quá hạn", INTEGER),
    Column("tasks_unfinished", "Chưa hoàn thành", INTEGER),
    Column("tasks_open_overdue", "Trong đó: đang quá hạn", INTEGER),
    Column("tasks_no_deadline", "Không có thời hạn", INTEGER),
    Column("tasks_overdue_rate", "Tỷ lệ nhiệm vụ quá hạn", PERCENT),
    Column("reminders_nhac_nho", "Số lần bị nhắc nhở", INTEGER),
    Column("reminders_phe_binh", "Số lần bị phê bình", INTEGER),
    Column("reminders_kiem_diem", "Số lần bị yêu cầu kiểm điểm", INTEGER),
    Column("reminders_total", "Tổng số lần", INTEGER),
    Column("letter_numbers", "Số, ký hiệu văn bản", TEXT),
)
ENTRY_COLUMNS = (
    Column("row_number", "STT", INTEGER),
    Column("unit_name", "Đơn vị", TEXT),
    Column("level_label", "Mức độ", TEXT),
    Column("letter_date", "Ngày văn bản", DATE),
    Column("letter_number", "Số, ký hiệu văn bản", TEXT),
    Column("reason", "Lý do", TEXT),
    Column("period_start", "Từ ngày", DATE),
    Column("period_end", "Đến ngày", DATE),
    Column("kinds_label", "Về", TEXT),
    Column("source_label", "Nguồn", TEXT),
)
_COUNTS = ("reminders_nhac_nho", "reminders_phe_binh", "reminders_kiem_diem", "reminders_total")
_TASKS = ("tasks_total", "tasks_done_on_time", "tasks_done_late", "tasks_open_overdue", "tasks_no_deadline")
NOTE = (
    "Nhiệm vụ được giao = hoàn thành đúng hạn + hoàn thành quá hạn + chưa hoàn thành + không có thời hạn "
    "(nhiệm vụ giao trong năm và nhiệm vụ năm trước chuyển sang chưa hoàn thành). Chưa hoàn thành = còn trong hạn "
    "+ đang quá hạn. Tỷ lệ quá hạn = (hoàn thành quá hạn + đang quá hạn) / (nhiệm vụ được giao − không có thời hạn). "
    "Nhắc nhở, phê bình: các mục của sổ theo dõi có ngày văn bản trong năm, không tính mục đã thu hồi."
)


def year_period(year: int, settings: Settings | None = None, today: date | None = None) -> periods.Period:
    """The tasks' period for a scoring year: the whole (reporting) year once it has ended, else the year to date."""
    cutoff = periods.settings_cutoff(settings)
    whole = periods.year_period(int(year), cutoff)
    today = today or clock.local_today()
    if whole.end < today:
        return whole
    if whole.start > today:
        raise ValueError(f"Năm {year} chưa bắt đầu.")
    return periods.year_to_date(today, cutoff)


def cchc_frame(
    con: duckdb.DuckDBPyConnection,
    year: int,
    units: str = "reported",
    settings: Settings | None = None,
    today: date | None = None,
) -> pd.DataFrame:
    """One row per unit (the units the year lists, plus any unit with reminders in the year), by group then name:
    unit_id, unit_name, unit_code, unit_group, the task classes (tasks_unfinished = open on time + open overdue),
    tasks_overdue_rate, and the year's reminders by level with their letter numbers."""
    settings = settings or load_settings()
    period = year_period(year, settings, today)
    tasks = metrics.unit_metrics(con, period, group="all", units=units, settings=settings)
    keep = ["unit_id", "unit_name", "unit_code", "unit_group", *_TASKS, "tasks_open_on_time", "tasks_overdue_rate"]
    tasks = tasks[keep].copy()
    found = reminders.counts(con, date(int(year), 1, 1), date(int(year), 12, 31))
    frame = tasks.merge(found, on="unit_id", how="outer")
    missing = frame["unit_name"].isna()
    if missing.any():  # reminded units without figures in the year: named from the register
        names = reminders.list_reminders(con, year=int(year)).drop_duplicates("unit_id").set_index("unit_id")
        ids = frame.loc[missing, "unit_id"].astype(int)
        frame.loc[missing, "unit_name"] = ids.map(names["unit_name"]).to_numpy()
        frame.loc[missing, "unit_group"] = ids.map(names["unit_group"]).to_numpy()
    for column in (*_TASKS, "tasks_open_on_time", *_COUNTS):
        frame[column] = frame[column].fillna(0).astype("int64")
    frame["tasks_unfinished"] = frame["tasks_open_on_time"] + frame["tasks_open_overdue"]
    order = {g: i for i, g in enumerate(metrics.GROUPS)}
    frame["_group"] = frame["unit_group"].map(order)
    frame = frame.sort_values(["_group", "unit_name"]).drop(columns="_group")
    return frame.reset_index(drop=True)


def cchc_workbook(
    con: duckdb.DuckDBPyConnection,
    year: int,
    units: str = "reported",
    settings: Settings | None = None,
    *,
    exported_at: datetime | None = None,
    today: date | None = None,
) -> bytes:
    """The scoring workbook (.xlsx bytes): sheet «Chấm điểm CCHC» (cchc_frame, a heading per unit group, numbered
    within it) and sheet «Nhắc nhở, phê bình» (the year's entries). Needs EXPORT; audited."""
    access.require(access.EXPORT)
    settings = settings or load_settings()
    stamp = exports._exported_at(exported_at)
    period = year_period(year, settings, today)
    frame = cchc_frame(con, year, units, settings, today)
    wb = Workbook()
    extra = [f"Năm {int(year)}", f"Số liệu nhiệm vụ: {period.label}"]
    sheet = exports._Sheet(wb.active, COLUMNS, _titles(settings, REPORT, stamp, extra), frozen_columns=2)
    wb.active.title = SHEET
    first = True
    for group in metrics.GROUPS:
        part = frame[frame["unit_group"] == group]
        if part.empty:
            continue
        sheet.add_heading(exports.GROUP_SHEETS[group], skip=0 if first else 1)
        first = False
        for number, record in enumerate(part.to_dict("records"), start=1):
            sheet.add_row({**record, "row_number": number})
    if frame.empty:
        sheet.add_heading("Không có đơn vị nào có số liệu hoặc bị nhắc nhở, phê bình trong năm.", skip=0)
    sheet.add_heading(NOTE, skip=1)
    sheet.finish()

    entries = reminders.list_reminders(con, year=int(year)).sort_values(["letter_date", "unit_name", "reminder_id"])
    listing = exports._Sheet(
        wb.create_sheet(ENTRIES_SHEET),
        ENTRY_COLUMNS,
        _titles(settings, ENTRIES_REPORT, stamp, [f"Năm {int(year)}"]),
        frozen_columns=2,
    )
    for number, record in enumerate(entries.to_dict("records"), start=1):
        listing.add_row({**record, "row_number": number})
    if entries.empty:
        listing.add_heading("Không có mục nào trong sổ theo dõi của năm.", skip=0)
    listing.finish()
    audit.record(
        con,
        audit.EXPORT,
        target=AUDIT_TARGET,
        detail={"Năm": int(year), "Số đơn vị": len(frame), "Số mục sổ": len(entries)},
    )
    return exports._workbook_bytes(wb)


def _titles(settings: Settings, report: str, stamp: datetime, extra: list[str]) -> list[str]:
    """The title rows: the province, the report, the year, and the export time (the task period in `extra`)."""
    return [settings.province_title, report, *extra, f"Ngày xuất: {stamp:%d/%m/%Y %H:%M}"]
