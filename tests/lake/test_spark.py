"""Two provinces in one facts lake, classified three ways (issue 15, part 5): the awkward Đồng Nai
(tests/province/awkward.py, code 75) and a small hand-made Lai Châu (tests/lake/laichau.py, code 12) each run
`python -m oversight lake --out` into the SAME folder; then, per province, per unit, per month and per kind, the
database's own figures (`python -m oversight metrics`), DuckDB over the lake (oversight.lake.counts_over_lake) and
Apache Spark SQL over the lake (oversight.lake_spark.counts_on_spark, the same queries/lake SQL text) must agree.

Spark needs pyspark (requirements-dev.txt) and a Java runtime (Debian's openjdk-17-jre-headless, which .ci/run
installs when it can); without them these tests skip and say which is missing. Slow: a JVM starts."""

from __future__ import annotations

import json
import shutil
from datetime import date

import duckdb
import pandas as pd
import pytest

from oversight import lake
from tests.lake import laichau
from tests.lake.test_lake import FIELDS
from tests.province.awkward import command

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("java") is None, reason="Spark cần Java: không có lệnh java trên máy này"),
    # pyspark 4.3 on pandas 3: its own deprecation notices, not ours
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
]
lake_spark = pytest.importorskip("oversight.lake_spark")
pytest.importorskip("pyspark", reason="pyspark chưa được cài (requirements-dev.txt)")

AWKWARD, LAI_CHAU = "75", laichau.PROVINCE
# Both provinces' months (Đồng Nai May-November 2025, Lai Châu October-November) and the months between.
MONTHS = lake.month_ranges(date(2025, 5, 1), date(2025, 11, 30))


def db_counts(db, kind: str) -> dict[tuple[int, date], list[int]]:
    """The database's own figures per (unit, month), for the units with items of the kind in that month."""
    out = {}
    for first, last in MONTHS:
        status, text = command(["metrics", "--db", str(db), "--from", first.isoformat(), "--to", last.isoformat()])
        assert status == 0, text
        for r in json.loads(text):
            if r[f"{kind}_total"]:
                out[(r["unit_id"], first)] = [r[f] for f in FIELDS[kind]]
    return out


def by_province(frame: pd.DataFrame, kind: str) -> dict[str, dict[tuple[int, date], list[int]]]:
    out: dict[str, dict] = {}
    for _, r in frame.iterrows():
        if r[f"{kind}_total"]:
            key = (int(r["unit_id"]), pd.Timestamp(r["month_from"]).date())
            out.setdefault(str(r["province"]), {})[key] = [int(r[f]) for f in FIELDS[kind]]
    return out


def whole(frame: pd.DataFrame) -> list[tuple]:
    """Every cell of every row, as plain values (Spark gives dates and ints, DuckDB timestamps and floats)."""
    rows = []
    for _, r in frame.iterrows():
        rows.append(
            tuple(
                pd.Timestamp(v).date() if c.startswith("month_") else (v if isinstance(v, str) else int(v))
                for c, v in r.items()
            )
        )
    return sorted(rows)


@pytest.fixture(scope="module")
def two_provinces(awkward_db, tmp_path_factory):
    """One lake folder with both provinces, and the Lai Châu database's own figures (computed in its settings)."""
    folder = tmp_path_factory.mktemp("two_provinces")
    kho = folder / "kho"
    status, out = command(["lake", "--db", str(awkward_db), "--out", str(kho)])
    assert status == 0, out
    with laichau.settings(folder / "laichau"):
        db = laichau.build(folder / "laichau")
        status, out = command(["lake", "--db", str(db), "--out", str(kho)])
        assert status == 0, out
        assert "7 tệp mới, 0 tệp đã có" in out and "4 lần tải lên của tỉnh Lai Châu" in out
        figures = {kind: db_counts(db, kind) for kind in lake.KINDS}
    return kho, figures


def test_one_lake_holds_both_provinces(two_provinces):
    kho, _ = two_provinces
    assert sorted(p.name for p in (kho / "facts").iterdir()) == ["province=12", "province=75"]
    assert sorted(p.name for p in (kho / "uploads").iterdir()) == ["uploads-12.parquet", "uploads-75.parquet"]
    kinds = sorted(p.name for p in (kho / "facts" / "province=12").iterdir())
    assert kinds == ["kind=case_stats", "kind=cases", "kind=feedback", "kind=tasks"]


