"""The audit log: record inside a caller's transaction, who is named, reading it back."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from oversight import access
from oversight.auth import audit


def _rows(con):
    return con.execute("SELECT actor, action, target, detail, ok FROM audit_log ORDER BY audit_id").fetchall()


def test_record_names_the_current_principal_or_nobody(con):
    audit.record(con, audit.EXPORT, target="brief.pdf", detail={"định dạng": "PDF"})
    with access.acting_as(access.Principal(name="lan", role="leader")):
        audit.record(con, audit.LOGOUT)
    with access.acting_as(access.system()):
        audit.record(con, audit.UPLOAD, target=7)
    with access.acting_as(None):
        audit.record(con, audit.LOGIN_FAILED, ok=False)
    audit.record(con, audit.LOGIN_FAILED, actor="web:ai.do", ok=False)
    assert _rows(con) == [
        ("cli:pytest", "export", "brief.pdf", '{"định dạng": "PDF"}', True),
        ("web:lan", "logout", None, None, True),
        ("system", "upload", "7", None, True),
        ("nobody", "login_failed", None, None, False),
        ("web:ai.do", "login_failed", None, None, False),
    ]


def test_record_joins_the_callers_transaction(con):
    cur = con.cursor()
    cur.execute("BEGIN TRANSACTION")
    audit.record(cur, audit.UPLOAD, target="1")
    cur.execute("ROLLBACK")
    assert _rows(con) == []
    cur.execute("BEGIN TRANSACTION")
    audit.record(cur, audit.UPLOAD, target="2")
    assert _rows(con) == []  # not visible to others before the commit
    cur.execute("COMMIT")
    assert [r[2] for r in _rows(con)] == ["2"]


def test_events_newest_first_with_filters(con):
    for target in ("1", "2", "3"):
        audit.record(con, audit.UPLOAD, target=target)
    audit.record(con, audit.EXPORT, actor="web:lan")
    frame = audit.events(con)
    assert list(frame.columns) == ["audit_id", "at", "actor", "action", "target", "detail", "ok"]
    assert frame["audit_id"].tolist() == [4, 3, 2, 1]
    assert audit.events(con, action=audit.UPLOAD, limit=2)["target"].tolist() == ["3", "2"]
    assert audit.events(con, actor="web:lan")["action"].tolist() == ["export"]
    now = datetime.now()
    assert len(audit.events(con, since=now - timedelta(hours=1), until=now + timedelta(hours=1))) == 4
    assert audit.events(con, since=now + timedelta(hours=1)).empty


def test_every_action_has_a_label():
    names = [v for k, v in vars(audit).items() if k.isupper() and isinstance(v, str) and k != "NOBODY"]
    assert set(names) == set(audit.ACTION_LABELS)


@pytest.mark.parametrize("principal", [None, access.Principal(name="up", role="uploader")])
def test_only_admins_read_the_log(con, principal):
    with access.acting_as(principal), pytest.raises(access.AccessDenied):
        audit.events(con)
