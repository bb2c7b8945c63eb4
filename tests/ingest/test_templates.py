"""Blank templates: each one, filled like a user would, is read back by our own prepare() and loads."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from oversight.ingest import templates as T
from oversight.ingest.columns import REQUIRED
from oversight.ingest.pipeline import commit, prepare
from oversight.ingest.validate import STAT_COLUMNS
from oversight.statuses import status_code
from tests.ingest.helpers import unit_id

PERIOD = "Từ ngày 01/10/2025 đến ngày 31/10/2025"

# one or two rows per kind, by header name, as a user fills them (Excel dates, texts, numbers)
ROWS: dict[str, list[dict[str, object]]] = {
    "tasks": [
        {
            "STT": 1,
            "Số, ký hiệu văn bản": "1234/UBND-KT",
            "Ngày văn bản": datetime(2025, 10, 2),
            "Ngày giao": datetime(2025, 10, 2),
            "Trích yếu nội dung": "Rà soát, báo cáo tình hình giải ngân vốn đầu tư công",
            "Người giao": "Chủ tịch UBND tỉnh",
            "Đơn vị chủ trì": "Sở Tài chính",
            "Đơn vị phối hợp": "Sở Xây dựng; Sở Tư pháp",
            "Thời hạn": datetime(2025, 10, 20),
            "Ngày hoàn thành": datetime(2025, 10, 18),
            "Tình trạng": "Hoàn thành đúng hạn",
        },
        {
            "STT": 2,
            "Số, ký hiệu văn bản": "1250/UBND-KGVX",
            "Ngày văn bản": datetime(2025, 10, 6),
            "Trích yếu nội dung": "Kiểm tra công tác phòng, chống dịch bệnh",
            "Đơn vị chủ trì": "UBND xã Long Phước",
            "Thời hạn": "Thường xuyên",
            "Tình trạng": "Đang thực hiện trong hạn",
        },
    ],
    "cases": [
        {
            "STT": 1,
            "Mã hồ sơ": "000.00.23.H19-251001-0001",
            "Tên thủ tục hành chính": "Đăng ký khai sinh",
            "Lĩnh vực": "Hộ tịch",
            "Cơ quan giải quyết": "UBND xã Long Phước",
            "Người nộp": "Nguyễn Văn An",
            "Ngày tiếp nhận": datetime(2025, 10, 1, 8, 30),
            "Ngày hẹn trả": datetime(2025, 10, 3),
            "Ngày có kết quả": datetime(2025, 10, 2, 10),
            "Ngày trả kết quả": datetime(2025, 10, 2, 15),
            "Trạng thái": "Đã trả kết quả",
            "Hình thức nộp": "Trực tuyến",
        },
        {
            "STT": 2,
            "Mã hồ sơ": "000.00.23.H19-251002-0007",
            "Tên thủ tục hành chính": "Cấp Phiếu lý lịch tư pháp",
            "Cơ quan giải quyết": "Sở Tư pháp",
            "Ngày tiếp nhận": datetime(2025, 10, 2, 9),
            "Ngày hẹn trả": datetime(2025, 10, 16),
            "Trạng thái": "Đang giải quyết",
            "Hình thức nộp": "Dịch vụ bưu chính công ích",
        },
    ],
    "feedback": [
        {
            "STT": 1,
            "Mã phản ánh": "PA-2025-000123",
            "Ngày tiếp nhận": datetime(2025, 10, 1, 9, 15),
            "Kênh tiếp nhận": "Điện thoại",
            "Lĩnh vực": "Môi trường",
            "Phân loại": "Khác",
            "Nội dung": "Phản ánh rác thải tại chợ",
            "Địa bàn": "Phường Trấn Biên",
            "Đơn vị xử lý": "UBND phường Trấn Biên",
            "Hạn xử lý": datetime(2025, 10, 10),
            "Ngày hoàn thành": datetime(2025, 10, 8),
            "Trạng thái": "Đã trả lời",
            "Đánh giá": "Hài lòng",
        },
    ],
}
# Biểu 06: unit, then (4) (5) (6) (8) (9) (10) (12) (13); the totals (3) (7) (11) computed as the form says
B06_ROWS = [("Sở Tư pháp", 10, 5, 2, 3, 8, 1, 4, 1), ("UBND xã Long Phước", 20, 30, 0, 10, 25, 5, 10, 0)]


def _fill(kind: str, period: bool = True, rows: bool = True) -> bytes:
    wb = load_workbook(io.BytesIO(T.template_bytes(kind)))
    ws = wb[T.SHEET_NAMES[kind]]
    if period:
        ws[T.PERIOD_CELL] = PERIOD
    if rows and kind == "case_stats":
        for i, (unit, *n) in enumerate(B06_ROWS):
            online, offline, carried, early, on_time, late, pend_ok, pend_late = n
            resolved, pending = early + on_time + late, pend_ok + pend_late
            values = [i + 1, unit, online + offline + carried, online, offline, carried, resolved, early, on_time, late,
                      pending, pend_ok, pend_late]  # fmt: skip
            for j, v in enumerate(values, start=1):
                ws.cell(row=T.DATA_START_ROW[kind] + i, column=j, value=v)
    elif rows:
        headers = {ws.cell(row=T.HEADER_ROW, column=j).value: j for j in range(1, ws.max_column + 1)}
        for i, row in enumerate(ROWS[kind]):
            for name, v in row.items():
                ws.cell(row=T.DATA_START_ROW[kind] + i, column=headers[name], value=v)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.slow  # one file through the whole ingestion per case, about a second each
@pytest.mark.parametrize("kind", ["tasks", "cases", "case_stats", "feedback"])
def test_filled_template_is_detected_mapped_and_loads(con, kind):
    plan = prepare(_fill(kind), T.TEMPLATE_FILE_NAMES[kind], con)
    assert plan.ok, plan.error_text()
    assert (plan.kind, plan.kind_source, plan.file_format) == (kind, "tiêu đề cột", "xlsx")
    assert plan.sheet == T.SHEET_NAMES[kind]
    for required in REQUIRED[kind]:  # a field, or a tuple of alternatives
        assert set((required,) if isinstance(required, str) else required) & set(plan.mapping), required
    assert plan.data_start_row == T.DATA_START_ROW[kind]
    if kind == "case_stats":
        assert (plan.header_rows, plan.numbering_row) == ("7-9", 10)
        # every number column of the form is mapped to its own field, in the form's order (C … M)
        assert [plan.mapping[f].split(":")[0] for f in STAT_COLUMNS] == list("CDEFGHIJKLM")
    else:
        assert (plan.header_rows, plan.numbering_row) == ("7", None)
        # every column of the template is recognised (STT aside)
        assert len(plan.mapping) == len(T.COLUMNS[kind]) - 1
    if kind != "cases":  # a case list's scope is its reception dates, not the title
        assert plan.period == (date(2025, 10, 1), date(2025, 10, 31))
    assert plan.rejects.empty, plan.rejects.to_dict("records")
    expected = len(B06_ROWS) if kind == "case_stats" else len(ROWS[kind])
    assert plan.rows_read == expected and len(plan.records) == expected
    result = commit(con, plan, "tester")
    assert (result.status, result.rows_loaded, result.rows_rejected, result.warnings) == ("loaded", expected, 0, 0)
    table = {"tasks": "tasks", "cases": "cases", "case_stats": "case_stats", "feedback": "feedback"}[kind]
    assert con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0] == expected


def test_filled_case_list_values(con):
    plan = prepare(_fill("cases"), "hoso.xlsx", con)
    rec = plan.records.set_index("case_code")
    first = rec.loc["000.00.23.H19-251001-0001"]
    assert first["unit_id"] == unit_id(con, "Xã Long Phước")
    assert (first["channel"], first["status_code"]) == ("online", "done")
    assert first["received"] == datetime(2025, 10, 1, 8, 30)
    second = rec.loc["000.00.23.H19-251002-0007"]
    assert (second["unit_id"], second["channel"], second["status_code"]) == (
        unit_id(con, "Sở Tư pháp"),
        "offline",
        "open",
    )


def test_filled_bieu06_values(con):
    plan = prepare(_fill("case_stats"), "bieu06.xlsx", con)
    rec = plan.records.set_index("unit_name")
    row = rec.loc["UBND xã Long Phước"]
    assert row["unit_id"] == unit_id(con, "Xã Long Phước")
    assert (row["cases_total"], row["cases_resolved"], row["cases_pending"]) == (50, 40, 10)
    assert (row["cases_new_online"], row["cases_resolved_late"], row["cases_pending_on_time"]) == (20, 5, 10)


@pytest.mark.slow  # one file through the whole ingestion per case, about a second each
@pytest.mark.parametrize("kind", ["tasks", "cases", "case_stats", "feedback"])
def test_empty_template_is_rejected_for_no_data_rows(con, kind):
    plan = prepare(_fill(kind, rows=False), T.TEMPLATE_FILE_NAMES[kind], con)
    rows = "7-9" if kind == "case_stats" else "7"
    assert plan.error == f"Không có dòng dữ liệu nào dưới dòng tiêu đề {rows} của trang «{T.SHEET_NAMES[kind]}»."
    assert plan.kind == kind
    assert commit(con, plan, "tester").status == "rejected"
    assert con.execute("SELECT count(*) FROM uploads").fetchall()[0][0] == 0


@pytest.mark.slow  # one file through the whole ingestion per case, about a second each
@pytest.mark.parametrize("kind", ["tasks", "cases", "feedback"])
def test_untouched_template_is_rejected_for_no_data_rows(con, kind):
    """As downloaded, period placeholder still in place."""
    plan = prepare(T.template_bytes(kind), T.TEMPLATE_FILE_NAMES[kind], con)
    assert plan.error == f"Không có dòng dữ liệu nào dưới dòng tiêu đề 7 của trang «{T.SHEET_NAMES[kind]}»."


def test_bieu06_without_period_asks_for_it(con):
    plan = prepare(_fill("case_stats", period=False), "bieu06.xlsx", con)
    assert plan.error.startswith("Biểu 06 không ghi kỳ báo cáo ở dòng tiêu đề")
    plan = prepare(
        _fill("case_stats", period=False), "bieu06.xlsx", con, period=(date(2025, 10, 1), date(2025, 10, 31))
    )
    assert plan.ok, plan.error_text()


def test_bieu06_header_merges_and_numbering_row():
    ws = load_workbook(io.BytesIO(T.template_bytes("case_stats")))[T.SHEET_NAMES["case_stats"]]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A7:A9", "B7:B9", "C7:F7", "G7:M7", "C8:C9", "D8:F8", "G8:J8", "K8:M8"} <= merged
    assert [ws.cell(row=10, column=j).value for j in range(1, 14)] == [f"({j})" for j in range(1, 14)]
    assert ws["C7"].value == "Số hồ sơ nhận giải quyết" and ws["G8"].value == "Số hồ sơ đã giải quyết"
    assert ws["K8"].value == "Số hồ sơ đang giải quyết" and ws["H9"].value == "Trả trước hạn"
    assert ws["A7"].font.b and ws.freeze_panes == "C11"
    assert ws["A4"].value == T.B06_TITLE and ws["A5"].value == T.PERIOD_PLACEHOLDER


@pytest.mark.parametrize("kind", ["tasks", "cases", "feedback"])
def test_list_template_formatting(kind):
    wb = load_workbook(io.BytesIO(T.template_bytes(kind)))
    assert wb.sheetnames == [T.SHEET_NAMES[kind], T.GUIDE_SHEET, T.LISTS_SHEET]
    assert wb[T.LISTS_SHEET].sheet_state == "hidden" and wb[T.GUIDE_SHEET].sheet_state == "visible"
    ws = wb[T.SHEET_NAMES[kind]]
    assert ws["A1"].value == "UBND TỈNH ĐỒNG NAI" and ws[T.PERIOD_CELL].value == T.PERIOD_PLACEHOLDER
    assert ws.freeze_panes == "A8"
    cols = T.COLUMNS[kind]
    assert [ws.cell(row=7, column=j).value for j in range(1, len(cols) + 1)] == [c.header for c in cols]
    assert all(ws.cell(row=7, column=j).font.b for j in range(1, len(cols) + 1))
    assert ws.max_row == 7  # no empty data cells for a reader to pick up
    letters = {c.header: chr(64 + j) for j, c in enumerate(cols, start=1)}
    for c in cols:
        dim = ws.column_dimensions[letters[c.header]]
        assert dim.width == c.width
        if c.kind in ("date", "deadline"):
            assert dim.number_format == "dd/mm/yyyy"
    lists = {str(dv.sqref)[:1]: dv for dv in ws.data_validations.dataValidation}
    status = next(c.header for c in cols if c.kind == "status")
    dv = lists[letters[status]]
    last = T.DATA_START_ROW[kind] + T.VALIDATED_ROWS - 1
    assert str(dv.sqref) == f"{letters[status]}8:{letters[status]}{last}"
    assert dv.type == "list" and dv.errorStyle == "warning"
    sheet, area = dv.formula1.lstrip("=").split("!")
    values = [r[0].value for r in wb[sheet.strip("'")][area.replace("$", "")]]
    assert values == list(T.STATUS_CHOICES[kind])


def test_offered_statuses_and_channels_are_accepted():
    for choices in T.STATUS_CHOICES.values():
        assert all(status_code(s) is not None for s in choices), choices
    from oversight.ingest.records import CHANNELS

    accepted = {x for texts in CHANNELS.values() for x in texts}
    assert set(T.CHANNEL_CHOICES["cases"]) <= accepted


def test_guide_sheet_explains_every_column():
    for kind in ("tasks", "cases", "case_stats", "feedback"):
        ws = load_workbook(io.BytesIO(T.template_bytes(kind)))[T.GUIDE_SHEET]
        text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
        assert "dd/mm/yyyy" in text and "danh mục đơn vị" in text and T.PERIOD_CELL in text
        names = [n for n, _h in T.B06_HELP] if kind == "case_stats" else [c.header for c in T.COLUMNS[kind]]
        first_col = [ws.cell(row=r, column=1).value for r in range(1, ws.max_row + 1)]
        assert all(n in first_col for n in names)


def test_file_names_and_unknown_kind():
    assert set(T.TEMPLATE_FILE_NAMES) == {"tasks", "cases", "case_stats", "feedback"}
    assert all(n.endswith(".xlsx") for n in T.TEMPLATE_FILE_NAMES.values())
    assert T.template_bytes("case-stats")[:2] == b"PK"
    with pytest.raises(ValueError, match="unknown kind"):
        T.template_bytes("budget")
