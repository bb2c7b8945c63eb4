"""The awkward province's figures (tests/province/awkward.py lists every row with its class), read back from
`python -m oversight metrics --format json` and compared with figures computed by hand from METRICS.md.

Counts are written in the CLI's order: TTHC (3) total, (4) new online, (5) new offline, (6) carried over,
(8) early, (9) on time, (10) late, (12) pending on time, (13) pending overdue; tasks total, done on time, done
late, open on time, open overdue, no deadline; feedback total, done on time, done late, open on time, open
overdue, rated, satisfied.
"""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from functools import cache

import pytest

from oversight.config import ROOT
from oversight.statuses import STATUS_MAP, status_code, status_key
from tests.province.awkward import RENAMED_FROM, RENAMED_TO, STATUS_WORDS, command

CASES = ("cases_total", "cases_new_online", "cases_new_offline", "cases_carried_over", "cases_resolved_early",
         "cases_resolved_on_time", "cases_resolved_late", "cases_pending_on_time", "cases_pending_overdue")  # fmt: skip
TASKS = ("tasks_total", "tasks_done_on_time", "tasks_done_late", "tasks_open_on_time", "tasks_open_overdue",
         "tasks_no_deadline")  # fmt: skip
FEEDBACK = ("feedback_total", "feedback_done_on_time", "feedback_done_late", "feedback_open_on_time",
            "feedback_open_overdue", "feedback_rated", "feedback_satisfied")  # fmt: skip

OCTOBER = ("2025-10-01", "2025-10-31")
SEPTEMBER = ("2025-09-01", "2025-09-30")
SEPTEMBER_OCTOBER = ("2025-09-01", "2025-10-31")
MAY = ("2025-05-01", "2025-05-31")


@cache
def _metrics(db: str, period: tuple[str, str], units: str) -> list[dict]:
    status, out = command(["metrics", "--db", db, "--from", period[0], "--to", period[1], "--units", units])
    assert status == 0, out
    return json.loads(out)


def metrics(db, period, units="reported") -> dict[str, dict]:
    """One record per unit name, for the units with data in the period."""
    rows = _metrics(str(db), period, units)
    with_data = [r for r in rows if r["cases_total"] or r["tasks_total"] or r["feedback_total"]]
    names = [r["unit_name"] for r in with_data]
    assert len(names) == len(set(names)), names
    return {r["unit_name"]: r for r in with_data}


def counts(record: dict, fields: tuple[str, ...]) -> list[int]:
    return [record[f] for f in fields]


def test_every_file_loads_whole(awkward_db):
    status, out = command(["uploads", "--db", str(awkward_db), "list", "--format", "json"])
    assert status == 0
    loaded = {u["file_name"]: (u["kind"], u["rows_loaded"], u["rows_rejected"], u["state"]) for u in json.loads(out)}
    assert loaded == {
        "nhiem_vu_2025-10.xlsx": ("tasks", 137 + 6, 0, "active"),  # every status word, then T1-T6
        "ho_so_2025-05.xlsx": ("cases", 6, 0, "active"),
        "ho_so_2025-10.xlsx": ("cases", 14, 0, "active"),  # C1-C12, S1, S2 (out-of-period rows load too)
        "bieu06_2025-10.xlsx": ("case-stats", 3, 0, "active"),
        "phan_anh_2025-09_10.xlsx": ("feedback", 5, 0, "active"),
    }


def test_the_province_holds_every_status_word():
    assert len(STATUS_WORDS) == 137
    assert {status_key(text) for text, _ in STATUS_WORDS} == set(STATUS_MAP)
    # written decomposed (NFD) in the file, each still reads as its code
    assert all(status_code(unicodedata.normalize("NFD", text)) == code for text, code in STATUS_WORDS)


def test_status_words_alone_classify_tasks_without_dates(awkward_db):
    """Sở Y tế: one task per status word, assigned 06/10/2025, no deadline, no completion date.
    Words per code: done_early 9, done_on_time 12, done_late 17, done 19, open_on_time 6, open_overdue 12,
    open 18, paused 7, returned 18, no_deadline 19 (137).
    done on time = early 9 + on time 12 + returned 18 = 39; done late = 17;
    open on time = open_on_time 6 + paused 7 = 13; open overdue = 12;
    no deadline = done 19 (done, nothing says when it was due) + open 18 + the no-deadline words 19 = 56;
    overdue rate = (17 + 12) / (137 - 56) = 29/81."""
    health = metrics(awkward_db, OCTOBER)["Sở Y tế"]
    assert counts(health, TASKS) == [137, 39, 17, 13, 12, 56]
    assert health["tasks_overdue_rate"] == pytest.approx(29 / 81)
    assert health["tasks_due_soon"] == 0


