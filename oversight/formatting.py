"""Vietnamese number, percent and date formats: 1.234 and 12,5 % and 31/10/2025."""

from __future__ import annotations

from datetime import date, datetime

EMPTY = "—"


def is_missing(value: object) -> bool:
    """None, NaN, NaT and pd.NA are all 'no value'."""
    if value is None:
        return True
    if isinstance(value, float):  # the common cells first (a ranking formats hundreds of thousands per page run)
        return value != value  # NaN (also numpy's float64, a float)
    if type(value) in (str, int, bool):
        return False
    try:
        import pandas as pd

        result = pd.isna(value)
    except (TypeError, ValueError):  # pragma: no cover - array-likes are not values
        return False
    return not hasattr(result, "__len__") and bool(result)


def number(value: object, decimals: int = 0) -> str:
    """1234567 -> '1.234.567'; 12.5 (decimals=1) -> '12,5'; None/NaN -> '—'."""
    if is_missing(value):
        return EMPTY
    text = f"{float(value):,.{decimals}f}"  # type: ignore[arg-type]
    return text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")


def percent(fraction: object, decimals: int = 1) -> str:
    """0.125 -> '12,5 %'; an empty rate (zero denominator) -> '—', never 0 % or 100 %."""
    if is_missing(fraction):
        return EMPTY
    return f"{number(float(fraction) * 100, decimals)} %"  # type: ignore[arg-type]


def points(value: object, decimals: int = 2) -> str:
    return number(value, decimals)


def day(value: object) -> str:
    """A date or datetime as dd/mm/yyyy."""
    if is_missing(value):
        return EMPTY
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


def change_points(current: object, previous: object) -> str | None:
    """The change of a rate in percentage points, '+1,2 điểm %', or None when either side is empty."""
    if is_missing(current) or is_missing(previous):
        return None
    delta = (float(current) - float(previous)) * 100  # type: ignore[arg-type]
    sign = "+" if delta > 0 else ("−" if delta < 0 else "±")
    return f"{sign}{number(abs(delta), 1)} điểm %"


def change_count(current: object, previous: object) -> str | None:
    if is_missing(current) or is_missing(previous):
        return None
    delta = int(current) - int(previous)  # type: ignore[call-overload]
    sign = "+" if delta > 0 else ("−" if delta < 0 else "±")
    return f"{sign}{number(abs(delta))}"
