"""`ingest` and `uploads` per METRICS.md section 7: output, exit codes, JSON."""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys

import pytest

from oversight import db as dbmod
from oversight.config import ROOT
from oversight.ingest import cli
from tests.ingest import corpus as C
from tests.ingest.helpers import write


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    cli.register(sub)
    args = parser.parse_args(argv)
    return args.handler(args)


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "cli.duckdb")


def test_ingest_prints_counts_rejects_and_upload_id(tmp_path, db, capsys):
    rows = C.case_rows()
    rows[1][5] = "31/02/2025"
    good = write(tmp_path, "hoso.xlsx", C.case_list(rows))
    assert run(["ingest", "--db", db, str(good)]) == 0
    out = capsys.readouterr().out
    assert "Tệp: hoso.xlsx" in out
    assert "Đã nạp: 3 dòng; bị từ chối: 1 dòng; cảnh báo: 0; mã tải lên: 1" in out
    assert (
        "trang «Danh sách», dòng 6, cột «Ngày tiếp nhận», giá trị «31/02/2025»: "
        "Không đọc được ngày (dạng đúng: dd/mm/yyyy hoặc dd/mm/yyyy HH:MM)" in out
    )


def test_structural_error_exits_non_zero_and_other_files_still_load(tmp_path, db, capsys):
    bad = write(tmp_path, "baocao.pdf.xlsx", C.pdf_bytes())
    good = write(tmp_path, "hoso.xlsx", C.case_list())
    assert run(["ingest", "--db", db, str(bad), str(good)]) == 1
    out = capsys.readouterr().out
    assert "KHÔNG NẠP: Tệp «baocao.pdf.xlsx» không phải bảng tính Excel: đây là tài liệu PDF." in out
    assert "Đã nạp: 4 dòng" in out


@pytest.mark.slow
def test_strict_and_duplicate(tmp_path, db, capsys):
    rows = C.case_rows()
    rows[1][5] = "31/02/2025"
    path = write(tmp_path, "hoso.xlsx", C.case_list(rows))
    assert run(["ingest", "--db", db, "--strict", str(path)]) == 1
    assert "Chế độ --strict: tệp có 1 dòng bị từ chối nên không nạp dòng nào." in capsys.readouterr().out
    assert run(["ingest", "--db", db, str(path)]) == 0
    capsys.readouterr()
    assert run(["ingest", "--db", db, str(path)]) == 0
    assert "Tệp này đã được nạp (lần tải lên số 1, cùng mã SHA-256); không thay đổi gì." in capsys.readouterr().out


def test_kind_and_period_arguments(tmp_path, db, capsys):
    path = write(tmp_path, "b06.xlsx", C.bieu06(period=None))
    assert run(["ingest", "--db", db, str(path)]) == 1
    capsys.readouterr()
    argv = ["ingest", "--db", db, "--kind", "case-stats", "--from", "2025-10-01", "--to", "2025-10-31", str(path)]
    assert run(argv) == 0
    out = capsys.readouterr().out
    assert "kỳ: 01/10/2025 – 31/10/2025 (nhập khi tải lên)" in out
    assert run(["ingest", "--db", db, "--from", "2025-10-01", str(path)]) == 2


