"""The monthly report written by the service itself: on the set day (province time) the previous month's report
is written once, whatever the number of runs and processes; not before the day; e-mailed through a real SMTP
server on loopback (aiosmtpd) with both files; an unreachable server is recorded and the files are still there."""

from __future__ import annotations

import email
import email.policy
import socket
import subprocess
import sys
import textwrap
import threading
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from oversight import report_service
from oversight.config import ROOT, load_settings

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
ON_THE_DAY = datetime(2025, 11, 5, 7, 0, tzinfo=LOCAL)  # 5/11/2025 07:00 in the province: October is due


@pytest.fixture
def scheduled(awkward_copy, monkeypatch, tmp_path):
    """The awkward province with the report set for the 5th of each month, written into tmp_path/reports."""
    monkeypatch.setenv("OVERSIGHT_REPORT_DAY", "5")
    monkeypatch.setenv("OVERSIGHT_REPORT_DIR", str(tmp_path / "reports"))
    for name in ("HOST", "PORT", "USER", "PASSWORD", "FROM", "TO", "STARTTLS"):
        monkeypatch.delenv(f"OVERSIGHT_SMTP_{name}", raising=False)
    return tmp_path / "reports"


class Inbox:
    """A real SMTP server on 127.0.0.1 (aiosmtpd) keeping what it receives."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.envelopes.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_server():
    controller_mod = pytest.importorskip("aiosmtpd.controller")
    inbox = Inbox()
    controller = controller_mod.Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield controller.port, inbox
    finally:
        controller.stop()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_nothing_before_the_day_nor_when_switched_off(scheduled, monkeypatch):
    early = datetime(2025, 11, 4, 23, 30, tzinfo=LOCAL)
    assert report_service.run_scheduled(load_settings(), now=early).status == "not_due"
    # 4/11 20:00 UTC is already 5/11 03:00 in the province: due
    assert report_service.due_period(load_settings(), datetime(2025, 11, 4, 20, 0)).id == "m2025-10"
    monkeypatch.setenv("OVERSIGHT_REPORT_DAY", "")
    assert report_service.run_scheduled(load_settings(), now=ON_THE_DAY).status == "off"
    assert not scheduled.exists()


@pytest.mark.parametrize("value", ["31", "0", "ngày 5", "-1"])
def test_an_invalid_day_switches_the_schedule_off_and_says_why(monkeypatch, value):
    monkeypatch.setenv("OVERSIGHT_REPORT_DAY", value)
    settings = load_settings()
    assert settings.report_day is None
    assert settings.report_day_problem == (
        f"OVERSIGHT_REPORT_DAY=«{value}» không hợp lệ (một ngày từ 1 đến 28): báo cáo tháng tự động đang tắt"
    )
    assert report_service.start_scheduler(settings) is None


@pytest.mark.slow  # writes the report (several seconds)
def test_on_the_day_the_previous_month_is_written_once(scheduled):
    settings = load_settings()
    first = report_service.run_scheduled(settings, now=ON_THE_DAY)
    assert (first.status, first.month) == ("written", "2025-10")
    names = sorted(p.name for p in scheduled.iterdir())
    assert names == ["bao_cao_thang_2025-10.docx", "bao_cao_thang_2025-10.pdf"]
    stamps = {p.name: p.stat().st_mtime_ns for p in scheduled.iterdir()}
    record = report_service.last_run(settings, "2025-10")
    assert record["written_at"] == datetime(2025, 11, 5, 0, 0)  # 07:00 in the province, stored as UTC
    assert record["files"] == "; ".join(str(scheduled / n) for n in names)
    assert record["emailed_to"] is None and record["error"] is None
    assert report_service.status(settings)[1] == (False, "Báo cáo tháng 10/2025 đã ghi lúc 07:00 05/11/2025.")
    # a second check the same day, and one a week later: nothing more
    assert report_service.run_scheduled(settings, now=ON_THE_DAY).status == "taken"
    later = datetime(2025, 11, 12, 9, 0, tzinfo=LOCAL)
    assert report_service.run_scheduled(settings, now=later).status == "taken"
    assert {p.name: p.stat().st_mtime_ns for p in scheduled.iterdir()} == stamps
    # next month's day writes November's
    december = report_service.run_scheduled(settings, now=datetime(2025, 12, 5, 6, 0, tzinfo=LOCAL))
    assert (december.status, december.month) == ("written", "2025-11")
    assert (scheduled / "bao_cao_thang_2025-11.pdf").is_file()


@pytest.mark.slow  # writes the report (several seconds)
def test_a_server_down_on_the_day_writes_it_when_it_next_runs_that_month(scheduled):
    result = report_service.run_scheduled(load_settings(), now=datetime(2025, 11, 9, 8, 0, tzinfo=LOCAL))
    assert (result.status, result.month) == ("written", "2025-10")


@pytest.mark.slow
def test_a_second_process_writes_nothing(scheduled):
    """Two real processes check at the same moment: one writes, the other finds the month taken."""
    code = textwrap.dedent(
        """
        import sys
        from datetime import datetime
        from zoneinfo import ZoneInfo
        from oversight import report_service
        now = datetime(2025, 11, 5, 7, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
        print(report_service.run_scheduled(now=now, db_wait=60).status)
        """
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True) for _ in range(2)
    ]
    statuses = sorted(p.communicate(timeout=180)[0].strip() for p in procs)
    assert statuses == ["taken", "written"]
    assert sorted(p.name for p in scheduled.iterdir()) == ["bao_cao_thang_2025-10.docx", "bao_cao_thang_2025-10.pdf"]
    # and this process, a third one, after them
    assert report_service.run_scheduled(load_settings(), now=ON_THE_DAY).status == "taken"


@pytest.mark.slow  # writes the report (several seconds)
def test_an_abandoned_claim_is_taken_over_after_half_an_hour(scheduled):
    from oversight import access, db

    settings = load_settings()
    with access.acting_as(access.system()), db.session(settings.db_path, linger=0) as con:
        db.run_internal(
            "report_runs/claim", con, month="2025-10", now=datetime(2025, 11, 5, 0, 0), who="dead:1",
            stale_before=datetime(2025, 11, 4),
        )  # fmt: skip
    assert report_service.run_scheduled(settings, now=datetime(2025, 11, 5, 7, 20, tzinfo=LOCAL)).status == "taken"
    result = report_service.run_scheduled(settings, now=datetime(2025, 11, 5, 7, 31, tzinfo=LOCAL))
    assert result.status == "written"
    assert report_service.last_run(settings, "2025-10")["claimed_by"] != "dead:1"


@pytest.mark.slow  # writes the report (several seconds)
def test_the_report_is_emailed_with_both_files(scheduled, smtp_server, monkeypatch):
    port, inbox = smtp_server
    monkeypatch.setenv("OVERSIGHT_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("OVERSIGHT_SMTP_PORT", str(port))
    monkeypatch.setenv("OVERSIGHT_SMTP_STARTTLS", "0")
    monkeypatch.setenv("OVERSIGHT_SMTP_FROM", "oversight@dongnai.gov.vn")
    monkeypatch.setenv("OVERSIGHT_SMTP_TO", "to.cong.tac@dongnai.gov.vn, so.noi.vu@dongnai.gov.vn")
    settings = load_settings()
    result = report_service.run_scheduled(settings, now=ON_THE_DAY)
    assert result.status == "written" and result.error is None
    assert result.emailed_to == ["to.cong.tac@dongnai.gov.vn", "so.noi.vu@dongnai.gov.vn"]
    assert len(inbox.envelopes) == 1
    envelope = inbox.envelopes[0]
    assert envelope.mail_from == "oversight@dongnai.gov.vn"
    assert envelope.rcpt_tos == ["to.cong.tac@dongnai.gov.vn", "so.noi.vu@dongnai.gov.vn"]
    raw = envelope.original_content
    assert raw.isascii()  # the Vietnamese subject travels as an encoded word, the body as base64 UTF-8
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert message["Subject"] == ("Báo cáo tháng 10/2025 về kỷ luật, kỷ cương hành chính — UBND TỈNH ĐỒNG NAI")
    attachments = {part.get_filename(): part for part in message.iter_attachments()}
    assert sorted(attachments) == ["bao_cao_thang_2025-10.docx", "bao_cao_thang_2025-10.pdf"]
    assert (
        attachments["bao_cao_thang_2025-10.pdf"].get_content() == (scheduled / "bao_cao_thang_2025-10.pdf").read_bytes()
    )
    assert attachments["bao_cao_thang_2025-10.docx"].get_content_type() == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert "Tổ công tác của Chủ tịch UBND tỉnh" in message.get_body(("plain",)).get_content()
    record = report_service.last_run(settings, "2025-10")
    assert record["emailed_to"] == "to.cong.tac@dongnai.gov.vn, so.noi.vu@dongnai.gov.vn"
    assert record["error"] is None


@pytest.mark.slow  # writes the report (several seconds)
def test_an_unreachable_mail_server_is_recorded_and_the_files_are_kept(scheduled, monkeypatch):
    monkeypatch.setenv("OVERSIGHT_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("OVERSIGHT_SMTP_PORT", str(_free_port()))  # nobody listens there
    monkeypatch.setenv("OVERSIGHT_SMTP_TO", "to.cong.tac@dongnai.gov.vn")
    monkeypatch.setenv("OVERSIGHT_SMTP_TIMEOUT", "3")
    settings = load_settings()
    started = time.monotonic()
    result = report_service.run_scheduled(settings, now=ON_THE_DAY)
    assert time.monotonic() - started < 60
    assert result.status == "written"
    assert result.emailed_to == []
    assert result.error.startswith(f"không gửi được thư: không kết nối được máy chủ thư 127.0.0.1:{settings.smtp_port}")
    assert sorted(p.name for p in scheduled.iterdir()) == ["bao_cao_thang_2025-10.docx", "bao_cao_thang_2025-10.pdf"]
    record = report_service.last_run(settings, "2025-10")
    assert record["written_at"] is not None and record["emailed_to"] is None
    assert record["error"] == result.error
    log = (settings.data_dir / "logs" / "report.log").read_text(encoding="utf-8")
    assert "not e-mailed" in log
    # not sent again by the next check
    assert report_service.run_scheduled(settings, now=ON_THE_DAY).status == "taken"
    # `python -m oversight check` warns of it
    assert report_service.status(settings) == [
        (
            False,
            f"Báo cáo tháng tự động: từ ngày 5 hằng tháng, ghi vào «{scheduled}», gửi thư tới to.cong.tac@dongnai.gov.vn.",
        ),
        (True, f"Báo cáo tháng 10/2025: {result.error}"),
    ]


@pytest.mark.slow  # writes the report (several seconds)
def test_the_scheduler_thread_writes_on_its_own(scheduled, monkeypatch):
    """The service's daemon thread: started once per data folder, it checks at once and then every `every`
    seconds (today is not 5/11/2025: the thread is given a day setting that is always due)."""
    monkeypatch.setenv("OVERSIGHT_REPORT_DAY", "1")
    settings = load_settings()
    stop = report_service.start_scheduler(settings, every=0.2)
    try:
        assert report_service.start_scheduler(settings, every=0.2) is stop  # once per process and folder
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and len(list(scheduled.glob("*.pdf"))) < 1:
            time.sleep(0.2)
        threads = [t for t in threading.enumerate() if t.name == "oversight-report"]
        assert len(threads) == 1 and threads[0].daemon
    finally:
        report_service.stop_scheduler(settings)
    assert len(list(scheduled.glob("bao_cao_thang_*.pdf"))) == 1


@pytest.mark.slow  # writes the report (several seconds)
def test_the_service_start_hooks_the_schedule_in(scheduled, monkeypatch):
    """oversight.service.start() (once per server process) starts the report's thread when a day is set."""
    from oversight import service

    monkeypatch.setenv("OVERSIGHT_REPORT_DAY", "1")
    monkeypatch.setenv("OVERSIGHT_INBOX", "off")
    settings = load_settings()
    try:
        service.start()
        assert [t for t in threading.enumerate() if t.name == "oversight-report" and t.is_alive()]
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not list(scheduled.glob("*.docx")):
            time.sleep(0.2)
    finally:
        report_service.stop_scheduler(settings)
    assert len(list(scheduled.glob("bao_cao_thang_*.docx"))) == 1
