"""Reporting periods (METRICS.md section 1): calendar or Nghị định 09/2019 (15th → 14th) cut-offs.

A period is a closed date range [start, end]; `as_of` is the end of day `end`. Every kind has a compact id
for URLs ("m2025-10", "q2025-3", "h2025-1", "y2025", "ytd2025-10-14", "c2025-10-01_2025-10-31"), a
Vietnamese label and a previous comparable period. With the 15→14 cut-off ("decree09") month M runs from the
15th of M-1 to the 14th of M, quarter Q from the 15th of the month before the quarter to the 14th of its last
month, and year Y from 15/12/(Y-1) to 14/12/Y; the id names the reporting month, not the calendar one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from oversight import clock

CALENDAR = "calendar"
DECREE09 = "decree09"
CUTOFFS = (CALENDAR, DECREE09)
KINDS = ("month", "quarter", "half", "year", "ytd", "custom")
# The plausible span of reporting data: nothing before 1/1/2000, nothing more than YEARS_AHEAD years after today
# (deadlines may lie ahead). A date outside it in loaded data (a mistyped 31/12/9999, an empty cell read as
# 1900) is a data error: it is never offered as a period nor lets a period computation leave the calendar.
EARLIEST = date(2000, 1, 1)
YEARS_AHEAD = 5
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_ID = re.compile(
    r"^(?:m(?P<m_y>\d{4})-(?P<m_m>\d{1,2})"
    r"|q(?P<q_y>\d{4})-(?P<q_q>[1-4])"
    r"|h(?P<h_y>\d{4})-(?P<h_h>[12])"
    r"|y(?P<y_y>\d{4})"
    r"|ytd(?P<ytd>\d{4}-\d{2}-\d{2})"
    r"|c(?P<c_from>\d{4}-\d{2}-\d{2})_(?P<c_to>\d{4}-\d{2}-\d{2}))$"
)


@dataclass(frozen=True)
class Period:
    kind: str  # month | quarter | half | year | ytd | custom
    start: date
    end: date
    label: str
    cutoff: str = CALENDAR
    year: int | None = None  # reporting year (month/quarter/half/year/ytd)
    number: int | None = None  # month 1-12, quarter 1-4, half 1-2

    @property
    def as_of(self) -> datetime:
        """End of day `end` (the moment against which open items are judged)."""
        return datetime.combine(self.end, time.max)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def id(self) -> str:
        return period_id(self)

    def previous(self) -> Period:
        return previous_period(self)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def _check_cutoff(cutoff: str) -> str:
    if cutoff not in CUTOFFS:
        raise ValueError(f"kỳ chốt số liệu không hợp lệ: {cutoff!r} (calendar hoặc decree09)")
    return cutoff


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _month_end(year: int, month: int) -> date:
    ny, nm = _add_months(year, month, 1)
    return date(ny, nm, 1) - timedelta(days=1)


def _span(year: int, first_month: int, last_month: int, cutoff: str) -> tuple[date, date]:
    """The range from the first to the last calendar month, shifted to 15→14 under decree09."""
    if cutoff == DECREE09:
        py, pm = _add_months(year, first_month, -1)
        return date(py, pm, 15), date(year, last_month, 14)
    return date(year, first_month, 1), _month_end(year, last_month)


def _dm(day: date) -> str:
    return day.strftime("%d/%m")


def _dmy(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _cut_note(start: date, end: date, cutoff: str) -> str:
    if cutoff != DECREE09:
        return ""
    if start.year != end.year:
        return f" ({_dmy(start)}–{_dmy(end)})" if (end - start).days > 40 else f" ({_dm(start)}–{_dm(end)})"
    return f" ({_dm(start)}–{_dm(end)})"


def month(year: int, month_number: int, cutoff: str = CALENDAR) -> Period:
    _check_cutoff(cutoff)
    if not 1 <= month_number <= 12:
        raise ValueError(f"tháng không hợp lệ: {month_number}")
    start, end = _span(year, month_number, month_number, cutoff)
    label = f"Tháng {month_number:02d}/{year}" + _cut_note(start, end, cutoff)
    return Period("month", start, end, label, cutoff, year, month_number)


def quarter(year: int, quarter_number: int, cutoff: str = CALENDAR) -> Period:
    _check_cutoff(cutoff)
    if not 1 <= quarter_number <= 4:
        raise ValueError(f"quý không hợp lệ: {quarter_number}")
    first = 3 * quarter_number - 2
    start, end = _span(year, first, first + 2, cutoff)
    label = f"Quý {_ROMAN[quarter_number]}/{year}" + _cut_note(start, end, cutoff)
    return Period("quarter", start, end, label, cutoff, year, quarter_number)


def half(year: int, half_number: int, cutoff: str = CALENDAR) -> Period:
    _check_cutoff(cutoff)
    if half_number not in (1, 2):
        raise ValueError(f"kỳ 6 tháng không hợp lệ: {half_number}")
    first = 1 if half_number == 1 else 7
    start, end = _span(year, first, first + 5, cutoff)
    words = "6 tháng đầu năm" if half_number == 1 else "6 tháng cuối năm"
    label = f"{words} {year}" + _cut_note(start, end, cutoff)
    return Period("half", start, end, label, cutoff, year, half_number)


def year_period(year: int, cutoff: str = CALENDAR) -> Period:
    _check_cutoff(cutoff)
    start, end = _span(year, 1, 12, cutoff)
    return Period("year", start, end, f"Năm {year}" + _cut_note(start, end, cutoff), cutoff, year)


def reporting_year(day: date, cutoff: str = CALENDAR) -> int:
    """The reporting year a day belongs to (under decree09, 15/12 onwards belongs to the next year)."""
    if _check_cutoff(cutoff) == DECREE09 and day >= date(day.year, 12, 15):
        return day.year + 1
    return day.year


def year_to_date(to: date, cutoff: str = CALENDAR) -> Period:
    _check_cutoff(cutoff)
    start = year_period(reporting_year(to, cutoff), cutoff).start
    return Period("ytd", start, to, f"Lũy kế đến {_dmy(to)}", cutoff, reporting_year(to, cutoff))


def custom(start: date, end: date) -> Period:
    if end < start:
        raise ValueError(f"khoảng thời gian không hợp lệ: {_dmy(start)} sau {_dmy(end)}")
    return Period("custom", start, end, f"Từ {_dmy(start)} đến {_dmy(end)}")


def month_containing(day: date, cutoff: str = CALENDAR) -> Period:
    """The (reporting) month a day falls in: under decree09, 15/10 belongs to month 11."""
    if _check_cutoff(cutoff) == DECREE09 and day.day >= 15:
        y, m = _add_months(day.year, day.month, 1)
        return month(y, m, cutoff)
    return month(day.year, day.month, cutoff)


def quarter_containing(day: date, cutoff: str = CALENDAR) -> Period:
    m = month_containing(day, cutoff)
    return quarter(m.year, (m.number - 1) // 3 + 1, cutoff)


def half_containing(day: date, cutoff: str = CALENDAR) -> Period:
    m = month_containing(day, cutoff)
    return half(m.year, 1 if m.number <= 6 else 2, cutoff)


def year_containing(day: date, cutoff: str = CALENDAR) -> Period:
    return year_period(reporting_year(day, cutoff), cutoff)


def previous_period(period: Period) -> Period:
    """The previous comparable period: the month, quarter, half or year before; for a year-to-date the same
    span one year earlier; for a custom range the range of the same length just before it."""
    c = period.cutoff
    if period.kind == "month":
        y, m = _add_months(period.year, period.number, -1)
        return month(y, m, c)
    if period.kind == "quarter":
        return quarter(period.year - 1, 4, c) if period.number == 1 else quarter(period.year, period.number - 1, c)
    if period.kind == "half":
        return half(period.year - 1, 2, c) if period.number == 1 else half(period.year, 1, c)
    if period.kind == "year":
        return year_period(period.year - 1, c)
    if period.kind == "ytd":
        return year_to_date(_same_day_year_before(period.end), c)
    return custom(period.start - timedelta(days=period.days), period.start - timedelta(days=1))


def _same_day_year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29/02
        return date(day.year - 1, 2, 28)


def period_id(period: Period) -> str:
    if period.kind == "month":
        return f"m{period.year}-{period.number:02d}"
    if period.kind == "quarter":
        return f"q{period.year}-{period.number}"
    if period.kind == "half":
        return f"h{period.year}-{period.number}"
    if period.kind == "year":
        return f"y{period.year}"
    if period.kind == "ytd":
        return f"ytd{period.end.isoformat()}"
    return f"c{period.start.isoformat()}_{period.end.isoformat()}"


def parse_period_id(text: str, cutoff: str = CALENDAR) -> Period:
    """The period an id names, under the given cut-off. Raises ValueError (Vietnamese) when unreadable."""
    match = _ID.match(str(text or "").strip())
    if not match:
        raise ValueError(f"mã kỳ báo cáo không hợp lệ: {text!r}")
    g = match.groupdict()
    try:
        if g["m_y"]:
            return month(int(g["m_y"]), int(g["m_m"]), cutoff)
        if g["q_y"]:
            return quarter(int(g["q_y"]), int(g["q_q"]), cutoff)
        if g["h_y"]:
            return half(int(g["h_y"]), int(g["h_h"]), cutoff)
        if g["y_y"]:
            return year_period(int(g["y_y"]), cutoff)
        if g["ytd"]:
            return year_to_date(date.fromisoformat(g["ytd"]), cutoff)
        return custom(date.fromisoformat(g["c_from"]), date.fromisoformat(g["c_to"]))
    except ValueError as exc:
        raise ValueError(f"mã kỳ báo cáo không hợp lệ: {text!r}") from exc


def period_for_range(start: date, end: date, cutoff: str = CALENDAR) -> Period:
    """The named period exactly matching [start, end] under the cut-off, else a custom one."""
    for maker in (month_containing, quarter_containing, half_containing, year_containing):
        p = maker(end, cutoff)
        if p.start == start and p.end == end:
            return p
    if start == year_containing(end, cutoff).start:
        return year_to_date(end, cutoff)
    return custom(start, end)


def settings_cutoff(settings=None) -> str:
    if settings is None:
        from oversight.config import load_settings

        settings = load_settings()
    return _check_cutoff(settings.period_cutoff)


def months_back(end_month: Period, count: int) -> list[Period]:
    """`count` consecutive months ending with `end_month`, oldest first."""
    out = [end_month]
    while len(out) < count:
        out.append(previous_period(out[-1]))
    return out[::-1]


def latest_plausible(today: date | None = None) -> date:
    """The last plausible day of reporting data: YEARS_AHEAD years after today (28/02 for a 29/02)."""
    today = today or clock.local_today()
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29/02
        return date(today.year + YEARS_AHEAD, 2, 28)


def is_plausible(day: date | None, today: date | None = None) -> bool:
    """Whether a day lies in [EARLIEST, latest_plausible(today)]."""
    return day is not None and EARLIEST <= day <= latest_plausible(today)


def plausible_range(
    first: date | None, last: date | None, today: date | None = None
) -> tuple[date | None, date | None]:
    """A data range with each end clamped into [EARLIEST, latest_plausible(today)]; (None, None) without data.
    (The ends are clamped one by one: a range whose items end before they start, such as a single item completed
    before it was received, stays as it is.)"""
    if first is None or last is None:
        return None, None
    latest = latest_plausible(today)
    return min(max(first, EARLIEST), latest), min(max(last, EARLIEST), latest)


def usable_span(today: date | None = None) -> tuple[date, date]:
    """The dates a period asked for may cover: the whole years around the plausible span, so that every period
    offered for plausible data (a 15→14 month or year reaches into the year before or after) is usable, and no
    period computation leaves the calendar (year 1 to 9999)."""
    return date(EARLIEST.year - 1, 1, 1), date(latest_plausible(today).year + 1, 12, 31)


def is_usable_period(period: Period, today: date | None = None) -> bool:
    """Whether a period lies inside usable_span (a period read from a link is checked before it is used)."""
    first, last = usable_span(today)
    return first <= period.start and period.end <= last


def offered_periods(
    min_date: date | None, max_date: date | None, cutoff: str = CALENDAR, today: date | None = None
) -> dict[str, list[Period]]:
    """The periods to offer for data spanning [min_date, max_date], newest first, per kind.

    Every month, quarter, half and year that overlaps the data range, within the plausible span
    (plausible_range); plus the year to date ending on the last day with data, or today when that lies in the
    future. Empty lists when there is no data.
    """
    out: dict[str, list[Period]] = {k: [] for k in ("month", "quarter", "half", "year", "ytd")}
    min_date, max_date = plausible_range(min_date, max_date, today)
    if min_date is None or max_date is None:
        return out
    for kind, maker in (
        ("month", month_containing),
        ("quarter", quarter_containing),
        ("half", half_containing),
        ("year", year_containing),
    ):
        p = maker(max_date, cutoff)
        while p.end >= min_date:
            out[kind].append(p)
            p = previous_period(p)
    out["ytd"].append(year_to_date(min(max_date, today or clock.local_today()), cutoff))
    return out


def default_period(max_date: date | None, cutoff: str = CALENDAR, today: date | None = None) -> Period:
    """The month to show first: the (reporting) month containing the last day with data, or today's when there
    is no data or its last day lies in the future (a deadline ahead, a mistyped year) or out of the plausible span."""
    today = today or clock.local_today()
    if max_date is None or not is_plausible(max_date, today):
        return month_containing(today, cutoff)
    return month_containing(min(max_date, today), cutoff)
