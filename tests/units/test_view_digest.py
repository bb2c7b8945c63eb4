"""Opening a database skips re-creating the staging views when it records that they were made from the same files
(oversight/db.py create_views, issue 15 part 1): and re-creates them whenever that shortcut would be wrong — a
staging file changed or added, a migration applied, a view dropped, a half-made set of views, two processes
opening a stale file at once.

The probe: a copy of queries/staging with one more file, `stg_probe`, whose answer the tests change. A view the
test tampers with by hand (its definition replaced, the digest left alone) tells whether an open re-made it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap

import duckdb
import pytest

from oversight import db
from oversight.config import ROOT

PROBE = "99_stg_probe.sql"


def probe_text(answer: int) -> str:
    return f"-- a test's probe view\ncreate or replace view stg_probe as select {answer} as answer\n"


@pytest.fixture
def staging(tmp_path, monkeypatch):
    folder = tmp_path / "staging"
    shutil.copytree(db.STAGING_DIR, folder)
    (folder / PROBE).write_text(probe_text(42), encoding="utf-8")
    monkeypatch.setattr(db, "STAGING_DIR", folder)
    return folder


def answer(con) -> int:
    return con.execute("SELECT answer FROM stg_probe").fetchone()[0]


def tamper(con) -> None:
    """Replace the probe view by hand, leaving the recorded digest as it is."""
    con.execute("CREATE OR REPLACE VIEW stg_probe AS SELECT 0 AS answer")


def reopen(path):
    con = duckdb.connect(str(path))
    db.utc(con)
    db.prepare(con, path)
    return con


def test_same_files_skip_and_the_views_still_answer(tmp_path, staging):
    path = tmp_path / "a.duckdb"
    db.open_database(path).close()
    con = duckdb.connect(str(path))
    assert db.create_views(con) is False  # nothing changed: skipped
    tamper(con)
    con.close()
    con = reopen(path)
    assert answer(con) == 0  # the shortcut was taken (the hand-made view is still there)
    assert con.execute("SELECT count(*) FROM stg_cases").fetchone()[0] == 0  # the real views work
    con.close()


def test_a_changed_staging_file_remakes_the_views(tmp_path, staging):
    path = tmp_path / "b.duckdb"
    con = db.open_database(path)
    assert answer(con) == 42
    tamper(con)
    con.close()
    (staging / PROBE).write_text(probe_text(43), encoding="utf-8")  # an upgrade changed one file
    con = reopen(path)
    assert answer(con) == 43
    con.close()


def test_a_new_staging_file_is_made(tmp_path, staging):
    path = tmp_path / "c.duckdb"
    db.open_database(path).close()
    (staging / "98_stg_more.sql").write_text("create or replace view stg_more as select 7 as seven\n", "utf-8")
    con = reopen(path)
    assert con.execute("SELECT seven FROM stg_more").fetchone()[0] == 7
    con.close()


def test_an_applied_migration_remakes_the_views(tmp_path, staging, monkeypatch):
    path = tmp_path / "d.duckdb"
    con = db.open_database(path)
    tamper(con)
    con.close()
    schema = tmp_path / "schema"
    shutil.copytree(db.SCHEMA_DIR, schema)
    newest = max(v for v, _ in db.migration_files())
    (schema / f"{newest + 1:03d}_probe.sql").write_text("CREATE TABLE probe_migrated (x INTEGER);\n", "utf-8")
    monkeypatch.setattr(db, "SCHEMA_DIR", schema)
    con = reopen(path)
    assert answer(con) == 42
    # and the migration alone forces it, digest aside: create_views is told so by prepare
    tamper(con)
    con.close()
    (schema / f"{newest + 2:03d}_probe.sql").write_text("CREATE TABLE probe_migrated_2 (x INTEGER);\n", "utf-8")
    calls = []
    real = db.create_views
    monkeypatch.setattr(db, "create_views", lambda c, force=False: calls.append(force) or real(c, force))
    con = reopen(path)
    assert calls == [True]
    assert answer(con) == 42
    con.close()


def test_a_dropped_view_is_made_again(tmp_path, staging):
    path = tmp_path / "e.duckdb"
    con = db.open_database(path)
    con.execute("DROP VIEW stg_probe")
    con.close()
    con = reopen(path)
    assert answer(con) == 42
    con.close()


def test_a_failed_remake_leaves_no_digest_and_the_next_open_remakes(tmp_path, staging):
    path = tmp_path / "f.duckdb"
    con = db.open_database(path)
    tamper(con)
    con.close()
    (staging / PROBE).write_text(probe_text(44), encoding="utf-8")
    (staging / "99_stg_zz_broken.sql").write_text("create or replace view stg_broken as select from\n", "utf-8")
    con = duckdb.connect(str(path))
    with pytest.raises(duckdb.Error):
        db.prepare(con, path)
    assert answer(con) == 0  # rolled back: the probe was not replaced, the old digest kept
    con.close()
    (staging / "99_stg_zz_broken.sql").unlink()
    con = reopen(path)
    assert answer(con) == 44
    con.close()


def test_the_digest_follows_the_files_the_engine_and_the_migrations(staging, monkeypatch):
    digest, names, paths = db.staging_files()
    assert "stg_probe" in names and "stg_cases" in names
    assert len(paths) == len(list(staging.glob("*.sql")))
    (staging / PROBE).write_text(probe_text(42) + " ", encoding="utf-8")
    assert db.staging_files()[0] != digest
    (staging / PROBE).write_text(probe_text(42), encoding="utf-8")
    assert db.staging_files()[0] == digest
    monkeypatch.setattr(duckdb, "__version__", "0.0.0-other")
    assert db.staging_files()[0] != digest
    monkeypatch.undo()
    monkeypatch.setattr(db, "STAGING_DIR", staging)
    monkeypatch.setattr(db, "_latest_version", lambda: 10_000)
    assert db.staging_files()[0] != digest


OPENER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from oversight import db
    db.STAGING_DIR = Path(sys.argv[2])
    print("ready", flush=True)
    sys.stdin.readline()  # both processes start opening together
    with db.session(sys.argv[1], wait=60) as con:
        print(con.execute("SELECT answer FROM stg_probe").fetchone()[0], flush=True)
    """
)


def test_two_processes_opening_a_stale_file_at_once_both_get_the_new_views(tmp_path, staging):
    path = tmp_path / "g.duckdb"
    con = db.open_database(path)
    tamper(con)
    con.close()
    (staging / PROBE).write_text(probe_text(45), encoding="utf-8")
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", OPENER, str(path), str(staging)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    try:
        for p in procs:
            assert p.stdout.readline().strip() == "ready"
        for p in procs:
            p.stdin.write("go\n")
            p.stdin.flush()
        outs = [p.communicate(timeout=120) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outs]
    assert [out.strip() for out, _ in outs] == ["45", "45"]
    con = duckdb.connect(str(path))
    assert db.create_views(con) is False  # the digest they recorded is the files'
    assert con.execute("SELECT count(*) FROM staging_digest").fetchone()[0] == 1
    con.close()
