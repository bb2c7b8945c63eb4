"""The item page through the real dashboard script (AppTest) on a copy of the awkward province: what a leader reads
on it, the messages for bad links and for another unit's item, and the «Xem» links of the unit page's late lists."""

from __future__ import annotations

import itertools
import shutil
from urllib.parse import parse_qs, urlsplit

import pytest
import streamlit as st

from oversight import db as dbmod
from oversight import items
from oversight.metrics_cache import refresh_cache
from tests.app.conftest import signed_in
from tests.conftest import ROOT

LONG_PHUOC = 111  # Xã Long Phước (tests/items/test_item_page.py checks the id)


@pytest.fixture
def awkward_app(awkward_db, tmp_path, monkeypatch):
    path = tmp_path / "data" / "oversight.duckdb"
    path.parent.mkdir(parents=True)
    shutil.copy(awkward_db, path)
    monkeypatch.setenv("OVERSIGHT_DB", str(path))
    monkeypatch.chdir(ROOT)
    st.cache_data.clear()
    st.cache_resource.clear()
    yield path
    st.cache_data.clear()
    st.cache_resource.clear()
    dbmod.close_all()


_accounts = itertools.count(1)


def _item_page(path, params: dict, role: str = "leader", unit_id: int | None = None):
    at = signed_in(path, role, f"thu.{role}.{next(_accounts)}", unit_id=unit_id)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(str(ROOT / "pages" / "item.py")).run()
    assert not at.exception, at.exception
    return at


def _plain(text: str) -> str:
    return text.replace("\\", "")


def _table(element) -> dict[str, str]:
    frame = element.value
    return dict(zip(frame["Thông tin"], frame["Nội dung"], strict=True))


def test_a_late_case_as_a_leader_reads_it(awkward_app):
    at = _item_page(awkward_app, {"loai": "ho-so", "ma": "LP-C2", "period": "m2025-10"})
    assert _plain(at.title[0].value) == "Hồ sơ thủ tục hành chính LP-C2"
    assert [_plain(e.value) for e in at.error] == [
        "Hoàn thành quá hạn: ngày hoàn thành 13/10/2025 10:00 sau hạn 09/10/2025 16:00 (4 ngày)."
    ]
    assert [t.value for t in at.text] == ["Trả kết quả trễ hạn"]  # the status as the file wrote it, as text
    fields, source = _table(at.dataframe[0]), _table(at.dataframe[1])
    assert fields["Mã hồ sơ"] == "LP-C2" and fields["Hạn giải quyết"] == "09/10/2025 16:00"
    assert source["Tệp"] == "ho_so_2025-10.xlsx" and source["Trang tính, dòng"] == "Danh sách, dòng 6"
    assert any("Phân loại tính đến hết ngày 31/10/2025" in c.value for c in at.caption)
    assert at.get("plotly_chart")  # the timeline


def test_a_task_and_a_feedback_item(awkward_app):
    task = _item_page(awkward_app, {"loai": "nhiem-vu", "ma": "503/UBND-NC", "period": "m2025-10"})
    assert _plain(task.title[0].value) == "Nhiệm vụ 503/UBND-NC"
    assert _table(task.dataframe[0])["Nội dung nhiệm vụ"] == "Rà soát văn bản"
    feedback = _item_page(awkward_app, {"loai": "phan-anh", "ma": "PA-F4", "period": "m2025-10"})
    assert [_plain(e.value) for e in feedback.info] == [
        "Chưa hoàn thành, trong hạn: hạn 05/11/2025 sau ngày 31/10/2025 (cuối kỳ Tháng 10/2025 chọn ở thanh bên)."
    ]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"loai": "van-ban", "ma": "LP-C2"}, "Loại mục trong đường dẫn không hợp lệ"),
        ({"loai": "ho-so"}, "Đường dẫn thiếu mã của mục (ma): mã hồ sơ."),
        ({"loai": "ho-so", "ma": "X" * 500}, "Mã trong đường dẫn dài quá 120 ký tự"),
        ({"loai": "ho-so", "ma": "KHONG-CO"}, items.NOT_FOUND),
    ],
)
def test_bad_links_get_a_message(awkward_app, params, message):
    at = _item_page(awkward_app, params)
    assert at.title[0].value == "Chi tiết mục"
    assert message in at.error[0].value
    assert not at.dataframe