def test_tasks_without_deadline_beside_dated_ones(awkward_db):
    """Sở Tư pháp, October: T1 open no deadline, T2 carried over and done without deadline («Thường xuyên»),
    T3 done late, T4 open on time (due extended to 15/11), T5 open overdue (due 31/10, the last day), T6 done in
    September (out). Total 5; overdue rate = (1 + 1) / (5 - 2) = 2/3.
    September: T2 open no deadline, T5 open on time (due 31/10), T6 carried over, done late 20/09 (due 30/08).
    Total 3; overdue rate = 1 / (3 - 1) = 1/2."""
    october = metrics(awkward_db, OCTOBER)["Sở Tư pháp"]
    assert counts(october, TASKS) == [5, 0, 1, 1, 1, 2]
    assert october["tasks_overdue_rate"] == pytest.approx(2 / 3)
    september = metrics(awkward_db, SEPTEMBER)["Sở Tư pháp"]
    assert counts(september, TASKS) == [3, 0, 1, 1, 0, 1]
    assert september["tasks_overdue_rate"] == pytest.approx(1 / 2)


def test_case_list_of_a_commune_spelled_decomposed(awkward_db):
    """Xã Long Phước, October (C1-C12, names NFD, two spellings):
    new online C1 C3 C6 C11 = 4; new offline C2 (direct) C4 (BCCI) C5 (direct) C12 (postal) = 4;
    carried over C7 C8 = 2 (C9 done in September, C10 received in November: out); total 10.
    early C1 C7 = 2; on time C3 (due a date: end of day) C6 (withdrawn, though after its due) C11 = 3;
    late C2 C12 (half an hour) = 2; pending on time C5 (waiting for papers, due passed) = 1;
    pending overdue C4 C8 (due 31/10, the last day) = 2. 10 = 7 + 3.
    late rate = (2 + 2) / 10 = 0.4; 766 progress ratio = (2 + 3 + 1) / 10 = 0.6."""
    commune = metrics(awkward_db, OCTOBER)["Xã Long Phước"]
    assert counts(commune, CASES) == [10, 4, 4, 2, 2, 3, 2, 1, 2]
    assert commune["cases_late_rate"] == pytest.approx(0.4)
    assert commune["cases_on_time_rate"] == pytest.approx(0.6)
    assert commune["cases_766_progress_ratio"] == pytest.approx(0.6)
    assert commune["cases_766_progress_score"] == pytest.approx(12.0)
    assert commune["unit_code"] == "26413"


def test_bieu06_counts_only_for_units_without_case_lists(awkward_db):
    """Biểu 06 for October beside the case lists: Sở Y tế has no case-level case, so its row counts
    [5, 1, 2, 2 | 1, 3, 1 | 0, 0]: late rate (1 + 0) / 5 = 0.2, 766 ratio (1 + 3 + 0) / 5 = 0.8.
    Sở Tư pháp (row 10 cases) and Xã Long Phước (row 20) have case lists: counted from them only, 2 and 10.
    Over September-October the aggregate covers only part of the period, so Sở Y tế has no TTHC figure."""
    october = metrics(awkward_db, OCTOBER)
    assert counts(october["Sở Y tế"], CASES) == [5, 1, 2, 2, 1, 3, 1, 0, 0]
    assert october["Sở Y tế"]["cases_late_rate"] == pytest.approx(0.2)
    assert october["Sở Y tế"]["cases_766_progress_ratio"] == pytest.approx(0.8)
    # S1 early (received 01/10, due 03/10, done 02/10); S2 without a deadline: pending, counted on time
    assert counts(october["Sở Tư pháp"], CASES) == [2, 1, 1, 0, 1, 0, 0, 1, 0]
    assert october["Sở Tư pháp"]["cases_no_deadline"] == 1
    assert sum(r["cases_total"] for r in october.values()) == 5 + 2 + 10
    assert metrics(awkward_db, SEPTEMBER_OCTOBER)["Sở Y tế"]["cases_total"] == 0


