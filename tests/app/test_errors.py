"""A page that fails shows one Vietnamese sentence with an error number, never a traceback or a server path;
the server's log has the same number with the traceback (AppTest)."""

from __future__ import annotations

import re

from oversight.config import load_settings
from oversight.ui import data
from tests.app.conftest import signed_in


def test_a_failing_page_shows_an_error_number_the_log_also_has(app_db, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("/srv/oversight/secret/path: something deep failed")

    at = signed_in(app_db, "leader")
    monkeypatch.setattr(data, "frame", broken)
    at.run()
    assert not at.exception  # nothing for Streamlit to show as a traceback
    shown = " ".join(e.value for e in at.error)
    found = re.search(r"Mã lỗi: ([0-9A-F]{8})\.", shown)
    assert found and shown.startswith("Trang gặp lỗi nên không hiển thị được.")
    assert "/srv/oversight" not in shown and "RuntimeError" not in shown
    log = (load_settings().data_dir / "logs" / "server.log").read_text(encoding="utf-8")
    assert f"error {found.group(1)} on page dashboard" in log
    assert "something deep failed" in log and "Traceback" in log