def test_a_unit_viewer_is_refused_another_units_item_as_if_it_did_not_exist(awkward_app):
    own = _item_page(awkward_app, {"loai": "ho-so", "ma": "LP-C4"}, "unit_viewer", LONG_PHUOC)
    assert _plain(own.title[0].value) == "Hồ sơ thủ tục hành chính LP-C4"
    other = _item_page(awkward_app, {"loai": "ho-so", "ma": "TP-S1"}, "unit_viewer", LONG_PHUOC)
    assert [e.value for e in other.error] == [items.NOT_FOUND]
    assert not other.dataframe and not other.get("plotly_chart")


def test_the_unit_pages_late_lists_link_each_row_to_its_item(awkward_app):
    at = signed_in(awkward_app, "leader")
    at.query_params["unit"] = str(LONG_PHUOC)
    at.query_params["period"] = "m2025-10"
    at.run()
    at.switch_page(str(ROOT / "pages" / "unit.py")).run()
    assert not at.exception, at.exception
    cases = next(d.value for d in at.dataframe if "Mã hồ sơ" in d.value.columns)
    assert list(cases.columns)[0] == items.LINK_TITLE
    for url, code in zip(cases[items.LINK_TITLE], cases["Mã hồ sơ"], strict=True):
        query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
        assert urlsplit(url).path == "muc"
        assert (query["loai"], query["ma"], query["period"]) == ("ho-so", code, "m2025-10")
    # LP-C2 (late), LP-C4 and LP-C8 (pending overdue), LP-C12 (late by half an hour) in October
    assert sorted(cases["Mã hồ sơ"]) == ["LP-C12", "LP-C2", "LP-C4", "LP-C8"]


@pytest.mark.parametrize(
    ("page", "kind", "code_title"),
    [("tasks.py", "tasks", "Số, ký hiệu văn bản"), ("feedback.py", "feedback", "Mã phản ánh")],
)
def test_the_kind_pages_late_lists_link_each_row_to_its_item(awkward_app, page, kind, code_title):
    at = signed_in(awkward_app, "leader", f"thu.leader.{next(_accounts)}")
    at.query_params["period"] = "m2025-10"
    at.run()
    at.switch_page(str(ROOT / "pages" / page)).run()
    assert not at.exception, at.exception
    listed = next(d.value for d in at.dataframe if code_title in d.value.columns)
    assert list(listed.columns)[0] == items.LINK_TITLE
    con = dbmod.connection(awkward_app)
    for url, code in zip(listed[items.LINK_TITLE], listed[code_title], strict=True):
        query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
        assert (query["loai"], query["ma"], query["period"]) == (items.SLUGS[kind], code, "m2025-10")
        (found,) = items.find(con, items.parse_link(query))
        assert found.item_code == code


def test_a_code_written_as_markdown_in_a_file_is_shown_as_text(awkward_app):
    hostile = "[bấm vào đây](http://evil.example/x)"
    con = dbmod.connection(awkward_app)
    con.execute("UPDATE cases SET case_code = ?, applicant = '**đậm**' WHERE case_code = 'LP-C2'", [hostile])
    refresh_cache(con, force=True)
    at = _item_page(awkward_app, {"loai": "ho-so", "ma": hostile, "period": "m2025-10"})
    title = at.title[0].value
    assert "](" not in title.replace("\\]\\(", "")  # the brackets escaped: no live link
    assert _plain(title) == f"Hồ sơ thủ tục hành chính {hostile}"
    assert _table(at.dataframe[0])["Người nộp"] == "**đậm**"  # a dataframe cell: text as written
