"""The facts lake written by every upload (issue 15, part 5; oversight.lake.after_commit, called by
oversight.ingest.load): through the real upload path (`python -m oversight ingest`, `uploads rollback`), the
upload's own fact files and the manifest appear without any command; a rollback and a replacement rewrite the
manifest and leave the files; a lake that cannot be written never fails the upload, is recorded, shown by
`python -m oversight check`, and caught up by the next upload; the setting switches it off; the narrow export
leaves the free text out and counts the same; Biểu 06 rows of shorter periods are chained over the lake as the
database chains them; «Theo đơn vị hiện nay» over the lake equals the database's `metrics --units today`."""

from __future__ import annotations

import json
import shutil
import threading
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from oversight import db as dbmod
from oversight import lake
from tests.ingest import corpus as C
from tests.lake.conftest import PROVINCE, WHOLE, ingest
from tests.lake.test_lake import CASES, FIELDS, MONTHS
from tests.province import awkward
from tests.province.awkward import command


def upload_ids(db: Path) -> dict[str, int]:
    status, out = command(["uploads", "--db", str(db), "list", "--format", "json"])
    assert status == 0, out
    return {u["file_name"]: u["id"] for u in json.loads(out)}


def facts(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in (folder / "facts").rglob("*.parquet"))


def manifest(folder: Path) -> dict[int, str]:
    frame = pd.read_parquet(folder / "uploads" / f"uploads-{PROVINCE}.parquet")
    return dict(zip(frame["upload_id"], frame["state"], strict=True))


def check(db: Path) -> list[str]:
    status, out = command(["check", "--db", str(db)])
    dbmod.close_all()
    return [line for line in out.splitlines() if "Kho dữ liệu Parquet" in line]


def test_every_upload_writes_its_own_files_and_the_manifest(fresh):
    db, files = fresh
    folder = db.parent / "lake"
    ingest(db, files["phan_anh_2025-09_10.xlsx"])
    first = upload_ids(db)["phan_anh_2025-09_10.xlsx"]
    p = "facts/province=75/kind=feedback/year=2025"
    assert facts(folder) == [f"{p}/month=09/upload-{first}.parquet", f"{p}/month=10/upload-{first}.parquet"]
    assert manifest(folder) == {first: "active"}
    stamps = {p: p.stat().st_mtime_ns for p in (folder / "facts").rglob("*.parquet")}
    ingest(db, files["ho_so_2025-05.xlsx"])
    second = upload_ids(db)["ho_so_2025-05.xlsx"]
    assert f"facts/province=75/kind=cases/year=2025/month=05/upload-{second}.parquet" in facts(folder)
    assert len(facts(folder)) == 3
    assert all(p.stat().st_mtime_ns == t for p, t in stamps.items())  # the first upload's files not rewritten
    assert manifest(folder) == {first: "active", second: "active"}
    # the unit registry and lineage travel too; no temporary file is left
    assert (folder / "units" / "units-75.parquet").is_file() and (folder / "units" / "lineage-75.parquet").is_file()
    assert [p.name for p in folder.rglob("*.partial")] == []
    assert check(db) == [f"[OK] Kho dữ liệu Parquet (facts lake): «{folder}»; mọi lần tải lên đã có trong kho."]


