"""The command line acts as the server's operator: what it changes is audited under the operating-system user."""

from __future__ import annotations

import getpass

from oversight import access, cli, db
from oversight.config import load_settings


def _audit(path) -> list[tuple]:
    cur = db.connection(path).cursor()
    try:
        return cur.execute("SELECT actor, action, target, ok FROM audit_log ORDER BY audit_id").fetchall()
    finally:
        cur.close()


def test_cli_upload_and_rollback_are_audited_under_the_os_user(demo_files, capsys):
    path = load_settings().db_path
    october = sorted(demo_files.glob("2025-10_phan_anh*"))[0]
    with access.acting_as(None):  # as a shell would run it: main() sets the operator itself
        assert cli.main(["ingest", str(october)]) == 0
        upload_id = db.connection(path).execute("SELECT max(upload_id) FROM uploads").fetchone()[0]
        assert cli.main(["uploads", "rollback", str(upload_id)]) == 0
        assert cli.main(["ingest", str(october)]) == 0  # loads again (the first was rolled back)
        assert cli.main(["ingest", str(october)]) == 0  # the same file while active: a duplicate, refused
    operator = f"cli:{getpass.getuser()}"
    rows = _audit(path)
    assert [(r[0], r[1], r[3]) for r in rows] == [
        (operator, "upload", True),
        (operator, "rollback", True),
        (operator, "upload", True),
        (operator, "upload", False),
    ]
    assert rows[1][2] == str(upload_id)
    assert rows[3][2] == october.name
