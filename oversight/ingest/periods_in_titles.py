"""The reporting period written in an export's title rows.

Recognised, most explicit first:
    "Từ ngày 15/09/2025 đến ngày 14/10/2025"  (also "(Từ ngày … đến hết ngày …)", "từ 15/9/2025 - 14/10/2025")
    "Tháng 10/2025", "tháng 10 năm 2025"     a month
    "Quý III/2025", "Quý III năm 2025", "Quý 3/2025"
    "6 tháng đầu năm 2025", "6 tháng cuối năm 2025", "Năm 2025"
    "(Số liệu tính đến ngày 14/10/2025)"      the end of the period; its start is the start of the month period
A month, quarter, half-year or year follows the province's cut-off setting (METRICS.md section 1):
calendar, or 15th of the month before .. 14th ("decree09").
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from oversight.config import load_settings
from oversight.text import clean, fold

_DATE = r"(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})"
_RANGE = re.compile(r"(?:tu\s+ngay|tu)?\s*" + _DATE + r"\s*(?:den|-|–|toi)\s*(?:het\s+)?(?:ngay\s+)?" + _DATE)
_AS_OF = re.compile(r"(?:tinh\s+den|den)\s+(?:het\s+)?ngay\s+" + _DATE)
_MONTH = re.compile(r"\bthang\s+(\d{1,2})\s*(?:/|-|nam)\s*(\d{4})\b")
_QUARTER = re.compile(r"\bquy\s+(iv|iii|ii|i|[1-4])\s*(?:/|-|nam)\s*(\d{4})\b")
_HALF = re.compile(r"\b6\s+thang\s+(dau|cuoi)\s+nam\s+(\d{4})\b")
_YEAR = re.compile(r"\b(?:nam|ky bao cao nam)\s+(\d{4})\b")
_SIGNING_DATE = re.compile(r"ngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@dataclass(frozen=True)
class TitlePeriod:
    start: date
    end: date
    text: str  # the title text it was read from
    inferred_start: bool = False  # only "tính đến ngày" was written


def _day(d: str, m: str, y: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month_range(year: int, first_month: int, months: int, cutoff: str) -> tuple[date, date]:
    """Calendar months [first_month, first_month + months), or the 15→14 rule."""
    last_month = first_month + months - 1
    ly, lm = year + (last_month - 1) // 12, (last_month - 1) % 12 + 1
    if cutoff == "decree09":
        start = (date(year, first_month, 1) - timedelta(days=1)).replace(day=15)
        return start, date(ly, lm, 14)
    return date(year, first_month, 1), _month_end(ly, lm)


def period_from_titles(lines: list[str], cutoff: str | None = None) -> TitlePeriod | None:
    """The first period found in the title lines, the most explicit form preferred."""
    cutoff = cutoff or load_settings().period_cutoff
    texts = [clean(x) for x in lines if clean(x)]
    # "Đồng Nai, ngày 15 tháng 10 năm 2025" is the signing date, not the period
    folded = [_SIGNING_DATE.sub(" ", fold(t)) for t in texts]
    for text, low in zip(texts, folded, strict=True):
        m = _RANGE.search(low)
        if m:
            a, b = _day(*m.group(1, 2, 3)), _day(*m.group(4, 5, 6))
            if a and b and a <= b:
                return TitlePeriod(a, b, text)
    for text, low in zip(texts, folded, strict=True):
        m = _MONTH.search(low)
        if m and 1 <= int(m.group(1)) <= 12:
            return TitlePeriod(*month_range(int(m.group(2)), int(m.group(1)), 1, cutoff), text)
        m = _QUARTER.search(low)
        if m:
            q = _ROMAN.get(m.group(1)) or int(m.group(1))
            return TitlePeriod(*month_range(int(m.group(2)), 3 * q - 2, 3, cutoff), text)
        m = _HALF.search(low)
        if m:
            first = 1 if m.group(1) == "dau" else 7
            return TitlePeriod(*month_range(int(m.group(2)), first, 6, cutoff), text)
    for text, low in zip(texts, folded, strict=True):
        m = _AS_OF.search(low)
        if m:
            end = _day(*m.group(1, 2, 3))
            if end:
                if cutoff == "decree09":
                    start = (
                        end.replace(day=15)
                        if end.day >= 15
                        else (end.replace(day=1) - timedelta(days=1)).replace(day=15)
                    )
                else:
                    start = end.replace(day=1)
                return TitlePeriod(start, end, text, inferred_start=True)
    for text, low in zip(texts, folded, strict=True):
        m = _YEAR.search(low)
        if m and not re.search(r"\d{1,2}\s*/\s*\d{1,2}\s*/", low):
            return TitlePeriod(*month_range(int(m.group(1)), 1, 12, cutoff), text)
    return None
