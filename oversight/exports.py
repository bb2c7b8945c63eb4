"""Downloads for the leadership pages: styled Excel workbooks (openpyxl), CSV tables and the one-page brief.

Everything here reads the metrics API (oversight.metrics) and nothing else, so an exported figure is the
figure on the screen. No streamlit import: the pages call these functions and hand the bytes to a
download button.

- `ranking_workbook`: one sheet per unit group with the ranking by the discipline score (units below the
  minimum volume listed apart under "Chưa đủ số liệu"), and a sheet "Đơn vị chậm" with the lagging units
  by the task, case and feedback rates.
- `items_workbook`: the late and overdue items of one kind behind the counts (one unit or a group).
- `table_csv`: a table on the screen as CSV, numbers as numbers (tables.for_csv: rates in percent under «(%)»).
- `brief_pdf`, `brief_docx`: the one-page brief for a leaders' meeting: its content from oversight.brief, laid
  out by oversight.render (pdf, word).

Every sheet: title rows (province, report name, period label and range, export time), a bold header row
with fill and borders, real numbers with Excel number formats (rates '0.0%', counts '#,##0', score '0.0',
dates 'dd/mm/yyyy'), fitted column widths, panes frozen below the header, A4 landscape fitted to the page
width with the header row repeated on every printed page.

Formula injection: unit names and free text come from uploaded files. Every text cell whose value starts
with = + - @ (or their full-width forms), a tab or a carriage return is written with a leading apostrophe
(GUARD) and as a string cell, so no spreadsheet program evaluates it, not even after the cell is edited or
the sheet is saved as CSV. Characters that XML forbids are removed.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from oversight import access, brief, metrics, monthly_report, reminders, sql
from oversight.auth import audit
from oversight.config import Settings, load_settings
from oversight.formatting import is_missing
from oversight.periods import Period
from oversight.render import monthly, pdf, word
from oversight.tables import COLUMNS as TABLE_COLUMNS

__all__ = [
    "GUARD",
    "GROUP_SHEETS",
    "LAGGING_SHEET",
    "brief_docx",
    "brief_pdf",
    "items_workbook",
    "neutralise",
    "ranking_workbook",
]

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
GUARD = "'"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")

GROUP_SHEETS = {"department": "Sở, ban, ngành", "district": "Cấp huyện", "commune": "Cấp xã"}
LAGGING_SHEET = "Đơn vị chậm"
NOT_ENOUGH_DATA_HEADING = "Chưa đủ số liệu"
RANKING_REPORT = "BẢNG XẾP HẠNG KỶ LUẬT, KỶ CƯƠNG HÀNH CHÍNH"
LAGGING_REPORT = "DANH SÁCH ĐƠN VỊ CHẬM THEO TỪNG CHỈ TIÊU"
LAGGING_METRICS = {
    "tasks_overdue_rate": "Tỷ lệ nhiệm vụ quá hạn",
    "cases_late_rate": "Tỷ lệ hồ sơ TTHC trễ hạn",
    "feedback_overdue_rate": "Tỷ lệ phản ánh, kiến nghị quá hạn",
}
ITEM_SHEETS = {"tasks": "Nhiệm vụ quá hạn", "cases": "Hồ sơ trễ hạn", "feedback": "Phản ánh quá hạn"}
ITEM_REPORTS = {
    "tasks": "DANH SÁCH NHIỆM VỤ HOÀN THÀNH QUÁ HẠN, ĐANG QUÁ HẠN",
    "cases": "DANH SÁCH HỒ SƠ TTHC GIẢI QUYẾT QUÁ HẠN, ĐANG QUÁ HẠN",
    "feedback": "DANH SÁCH PHẢN ÁNH, KIẾN NGHỊ XỬ LÝ QUÁ HẠN, ĐANG QUÁ HẠN",
}

# Excel number formats (Excel shows them with the reader's separators: 12,5% and 1.234 in Vietnamese).
PERCENT = "0.0%"
INTEGER = "#,##0"
SIGNED = "+#,##0;-#,##0;0"
SCORE = "0.0"
SCORE_766 = "0.00"
DATE = "dd/mm/yyyy"
DATETIME = "dd/mm/yyyy hh:mm"
TEXT = "@"

_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", start_color="DCE6F1", end_color="DCE6F1")
_SECTION_FILL = PatternFill("solid", start_color="F2F2F2", end_color="F2F2F2")
_MAX_WIDTH = {TEXT: 60}
_MIN_WIDTH = 6


@dataclass(frozen=True)
class Column:
    key: str  # column of the metrics frame
    title: str  # Vietnamese header
    number_format: str  # one of the formats above; TEXT for text


def _title(key: str, fallback: str | None = None) -> str:
    return fallback or TABLE_COLUMNS[key][0]


RANKING_COLUMNS = (
    Column("rank", _title("rank"), INTEGER),
    Column("unit_name", _title("unit_name"), TEXT),
    Column("unit_code", _title("unit_code"), TEXT),
    Column("score", _title("score"), SCORE),
    Column("band", _title("band"), TEXT),
    Column("prev_rank", _title("prev_rank"), INTEGER),
    Column("movement", _title("movement"), SIGNED),
    Column("tasks_total", "Tổng số nhiệm vụ", INTEGER),
    Column("tasks_done_late", "NV hoàn thành quá hạn", INTEGER),
    Column("tasks_open_overdue", "NV đang quá hạn", INTEGER),
    Column("tasks_overdue_rate", "Tỷ lệ NV quá hạn", PERCENT),
    Column("cases_total", "Tổng số hồ sơ", INTEGER),
    Column("cases_resolved_late", "HS giải quyết quá hạn", INTEGER),
    Column("cases_pending_overdue", "HS đang quá hạn", INTEGER),
    Column("cases_late_rate", "Tỷ lệ HS trễ hạn", PERCENT),
    Column("cases_766_progress_score", "Điểm tiến độ 766 (/20)", SCORE_766),
    Column("feedback_total", "Tổng số PAKN", INTEGER),
    Column("feedback_done_late", "PAKN xử lý quá hạn", INTEGER),
    Column("feedback_open_overdue", "PAKN đang quá hạn", INTEGER),
    Column("feedback_overdue_rate", "Tỷ lệ PAKN quá hạn", PERCENT),
)

# After the ranking's own columns: the unit's reminders and criticisms of the last 12 months (oversight.reminders).
RANKING_REMINDER_COLUMNS = (
    Column("reminders_12m", "Bị nhắc nhở (12 tháng)", INTEGER),
    Column("reminder_flag_label", "Cảnh báo nhắc nhở", TEXT),
)

LAGGING_COLUMNS = (
    Column("metric_label", "Chỉ tiêu", TEXT),
    Column("lag_rank", "Thứ tự (1 = chậm nhất)", INTEGER),
    Column("unit_name", _title("unit_name"), TEXT),
    Column("unit_code", _title("unit_code"), TEXT),
    Column("group_label", "Nhóm", TEXT),
    Column("metric_value", "Tỷ lệ", PERCENT),
    Column("metric_count", "Số trễ/quá hạn", INTEGER),
    Column("metric_volume", "Tổng số", INTEGER),
)

_ITEM_TAIL = (
    Column("days_overdue", "Số ngày quá hạn", INTEGER),
    Column("outcome_label", _title("outcome_label"), TEXT),
    Column("status_text", _title("status_text"), TEXT),
)
_ITEM_HEAD = (
    Column("row_number", "STT", INTEGER),
    Column("unit_name", _title("unit_name"), TEXT),
    Column("reported_unit_name", _title("reported_unit_name"), TEXT),
)
ITEM_COLUMNS = {
    "tasks": (
        *_ITEM_HEAD,
        Column("doc_number", _title("doc_number"), TEXT),
        Column("doc_date", "Ngày văn bản", DATE),
        Column("content", "Nội dung nhiệm vụ", TEXT),
        Column("received_at", "Ngày giao", DATE),
        Column("due_at", "Hạn xử lý", DATE),
        Column("done_at", "Ngày hoàn thành", DATE),
        *_ITEM_TAIL,
    ),
    "cases": (
        *_ITEM_HEAD,
        Column("case_code", _title("case_code"), TEXT),
        Column("procedure_name", _title("procedure_name"), TEXT),
        Column("field", _title("field"), TEXT),
        Column("received_at", "Ngày tiếp nhận", DATETIME),
        Column("due_at", "Hạn trả kết quả", DATETIME),
        Column("done_at", "Ngày có kết quả", DATETIME),
        *_ITEM_TAIL,
    ),
    "feedback": (
        *_ITEM_HEAD,
        Column("feedback_code", _title("feedback_code"), TEXT),
        Column("content", "Nội dung phản ánh, kiến nghị", TEXT),
        Column("field", _title("field"), TEXT),
        Column("received_at", "Ngày tiếp nhận", DATETIME),
        Column("due_at", "Hạn xử lý", DATETIME),
        Column("done_at", "Ngày hoàn thành", DATETIME),
        *_ITEM_TAIL,
    ),
}


# ---------------------------------------------------------------------------------------------- values


def neutralise(value: object) -> str:
    """Text safe for a spreadsheet cell: XML-illegal characters removed, and GUARD ("'") put in front of a
    text that a spreadsheet would read as a formula or a command (= + - @, tab, carriage return)."""
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return GUARD + text if text.startswith(FORMULA_TRIGGERS) else text


def cell_value(value: object, number_format: str) -> object:
    """The value a cell gets for a column of the given format: None when missing, a float / int for
    numbers, a date or a datetime (to the second) for dates, neutralised text otherwise."""
    if is_missing(value):
        return None
    if number_format == TEXT:
        return neutralise(value)
    if number_format in (DATE, DATETIME):
        stamp = pd.Timestamp(value)
        if number_format == DATE:
            return stamp.date()
        return stamp.to_pydatetime().replace(microsecond=0, tzinfo=None)
    if number_format in (INTEGER, SIGNED):
        return int(value)
    number = float(value)
    return None if math.isnan(number) else number


def _display_length(value: object, number_format: str) -> int:
    """About how many characters Excel shows for the value (to fit the column width)."""
    if value is None:
        return 0
    if isinstance(value, str):
        return max((len(line) for line in value.splitlines()), default=0)
    if number_format == PERCENT:
        return len(f"{value * 100:.1f}%")
    if number_format in (INTEGER, SIGNED):
        return len(f"{value:+,}") if number_format == SIGNED else len(f"{value:,}")
    if number_format == DATE:
        return 10
    if number_format == DATETIME:
        return 16
    return len(f"{value:.2f}")


# ---------------------------------------------------------------------------------------------- sheets


def _exported_at(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now(LOCAL_TZ)


def title_lines(
    settings: Settings, report: str, period: Period, exported_at: datetime, extra: Iterable[str] = ()
) -> list[str]:
    """The title rows every sheet starts with."""
    return [
        settings.province_title,
        report,
        *extra,
        f"Kỳ báo cáo: {period.label}",
        f"Từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y}",
        f"Ngày xuất: {exported_at:%d/%m/%Y %H:%M}",
    ]


class _Sheet:
    """One table on a worksheet: title rows, a header row, body rows; widths, panes and print setup."""

    def __init__(self, ws: Worksheet, columns: tuple[Column, ...], titles: list[str], frozen_columns: int = 0):
        self.ws = ws
        self.columns = columns
        self.widths = [max(_MIN_WIDTH, max(len(w) for w in c.title.split()) + 2) for c in columns]
        last = get_column_letter(len(columns))
        for row, text in enumerate(titles, start=1):
            cell = ws.cell(row=row, column=1, value=neutralise(text))
            cell.font = Font(bold=row <= 2, size=13 if row == 2 else 11)
            cell.alignment = Alignment(horizontal="left" if row == 1 else "center")
            ws.merge_cells(f"A{row}:{last}{row}")
        self.header_row = len(titles) + 2
        for col, column in enumerate(columns, start=1):
            cell = ws.cell(row=self.header_row, column=col, value=column.title)
            cell.font = Font(bold=True)
            cell.fill = _HEADER_FILL
            cell.border = _BORDER
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.row_dimensions[self.header_row].height = 32
        self.next_row = self.header_row + 1
        ws.freeze_panes = ws.cell(row=self.header_row + 1, column=frozen_columns + 1).coordinate
        self._print_setup()

    def _print_setup(self) -> None:
        ws = self.ws
        ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = f"{self.header_row}:{self.header_row}"
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.6
        ws.oddFooter.center.text = "Trang &P/&N"

    def add_row(self, record: dict) -> int:
        row = self.next_row
        for col, column in enumerate(self.columns, start=1):
            value = cell_value(record.get(column.key), column.number_format)
            cell = self.ws.cell(row=row, column=col, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever the text
            cell.number_format = column.number_format
            cell.border = _BORDER
            if column.number_format == TEXT:
                cell.alignment = Alignment(vertical="top", wrap_text=True)
            else:
                cell.alignment = Alignment(vertical="top")
            self.widths[col - 1] = max(self.widths[col - 1], _display_length(value, column.number_format) + 2)
        self.next_row += 1
        return row

    def add_heading(self, text: str, skip: int = 1) -> int:
        """A section heading across the table (after `skip` empty rows)."""
        row = self.next_row + skip
        cell = self.ws.cell(row=row, column=1, value=neutralise(text))
        cell.font = Font(bold=True, italic=True)
        cell.fill = _SECTION_FILL
        self.ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(self.columns))
        self.next_row = row + 1
        return row

    def finish(self) -> None:
        for col, column in enumerate(self.columns, start=1):
            width = min(self.widths[col - 1], _MAX_WIDTH.get(column.number_format, 40))
            self.ws.column_dimensions[get_column_letter(col)].width = width


def _workbook_bytes(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _records(frame: pd.DataFrame) -> list[dict]:
    return frame.to_dict("records")


def _groups(group: str) -> tuple[str, ...]:
    if group in (None, "all"):
        return metrics.GROUPS
    if group not in metrics.GROUPS:
        raise ValueError(f"nhóm đơn vị không hợp lệ: {group!r}")
    return (group,)


def ranking_workbook(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    group: str = "all",
    units: str = "reported",
    settings: Settings | None = None,
    *,
    field: str | None = None,
    exported_at: datetime | None = None,
) -> bytes:
    """The ranking workbook (.xlsx bytes): one sheet per group with data ("Sở, ban, ngành", "Cấp huyện",
    "Cấp xã": ranked units by rank, then the units below the minimum volume under "Chưa đủ số liệu") and
    the sheet "Đơn vị chậm" (metrics.worst_units by each metric of LAGGING_METRICS, 10 each)."""
    access.require(access.EXPORT)
    settings = settings or load_settings()
    stamp = _exported_at(exported_at)
    frame = metrics.unit_metrics(con, period, group=group, units=units, settings=settings, field=field)
    frame = reminders.with_flags(con, frame, reminders.flag_as_of(period.end), settings)
    frame["reminder_flag_label"] = frame["reminder_flag"].map(
        {True: f"{reminders.FLAG} từ {settings.reminder_flag_count} lần trở lên", False: ""}
    )
    wb = Workbook()
    wb.remove(wb.active)
    for key in _groups(group):
        part = frame[frame["unit_group"] == key]
        if part.empty:
            continue
        extra = [f"Nhóm: {GROUP_SHEETS[key]}", *_field_line(field)]
        sheet = _Sheet(
            wb.create_sheet(GROUP_SHEETS[key]),
            (*RANKING_COLUMNS, *RANKING_REMINDER_COLUMNS),
            title_lines(settings, RANKING_REPORT, period, stamp, extra),
            frozen_columns=2,
        )
        ranked = part[part["ranked"].fillna(False).astype(bool)]
        unranked = part[~part["ranked"].fillna(False).astype(bool)]
        for record in _records(ranked):
            sheet.add_row(record)
        if not unranked.empty:
            sheet.add_heading(
                f"{NOT_ENOUGH_DATA_HEADING} (dưới {settings.min_volume} nhiệm vụ, hồ sơ, phản ánh): không xếp hạng"
            )
            for record in _records(unranked):
                sheet.add_row(record)
        sheet.add_heading(_ranking_note(settings), skip=1)
        sheet.finish()
    _lagging_sheet(wb, con, period, group, units, settings, stamp, field)
    _audit_export(con, "ranking_workbook", period, group=group, field=field)
    return _workbook_bytes(wb)


def _ranking_note(settings: Settings) -> str:
    weights = settings.weights
    return (
        "Điểm (0-100) = bình quân có trọng số của: 1 − tỷ lệ nhiệm vụ quá hạn "
        f"({weights.get('tasks', 0):g}), tỷ lệ tiến độ giải quyết hồ sơ theo QĐ 766 ({weights.get('cases', 0):g}), "
        f"tỷ lệ phản ánh, kiến nghị đúng hạn ({weights.get('feedback', 0):g}). "
        "Thay đổi = hạng kỳ trước − hạng kỳ này (dương: tăng hạng)."
    )


def lagging_frame(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    group: str = "all",
    units: str = "reported",
    settings: Settings | None = None,
    limit: int = 10,
    field: str | None = None,
) -> pd.DataFrame:
    """metrics.worst_units for each metric of LAGGING_METRICS, one after the other, with metric_label and
    group_label: the rows of the sheet "Đơn vị chậm"."""
    parts = []
    for metric, label in LAGGING_METRICS.items():
        worst = metrics.worst_units(
            con,
            period,
            metric,
            group=group,
            limit=limit,
            units=units,
            settings=settings,
            field=field,
        )
        worst.insert(0, "metric", metric)
        worst.insert(1, "metric_label", label)
        worst["group_label"] = worst["unit_group"].map(GROUP_SHEETS)
        parts.append(worst)
    return pd.concat(parts, ignore_index=True)


def _field_line(field: str | None) -> list[str]:
    return [f"Lĩnh vực: {field}"] if field else []


def _lagging_sheet(wb, con, period, group, units, settings, stamp, field=None) -> None:
    extra = ([f"Nhóm: {GROUP_SHEETS[group]}"] if group in GROUP_SHEETS else []) + _field_line(field)
    sheet = _Sheet(
        wb.create_sheet(LAGGING_SHEET),
        LAGGING_COLUMNS,
        title_lines(settings, LAGGING_REPORT, period, stamp, extra),
        frozen_columns=1,
    )
    frame = lagging_frame(con, period, group, units, settings, field=field)
    for record in _records(frame):
        sheet.add_row(record)
    if frame.empty:
        sheet.add_heading("Không có đơn vị đủ số liệu để xếp hạng trong kỳ.", skip=0)
    sheet.add_heading(
        f"Chỉ gồm đơn vị có từ {settings.min_volume} nhiệm vụ / hồ sơ / phản ánh trở lên; "
        "tối đa 10 đơn vị cho mỗi chỉ tiêu, tỷ lệ cao nhất trước.",
        skip=1,
    )
    sheet.finish()


def items_workbook(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    kind: str,
    unit_id: int | None = None,
    group: str | None = None,
    units: str = "reported",
    settings: Settings | None = None,
    *,
    field: str | None = None,
    exported_at: datetime | None = None,
) -> bytes:
    """The late and overdue items of `kind` (tasks, cases, feedback) of one displayed unit or a group
    (metrics.overdue_items, worst first) as a workbook with one sheet."""
    access.require(access.EXPORT)
    if kind not in ITEM_COLUMNS:
        raise ValueError(f"loại dữ liệu không hợp lệ: {kind!r} (một trong: {', '.join(ITEM_COLUMNS)})")
    settings = settings or load_settings()
    stamp = _exported_at(exported_at)
    frame = metrics.overdue_items(con, kind, period, unit_id=unit_id, group=group, units=units, field=field)
    frame = frame.assign(row_number=range(1, len(frame) + 1))
    extra = []
    if unit_id is not None:
        name = frame["unit_name"].iloc[0] if not frame.empty else _unit_name(con, unit_id)
        extra.append(f"Đơn vị: {name}")
    elif group in GROUP_SHEETS:
        extra.append(f"Nhóm: {GROUP_SHEETS[group]}")
    extra.extend(_field_line(field))
    wb = Workbook()
    sheet = _Sheet(
        wb.active,
        ITEM_COLUMNS[kind],
        title_lines(settings, ITEM_REPORTS[kind], period, stamp, extra),
        frozen_columns=0,
    )
    wb.active.title = ITEM_SHEETS[kind]
    for record in _records(frame):
        sheet.add_row(record)
    if frame.empty:
        sheet.add_heading("Không có mục nào trễ hạn hoặc quá hạn trong kỳ.", skip=0)
    sheet.finish()
    _audit_export(con, "items_workbook", period, kind=kind, unit_id=unit_id, group=group, field=field, rows=len(frame))
    return _workbook_bytes(wb)


def table_csv(con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, name: str) -> bytes:
    """A table as CSV (UTF-8 with BOM, comma-separated, decimal point: what pandas, LibreOffice and Excel's
    «Dữ liệu › Từ văn bản/CSV» read; the Excel download is the file for a Vietnamese-locale Excel). Give it
    numbers as numbers (tables.for_csv): they are written as they are, never guarded, so a change is «-3»;
    text cells are neutralised like the workbooks' (a text that starts with = + - @, tab or CR gets a leading
    apostrophe and is not read as a formula). The download is audited under `name`."""
    access.require(access.EXPORT)
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = [v if is_missing(v) or not isinstance(v, str) else neutralise(v) for v in safe[column]]
    content = safe.to_csv(index=False).encode("utf-8-sig")
    audit.record(con, audit.EXPORT, target=name, detail={"rows": len(frame)})
    return content


def _audit_export(con: duckdb.DuckDBPyConnection, what: str, period: Period, **detail) -> None:
    audit.record(con, audit.EXPORT, target=what, detail={"period": period.id, **detail})


def _unit_name(con: duckdb.DuckDBPyConnection, unit_id: int) -> str:
    cur = con.cursor()
    try:
        rows = sql.run(cur, "exports/unit_name", unit_id=unit_id).fetchall()
    finally:
        cur.close()
    return rows[0][0] if rows else str(unit_id)


def brief_pdf(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    group: str = "all",
    units: str = "reported",
    settings: Settings | None = None,
    *,
    exported_at: datetime | None = None,
    field: str | None = None,
) -> bytes:
    """The one-page A4 brief (oversight.brief) as PDF (oversight.render.pdf)."""
    access.require(access.EXPORT)
    content = pdf.brief(brief.brief_content(con, period, group, units, settings, exported_at, field))
    _audit_export(con, "brief_pdf", period, group=group, field=field)
    return content


def brief_docx(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    group: str = "all",
    units: str = "reported",
    settings: Settings | None = None,
    *,
    exported_at: datetime | None = None,
    field: str | None = None,
) -> bytes:
    """The one-page A4 brief (oversight.brief) as a Word document (oversight.render.word)."""
    access.require(access.EXPORT)
    content = word.brief(brief.brief_content(con, period, group, units, settings, exported_at, field))
    _audit_export(con, "brief_docx", period, group=group, field=field)
    return content


def monthly_report_files(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    settings: Settings | None = None,
    *,
    exported_at: datetime | None = None,
    formats: tuple[str, ...] = ("docx", "pdf"),
) -> dict[str, bytes]:
    """The monthly report for the Chairman's working group (oversight.monthly_report) of one month, in each of
    `formats` ('docx', 'pdf') from one reading of the figures; audited once as monthly_report_<format>[_<format>]."""
    access.require(access.EXPORT)
    content = monthly_report.report_content(con, period, settings, exported_at)
    render = {"docx": monthly.docx, "pdf": monthly.pdf}
    files = {name: render[name](content) for name in formats}
    _audit_export(con, "monthly_report_" + "_".join(formats), period)
    return files


def monthly_report_docx(con, period: Period, settings: Settings | None = None, *, exported_at=None) -> bytes:
    """The monthly report as a Word document."""
    return monthly_report_files(con, period, settings, exported_at=exported_at, formats=("docx",))["docx"]


def monthly_report_pdf(con, period: Period, settings: Settings | None = None, *, exported_at=None) -> bytes:
    """The monthly report as PDF."""
    return monthly_report_files(con, period, settings, exported_at=exported_at, formats=("pdf",))["pdf"]
