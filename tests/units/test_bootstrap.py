"""First start: an empty database gets the demo province through the real ingestion path, once."""

from datetime import date, datetime

import pytest

from oversight import bootstrap
from oversight import db as dbmod
from oversight.config import load_settings
from oversight.demo import generator


@pytest.mark.slow
def test_empty_database_loads_the_demo_once_and_is_labelled_demo(tmp_path, monkeypatch):
    def two_months(out_dir=None, seed=generator.DEFAULT_SEED):
        manifest = generator.generate(out_dir, seed=seed, months=[date(2025, 9, 1), date(2025, 10, 1)], force=True)
        return manifest.paths(out_dir)

    monkeypatch.setattr(generator, "ensure_demo", two_months)
    con = dbmod.open_database(tmp_path / "first.duckdb")
    assert not bootstrap.has_data(con)
    steps = []
    ids = bootstrap.load_demo(con, load_settings(), progress=lambda share, text: steps.append((share, text)))
    assert len(ids) == 8  # four kinds × two months, each its own upload
    assert bootstrap.has_data(con) and bootstrap.is_demo(con)
    assert steps[0][0] == 0.0 and steps[-1][0] == 1.0 and any("(8/8)" in text for _, text in steps)
    assert bootstrap.load_demo(con, load_settings()) == []  # a second start loads nothing
    assert bootstrap.demo_retired_on(con) is None
    con.execute("UPDATE uploads SET origin = 'real' WHERE upload_id = ?", [ids[0]])
    assert not bootstrap.is_demo(con)  # real data beside the demo: no longer labelled a demo
    with pytest.raises(bootstrap.DemoRefused, match="đang có 1 lần tải lên dữ liệu thật đang hiệu lực"):
        bootstrap.load_demo(con, load_settings())
    con.close()


@pytest.mark.slow
def test_the_demo_is_marked_by_its_origin_not_its_user_name(tmp_path, monkeypatch):
    """origin (schema 060) decides: an upload by a user who happens to be called 'demo' through the real path is
    real, and the demo loaded by bootstrap is the demo whoever is recorded."""

    def one_month(out_dir=None, seed=generator.DEFAULT_SEED):
        manifest = generator.generate(out_dir, seed=seed, months=[date(2025, 10, 1)], force=True)
        return manifest.paths(out_dir)

    monkeypatch.setattr(generator, "ensure_demo", one_month)
    con = dbmod.open_database(tmp_path / "origin.duckdb")
    ids = bootstrap.load_demo(con, load_settings())
    assert len(ids) == 4
    assert con.execute("SELECT DISTINCT origin FROM uploads").fetchall() == [("demo",)]
    assert bootstrap.is_demo(con)
    con.close()


def test_migration_060_backfills_the_demo_and_retires_it_beside_real_data(tmp_path):
    """A database from before schema 060: uploads by the user 'demo' become the demo; with a real upload active
    beside them they stop counting as of the first real upload (its id and time)."""
    path = tmp_path / "old.duckdb"
    con = dbmod.open_database(path)
    for column in ("origin", "demo_retired_at", "demo_retired_by"):
        con.execute(f"ALTER TABLE uploads DROP COLUMN {column}")
    con.execute("DELETE FROM schema_version WHERE version = 60")
    rows = [("demo", "active"), ("demo", "replaced"), ("Nguyễn Văn A", "rolled_back"), ("Nguyễn Văn A", "active"),
            ("Trần Thị B", "active"), ("demo", "active")]  # fmt: skip
    for i, (user, state) in enumerate(rows, 1):
        con.execute(
            "INSERT INTO uploads (upload_id, kind, file_name, sha256, uploaded_by, state, uploaded_at)"
            " VALUES (?, 'cases', ?, ?, ?, ?, TIMESTAMP '2025-10-01 08:00' + to_days(?))",
            [i, f"f{i}.xlsx", str(i) * 64, user, state, i],
        )
    con.close()
    dbmod.close_all()
    con = dbmod.open_database(path)  # applies 060
    got = con.execute(
        "SELECT upload_id, origin, demo_retired_at, demo_retired_by FROM uploads ORDER BY upload_id"
    ).fetchall()
    retired_at = datetime(2025, 10, 5, 8)  # upload 4, the first real upload still active
    assert got == [
        (1, "demo", retired_at, 4),
        (2, "demo", None, None),  # replaced: not counted anyway
        (3, "real", None, None),
        (4, "real", None, None),
        (5, "real", None, None),
        (6, "demo", retired_at, 4),
    ]
    assert not bootstrap.is_demo(con) and bootstrap.demo_retired_on(con) == date(2025, 10, 5)
    con.close()
