"""Before «Nạp» the upload page says whether a file is loaded already (oversight.ingest.earlier): the same file
names the earlier upload (when, in the province's time, by whom, its state); a different file of the same period and
units names the upload it would replace; a case list names the uploads already holding its cases. Files: the awkward
province's (tests/province/awkward.py): the October task list has 137 status-word tasks of Sở Y tế and T1-T6 of
Sở Tư pháp (143 rows), the October case list 14 cases."""

from __future__ import annotations

import io
from datetime import timedelta

import openpyxl

from oversight.ingest import earlier, pipeline
from oversight.ingest.load import list_uploads, rollback
from tests.province import awkward


def resent(data: bytes) -> bytes:
    """The same sheet saved again with another document title: other bytes (another SHA-256), the same rows."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    book.properties.title = "Bản gửi lại"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def load(con, data: bytes, name: str, user: str = "thu.ky"):
    plan = pipeline.prepare(data, name, con)
    assert plan.ok, plan.error_text()
    return plan, pipeline.commit(con, plan, user)


def when(con, upload_id: int) -> str:
    """The upload's time as the province reads it: the stored UTC time + 7 hours."""
    history = list_uploads(con)
    stored = history.loc[history["id"] == upload_id, "uploaded_at"].iloc[0].to_pydatetime()
    return (stored + timedelta(hours=7)).strftime("%H:%M %d/%m/%Y")


def test_a_new_file_meets_nothing(con):
    plan = pipeline.prepare(awkward.tasks_october(), "nhiem_vu_2025-10.xlsx", con)
    assert earlier.warnings(con, plan) == []


def test_the_same_file_again_names_the_earlier_upload(con):
    data = awkward.tasks_october()
    _plan, first = load(con, data, "nhiem_vu_2025-10.xlsx")
    again = pipeline.prepare(data, "nhiem_vu_thang_10.xlsx", con)
    assert earlier.warnings(con, again) == [
        "Tệp này đã được nạp trước đây (cùng nội dung, cùng mã SHA-256): lần tải lên số "
        f"{first.upload_id} («nhiem_vu_2025-10.xlsx», lúc {when(con, first.upload_id)}, người tải: thu.ky, "
        "đang hiệu lực). Bấm «Nạp» sẽ không thay đổi gì: hệ thống không nạp lại một tệp đang hiệu lực. Muốn nạp lại, "
        f"hãy hoàn tác lần tải lên số {first.upload_id} ở thẻ «Lịch sử tải lên» trước."
    ]
    assert pipeline.commit(con, again, "thu.ky").status == "duplicate"  # what the warning said would happen


def test_the_same_file_after_a_rollback_may_be_loaded_again(con):
    data = awkward.tasks_october()
    _plan, first = load(con, data, "nhiem_vu_2025-10.xlsx")
    rollback(con, first.upload_id, "lanh.dao")
    again = pipeline.prepare(data, "nhiem_vu_2025-10.xlsx", con)
    (text,) = earlier.warnings(con, again)
    assert f"lần tải lên số {first.upload_id} («nhiem_vu_2025-10.xlsx», lúc {when(con, first.upload_id)}" in text
    assert text.endswith(
        "người tải: thu.ky, đã hoàn tác). Nạp lại sẽ đưa số liệu của tệp này vào tính lại (lần tải lên trước không "
        "còn hiệu lực)."
    )
    assert pipeline.commit(con, again, "thu.ky").status == "loaded"  # the warning does not block the reload


def test_another_file_of_the_same_month_and_units_names_what_it_replaces(con):
    _plan, first = load(con, awkward.tasks_october(), "nhiem_vu_2025-10.xlsx")
    other = pipeline.prepare(resent(awkward.tasks_october()), "nhiem_vu_2025-10_gui_lai.xlsx", con)
    assert earlier.warnings(con, other) == [
        "Kỳ 01/10/2025 – 31/10/2025 của các đơn vị trong tệp đã được nạp: lần tải lên số "
        f"{first.upload_id} («nhiem_vu_2025-10.xlsx», lúc {when(con, first.upload_id)}, người tải: thu.ky, "
        f"143 dòng của các đơn vị này). Khi nạp, tệp này thay thế lần tải lên số {first.upload_id} (cùng loại, cùng "
        "kỳ, cùng đơn vị: số liệu cũ không còn được tính, hoàn tác được)."
    ]
    assert pipeline.commit(con, other, "thu.ky").replaced == [first.upload_id]  # as announced


def test_a_case_list_names_the_uploads_holding_its_cases(con):
    _plan, first = load(con, awkward.cases_october(), "ho_so_2025-10.xlsx", user="van.thu")
    other = pipeline.prepare(resent(awkward.cases_october()), "ho_so_thang_10.xlsx", con)
    assert earlier.warnings(con, other) == [
        "Tệp có hồ sơ đã được nạp (trong 14 hồ sơ của tệp): lần tải lên số "
        f"{first.upload_id} («ho_so_2025-10.xlsx», lúc {when(con, first.upload_id)}, người tải: van.thu, 14 hồ sơ "
        "trùng). Khi nạp, dòng của tệp này được dùng cho các hồ sơ đó thay cho dòng cũ (mỗi hồ sơ chỉ tính một lần)."
    ]