def test_a_rollback_and_a_replacement_rewrite_the_manifest_and_the_files_stay(fresh, tmp_path):
    db, files = fresh
    folder = db.parent / "lake"
    ingest(db, files["ho_so_2025-10.xlsx"], files["bieu06_2025-10.xlsx"])
    ids = upload_ids(db)
    cases, stats = ids["ho_so_2025-10.xlsx"], ids["bieu06_2025-10.xlsx"]
    status, out = command(["uploads", "--db", str(db), "rollback", str(cases)])
    assert status == 0, out
    dbmod.close_all()
    assert manifest(folder) == {cases: "rolled_back", stats: "active"}
    assert any(f"upload-{cases}.parquet" in f for f in facts(folder))  # append-only: the files stay
    # the same Biểu 06 period and units again (other figures): it replaces the first one
    again = tmp_path / "bieu06_2025-10_lai.xlsx"
    again.write_bytes(C.bieu06(units=awkward.BIEU06_OCTOBER[:2] + [(awkward.BIEU06_OCTOBER[2][0], [2, 1, 1, 0, 2, 1, 1, 0, 0, 0, 0])],
                               period="Từ ngày 01/10/2025 đến ngày 31/10/2025"))  # fmt: skip
    ingest(db, again)
    newer = upload_ids(db)[again.name]
    assert manifest(folder) == {cases: "rolled_back", stats: "replaced", newer: "active"}
    assert {f"upload-{stats}.parquet", f"upload-{newer}.parquet"} <= {Path(f).name for f in facts(folder)}
    # the lake counts as the database: the newer Biểu 06 row of Long Phước counts (no case-level case left)
    october = lake.counts_over_lake(folder, "cases", [(date(2025, 10, 1), date(2025, 10, 31))])
    assert sorted(october["cases_total"].astype(int)) == sorted([2, 10, 5])


def test_the_demo_retired_by_a_real_upload_shows_in_the_manifest(fresh, tmp_path):
    from oversight.ingest.load import ORIGIN_DEMO
    from oversight.ingest.pipeline import ingest_file

    db, files = fresh
    con = dbmod.open_database(db)
    try:
        _plan, demo = ingest_file(con, files["phan_anh_2025-09_10.xlsx"], user="demo", origin=ORIGIN_DEMO)
    finally:
        con.close()
    folder = db.parent / "lake"
    assert manifest(folder) == {demo.upload_id: "active"}
    ingest(db, files["ho_so_2025-05.xlsx"])
    real = upload_ids(db)["ho_so_2025-05.xlsx"]
    assert manifest(folder) == {demo.upload_id: "demo_retired", real: "active"}


def test_a_lake_that_cannot_be_written_never_fails_the_upload(fresh, monkeypatch, caplog):
    db, files = fresh
    blocked = db.parent / "kho"
    blocked.write_text("một tệp, không phải thư mục")  # the lake folder cannot be made (as a full disk would fail)
    monkeypatch.setenv("OVERSIGHT_LAKE_DIR", str(blocked))
    out = ingest(db, files["phan_anh_2025-09_10.xlsx"])
    first = upload_ids(db)["phan_anh_2025-09_10.xlsx"]
    assert "phan_anh_2025-09_10.xlsx" in out
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("select count(*) from feedback").fetchone()[0] == 5  # the upload is there
        failure = con.execute("select error, pending from lake_failures").fetchall()
    finally:
        con.close()
    assert len(failure) == 1 and failure[0][1] == 1 and "Error" in failure[0][0]
    assert "writing the facts lake" in caplog.text
    (line,) = check(db)
    assert line.startswith(f"[CẢNH BÁO] Kho dữ liệu Parquet «{blocked}»: lần ghi lúc ")
    assert "thất bại" in line and "1 lần tải lên chưa có trong kho" in line and "ghi bù" in line
    # the disk is mended: the next upload writes its own files and the missed ones, and the failure is over
    blocked.unlink()
    ingest(db, files["ho_so_2025-05.xlsx"])
    second = upload_ids(db)["ho_so_2025-05.xlsx"]
    names = {Path(f).name for f in facts(blocked)}
    assert names == {f"upload-{first}.parquet", f"upload-{second}.parquet"}
    assert manifest(blocked) == {first: "active", second: "active"}
    assert check(db) == [f"[OK] Kho dữ liệu Parquet (facts lake): «{blocked}»; mọi lần tải lên đã có trong kho."]


