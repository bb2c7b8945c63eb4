"""Cell text → typed values: SQL expressions run by DuckDB over the whole column, plus a Python parser
for the few distinct deadline texts written in words ("Thường xuyên", "Trong tháng 10/2025", "Quý IV/2025").

Accepted date forms: Excel dates and date-times (the reader gives them as "YYYY-MM-DD HH:MM:SS"), Excel
serial numbers stored as numbers, "dd/mm/yyyy", "dd/mm/yyyy HH:MM[:SS]", "dd-mm-yyyy", "dd.mm.yyyy",
"HH:MM dd/mm/yyyy", with commas, " - " or "8h30" between the parts. A date without a time is midnight
(metrics read 00:00 as the end of that day). Numbers: "1234", "1.234", "1,234", "1 234", empty or "-" = 0.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

from oversight import clock
from oversight.statuses import NO_DEADLINE_WORDS
from oversight.text import clean, fold

DATE_FORMATS = (
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%H:%M:%S %d/%m/%Y",
    "%H:%M %d/%m/%Y",
    "%H:%M %d-%m-%Y",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d",
)
SERIAL_MIN, SERIAL_MAX = 25569, 73051  # a number written as text is a date only in 1970-01-01 .. 2099-12-31
SERIAL_LAST = 2958465 + 86399 / 86400  # 9999-12-31 23:59:59, the last instant Excel can store
# Plausible dates: none before 2000, none more than five years after the upload (METRICS.md section 7).
DATE_MIN = date(2000, 1, 1)
FUTURE_YEARS = 5


def date_bounds(today: date | None = None) -> tuple[date, date]:
    """(first, last) plausible day for an upload made on `today`: 01/01/2000 and today + 5 years."""
    today = today or clock.local_today()
    try:
        last = today.replace(year=today.year + FUTURE_YEARS)
    except ValueError:  # 29 February
        last = today.replace(year=today.year + FUTURE_YEARS, day=28)
    return DATE_MIN, last


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


_ODD_SPACES = r"[\s\x{00A0}\x{200B}\x{FEFF}\x{2007}\x{202F}]"
# decomposed (NFD) combining marks, odd or repeated spaces: the cells that need cleaning
_NEEDS_CLEANING = r"[\x{0300}-\x{036F}\t\n\r\x{00A0}\x{200B}\x{FEFF}\x{2007}\x{202F}]|\s\s|^\s|\s$"


def text_sql(expr: str) -> str:
    """NFC, every kind of space collapsed, trimmed; '' → NULL. Normalising runs only on cells that need it."""
    return (
        f"nullif(CASE WHEN regexp_matches({expr}, '{_NEEDS_CLEANING}')"
        f" THEN trim(regexp_replace(nfc_normalize({expr}), '{_ODD_SPACES}+', ' ', 'g'))"
        f" ELSE {expr} END, '')"
    )


def column_sql(name: str, arrow_type) -> dict[str, str]:
    """SQL for one source column by its Arrow type: 'text' (cleaned VARCHAR), 'date' (TIMESTAMP), 'int' (count)."""
    import pyarrow as pa

    col = quote(name)
    if pa.types.is_timestamp(arrow_type) or pa.types.is_date(arrow_type):
        return {
            "text": f"strftime(CAST({col} AS TIMESTAMP), '%d/%m/%Y %H:%M:%S')",
            "date": f"CAST({col} AS TIMESTAMP)",
            "int": f"CASE WHEN {col} IS NULL THEN 0 END",
        }
    if pa.types.is_floating(arrow_type) or pa.types.is_integer(arrow_type):
        return {
            "text": f"CASE WHEN {col} = trunc({col}) AND abs({col}) < 1e15 THEN CAST(CAST({col} AS BIGINT) AS VARCHAR)"
            f" ELSE CAST({col} AS VARCHAR) END",
            # any positive serial is a date (one past Excel's last day reads as its last day, out of range)
            "date": f"CASE WHEN {col} >= 1 THEN TIMESTAMP '1899-12-30'"
            f" + to_seconds(CAST(round(least({col}, {SERIAL_LAST!r}) * 86400) AS BIGINT)) END",
            "int": f"CASE WHEN {col} IS NULL THEN 0 WHEN {col} >= 0 AND {col} = trunc({col}) THEN CAST({col} AS BIGINT) END",
        }
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        text = text_sql(col)
        return {"text": text, "date": None, "int": None}  # parsed from the cleaned text
    if pa.types.is_null(arrow_type):
        return {"text": "NULL::VARCHAR", "date": "NULL::TIMESTAMP", "int": "0"}
    return {"text": f"nullif(trim(CAST({col} AS VARCHAR)), '')", "date": None, "int": None}


def fold_sql(expr: str) -> str:
    """lower case, no diacritics, Đ/đ → d (DuckDB's strip_accents keeps đ)."""
    return f"strip_accents(lower(replace(replace({expr}, 'Đ', 'd'), 'đ', 'd')))"


def date_sql(expr: str) -> str:
    """A TIMESTAMP from cell text, NULL when empty or unreadable."""
    formats = "[" + ", ".join(f"'{f}'" for f in DATE_FORMATS) + "]"
    norm = (
        f"regexp_replace(regexp_replace({expr}, '(\\d)\\s*[hH]\\s*(\\d)', '\\1:\\2', 'g'), "
        r"'\s*[,;]\s*|\s+-\s+|\s+lúc\s+|\s+ngày\s+|^ngày\s+|^lúc\s+', ' ', 'g')"
    )
    parsed = f"""CASE
        WHEN {expr} IS NULL THEN NULL
        WHEN regexp_full_match({expr}, '\\d{{4}}-\\d{{2}}-\\d{{2}}([ T]\\d{{2}}:\\d{{2}}(:\\d{{2}}(\\.\\d+)?)?)?')
            THEN try_cast({expr} AS TIMESTAMP)
        WHEN regexp_full_match({expr}, '\\d{{5}}(\\.\\d+)?')
             AND try_cast({expr} AS DOUBLE) BETWEEN {SERIAL_MIN} AND {SERIAL_MAX}
            THEN TIMESTAMP '1899-12-30'
                 + to_seconds(CAST(round(try_cast({expr} AS DOUBLE) * 86400) AS BIGINT))
        ELSE try_strptime(trim({norm}), {formats})
    END"""
    return parsed


def int_sql(expr: str) -> str:
    """A non-negative count from cell text: empty and '-' are 0; NULL when unreadable."""
    return f"""CASE
        WHEN {expr} IS NULL OR {expr} IN ('-', '–', '—') THEN 0
        WHEN regexp_full_match({expr}, '\\d+') THEN try_cast({expr} AS BIGINT)
        WHEN regexp_full_match({expr}, '\\d{{1,3}}([.,  ]\\d{{3}})+') THEN try_cast(regexp_replace({expr}, '[^0-9]', '', 'g') AS BIGINT)
        WHEN regexp_full_match({expr}, '\\d+[.,]0+') THEN try_cast(regexp_replace({expr}, '[.,]0+$', '') AS BIGINT)
        ELSE NULL
    END"""


# ------------------------------------------------------------------------------------ deadlines in words

_NO_DEADLINE = tuple(fold(w) for w in NO_DEADLINE_WORDS)
_EMBEDDED_DATE = re.compile(r"(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})")
_LONG_DATE = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_MONTH = re.compile(r"thang\s+(\d{1,2})\s*(?:/|-|nam)\s*(\d{4})")
_QUARTER = re.compile(r"quy\s+(iv|iii|ii|i|[1-4])\s*(?:/|-|nam)\s*(\d{4})")
_HALF = re.compile(r"6\s+thang\s+(dau|cuoi)\s+nam\s+(\d{4})")
_YEAR = re.compile(r"(?:trong\s+)?nam\s+(\d{4})")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_deadline_words(text: object) -> tuple[datetime | None, bool]:
    """(deadline, no_deadline) for a deadline written in words; (None, False) when unreadable.

    "Thường xuyên", "Không thời hạn" → (None, True); "Trong tháng 10/2025" → end of October;
    "Quý IV/2025" → 31/12/2025; "Trước ngày 15/10/2025" → 15/10/2025; "6 tháng đầu năm 2025" → 30/06/2025.
    """
    low = fold(text)
    if not low:
        return None, False
    if any(w in low for w in _NO_DEADLINE):
        return None, True
    for rx in (_EMBEDDED_DATE, _LONG_DATE):
        m = rx.search(low)
        if m:
            try:
                return datetime(int(m.group(3)), int(m.group(2)), int(m.group(1))), False
            except ValueError:
                return None, False
    m = _MONTH.search(low)
    if m and 1 <= int(m.group(1)) <= 12:
        d = _month_end(int(m.group(2)), int(m.group(1)))
        return datetime(d.year, d.month, d.day), False
    m = _QUARTER.search(low)
    if m:
        q = _ROMAN.get(m.group(1)) or int(m.group(1))
        d = _month_end(int(m.group(2)), 3 * q)
        return datetime(d.year, d.month, d.day), False
    m = _HALF.search(low)
    if m:
        d = _month_end(int(m.group(2)), 6 if m.group(1) == "dau" else 12)
        return datetime(d.year, d.month, d.day), False
    m = _YEAR.search(low)
    if m:
        return datetime(int(m.group(1)), 12, 31), False
    return None, False


def parse_embedded_date(text: object) -> datetime | None:
    """A date written inside other words ("15/10/2025 (đã gia hạn)", "ngày 15 tháng 10 năm 2025")."""
    low = fold(clean(text))
    for rx in (_EMBEDDED_DATE, _LONG_DATE):
        m = rx.search(low)
        if m:
            try:
                return datetime(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                return None
    return None
