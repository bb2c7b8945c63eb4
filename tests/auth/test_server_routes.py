"""The login routes (oversight.ui.server) called as the ASGI server calls them: the cookie's attributes,
the redirect to a path on this server only, a post from another site refused, logout clearing the cookie."""

from __future__ import annotations

import asyncio
from urllib.parse import urlencode

import pytest
from starlette.applications import Starlette

from oversight import db as dbmod
from oversight.auth import sessions, users
from oversight.ui import server
from tests.auth.conftest import LEADER_PASSWORD


def _post(path: str, fields: dict, *, origin: str | None = "http://oversight.test", cookie: str | None = None,
          scheme: str = "http") -> tuple[int, dict[str, list[str]]]:  # fmt: skip
    app = Starlette(routes=server.routes())
    body = urlencode(fields).encode()
    headers = [(b"host", b"oversight.test"), (b"content-type", b"application/x-www-form-urlencoded")]
    if origin is not None:
        headers.append((b"origin", origin.encode()))
    if cookie is not None:
        headers.append((b"cookie", f"{sessions.COOKIE_NAME}={cookie}".encode()))
    scope = {"type": "http", "method": "POST", "path": path, "raw_path": path.encode(), "query_string": b"",
             "headers": headers, "scheme": scheme, "server": ("oversight.test", 80), "client": ("127.0.0.1", 1),
             "root_path": "", "http_version": "1.1"}  # fmt: skip
    sent: list[dict] = []
    chunks = [{"type": "http.request", "body": body, "more_body": False}]

    async def receive():
        return chunks.pop(0) if chunks else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = sent[0]
    out: dict[str, list[str]] = {}
    for key, value in start["headers"]:
        out.setdefault(key.decode().lower(), []).append(value.decode())
    return start["status"], out


@pytest.fixture
def db_con(tmp_path):
    """The process-wide connection of the test's OVERSIGHT_DB (the routes use db.connection())."""
    return dbmod.connection()


@pytest.fixture
def leader(db_con):
    return users.add_user(db_con, "lanhdao", LEADER_PASSWORD, "leader")


def test_collect_sets_an_httponly_lax_cookie_and_goes_back_to_the_page(db_con, leader):
    started = sessions.start(db_con, leader.user_id)
    status, headers = _post(server.COLLECT_PATH, {"t": started.handoff, "next": "/don-vi?unit=7&period=m2025-09"})
    assert status == 303
    assert headers["location"] == ["/don-vi?unit=7&period=m2025-09"]
    (cookie,) = headers["set-cookie"]
    value = cookie.split(";")[0].split("=", 1)[1]
    attributes = [a.strip().lower() for a in cookie.split(";")[1:]]
    assert "httponly" in attributes and "samesite=lax" in attributes and "path=/" in attributes
    assert "secure" not in attributes
    assert any(a.startswith("max-age=4319") for a in attributes)  # 12 hours less the seconds spent
    assert sessions.validate(db_con, cookie=value).session_id == started.session_id
    # the same code twice: no cookie the second time
    status, headers = _post(server.COLLECT_PATH, {"t": started.handoff, "next": "/"})
    assert status == 303 and "set-cookie" not in headers


def test_the_cookie_is_secure_over_https(db_con, leader):
    started = sessions.start(db_con, leader.user_id)
    _, headers = _post(server.COLLECT_PATH, {"t": started.handoff}, origin="https://oversight.test", scheme="https")
    assert "secure" in headers["set-cookie"][0].lower()
    assert headers["location"] == ["/"]


def test_a_post_from_another_site_is_refused(db_con, leader):
    started = sessions.start(db_con, leader.user_id)
    status, headers = _post(server.COLLECT_PATH, {"t": started.handoff}, origin="https://evil.example")
    assert status == 403 and "set-cookie" not in headers
    assert sessions.collect(db_con, started.handoff) is not None  # the code was not used up


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("/xep-hang?period=q2025-3", "/xep-hang?period=q2025-3"),
        ("https://evil.example/x", "/"),
        ("//evil.example/x", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
        ("don-vi", "/"),
        ("/auth/xac-nhan", "/"),
        ("/a\nb", "/"),
        (None, "/"),
    ],
)
def test_next_is_a_path_on_this_server(given, expected):
    assert server.safe_next(given) == expected


def test_logout_route_ends_the_session_and_clears_the_cookie(db_con, leader):
    started = sessions.start(db_con, leader.user_id)
    collected = sessions.collect(db_con, started.handoff)
    status, headers = _post(server.LOGOUT_PATH, {"next": "/tong-quan"}, cookie=collected.cookie)
    assert status == 303 and headers["location"] == ["/tong-quan"]
    (cleared,) = headers["set-cookie"]
    assert cleared.startswith(f"{sessions.COOKIE_NAME}=") and "max-age=0" in cleared.lower()
    assert sessions.validate(db_con, cookie=collected.cookie) is None
    assert db_con.execute(
        "SELECT revoked_reason FROM web_sessions WHERE session_id = ?", [started.session_id]
    ).fetchall() == [("logout",)]
