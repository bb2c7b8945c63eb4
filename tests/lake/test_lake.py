"""The facts lake (oversight/lake.py, queries/lake/): the awkward province (tests/province/awkward.py) exported with
`python -m oversight lake --out DIR`, its files and partitions, the manifest after a rollback, and the counts that
queries/lake/classify_<kind>.sql gives over the Parquet files per unit and month, which must equal the database's own
per-unit figures for each month (`python -m oversight metrics`, i.e. oversight.metrics.unit_metrics)."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from functools import cache

import duckdb
import pandas as pd
import pytest

from oversight import lake, sql
from oversight.config import QUERIES_DIR
from tests.province.awkward import command

PROVINCE = "75"  # Đồng Nai, the awkward province's
# Every month with data in the awkward province, and the months between (carried-over items live in them too).
MONTHS = lake.month_ranges(date(2025, 5, 1), date(2025, 11, 30))
CASES = ("cases_total", "cases_new_online", "cases_new_offline", "cases_carried_over", "cases_resolved",
         "cases_resolved_early", "cases_resolved_on_time", "cases_resolved_late", "cases_pending",
         "cases_pending_on_time", "cases_pending_overdue")  # fmt: skip
TASKS = ("tasks_total", "tasks_done_on_time", "tasks_done_late", "tasks_open_on_time", "tasks_open_overdue",
         "tasks_no_deadline")  # fmt: skip
FEEDBACK = ("feedback_total", "feedback_done_on_time", "feedback_done_late", "feedback_open_on_time",
            "feedback_open_overdue", "feedback_no_deadline", "feedback_rated", "feedback_satisfied")  # fmt: skip
FIELDS = {"cases": CASES, "tasks": TASKS, "feedback": FEEDBACK}


def uploads(db) -> dict[str, dict]:
    status, out = command(["uploads", "--db", str(db), "list", "--format", "json"])
    assert status == 0, out
    return {u["file_name"]: u for u in json.loads(out)}


def export(db, folder) -> str:
    status, out = command(["lake", "--db", str(db), "--out", str(folder)])
    assert status == 0, out
    return out


@cache
def _db_metrics(db: str, month: tuple[date, date]) -> tuple[dict, ...]:
    status, out = command(["metrics", "--db", db, "--from", month[0].isoformat(), "--to", month[1].isoformat()])
    assert status == 0, out
    return tuple(json.loads(out))


def db_counts(db, kind: str) -> dict[tuple[int, date], list[int]]:
    """The database's figures per (unit, month), for the units with items of the kind in that month."""
    out = {}
    for month in MONTHS:
        for r in _db_metrics(str(db), month):
            if r[f"{kind}_total"]:
                out[(r["unit_id"], month[0])] = [r[f] for f in FIELDS[kind]]
    return out


def lake_counts(folder, kind: str) -> dict[tuple[int, date], list[int]]:
    frame = lake.counts_over_lake(folder, kind, MONTHS, PROVINCE)
    assert set(frame["province"]) == {PROVINCE}
    return {
        (int(r["unit_id"]), pd.Timestamp(r["month_from"]).date()): [int(r[f]) for f in FIELDS[kind]]
        for _, r in frame.iterrows()
        if r[f"{kind}_total"]
    }


