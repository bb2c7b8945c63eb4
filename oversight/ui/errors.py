"""What a reader sees when a page fails: one Vietnamese sentence and an error number, never a traceback or a
server path. The number, the page and the whole traceback go to the server's log (stderr, which the service
manager keeps, and data/logs/server.log, readable by the service's user only), so an operator finds the
cause from the number a user reads out on the phone.

Streamlit's own error box is switched off too (.streamlit/config.toml: client.showErrorDetails = "none"),
for anything that escapes this handler.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException

from oversight import logs

MESSAGE = (
    "Trang gặp lỗi nên không hiển thị được. Mã lỗi: {number}. Xin báo mã lỗi này cho bộ phận quản trị hệ thống; "
    "các trang khác vẫn dùng được."
)


def new_number() -> str:
    """A short error number a user can read out: 8 hex digits."""
    return secrets.token_hex(4).upper()


@contextmanager
def contained(page: str) -> Iterator[None]:
    """Run a page; an unexpected exception is logged with a new error number and shown as MESSAGE."""
    try:
        yield
    except (RerunException, StopException):
        raise  # Streamlit's own control flow (st.rerun, st.stop)
    except Exception:
        number = new_number()
        logs.get("server").log(logging.ERROR, "error %s on page %s", number, page, exc_info=True)
        st.error(MESSAGE.format(number=number))
