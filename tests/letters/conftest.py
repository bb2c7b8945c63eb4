"""A small province built by hand for the letter tests (tests/metrics/helpers.World on a fresh seeded database),
October 2025 (period end 31/10/2025, against which open items are judged):

Sở Tư pháp, tasks:
  T1 assigned 01/10 by a document of 30/09, due 10/10, done 15/10           → done late, 15 − 10 = 5 days
  T2 assigned 01/10, due 20/10, not done (its content is hostile text)     → open overdue, 31 − 20 = 11 days
  T3 assigned 01/10, due 28/10, done 27/10                                 → on time: not listed
Xã Long Phước, cases and feedback:
  C1 received 02/10 08:00, due 09/10 16:00, done 13/10 10:00               → late, 13 − 9 = 4 days
  C2 received 02/10 08:00, due 09/10 16:00, done 03/10                     → early: not listed
  C3 received 20/10 08:00, due 24/10 16:00, not done                       → pending overdue, 31 − 24 = 7 days
  F1 received 01/10, due 11/10, done 14/10                                  → done late, 3 days
Sở Y tế, feedback:
  F2 received 05/10, due 15/10, not done                                    → open overdue, 16 days
Sở Công Thương, tasks:
  T4 assigned 01/10, due 30/10, done 20/10                                  → on time: nothing late at all
"""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from oversight import db as dbmod
from oversight import periods
from tests.metrics.helpers import World

OCTOBER = periods.month(2025, 10)
TODAY = date(2025, 11, 5)
HOSTILE = "=SUM(A1:A3) **đậm** <b>in đậm</b> [liên kết](http://x.vn) {{ten_don_vi}} @cmd\x07"
HOSTILE_SHOWN = "=SUM(A1:A3) **đậm** <b>in đậm</b> [liên kết](http://x.vn) {{ten_don_vi}} @cmd"


@pytest.fixture(scope="session")
def _letters_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("letters_template") / "seeded.duckdb"
    dbmod.open_database(path).close()
    return path


@pytest.fixture(scope="module")
def province(_letters_template, tmp_path_factory):
    """(connection, {short: unit_id}) of the hand-built province above, shared by a test module: tests only read
    it (the audit rows the downloads add are the one change)."""
    path = tmp_path_factory.mktemp("letters") / "letters.duckdb"
    shutil.copy(_letters_template, path)
    con = dbmod.open_database(path)
    w = World(con)
    ids = {
        "tp": w.unit("Sở Tư pháp"),
        "lp": w.unit("Xã Long Phước", valid="new"),
        "yt": w.unit("Sở Y tế"),
        "ct": w.unit("Sở Công Thương"),
    }
    tasks = w.upload("tasks")
    w.task(tasks, "T1", ids["tp"], "2025-10-01", "2025-10-10", "2025-10-15", doc_date=date(2025, 9, 30))
    w.task(tasks, "T2", ids["tp"], "2025-10-01", "2025-10-20")
    w.task(tasks, "T3", ids["tp"], "2025-10-01", "2025-10-28", "2025-10-27")
    w.task(tasks, "T4", ids["ct"], "2025-10-01", "2025-10-30", "2025-10-20")
    con.execute("UPDATE tasks SET content = ? WHERE item_key = 'T2'", [HOSTILE])
    cases = w.upload("cases")
    w.case(cases, "C1", ids["lp"], "2025-10-02 08:00", "2025-10-09 16:00", "2025-10-13 10:00")
    w.case(cases, "C2", ids["lp"], "2025-10-02 08:00", "2025-10-09 16:00", "2025-10-03 10:00")
    w.case(cases, "C3", ids["lp"], "2025-10-20 08:00", "2025-10-24 16:00", procedure="Cấp giấy phép xây dựng")
    feedback = w.upload("feedback")
    w.feedback(feedback, "F1", ids["lp"], "2025-10-01 09:00", "2025-10-11", "2025-10-14 10:00")
    w.feedback(feedback, "F2", ids["yt"], "2025-10-05 09:00", "2025-10-15")
    yield con, ids
    con.close()
