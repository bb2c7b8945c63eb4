"""Issue 11 parts 4-6 (ingestion) through real files and the real commands: status words as offices write
them, required columns, and implausible dates. Files are written by openpyxl, xlwt (binary .xls) and as an
HTML table saved as .xls; figures are read back from `python -m oversight metrics` and counted by hand."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from datetime import date, datetime, timedelta

import pytest
from openpyxl import Workbook

from oversight import metrics_cli
from oversight.config import ROOT
from oversight.ingest import cli
from oversight.ingest.pipeline import prepare
from oversight.ingest.values import date_bounds
from tests.ingest import corpus as C
from tests.ingest.helpers import counts, rejects_list, write

# Every test here runs the real commands on written files (about 1.5 s each): the fast set keeps the awkward
# province (tests/province), which loads every status word through the same commands.
pytestmark = pytest.mark.slow


def ingest(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    cli.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["ingest", *argv])
    return args.handler(args)


def metrics(db: str, date_from: str, date_to: str) -> dict[str, dict]:
    """`metrics --format json` for a period, one record per unit name."""
    parser = argparse.ArgumentParser()
    metrics_cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["metrics", "--db", db, "--from", date_from, "--to", date_to])
    out = io.StringIO()
    assert args.handler(args, out=out) == 0
    return {r["unit_name"]: r for r in json.loads(out.getvalue())}


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "status.duckdb")


# ------------------------------------------------------------------------------------------------ tasks


def task_rows() -> list[list]:
    """Tasks of Sở Y tế for October 2025 (Excel rows 4-18 under the header in row 3).

    Columns: STT, số ký hiệu, ngày giao, trích yếu, lãnh đạo giao, chủ trì, phối hợp, thời hạn, thời hạn điều
    chỉnh, ngày hoàn thành, tình trạng. Expected class for 31/10/2025 at the end of each row.
    """
    unit = "Sở Y tế"
    d = datetime
    rows = [
        [1, "10/UBND", d(2025, 9, 20), "Kiểm tra vệ sinh trường học", "Chủ tịch", unit, None, None, None, None, "Thường xuyên"],  # no deadline
        [2, "11/UBND", d(2025, 10, 2), "Theo dõi dịch sốt xuất huyết", "Chủ tịch", unit, None, None, None, None, "Không thời hạn"],  # no deadline
        [3, "12/UBND", d(2025, 10, 3), "Tuyên truyền an toàn thực phẩm", "Chủ tịch", unit, None, "Không có thời hạn", None, None, "Đang thực hiện"],  # no deadline
        [4, "13/UBND", d(2025, 10, 1), "Báo cáo tiêm chủng", "Chủ tịch", unit, None, d(2025, 10, 10), None, d(2025, 10, 8), "Hoàn thành đúng hạn"],  # done on time
        [5, "14/UBND", d(2025, 10, 1), "Rà soát giá thuốc", "Chủ tịch", unit, None, d(2025, 10, 15), None, None, "Đang thực hiện"],  # open overdue
        [6, "15/UBND", d(2025, 10, 5), "Đề án bệnh viện vệ tinh", "Chủ tịch", unit, None, d(2025, 11, 20), None, None, "Đang thực hiện"],  # open on time
        [7, "16/UBND", d(2025, 10, 6), "Kế hoạch trực Tết", "Chủ tịch", unit, None, d(2025, 10, 20), None, None, "ĐÃ XONG."],  # done (status), on time
        [8, "17/UBND", d(2025, 10, 1), "Giám sát nước sạch", "Chủ tịch", unit, None, None, None, d(2025, 10, 12), "thường  xuyên"],  # done, no deadline
        [9, "18/UBND", d(2025, 10, 7), "Việc không rõ tình trạng", "Chủ tịch", unit, None, None, None, None, "Chờ ký số"],  # rejected
    ]  # fmt: skip
    for i in range(6):  # six rows with the same unknown status, but dated: open overdue, one grouped warning
        rows.append([10 + i, f"2{i}/UBND", d(2025, 10, 7), f"Hồ sơ chờ ký số {i + 1}", "Chủ tịch", unit, None,
                     d(2025, 10, 25), None, None, "Chờ ký số"])  # fmt: skip
    return rows


def test_task_list_no_deadline_words_and_done_status_through_the_commands(tmp_path, db, capsys):
    path = write(tmp_path, "nhiemvu.xlsx", C.task_list(rows=task_rows()))
    assert ingest(["--db", db, str(path)]) == 0
    out = capsys.readouterr().out
    assert "Đã nạp: 14 dòng; bị từ chối: 1 dòng; cảnh báo: 6" in out
    assert (
        "trang «Nhiệm vụ», dòng 12, cột «Tình trạng», giá trị «Chờ ký số»: "
        "Trạng thái không xác định và không có ngày hạn/ngày hoàn thành để phân loại" in out
    )
    # six identical warnings are one line: the count and the first five rows
    assert (
        "trang «Nhiệm vụ», cột «Tình trạng», giá trị «Chờ ký số», ở 6 dòng (dòng 13, 14, 15, 16, 17, …): "
        "Trạng thái không xác định; phân loại theo ngày" in out
    )
    assert out.count("Chờ ký số") == 2
    unit = metrics(db, "2025-10-01", "2025-10-31")["Sở Y tế"]
    assert {
        k: unit[k]
        for k in (
            "tasks_total",
            "tasks_done_on_time",
            "tasks_done_late",
            "tasks_open_on_time",
            "tasks_open_overdue",
            "tasks_no_deadline",
        )
    } == dict(  # fmt: skip
        tasks_total=14,
        tasks_done_on_time=2,  # rows 7 (dates) and 10 («ĐÃ XONG.», no completion date, a deadline: on time)
        tasks_done_late=0,
        tasks_open_on_time=1,  # row 9
        tasks_open_overdue=7,  # row 8 and the six «Chờ ký số» rows due 25/10
        tasks_no_deadline=4,  # rows 4, 5, 6 (status or deadline cell in words), 11 (done, no deadline)
    )
    # no-deadline tasks are left out of the denominator: 7 / (14 - 4)
    assert unit["tasks_overdue_rate"] == pytest.approx(0.7)


def test_no_deadline_status_beside_a_deadline_date_warns_and_the_date_counts(con):
    rows = [[1, "1/UBND", datetime(2025, 10, 1), "Việc có hạn", "Chủ tịch", "Sở Y tế", None,
             datetime(2025, 10, 15), None, None, "Thường xuyên"]]  # fmt: skip
    plan = prepare(C.task_list(rows=rows), "nv.xlsx", con)
    assert plan.ok and plan.rows_loaded == 1
    assert rejects_list(plan, "warning") == [
        ("Nhiệm vụ", 4, "Tình trạng", "Thường xuyên",
         "Trạng thái ghi không thời hạn nhưng cột thời hạn có ngày; tính theo thời hạn"),
    ]  # fmt: skip
    assert plan.records["due"].iloc[0] == datetime(2025, 10, 15)


# ------------------------------------------------------------------------------------------------ cases


def xls_case_list(rows: list[list]) -> bytes:
    """A binary .xls (xlwt) case list: titles in rows 1-2, header row 3, cases from row 4; dates as Excel
    date cells, text cells or empty."""
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("Hồ sơ")
    ws.write_merge(0, 0, 0, 9, "DANH SÁCH HỒ SƠ THỦ TỤC HÀNH CHÍNH")
    ws.write(1, 0, "Tháng 10/2025")
    for c, h in enumerate(C.CASE_HEADER):
        ws.write(2, c, h)
    date_style = xlwt.easyxf(num_format_str="dd/mm/yyyy hh:mm")
    for r, row in enumerate(rows, start=3):
        for c, v in enumerate(row):
            if isinstance(v, datetime):
                ws.write(r, c, v, date_style)
            elif v is not None:
                ws.write(r, c, v)
    bio = io.BytesIO()
    book.save(bio)
    return bio.getvalue()


def case_rows() -> list[list]:
    """Cases of UBND xã Long Phước in October 2025 (Excel rows 4-11); the class for 31/10/2025 at the end."""
    unit = "UBND xã Long Phước"
    d = datetime
    return [
        [1, "R-1", "Đăng ký khai sinh", "Hộ tịch", unit, d(2025, 10, 2, 8), d(2025, 10, 9, 16), d(2025, 10, 6, 9), "Đã trả kết quả", "Trực tuyến"],  # early
        [2, "R-2", "Đăng ký khai sinh", "Hộ tịch", unit, d(2025, 10, 3, 8), d(2025, 10, 9, 16), None, "Công dân xin rút hồ sơ", "Trực tiếp"],  # on time
        [3, "R-3", "Đăng ký kết hôn", "Hộ tịch", unit, d(2025, 10, 3, 9), d(2025, 10, 8, 16), d(2025, 10, 13, 10), "Trả lại hồ sơ", "Trực tiếp"],  # on time, although after the due date
        [4, "R-4", "Cấp phép xây dựng", "Xây dựng", unit, d(2025, 10, 5, 9), d(2025, 10, 12, 16), None, "Dừng xử lý", "Trực tuyến"],  # on time
        [5, "R-5", "Cấp phép xây dựng", "Xây dựng", unit, d(2025, 10, 6, 9), d(2025, 10, 10, 16), None, "rút hồ sơ.", "Trực tuyến"],  # on time
        [6, "R-6", "Chứng thực", "Chứng thực", unit, d(2025, 10, 7, 9), d(2025, 10, 14, 16), None, "Từ chối giải quyết", "Trực tiếp"],  # on time
        [7, "R-7", "Chứng thực", "Chứng thực", unit, d(2025, 10, 8, 9), d(2025, 10, 10, 16), None, "Đang giải quyết", "Trực tiếp"],  # pending overdue
        [8, "R-8", "Chứng thực", "Chứng thực", unit, d(2025, 10, 9, 9), d(2025, 10, 15, 16), d(2025, 10, 20, 9), "Trả kết quả trễ hạn", "Trực tuyến"],  # late
    ]  # fmt: skip


def test_withdrawn_returned_and_stopped_cases_are_resolved_on_time(tmp_path, db, capsys):
    path = write(tmp_path, "hoso.xls", xls_case_list(case_rows()))
    assert ingest(["--db", db, str(path)]) == 0
    assert "Đã nạp: 8 dòng; bị từ chối: 0 dòng; cảnh báo: 0" in capsys.readouterr().out
    unit = metrics(db, "2025-10-01", "2025-10-31")["Xã Long Phước"]
    assert {k: unit[k] for k in ("cases_total", "cases_new_online", "cases_new_offline", "cases_carried_over",
                                 "cases_resolved", "cases_resolved_early", "cases_resolved_on_time",
                                 "cases_resolved_late", "cases_pending", "cases_pending_on_time",
                                 "cases_pending_overdue")} == dict(  # fmt: skip
        cases_total=8, cases_new_online=4, cases_new_offline=4, cases_carried_over=0,
        cases_resolved=7, cases_resolved_early=1, cases_resolved_on_time=5, cases_resolved_late=1,
        cases_pending=1, cases_pending_on_time=0, cases_pending_overdue=1,
    )  # fmt: skip
    assert unit["cases_late_rate"] == pytest.approx(2 / 8)


# ------------------------------------------------------------------------------------------ required columns

HTML_NO_DEADLINE = """<html><head><meta charset="utf-8"></head><body>
<h3>DANH SÁCH HỒ SƠ</h3><p>Tháng 10/2025</p>
<table border="1">
<tr><th>STT</th><th>Số biên nhận</th><th>Tên thủ tục</th><th>Đơn vị tiếp nhận</th><th>Ngày nhận</th>
<th>Ngày có kết quả</th><th>Tình trạng</th></tr>
<tr><td>1</td><td>BN-1</td><td>Đăng ký khai sinh</td><td>UBND xã Long Phước</td><td>02/10/2025 08:00</td>
<td>06/10/2025 09:00</td><td>Đã trả kết quả</td></tr>
</table><p>Người lập biểu</p></body></html>"""


def test_case_list_without_deadline_column_is_refused_through_the_commands(tmp_path, db, capsys):
    path = write(tmp_path, "hoso_thieu_han.xls", HTML_NO_DEADLINE.encode())
    assert ingest(["--db", db, str(path)]) == 1
    out = capsys.readouterr().out
    assert "KHÔNG NẠP: Thiếu cột bắt buộc cho danh sách hồ sơ TTHC: «Hạn xử lý / Ngày hẹn trả (hạn giải quyết)»" in out
    assert "Đã nạp" not in out
    listed = metrics(db, "2025-10-01", "2025-10-31")  # the units that existed, every one without data
    assert listed and all(r["cases_total"] == 0 and r["tasks_total"] == 0 for r in listed.values())


def _without(header: list[str], rows: list[list], *names: str) -> tuple[list[str], list[list]]:
    keep = [i for i, h in enumerate(header) if h not in names]
    return [header[i] for i in keep], [[r[i] for i in keep] for r in rows]


def _task_file(header, rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Nhiệm vụ"
    ws.append(["BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ"])
    ws.append(["Tháng 10/2025"])
    ws.append(header)
    for r in rows:
        ws.append(r)
    return C.xlsx(wb)


def _feedback_file(header, rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["TỔNG HỢP PHẢN ÁNH, KIẾN NGHỊ"])
    ws.append(["Quý III năm 2025"])
    ws.append(header)
    for r in rows:
        ws.append(r)
    return C.xlsx(wb)


FEEDBACK_ROWS = [
    [1, "PA-1", datetime(2025, 8, 1, 9), "Điện thoại", "Môi trường", "Khác", "Rác thải", "Long Phước",
     "UBND xã Long Phước", datetime(2025, 8, 11), datetime(2025, 8, 10, 15), "Đã xử lý", "Hài lòng"],
]  # fmt: skip
TASK_ROWS = [
    [1, "1/UBND", datetime(2025, 10, 1), "Rà soát", "Chủ tịch", "Sở Y tế", None, datetime(2025, 10, 10), None,
     None, "Đang thực hiện"],
]  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "dropped", "label"),
    [
        ("cases", ("Ngày hẹn trả",), "Hạn xử lý / Ngày hẹn trả (hạn giải quyết)"),
        ("cases", ("Ngày có kết quả",), "Ngày có kết quả / Ngày trả kết quả"),
        ("cases", ("Ngày tiếp nhận",), "Ngày tiếp nhận"),
        ("tasks", ("Thời hạn", "Thời hạn điều chỉnh"), "Thời hạn (hạn hoàn thành)"),
        ("tasks", ("Ngày giao",), "Ngày giao (hoặc ngày văn bản giao nhiệm vụ)"),
        ("feedback", ("Hạn xử lý",), "Hạn xử lý (thời hạn trả lời)"),
        ("feedback", ("Ngày hoàn thành",), "Ngày hoàn thành (ngày trả lời)"),
    ],
)
def test_a_missing_required_column_refuses_the_file_and_names_it(con, kind, dropped, label):
    if kind == "cases":
        header, rows = _without(C.CASE_HEADER, C.case_rows(), *dropped)
        data = C.case_list(rows, header)
    elif kind == "tasks":
        data = _task_file(*_without(C.TASK_HEADER, TASK_ROWS, *dropped))
    else:
        data = _feedback_file(*_without(C.FEEDBACK_HEADER, FEEDBACK_ROWS, *dropped))
    before = counts(con)
    plan = prepare(data, "tep.xlsx", con, kind=kind)
    assert plan.error is not None and plan.error.startswith("Thiếu cột bắt buộc cho ")
    assert f"«{label}»" in plan.error
    assert plan.rows_loaded == 0 and counts(con) == before


def test_empty_deadline_cells_are_not_a_missing_column(con):
    rows = C.case_rows()
    for r in rows:
        r[6] = None  # the column is there, every cell empty: no deadline
    plan = prepare(C.case_list(rows), "hoso.xlsx", con)
    assert plan.ok and plan.rows_loaded == 4 and plan.rows_rejected == 0
    assert plan.records["due"].isna().all()


def test_task_list_with_only_the_document_date_and_an_adjusted_deadline_loads(con):
    # «Ngày văn bản» stands for the assignment date, «Thời hạn điều chỉnh» for the deadline
    header = ["STT", "Số, ký hiệu văn bản", "Ngày văn bản", "Trích yếu nội dung nhiệm vụ", "Đơn vị chủ trì",
              "Thời hạn điều chỉnh", "Ngày hoàn thành", "Tình trạng"]  # fmt: skip
    rows = [[1, "1/UBND", datetime(2025, 9, 30), "Rà soát", "Sở Y tế", datetime(2025, 10, 10), None, "Đang thực hiện"]]
    plan = prepare(_task_file(header, rows), "nv.xlsx", con, kind="tasks")
    assert plan.ok, plan.error_text()
    assert plan.records["due"].iloc[0] == datetime(2025, 10, 10)


# ------------------------------------------------------------------------------------------------ dates


def _bound_text() -> str:
    lo, hi = date_bounds()
    return f"Ngày ngoài khoảng hợp lý ({lo:%d/%m/%Y} – {hi:%d/%m/%Y}): "


def test_date_bounds_are_2000_and_five_years_after_the_upload():
    assert date_bounds(date(2025, 12, 2)) == (date(2000, 1, 1), date(2030, 12, 2))
    assert date_bounds(date(2028, 2, 29)) == (date(2000, 1, 1), date(2033, 2, 28))


def test_out_of_range_date_rejects_exactly_that_row_through_the_commands(tmp_path, db, capsys):
    rows = C.case_rows()
    rows[1][5] = "31/12/9999"  # HS-002, Excel row 6
    path = write(tmp_path, "hoso.xlsx", C.case_list(rows))
    assert ingest(["--db", db, str(path)]) == 0
    out = capsys.readouterr().out
    assert "Đã nạp: 3 dòng; bị từ chối: 1 dòng" in out
    assert f"trang «Danh sách», dòng 6, cột «Ngày tiếp nhận», giá trị «31/12/9999»: {_bound_text()}31/12/9999" in out
    by_unit = metrics(db, "2025-10-01", "2025-10-31")  # the pages' query: no «year 10000 is out of range»
    assert by_unit["Xã Long Phước"]["cases_total"] == 2  # HS-001, HS-003 (HS-002 rejected)
    assert by_unit["Sở Tư pháp"]["cases_total"] == 1


HI = date_bounds()[1]
HI_TEXT = f"{HI:%d/%m/%Y}"
PAST_HI = HI + timedelta(days=1)


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("31/12/9999", "31/12/9999"),  # text
        ("31-12-1999", "31-12-1999"),  # dd-mm-yyyy
        ("02/10/0205", "02/10/0205"),  # a typo for 2025
        ("31/12/1999 23:59", "31/12/1999 23:59"),
        (f"{PAST_HI:%d/%m/%Y}", f"{PAST_HI:%d/%m/%Y}"),  # the day after upload day + 5 years
        ("15/10/9999 (đã gia hạn)", "15/10/9999 (đã gia hạn)"),  # a date inside words
        (datetime(1999, 12, 31), "31/12/1999"),  # a real Excel date
        (datetime(PAST_HI.year, PAST_HI.month, PAST_HI.day), f"{PAST_HI:%d/%m/%Y}"),
    ],
)
def test_implausible_received_date_rejects_the_row(con, cell, shown):
    rows = C.case_rows()
    rows[0][5] = cell  # HS-001, Excel row 5
    plan = prepare(C.case_list(rows), "hoso.xlsx", con)
    assert plan.ok and plan.rows_loaded == 3
    [(sheet, row, column, _value, reason)] = rejects_list(plan)
    assert (sheet, row, column, reason) == ("Danh sách", 5, "Ngày tiếp nhận", _bound_text() + shown)


def test_excel_serial_numbers_out_of_range_reject_their_rows(con):
    """A column of numbers (every cell a serial): 45936.5 is 06/10/2025 12:00; 36525 is 31/12/1999; a huge
    serial is past the last day Excel stores; 0 is an empty cell."""
    rows = C.case_rows()
    for r, serial in zip(rows, [45936.5, 36525, 99999999, 0], strict=True):
        r[7] = serial
    plan = prepare(C.case_list(rows), "hoso.xlsx", con)
    assert plan.ok
    assert [(row, column, value, reason) for _s, row, column, value, reason in rejects_list(plan)] == [
        (6, "Ngày có kết quả", "36525", _bound_text() + "36525 (31/12/1999)"),
        (7, "Ngày có kết quả", "99999999", _bound_text() + "99999999"),
    ]
    assert list(plan.records["case_code"]) == ["HS-001", "HS-004"]
    assert str(plan.records["done"].iloc[0]) == "2025-10-06 12:00:00"
    assert plan.records["done"].isna().iloc[1]  # the 0 of HS-004: an empty cell


@pytest.mark.parametrize(
    ("received", "due"),
    [
        ("01/01/2000", HI_TEXT),  # text at both bounds
        (datetime(2000, 1, 1), datetime(HI.year, HI.month, HI.day, 23, 59)),  # Excel dates at both bounds
        ("01-01-2000 00:00", f"{HI:%d-%m-%Y}"),
    ],
)
def test_the_extreme_plausible_dates_load(con, received, due):
    rows = C.case_rows()
    rows[0][5], rows[0][6] = received, due
    rows[0][7] = None  # not done
    plan = prepare(C.case_list(rows), "hoso.xlsx", con)
    assert plan.ok and plan.rows_loaded == 4 and plan.rows_rejected == 0, plan.rejects
    first = plan.records.iloc[0]
    assert first["received"] == datetime(2000, 1, 1)
    assert first["due"].date() == HI


@pytest.mark.slow
def test_python_m_oversight_ingest_then_metrics(tmp_path):
    """The commands as automation runs them: a task list with an out-of-range deadline on one row."""
    rows = task_rows()[:8]
    rows[3][7] = "31/12/9999"  # Excel row 7: rejected
    path = write(tmp_path, "nhiemvu.xlsx", C.task_list(rows=rows))
    db = str(tmp_path / "p.duckdb")

    def call(*args):
        return subprocess.run(
            [sys.executable, "-m", "oversight", *args], capture_output=True, text=True, cwd=ROOT, timeout=180
        )

    p = call("ingest", "--db", db, str(path))
    assert p.returncode == 0, p.stdout + p.stderr
    assert "Đã nạp: 7 dòng; bị từ chối: 1 dòng" in p.stdout
    assert f"dòng 7, cột «Thời hạn», giá trị «31/12/9999»: {_bound_text()}31/12/9999" in p.stdout
    p = call("metrics", "--db", db, "--from", "2025-10-01", "--to", "2025-10-31")
    assert p.returncode == 0, p.stderr
    unit = {r["unit_name"]: r for r in json.loads(p.stdout)}["Sở Y tế"]
    # rows 4, 5, 6, 11 no deadline; 8 open overdue; 9 open on time; 10 done on time (row 7 rejected)
    assert (unit["tasks_total"], unit["tasks_no_deadline"], unit["tasks_open_overdue"]) == (7, 4, 1)
    assert unit["tasks_overdue_rate"] == pytest.approx(1 / 3)


def test_upload_page_groups_repeated_problems_and_the_stored_rows_stay_per_row(con):
    from oversight.ingest.load import upload_rejects
    from oversight.ingest.pipeline import commit
    from oversight.ui.uploads import grouped_rejects

    plan = prepare(C.task_list(rows=task_rows()), "nhiemvu.xlsx", con)
    shown = grouped_rejects(plan.row_warnings)
    assert shown.to_dict("records") == [
        {"Trang": "Nhiệm vụ", "Dòng": "13, 14, 15, 16, 17, …", "Số dòng": "6", "Cột": "Tình trạng",
         "Giá trị": "Chờ ký số", "Lý do": "Trạng thái không xác định; phân loại theo ngày"},
    ]  # fmt: skip
    result = commit(con, plan, "pytest")
    stored = upload_rejects(con, result.upload_id)
    assert list(stored["source_row"]) == list(range(12, 19))  # one stored row per sheet row
    history = grouped_rejects(stored, with_severity=True)
    assert list(zip(history["Mức"], history["Dòng"], history["Số dòng"], strict=True)) == [
        ("Từ chối", "12", "1"),
        ("Cảnh báo", "13, 14, 15, 16, 17, …", "6"),
    ]
