"""The overview names what its figures rest on (oversight.metrics.freshness, oversight.ui.freshness), checked
against the awkward province's October task list (tests/province/awkward.py) and its May case list. By hand: the
task list's titles say «Tháng 10/2025»; its latest day in October is T3's completion, 25/10/2025 (the status-word
tasks were assigned on 06/10, T1 on 01/10, T2 done 10/10; T4 and T5 are open, T6 was done in September). The May
case list is loaded last, so it is the last upload; October's figures rest on the task list only."""

from __future__ import annotations

from datetime import date, timedelta

from oversight import metrics, periods
from oversight.ingest import pipeline
from oversight.ingest.load import list_uploads
from oversight.ui import freshness
from tests.province import awkward

OCTOBER = periods.month(2025, 10)


def load(con, data: bytes, name: str, user: str) -> int:
    plan = pipeline.prepare(data, name, con)
    return pipeline.commit(con, plan, user).upload_id


def local_time(con, upload_id: int) -> str:
    history = list_uploads(con)
    stored = history.loc[history["id"] == upload_id, "uploaded_at"].iloc[0].to_pydatetime()
    return (stored + timedelta(hours=7)).strftime("%H:%M %d/%m/%Y")  # Asia/Ho_Chi_Minh is UTC+7


def test_freshness_of_october(con):
    tasks = load(con, awkward.tasks_october(), "nhiem_vu_2025-10.xlsx", "thu.ky")
    cases = load(con, awkward.cases_may(), "ho_so_2025-05.xlsx", "van.thu")
    fresh = metrics.freshness(con, OCTOBER)
    assert fresh["newest_day"] == date(2025, 10, 25)
    assert fresh["last_upload"]["upload_id"] == cases
    assert fresh["uploads"]["upload_id"].tolist() == [tasks]
    assert freshness.text(fresh) == (
        "Số liệu dựa trên: dữ liệu mới nhất của kỳ đến ngày 25/10/2025 · lần tải lên gần nhất: «ho_so_2025-05.xlsx» "
        f"(danh sách hồ sơ TTHC) lúc {local_time(con, cases)}, người tải: van.thu · 1 lần tải lên có số liệu của kỳ."
    )
    shown = freshness.table(fresh["uploads"])
    assert shown.iloc[0].to_dict() == {
        "Số": tasks,
        "Tệp": "nhiem_vu_2025-10.xlsx",
        "Loại": "nhiệm vụ được giao",
        "Kỳ": "01/10/2025 – 31/10/2025",
        "Người tải": "thu.ky",
        "Thời điểm": local_time(con, tasks),
        "Nguồn": "Dữ liệu thật",
    }


def test_a_period_without_data(con):
    load(con, awkward.tasks_october(), "nhiem_vu_2025-10.xlsx", "thu.ky")
    fresh = metrics.freshness(con, periods.month(2025, 3))
    assert fresh["newest_day"] is None and fresh["uploads"].empty
    assert freshness.text(fresh).startswith("Số liệu dựa trên: kỳ này chưa có dữ liệu · lần tải lên gần nhất: «nhiem")
    assert freshness.text(fresh).endswith("không lần tải lên nào có số liệu của kỳ.")


def test_an_empty_database(con):
    fresh = metrics.freshness(con, OCTOBER)
    assert freshness.text(fresh) == (
        "Số liệu dựa trên: kỳ này chưa có dữ liệu · chưa có lần tải lên nào được tính · không lần tải lên nào có số "
        "liệu của kỳ."
    )
