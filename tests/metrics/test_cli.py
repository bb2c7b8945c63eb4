"""`python -m oversight metrics` (METRICS.md section 7), driven through its handler on a database built by
inserting rows: the six cases of ../shared/contract_check.py give its hand-computed figures."""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from oversight import db as dbmod
from oversight import metrics_cli
from oversight.config import ROOT

CONTRACT = ROOT.parent / "shared" / "contract_check.py"
FIELDS = [  # contract_check.FIELDS
    "unit_name", "unit_code", "unit_group", "cases_total", "cases_new_online", "cases_new_offline",
    "cases_carried_over", "cases_resolved", "cases_resolved_early", "cases_resolved_on_time",
    "cases_resolved_late", "cases_pending", "cases_pending_on_time", "cases_pending_overdue",
    "cases_late_rate", "cases_on_time_rate", "cases_766_progress_ratio", "cases_766_progress_score",
    "tasks_total", "tasks_overdue_rate", "feedback_total", "feedback_overdue_rate", "score", "band", "rank",
]  # fmt: skip
SECTION_COUNTS = [  # every count and rate of METRICS.md sections 3-5
    "tasks_done_on_time", "tasks_done_late", "tasks_open_on_time", "tasks_open_overdue", "tasks_no_deadline",
    "tasks_due_soon", "feedback_done_on_time", "feedback_done_late", "feedback_open_on_time",
    "feedback_open_overdue", "feedback_rated", "feedback_satisfied", "feedback_766_on_time_ratio",
    "feedback_766_points", "feedback_satisfaction_rate",
]  # fmt: skip
CONTRACT_CASES = [  # the contract check's cases, already resolved to one unit (both spellings)
    ("T-1", "2025-10-02 08:00", "2025-10-09 16:00", "2025-10-06 09:00", "online"),  # early
    ("T-2", "2025-10-03 08:00", "2025-10-09 16:00", "2025-10-09 10:00", "offline"),  # on time
    ("T-3", "2025-10-03 09:00", "2025-10-09 16:00", "2025-10-13 10:00", "offline"),  # late
    ("T-4", "2025-10-20 09:00", "2025-10-24 16:00", None, "online"),  # pending overdue
    ("T-5", "2025-10-28 09:00", "2025-11-05 16:00", None, "online"),  # pending on time
    ("T-6", "2025-09-25 09:00", "2025-10-02 16:00", "2025-10-01 09:00", "offline"),  # carried over, early
]


@pytest.fixture
def db_path(world, mcon, tmp_path):
    unit = world.unit("Xã Long Phước", valid="new")
    up = world.upload("cases")
    for code, received, due, done, channel in CONTRACT_CASES:
        name = "UBND xã Long Phước" if code != "T-2" else "Xã Long Phước"
        world.case(up, code, unit, received, due, done, channel, unit_name=name, status="done" if done else "open")
    mcon.execute("CHECKPOINT")
    path = Path(
        mcon.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0]
    )
    mcon.close()
    return path


def run_cli(argv: list[str]) -> tuple[int, str]:
    parser = argparse.ArgumentParser()
    metrics_cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    out = io.StringIO()
    code = args.handler(args, out=out)
    return code, out.getvalue()


def test_json_records_and_contract_figures(db_path):
    code, text = run_cli(["metrics", "--db", str(db_path), "--from", "2025-10-01", "--to", "2025-10-31"])
    assert code == 0
    rows = json.loads(text)
    # every unit that existed in October 2025 (95 communes and wards, 18 departments; METRICS.md section 6), one
    # name each: the old Xã Long Phước (abolished 30/6/2025, no data) is not beside today's
    assert isinstance(rows, list) and len(rows) == 113
    assert [r["unit_name"] for r in rows].count("Xã Long Phước") == 1
    assert sum(r["cases_total"] for r in rows) == 6
    unit = next(r for r in rows if r["unit_name"] == "Xã Long Phước")
    assert set(FIELDS + SECTION_COUNTS) <= set(unit)
    assert unit["unit_name"] == "Xã Long Phước" and unit["unit_group"] == "commune" and unit["unit_code"]
    assert {k: unit[k] for k in FIELDS[3:14]} == dict(
        cases_total=6, cases_new_online=3, cases_new_offline=2, cases_carried_over=1, cases_resolved=4,
        cases_resolved_early=2, cases_resolved_on_time=1, cases_resolved_late=1, cases_pending=2,
        cases_pending_on_time=1, cases_pending_overdue=1,
    )  # fmt: skip
    assert unit["cases_late_rate"] == pytest.approx(2 / 6)
    assert unit["cases_766_progress_score"] == pytest.approx(20 * 4 / 6)
    # empty as null: no tasks and no feedback -> no rate; 6 cases < min volume 10 -> no score, no rank
    assert unit["tasks_overdue_rate"] is None and unit["feedback_overdue_rate"] is None
    assert unit["score"] is None and unit["rank"] is None and unit["band"] == "chưa đủ số liệu"
    assert unit["tasks_total"] == 0 and isinstance(unit["cases_total"], int)


def test_csv_has_the_same_names_and_empty_cells(db_path):
    code, text = run_cli(["metrics", "--db", str(db_path), "--from", "2025-10-01", "--to", "2025-10-31",
                          "--format", "csv", "--group", "commune", "--units", "today"])  # fmt: skip
    assert code == 0
    reader = csv.DictReader(io.StringIO(text))
    assert set(FIELDS + SECTION_COUNTS) <= set(reader.fieldnames)
    rows = {row["unit_name"]: row for row in reader}
    assert len(rows) == 95
    unit = rows["Xã Long Phước"]
    assert unit["cases_total"] == "6" and unit["rank"] == "" and unit["tasks_overdue_rate"] == ""


def test_group_filter_and_bad_range(db_path, capsys):
    code, text = run_cli(["metrics", "--db", str(db_path), "--from", "2025-10-01", "--to", "2025-10-31",
                          "--group", "department"])  # fmt: skip
    departments = json.loads(text)
    assert code == 0 and len(departments) == 18 and {r["unit_group"] for r in departments} == {"department"}
    assert all(r["cases_total"] == 0 and r["cases_late_rate"] is None for r in departments)
    code, _ = run_cli(["metrics", "--db", str(db_path), "--from", "2025-10-31", "--to", "2025-10-01"])
    assert code == 2 and "Lỗi" in capsys.readouterr().err


def test_db_defaults_to_the_setting(db_path, monkeypatch):
    monkeypatch.setenv("OVERSIGHT_DB", str(db_path))
    code, text = run_cli(["metrics", "--from", "2025-10-01", "--to", "2025-10-31"])
    assert code == 0 and sum(r["cases_total"] for r in json.loads(text)) == 6


@pytest.mark.slow
@pytest.mark.skipif(not CONTRACT.exists(), reason="../shared/contract_check.py is not beside the checkout")
def test_shared_contract_check_passes(tmp_path):
    proc = subprocess.run([sys.executable, str(CONTRACT)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_open_database_is_reused_not_required(tmp_path):
    # a brand-new path works too (migrated and seeded on open): no data, the units that existed listed with zeros
    code, text = run_cli(
        ["metrics", "--db", str(tmp_path / "new.duckdb"), "--from", "2025-10-01", "--to", "2025-10-31"]
    )
    rows = json.loads(text)
    assert code == 0 and len(rows) == 113
    assert all(r["cases_total"] + r["tasks_total"] + r["feedback_total"] == 0 and r["rank"] is None for r in rows)
    dbmod.close_all()
