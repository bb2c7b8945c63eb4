"""`python -m oversight report` in its own process, as an operator or cron runs it."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from docx import Document

from oversight.config import ROOT
from tests.report.test_files import docx_text
from tests.report.test_schedule import smtp_server  # noqa: F401 - the fixture

pytestmark = pytest.mark.slow


def _run(args, env_extra=None):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "oversight", "report", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300,
    )  # fmt: skip


def test_the_command_writes_both_files(awkward_copy, tmp_path):
    out = tmp_path / "bao-cao"
    done = _run(["--db", str(awkward_copy), "--month", "2025-10", "--out", str(out)])
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "Đã lập báo cáo tháng 10/2025 (01/10/2025 – 31/10/2025):"
    assert sorted(p.name for p in out.iterdir()) == ["bao_cao_thang_2025-10.docx", "bao_cao_thang_2025-10.pdf"]
    text = docx_text((out / "bao_cao_thang_2025-10.docx").read_bytes())
    assert "Sở Y tế" in text and "505/UBND-NC" in text
    assert Document(io.BytesIO((out / "bao_cao_thang_2025-10.docx").read_bytes())).tables


@pytest.mark.parametrize("month", ["2025-13", "tháng 9"])
def test_a_bad_month_is_refused(awkward_copy, tmp_path, month):
    done = _run(["--db", str(awkward_copy), "--month", month, "--out", str(tmp_path / "x")])
    assert done.returncode == 2
    assert f"Lỗi: tháng không hợp lệ: «{month}» (viết dạng YYYY-MM, ví dụ 2025-09)." in done.stderr
    assert not (tmp_path / "x").exists()


def test_a_month_beyond_any_data_is_refused(awkward_copy, tmp_path):
    done = _run(["--db", str(awkward_copy), "--month", "2099-01", "--out", str(tmp_path / "x")])
    assert done.returncode == 2
    assert done.stderr.startswith("Lỗi: khoảng thời gian 01/01/2099 – 31/01/2099 nằm ngoài phạm vi có thể có số liệu")
    assert not (tmp_path / "x").exists()


def test_email_without_a_mail_server_is_refused(awkward_copy, tmp_path):
    done = _run(["--db", str(awkward_copy), "--month", "2025-10", "--email"], {"OVERSIGHT_SMTP_HOST": ""})
    assert done.returncode == 2
    assert "chưa cấu hình máy chủ thư (OVERSIGHT_SMTP_HOST)" in done.stderr


def test_email_sends_both_files(awkward_copy, tmp_path, smtp_server):  # noqa: F811 - the fixture
    port, inbox = smtp_server
    env = {"OVERSIGHT_SMTP_HOST": "127.0.0.1", "OVERSIGHT_SMTP_PORT": str(port), "OVERSIGHT_SMTP_STARTTLS": "0",
           "OVERSIGHT_SMTP_TO": "to.cong.tac@dongnai.gov.vn"}  # fmt: skip
    done = _run(["--db", str(awkward_copy), "--month", "2025-10", "--out", str(tmp_path / "r"), "--email"], env)
    assert done.returncode == 0, done.stderr
    assert "Đã gửi thư tới: to.cong.tac@dongnai.gov.vn" in done.stdout
    assert [e.rcpt_tos for e in inbox.envelopes] == [["to.cong.tac@dongnai.gov.vn"]]
