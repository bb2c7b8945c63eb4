"""What a file really is, and the raw rows each format gives."""

from __future__ import annotations

import io
import zipfile

import pytest

from oversight.ingest.errors import StructuralError
from oversight.ingest.pipeline import prepare
from oversight.ingest.readers import read_workbook, sniff
from tests.ingest import corpus as C
from tests.ingest.helpers import counts

ADVICE = "Hãy xuất lại từ hệ thống dưới dạng Excel (.xlsx, .xls) hoặc mở bằng Excel rồi lưu thành .xlsx."


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (C.pdf_bytes(), "baocao.xlsx", f"Tệp «baocao.xlsx» không phải bảng tính Excel: đây là tài liệu PDF. {ADVICE}"),
        (C.png_bytes(), "anh.xls", f"Tệp «anh.xls» không phải bảng tính Excel: đây là ảnh PNG. {ADVICE}"),
        (
            C.csv_bytes(),
            "hoso.xls",
            "Tệp «hoso.xls» không phải bảng tính Excel: đây là tệp văn bản CSV (phân cách bằng dấu phẩy). "
            "Hãy mở bằng Excel và lưu thành .xlsx rồi tải lên, hoặc xuất lại từ hệ thống dưới dạng Excel.",
        ),
        (
            C.random_bytes(),
            "x.xlsx",
            f"Tệp «x.xlsx» không phải bảng tính Excel: đây là một tệp nhị phân không rõ định dạng. {ADVICE}",
        ),
        (C.docx_like(), "x.xlsx", f"Tệp «x.xlsx» không phải bảng tính Excel: đây là văn bản Word (.docx). {ADVICE}"),
        (b"", "rong.xlsx", "Tệp «rong.xlsx» rỗng (0 byte)."),
    ],
)
def test_not_a_workbook_is_named_and_changes_nothing(con, data, name, message):
    with pytest.raises(StructuralError) as exc:
        sniff(data, name)
    assert exc.value.message == message
    before = counts(con)
    plan = prepare(data, name, con)
    assert plan.error == message
    assert counts(con) == before


def test_real_type_comes_from_magic_bytes_not_the_extension():
    assert sniff(C.HTML_CASES.encode(), "danhsach.xls") == "html"
    assert sniff(C.case_list(), "danhsach.xls") == "xlsx"


def test_empty_workbook_has_no_header(con):
    before = counts(con)
    plan = prepare(C.empty_workbook(), "trong.xlsx", con)
    assert plan.error == (
        "Không tìm thấy dòng tiêu đề cột của nhiệm vụ, hồ sơ TTHC, Biểu 06 hay phản ánh kiến nghị trong 60 dòng "
        "đầu của trang «Sheet». Hãy kiểm tra tệp có đúng là bản xuất từ hệ thống và có dòng tiêu đề cột "
        "(ví dụ «Mã hồ sơ», «Đơn vị»)."
    )
    assert counts(con) == before


def test_html_table_spans_expanded_and_hidden_rows_known():
    wb = read_workbook(C.HTML_CASES.encode(), "danhsach.xls")
    assert wb.format == "html"
    sheet = wb.sheets[0]
    assert sheet.name == "danhsach"
    # rows 1-3: the text blocks above the table, 4-5 the two header rows
    assert sheet.head[0][0] == "UBND TỈNH ĐỒNG NAI"
    assert sheet.head[2][0] == "Tháng 10/2025"
    assert sheet.head[3][:5] == ["STT", "Số biên nhận", "Tên thủ tục", "Đơn vị tiếp nhận", "Thời gian"]
    assert sheet.head[4][4:7] == ["Ngày nhận", "Hạn xử lý", "Ngày xử lý xong"]
    assert (3, 0, 4, 0) in sheet.merged and (3, 4, 3, 6) in sheet.merged
    assert sheet.hidden_rows == frozenset({6})
    assert sheet.head[5][2] == "Đăng ký khai sinh"  # &nbsp; became a space
    assert sheet.head[7][2] == "Cấp phép xây dựng"  # <br> became a space