@pytest.mark.parametrize("kind", lake.KINDS)
def test_database_duckdb_and_spark_agree_per_province_unit_and_month(awkward_db, two_provinces, kind):
    kho, laichau_figures = two_provinces
    on_duckdb = lake.counts_over_lake(kho, kind, MONTHS)
    on_spark = lake_spark.counts_on_spark(kho, kind, MONTHS)
    expected = {AWKWARD: db_counts(awkward_db, kind), LAI_CHAU: laichau_figures[kind]}
    assert expected[AWKWARD] and expected[LAI_CHAU]  # both provinces have items of every kind
    assert by_province(on_duckdb, kind) == expected
    assert by_province(on_spark, kind) == expected
    # and every column (the new/carried-over split, the case source), not only the database's fields
    assert list(on_spark.columns) == list(on_duckdb.columns)
    assert whole(on_spark) == whole(on_duckdb)


def test_spark_by_hand_for_lai_chau(two_provinces):
    """Figures of tests/lake/laichau.py's docstring, from Spark over Lai Châu's part of the lake alone."""
    kho, _ = two_provinces
    november = [(date(2025, 11, 1), date(2025, 11, 30))]
    cases = lake_spark.counts_on_spark(kho, "cases", november, LAI_CHAU)
    assert set(cases["province"]) == {LAI_CHAU}
    rows = {r["cases_source"] + ":" + str(r["cases_total"]): r for _, r in cases.iterrows()}
    # Sở Tư pháp and Sở Y tế have no case-level case: their Biểu 06 rows count; Đoàn Kết: D1 carried over early,
    # D2 on time, D3 late, D4 pending overdue; Bình Lư: B2 pending on time
    assert sorted(rows) == ["case_stats:3", "case_stats:6", "cases:1", "cases:4"]
    assert [int(rows["cases:4"][f]) for f in FIELDS["cases"]] == [4, 1, 2, 1, 3, 1, 1, 1, 1, 0, 1]
    assert [int(rows["case_stats:6"][f]) for f in FIELDS["cases"]] == [6, 2, 2, 2, 4, 1, 2, 1, 2, 1, 1]
    feedback = lake_spark.counts_on_spark(kho, "feedback", november, LAI_CHAU)
    # G2 carried over and done late (not satisfied), G3 open overdue (due on 30/11, the period's last day)
    assert [int(v) for v in feedback.iloc[0][list(FIELDS["feedback"])]] == [2, 0, 1, 0, 1, 0, 1, 0]


def test_an_unknown_kind_is_refused_in_vietnamese(tmp_path):
    with pytest.raises(ValueError, match="loại dữ liệu không hợp lệ: 'case_stats'"):
        lake_spark.counts_on_spark(tmp_path, "case_stats", MONTHS)


def test_an_empty_lake_gives_no_counts_without_starting_spark(tmp_path):
    assert lake_spark.counts_on_spark(tmp_path, "tasks", MONTHS).empty


def test_a_lake_without_bieu06_rows_on_spark(awkward_db, tmp_path):
    """Only the awkward province's case-level uploads: Spark reads lake_case_stats as the empty table of
    queries/lake/empty_case_stats.sql and counts as DuckDB does, every unit from its cases."""
    status, out = command(["uploads", "--db", str(awkward_db), "list", "--format", "json"])
    assert status == 0, out
    cases = [u["id"] for u in json.loads(out) if u["kind"] == "cases"]
    assert len(cases) == 2
    con = duckdb.connect(str(awkward_db), read_only=True)
    try:
        lake.export(con, tmp_path, AWKWARD, upload_ids=cases)
    finally:
        con.close()
    assert not list(tmp_path.glob("facts/*/kind=case_stats"))
    on_spark = lake_spark.counts_on_spark(tmp_path, "cases", MONTHS)
    assert set(on_spark["cases_source"]) == {"cases"}
    assert whole(on_spark) == whole(lake.counts_over_lake(tmp_path, "cases", MONTHS))


# «Theo đơn vị hiện nay», Biểu 06 periods chained, and the spark-submit job (oversight/lake_job.py)


def db_counts_today(db, kind: str) -> dict[tuple[int, date], list[int]]:
    out = {}
    for first, last in MONTHS:
        argv = ["metrics", "--db", str(db), "--from", first.isoformat(), "--to", last.isoformat(), "--units", "today"]
        status, text = command(argv)
        assert status == 0, text
        for r in json.loads(text):
            if r[f"{kind}_total"]:
                out[(r["unit_id"], first)] = [r[f] for f in FIELDS[kind]]
    return out


