"""Header synonyms, kind detection, periods in titles, dates and numbers."""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import pyarrow as pa
import pytest

from oversight.ingest.columns import best_mapping, map_columns
from oversight.ingest.headers import is_numbering_row
from oversight.ingest.periods_in_titles import period_from_titles
from oversight.ingest.values import date_sql, int_sql, parse_deadline_words, text_sql


def paths(*headers: str) -> dict[int, list[str]]:
    return {i: [h] for i, h in enumerate(headers)}


SYNONYM_SETS = [
    (
        "cases",
        ["Số biên nhận", "Tên TTHC", "Đơn vị tiếp nhận", "Ngày nhận", "Hạn xử lý", "Ngày xử lý xong", "Ngày trả kết quả", "Tình trạng", "Kênh nộp", "Chủ hồ sơ"],
        ["case_code", "procedure_name", "unit", "received", "due", "done", "returned", "status", "channel", "applicant"],
    ),
    (
        "cases",
        ["MÃ HỒ SƠ", "ten thu tuc hanh chinh", "Cơ quan  giải quyết", "Ngày tiếp nhận", "Ngày hẹn trả kết quả", "Ngày có kết quả", "Trạng thái", "Hình thức nộp"],
        ["case_code", "procedure_name", "unit", "received", "due", "done", "status", "channel"],
    ),
    (
        "tasks",
        ["Số văn bản", "Ngày văn bản", "Nội dung nhiệm vụ", "Người giao", "Cơ quan chủ trì", "Cơ quan phối hợp", "Hạn hoàn thành", "Gia hạn", "Ngày hoàn thành", "Kết quả thực hiện", "Ghi chú"],
        ["doc_number", "doc_date", "content", "assigned_by", "unit", "cooperating_units", "due", "due_adjusted", "done", "status", "note"],
    ),
    (
        "tasks",
        ["Văn bản giao", "Ngày văn bản", "Ngày giao", "Nội dung nhiệm vụ được giao", "Người giao", "Cơ quan chủ trì", "Cơ quan phối hợp", "Hạn xử lý", "Thời hạn điều chỉnh", "Ngày hoàn thành", "Tình trạng thực hiện"],
        ["doc_number", "doc_date", "received", "content", "assigned_by", "unit", "cooperating_units", "due", "due_adjusted", "done", "status"],
    ),
    (
        "feedback",
        ["Số phiếu", "Thời gian tiếp nhận", "Nguồn tiếp nhận", "Chuyên mục", "Loại phản ánh", "Tóm tắt nội dung", "Địa chỉ", "Cơ quan xử lý", "Thời hạn xử lý", "Ngày trả lời", "Tình trạng", "Đánh giá"],
        ["feedback_code", "received", "channel", "field", "category", "content", "area", "unit", "due", "done", "status", "rating"],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "headers", "fields"), SYNONYM_SETS)
def test_synonym_sets_map_and_detect_the_kind(kind, headers, fields):
    mapping = best_mapping(paths(*headers))
    assert mapping.kind == kind
    assert mapping.complete
    assert mapping.columns == {f: i for i, f in enumerate(fields)}


def test_bieu06_paths_with_short_and_reordered_labels():
    p = {
        0: ["STT"],
        1: ["Lĩnh vực, công việc giải quyết theo cấp"],
        2: ["Tiếp nhận", "Tổng số"],
        3: ["Tiếp nhận", "Tồn kỳ trước"],
        4: ["Tiếp nhận", "Trực tuyến"],
        5: ["Tiếp nhận", "Trực tiếp"],
        6: ["Đã giải quyết", "Tổng số"],
        7: ["Đã giải quyết", "Trước hạn"],
        8: ["Đã giải quyết", "Đúng hạn"],
        9: ["Đã giải quyết", "Quá hạn"],
        10: ["Đang giải quyết", "Tổng số"],
        11: ["Đang giải quyết", "Chưa đến hạn"],
        12: ["Đang giải quyết", "Quá hạn"],
        13: ["Tỷ lệ đúng hạn (%)"],
    }
    m = best_mapping(p)
    assert m.kind == "case_stats" and m.complete
    assert m.columns == {
        "unit": 1,
        "cases_total": 2,
        "cases_carried_over": 3,
        "cases_new_online": 4,
        "cases_new_offline": 5,
        "cases_resolved": 6,
        "cases_resolved_early": 7,
        "cases_resolved_on_time": 8,
        "cases_resolved_late": 9,
        "cases_pending": 10,
        "cases_pending_on_time": 11,
        "cases_pending_overdue": 12,
    }