def test_xlsx_merged_ranges_and_hidden_rows_from_sheet_xml():
    wb = read_workbook(C.messy_case_list(), "messy.xlsx")
    assert [s.name for s in wb.sheets] == ["Tổng hợp", "DS hồ sơ"]
    sheet = wb.sheets[1]
    assert sheet.hidden_rows == frozenset({12})
    assert (5, 5, 5, 7) in sheet.merged  # F6:H6 "Thời gian"
    assert sheet.head[5][0] == "STT" and sheet.head[6][5] == "Ngày tiếp nhận"
    table = sheet.load(8)
    assert table.column_names[:2] == ["c0", "c1"]
    assert table.column("__row").to_pylist()[0] == 8


def test_xlsx_sheet_starting_in_column_c_is_aligned():
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws["C3"] = "Mã hồ sơ"
    ws["D3"] = "Cơ quan giải quyết"
    ws["E3"] = "Ngày tiếp nhận"
    ws["C4"], ws["D4"], ws["E4"] = "HS-9", "Sở Tư pháp", "02/10/2025"
    sheet = read_workbook(C.xlsx(wb), "c.xlsx").sheets[0]
    table = sheet.load(3)
    assert table.column("c2").to_pylist() == ["HS-9"]
    assert table.column("c4").to_pylist() == ["02/10/2025"]


def _as_xlsm(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                body = body.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                )
            z.writestr(item, body)
        z.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not a real macro")
    return out.getvalue()


def test_xlsm_is_read_as_data(con):
    data = _as_xlsm(C.case_list())
    assert sniff(data, "hoso.xlsm") == "xlsm"
    plan = prepare(data, "hoso.xlsm", con)
    assert plan.ok, plan.error_text()
    assert plan.file_format == "xlsm"
    assert list(plan.records["case_code"]) == ["HS-001", "HS-002", "HS-003", "HS-004"]


def test_old_binary_xls_via_calamine(con):
    xlwt = pytest.importorskip("xlwt")
    from datetime import datetime

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("Hồ sơ")
    ws.write_merge(0, 0, 0, 5, "DANH SÁCH HỒ SƠ THÁNG 10/2025")
    header = [
        "STT",
        "Mã hồ sơ",
        "Cơ quan giải quyết",
        "Ngày tiếp nhận",
        "Ngày hẹn trả",
        "Trạng thái",
        "Ngày có kết quả",
    ]
    for c, h in enumerate(header):
        ws.write(1, c, h)
    date_style = xlwt.easyxf(num_format_str="dd/mm/yyyy hh:mm")
    ws.write(2, 0, 1)
    ws.write(2, 1, "X-1")
    ws.write(2, 2, "Sở Tư pháp")
    ws.write(2, 3, datetime(2025, 10, 2, 8, 0), date_style)
    ws.write(2, 4, "09/10/2025")
    ws.write(2, 5, "Đang giải quyết")
    bio = io.BytesIO()
    book.save(bio)
    data = bio.getvalue()
    assert sniff(data, "hoso.xls") == "xls"
    wb = read_workbook(data, "hoso.xls")
    assert (0, 0, 0, 5) in wb.sheets[0].merged
    plan = prepare(data, "hoso.xls", con)
    assert plan.ok, plan.error_text()
    assert plan.sheet == "Hồ sơ"
    rec = plan.records.iloc[0]
    assert (rec["case_code"], str(rec["received"]), str(rec["due"])) == (
        "X-1",
        "2025-10-02 08:00:00",
        "2025-10-09 00:00:00",
    )


def test_a_released_workbook_lets_its_reader_go(monkeypatch):
    """Once the chosen sheet is loaded, read_plan releases the workbook: fastexcel's reader (the file's bytes, its
    shared strings) is freed before the rows are typed, and the loaded table stays whole."""
    import gc
    import weakref

    import fastexcel

    readers_made = []
    real = fastexcel.read_excel
    monkeypatch.setattr(fastexcel, "read_excel", lambda data: readers_made.append(real(data)) or readers_made[-1])
    wb = read_workbook(C.messy_case_list(), "messy.xlsx")
    sheet = wb.sheets[1]
    table = sheet.load(8)
    reader = weakref.ref(readers_made.pop())
    gc.collect()
    assert reader() is not None  # the sheets' loaders hold it
    wb.release()
    gc.collect()
    assert reader() is None
    assert all(s.loader is None for s in wb.sheets)
    assert table.column("__row").to_pylist()[0] == 8 and table.num_rows > 3
    with pytest.raises(AssertionError):
        sheet.load(8)
