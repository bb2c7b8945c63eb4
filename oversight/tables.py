"""Tables as leaders read them: Vietnamese column titles and formatted values, in one place."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from oversight import formatting as fmt
from oversight import memo

# column -> (Vietnamese title, formatter)
COLUMNS: dict[str, tuple[str, Callable[[object], str]]] = {
    "rank": ("Hạng", lambda v: fmt.number(v)),
    "prev_rank": ("Hạng kỳ trước", lambda v: fmt.number(v)),
    "movement": ("Thay đổi", lambda v: movement(v)),
    "unit_name": ("Đơn vị", str),
    "reported_unit_name": ("Đơn vị (như báo cáo)", str),
    "unit_code": ("Mã", lambda v: "" if fmt.is_missing(v) else str(v)),
    "score": ("Điểm", lambda v: fmt.number(v, 1)),
    "band": ("Xếp loại", lambda v: "" if fmt.is_missing(v) else str(v)),
    "tasks_total": ("Nhiệm vụ", fmt.number),
    "tasks_overdue_rate": ("Nhiệm vụ quá hạn", fmt.percent),
    "tasks_done_late": ("NV hoàn thành quá hạn", fmt.number),
    "tasks_open_overdue": ("NV đang quá hạn", fmt.number),
    "tasks_due_soon": ("NV sắp đến hạn (7 ngày)", fmt.number),
    "cases_total": ("Hồ sơ", fmt.number),
    "cases_resolved": ("Đã giải quyết", fmt.number),
    "cases_resolved_late": ("Giải quyết quá hạn", fmt.number),
    "cases_pending": ("Đang giải quyết", fmt.number),
    "cases_pending_overdue": ("Đang giải quyết quá hạn", fmt.number),
    "cases_late_rate": ("Hồ sơ trễ hạn", fmt.percent),
    "cases_766_progress_score": ("Điểm tiến độ 766", lambda v: fmt.number(v, 2)),
    "feedback_total": ("Phản ánh", fmt.number),
    "feedback_overdue_rate": ("Phản ánh quá hạn", fmt.percent),
    "feedback_satisfaction_rate": ("Hài lòng", fmt.percent),
    "score_components_text": ("Thành phần tính điểm", str),
    "reminders_12m_text": ("Bị nhắc nhở (12 tháng)", str),
    "volume_note": ("Ghi chú", str),
    "metric_count": ("Số trễ/quá hạn", fmt.number),
    "metric_volume": ("Tổng số", fmt.number),
    "doc_number": ("Số, ký hiệu văn bản", str),
    "case_code": ("Mã hồ sơ", str),
    "feedback_code": ("Mã phản ánh", str),
    "content": ("Nội dung", str),
    "procedure_name": ("Thủ tục hành chính", str),
    "field": ("Lĩnh vực", lambda v: "" if fmt.is_missing(v) else str(v)),
    "received_at": ("Ngày nhận/giao", fmt.day),
    "due_at": ("Hạn xử lý", fmt.day),
    "done_at": ("Ngày hoàn thành", fmt.day),
    "days_overdue": ("Số ngày quá hạn", fmt.number),
    "outcome_label": ("Tình trạng", str),
    "status_text": ("Trạng thái (hệ thống)", lambda v: "" if fmt.is_missing(v) else str(v)),
}


def movement(value: object) -> str:
    """+2 places up -> '▲ 2', down -> '▼ 3', same -> '=', new -> ''."""
    if fmt.is_missing(value):
        return ""
    v = int(value)  # type: ignore[call-overload]
    return f"▲ {v}" if v > 0 else (f"▼ {-v}" if v < 0 else "=")


def present(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The chosen columns, formatted and titled in Vietnamese (strings, for display and print)."""
    return _present(frame[list(columns)].reset_index(drop=True), tuple(columns))


@memo.remembered()
def _present(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """present, remembered by content: a warm page run shows the thousands of cells the last one formatted."""
    out = pd.DataFrame(index=frame.index)
    for column in columns:
        title, formatter = COLUMNS[column]
        values = frame[column].tolist()  # plain Python values: iterating a text column of pandas boxes each cell
        out[title] = [formatter(v) if not (formatter is str and fmt.is_missing(v)) else "" for v in values]
    return out.reset_index(drop=True)


# How a column is written to CSV (for_csv): numbers as numbers, so Excel and pandas read them as such.
# A rate is written in percent (12.5 for 12,5 %) under a title that says «(%)», as the screen shows it.
CSV_PERCENT = {k for k, (_t, f) in COLUMNS.items() if f is fmt.percent}
CSV_INTEGER = {
    "rank", "prev_rank", "tasks_total", "tasks_done_late", "tasks_open_overdue", "tasks_due_soon", "cases_total",
    "cases_resolved", "cases_resolved_late", "cases_pending", "cases_pending_overdue", "feedback_total",
    "metric_count", "metric_volume", "days_overdue",
}  # fmt: skip
CSV_DECIMALS = {"score": 1, "cases_766_progress_score": 2}
CSV_SIGNED = {"movement": "Thay đổi hạng (+ tăng, - giảm)"}
CSV_DATES = {"received_at", "due_at", "done_at"}


def csv_title(column: str) -> str:
    """The CSV header of a column: the screen's title, «(%)» after a rate, the sign's meaning for a change."""
    if column in CSV_SIGNED:
        return CSV_SIGNED[column]
    title = COLUMNS[column][0]
    return f"{title} (%)" if column in CSV_PERCENT else title


def for_csv(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The chosen columns as a CSV carries them: Vietnamese titles; rates as percent numbers rounded to one
    decimal (0.125 -> 12.5), counts and rank changes as whole numbers (signed: -3 is three places down),
    scores as decimals, dates as ISO text (2025-10-31, which Excel and pandas read as dates in any locale),
    text as text; an empty value stays empty (never «—» or «nan»)."""
    out = pd.DataFrame(index=frame.index)
    for column in columns:
        values = frame[column]
        if column in CSV_PERCENT:
            out[csv_title(column)] = (pd.to_numeric(values, errors="coerce") * 100).round(1)
        elif column in CSV_INTEGER or column in CSV_SIGNED:
            out[csv_title(column)] = pd.to_numeric(values, errors="coerce").round().astype("Int64")
        elif column in CSV_DECIMALS:
            out[csv_title(column)] = pd.to_numeric(values, errors="coerce").round(CSV_DECIMALS[column])
        elif column in CSV_DATES:
            stamps = pd.to_datetime(values, errors="coerce")
            out[csv_title(column)] = [None if pd.isna(v) else v.strftime("%Y-%m-%d") for v in stamps]
        else:
            out[csv_title(column)] = [None if fmt.is_missing(v) else str(v) for v in values.tolist()]
    return out.reset_index(drop=True)