def test_the_command_catches_up_a_failed_write(fresh, monkeypatch):
    db, files = fresh
    blocked = db.parent / "kho"
    blocked.write_text("x")
    monkeypatch.setenv("OVERSIGHT_LAKE_DIR", str(blocked))
    ingest(db, files["phan_anh_2025-09_10.xlsx"])
    blocked.unlink()
    status, out = command(["lake", "--db", str(db), "--out", str(blocked)])
    dbmod.close_all()
    assert status == 0 and "2 tệp mới" in out
    assert check(db)[0].startswith("[OK]")


def test_switching_the_lake_on_catches_up_older_uploads_within_a_budget(fresh, monkeypatch):
    """The first upload after the lake is switched on writes its own files and older uploads only within
    lake.CATCH_UP_ROWS of their loaded rows (a large database's whole history is not written while the user
    waits); `check` counts what is left, and a later upload takes it."""
    db, files = fresh
    folder = db.parent / "lake"
    monkeypatch.setenv("OVERSIGHT_LAKE_DIR", "off")
    ingest(db, files["phan_anh_2025-09_10.xlsx"])
    ingest(db, files["ho_so_2025-05.xlsx"])
    ids = upload_ids(db)
    feedback, may = ids["phan_anh_2025-09_10.xlsx"], ids["ho_so_2025-05.xlsx"]
    con = duckdb.connect(str(db), read_only=True)
    rows = dict(con.execute("select upload_id, rows_loaded from uploads").fetchall())
    con.close()
    assert rows[feedback] > 0 and rows[may] > 0
    monkeypatch.delenv("OVERSIGHT_LAKE_DIR")
    monkeypatch.setattr(lake, "CATCH_UP_ROWS", rows[may])  # room for May's cases, not for the feedback too
    ingest(db, files["ho_so_2025-10.xlsx"])
    october = upload_ids(db)["ho_so_2025-10.xlsx"]
    written = {int(p.split("upload-")[1].removesuffix(".parquet")) for p in facts(folder)}
    assert written == {october, may}
    assert manifest(folder) == {feedback: "active", may: "active", october: "active"}
    assert check(db) == [
        f"[CẢNH BÁO] Kho dữ liệu Parquet «{folder}»: 1 lần tải lên chưa có trong kho. Lần tải lên sau, hoặc lệnh "
        f"«python -m oversight lake --out {folder}», sẽ ghi bù (kho chỉ ghi thêm, không ghi lại tệp đã có)."
    ]
    ingest(db, files["nhiem_vu_2025-10.xlsx"])
    written = {int(p.split("upload-")[1].removesuffix(".parquet")) for p in facts(folder)}
    assert written == {october, may, feedback, upload_ids(db)["nhiem_vu_2025-10.xlsx"]}
    assert check(db)[0].startswith("[OK]")


@pytest.mark.parametrize("value", ["", "off"])
def test_the_lake_can_be_switched_off(fresh, monkeypatch, value):
    db, files = fresh
    monkeypatch.setenv("OVERSIGHT_LAKE_DIR", value)
    ingest(db, files["phan_anh_2025-09_10.xlsx"])
    assert not (db.parent / "lake").exists()
    assert check(db) == ["[OK] Kho dữ liệu Parquet (facts lake): đang tắt (OVERSIGHT_LAKE_DIR để trống hoặc «off»)."]


def test_the_lake_folder_is_the_setting(fresh, monkeypatch, tmp_path):
    db, files = fresh
    monkeypatch.setenv("OVERSIGHT_LAKE_DIR", str(tmp_path / "noi_khac"))
    ingest(db, files["phan_anh_2025-09_10.xlsx"])
    assert not (db.parent / "lake").exists()
    assert len(facts(tmp_path / "noi_khac")) == 2


