"""Every figure follows from the same items: Biểu 06 identities, Biểu 06 = recount of the case list,
manifest = files, and every unit name written resolves in the registry at the file's date."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from oversight.db import open_database
from oversight.units.matcher import UnitMatcher
from tests.demo.readers import case_list, end_of_due, nfc, parse_when, pick, sheet_rows

pytestmark = pytest.mark.slow

COLUMNS = (
    "cases_total", "cases_new_online", "cases_new_offline", "cases_carried_over", "cases_resolved",
    "cases_resolved_early", "cases_resolved_on_time", "cases_resolved_late", "cases_pending",
    "cases_pending_on_time", "cases_pending_overdue",
)  # fmt: skip


@pytest.fixture(scope="module")
def matcher(tmp_path_factory):
    con = open_database(tmp_path_factory.mktemp("db") / "match.duckdb")
    yield UnitMatcher(con)
    con.close()


def _files(demo, kind):
    return [f for f in demo["manifest"]["files"] if f["kind"] == kind]


def bieu06_unit_rows(path) -> list[tuple[str, list[int]]]:
    rows = sheet_rows(path)
    start = next(i for i, r in enumerate(rows) if nfc(r[0]) in ("(1)", "1")) + 1
    out = []
    for r in rows[start:]:
        label = nfc(r[1])
        if label == "Tổng cộng":
            out.append((label, [int(v) for v in r[2:13]]))
            break
        if r[0] not in ("", None):
            out.append((label, [int(v) for v in r[2:13]]))
    return out


def test_bieu06_identities_on_every_row(demo):
    for entry in _files(demo, "case_stats"):
        rows = bieu06_unit_rows(demo["dir"] / entry["file"])
        assert len(rows) == entry["rows"] + 1, entry["file"]
        for label, v in rows:
            c = dict(zip(COLUMNS, v, strict=True))
            assert c["cases_total"] == c["cases_new_online"] + c["cases_new_offline"] + c["cases_carried_over"], label
            assert c["cases_resolved"] == (
                c["cases_resolved_early"] + c["cases_resolved_on_time"] + c["cases_resolved_late"]
            ), label
            assert c["cases_pending"] == c["cases_pending_on_time"] + c["cases_pending_overdue"], label
            assert c["cases_total"] == c["cases_resolved"] + c["cases_pending"], label
        total = [sum(v[i] for label, v in rows[:-1]) for i in range(11)]
        assert rows[-1][0] == "Tổng cộng"
        assert rows[-1][1] == total
        assert dict(zip(COLUMNS, total, strict=True)) == entry["totals"]


def recount(path, first: date, last: date, matcher: UnitMatcher) -> dict[int, Counter]:
    """The 13 columns per unit, counted by hand from a case list's cells (METRICS.md sections 2-3)."""
    out: dict[int, Counter] = {}
    for row in case_list(path):
        name = pick(row, "Cơ quan giải quyết", "Đơn vị giải quyết", "Cơ quan thực hiện")
        unit = matcher.match(nfc(name), last).unit_id
        assert unit is not None, name
        received = parse_when(pick(row, "Ngày tiếp nhận", "Ngày nhận"))
        due = parse_when(pick(row, "Ngày hẹn trả", "Hạn xử lý", "Ngày hẹn trả kết quả"))
        done = parse_when(pick(row, "Ngày có kết quả", "Ngày xử lý xong"))
        status = nfc(pick(row, "Trạng thái", "Tình trạng", "Trạng thái hồ sơ"))
        channel = nfc(pick(row, "Hình thức nộp", "Kênh nộp", "Hình thức nộp hồ sơ"))
        c = out.setdefault(unit, Counter())
        c["cases_total"] += 1
        if received.date() >= first:
            c["cases_new_online" if channel == "Trực tuyến" else "cases_new_offline"] += 1
        else:
            c["cases_carried_over"] += 1
        if done is not None:
            assert done.date() <= last
            c["cases_resolved"] += 1
            if status in ("Trả lại hồ sơ", "Công dân xin rút"):
                c["cases_resolved_on_time"] += 1
            elif done > end_of_due(due):
                c["cases_resolved_late"] += 1
                assert status in ("Trả kết quả trễ hạn", "Đã trả kết quả")
            elif done.date() < due.date():
                c["cases_resolved_early"] += 1
            else:
                c["cases_resolved_on_time"] += 1
        else:
            assert status in ("Đang giải quyết", "Chờ bổ sung"), status
            c["cases_pending"] += 1
            if status == "Chờ bổ sung" or due.date() > last:
                c["cases_pending_on_time"] += 1
            else:
                c["cases_pending_overdue"] += 1
    return out


