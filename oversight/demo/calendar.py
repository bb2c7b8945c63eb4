"""Calendar facts the demo province lives by: months, public holidays (Tết), working days, seasons."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import cache

# Public holidays as civil servants took them (Tết windows include the bridging days).
TET = ((date(2025, 1, 25), date(2025, 2, 2)), (date(2026, 2, 14), date(2026, 2, 22)))
_OTHER_HOLIDAYS = (
    (date(2025, 1, 1), date(2025, 1, 1)),
    (date(2025, 4, 30), date(2025, 5, 4)),
    (date(2025, 8, 30), date(2025, 9, 2)),
    (date(2026, 1, 1), date(2026, 1, 1)),
    (date(2026, 4, 26), date(2026, 4, 26)),
    (date(2026, 4, 30), date(2026, 5, 3)),
    (date(2026, 9, 1), date(2026, 9, 2)),
)
HOLIDAYS = frozenset(
    start + timedelta(days=i) for start, end in TET + _OTHER_HOLIDAYS for i in range((end - start).days + 1)
)

# Relative monthly intake: slow around Tết, a spring peak, a July dip (the 2025 reform), a year-end rush.
SEASON = {1: 0.92, 2: 0.85, 3: 1.10, 4: 1.05, 5: 1.0, 6: 1.06, 7: 0.95, 8: 1.0, 9: 0.97, 10: 1.04, 11: 1.08, 12: 1.15}


def month_range(first: date, last: date) -> list[date]:
    """First days of the months from `first` to `last`, both included."""
    out, day = [], first.replace(day=1)
    while day <= last:
        out.append(day)
        day = next_month(day)
    return out


def next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def month_end(day: date) -> date:
    return next_month(day) - timedelta(days=1)


def end_of_day(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in HOLIDAYS


@cache
def add_working_days(day: date, n: int) -> date:
    while n > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


@cache
def next_working_day(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


@cache
def intake_weight(day: date) -> float:
    """How many items arrive on a day relative to an ordinary working day."""
    for start, end in TET:
        if start <= day <= end:
            return 0.03
        if start - timedelta(days=7) <= day < start:
            return 0.55
        if end < day <= end + timedelta(days=5):
            return 1.25  # the backlog after the holiday
    if day in HOLIDAYS:
        return 0.05
    return (1.0, 1.0, 1.0, 1.0, 1.0, 0.22, 0.08)[day.weekday()]


@cache
def near_tet(day: date) -> bool:
    """A deadline falling in Tết or the fortnight after it is often missed."""
    return any(start - timedelta(days=3) <= day <= end + timedelta(days=14) for start, end in TET)
