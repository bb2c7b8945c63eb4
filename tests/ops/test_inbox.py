"""The drop folder (oversight/inbox.py): a file placed in <data>/inbox/ is loaded like an upload, moved to done/
or rejected/ with a report beside it, and recorded as loaded from the folder; a file still being written is
never read; nothing is lost while the database is busy; one watcher per data folder."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
import time

import pytest

from oversight import access
from oversight import db as dbmod
from oversight import inbox as inboxmod
from oversight.config import load_settings
from oversight.ingest.load import list_uploads
from tests.conftest import ROOT
from tests.ingest.corpus import CASE_HEADER, case_list, case_rows, task_list
from tests.ingest.helpers import counts

QUIET = 0.3


@pytest.fixture
def settings(monkeypatch):
    monkeypatch.setenv("OVERSIGHT_INBOX_QUIET", str(QUIET))
    monkeypatch.setenv("OVERSIGHT_INBOX_POLL", "0.2")
    return load_settings()


@pytest.fixture
def box(settings):
    box = inboxmod.Inbox(settings)
    box.poll()  # creates the folders
    return box


def _settle(box: inboxmod.Inbox) -> list[inboxmod.Outcome]:
    """Two polls the quiet time apart: what is complete by then is handled."""
    outcomes = box.poll()
    time.sleep(QUIET + 0.1)
    return outcomes + box.poll()


def _report(path) -> str:
    return path.with_name(path.name + inboxmod.REPORT_SUFFIX).read_text(encoding="utf-8-sig")


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _db(settings):
    return dbmod.session(settings.db_path)


def _rejected_rows_file() -> bytes:
    """A case list whose four rows all have an unreadable reception date."""
    rows = [r[:] for r in case_rows()]
    for r in rows:
        r[5] = "ngày 32/13"
    return case_list(rows)


@pytest.mark.slow
def test_a_valid_export_is_loaded_moved_to_done_and_recorded_as_from_the_folder(box, settings):
    dropped = box.folder / "2025-10_ho_so_long_phuoc.xlsx"
    export = case_list()
    dropped.write_bytes(export)
    assert box.poll() == []  # first seen: never read at once
    time.sleep(QUIET + 0.1)
    [outcome] = box.poll()

    assert outcome.status == "loaded" and not dropped.exists()
    done = box.folder / "done" / dropped.name
    assert outcome.moved_to == done and done.read_bytes() == export
    report = _report(done)
    for line in (
        f"Tệp: {dropped.name}",
        "Kết quả: đã nạp 4 dòng (lần tải lên số 1)",
        "Loại dữ liệu: danh sách hồ sơ TTHC",
        "Kỳ báo cáo: 02/10/2025 – 28/10/2025",  # the earliest and latest reception dates of the four cases
        "Số dòng đã nạp: 4; số dòng bị từ chối: 0",
        "Mã tải lên: 1",
        "(giờ Việt Nam)",
    ):
        assert line in report, (line, report)
    assert _mode(done) == 0o600 and _mode(done.with_name(done.name + ".ket-qua.txt")) == 0o600
    assert _mode(box.folder / "done") == 0o700 and _mode(box.folder / "rejected") == 0o700

    with _db(settings) as con:
        assert counts(con)["cases"] == 4 and counts(con)["uploads"] == 1
        uploads = list_uploads(con)
        assert uploads[["file_name", "uploaded_by", "source", "rows_loaded"]].values.tolist() == [
            [dropped.name, "inbox", "inbox", 4]
        ]
        actor, target, detail, ok = con.execute(
            "SELECT actor, target, detail, ok FROM audit_log WHERE action = 'upload'"
        ).fetchall()[0]
    assert (actor, target, ok) == ("inbox", "1", True)
    assert json.loads(detail)["source"] == "inbox"
    from oversight.auth import audit

    assert audit.actor_text(actor) == "thư mục nhận tệp"


def test_a_file_with_a_missing_column_is_rejected_with_its_reason(box, settings):
    header = [h for h in CASE_HEADER if h != "Ngày tiếp nhận"]
    bad = box.folder / "thieu_cot.xlsx"
    bad.write_bytes(case_list(header=header, rows=[r[:5] + r[6:] for r in case_rows()]))
    [outcome] = _settle(box)
    assert outcome.status == "rejected" and not bad.exists()
    moved = box.folder / "rejected" / bad.name
    report = _report(moved)
    assert "Kết quả: không nạp — Thiếu cột bắt buộc cho danh sách hồ sơ TTHC: «Ngày tiếp nhận»" in report
    assert "đặt lại vào thư mục nhận tệp" in report
    with _db(settings) as con:
        assert counts(con)["uploads"] == 0
        detail = con.execute("SELECT detail FROM audit_log WHERE action = 'upload' AND NOT ok").fetchall()[0][0]
    assert json.loads(detail)["source"] == "inbox" and json.loads(detail)["status"] == "rejected"


@pytest.mark.slow
def test_a_file_whose_every_row_is_rejected_goes_to_rejected_with_the_rows_grouped(box, settings):
    bad = box.folder / "ngay_sai.xlsx"
    bad.write_bytes(_rejected_rows_file())
    [outcome] = _settle(box)
    assert outcome.status == "rejected"
    report = _report(box.folder / "rejected" / bad.name)
    assert "cả 4 dòng dữ liệu đều bị từ chối" in report
    assert "Số dòng đã nạp: 0; số dòng bị từ chối: 4" in report
    # the four rows share one reason: one line with their count and rows, not four lines
    assert "ở 4 dòng (dòng 5" in report and "Không đọc được ngày" in report
    with _db(settings) as con:
        assert counts(con)["uploads"] == 0 and counts(con)["cases"] == 0


@pytest.mark.slow
def test_the_same_file_twice_is_loaded_once_and_the_second_reported_as_loaded_before(box, settings):
    name = "bao_cao_nhiem_vu.xlsx"
    export = task_list()
    (box.folder / name).write_bytes(export)
    [first] = _settle(box)
    assert first.status == "loaded"
    with _db(settings) as con:
        before = counts(con)
    (box.folder / name).write_bytes(export)
    [second] = _settle(box)
    assert second.status == "duplicate" and second.upload_id == first.upload_id
    again = box.folder / "done" / "bao_cao_nhiem_vu (2).xlsx"  # the first keeps its name: nothing overwritten
    assert second.moved_to == again and (box.folder / "done" / name).exists()
    report = _report(again)
    assert f"đã nạp trước đó (lần tải lên số {first.upload_id}), không nạp lại" in report
    assert "Số dòng đã nạp: 0" in report
    with _db(settings) as con:
        assert counts(con) == before  # nothing doubled


@pytest.mark.slow
def test_rejected_names_never_clash(box):
    for _ in range(3):
        (box.folder / "rac.xlsx").write_bytes(b"%PDF-1.7\n")
        [outcome] = _settle(box)
        assert outcome.status == "rejected"
    names = sorted(p.name for p in (box.folder / "rejected").iterdir())
    assert names == [
        "rac (2).xlsx",
        "rac (2).xlsx.ket-qua.txt",
        "rac (3).xlsx",
        "rac (3).xlsx.ket-qua.txt",
        "rac.xlsx",
        "rac.xlsx.ket-qua.txt",
    ]
    assert "PDF" in _report(box.folder / "rejected" / "rac (3).xlsx")


@pytest.mark.slow
def test_a_half_written_file_is_not_read_between_the_two_steps(box, settings, monkeypatch):
    reads = []
    real = inboxmod._ingest
    monkeypatch.setattr(
        inboxmod, "_ingest", lambda db, path, wait: reads.append(path.read_bytes()) or real(db, path, wait)
    )
    data = case_list()
    path = box.folder / "ho_so.xlsx"
    path.write_bytes(data[:2000])  # the exporter writes the first part…
    assert box.poll() == []
    time.sleep(QUIET / 2)
    assert box.poll() == []  # unchanged over two polls, but not quiet long enough yet
    with open(path, "ab") as fh:  # …pauses, writes the rest
        fh.write(data[2000:])
    assert box.poll() == []  # it changed since the last poll: look again later
    assert reads == [] and path.exists()
    time.sleep(QUIET + 0.1)
    [outcome] = box.poll()
    assert outcome.status == "loaded" and reads == [data]  # read once, complete


@pytest.mark.slow
def test_a_file_appended_to_slowly_is_read_only_after_it_stops_changing(box, settings, monkeypatch):
    reads: list[tuple[float, int]] = []
    real = inboxmod._ingest
    monkeypatch.setattr(
        inboxmod, "_ingest", lambda db, p, wait: reads.append((time.monotonic(), p.stat().st_size)) or real(db, p, wait)
    )
    data = case_list()
    path = box.folder / "ho_so_cham.xlsx"
    finished = []

    def exporter():
        with open(path, "wb") as fh:
            for start in range(0, len(data), len(data) // 8 + 1):
                fh.write(data[start : start + len(data) // 8 + 1])
                fh.flush()
                last_write = time.monotonic()
                time.sleep(0.15)  # shorter than the quiet time, longer than a poll
        finished.append(last_write)  # the file is quiet from its last write on

    writer = threading.Thread(target=exporter)
    writer.start()
    outcomes = []
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not outcomes:
        outcomes += box.poll()
        time.sleep(0.1)
    writer.join()
    assert [o.status for o in outcomes] == ["loaded"]
    assert len(reads) == 1 and reads[0][1] == len(data) and reads[0][0] >= finished[0] + QUIET


@pytest.mark.slow
def test_temporary_and_hidden_names_are_never_read_until_renamed(box, settings):
    names = ["ho_so.xlsx.part", "~$ho_so.xlsx", ".~lock.ho_so.xlsx#", ".an.xlsx", "x.tmp", "y.xlsx.crdownload"]
    for name in names:
        (box.folder / name).write_bytes(case_list())
    assert _settle(box) == []
    assert sorted(p.name for p in box.folder.iterdir() if p.is_file()) == sorted(names)
    (box.folder / "ho_so.xlsx.part").rename(box.folder / "ho_so.xlsx")  # the exporter's rename when done
    [outcome] = _settle(box)
    assert outcome.file_name == "ho_so.xlsx" and outcome.status == "loaded"


@pytest.mark.slow
def test_a_busy_database_leaves_the_file_for_the_next_poll(box, settings, monkeypatch):
    path = box.folder / "ho_so.xlsx"
    path.write_bytes(case_list())
    real = dbmod.session

    def busy(*args, **kwargs):
        raise dbmod.DatabaseBusy(str(settings.db_path), 5)

    monkeypatch.setattr(dbmod, "session", busy)
    [outcome] = _settle(box)
    assert outcome.status == "busy" and path.exists() and not (box.folder / "done" / path.name).exists()
    monkeypatch.setattr(dbmod, "session", real)
    [outcome] = box.poll()  # the next poll: loaded
    assert outcome.status == "loaded" and not path.exists()


@pytest.mark.slow
def test_a_failing_move_does_not_load_the_file_twice(box, settings, monkeypatch):
    path = box.folder / "ho_so.xlsx"
    path.write_bytes(case_list())
    real = os.link

    def failing(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "link", failing)
    monkeypatch.setattr(os, "rename", failing)
    [outcome] = _settle(box)
    assert outcome.status == "error" and path.exists()
    monkeypatch.setattr(os, "link", real)
    monkeypatch.undo()
    [outcome] = box.poll()
    assert outcome.status == "loaded" and outcome.upload_id == 1  # the first load, moved now
    with _db(settings) as con:
        assert con.execute("SELECT count(*) FROM audit_log WHERE action = 'upload'").fetchall()[0][0] == 1


def test_an_unexpected_failure_is_retried_then_the_file_is_set_aside(box, settings, monkeypatch):
    def broken(db, path, wait):
        raise RuntimeError("a bug")

    monkeypatch.setattr(inboxmod, "_ingest", broken)
    path = box.folder / "ho_so.xlsx"
    path.write_bytes(case_list())
    outcomes = _settle(box) + box.poll()
    assert [o.status for o in outcomes] == ["error", "error"] and path.exists()
    [outcome] = box.poll()  # the third failure in a row
    assert outcome.status == "failed" and not path.exists()
    assert "logs/inbox.log" in _report(box.folder / "rejected" / "ho_so.xlsx")
    assert "a bug" in (settings.data_dir / "logs" / "inbox.log").read_text(encoding="utf-8")


def test_one_watcher_per_data_folder(settings):
    first = inboxmod.FolderLock(settings)
    assert first.acquire()
    try:
        assert not inboxmod.FolderLock(settings).acquire()
        with pytest.raises(inboxmod.Busy):
            inboxmod.process_once(settings)
    finally:
        first.release()
    assert inboxmod.FolderLock(settings).acquire()


@pytest.mark.slow
def test_the_watcher_thread_loads_a_dropped_file(settings):
    stop = inboxmod.start_watcher(settings)
    try:
        assert inboxmod.start_watcher(settings) is stop  # once per process and data folder
        path = settings.inbox_dir / "ho_so.xlsx"
        deadline = time.monotonic() + 10
        while not settings.inbox_dir.is_dir() and time.monotonic() < deadline:
            time.sleep(0.05)
        path.write_bytes(case_list())
        done = settings.inbox_dir / "done" / "ho_so.xlsx"
        deadline = time.monotonic() + 30
        while not done.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert done.exists() and not path.exists()
    finally:
        inboxmod.stop_watcher(settings)
    assert stop.is_set()
    time.sleep(settings.linger + 0.3)
    assert not dbmod.is_open(settings.db_path)  # never kept open while idle


def _cli(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "oversight", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )


@pytest.mark.slow
def test_inbox_once_from_the_command_line(tmp_path):
    data = tmp_path / "cli"
    env = {
        **os.environ,
        "OVERSIGHT_DATA": str(data),
        "OVERSIGHT_DB": str(data / "oversight.duckdb"),
        "OVERSIGHT_INBOX_QUIET": "0.5",
    }
    empty = _cli("inbox", "--once", env=env)
    assert empty.returncode == 0 and "không có tệp nào" in empty.stdout, empty
    folder = data / "inbox"
    (folder / "ho_so.xlsx").write_bytes(case_list())
    (folder / "rac.xlsx").write_bytes(b"%PDF-1.7\n")
    (folder / "dang_ghi.xlsx.part").write_bytes(b"PK")
    done = _cli("inbox", "--once", env=env)
    assert done.returncode == 0, done
    assert "«ho_so.xlsx»: đã nạp 4 dòng (lần tải lên số 1) → done/ho_so.xlsx" in done.stdout
    assert "«rac.xlsx»: không nạp — Tệp «rac.xlsx» không phải bảng tính Excel" in done.stdout
    assert "→ rejected/rac.xlsx" in done.stdout
    assert (folder / "dang_ghi.xlsx.part").exists()  # a temporary name stays, untouched
    listed = json.loads(_cli("uploads", "list", "--format", "json", env=env).stdout)
    assert [(u["file_name"], u["source"], u["rows_loaded"], u["state"]) for u in listed] == [
        ("ho_so.xlsx", "inbox", 4, "active")
    ]
    assert {"id", "file_name", "kind", "period_from", "period_to", "sha256", "rows_rejected", "uploaded_at"} <= set(
        listed[0]
    )
    audit = _cli("audit", "--limit", "5", env=env).stdout
    assert "thư mục nhận tệp" in audit


def test_uploads_list_names_the_source_of_uploads_made_before_it_was_recorded(con, tmp_path):
    from oversight.ingest.pipeline import ingest_file

    file = tmp_path / "ho_so.xlsx"
    file.write_bytes(case_list())
    with access.acting_as(access.operator("lan")):
        ingest_file(con, file, user="lan")
    assert list_uploads(con)["source"].tolist() == ["cli"]
    con.execute("UPDATE uploads SET details = json_object('format', 'xlsx')")  # an upload of before this change
    assert list_uploads(con)["source"].tolist() == ["cli"]  # from its audit row's actor "cli:lan"
    con.execute("UPDATE audit_log SET actor = 'web:lan'")
    assert list_uploads(con)["source"].tolist() == ["web"]


@pytest.mark.slow
def test_a_file_dropped_while_the_server_runs_is_loaded_by_the_server(tmp_path, monkeypatch):
    from tests.e2e.conftest import _serve

    monkeypatch.setenv("OVERSIGHT_INBOX_POLL", "0.5")
    monkeypatch.setenv("OVERSIGHT_INBOX_QUIET", "0.5")
    db_path = tmp_path / "data" / "oversight.duckdb"
    served = _serve(db_path, tmp_path)
    next(served)  # `streamlit run dashboard.py` answers its health check: no page has been asked for
    try:
        folder = tmp_path / "data" / "inbox"
        deadline = time.monotonic() + 60
        while not (folder / "done").is_dir() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert (folder / "done").is_dir(), (tmp_path / "streamlit.log").read_text(errors="replace")
        (folder / "2025-10_ho_so.xlsx").write_bytes(case_list())
        done = folder / "done" / "2025-10_ho_so.xlsx"
        deadline = time.monotonic() + 90
        while not done.with_name(done.name + ".ket-qua.txt").exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert done.exists(), (tmp_path / "streamlit.log").read_text(errors="replace")
        assert "đã nạp 4 dòng (lần tải lên số 1)" in _report(done)
        # the server holds the database only while it loads: the command line reads it beside the server
        env = {**os.environ, "OVERSIGHT_DATA": str(db_path.parent), "OVERSIGHT_DB": str(db_path)}
        listed = _cli("uploads", "list", "--format", "json", env=env)
        assert listed.returncode == 0, listed
        assert [(u["file_name"], u["source"]) for u in json.loads(listed.stdout)] == [("2025-10_ho_so.xlsx", "inbox")]
        # `inbox --once` beside the server leaves the folder to it
        beside = _cli("inbox", "--once", env=env)
        assert beside.returncode == 0 and "đang được một tiến trình khác" in beside.stdout, beside
    finally:
        served.close()
    log = (tmp_path / "streamlit.log").read_text(errors="replace")
    assert "Traceback" not in log, log[-3000:]
