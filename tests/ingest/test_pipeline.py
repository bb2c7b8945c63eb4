"""Whole files through prepare/commit: every real-world variation loads exactly, every failure mode is exact."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from oversight.ingest.pipeline import commit, ingest_file, prepare
from tests.ingest import corpus as C
from tests.ingest.helpers import counts, rejects_list, unit_id, write

DATE_MSG = "Không đọc được ngày (dạng đúng: dd/mm/yyyy hoặc dd/mm/yyyy HH:MM)"


def ts(*args) -> pd.Timestamp:
    return pd.Timestamp(datetime(*args))


def test_messy_case_list_every_variation(con):
    plan = prepare(C.messy_case_list(), "messy.xlsx", con)
    assert plan.ok, plan.error_text()
    assert plan.kind == "cases" and plan.kind_source == "tiêu đề cột"
    assert plan.sheet == "DS hồ sơ"
    assert plan.sheet_reason == (
        "trang có tiêu đề cột khớp nhiều nhất (9 cột) với danh sách hồ sơ TTHC; bỏ qua «Tổng hợp»"
    )
    assert (plan.header_rows, plan.numbering_row, plan.data_start_row) == ("6-7", 8, 9)
    assert plan.mapping["received"] == "F: Thời gian / Ngày tiếp nhận"
    assert plan.skipped == {"section": 2, "total": 2, "blank": 2, "footer": 2, "hidden": 1}
    assert rejects_list(plan) == []
    assert rejects_list(plan, "warning") == [
        ("DS hồ sơ", 13, None, "3", "Dòng đang bị ẩn trong Excel nên không được nạp; bỏ ẩn dòng nếu cần nạp")
    ]
    rec = plan.records.set_index("case_code")
    assert list(rec.index) == ["HS-101", "HS-102", "HS-104"]
    assert list(rec["source_row"]) == [10, 12, 14]
    # NFD → NFC, NBSP and double spaces, upper-case unit, serial dates
    r = rec.loc["HS-101"]
    assert r["procedure_name"] == "Chứng thực bản sao" and r["field"] == "Chứng thực"
    assert r["status_text"] == "Đã trả kết quả" and r["status_code"] == "done"
    assert r["unit_name"] == "SỞ TƯ PHÁP" and r["unit_id"] == unit_id(con, "Sở Tư pháp")
    assert (r["received"], r["due"], r["done"]) == (ts(2025, 10, 2, 9), ts(2025, 10, 7), ts(2025, 10, 6, 12))
    assert r["channel"] == "offline"
    # text dates in three formats
    r = rec.loc["HS-102"]
    assert (r["received"], r["due"], r["done"]) == (ts(2025, 10, 2, 8, 30), ts(2025, 10, 9), ts(2025, 10, 8, 16))
    assert r["unit_id"] == unit_id(con, "Xã Long Phước") and r["channel"] == "online"
    assert pd.isna(rec.loc["HS-104", "done"])
    assert plan.period == (date(2025, 10, 2), date(2025, 10, 4))
    result = commit(con, plan, "tester")
    assert (result.status, result.rows_loaded, result.rows_rejected, result.warnings) == ("loaded", 3, 0, 1)
    assert con.execute("SELECT count(*) FROM cases WHERE upload_id = ?", [result.upload_id]).fetchall()[0][0] == 3


def test_case_list_channels_statuses_and_units(con):
    plan = prepare(C.case_list(), "hoso.xlsx", con)
    assert plan.ok
    rec = plan.records.set_index("case_code")
    assert list(rec["channel"]) == ["online", "offline", "offline", "offline"]
    assert list(rec["status_code"]) == ["done", "done_late", "open", "paused"]
    assert list(rec["unit_name"]) == ["UBND xã Long Phước", "Xã Long Phước", "UBND X. Long Phước", "Sở Tư pháp"]
    assert rec["unit_id"].tolist() == [unit_id(con, "Xã Long Phước")] * 3 + [unit_id(con, "Sở Tư pháp")]
    assert rejects_list(plan) == [] and rejects_list(plan, "warning") == []


def test_html_saved_as_xls(con):
    plan = prepare(C.HTML_CASES.encode(), "danhsach.xls", con)
    assert plan.ok, plan.error_text()
    assert (plan.file_format, plan.kind, plan.header_rows, plan.data_start_row) == ("html", "cases", "4-5", 6)
    assert list(plan.records["case_code"]) == ["BN-1", "BN-3"]
    assert list(plan.records["channel"]) == ["online", "offline"]
    assert plan.records["procedure_name"].tolist() == ["Đăng ký khai sinh", "Cấp phép xây dựng"]
    assert rejects_list(plan, "warning") == [
        ("danhsach", 7, None, "2", "Dòng đang bị ẩn trong Excel nên không được nạp; bỏ ẩn dòng nếu cần nạp")
    ]
    assert plan.skipped == {"hidden": 1, "total": 1, "footer": 1}


def test_bieu06_three_row_header_sections_subtotal_total(con):
    plan = prepare(C.bieu06(), "bieu06.xlsx", con)
    assert plan.ok, plan.error_text()
    assert (plan.kind, plan.header_rows, plan.numbering_row, plan.data_start_row) == ("case_stats", "5-7", 8, 9)
    assert plan.mapping["cases_resolved_early"] == "H: Kết quả giải quyết / Số hồ sơ đã giải quyết / Trả trước hạn"
    assert plan.period == (date(2025, 9, 15), date(2025, 10, 14))
    assert plan.period_source == "dòng tiêu đề «Từ ngày 15/09/2025 đến ngày 14/10/2025»"
    rec = plan.records
    assert list(rec["unit_name"]) == ["Sở Tư pháp", "Sở Y tế", "UBND xã Long Phước"]
    assert list(rec["source_row"]) == [10, 11, 13]
    assert rec.iloc[0][list(rec.columns[6:])].tolist() == [10, 4, 3, 3, 7, 2, 4, 1, 3, 2, 1]
    assert plan.skipped == {"section": 2, "total": 1, "blank": 1, "footer": 1}
    result = commit(con, plan, "tester")
    assert (result.status, result.rows_loaded) == ("loaded", 3)


def test_bieu06_identity_broken_in_one_row_rejects_the_file(con):
    units = [C.STATS_GOOD[0], ("Sở Y tế", [6, 1, 2, 2, 5, 1, 3, 1, 0, 0, 0]), C.STATS_GOOD[2]]
    before = counts(con)
    plan, result = ingest_file(con, write_tmp(con, "b06_sai.xlsx", C.bieu06(units)), user="t")
    assert result.status == "rejected"
    assert plan.error == (
        "Biểu 06 không khớp ở 2 chỗ nên không nạp tệp nào (một dòng sai làm cả biểu không tin cậy được):"
    )
    assert plan.error_details == [
        "Trang «Biểu 06», dòng 11 (Sở Y tế): (3) = (4) + (5) + (6) sai: 6 ≠ 1 + 2 + 2 = 5",
        "Trang «Biểu 06», dòng 11 (Sở Y tế): (3) = (7) + (11) sai: 6 ≠ 5 + 0 = 5",
    ]
    assert counts(con) == before


def test_bieu06_total_row_not_sum_of_units(con):
    total = [36, 15, 10, 10, 24, 9, 12, 3, 11, 8, 3]  # (3) should be 35
    before = counts(con)
    plan = prepare(C.bieu06(total=total), "b06_tong.xlsx", con)
    assert plan.error_details == [
        "Trang «Biểu 06», dòng 14 («Tổng cộng»): cột (3) = 36 nhưng tổng các dòng đơn vị = 35"
    ]
    assert commit(con, plan, "t").status == "rejected"
    assert counts(con) == before


def test_bieu06_needs_a_period(con):
    plan = prepare(C.bieu06(period=None), "b06.xlsx", con)
    assert plan.error == (
        "Biểu 06 không ghi kỳ báo cáo ở dòng tiêu đề (ví dụ «Từ ngày 15/09/2025 đến ngày 14/10/2025» hoặc "
        "«Tháng 10/2025»); hãy nhập kỳ báo cáo khi tải lên (--from/--to)."
    )
    plan = prepare(C.bieu06(period=None), "b06.xlsx", con, period=(date(2025, 10, 1), date(2025, 10, 31)))
    assert plan.ok and plan.period_source == "nhập khi tải lên"
    assert set(plan.records["period_to"]) == {date(2025, 10, 31)}


def test_tasks_deadlines_adjusted_words_and_keys(con):
    plan = prepare(C.task_list(), "nhiemvu.xlsx", con)
    assert plan.ok, plan.error_text()
    assert plan.kind == "tasks" and plan.period == (date(2025, 10, 1), date(2025, 10, 31))
    rec = plan.records
    assert rec["due"].tolist()[:2] == [ts(2025, 10, 20), ts(2025, 10, 31)]
    assert rec["due_original"].tolist()[0] == ts(2025, 10, 10)  # the adjusted deadline wins, the first is kept
    assert pd.isna(rec["due"].iloc[2]) and rec["due_text"].iloc[2] == "Thường xuyên"
    assert rec["due"].iloc[3] == ts(2025, 12, 31) and rec["due_text"].iloc[3] == "Quý IV/2025"
    assert pd.isna(rec["due_text"].iloc[0])
    assert rec["received"].iloc[2] == ts(2025, 10, 1)
    assert rec["item_key"].iloc[0] == f"123 ubnd th|ra soat thu tuc hanh chinh|{unit_id(con, 'Sở Tư pháp')}"
    assert rec["status_code"].tolist() == ["done_on_time", "open_on_time", "open", "open_on_time"]


def test_feedback_ratings_and_formula_like_text(con):
    plan = prepare(C.feedback_list(), "pakn.xlsx", con)
    assert plan.ok, plan.error_text()
    assert plan.kind == "feedback" and plan.period == (date(2025, 7, 1), date(2025, 9, 30))
    rec = plan.records
    assert rec["content"].tolist() == ["=Rác thải ven đường", "+Đường hư hỏng", "@Giá thuốc"]
    assert rec["rating"].tolist() == ["satisfied", "unsatisfied", None]
    assert rec["channel"].tolist() == ["Điện thoại", "Zalo", "Ứng dụng"]
    assert rejects_list(plan) == []


def test_row_errors_reject_only_those_rows(con):
    rows = C.case_rows()
    rows[1][5] = "31/02/2025"  # unreadable date (row 6)
    rows[2][4] = "Xã Long Phướt"  # unknown unit (row 7)
    rows[3][8] = "Đã gửi sang bên kia"  # unknown status with dates: a warning only (row 8)
    rows.append(
        [5, "HS-005", "Thủ tục", "Hộ tịch", "Sở Tư pháp", datetime(2025, 10, 5), None, None, "Lạ lùng", "Trực tiếp"]
    )
    rows.append([6, None, "Thủ tục", "Hộ tịch", "Sở Tư pháp", datetime(2025, 10, 5), None, None, "Mới", "Trực tiếp"])
    plan = prepare(C.case_list(rows), "hoso.xlsx", con)
    assert plan.ok
    assert rejects_list(plan) == [
        ("Danh sách", 6, "Ngày tiếp nhận", "31/02/2025", DATE_MSG),
        ("Danh sách", 7, "Cơ quan giải quyết", "Xã Long Phướt",
         "Không tìm thấy đơn vị «Xã Long Phướt» trong danh mục; gợi ý: Xã Long Phước (92)"),
        ("Danh sách", 9, "Trạng thái", "Lạ lùng",
         "Trạng thái không xác định và không có ngày hạn/ngày hoàn thành để phân loại"),
        ("Danh sách", 10, "Mã hồ sơ", None, "Thiếu mã hồ sơ"),
    ]  # fmt: skip
    assert rejects_list(plan, "warning") == [
        ("Danh sách", 8, "Trạng thái", "Đã gửi sang bên kia", "Trạng thái không xác định; phân loại theo ngày")
    ]
    assert list(plan.records["case_code"]) == ["HS-001", "HS-004"]
    result = commit(con, plan, "t")
    assert (result.rows_loaded, result.rows_rejected, result.warnings) == (2, 4, 1)
    stored = con.execute(
        "SELECT severity, sheet, source_row, column_name, value, reason FROM upload_rejects WHERE upload_id = ?"
        " ORDER BY source_row",
        [result.upload_id],
    ).fetchall()
    assert [s[:4] for s in stored] == [
        ("error", "Danh sách", 6, "Ngày tiếp nhận"),
        ("error", "Danh sách", 7, "Cơ quan giải quyết"),
        ("warning", "Danh sách", 8, "Trạng thái"),
        ("error", "Danh sách", 9, "Trạng thái"),
        ("error", "Danh sách", 10, "Mã hồ sơ"),
    ]


def test_status_disagreeing_with_dates_is_a_warning(con):
    rows = C.case_rows()
    rows[0][8] = "Trả kết quả trễ hạn"  # done 06/10 before due 09/10
    rows[1][8] = "Trả kết quả đúng hạn"  # done 13/10 after due 09/10
    plan = prepare(C.case_list(rows), "hoso.xlsx", con)
    assert rejects_list(plan, "warning") == [
        ("Danh sách", 5, "Trạng thái", "Trả kết quả trễ hạn",
         "Trạng thái ghi trễ hạn nhưng ngày hoàn thành không quá hạn; tính theo ngày"),
        ("Danh sách", 6, "Trạng thái", "Trả kết quả đúng hạn",
         "Trạng thái ghi đúng/trước hạn nhưng ngày hoàn thành quá hạn; tính theo ngày"),
    ]  # fmt: skip
    assert len(plan.records) == 4


def test_due_at_midnight_means_end_of_day_for_the_warning(con):
    rows = C.case_rows()[:1]
    rows[0][6] = datetime(2025, 10, 9)  # due 09/10 (00:00 = end of day)
    rows[0][7] = datetime(2025, 10, 9, 16)  # done the same afternoon: on time
    rows[0][8] = "Trả kết quả trễ hạn"
    plan = prepare(C.case_list(rows), "hoso.xlsx", con)
    assert [w[4] for w in rejects_list(plan, "warning")] == [
        "Trạng thái ghi trễ hạn nhưng ngày hoàn thành không quá hạn; tính theo ngày"
    ]


def test_duplicate_case_code_in_one_file_keeps_the_last(con):
    rows = C.case_rows()
    rows.append([5, "HS-001", "Đăng ký khai sinh", "Hộ tịch", "Xã Long Phước", datetime(2025, 10, 2, 8), None, None, "Đang giải quyết", "Trực tuyến"])  # fmt: skip
    plan = prepare(C.case_list(rows), "hoso.xlsx", con)
    assert rejects_list(plan) == [
        ("Danh sách", 5, "Mã hồ sơ", "HS-001", "Mã hồ sơ trùng với dòng 9; dùng dòng sau cùng")
    ]
    assert plan.records.set_index("case_code").loc["HS-001", "source_row"] == 9


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            C.case_list(
                header=["STT", "Mã hồ sơ", "Tên thủ tục hành chính", "Lĩnh vực", "Người nộp", "Ngày tiếp nhận"]
            ),
            "Thiếu cột bắt buộc cho danh sách hồ sơ TTHC: «Đơn vị», «Hạn xử lý / Ngày hẹn trả (hạn giải quyết)», "
            "«Ngày có kết quả / Ngày trả kết quả» (trang «Danh sách», dòng tiêu đề 4).",
        ),
        (
            C.case_list(rows=[], header=["Ý kiến", "Nhận xét chung", "Kết luận"], titles=["BIÊN BẢN HỌP"]),
            "Không tìm thấy dòng tiêu đề cột của nhiệm vụ, hồ sơ TTHC, Biểu 06 hay phản ánh kiến nghị trong 60 dòng "
            "đầu của trang «Danh sách». Hãy kiểm tra tệp có đúng là bản xuất từ hệ thống và có dòng tiêu đề cột "
            "(ví dụ «Mã hồ sơ», «Đơn vị»).",
        ),
        (C.case_list(rows=[]), "Không có dòng dữ liệu nào dưới dòng tiêu đề 4 của trang «Danh sách»."),
    ],
)
def test_structural_errors_change_nothing(con, tmp_path, data, message):
    before = counts(con)
    plan, result = ingest_file(con, write(tmp_path, "f.xlsx", data), user="t")
    assert result.status == "rejected"
    assert plan.error == message
    assert counts(con) == before


def test_kind_given_at_upload_is_used(con):
    plan = prepare(C.case_list(), "hoso.xlsx", con, kind="cases")
    assert plan.kind == "cases" and plan.kind_source == "tham số"
    plan = prepare(C.case_list(), "hoso.xlsx", con, kind="feedback")
    assert plan.error.startswith("Thiếu cột bắt buộc cho phản ánh, kiến nghị: «Mã phản ánh»")


def write_tmp(con, name, data):
    import tempfile
    from pathlib import Path

    path = Path(tempfile.mkdtemp()) / name
    path.write_bytes(data)
    return path
