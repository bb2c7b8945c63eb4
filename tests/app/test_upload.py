"""The upload page through AppTest: what was understood, what was rejected, commit, history, rollback."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from oversight import db as dbmod
from tests.app.conftest import signed_in
from tests.conftest import ROOT

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _upload_page(at: AppTest) -> AppTest:
    at.run()
    at.switch_page(str(ROOT / "pages" / "upload.py")).run()
    assert not at.exception, at.exception
    return at


def _uploads(path) -> list[tuple]:
    """Read through the process's own connection (the app under test holds the file open)."""
    cur = dbmod.connection(path).cursor()
    try:
        return cur.execute("SELECT upload_id, file_name, state, uploaded_by FROM uploads ORDER BY 1").fetchall()
    finally:
        cur.close()


def test_a_good_and_a_bad_file_are_explained_before_anything_is_written(app_db, demo_files):
    before = _uploads(app_db)
    data = (demo_files / "2025-10_phan_anh_1022.xlsx").read_bytes()
    at = _upload_page(signed_in(app_db, "uploader"))
    at.file_uploader[0].set_value(
        [
            ("phan_anh_sua.xlsx", data + b"", XLSX),
            ("bao_cao.xlsx", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", XLSX),
        ]
    ).run()
    assert not at.exception
    labels = [e.label for e in at.expander]
    assert any("phan\\_anh\\_sua" in lbl and "phản ánh, kiến nghị" in lbl for lbl in labels), labels
    assert any("bao\\_cao" in lbl and "bị từ chối" in lbl for lbl in labels), labels
    errors = " ".join(e.value for e in at.error)
    assert "không phải bảng tính Excel" in errors and "PDF" in errors
    assert _uploads(app_db) == before  # preparing writes nothing


def _edited(path, answered: int = 1) -> bytes:
    """The demo's October feedback export with `answered` more items answered: a new file for the same scope."""
    wb = load_workbook(path)
    ws = wb[wb.sheetnames[-1]]
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == "Đang xử lý" and answered:
                cell.value = "Đã xử lý"
                answered -= 1
    if answered:
        raise AssertionError("not enough open items to edit")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_commit_replaces_the_scope_and_rollback_restores_it(app_db, demo_files):
    from oversight.ingest.load import list_uploads

    before = {r[1]: r for r in _uploads(app_db)}
    demo = before["2025-10_phan_anh_1022.xlsx"]
    at = _upload_page(signed_in(app_db, "uploader", "nguyen.van.a"))
    # the first real upload: the demo's uploads stop counting (not replaced: retired, METRICS.md section 7)
    at.file_uploader[0].set_value(("phan_anh_10_2025.xlsx", _edited(demo_files / demo[1]), XLSX)).run()
    at.button(key="commit_uploads").click().run()
    assert not at.exception
    rows = {r[1]: r for r in _uploads(app_db)}
    first = rows["phan_anh_10_2025.xlsx"]
    assert first[2:] == ("active", "nguyen.van.a")  # the logged-in account, not a name typed in
    listed = list_uploads(dbmod.connection(app_db)).set_index("id")
    assert listed.loc[demo[0], "state"] == "demo_retired" and not listed.loc[demo[0], "counted"]
    notice = f"Dữ liệu minh họa ({len(before)} lần tải lên) đã được gỡ khỏi số liệu: từ nay chỉ tính dữ liệu thật."
    assert any(notice in s.value.replace("\\", "") for s in at.success), [s.value for s in at.success]

    # a second real file for the same scope replaces the first
    at = _upload_page(signed_in(app_db, "uploader", "tran.thi.b"))
    at.file_uploader[0].set_value(("phan_anh_10_2025_bo_sung.xlsx", _edited(demo_files / demo[1], 2), XLSX)).run()
    at.button(key="commit_uploads").click().run()
    assert not at.exception
    rows = {r[1]: r for r in _uploads(app_db)}
    new = rows["phan_anh_10_2025_bo_sung.xlsx"]
    assert new[2:] == ("active", "tran.thi.b")
    assert rows[first[1]][2] == "replaced"
    assert any(f"lần tải lên số {new[0]}" in s.value for s in at.success), [s.value for s in at.success]

    # the history lists the newest first: select it and roll it back
    at.switch_page(str(ROOT / "pages" / "upload.py")).run()
    at.session_state["upload_history"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    at.checkbox(key=f"sure_{new[0]}").check().run()
    at.button(key=f"rollback_{new[0]}").click().run()
    assert not at.exception
    rows = {r[1]: r for r in _uploads(app_db)}
    assert rows["phan_anh_10_2025_bo_sung.xlsx"][2] == "rolled_back"
    assert rows[first[1]][2] == "active"
    assert any(
        f"Đã hoàn tác lần tải lên số {new[0]}; khôi phục lần tải lên số {first[0]}" in s.value for s in at.success
    )
    listed = list_uploads(dbmod.connection(app_db)).set_index("id")
    assert listed.loc[demo[0], "state"] == "demo_retired"  # the demo stays out


def test_preview_shows_each_name_as_written_beside_the_registry_unit(app_db, demo_files):
    from oversight.ingest.pipeline import prepare
    from oversight.ui.uploads import preview_frame, unit_names

    con = dbmod.connection(app_db)
    plan = prepare((demo_files / "2025-10_ho_so.xlsx").read_bytes(), "ho_so.xlsx", con)
    records = plan.preview(50)
    frame = preview_frame(records, unit_names(con, records["unit_id"]))
    assert {"unit_id", "item_key", "status_code"}.isdisjoint(frame.columns)
    written, matched = frame["Đơn vị (như trong tệp)"], frame["Đơn vị trong danh mục"]
    registry = dict(con.execute("SELECT unit_id, name FROM units").fetchall())
    assert matched.tolist() == [registry[u] for u in records["unit_id"]]
    assert (written != matched).any()  # the files write names their own way ("UBND xã …", upper case, …)


def test_the_history_says_where_each_upload_came_from(app_db, demo_files, monkeypatch):
    from oversight import inbox
    from tests.ingest.corpus import case_list

    monkeypatch.setenv("OVERSIGHT_INBOX_QUIET", "0")
    box = inbox.Inbox()
    box.poll()
    (box.folder / "ho_so_tu_thu_muc.xlsx").write_bytes(case_list())
    box.poll()
    [outcome] = box.poll()
    assert outcome.status == "loaded"
    at = _upload_page(signed_in(app_db, "uploader", "nguyen.van.a"))
    at.file_uploader[0].set_value(("ho_so_tren_trang.xlsx", _edited(demo_files / "2025-10_phan_anh_1022.xlsx"), XLSX))
    at.run()
    at.button(key="commit_uploads").click().run()
    assert not at.exception
    at.switch_page(str(ROOT / "pages" / "upload.py")).run()
    [history] = [d.value for d in at.dataframe if "Nguồn" in d.value.columns]
    sources = dict(zip(history["Tệp"], history["Nguồn"], strict=True))
    assert sources["ho_so_tren_trang.xlsx"] == "Tải lên trên trang"
    assert sources["ho_so_tu_thu_muc.xlsx"] == "Thư mục nhận tệp"
    assert sources["2025-10_phan_anh_1022.xlsx"] == "Dòng lệnh"  # the demo database was loaded as an operator
