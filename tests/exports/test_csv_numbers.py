"""A table's CSV carries numbers as numbers (tables.for_csv + exports.table_csv): rates in percent under a
«(%)» title, counts without thousands separators, the rank change signed, dates in ISO; text from uploads is
still neutralised, numbers never are. Read back with pandas as an analyst would."""

from __future__ import annotations

import io

import pandas as pd

from oversight import exports, tables


def _ranking() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "rank": [1, 2, None],
            "unit_name": ["Xã Long Phước", '=HYPERLINK("http://x")', "-Phường Trấn Biên"],
            "score": [92.349, 40.0, None],
            "movement": [2, -3, None],
            "tasks_overdue_rate": [0.125, 0.4, None],
            "tasks_total": [12345, 40, 0],
            "due_at": [pd.Timestamp("2025-10-31 17:30"), pd.NaT, pd.Timestamp("2025-01-02")],
        }
    )


COLUMNS = ["rank", "unit_name", "score", "movement", "tasks_overdue_rate", "tasks_total", "due_at"]


def _read(content: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(content), encoding="utf-8-sig")


def test_numbers_read_back_as_numbers(con):
    content = exports.table_csv(con, tables.for_csv(_ranking(), COLUMNS), "xep_hang.csv")
    frame = _read(content)
    assert list(frame.columns) == [
        "Hạng",
        "Đơn vị",
        "Điểm",
        "Thay đổi hạng (+ tăng, - giảm)",
        "Nhiệm vụ quá hạn (%)",
        "Nhiệm vụ",
        "Hạn xử lý",
    ]
    assert frame["Nhiệm vụ quá hạn (%)"].dtype == "float64"
    assert frame["Nhiệm vụ quá hạn (%)"].tolist()[:2] == [12.5, 40.0]  # 0.125 and 0.4 in percent
    assert pd.isna(frame["Nhiệm vụ quá hạn (%)"].iloc[2])  # an empty rate stays empty, never 0
    assert frame["Nhiệm vụ"].dtype == "int64"
    assert frame["Nhiệm vụ"].tolist() == [12345, 40, 0]
    assert frame["Thay đổi hạng (+ tăng, - giảm)"].tolist()[:2] == [2.0, -3.0]  # signed, not «'=» nor «▼ 3»
    assert frame["Điểm"].tolist()[:2] == [92.3, 40.0]
    assert frame["Hạng"].tolist()[:2] == [1.0, 2.0]
    dates = pd.to_datetime(frame["Hạn xử lý"])
    assert dates.iloc[0] == pd.Timestamp("2025-10-31") and pd.isna(dates.iloc[1])


def test_text_is_neutralised_and_numbers_are_not(con):
    content = exports.table_csv(con, tables.for_csv(_ranking(), COLUMNS), "xep_hang.csv")
    text = content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[1] == "1,Xã Long Phước,92.3,2,12.5,12345,2025-10-31"
    assert lines[2] == '2,"\'=HYPERLINK(""http://x"")",40.0,-3,40.0,40,'
    assert lines[3] == ",'-Phường Trấn Biên,,,,0,2025-01-02"
    assert "%" not in "\n".join(lines[1:]) and "—" not in text and "nan" not in text


def test_every_rate_column_is_titled_in_percent():
    for column in tables.CSV_PERCENT:
        assert tables.csv_title(column).endswith(" (%)"), column
    assert {"tasks_overdue_rate", "cases_late_rate", "feedback_overdue_rate"} <= tables.CSV_PERCENT
