"""E-mail through the province's mail server (smtplib, email.message): the monthly report sent with its files.

The server is the settings' OVERSIGHT_SMTP_* (oversight/config.py): nothing is sent while OVERSIGHT_SMTP_HOST or
OVERSIGHT_SMTP_TO is empty. Port 465 speaks TLS from the start; another port upgrades with STARTTLS when
OVERSIGHT_SMTP_STARTTLS says so (by default on port 587); a user name logs in. Every network step is bounded by
OVERSIGHT_SMTP_TIMEOUT seconds. The subject and body are Vietnamese: the subject is written as RFC 2047
encoded words (EncodedSubject), the body as quoted-printable UTF-8, so any mail server and client read them. A failure is raised as MailError with
one Vietnamese sentence (what failed, never the password); the caller records and logs it.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from email.header import Header
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from oversight.config import Settings

DOCX = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
PDF = ("application", "pdf")
MIME_TYPES = {".docx": DOCX, ".pdf": PDF}


class MailError(RuntimeError):
    """Sending failed; the message is one Vietnamese sentence."""


@dataclass(frozen=True)
class Attachment:
    file_name: str
    content: bytes

    @property
    def mime(self) -> tuple[str, str]:
        suffix = self.file_name[self.file_name.rfind(".") :].lower() if "." in self.file_name else ""
        return MIME_TYPES.get(suffix, ("application", "octet-stream"))


def configured(settings: Settings) -> bool:
    """Is there a mail server and somebody to send to?"""
    return bool(settings.smtp_host and settings.smtp_to)


def _port(settings: Settings) -> int:
    if settings.smtp_port:
        return settings.smtp_port
    return 587 if settings.smtp_starttls else 25


def _starttls(settings: Settings) -> bool:
    if settings.smtp_starttls is not None:
        return settings.smtp_starttls
    return _port(settings) == 587


def sender(settings: Settings) -> str:
    return settings.smtp_from or settings.smtp_user or f"oversight@{socket.gethostname()}"


class EncodedSubject(str):
    """A Subject header folded as RFC 2047 encoded words by email.header.Header, whose words keep the spaces
    inside them: the default policy's folder drops a space where it folds between encoded words (on Python 3.11,
    «kỷ luật, kỷ cương» arrived as «kỷ luật,kỷ cương»). A header value with a `name` is stored and folded as it is
    (email.policy.EmailPolicy.header_store_parse)."""

    name = "Subject"

    def fold(self, *, policy) -> str:
        encoded = Header(str(self), "utf-8", header_name=self.name).encode(linesep=policy.linesep)
        return f"{self.name}: {encoded}{policy.linesep}"


def build_message(
    settings: Settings, subject: str, body: str, attachments: Sequence[Attachment], recipients: Sequence[str]
) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = EncodedSubject(subject)
    message["From"] = sender(settings)
    message["To"] = ", ".join(recipients)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=settings.smtp_host or None)
    message.set_content(body, charset="utf-8", cte="quoted-printable")
    for item in attachments:
        main, sub = item.mime
        message.add_attachment(item.content, maintype=main, subtype=sub, filename=item.file_name)
    return message


def send(
    settings: Settings,
    subject: str,
    body: str,
    attachments: Sequence[Attachment] = (),
    recipients: Sequence[str] | None = None,
) -> list[str]:
    """Send one message to `recipients` (default the settings' OVERSIGHT_SMTP_TO); returns those the server
    accepted. MailError when nothing is configured or the server cannot be reached, refuses the login or every
    recipient."""
    to = list(recipients if recipients is not None else settings.smtp_to)
    if not settings.smtp_host or not to:
        raise MailError("chưa cấu hình máy chủ thư (OVERSIGHT_SMTP_HOST) hoặc người nhận (OVERSIGHT_SMTP_TO)")
    message = build_message(settings, subject, body, attachments, to)
    host, port, timeout = settings.smtp_host, _port(settings), settings.smtp_timeout
    where = f"{host}:{port}"
    try:
        context = ssl.create_default_context()
        if port == 465:
            client: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
        else:
            client = smtplib.SMTP(host, port, timeout=timeout)
        with client:
            client.ehlo()
            if port != 465 and _starttls(settings):
                client.starttls(context=context)
                client.ehlo()
            if settings.smtp_user:
                client.login(settings.smtp_user, settings.smtp_password)
            refused = client.send_message(message, from_addr=sender(settings), to_addrs=to)
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(f"máy chủ thư {where} từ chối đăng nhập của «{settings.smtp_user}» ({exc.smtp_code})") from exc
    except smtplib.SMTPRecipientsRefused as exc:
        raise MailError(f"máy chủ thư {where} từ chối mọi người nhận: {', '.join(exc.recipients)}") from exc
    except smtplib.SMTPException as exc:
        raise MailError(f"máy chủ thư {where} báo lỗi: {exc}") from exc
    except TimeoutError as exc:
        raise MailError(f"máy chủ thư {where} không trả lời sau {timeout:g} giây") from exc
    except ssl.SSLError as exc:
        raise MailError(f"không thiết lập được kết nối mã hóa với máy chủ thư {where} ({exc.reason})") from exc
    except OSError as exc:
        raise MailError(f"không kết nối được máy chủ thư {where} ({exc.strerror or exc})") from exc
    return [address for address in to if address not in refused]
