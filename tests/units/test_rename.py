"""A renamed unit keeps one identity: old exports still match it, and figures as reported show the name
the unit had in the period."""

from datetime import date, datetime

import pytest

from oversight import metrics
from oversight.units import changes, renames
from oversight.units.matcher import UnitMatcher
from tests.metrics.helpers import span


def _unit(con, name):
    return con.execute("SELECT unit_id FROM units WHERE name = ? AND valid_to IS NULL", [name]).fetchone()[0]


def _case(con, upload, code, unit_id, unit_name, received):
    con.execute(
        "INSERT INTO cases (upload_id, source_row, case_code, unit_id, unit_name, channel, received, due, done,"
        " status_code) VALUES (?, 1, ?, ?, ?, 'online', ?, ?, NULL, 'open')",
        [upload, code, unit_id, unit_name, received, datetime(received.year, received.month, 28, 17)],
    )


@pytest.fixture
def renamed(con):
    tran_bien = _unit(con, "Phường Trấn Biên")
    result = renames.rename_unit(con, tran_bien, "Phường Trấn Biên Mới", date(2026, 1, 1), "Sở Nội vụ")
    return tran_bien, result


def test_rename_keeps_identity_and_both_names_match(con, renamed):
    unit_id, result = renamed
    assert result.message.startswith("Đã đổi tên «Phường Trấn Biên» thành «Phường Trấn Biên Mới» từ ngày 01/01/2026")
    matcher = UnitMatcher(con)
    assert matcher.match("UBND phường Trấn Biên", date(2025, 10, 1)).unit_id == unit_id
    assert matcher.match("P. Trấn Biên Mới", date(2026, 2, 1)).unit_id == unit_id
    assert con.execute("SELECT name, valid_from, valid_to FROM unit_names WHERE unit_id = ?", [unit_id]).fetchall() == [
        ("Phường Trấn Biên", date(2025, 7, 1), date(2025, 12, 31))
    ]


def test_figures_as_reported_show_the_name_of_the_period(con, renamed):
    unit_id, _ = renamed
    up = con.execute(
        "INSERT INTO uploads (kind, file_name, sha256, uploaded_by) VALUES ('cases', 'x.xlsx', 'x', 't')"
        " RETURNING upload_id"
    ).fetchone()[0]
    _case(con, up, "A-1", unit_id, "Phường Trấn Biên", datetime(2025, 10, 3, 9))
    _case(con, up, "A-2", unit_id, "P. Trấn Biên Mới", datetime(2026, 2, 3, 9))
    october = metrics.kind_by_unit(con, "cases", span(date(2025, 10, 1), date(2025, 10, 31)))
    february = metrics.kind_by_unit(con, "cases", span(date(2026, 2, 1), date(2026, 2, 28)))
    assert october.set_index("unit_id").loc[unit_id, "unit_name"] == "Phường Trấn Biên"
    assert february.set_index("unit_id").loc[unit_id, "unit_name"] == "Phường Trấn Biên Mới"
    today = metrics.kind_by_unit(con, "cases", span(date(2025, 10, 1), date(2025, 10, 31)), units="today")
    assert today.set_index("unit_id").loc[unit_id, "unit_name"] == "Phường Trấn Biên Mới"
    ranking = metrics.unit_metrics(con, span(date(2025, 10, 1), date(2025, 10, 31)))
    assert ranking.set_index("unit_id").loc[unit_id, "unit_name"] == "Phường Trấn Biên"


@pytest.mark.parametrize(
    ("new_name", "effective", "message"),
    [
        ("", date(2026, 1, 1), "Nhập tên mới."),
        ("Phường Trấn Biên", date(2026, 1, 1), "Tên mới trùng tên hiện tại «Phường Trấn Biên»."),
        ("Phường Tam Hiệp", date(2026, 1, 1), "Tên «Phường Tam Hiệp» đang là tên gọi của «Phường Tam Hiệp»; không đổi được."),
        ("Phường X", date(2025, 6, 1), "Ngày đổi tên 01/06/2025 phải sau ngày 01/07/2025 và trong thời gian «Phường Trấn Biên» còn hiệu lực."),
    ],
)  # fmt: skip
def test_refused_renames_say_why_and_change_nothing(con, new_name, effective, message):
    unit_id = _unit(con, "Phường Trấn Biên")
    before = con.execute("SELECT count(*) FROM unit_aliases").fetchone()[0]
    with pytest.raises(changes.AdminError) as caught:
        renames.rename_unit(con, unit_id, new_name, effective, "Sở Nội vụ")
    assert str(caught.value) == message
    assert con.execute("SELECT name FROM units WHERE unit_id = ?", [unit_id]).fetchone()[0] == "Phường Trấn Biên"
    assert con.execute("SELECT count(*) FROM unit_aliases").fetchone()[0] == before
