"""The stories a leader should find in the demo province (read from the manifest's per-unit figures)."""

from __future__ import annotations

from collections import Counter

import pytest

from oversight.units.registry import load_admin_units

pytestmark = pytest.mark.slow


def _stats(demo) -> dict[str, dict[str, dict[str, int]]]:
    """month -> registry key -> the 13 columns."""
    out = {}
    for f in demo["manifest"]["files"]:
        if f["kind"] == "case_stats":
            out[f["period_from"][:7]] = {k: dict(zip(f["columns"], v, strict=True)) for k, v in f["units"].items()}
    return out


def _late_rate(rows: list[dict[str, int]]) -> float:
    total = sum(r["cases_total"] for r in rows)
    late = sum(r["cases_resolved_late"] + r["cases_pending_overdue"] for r in rows)
    return late / total


def _province(month_rows: dict[str, dict[str, int]]) -> float:
    return _late_rate(list(month_rows.values()))


def _new(month_rows) -> int:
    return sum(r["cases_new_online"] + r["cases_new_offline"] for r in month_rows.values())


def _key(name: str, new: bool = True) -> str:
    units, _ = load_admin_units("75")
    return next(u.registry_key for u in units if u.name == name and (u.valid_to is None) == new)


def test_improving_department(demo):
    stats = _stats(demo)
    before = [stats[m]["dept:so_xay_dung"] for m in ("2025-01", "2025-02", "2025-03") if "dept:so_xay_dung" in stats[m]]
    before += [stats[m]["dept:so_giao_thong_van_tai"] for m in ("2025-01", "2025-02")]
    after = [stats[m]["dept:so_xay_dung"] for m in ("2026-07", "2026-08", "2026-09")]
    assert _late_rate(before) >= 3 * _late_rate(after)


def test_chronically_late_units(demo):
    stats = _stats(demo)
    units, lineage = load_admin_units("75")
    chronic_new = {_key("Xã Long Phước"), _key("Xã Phú Lý")}
    chronic_old = {a for a, b, _d, _s in lineage if b in chronic_new}
    for month, rows in stats.items():
        province = _province(rows)
        assert _late_rate([rows["dept:so_cong_thuong"]]) > 1.5 * province, month
        for key in chronic_new if month >= "2025-07" else chronic_old & set(rows):
            assert _late_rate([rows[key]]) > province, (month, key)


def test_tet_dip_and_late_after_it(demo):
    stats = _stats(demo)
    assert _new(stats["2025-02"]) < 0.9 * _new(stats["2025-03"])
    assert _new(stats["2026-02"]) < 0.9 * _new(stats["2026-03"])
    assert _province(stats["2025-02"]) > _province(stats["2025-04"])
    assert _province(stats["2026-02"]) > _province(stats["2026-05"])


def test_seasonal_pattern(demo):
    stats = _stats(demo)
    assert _new(stats["2025-12"]) > _new(stats["2025-09"])  # the year-end rush
    assert _new(stats["2026-03"]) > _new(stats["2026-01"])


def test_ward_born_of_the_merger_has_a_history(demo):
    stats = _stats(demo)
    _, lineage = load_admin_units("75")
    ward = _key("Phường Trấn Biên")
    predecessors = {a for a, b, _d, _s in lineage if b == ward}
    assert len(predecessors) >= 2
    for month in ("2025-01", "2025-06"):
        assert sum(stats[month].get(k, {}).get("cases_total", 0) for k in predecessors) > 30
        assert ward not in stats[month]
    assert stats["2025-07"][ward]["cases_total"] > 30


def test_minimum_volume_rule_has_work_to_do(demo):
    stats = _stats(demo)
    for month in ("2025-03", "2026-03"):
        small = [k for k, r in stats[month].items() if 0 < r["cases_total"] < 10]
        assert small, month


def test_volumes(demo):
    stats = _stats(demo)
    news = [_new(rows) for rows in stats.values()]
    assert 3000 < sum(news) / len(news) < 5000
    tasks = Counter()
    feedback = Counter()
    for f in demo["manifest"]["files"]:
        if f["kind"] == "tasks":
            tasks[f["period_from"][:7]] = f["rows"]
        elif f["kind"] == "feedback":
            feedback[f["period_from"][:7]] = f["rows"]
    assert 150 < sum(tasks.values()) / 22 < 500
    assert 250 < sum(feedback.values()) / 22 < 700
