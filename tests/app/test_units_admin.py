"""The page "Danh mục đơn vị" through AppTest: the registry with lineage, a name an upload rejected listed with
its suggestion and confirmed, a department added, two units merged and the merge undone.

The page is registered in dashboard.py (group "Dữ liệu", url_path "danh-muc-don-vi"); AppTest reaches it
through st.navigation like a user does."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from oversight import db as dbmod
from oversight.ingest.pipeline import ingest_file
from oversight.ui.components import plain
from oversight.units import departments
from tests.app.conftest import signed_in
from tests.conftest import ROOT
from tests.units.test_admin import UNKNOWN_FILE, unknown_unit_workbook

PAGE = ROOT / "pages" / "units_admin.py"


def open_page(db_path, username: str = "thu.admin") -> AppTest:
    at = signed_in(db_path, "uploader", username)
    at.run()
    at.switch_page(str(PAGE)).run()
    assert not at.exception, at.exception
    return at


def _con(path):
    """The process's own connection (the app under test holds the file open)."""
    return dbmod.connection(path)


def _one(path, sql: str, params=()) -> list[tuple]:
    cur = _con(path).cursor()
    try:
        return cur.execute(sql, list(params)).fetchall()
    finally:
        cur.close()


def _texts(elements) -> str:
    return " ".join(e.value for e in elements)