def test_writers_at_once_lose_no_upload(awkward_db, tmp_path):
    """Threads rewriting one province's manifest and unit files together (the dashboard and the command line would
    be two processes, serialised by the database file's lock; the lake's lock file and renames do not rely on it):
    no error, no temporary file left, the manifest whole."""
    db = tmp_path / "oversight.duckdb"
    shutil.copy(awkward_db, db)
    con = duckdb.connect(str(db))
    errors: list[BaseException] = []

    def write() -> None:
        try:
            for _ in range(5):
                lake.export(con, tmp_path / "kho", PROVINCE, upload_ids=[])
        except BaseException as exc:  # noqa: BLE001 - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=write) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    con.close()
    assert errors == []
    assert [p.name for p in (tmp_path / "kho").rglob("*.partial")] == []
    assert len(manifest(tmp_path / "kho")) == 5


# ---------------------------------------------------------------------------------------------- narrow export


def test_the_narrow_export_leaves_out_the_free_text_and_counts_the_same(awkward_db, tmp_path):
    wide, narrow = tmp_path / "rong", tmp_path / "hep"
    status, out = command(["lake", "--db", str(awkward_db), "--out", str(wide)])
    assert status == 0, out
    status, out = command(["lake", "--db", str(awkward_db), "--out", str(narrow), "--narrow"])
    assert status == 0, out
    assert "bản thu gọn" in out
    dbmod.close_all()
    seen = set()
    for path in (narrow / "facts").rglob("*.parquet"):
        kind = path.parent.parent.parent.name.removeprefix("kind=")
        columns = set(pq.read_schema(path).names)
        assert not columns & set(lake.NARROW_DROPPED[kind]), (path, columns)
        seen.add(kind)
        if kind == "tasks":  # the item key holds the task's text: only its hash travels
            keys = pd.read_parquet(path, columns=["item_key"])["item_key"]
            assert keys.str.fullmatch(r"[0-9a-f]{32}").all()
    assert seen == {"tasks", "cases", "feedback", "case_stats"}
    # the wide lake has them (the test would catch a narrow export that left nothing out)
    wide_cases = next((wide / "facts").rglob("kind=cases/**/*.parquet"))
    assert "applicant" in pq.read_schema(wide_cases).names
    for kind in lake.KINDS:
        for units in lake.UNIT_MODES:
            a = lake.counts_over_lake(wide, kind, MONTHS, units=units)
            b = lake.counts_over_lake(narrow, kind, MONTHS, units=units)
            pd.testing.assert_frame_equal(a, b)


def test_the_narrow_setting(fresh, monkeypatch):
    db, files = fresh
    monkeypatch.setenv("OVERSIGHT_LAKE_NARROW", "1")
    ingest(db, files["phan_anh_2025-09_10.xlsx"])
    for path in (db.parent / "lake" / "facts").rglob("*.parquet"):
        assert "content" not in pq.read_schema(path).names
    assert "bản thu gọn" in check(db)[0]


# ------------------------------------------------------------------------------ «Theo đơn vị hiện nay» over the lake


def metrics(db: Path, first: date, last: date, units: str = "reported") -> list[dict]:
    status, out = command(
        ["metrics", "--db", str(db), "--from", first.isoformat(), "--to", last.isoformat(), "--units", units]
    )
    assert status == 0, out
    return json.loads(out)


def db_counts(db: Path, kind: str, months, units: str) -> dict[tuple[int, date, date], list[int]]:
    out = {}
    for first, last in months:
        for r in metrics(db, first, last, units):
            if r[f"{kind}_total"]:
                out[(r["unit_id"], first, last)] = [r[f] for f in FIELDS[kind]]
    return out


def frame_counts(frame: pd.DataFrame, kind: str) -> dict[tuple[int, date, date], list[int]]:
    return {
        (int(r["unit_id"]), pd.Timestamp(r["month_from"]).date(), pd.Timestamp(r["month_to"]).date()): [
            int(r[f]) for f in FIELDS[kind]
        ]
        for _, r in frame.iterrows()
        if r[f"{kind}_total"]
    }


