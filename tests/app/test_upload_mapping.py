"""The upload page maps a missing Biểu 06 column by hand (a selectbox per missing column listing the file's
header cells), remembers it for the same header, reads the file again and loads it."""

from __future__ import annotations

import hashlib

from streamlit.testing.v1 import AppTest

from oversight import db as dbmod
from oversight.ui.uploads import mapping_key
from tests.app.conftest import signed_in
from tests.conftest import ROOT
from tests.ingest import bieu06_flat as F

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODD_HEADER = [*F.PORTAL_HEADER[:12], "Hồ sơ chậm muộn"]  # (13) under a label no synonym knows


class _Plan:  # what mapping_key reads
    def __init__(self, data: bytes):
        self.sha256 = hashlib.sha256(data).hexdigest()


def _read(path, sql: str) -> list[tuple]:
    cur = dbmod.connection(path).cursor()
    try:
        return cur.execute(sql).fetchall()
    finally:
        cur.close()


def test_a_missing_column_is_mapped_by_hand_remembered_and_loaded(app_db):
    data = F.xlsx(ODD_HEADER, "alone")
    at: AppTest = signed_in(app_db, "uploader", "tran.thi.c")
    at.run()
    at.switch_page(str(ROOT / "pages" / "upload.py")).run()
    at.file_uploader[0].set_value(("bieu06_thang9.xlsx", data, XLSX)).run()
    assert not at.exception, at.exception
    errors = " ".join(e.value for e in at.error).replace("\\", "")  # shown escaped as plain text
    assert "Thiếu cột bắt buộc cho Biểu 06 (tổng hợp kết quả giải quyết TTHC): «(13) Đang giải quyết quá hạn»" in errors
    key = mapping_key(_Plan(data), "cases_pending_overdue")
    box = at.selectbox(key=key)
    assert box.label == "(13) Đang giải quyết quá hạn"
    assert box.options[1] == "B: Đơn vị" and box.options[-1] == "M: Hồ sơ chậm muộn"  # the file's header cells
    save = at.button(key=f"save_mapping_{_Plan(data).sha256[:16]}")
    assert save.disabled  # nothing chosen yet
    box.set_value(12).run()
    at.button(key=f"save_mapping_{_Plan(data).sha256[:16]}").click().run()
    assert not at.exception, at.exception
    assert any("đã lưu ánh xạ cột" in s.value for s in at.success), [s.value for s in at.success]
    assert not at.error, [e.value for e in at.error]
    labels = [e.label for e in at.expander]
    assert any("Biểu 06" in lbl and "4 dòng hợp lệ" in lbl for lbl in labels), labels
    saved = _read(app_db, "SELECT kind, choices, created_by FROM column_mappings")
    assert saved == [("case_stats", '{"cases_pending_overdue": 12}', "web:tran.thi.c")]

    at.button(key="commit_uploads").click().run()
    assert not at.exception, at.exception
    rows = _read(
        app_db,
        "SELECT u.state, count(*), sum(s.cases_pending_overdue) FROM uploads u JOIN case_stats s USING (upload_id)"
        " WHERE u.file_name = 'bieu06_thang9.xlsx' GROUP BY u.state",
    )
    assert rows == [("active", 4, 4 + 1 + 3 + 0)]