def test_the_registry_shows_a_units_lineage_and_a_split(app_db):
    at = open_page(app_db)
    assert at.title[0].value == "Danh mục đơn vị"
    at.text_input(key="registry_search").set_value("Trấn Biên").run()
    at.session_state["unit_registry"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert not at.exception
    lines = _texts(at.markdown)
    assert plain("Phường Trấn Biên ← ") in lines and "Phường Quang Vinh" in lines and "Phường Trung Dũng" in lines

    at.radio(key="registry_era").set_value("old").run()
    at.text_input(key="registry_search").set_value("xuan tam").run()
    at.session_state["unit_registry"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert plain("Xã Xuân Tâm được chia cho nhiều xã, phường mới; số liệu cũ tính cho Xã Xuân Hòa.") in _texts(
        at.warning
    )


def test_a_rejected_name_is_listed_and_confirmed(app_db, tmp_path):
    path = tmp_path / UNKNOWN_FILE
    path.write_bytes(unknown_unit_workbook())
    _plan, result = ingest_file(_con(app_db), path, user="Nguyễn Văn A")
    assert result.rows_rejected == 3
    tran_bien = _one(app_db, "SELECT unit_id FROM units WHERE name = 'Phường Trấn Biên'")[0][0]

    at = open_page(app_db, "tran.thi.b")
    listed = [df.value for df in at.dataframe if "Tên trong tệp" in df.value.columns]
    assert len(listed) == 1
    table = listed[0]
    assert {"UBND phường Trấn Biên mới", "Ngân hàng ABC chi nhánh Biên Hòa"} <= set(table["Tên trong tệp"])
    row = table[table["Tên trong tệp"] == "UBND phường Trấn Biên mới"].iloc[0]
    assert row["Số dòng"] == 2 and row["Tệp"] == UNKNOWN_FILE and row["Gợi ý"].startswith("Phường Trấn Biên (")

    at.selectbox(key="pending_pick").set_value("UBND phường Trấn Biên mới").run()
    target = [s for s in at.selectbox if s.key and s.key.startswith("pending_target_")][0]
    assert target.value == tran_bien  # the best suggestion is proposed first
    at.button(key="confirm_name").click().run()
    assert not at.exception

    done = _texts(at.success)
    assert plain("Đã ghi nhận «UBND phường Trấn Biên mới» là Phường Trấn Biên. 2 dòng bị từ chối") in done
    assert plain(f"tải lại tệp «{UNKNOWN_FILE}» (lần tải lên số {result.upload_id})") in done
    assert _one(
        app_db, "SELECT unit_id, source, created_by FROM unit_aliases WHERE alias = 'UBND phường Trấn Biên mới'"
    ) == [(tran_bien, "confirmed", "tran.thi.b")]
    # no longer pending; waiting for its file instead
    remaining = [df.value for df in at.dataframe if "Tên trong tệp" in df.value.columns][0]
    assert list(remaining["Tên trong tệp"]) == ["Ngân hàng ABC chi nhánh Biên Hòa"]
    assert plain("«UBND phường Trấn Biên mới» → Phường Trấn Biên: 2 dòng") in _texts(at.info)

    at.selectbox(key="pending_pick").set_value("Ngân hàng ABC chi nhánh Biên Hòa").run()
    at.button(key="reject_name").click().run()
    assert _one(app_db, "SELECT name FROM unit_rejected_names") == [("Ngân hàng ABC chi nhánh Biên Hòa",)]
    assert plain("Đã ghi nhận «Ngân hàng ABC chi nhánh Biên Hòa» không phải đơn vị của tỉnh") in _texts(at.success)


def test_add_a_department_then_merge_it_into_another_and_undo(app_db):
    at = open_page(app_db, "le.van.c")
    at.text_input(key="dept_name").set_value("Trung tâm Hành chính công tỉnh")
    at.text_input(key="dept_abbreviation").set_value("TTHCC")
    at.selectbox(key="dept_type").set_value("Cơ quan")
    at.text_area(key="dept_aliases").set_value("Trung tâm HCC tỉnh\nTT HCC tỉnh")
    at.button[[b.label for b in at.button].index("Thêm vào danh mục")].click().run()
    assert not at.exception
    assert plain("Đã thêm Trung tâm Hành chính công tỉnh vào danh mục với 4 tên gọi.") in _texts(at.success)
    drop = _one(app_db, "SELECT unit_id, source FROM units WHERE name = 'Trung tâm Hành chính công tỉnh'")
    assert [d[1] for d in drop] == ["admin"]
    drop = drop[0][0]

    con = _con(app_db)
    keep = departments.add_department(con, "Trung tâm Phục vụ hành chính công tỉnh", None, "Cơ quan", None, "C").unit_id
    upload = con.execute(
        "INSERT INTO uploads (kind, file_name, sha256, uploaded_by, period_from, period_to)"
        " VALUES ('cases', 'ho_so_hcc.xlsx', 'x', 'C', DATE '2025-10-01', DATE '2025-10-31') RETURNING upload_id"
    ).fetchall()[0][0]
    con.execute(
        "INSERT INTO cases (upload_id, source_row, case_code, unit_id, unit_name, received, status_code)"
        " VALUES (?, 5, 'HCC-1', ?, 'TTHCC', TIMESTAMP '2025-10-02 08:00', 'pending')",
        [upload, drop],
    )

    at.run()
    at.selectbox(key="merge_group").set_value("department").run()
    at.selectbox(key="merge_keep").set_value(keep).run()
    at.selectbox(key="merge_drop").set_value(drop).run()
    assert not at.exception
    preview = [df.value for df in at.dataframe if "Loại dòng" in df.value.columns][0]
    assert list(zip(preview["Loại dòng"], preview["Số dòng"], strict=True)) == [("Hồ sơ TTHC", 1), ("Tên gọi", 4)]
    assert at.button(key="merge_go").disabled  # not confirmed yet
    at.checkbox(key="merge_sure").check().run()
    at.button(key="merge_go").click().run()
    assert not at.exception
    merge_id = _one(app_db, "SELECT max(merge_id) FROM unit_merges")[0][0]
    assert plain(
        f"Đã gộp «Trung tâm Hành chính công tỉnh» vào «Trung tâm Phục vụ hành chính công tỉnh» (lần gộp số {merge_id})"
    ) in _texts(at.success)
    assert _one(app_db, "SELECT merged_into FROM units WHERE unit_id = ?", [drop]) == [(keep,)]
    assert _one(app_db, "SELECT unit_id FROM cases WHERE case_code = 'HCC-1'") == [(keep,)]

    at.button(key=f"unmerge_{merge_id}").click().run()
    assert not at.exception
    assert plain(f"Đã hoàn tác lần gộp số {merge_id}") in _texts(at.success)
    assert _one(app_db, "SELECT merged_into FROM units WHERE unit_id = ?", [drop]) == [(None,)]
    assert _one(app_db, "SELECT unit_id FROM cases WHERE case_code = 'HCC-1'") == [(drop,)]
    assert _one(app_db, "SELECT undone_by FROM unit_merges WHERE merge_id = ?", [merge_id]) == [("le.van.c",)]


def test_rename_a_unit_from_the_registry(app_db):
    from datetime import date

    at = open_page(app_db, "pham.van.d")
    at.text_input(key="registry_search").set_value("Trấn Biên").run()
    at.session_state["unit_registry"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    at.text_input(key="rename_name").set_value("Phường Trấn Biên Mới")
    at.date_input(key="rename_from").set_value(date(2026, 1, 1))
    next(b for b in at.button if b.label == "Đổi tên").click().run()
    assert not at.exception, at.exception
    assert any("Đã đổi tên «Phường Trấn Biên» thành «Phường Trấn Biên Mới»" in s.value for s in at.success)
    rows = _one(app_db, "SELECT u.name, n.name FROM unit_names n JOIN units u USING (unit_id)")
    assert rows == [("Phường Trấn Biên Mới", "Phường Trấn Biên")]
