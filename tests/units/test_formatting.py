from datetime import date, datetime

import pytest

from oversight import formatting as fmt


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (1234, 0, "1.234"),
        (1234567, 0, "1.234.567"),
        (12.5, 1, "12,5"),
        (0, 0, "0"),
        (None, 0, "—"),
        (float("nan"), 0, "—"),
    ],
)
def test_number_uses_vietnamese_separators(value, decimals, expected):
    assert fmt.number(value, decimals) == expected


def test_percent_of_a_fraction_and_of_an_empty_rate():
    assert fmt.percent(0.125) == "12,5 %"
    assert fmt.percent(1 / 3) == "33,3 %"
    assert fmt.percent(None) == "—"


def test_dates_are_day_month_year():
    assert fmt.day(date(2025, 10, 3)) == "03/10/2025"
    assert fmt.day(datetime(2025, 1, 31, 23, 59)) == "31/01/2025"


def test_changes_carry_their_sign_and_unit():
    assert fmt.change_points(0.15, 0.10) == "+5,0 điểm %"
    assert fmt.change_points(0.10, 0.15) == "−5,0 điểm %"
    assert fmt.change_points(0.10, None) is None
    assert fmt.change_count(37, 40) == "−3"
    assert fmt.change_count(40, 40) == "±0"


def test_missing_dates_of_every_kind_show_a_dash():
    import pandas as pd

    assert fmt.day(pd.NaT) == "—" and fmt.day(None) == "—" and fmt.number(pd.NA) == "—"


def test_every_kind_of_missing_value_and_no_present_one_is_missing():
    import numpy as np
    import pandas as pd

    missing = (None, float("nan"), np.float64("nan"), np.float32("nan"), pd.NA, pd.NaT, np.datetime64("NaT"))
    present = (0, 0.0, -1.5, np.float64(0.0), np.int64(0), True, False, "", "x", pd.Timestamp("2025-10-31"))
    assert [fmt.is_missing(v) for v in missing] == [True] * len(missing)
    assert [fmt.is_missing(v) for v in present] == [False] * len(present)
    assert fmt.number(np.float64("nan")) == fmt.EMPTY and fmt.percent(float("nan")) == fmt.EMPTY