@pytest.fixture(scope="module")
def awkward_lake_today(awkward_db, tmp_path_factory):
    folder = tmp_path_factory.mktemp("today") / "kho"
    status, out = command(["lake", "--db", str(awkward_db), "--out", str(folder)])
    assert status == 0, out
    return folder


@pytest.mark.parametrize("kind", lake.KINDS)
def test_units_of_today_over_the_lake_equal_the_database(awkward_db, awkward_lake_today, kind):
    expected = db_counts(awkward_db, kind, MONTHS, "today")
    got = frame_counts(lake.counts_over_lake(awkward_lake_today, kind, MONTHS, PROVINCE, units="today"), kind)
    assert got == expected


def test_old_communes_count_under_todays_ward(awkward_db, awkward_lake_today):
    """May 2025: Quang Vinh's M1, M2 (late) and Trung Dũng's M3-M6 were reported by communes abolished on 1/7/2025;
    under today's units all six are Phường Trấn Biên's (tests/province/awkward.py)."""
    may = [(date(2025, 5, 1), date(2025, 5, 31))]
    reported = lake.counts_over_lake(awkward_lake_today, "cases", may, PROVINCE)
    today = lake.counts_over_lake(awkward_lake_today, "cases", may, PROVINCE, units="today")
    con = duckdb.connect(str(awkward_db), read_only=True)
    try:
        names = dict(con.execute("select unit_id, name from units").fetchall())
    finally:
        con.close()
    assert sorted((names[int(u)], int(t)) for u, t in zip(reported["unit_id"], reported["cases_total"], strict=True)) == [
        ("Phường Quang Vinh", 2), ("Phường Trung Dũng", 4)]  # fmt: skip
    assert [(names[int(u)], int(t)) for u, t in zip(today["unit_id"], today["cases_total"], strict=True)] == [
        ("Phường Trấn Biên", 6)]  # fmt: skip
    row = today.iloc[0]
    # M2-M4 online, M1, M5, M6 direct; M1, M2 late; M3-M5 early; M6 pending overdue at 31/05
    assert [int(row[f]) for f in CASES] == [6, 3, 3, 0, 5, 3, 0, 2, 1, 0, 1]


def test_an_unknown_unit_mode_is_refused_in_vietnamese(tmp_path):
    with pytest.raises(ValueError, match="cách tính đơn vị không hợp lệ: 'hiện nay'"):
        lake.counts_over_lake(tmp_path, "cases", MONTHS, units="hiện nay")


# ------------------------------------------------------------------ Biểu 06 rows of shorter periods, chained


def test_shorter_biểu_06_periods_chain_into_the_month_as_in_the_database(chained):
    db, folder, names = chained
    periods = [(date(2025, 10, 1), date(2025, 10, 31)), (date(2025, 10, 1), date(2025, 10, 15)),
               (date(2025, 10, 16), date(2025, 10, 31)), (date(2025, 9, 1), date(2025, 9, 30))]  # fmt: skip
    frame = lake.counts_over_lake(folder, "cases", periods, PROVINCE)
    assert frame_counts(frame, "cases") == db_counts(db, "cases", periods, "reported")
    october = {names[int(r["unit_id"])]: [int(r[f]) for f in CASES] for _, r in frame.iterrows()
               if pd.Timestamp(r["month_to"]).date() == date(2025, 10, 31)
               and pd.Timestamp(r["month_from"]).date() == date(2025, 10, 1)}  # fmt: skip
    assert october == {
        # new and resolved add up, carried over is the first half's, pending the second half's
        "Sở Y tế": [10, 5, 3, 2, 9, 3, 4, 2, 1, 0, 1],
        "Xã Long Phước": WHOLE[2][1],  # the halves lie within the whole month's row: that one counts
        "Sở Công Thương": WHOLE[0][1],
        "Sở Nội vụ": WHOLE[1][1],
    }
    assert set(frame["cases_source"]) == {"case_stats"}
