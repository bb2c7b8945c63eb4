"""Atomic, idempotent, replaceable and reversible uploads."""

from __future__ import annotations

import hashlib
from datetime import datetime

import pytest

from oversight.config import load_settings
from oversight.ingest.pipeline import UploadError, commit, ingest_file, list_uploads, prepare, rollback
from tests.ingest import corpus as C
from tests.ingest.helpers import counts, unit_id, write


def states(con) -> dict[int, tuple[str, int | None]]:
    rows = con.execute("SELECT upload_id, state, replaced_by FROM uploads ORDER BY 1").fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


def test_same_file_twice_changes_nothing(con, tmp_path):
    path = write(tmp_path, "hoso.xlsx", C.case_list())
    _plan, first = ingest_file(con, path, user="a")
    assert first.status == "loaded"
    before = counts(con)
    _plan, second = ingest_file(con, path, user="b")
    assert (second.status, second.upload_id) == ("duplicate", first.upload_id)
    assert second.message == (
        f"Tệp này đã được nạp (lần tải lên số {first.upload_id}, cùng mã SHA-256); không thay đổi gì."
    )
    assert counts(con) == before


def test_original_kept_under_uploads_dir_by_sha256(con, tmp_path):
    data = C.case_list()
    _plan, result = ingest_file(con, write(tmp_path, "hoso.xlsx", data), user="a")
    sha = hashlib.sha256(data).hexdigest()
    stored = load_settings().uploads_dir / f"{sha}.xlsx"
    assert stored.read_bytes() == data
    row = con.execute("SELECT sha256, stored_path, uploaded_by FROM uploads WHERE upload_id = ?", [result.upload_id])
    assert row.fetchall()[0] == (sha, str(stored), "a")


def test_bieu06_same_period_and_units_replaces_and_rollback_restores(con, tmp_path):
    _p, first = ingest_file(con, write(tmp_path, "b1.xlsx", C.bieu06()), user="a")
    units = [C.STATS_GOOD[0], ("Sở Y tế", [6, 1, 3, 2, 6, 1, 4, 1, 0, 0, 0]), C.STATS_GOOD[2]]
    _p, second = ingest_file(con, write(tmp_path, "b2.xlsx", C.bieu06(units)), user="a")
    assert second.replaced == [first.upload_id]
    assert second.message == f"Thay thế lần tải lên số {first.upload_id} (cùng loại, cùng kỳ, cùng đơn vị)."
    assert states(con) == {first.upload_id: ("replaced", second.upload_id), second.upload_id: ("active", None)}
    # the replaced rows stay; the staging views read active uploads only
    assert con.execute("SELECT count(*) FROM case_stats").fetchall()[0][0] == 6
    restored = rollback(con, second.upload_id, "a")
    assert restored == [first.upload_id]
    assert states(con) == {first.upload_id: ("active", None), second.upload_id: ("rolled_back", None)}
    with pytest.raises(UploadError, match="đang ở trạng thái «đã hoàn tác»"):
        rollback(con, second.upload_id, "a")
    with pytest.raises(UploadError, match="Không có lần tải lên số 999."):
        rollback(con, 999, "a")


def test_bieu06_other_period_does_not_replace(con, tmp_path):
    _p, first = ingest_file(con, write(tmp_path, "b1.xlsx", C.bieu06()), user="a")
    _p, second = ingest_file(
        con, write(tmp_path, "b2.xlsx", C.bieu06(period="Từ ngày 15/10/2025 đến ngày 14/11/2025")), user="a"
    )
    assert second.replaced == []
    assert states(con)[first.upload_id] == ("active", None)


