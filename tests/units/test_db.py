"""The store: migrations on an empty file, their record, named queries with bound parameters."""

import os
import subprocess
import sys

import duckdb
import pytest

from oversight import db, sql
from oversight.config import ROOT


def test_migrations_build_every_table_on_an_empty_file(tmp_path):
    path = tmp_path / "empty.duckdb"
    con = db.open_database(path)
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    for table in (
        "units",
        "unit_aliases",
        "unit_lineage",
        "uploads",
        "upload_rejects",
        "tasks",
        "cases",
        "case_stats",
        "feedback",
        "schema_version",
        "settings",
    ):
        assert table in tables
    versions = [r[0] for r in con.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()]
    assert versions == [v for v, _ in db.migration_files()]
    con.close()


def test_reopening_applies_nothing_twice_and_keeps_data(tmp_path):
    path = tmp_path / "again.duckdb"
    con = db.open_database(path)
    n_units = con.execute("SELECT count(*) FROM units").fetchone()[0]
    con.close()
    con = duckdb.connect(str(path))
    assert db.migrate(con) == []
    con.close()
    con = db.open_database(path)
    assert con.execute("SELECT count(*) FROM units").fetchone()[0] == n_units
    con.close()


def test_a_failing_migration_leaves_no_trace(tmp_path, monkeypatch):
    bad = tmp_path / "schema"
    bad.mkdir()
    (bad / "001_ok.sql").write_text("CREATE TABLE a (x INTEGER);")
    (bad / "002_bad.sql").write_text("CREATE TABLE b (x INTEGER); CREATE TABLE b (y INTEGER);")
    monkeypatch.setattr(db, "SCHEMA_DIR", bad)
    con = duckdb.connect(str(tmp_path / "m.duckdb"))
    with pytest.raises(duckdb.Error):
        db.migrate(con)
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "a" in tables and "b" not in tables
    assert con.execute("SELECT version FROM schema_version").fetchall() == [(1,)]


def test_sql_params_ignore_comments_and_strings():
    sql = "-- uses $nothing\nSELECT '$not_a_param', x FROM t WHERE d BETWEEN $from AND $to AND u = $unit"
    assert db.sql_params(sql) == {"from", "to", "unit"}


def test_run_query_binds_names_and_refuses_missing_ones(tmp_path, monkeypatch):
    qdir = tmp_path / "queries"
    (qdir / "metrics").mkdir(parents=True)
    (qdir / "metrics" / "add.sql").write_text("SELECT $a + $b AS total")
    monkeypatch.setattr(sql, "QUERIES_DIR", qdir)
    db.load_sql.cache_clear()
    con = duckdb.connect()
    try:
        assert db.run_query("metrics/add", con, a=2, b=3, unused=9)["total"].tolist() == [5]
        with pytest.raises(db.QueryError, match="missing parameters \\['b'\\]"):
            db.run_query("metrics/add", con, a=2)
        with pytest.raises(db.QueryError, match="no query named"):
            db.run_query("../etc/passwd", con)
    finally:
        db.load_sql.cache_clear()


def test_connection_is_one_per_path(tmp_path):
    a = db.connection(tmp_path / "one.duckdb")
    b = db.connection(tmp_path / "one.duckdb")
    assert a is b


def test_timestamps_are_stored_in_utc_whatever_the_servers_zone(tmp_path):
    """With the server's clock in Hà Nội (TZ), current_timestamp is still stored as UTC, also by cursors."""
    script = (
        "import datetime, duckdb; from oversight import db;"
        f"con = db.open_database({str(tmp_path / 'tz.duckdb')!r});"
        "stored = con.cursor().execute('SELECT current_timestamp::TIMESTAMP').fetchone()[0];"
        "utc = datetime.datetime.now(datetime.UTC).replace(tzinfo=None);"
        "print(abs((stored - utc).total_seconds()) < 60)"
    )
    env = {**os.environ, "TZ": "Asia/Ho_Chi_Minh"}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.stdout.strip() == "True", done.stderr