@pytest.mark.parametrize("kind", lake.KINDS)
def test_units_of_today_agree_on_the_database_duckdb_and_spark(awkward_db, two_provinces, kind):
    kho, _ = two_provinces
    on_duckdb = lake.counts_over_lake(kho, kind, MONTHS, units="today")
    on_spark = lake_spark.counts_on_spark(kho, kind, MONTHS, units="today")
    assert by_province(on_duckdb, kind)[AWKWARD] == db_counts_today(awkward_db, kind)
    assert list(on_spark.columns) == list(on_duckdb.columns)
    assert whole(on_spark) == whole(on_duckdb)


def test_chained_bieu06_periods_on_spark(chained):
    from tests.lake.test_lake_hook import db_counts, frame_counts

    db, folder, _names = chained
    periods = [(date(2025, 10, 1), date(2025, 10, 31)), (date(2025, 10, 1), date(2025, 10, 15))]
    on_spark = lake_spark.counts_on_spark(folder, "cases", periods)
    assert frame_counts(on_spark, "cases") == db_counts(db, "cases", periods, "reported")
    assert whole(on_spark) == whole(lake.counts_over_lake(folder, "cases", periods))


def job_output(folder, kind: str) -> pd.DataFrame:
    """OUT/<kind>/province=<code>/*.parquet as one frame, the province back as a column (text)."""
    frames = []
    for part in sorted((folder / kind).glob("province=*")):
        frame = pd.concat(pd.read_parquet(p) for p in sorted(part.glob("*.parquet")))
        frames.append(frame.assign(province=part.name.removeprefix("province=")))
    return pd.concat(frames)


def comparable(frame: pd.DataFrame) -> list[tuple]:
    columns = sorted(c for c in frame.columns if c != "cases_source")
    return whole(frame[columns])


@pytest.mark.parametrize("units", lake.UNIT_MODES)
def test_the_lake_job_in_local_mode_writes_the_counts(two_provinces, tmp_path, units):
    from oversight import lake_job

    kho, _ = two_provinces
    lake_spark.spark_session()  # the job's getOrCreate() takes the test's local session
    out = tmp_path / "ket_qua"
    argv = ["--lake", str(kho), "--out", str(out), "--from", "2025-05-01", "--to", "2025-11-30", "--units", units]
    assert lake_job.main(argv) == 0
    for kind in lake.KINDS:
        assert sorted(p.name for p in (out / kind).glob("province=*")) == ["province=12", "province=75"]
        expected = lake.counts_over_lake(kho, kind, MONTHS, units=units)
        assert comparable(job_output(out, kind)) == comparable(expected)


def test_spark_submit_runs_the_job_script(two_provinces, tmp_path):
    """The very command a national office runs, on this machine: spark-submit of the script file, a file path."""
    import subprocess
    import sys
    from pathlib import Path

    submit = Path(sys.executable).parent / "spark-submit"
    if not submit.exists():
        pytest.skip("không có spark-submit (pyspark) bên cạnh Python này")
    kho, _ = two_provinces
    out = tmp_path / "ket_qua"
    script = Path(lake.__file__).with_name("lake_job.py")
    done = subprocess.run(
        [
            str(submit),
            "--master",
            "local[1]",
            "--driver-memory",
            "512m",
            "--conf",
            "spark.ui.enabled=false",
            str(script),
            "--lake",
            str(kho),
            "--out",
            str(out),
            "--from",
            "2025-10-01",
            "--to",
            "2025-11-30",
            "--kinds",
            "cases",
        ],  # fmt: skip
        capture_output=True,
        text=True,
        timeout=300,
        env={**__import__("os").environ, "PYSPARK_PYTHON": sys.executable, "PYSPARK_DRIVER_PYTHON": sys.executable},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "cases:" in done.stdout
    months = lake.month_ranges(date(2025, 10, 1), date(2025, 11, 30))
    assert comparable(job_output(out, "cases")) == comparable(lake.counts_over_lake(kho, "cases", months))


def test_the_job_refuses_a_lake_without_manifests(tmp_path):
    from oversight import lake_job

    lake_spark.spark_session()
    with pytest.raises(SystemExit, match="chưa có danh sách lần tải lên"):
        lake_job.main(["--lake", str(tmp_path), "--out", str(tmp_path / "o"), "--from", "2025-10-01",
                       "--to", "2025-10-31"])  # fmt: skip
