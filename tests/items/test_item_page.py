"""The item page's content (oversight/items.py) for cases, tasks and feedback of the awkward province
(tests/province/awkward.py lists every row with its class): the fields, the classification sentence checked by hand
against METRICS.md section 2, the source upload, the warnings, a unit viewer refused another unit's item, bad links,
and the list links pointing at the item they sit beside."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from oversight import access, items, metrics
from oversight import db as dbmod
from oversight.metrics_cache import refresh_cache
from tests.metrics.helpers import span
from tests.province.awkward import STATUS_WORDS

OCT_END = date(2025, 10, 31)
SEP_END = date(2025, 9, 30)
TODAY = date(2025, 11, 5)
LONG_PHUOC = 111  # Xã Long Phước's unit id in the seeded Đồng Nai registry (checked below)
JUSTICE = 4  # Sở Tư pháp


@pytest.fixture(scope="module")
def con(awkward_db, tmp_path_factory):
    """A copy of the awkward province shared by the tests that only read it."""
    path = tmp_path_factory.mktemp("items") / "awkward.duckdb"
    shutil.copy(awkward_db, path)
    connection = dbmod.open_database(path)
    yield connection
    connection.close()


@pytest.fixture
def own(awkward_db, tmp_path):
    """A copy of the awkward province for a test that changes it."""
    path = tmp_path / "awkward.duckdb"
    shutil.copy(awkward_db, path)
    connection = dbmod.open_database(path)
    yield connection
    connection.close()


def _open(con, params: dict, as_of: date = OCT_END, reason: str = "cuối kỳ Tháng 10/2025") -> items.Item | None:
    ref = items.parse_link(params)
    found = items.find(con, ref)
    if len(found) != 1:
        return None
    return items.load(con, ref.kind, found[0], as_of, reason, TODAY)


def _case(con, code: str, **kw) -> items.Item:
    item = _open(con, {"loai": "ho-so", "ma": code}, **kw)
    assert item is not None, code
    return item


def _fields(item: items.Item) -> dict[str, str]:
    frame = items.fields(item)
    return dict(zip(frame["Thông tin"], frame["Nội dung"], strict=True))


def _upload(item: items.Item) -> dict[str, str]:
    frame = items.upload_facts(item)
    return dict(zip(frame["Thông tin"], frame["Nội dung"], strict=True))


def test_the_registry_ids_the_tests_name(con):
    names = dict(con.execute("SELECT unit_id, name FROM units WHERE unit_id IN (4, 111)").fetchall())
    assert names == {JUSTICE: "Sở Tư pháp", LONG_PHUOC: "Xã Long Phước"}


# ----------------------------------------------------------------------------------- cases


def test_a_late_case(con):
    # LP-C2: received 03/10 08:00 direct, due 09/10 16:00, done 13/10 10:00: done > due, late by 13 - 9 = 4 days
    item = _case(con, "LP-C2")
    assert item.outcome == "resolved_late"
    assert item.heading == "Hồ sơ thủ tục hành chính LP-C2"
    assert (
        items.explanation(item)
        == "Hoàn thành quá hạn: ngày hoàn thành 13/10/2025 10:00 sau hạn 09/10/2025 16:00 (4 ngày)."
    )
    fields = _fields(item)
    assert fields["Mã hồ sơ"] == "LP-C2"
    assert fields["Thủ tục hành chính"] == "Đăng ký khai sinh"
    assert fields["Lĩnh vực"] == "Hộ tịch"
    assert fields["Đơn vị (như trong tệp)"] == "Ủy ban nhân dân xã Long Phước"  # written NFD, stored NFC
    assert fields["Đơn vị trong danh mục"] == "Xã Long Phước"
    assert fields["Hình thức nộp"] == "Trực tiếp, bưu chính công ích"
    assert fields["Ngày tiếp nhận"] == "03/10/2025 08:00"
    assert fields["Hạn giải quyết"] == "09/10/2025 16:00"
    assert fields["Ngày có kết quả"] == "13/10/2025 10:00"
    assert fields["Trạng thái (như trong tệp)"] == "Trả kết quả trễ hạn"
    assert "Người nộp" not in fields  # empty fields are left out


def test_a_case_on_time_on_its_due_day_and_one_early(con):
    # LP-C3: due 10/10 given as a date (end of that day), done 10/10 17:30: not after the due, same day: on time
    on_time = _case(con, "LP-C3")
    assert on_time.outcome == "resolved_on_time"
    assert items.explanation(on_time) == (
        "Hoàn thành đúng hạn: ngày hoàn thành 10/10/2025 17:30 không muộn hơn hạn 10/10/2025, cùng ngày hạn."
    )
    # LP-C1: done 06/10, before the due day 09/10: early
    early = _case(con, "LP-C1")
    assert (
        items.explanation(early) == "Hoàn thành trước hạn: ngày hoàn thành 06/10/2025 09:00 trước ngày hạn 09/10/2025."
    )


def test_a_pending_overdue_case(con):
    # LP-C4: due 14/10 16:00, not done: overdue at the end of 31/10, by 31 - 14 = 17 days (the lists' count)
    item = _case(con, "LP-C4")
    assert item.outcome == "pending_overdue"
    assert items.explanation(item) == (
        "Chưa hoàn thành, quá hạn: hạn 14/10/2025 16:00, đến hết ngày 31/10/2025 (cuối kỳ Tháng 10/2025) "
        "chưa hoàn thành (17 ngày)."
    )
    # classified at the end of 10/10 instead, the same case is still within its deadline
    earlier = _case(con, "LP-C4", as_of=date(2025, 10, 10), reason="cuối kỳ tùy chọn")
    assert earlier.outcome == "pending_on_time"
    assert items.explanation(earlier) == (
        "Chưa hoàn thành, trong hạn: hạn 14/10/2025 16:00 sau ngày 10/10/2025 (cuối kỳ tùy chọn)."
    )


def test_a_withdrawn_case_is_on_time_and_a_paused_one_within_deadline(con):
    # LP-C6: «Công dân xin rút hồ sơ», done 25/10 after its due 20/10: withdrawn counts as on time
    withdrawn = _case(con, "LP-C6")
    assert withdrawn.outcome == "resolved_on_time"
    assert items.explanation(withdrawn) == (
        "Hoàn thành đúng hạn: trạng thái «Công dân xin rút hồ sơ» (trả lại hồ sơ, xin rút) được tính là giải quyết "
        "đúng hạn dù ngày 25/10/2025 09:00 sau hạn 20/10/2025 16:00."
    )
    # LP-C5: «Chờ bổ sung hồ sơ», due 15/10 16:00 long past on 31/10: the clock is stopped, within deadline
    paused = _case(con, "LP-C5")
    assert paused.outcome == "pending_on_time"
    assert items.explanation(paused) == (
        "Chưa hoàn thành, trong hạn: trạng thái «Chờ bổ sung hồ sơ» (chờ bổ sung, tạm dừng) dừng tính thời hạn, "
        "nên được tính là trong hạn dù hạn 15/10/2025 16:00 đã qua."
    )


def test_a_case_without_deadline_never_counts_late(con):
    # TP-S2: no due, not done: a case without deadline counts as within deadline (Biểu 06 has no such column)
    item = _case(con, "TP-S2")
    assert item.outcome == "pending_on_time"
    assert "Biểu 06 không có cột «không thời hạn»" in items.explanation(item)
    assert "không có hạn xử lý" in items.explanation(item)


def test_the_source_upload(con):
    item = _case(con, "LP-C2")
    uploaded_at = con.execute("SELECT uploaded_at FROM uploads WHERE upload_id = 3").fetchone()[0]
    facts = _upload(item)
    assert facts["Lần tải lên"] == "số 3"  # tasks (1), May's cases (2), October's cases (3)
    assert facts["Tệp"] == "ho_so_2025-10.xlsx"
    # three title rows, the header on row 4: LP-C1 on row 5, LP-C2 on row 6
    assert facts["Trang tính, dòng"] == "Danh sách, dòng 6"
    assert facts["Thời điểm tải lên"] == (
        uploaded_at.replace(microsecond=0) + (datetime(2000, 1, 1, 7) - datetime(2000, 1, 1))
    ).strftime("%d/%m/%Y %H:%M")
    assert facts["Người tải lên"].endswith("(dòng lệnh)")  # loaded with `python -m oversight ingest`
    assert facts["Trạng thái lần tải lên"] == "đang hiệu lực"
    assert "Kỳ của tệp" not in facts or facts["Kỳ của tệp"]


def test_the_timeline(con):
    late = items.timeline(_case(con, "LP-C2"), datetime(2025, 11, 5, 9))
    assert (late.received, late.due, late.end) == (
        datetime(2025, 10, 3, 8),
        datetime(2025, 10, 9, 16),
        datetime(2025, 10, 13, 10),
    )
    assert late.late_from == datetime(2025, 10, 9, 16) and late.end_label == "Ngày hoàn thành"
    pending = items.timeline(_case(con, "LP-C4"), datetime(2025, 11, 5, 9))
    assert pending.end == datetime(2025, 11, 5, 9) and pending.end_label == "Hôm nay (chưa hoàn thành)"
    assert pending.late_from == datetime(2025, 10, 14, 16)
    assert items.timeline(_case(con, "LP-C6"), datetime(2025, 11, 5)).late_from is None  # withdrawn: never late
    assert items.timeline(_case(con, "LP-C1"), datetime(2025, 11, 5)).late_from is None
    fig = items.timeline_chart(late)
    red = [t for t in fig.data if t.mode == "lines" and t.line.color == items.LATE_COLOUR]
    assert len(red) == 1 and list(red[0].x) == [datetime(2025, 10, 9, 16), datetime(2025, 10, 13, 10)]
    labels = " ".join(t.text[0] for t in fig.data if t.text)
    assert "Ngày nhận/giao<br>03/10/2025 08:00" in labels and "Hạn xử lý<br>09/10/2025 16:00" in labels


# ----------------------------------------------------------------------------------- tasks


def test_a_late_task_and_an_extended_one(con):
    # T3, 503/UBND-NC: due 20/10 (a date), done 25/10: late by 5 days
    late = _open(con, {"loai": "nhiem-vu", "ma": "503/UBND-NC"})
    assert late.heading == "Nhiệm vụ 503/UBND-NC"
    assert items.explanation(late) == "Hoàn thành quá hạn: ngày hoàn thành 25/10/2025 sau hạn 20/10/2025 (5 ngày)."
    assert _fields(late)["Nội dung nhiệm vụ"] == "Rà soát văn bản"
    assert _upload(late)["Tệp"] == "nhiem_vu_2025-10.xlsx"
    # T4, 504/UBND-NC: due 15/10 extended to 15/11, not done: within its (extended) deadline on 31/10
    extended = _open(con, {"loai": "nhiem-vu", "ma": "504/UBND-NC"})
    assert items.explanation(extended) == (
        "Chưa hoàn thành, trong hạn: hạn 15/11/2025 sau ngày 31/10/2025 (cuối kỳ Tháng 10/2025)."
    )
    fields = _fields(extended)
    assert fields["Thời hạn ban đầu"] == "15/10/2025"
    assert fields["Thời hạn (sau điều chỉnh, gia hạn)"] == "15/11/2025"
    assert items.timeline(extended, datetime(2025, 11, 1)).due_original == datetime(2025, 10, 15)


def test_tasks_without_deadline_and_decided_by_their_status(con):
    # T2, 502/UBND-NC: deadline «Thường xuyên», done: no deadline, out of the rate
    regular = _open(con, {"loai": "nhiem-vu", "ma": "502/UBND-NC"})
    assert items.explanation(regular) == (
        "Hoàn thành, không có thời hạn: thời hạn ghi «Thường xuyên», nên không tính vào tỷ lệ quá hạn."
    )
    # Sở Y tế's task per status word: no dates, so a «… quá hạn» word decides (done late)
    index, (word, _) = next((i, w) for i, w in enumerate(STATUS_WORDS, start=1) if w[1] == "done_late")
    by_status = _open(con, {"loai": "nhiem-vu", "ma": f"{100 + index}/UBND-VP"})
    assert by_status.outcome == "resolved_late"
    assert items.explanation(by_status) == (
        f"Hoàn thành quá hạn: không có ngày hoàn thành, nên trạng thái «{word}» quyết định."
    )


def test_a_document_with_several_tasks_lists_them_and_a_row_names_one(own):
    own.execute(
        "INSERT INTO tasks (upload_id, source_row, item_key, doc_number, content, unit_id, unit_name, received, due,"
        " status_text, status_code) SELECT upload_id, 200, '503 ubnd nc|viec khac|4', doc_number, 'Việc khác',"
        " unit_id, unit_name, received, due, 'Đang thực hiện', 'open' FROM tasks WHERE doc_number = '503/UBND-NC'"
    )
    refresh_cache(own, force=True)
    both = items.find(own, items.parse_link({"loai": "nhiem-vu", "ma": "503/UBND-NC"}))
    assert sorted(c.title for c in both) == ["Rà soát văn bản", "Việc khác"]
    one = items.find(own, items.parse_link({"loai": "nhiem-vu", "ma": "503/UBND-NC", "tai": "1", "dong": "200"}))
    assert [c.title for c in one] == ["Việc khác"]
    # a row under another code names nothing
    assert items.find(own, items.parse_link({"loai": "nhiem-vu", "ma": "501/UBND-NC", "tai": "1", "dong": "200"})) == []


# ----------------------------------------------------------------------------------- feedback


def test_feedback_classified_at_the_readers_period(con):
    # PA-F2: due 30/09 (a date), done 02/10 08:00. At the end of September: not done, due on or before 30/09:
    # overdue, by 30 - 30 = 0 days; at the end of October: done after its due, late by 2 days.
    september = _open(con, {"loai": "phan-anh", "ma": "PA-F2"}, as_of=SEP_END, reason="cuối kỳ Tháng 09/2025")
    assert september.outcome == "pending_overdue"
    assert items.explanation(september) == (
        "Chưa hoàn thành, quá hạn: hạn 30/09/2025, đến hết ngày 30/09/2025 (cuối kỳ Tháng 09/2025) chưa hoàn thành "
        "(hạn là chính ngày tính; ngày hoàn thành 02/10/2025 08:00 sau ngày tính)."
    )
    october = _open(con, {"loai": "phan-anh", "ma": "PA-F2"})
    assert (
        items.explanation(october)
        == "Hoàn thành quá hạn: ngày hoàn thành 02/10/2025 08:00 sau hạn 30/09/2025 (2 ngày)."
    )
    fields = _fields(october)
    assert fields["Kênh tiếp nhận"] == "Zalo" and fields["Đánh giá của người dân"] == "Không hài lòng"
    assert _upload(october)["Kỳ của tệp"] == "01/09/2025 – 31/10/2025"
    # PA-F5: due 30/10, not done, «Quá hạn»: overdue by the date, 1 day at 31/10
    assert _open(con, {"loai": "phan-anh", "ma": "PA-F5"}).outcome == "pending_overdue"


def test_an_item_received_after_the_period_is_classified_today(con):
    # LP-C10 received 02/11: not in October; the page classifies it at the end of today (05/11) instead
    item = _case(con, "LP-C10")
    assert item.as_of == TODAY and item.as_of_reason == "hôm nay"
    assert item.outcome == "pending_on_time"  # due 09/11 16:00


# ----------------------------------------------------------------------------------- warnings, states


def test_warnings_of_the_row_and_a_status_against_the_dates(own):
    own.execute(
        "INSERT INTO upload_rejects VALUES (3, 'warning', 'Danh sách', 6, 'Hình thức', 'Qua Zalo', "
        "'Không nhận ra hình thức nộp; để trống')"
    )
    own.execute("INSERT INTO upload_rejects VALUES (3, 'warning', 'Danh sách', 7, 'Hình thức', 'x', 'Dòng khác')")
    frame = items.warnings_frame(_case(own, "LP-C2"))
    assert frame.values.tolist() == [["Hình thức", "Qua Zalo", "Không nhận ra hình thức nộp; để trống"]]
    # LP-C1's status says still open although it has a completion date: the dates win, the page says so
    own.execute("UPDATE cases SET status_text = 'Đang giải quyết', status_code = 'open' WHERE case_code = 'LP-C1'")
    refresh_cache(own, force=True)
    conflict = items.warnings_frame(_case(own, "LP-C1"))
    assert conflict.values.tolist() == [
        ["Trạng thái", "Đang giải quyết", "Trạng thái chưa hoàn thành nhưng có ngày hoàn thành; số liệu tính theo ngày"]
    ]


def test_a_rolled_back_upload_still_opens_but_is_not_counted(own):
    own.execute("UPDATE uploads SET state = 'rolled_back' WHERE upload_id = 5")
    refresh_cache(own, force=True)
    item = _open(own, {"loai": "phan-anh", "ma": "PA-F3"})
    assert item is not None and not item.candidate.is_counted and item.classification is None
    assert items.explanation(item).startswith("Không được tính vào số liệu")
    assert _upload(item)["Trạng thái lần tải lên"] == "đã hoàn tác"


# ----------------------------------------------------------------------------------- access


def test_a_unit_viewer_sees_its_own_items_only(con):
    viewer = access.Principal(name="lp", role="unit_viewer", unit_id=LONG_PHUOC, units=frozenset({LONG_PHUOC}))
    with access.acting_as(viewer):
        assert _case(con, "LP-C2").outcome == "resolved_late"
        # Sở Tư pháp's case: exactly what a code that names nothing gives
        assert items.find(con, items.parse_link({"loai": "ho-so", "ma": "TP-S1"})) == []
        assert items.find(con, items.parse_link({"loai": "ho-so", "ma": "KHONG-CO"})) == []
        # even asked for by its row
        other = items.Candidate("TP-S1", 3, 17, JUSTICE, "TP-S1", "", True)
        assert items.load(con, "cases", other, OCT_END, "", TODAY) is None
    with access.acting_as(None), pytest.raises(access.AccessDenied):
        items.find(con, items.parse_link({"loai": "ho-so", "ma": "LP-C2"}))


# ----------------------------------------------------------------------------------- links


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "Đường dẫn thiếu loại mục (loai): ho-so, nhiem-vu hoặc phan-anh."),
        ({"loai": "hoso", "ma": "X"}, "Loại mục trong đường dẫn không hợp lệ"),
        ({"loai": "ho-so"}, "Đường dẫn thiếu mã của mục (ma): mã hồ sơ."),
        ({"loai": "ho-so", "ma": "   "}, "Đường dẫn thiếu mã của mục (ma): mã hồ sơ."),
        ({"loai": "ho-so", "ma": "A" * 121}, "Mã trong đường dẫn dài quá 120 ký tự"),
        ({"loai": "nhiem-vu", "ma": "1/UBND", "tai": "1"}, "phải ghi cả lần tải lên (tai) và dòng (dong)"),
        ({"loai": "nhiem-vu", "ma": "1/UBND", "tai": "1", "dong": "x"}, "phải là số"),
        ({"loai": "nhiem-vu", "ma": "1/UBND", "tai": "1", "dong": "9" * 12}, "phải là số"),
    ],
)
def test_bad_links_are_refused_with_their_reason(params, message):
    with pytest.raises(items.LinkError, match=message.replace("(", r"\(").replace(")", r"\)")):
        items.parse_link(params)


def test_a_code_is_read_as_written_and_round_trips():
    ref = items.parse_link({"loai": "nhiem-vu", "ma": " 12/QĐ-UBND ", "tai": "3", "dong": "45"})
    assert ref == items.ItemRef("tasks", "12/QĐ-UBND", 3, 45)
    url = items.link("tasks", "12/QĐ-UBND", 3, 45, {"period": "m2025-10", "field": ""})
    assert url == "muc?loai=nhiem-vu&ma=12%2FQ%C4%90-UBND&tai=3&dong=45&period=m2025-10"
    query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    assert items.parse_link(query) == ref


@pytest.mark.parametrize("kind", ["cases", "tasks", "feedback"])
def test_every_link_of_a_late_list_opens_the_item_beside_it(con, kind):
    listed = metrics.overdue_items(con, kind, span(date(2025, 10, 1), OCT_END)).head(8)  # the worst eight
    assert not listed.empty
    urls = items.links(listed, kind, {"period": "m2025-10"})
    for url, row in zip(urls, listed.itertuples(index=False), strict=True):
        query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
        assert query["period"] == "m2025-10" and query["loai"] == items.SLUGS[kind]
        assert ("tai" in query) == (kind == "tasks")  # cases and feedback by their code alone
        (found,) = items.find(con, items.parse_link(query))
        assert (found.upload_id, found.source_row) == (row.upload_id, row.source_row)
        item = items.load(con, kind, found, OCT_END, "", TODAY)
        assert item.outcome == row.outcome  # the page classifies it as the list did