@pytest.mark.parametrize("month", ["2025-01", "2025-02", "2025-06", "2025-07", "2026-02", "2026-10"])
def test_bieu06_equals_recount_of_case_list(demo, matcher, month):
    entries = {f["kind"]: f for f in demo["manifest"]["files"] if f["period_from"].startswith(month)}
    first = date.fromisoformat(entries["cases"]["period_from"])
    last = date.fromisoformat(entries["cases"]["period_to"])
    counted = recount(demo["dir"] / entries["cases"]["file"], first, last, matcher)
    reported = {}
    for label, values in bieu06_unit_rows(demo["dir"] / entries["case_stats"]["file"])[:-1]:
        unit = matcher.match(label, last).unit_id
        assert unit is not None, label
        reported[unit] = dict(zip(COLUMNS, values, strict=True))
    for unit, figures in reported.items():
        got = counted.get(unit, Counter())
        assert {k: got.get(k, 0) for k in COLUMNS} == figures, unit
    assert set(counted) <= set(reported)
    assert sum(c["cases_total"] for c in counted.values()) == entries["cases"]["rows"]


def test_manifest_rows_and_distinct_totals(demo):
    codes, tasks, feedback = set(), set(), set()
    for entry in demo["manifest"]["files"]:
        path = demo["dir"] / entry["file"]
        if entry["kind"] == "cases":
            rows = case_list(path)
            codes.update(nfc(pick(r, "Mã hồ sơ", "Số biên nhận")) for r in rows)
            assert len(rows) == entry["rows"]
        elif entry["kind"] == "tasks":
            rows = _data_rows(path)
            assert len(rows) == entry["rows"]
            tasks.update((nfc(r[1]).removeprefix("Số "), nfc(r[4])) for r in rows)
        elif entry["kind"] == "feedback":
            rows = _data_rows(path)
            assert len(rows) == entry["rows"]
            feedback.update(nfc(r[1]) for r in rows)
    totals = demo["manifest"]["totals"]
    assert totals["cases"] == len(codes)
    assert totals["feedback"] == len(feedback)
    assert totals["tasks"] == len(tasks)
    assert len(demo["manifest"]["files"]) == 88


def _data_rows(path) -> list[list]:
    rows = sheet_rows(path)
    start = next(i for i, r in enumerate(rows) if nfc(r[0]) == "STT") + 1
    return [r for r in rows[start:] if isinstance(r[0], int | float) and not isinstance(r[0], bool)]


def test_every_unit_name_resolves_at_the_files_date(demo, matcher):
    for entry in demo["manifest"]["files"]:
        path = demo["dir"] / entry["file"]
        on = date.fromisoformat(entry["period_to"])
        names: set[str] = set()
        if entry["kind"] == "cases":
            names = {
                nfc(pick(r, "Cơ quan giải quyết", "Đơn vị giải quyết", "Cơ quan thực hiện")) for r in case_list(path)
            }
        elif entry["kind"] == "case_stats":
            names = {label for label, _ in bieu06_unit_rows(path)[:-1]}
        elif entry["kind"] == "tasks":
            for r in _data_rows(path):
                names.add(nfc(r[6]))
                names.update(nfc(n) for n in str(r[7] or "").split(";") if nfc(n))
        else:
            for r in _data_rows(path):
                names.update((nfc(r[8]), nfc(r[9])))
        bad = sorted(n for n in names if matcher.match(n, on).unit_id is None)
        assert not bad, f"{entry['file']}: {bad[:5]}"
