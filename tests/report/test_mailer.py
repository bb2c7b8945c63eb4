"""The message the mailer builds: Vietnamese subjects survive any folding, the body is 7-bit quoted-printable,
the attachments keep their names and types; nothing configured is refused in Vietnamese."""

from __future__ import annotations

import dataclasses
import email
import email.policy

import pytest

from oversight import mailer
from oversight.config import load_settings

SUBJECTS = [
    "Báo cáo tháng 10/2025 về kỷ luật, kỷ cương hành chính — UBND TỈNH ĐỒNG NAI",
    "Báo cáo tháng 01/2026 về kỷ luật, kỷ cương hành chính — UBND THÀNH PHỐ HỒ CHÍ MINH",
    "Báo cáo tháng 12/2025 về kỷ luật, kỷ cương hành chính — UBND TỈNH BÀ RỊA - VŨNG TÀU (bản gửi lại)",
    "Short",
]


@pytest.mark.parametrize("subject", SUBJECTS)
def test_the_subject_and_body_survive_the_wire(subject):
    settings = dataclasses.replace(load_settings(), smtp_host="mail.example.vn", smtp_from="bao.cao@example.vn")
    attachments = [mailer.Attachment("bao_cao_thang_2025-10.pdf", b"%PDF-1.4 ..."), mailer.Attachment("a.docx", b"PK")]
    message = mailer.build_message(
        settings, subject, "Kính gửi Tổ công tác,\nđính kèm báo cáo.", attachments, ["a@x.vn"]
    )
    raw = message.as_bytes()
    assert raw.isascii()
    head = raw.split(b"\n\n")[0].decode()
    subject_lines = head[head.index("Subject:") :].split("\n")
    subject_lines = subject_lines[: 1 + next(i for i, x in enumerate(subject_lines[1:]) if not x.startswith(" "))]
    assert all(len(line) <= 78 for line in subject_lines)  # RFC 2047: encoded words in lines of 76
    back = email.message_from_bytes(raw, policy=email.policy.default)
    assert back["Subject"] == subject
    assert back.get_body(("plain",)).get_content() == "Kính gửi Tổ công tác,\nđính kèm báo cáo.\n"
    parts = {p.get_filename(): p.get_content_type() for p in back.iter_attachments()}
    assert parts == {"bao_cao_thang_2025-10.pdf": "application/pdf", "a.docx": "application/"
                     "vnd.openxmlformats-officedocument.wordprocessingml.document"}  # fmt: skip


def test_nothing_configured_is_refused_in_vietnamese():
    settings = dataclasses.replace(load_settings(), smtp_host="", smtp_to=())
    assert not mailer.configured(settings)
    with pytest.raises(mailer.MailError, match="chưa cấu hình máy chủ thư"):
        mailer.send(settings, "x", "y")


def test_the_password_is_never_shown():
    settings = dataclasses.replace(load_settings(), smtp_password="bí-mật-123")
    assert "bí-mật-123" not in repr(settings)