def test_missing_required_column_is_named():
    m = map_columns("cases", paths("STT", "Mã hồ sơ", "Ngày tiếp nhận", "Trạng thái"))
    assert m.missing == ["unit", "due", "done"]
    m = map_columns("cases", paths("Mã hồ sơ", "Cơ quan giải quyết", "Ngày tiếp nhận", "Hạn xử lý", "Ngày trả kết quả"))
    assert m.missing == []  # the date the result was handed back stands for the completion date


def test_numbering_rows():
    assert is_numbering_row(["(1)", "(2)", "(3)=(4)+(5)+(6)", "(4)"])
    assert is_numbering_row(["A", "B", "1", "2", "3"])
    assert is_numbering_row(["1", "2", "3", "", "4"])
    assert not is_numbering_row(["1", "HS-001", "Sở Tư pháp"])


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Từ ngày 15/09/2025 đến ngày 14/10/2025", (date(2025, 9, 15), date(2025, 10, 14))),
        ("(từ 15/9/2025 - 14/10/2025)", (date(2025, 9, 15), date(2025, 10, 14))),
        ("Tháng 10/2025", (date(2025, 10, 1), date(2025, 10, 31))),
        ("Kỳ báo cáo: tháng 2 năm 2024", (date(2024, 2, 1), date(2024, 2, 29))),
        ("Quý III/2025", (date(2025, 7, 1), date(2025, 9, 30))),
        ("QUÝ III NĂM 2025", (date(2025, 7, 1), date(2025, 9, 30))),
        ("Quý 4/2025", (date(2025, 10, 1), date(2025, 12, 31))),
        ("6 tháng đầu năm 2025", (date(2025, 1, 1), date(2025, 6, 30))),
        ("(Số liệu tính đến ngày 14/10/2025)", (date(2025, 10, 1), date(2025, 10, 14))),
        ("Đồng Nai, ngày 15 tháng 10 năm 2025", None),
    ],
)
def test_period_from_titles_calendar(title, expected):
    found = period_from_titles(["UBND TỈNH ĐỒNG NAI", title], cutoff="calendar")
    assert (None if found is None else (found.start, found.end)) == expected


def test_period_from_titles_decree09_cutoff():
    found = period_from_titles(["Tháng 10/2025"], cutoff="decree09")
    assert (found.start, found.end) == (date(2025, 9, 15), date(2025, 10, 14))
    found = period_from_titles(["Quý III năm 2025"], cutoff="decree09")
    assert (found.start, found.end) == (date(2025, 6, 15), date(2025, 9, 14))


def _parse(values: list[str | None]):
    t = pa.table({"c0": pa.array(values, pa.string())})
    sql = (
        f"SELECT d, n FROM (SELECT {date_sql('x')} AS d, {int_sql('x')} AS n"
        f" FROM (SELECT {text_sql('c0')} AS x FROM t))"
    )
    con = duckdb.connect()
    con.register("t", t)
    return con.execute(sql).fetchall()


def test_dates_in_every_format():
    got = [d for d, _ in _parse(
        ["2025-10-02 08:30:00", "45932.354166667", "02/10/2025", "2/10/2025 8:05", "02-10-2025", "08:30 02/10/2025",
         "02/10/2025 - 08:30", "8h30, 02/10/2025", " 02/10/2025\u00a0", "31/02/2025", "02/10/0205", "abc", None]
    )]  # fmt: skip
    assert got == [
        datetime(2025, 10, 2, 8, 30),
        datetime(2025, 10, 2, 8, 30),
        datetime(2025, 10, 2),
        datetime(2025, 10, 2, 8, 5),
        datetime(2025, 10, 2),
        datetime(2025, 10, 2, 8, 30),
        datetime(2025, 10, 2, 8, 30),
        datetime(2025, 10, 2, 8, 30),
        datetime(2025, 10, 2),
        None,
        datetime(205, 10, 2),  # read as written; extract() rejects the row (before 2000)
        None,
        None,
    ]


def test_numbers_with_vietnamese_separators():
    got = [n for _, n in _parse(["1.234", "1 234", "1,234", "12", "12.0", "-", None, "12.5", "abc"])]
    assert got == [1234, 1234, 1234, 12, 12, 0, 0, None, None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thường xuyên", (None, True)),
        ("Không thời hạn", (None, True)),
        ("Trong tháng 10/2025", (datetime(2025, 10, 31), False)),
        ("Quý IV/2025", (datetime(2025, 12, 31), False)),
        ("Trước ngày 15/10/2025", (datetime(2025, 10, 15), False)),
        ("6 tháng đầu năm 2025", (datetime(2025, 6, 30), False)),
        ("sớm", (None, False)),
    ],
)
def test_deadlines_in_words(text, expected):
    assert parse_deadline_words(text) == expected