def test_merged_commune_adds_up_under_todays_ward(awkward_db):
    """May 2025, before the reform: Phường Quang Vinh M1 M2 late (one direct, one online); Phường Trung Dũng M3-M5
    early (two online, one direct), M6 pending overdue at 31/05 (done 03/06, direct). Both became Phường Trấn Biên
    on 1/7/2025: --units today counts 6, early 3, late 2, pending overdue 1; late rate (2 + 1) / 6 = 0.5."""
    reported = metrics(awkward_db, MAY)
    assert counts(reported["Phường Quang Vinh"], CASES) == [2, 1, 1, 0, 0, 0, 2, 0, 0]
    assert counts(reported["Phường Trung Dũng"], CASES) == [4, 2, 2, 0, 3, 0, 0, 0, 1]
    assert "Phường Trấn Biên" not in reported
    today = metrics(awkward_db, MAY, units="today")
    assert set(today) == {"Phường Trấn Biên"}
    assert counts(today["Phường Trấn Biên"], CASES) == [6, 3, 3, 0, 3, 0, 2, 0, 1]
    assert today["Phường Trấn Biên"]["cases_late_rate"] == pytest.approx(0.5)


def test_renamed_commune_keeps_one_identity(awkward_db):
    """Xã Phú Lý, renamed Xã Phú Lý Đông from 01/10/2025, its feedback written under both names.
    September, under the old name: F1 done on time (rated Hài lòng), F2 open overdue (due 30/09): 2, 1, 0, 0, 1.
    October, under the new name: F2 carried over, done late 02/10 (Không hài lòng), F3 done on time (Hài lòng),
    F4 open on time, F5 open overdue: 4, 1, 1, 1, 1; rated 2, satisfied 1; overdue rate (1 + 1) / 4 = 0.5.
    September-October, one unit (code 26173) under today's name: 5, 2, 1, 1, 1; rated 3, satisfied 2."""
    september = metrics(awkward_db, SEPTEMBER)
    assert counts(september[RENAMED_FROM], FEEDBACK) == [2, 1, 0, 0, 1, 1, 1]
    assert RENAMED_TO not in september
    october = metrics(awkward_db, OCTOBER)
    assert counts(october[RENAMED_TO], FEEDBACK) == [4, 1, 1, 1, 1, 2, 1]
    assert october[RENAMED_TO]["feedback_overdue_rate"] == pytest.approx(0.5)
    assert october[RENAMED_TO]["feedback_satisfaction_rate"] == pytest.approx(0.5)
    assert RENAMED_FROM not in october
    both = [r for r in metrics(awkward_db, SEPTEMBER_OCTOBER).values() if r["unit_code"] == "26173"]
    assert [(r["unit_name"], *counts(r, FEEDBACK)) for r in both] == [(RENAMED_TO, 5, 2, 1, 1, 1, 3, 2)]


def test_decomposed_names_land_on_registry_units(awkward_db):
    october = metrics(awkward_db, OCTOBER)
    assert set(october) == {"Sở Y tế", "Sở Tư pháp", "Xã Long Phước", RENAMED_TO}
    assert all(unicodedata.is_normalized("NFC", name) for name in october)


def test_scores_bands_and_ranks(awkward_db):
    """Minimum volume 10: Sở Y tế's tasks count (81 with a deadline), its 5 aggregate cases do not, so its score is
    100 × (1 − 29/81) = 100 × 52/81 = 64.197530864, band Yếu (below 65), first of the departments (no other has a
    component). Xã Long Phước: cases only, exactly 10: 100 × 0.6 = 60, Yếu, first of the communes. Sở Tư pháp
    (3 tasks with a deadline, 2 cases) and Xã Phú Lý Đông (4 feedback items) are not ranked."""
    october = metrics(awkward_db, OCTOBER)
    picked = {name: (october[name]["score"], october[name]["band"], october[name]["rank"]) for name in october}
    assert picked == {
        "Sở Y tế": (pytest.approx(100 * 52 / 81), "Yếu", 1),
        "Xã Long Phước": (pytest.approx(60.0), "Yếu", 1),
        "Sở Tư pháp": (None, "chưa đủ số liệu", None),
        RENAMED_TO: (None, "chưa đủ số liệu", None),
    }


def test_the_real_command_prints_the_same_figures(awkward_db):
    """`python -m oversight metrics --format json` in its own process, as automation runs it."""
    result = subprocess.run(
        [sys.executable, "-m", "oversight", "metrics", "--db", str(awkward_db), "--from", OCTOBER[0], "--to",
         OCTOBER[1], "--format", "json"],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120, check=True,
    )  # fmt: skip
    assert json.loads(result.stdout) == _metrics(str(awkward_db), OCTOBER, "reported")
