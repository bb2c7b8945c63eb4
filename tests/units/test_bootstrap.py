"""First start: an empty database gets the demo province through the real ingestion path, once."""

from datetime import date

from oversight import bootstrap
from oversight import db as dbmod
from oversight.config import load_settings
from oversight.demo import generator


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
    con.execute("UPDATE uploads SET uploaded_by = 'Nguyễn Văn A' WHERE upload_id = ?", [ids[0]])
    assert not bootstrap.is_demo(con)  # real data beside the demo: no longer labelled a demo
    con.close()
