"""The staged first start (oversight.bootstrap.load_demo_first + load_history) ends where the all-at-once load
ends: the same uploads and the same counts per month and kind, nothing counted twice, also when the background
load is interrupted midway and run again (a server restarted while the older months were loading)."""

from __future__ import annotations

import shutil

import pytest

from oversight import bootstrap, metrics, periods
from oversight import db as dbmod
from oversight.config import load_settings
from oversight.ingest.load import list_uploads
from tests.conftest import DEMO_MONTHS

pytestmark = pytest.mark.slow  # loads three demo months through the real ingestion, twice


class Interrupted(RuntimeError):
    pass


@pytest.fixture
def staged(demo_files, tmp_path):
    """An empty database whose demo folder holds the three months the shared demo template was loaded from."""
    settings = load_settings()
    shutil.copytree(demo_files, settings.demo_dir)
    con = dbmod.connection(settings.db_path)
    return settings, con


def month_figures(con) -> dict:
    """Per month of the demo: the province's counts and rates, and every unit's counts and score."""
    out = {}
    for month in DEMO_MONTHS:
        period = periods.month(month.year, month.month)
        kpis = metrics.province_kpis(con, period)
        units = metrics.unit_metrics(con, period).sort_values("unit_id")
        columns = ["unit_id", "tasks_total", "tasks_open_overdue", "cases_total", "cases_resolved_late",
                   "feedback_total", "feedback_open_overdue", "score", "rank"]  # fmt: skip
        shown = units[columns].astype(object).where(units[columns].notna(), None)
        out[month] = (_plain(kpis), shown.to_dict("records"))
    return out


def _plain(value):
    """NaN as None (NaN never equals itself), nested dicts alike."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return None if isinstance(value, float) and value != value else value


def uploads(con) -> dict[str, tuple]:
    frame = list_uploads(con)
    assert frame["file_name"].is_unique  # nothing loaded twice
    return {r.file_name: (r.kind, r.rows_loaded, r.state) for r in frame.itertuples()}


@pytest.fixture
def reference(demo_db_template):
    con = dbmod.open_database(demo_db_template)
    try:
        yield month_figures(con), uploads(con)
    finally:
        con.close()


def test_first_stage_loads_the_latest_month_only(staged):
    settings, con = staged
    ids = bootstrap.load_demo_first(con, settings, months=DEMO_MONTHS, first_months=1)
    assert ids == [9, 10, 11, 12]  # October's four files keep the ids of the all-at-once load (months 3 of 3)
    assert sorted({name[:7] for name in uploads(con)}) == ["2025-10"]
    assert bootstrap.history_progress(con) == (4, 12)
    assert bootstrap.history_caption(4, 12).startswith("Đang nạp dần dữ liệu minh họa của các tháng trước")


def test_staged_load_equals_the_all_at_once_load(staged, reference):
    settings, con = staged
    bootstrap.load_demo_first(con, settings, months=DEMO_MONTHS, first_months=1)
    assert bootstrap.load_history(settings) is True
    assert bootstrap.history_progress(con) is None  # the note is gone: no caption any more
    assert uploads(con) == reference[1]
    assert month_figures(con) == reference[0]
    assert sorted(list_uploads(con)["id"]) == list(range(1, 13))


def test_interrupted_history_resumes_to_the_same_result(staged, reference):
    settings, con = staged
    bootstrap.load_demo_first(con, settings, months=DEMO_MONTHS, first_months=1)
    loaded: list[int] = []

    def crash_after_two(upload_id: int) -> None:
        loaded.append(upload_id)
        if len(loaded) == 2:
            raise Interrupted

    with pytest.raises(Interrupted):
        bootstrap.load_history(settings, after_file=crash_after_two)
    assert loaded == [5, 6]  # September first (newest of the rest), its case list and Biểu 06
    assert bootstrap.history_progress(con) == (6, 12)
    assert bootstrap.load_history(settings) is True  # the next start: only the six missing files
    assert uploads(con) == reference[1]
    assert month_figures(con) == reference[0]


def test_real_data_stops_the_history(staged, tmp_path):
    """A real upload while the older months load: the history stops, its note goes, the demo is retired."""
    from oversight.ingest.pipeline import ingest_file
    from tests.province import awkward

    settings, con = staged
    bootstrap.load_demo_first(con, settings, months=DEMO_MONTHS, first_months=1)
    real = awkward.write_files(tmp_path / "real")[0]
    _plan, result = ingest_file(con, real, user="thu.ky")
    assert result.status == "loaded" and len(result.demo_retired) == 4
    assert bootstrap.load_history(settings) is False
    assert bootstrap.history_progress(con) is None
    assert {name[:7] for name in uploads(con) if name.startswith("2025-")} == {"2025-10"}


def test_from_an_empty_demo_folder_the_files_are_written_month_by_month(demo_files, reference):
    """The first start of a fresh install: no demo files yet. The latest month is written for the first stage, the
    others newest first as the background needs them; the folder ends with generate()'s files and manifest."""
    from oversight.demo.generator import MANIFEST, Manifest

    settings = load_settings()
    con = dbmod.connection(settings.db_path)
    bootstrap.load_demo_first(con, settings, months=DEMO_MONTHS, first_months=1)
    assert sorted(p.name[:7] for p in settings.demo_dir.glob("2025-*")) == ["2025-10"] * 4
    assert bootstrap.load_history(settings) is True
    assert uploads(con) == reference[1]
    assert month_figures(con) == reference[0]
    written, expected = Manifest.load(settings.demo_dir / MANIFEST), Manifest.load(demo_files / MANIFEST)
    assert written.files == expected.files and written.totals == expected.totals
