"""The two small HTTP routes `streamlit run dashboard.py` serves next to the Streamlit app (st.App).

A Streamlit script cannot set an HttpOnly cookie (it only reads cookies, through st.context.cookies), so the
login form, after checking the password, opens a server-side session (oversight.auth.sessions) and has the
browser post the session's one-time handoff code here:

- POST /auth/xac-nhan (t, next): exchanges the code for the session's cookie — HttpOnly, SameSite=Lax,
  Path=/, Secure when served over HTTPS, lasting the session — and answers 303 to `next`, the page the
  user was on (path and query, so a bookmarked ?unit=…&period=… survives the login);
- POST /auth/dang-xuat (next): ends the cookie's session (if the logout button has not already) and clears
  the cookie, then 303 to `next`.

Both refuse a post from another site (its Origin header names another host), and `next` must be a path on
this server. The routes run outside Streamlit's script threads: the database work goes to a worker thread.

`prepare()` is called once, when dashboard.py is imported to be served, before any script run: it tells
Streamlit not to treat the first run after a start as an old-style pages/ folder app (which answered a page
address such as /xep-hang with «Page not found»), since dashboard.py always calls st.navigation itself.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from oversight import db
from oversight.auth import sessions

COLLECT_PATH = "/auth/xac-nhan"
LOGOUT_PATH = "/auth/dang-xuat"
_MAX_BODY = 8192
_MAX_NEXT = 2000
_serving = False


def prepare() -> None:
    """Called by dashboard.py when it is imported to be served (never during a script run)."""
    global _serving
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False  # dashboard.py calls st.navigation on every run
    _serving = True


def serving() -> bool:
    """True when the routes are mounted (`streamlit run dashboard.py`); False under AppTest."""
    return _serving


def routes() -> list[BaseRoute]:
    return [Route(COLLECT_PATH, collect, methods=["POST"]), Route(LOGOUT_PATH, logout, methods=["POST"])]


def safe_next(value: str | None) -> str:
    """`value` when it is a path (with its query) on this server, else "/"."""
    if not value or len(value) > _MAX_NEXT or "\\" in value or any(ord(c) < 32 for c in value):
        return "/"
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith("//"):
        return "/"
    if parts.path.startswith("/auth/"):
        return "/"
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _same_site(request: Request) -> bool:
    origin = request.headers.get("origin")
    if origin is None or origin == "null":
        return origin is None
    return urlsplit(origin).netloc == request.headers.get("host")


async def _form(request: Request) -> dict[str, str]:
    body = await request.body()
    if len(body) > _MAX_BODY:
        return {}
    fields = parse_qs(body.decode("utf-8", errors="replace"), max_num_fields=10)
    return {key: values[0] for key, values in fields.items()}


def _cookie(response: Response, request: Request, value: str, max_age: int) -> None:
    response.set_cookie(
        sessions.COOKIE_NAME,
        value,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def _in_session(work, *args, **kwargs):
    """Run `work(con, ...)` in a database session of its own: the route must not keep the file open (the
    command line works on it between page runs)."""
    with db.session() as con:
        return work(con, *args, **kwargs)


async def collect(request: Request) -> Response:
    if not _same_site(request):
        return PlainTextResponse("Yêu cầu không hợp lệ.", status_code=403)
    form = await _form(request)
    collected = await run_in_threadpool(_in_session, sessions.collect, form.get("t"))
    response = RedirectResponse(safe_next(form.get("next")), status_code=303)
    response.headers["Cache-Control"] = "no-store"
    if collected is not None:
        _cookie(response, request, collected.cookie, collected.max_age)
    return response


async def logout(request: Request) -> Response:
    if not _same_site(request):
        return PlainTextResponse("Yêu cầu không hợp lệ.", status_code=403)
    form = await _form(request)
    cookie = request.cookies.get(sessions.COOKIE_NAME)
    if cookie:
        await run_in_threadpool(_in_session, sessions.revoke, cookie=cookie)
    response = RedirectResponse(safe_next(form.get("next")), status_code=303)
    response.headers["Cache-Control"] = "no-store"
    response.delete_cookie(sessions.COOKIE_NAME, path="/", httponly=True, samesite="lax")
    return response