def test_uploads_list_json_and_rollback(tmp_path, db, capsys):
    run(["ingest", "--db", db, str(write(tmp_path, "b1.xlsx", C.bieu06()))])
    units = [C.STATS_GOOD[0], ("Sở Y tế", [6, 1, 3, 2, 6, 1, 4, 1, 0, 0, 0]), C.STATS_GOOD[2]]
    run(["ingest", "--db", db, str(write(tmp_path, "b2.xlsx", C.bieu06(units)))])
    capsys.readouterr()
    assert run(["uploads", "--db", db, "list", "--format", "json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert [(i["id"], i["kind"], i["state"], i["period_from"], i["period_to"]) for i in items] == [
        (2, "case-stats", "active", "2025-09-15", "2025-10-14"),
        (1, "case-stats", "replaced", "2025-09-15", "2025-10-14"),
    ]
    for key in ("file_name", "sha256", "rows_loaded", "rows_rejected", "uploaded_at"):
        assert key in items[0]
    assert run(["uploads", "--db", db, "rollback", "2"]) == 0
    assert capsys.readouterr().out == (
        "Đã hoàn tác lần tải lên số 2.\nKhôi phục các lần tải lên đã bị nó thay thế: 1.\n"
    )
    assert run(["uploads", "--db", db, "rollback", "2"]) == 1
    assert "đang ở trạng thái «đã hoàn tác»" in capsys.readouterr().err
    assert run(["uploads", "--db", db, "list"]) == 0
    assert "rolled_back" in capsys.readouterr().out


ALL_COMMANDS = all(importlib.util.find_spec(m) for m in ("oversight.metrics_cli", "oversight.demo.cli"))


@pytest.mark.slow
@pytest.mark.skipif(not ALL_COMMANDS, reason="python -m oversight needs every command module")
def test_python_m_oversight(tmp_path):
    db = str(tmp_path / "p.duckdb")
    good = write(tmp_path, "hoso.xlsx", C.case_list())
    bad = write(tmp_path, "x.xlsx", C.csv_bytes())

    def call(*args):
        return subprocess.run(
            [sys.executable, "-m", "oversight", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
        )

    p = call("ingest", "--db", db, str(good))
    assert p.returncode == 0, p.stderr
    assert "Đã nạp: 4 dòng; bị từ chối: 0 dòng; cảnh báo: 0; mã tải lên: 1" in p.stdout
    p = call("ingest", "--db", db, str(bad))
    assert p.returncode == 1
    assert "đây là tệp văn bản CSV (phân cách bằng dấu phẩy)" in p.stdout
    p = call("uploads", "--db", db, "list", "--format", "json")
    assert p.returncode == 0 and json.loads(p.stdout)[0]["rows_loaded"] == 4
    p = call("uploads", "--db", db, "rollback", "1")
    assert p.returncode == 0 and p.stdout.startswith("Đã hoàn tác lần tải lên số 1.")


def test_upload_times_are_the_provinces(tmp_path, db, capsys):
    """Stored in UTC; `uploads list` shows the province's time (JSON with its +07:00 offset)."""
    run(["ingest", "--db", db, str(write(tmp_path, "b1.xlsx", C.bieu06()))])
    con = dbmod.open_database(db)
    try:
        con.execute("UPDATE uploads SET uploaded_at = TIMESTAMP '2026-12-01 17:30:00'")
    finally:
        con.close()
    capsys.readouterr()
    assert run(["uploads", "--db", db, "list", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["uploaded_at"] == "2026-12-02T00:30:00+07:00"
    assert run(["uploads", "--db", db, "list"]) == 0
    assert "02/12/2026 00:30" in capsys.readouterr().out


def test_the_database_is_free_while_the_file_is_read(tmp_path, db, monkeypatch, capsys):
    """The command holds the database file only to read the unit registry and to commit: while the file is read
    and validated (tens of seconds for a large list), another process (the dashboard) can open it."""
    from oversight.ingest import pipeline

    good = write(tmp_path, "hoso.xlsx", C.case_list(C.case_rows()))
    opened: list[int] = []
    real = pipeline.prepare_with

    def reading(*args, **kwargs):
        other = subprocess.run(
            [sys.executable, "-c", f"import duckdb; duckdb.connect({db!r}).execute('select count(*) from units')"],
            capture_output=True,
            timeout=120,
        )
        opened.append(other.returncode)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "prepare_with", reading)
    assert run(["ingest", "--db", db, str(good)]) == 0
    assert opened == [0]  # another process opened the file while this one read its list
    assert "Đã nạp: 4 dòng" in capsys.readouterr().out