@pytest.fixture(scope="module")
def awkward_lake(awkward_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("lake") / "kho"
    out = export(awkward_db, folder)
    return folder, out


def test_the_lake_is_partitioned_by_province_kind_year_and_month(awkward_db, awkward_lake):
    folder, out = awkward_lake
    ids = {name: u["id"] for name, u in uploads(awkward_db).items()}
    files = sorted(p.relative_to(folder).as_posix() for p in (folder / "facts").rglob("*.parquet"))
    t, c5, c10, b, f = (ids[n] for n in ("nhiem_vu_2025-10.xlsx", "ho_so_2025-05.xlsx", "ho_so_2025-10.xlsx",
                                        "bieu06_2025-10.xlsx", "phan_anh_2025-09_10.xlsx"))  # fmt: skip
    p = "facts/province=75"
    assert files == sorted([
        # tasks by assignment month: the status words and T1, T3, T4 in October, T2 and T5 in September, T6 August
        f"{p}/kind=tasks/year=2025/month=08/upload-{t}.parquet",
        f"{p}/kind=tasks/year=2025/month=09/upload-{t}.parquet",
        f"{p}/kind=tasks/year=2025/month=10/upload-{t}.parquet",
        f"{p}/kind=cases/year=2025/month=05/upload-{c5}.parquet",
        # cases by reception month: C7-C9 in September, C10 in November
        f"{p}/kind=cases/year=2025/month=09/upload-{c10}.parquet",
        f"{p}/kind=cases/year=2025/month=10/upload-{c10}.parquet",
        f"{p}/kind=cases/year=2025/month=11/upload-{c10}.parquet",
        f"{p}/kind=case_stats/year=2025/month=10/upload-{b}.parquet",
        f"{p}/kind=feedback/year=2025/month=09/upload-{f}.parquet",
        f"{p}/kind=feedback/year=2025/month=10/upload-{f}.parquet",
    ])  # fmt: skip
    rows = pd.read_parquet(folder / f"{p}/kind=cases/year=2025/month=09/upload-{c10}.parquet")
    assert sorted(rows["case_code"]) == ["LP-C7", "LP-C8", "LP-C9"]
    assert len(pd.read_parquet(folder / f"{p}/kind=tasks/year=2025/month=10/upload-{t}.parquet")) == 137 + 3
    assert len(pd.read_parquet(folder / f"{p}/kind=case_stats/year=2025/month=10/upload-{b}.parquet")) == 3
    manifest = pd.read_parquet(folder / "uploads/uploads-75.parquet")
    assert sorted(manifest["upload_id"]) == sorted(ids.values())
    assert set(manifest["state"]) == {"active"} and set(manifest["province"]) == {"75"}
    assert "10 tệp mới, 0 tệp đã có" in out and "5 lần tải lên của tỉnh Đồng Nai" in out


@pytest.mark.parametrize("kind", lake.KINDS)
def test_counts_over_the_lake_equal_the_database_per_unit_and_month(awkward_db, awkward_lake, kind):
    expected = db_counts(awkward_db, kind)
    assert expected  # the awkward province has items of every kind
    assert lake_counts(awkward_lake[0], kind) == expected


def test_the_lake_counts_by_hand(awkward_lake):
    """A few figures of tests/province/awkward.py, over the lake alone."""
    frame = lake.counts_over_lake(awkward_lake[0], "feedback", lake.month_ranges(date(2025, 9, 1), date(2025, 10, 31)))
    by_month = {pd.Timestamp(r["month_from"]).month: r for _, r in frame.iterrows()}
    # September: F1 done on time, F2 open overdue; October: F2 carried over done late, F3 on time, F4 open on
    # time, F5 open overdue; rated/satisfied over the items done: Sep F1 (satisfied); Oct F2 (not), F3 (satisfied)
    assert [int(by_month[9][f]) for f in FEEDBACK] == [2, 1, 0, 0, 1, 0, 1, 1]
    assert [int(by_month[10][f]) for f in FEEDBACK] == [4, 1, 1, 1, 1, 0, 2, 1]
    cases = lake.counts_over_lake(awkward_lake[0], "cases", [(date(2025, 10, 1), date(2025, 10, 31))])
    sources = dict(zip(cases["unit_id"], cases["cases_source"], strict=True))
    # Sở Y tế has no case-level case in October: its Biểu 06 row counts; the two others count their cases
    assert sorted(sources.values()) == ["case_stats", "cases", "cases"]
    stats = cases[cases["cases_source"] == "case_stats"].iloc[0]
    assert [int(stats[f]) for f in CASES] == [5, 1, 2, 2, 5, 1, 3, 1, 0, 0, 0]


def test_a_rollback_shows_in_the_manifest_and_the_files_stay(awkward_db, tmp_path):
    db = tmp_path / "oversight.duckdb"
    shutil.copy(awkward_db, db)
    folder = tmp_path / "kho"
    export(db, folder)
    before = sorted(folder.rglob("*.parquet"))
    stamps = {p: p.stat().st_mtime_ns for p in before}
    rolled = uploads(db)["ho_so_2025-10.xlsx"]["id"]
    status, out = command(["uploads", "--db", str(db), "rollback", str(rolled)])
    assert status == 0, out
    out = export(db, folder)
    assert "0 tệp mới, 10 tệp đã có" in out
    # append-only: the rolled-back upload's files are still there, none rewritten
    assert sorted(folder.rglob("*.parquet")) == before
    assert all(p.stat().st_mtime_ns == stamps[p] for p in before if "facts" in p.parts)
    manifest = pd.read_parquet(folder / "uploads/uploads-75.parquet").set_index("upload_id")
    assert manifest.loc[rolled, "state"] == "rolled_back"
    assert (manifest.drop(index=rolled)["state"] == "active").all()
    # the lake counts as the database now does: without the rolled-back cases (Long Phước and Sở Tư pháp's
    # October cases gone, Sở Tư pháp's Biểu 06 row counted instead)
    _db_metrics.cache_clear()
    assert lake_counts(folder, "cases") == db_counts(db, "cases")
    october = lake.counts_over_lake(folder, "cases", [(date(2025, 10, 1), date(2025, 10, 31))])
    assert sorted(october["cases_source"]) == ["case_stats"] * 3


def test_only_the_uploads_asked_for_are_exported(awkward_db, tmp_path):
    status, out = command(["uploads", "--db", str(awkward_db), "list", "--format", "json"])
    feedback = next(u["id"] for u in json.loads(out) if u["kind"] == "feedback")
    con = duckdb.connect(str(awkward_db), read_only=True)
    try:
        result = lake.export(con, tmp_path, PROVINCE, upload_ids=[feedback])
    finally:
        con.close()
    assert [p.parent.name for p in result.written] == ["month=09", "month=10"]
    assert result.uploads == 5  # the manifest lists every upload


def test_an_unknown_kind_is_refused_in_vietnamese(tmp_path):
    with pytest.raises(ValueError, match="loại dữ liệu không hợp lệ: 'case_stats'"):
        lake.counts_over_lake(tmp_path, "case_stats", MONTHS)


def test_an_empty_lake_gives_no_counts(tmp_path):
    assert lake.counts_over_lake(tmp_path, "tasks", MONTHS).empty


# What Spark SQL would not read (or would read differently): DuckDB's own syntax and functions.
DUCKDB_ONLY = (
    "qualify", "filter (", "group by all", "exclude", "columns(", "::", "list_", "unnest", "macro", "struct_pack",
    "date_diff", "date_trunc", "interval", "arg_max", "arg_min", "bool_and", "bool_or", "read_parquet", "->", "$",
    "epoch", "strftime", "strptime", "last_day", "ilike", "similar to", "regexp_", "union by name", "anti join",
    "semi join", "lateral", "asof", "positional", "try_cast", "[",
)  # fmt: skip


PORTABLE = (*(f"classify_{k}" for k in lake.KINDS), "unit_today", *(f"today_{k}" for k in lake.KINDS))


@pytest.mark.parametrize("name", PORTABLE)
def test_the_classification_is_portable_sql(name):
    text = (QUERIES_DIR / "lake" / f"{name}.sql").read_text(encoding="utf-8")
    code = re.sub(r"--[^\n]*", "", text).lower()
    used = [token for token in DUCKDB_ONLY if token in code]
    assert used == []
    if name.startswith("classify_"):
        kind = name.removeprefix("classify_")
        assert re.search(r"\blake_uploads\b", code) and re.search(rf"\blake_{kind}\b", code)
    elif name == "unit_today":
        assert re.search(r"\blake_units\b", code) and re.search(r"\blake_unit_lineage\b", code)
    else:
        assert re.search(r"\blake_counts\b", code) and re.search(r"\blake_unit_today\b", code)


def test_the_command_refuses_a_file_as_the_lake_folder(awkward_db, tmp_path, capsys):
    target = tmp_path / "kho.txt"
    target.write_text("không phải thư mục", encoding="utf-8")
    status, _ = command(["lake", "--db", str(awkward_db), "--out", str(target)])
    assert status == 2
    assert f"Lỗi: «{target}» không phải là thư mục." in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "không phải thư mục"


class _Session:
    """Stands for a Spark session: records the text it is asked to run."""

    def __init__(self):
        self.texts = []

    def sql(self, text):
        self.texts.append(text)
        return text


def test_spark_runs_the_classification_text_itself():
    session = _Session()
    for kind in lake.KINDS:
        sql.spark(session, f"lake/classify_{kind}")
    assert session.texts == [
        (QUERIES_DIR / "lake" / f"classify_{k}.sql").read_text(encoding="utf-8") for k in lake.KINDS
    ]


def test_spark_refuses_a_query_with_parameters():
    session = _Session()
    with pytest.raises(sql.QueryError, match=r"lake/load_months: Spark runs only queries without parameters"):
        sql.spark(session, "lake/load_months")
    assert session.texts == []