def test_tasks_scope_replacement_needs_overlapping_units(con, tmp_path):
    _p, first = ingest_file(con, write(tmp_path, "t1.xlsx", C.task_list()), user="a")
    other_units = [[1, "200/UBND", datetime(2025, 10, 1), "Việc khác", "Chủ tịch", "Sở Xây dựng", None, datetime(2025, 10, 30), None, None, "Chưa đến hạn"]]  # fmt: skip
    _p, second = ingest_file(con, write(tmp_path, "t2.xlsx", C.task_list(rows=other_units)), user="a")
    assert second.replaced == []
    again = C.task_list(rows=[[1, "123/UBND-TH", datetime(2025, 9, 20), "Rà soát thủ tục hành chính", "Chủ tịch UBND tỉnh", "Sở Tư pháp", None, datetime(2025, 10, 10), None, None, "Đang thực hiện quá hạn"]])  # fmt: skip
    _p, third = ingest_file(con, write(tmp_path, "t3.xlsx", again), user="a")
    assert third.replaced == [first.upload_id]
    assert states(con)[second.upload_id] == ("active", None)


def test_case_lists_never_replace_latest_upload_wins_per_case_code(con, tmp_path):
    _p, first = ingest_file(con, write(tmp_path, "h1.xlsx", C.case_list()), user="a")
    rows = C.case_rows()[2:3]
    rows[0][7] = datetime(2025, 10, 23, 10)  # HS-003 now done
    rows[0][8] = "Đã trả kết quả"
    _p, second = ingest_file(con, write(tmp_path, "h2.xlsx", C.case_list(rows)), user="a")
    assert second.replaced == []
    assert states(con) == {first.upload_id: ("active", None), second.upload_id: ("active", None)}
    got = con.execute("SELECT upload_id, done FROM cases WHERE case_code = 'HS-003' ORDER BY upload_id").fetchall()
    assert got == [(first.upload_id, None), (second.upload_id, datetime(2025, 10, 23, 10))]
    assert second.upload_id > first.upload_id
    rollback(con, second.upload_id, "a")
    assert states(con)[first.upload_id] == ("active", None)


def test_strict_rejects_the_whole_file(con, tmp_path):
    rows = C.case_rows()
    rows[1][5] = "31/02/2025"
    path = write(tmp_path, "hoso.xlsx", C.case_list(rows))
    before = counts(con)
    plan, result = ingest_file(con, path, strict=True, user="a")
    assert result.status == "rejected"
    assert plan.error == "Chế độ --strict: tệp có 1 dòng bị từ chối nên không nạp dòng nào."
    assert counts(con) == before
    _plan, result = ingest_file(con, path, user="a")
    assert (result.status, result.rows_loaded, result.rows_rejected) == ("loaded", 3, 1)


def test_list_uploads_fields(con, tmp_path):
    ingest_file(con, write(tmp_path, "hoso.xlsx", C.case_list()), user="a")
    df = list_uploads(con)
    row = df.iloc[0]
    for col in ("id", "file_name", "kind", "period_from", "period_to", "sha256", "rows_loaded", "rows_rejected", "state", "uploaded_at"):  # fmt: skip
        assert col in df.columns
    assert (row["file_name"], row["kind"], row["rows_loaded"], row["state"]) == ("hoso.xlsx", "cases", 4, "active")


def test_commit_writes_nothing_when_insert_fails(con, monkeypatch):
    plan = prepare(C.case_list(), "hoso.xlsx", con)
    before = counts(con)
    plan.records = plan.records.assign(channel="bưu điện")  # violates the CHECK constraint on cases.channel
    with pytest.raises(Exception, match="(?i)constraint"):
        commit(con, plan, "a")
    assert counts(con) == before


def test_unit_seen_at_item_date_before_reform(con):
    rows = C.case_rows()[:1]
    rows[0][4] = "UBND huyện Trảng Bom"
    rows[0][5] = datetime(2025, 5, 2, 8)
    plan = prepare(C.case_list(rows), "cu.xlsx", con)
    assert plan.ok, plan.error_text()
    assert plan.records["unit_id"].iloc[0] == unit_id_any(con, "Huyện Trảng Bom")


def unit_id_any(con, name):
    return con.execute("SELECT unit_id FROM units WHERE name = ?", [name]).fetchall()[0][0]


def test_unit_id_helper(con):
    assert unit_id(con, "Sở Tư pháp") == unit_id_any(con, "Sở Tư pháp")
