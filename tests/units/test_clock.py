"""Today is the province's day: from 17:00 UTC it is already tomorrow in Việt Nam, and the defaults a user sees
(the month shown first, the plausible dates of an upload, the unit valid on a day) follow the province's calendar,
whatever the server's own zone."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from oversight import clock, periods
from oversight.ingest import values


def _frozen_at(utc: datetime):
    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):
            return utc.astimezone(tz) if tz is not None else utc.replace(tzinfo=None)

    return Frozen


@pytest.fixture
def evening_of_new_year(monkeypatch):
    """31/12/2025 18:30 UTC, which is 01:30 on 01/01/2026 in Hà Nội; the server's zone is UTC."""
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setattr(clock, "datetime", _frozen_at(datetime(2025, 12, 31, 18, 30, tzinfo=UTC)))


def test_today_is_the_provinces_day_after_17_utc(evening_of_new_year):
    assert clock.local_today() == date(2026, 1, 1)
    assert clock.local_now_text() == "2026-01-01T01:30:00+07:00"


def test_the_month_shown_first_without_data_is_the_provinces_month(evening_of_new_year):
    shown = periods.default_period(None)
    assert (shown.start, shown.end) == (date(2026, 1, 1), date(2026, 1, 31))


def test_the_plausible_dates_of_an_upload_end_five_years_after_the_provinces_day(evening_of_new_year):
    assert values.date_bounds() == (date(2000, 1, 1), date(2031, 1, 1))
    assert periods.latest_plausible() == date(2031, 1, 1)


def test_before_17_utc_the_day_is_the_same(monkeypatch):
    monkeypatch.setattr(clock, "datetime", _frozen_at(datetime(2025, 12, 31, 16, 59, tzinfo=UTC)))
    assert clock.local_today() == date(2025, 12, 31)
