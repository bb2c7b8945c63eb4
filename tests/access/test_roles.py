"""Roles enforced below the pages: in run_query, the metrics functions, ingestion, the registry and exports.

Each test acts as one principal (oversight.access) on a copy of the demo database and checks what it gets:
nobody and a user without a role get nothing; a leader reads but changes nothing; a unit viewer sees only
its own unit's items, whichever way it asks (a group list, another unit's id, the export)."""

from __future__ import annotations

import io
import shutil
from datetime import date

import pytest
from openpyxl import load_workbook

from oversight import access, db, exports, metrics, periods
from oversight.ingest.load import list_uploads, rollback
from oversight.ingest.pipeline import ingest_file
from oversight.units import pending
from tests.metrics.helpers import ending, span

OCT = (date(2025, 10, 1), date(2025, 10, 31))
PERIOD = periods.month(2025, 10)


@pytest.fixture
def demo(demo_db_template, tmp_path):
    path = tmp_path / "roles.duckdb"
    shutil.copy(demo_db_template, path)
    con = db.open_database(path)
    yield con
    con.close()


def _late_units(con, kind: str = "cases") -> list[int]:
    """Units with late or overdue items of `kind` in October, most first (computed as the operator)."""
    frame = metrics.overdue_items(con, kind, span(*OCT))
    return frame["unit_id"].value_counts().index.astype(int).tolist()


def viewer(unit_id: int, aggregates_all: bool = True) -> access.Principal:
    return access.Principal(
        name="xa.truong",
        role="unit_viewer",
        user_id=99,
        unit_id=unit_id,
        units=frozenset({unit_id}),
        aggregates_all=aggregates_all,
    )


LEADER = access.Principal(name="chu.tich", role="leader", user_id=1)
NO_ROLE = access.Principal(name="moi.tao", role=None, user_id=2)


@pytest.mark.parametrize("who", [None, NO_ROLE], ids=["nobody", "no_role"])
def test_nobody_and_no_role_get_nothing(demo, who):
    with access.acting_as(who):
        with pytest.raises(access.AccessDenied, match="Chưa đăng nhập|chưa được phân quyền"):
            metrics.province_kpis(demo, span(*OCT))
        with pytest.raises(access.AccessDenied):
            metrics.unit_metrics(demo, span(*OCT))
        with pytest.raises(access.AccessDenied):
            metrics.overdue_items(demo, "cases", span(*OCT))
        with pytest.raises(access.AccessDenied):
            db.run_query("metrics/data_range", demo)
        with pytest.raises(access.AccessDenied):
            exports.ranking_workbook(demo, PERIOD)


def test_the_message_names_the_account_and_what_it_may_not_do(demo):
    with access.acting_as(LEADER), pytest.raises(access.AccessDenied) as denied:
        rollback(demo, 1, "chu.tich")
    assert str(denied.value) == (
        "Tài khoản «chu.tich» (Lãnh đạo (xem toàn tỉnh)) không có quyền hủy một lần tải dữ liệu."
    )


def test_a_leader_reads_everything_and_changes_nothing(demo, demo_files):
    everyone = metrics.unit_metrics(demo, span(*OCT))
    items = metrics.overdue_items(demo, "cases", span(*OCT))
    before = list_uploads(demo)
    with access.acting_as(LEADER):
        assert metrics.unit_metrics(demo, span(*OCT))["unit_id"].tolist() == everyone["unit_id"].tolist()
        assert len(metrics.overdue_items(demo, "cases", span(*OCT))) == len(items) > 0
        some_file = sorted(demo_files.glob("2025-10*"))[0]
        with pytest.raises(access.AccessDenied, match="tải dữ liệu lên"):
            ingest_file(demo, some_file, user="chu.tich")
        with pytest.raises(access.AccessDenied, match="hủy một lần tải"):
            rollback(demo, int(before["id"].iloc[0]), "chu.tich")
        with pytest.raises(access.AccessDenied, match="danh mục đơn vị"):
            pending.reject(demo, "Xã Không Có", "chu.tich")
        with pytest.raises(access.AccessDenied, match="kiểm tra chất lượng"):
            metrics.data_quality(demo)
    assert list_uploads(demo)["state"].tolist() == before["state"].tolist()


def test_a_unit_viewer_sees_only_its_own_items_in_a_group_list(demo):
    own, other = _late_units(demo)[:2]
    everyone = metrics.overdue_items(demo, "cases", span(*OCT))
    with access.acting_as(viewer(own)):
        mine = metrics.overdue_items(demo, "cases", span(*OCT))
        listed = metrics.items(demo, "cases", span(*OCT), outcomes=["resolved_late", "pending_overdue"])
    assert set(mine["unit_id"]) == {own}
    assert len(mine) == int((everyone["unit_id"] == own).sum())
    assert set(listed["unit_id"]) == {own}
    assert other not in set(mine["unit_id"])


@pytest.mark.parametrize("function", ["overdue_items", "items"])
def test_a_unit_viewer_asking_for_another_units_items_is_refused(demo, function):
    own, other = _late_units(demo)[:2]
    kwargs = {"outcomes": ["resolved_late", "pending_overdue"]} if function == "items" else {}
    with access.acting_as(viewer(own)):
        with pytest.raises(access.AccessDenied, match="chỉ được xem danh sách chi tiết của đơn vị mình"):
            getattr(metrics, function)(demo, "cases", span(*OCT), unit_id=other, **kwargs)
        assert len(getattr(metrics, function)(demo, "cases", span(*OCT), unit_id=own, **kwargs)) > 0


def test_run_query_binds_the_scope_itself_and_refuses_a_callers_own(demo):
    own = _late_units(demo)[0]
    params = {"from": OCT[0], "to": OCT[1], "units": "reported", "unit": None, "group": "all", "field": None}
    with access.acting_as(viewer(own)):
        rows = db.run_query("drilldown/overdue_cases", demo, **params)
        assert set(rows["unit_id"]) == {own}
        with pytest.raises(db.QueryError, match=r"\$allowed is bound from the current principal"):
            db.run_query("drilldown/overdue_cases", demo, allowed=None, **params)


def test_a_unit_viewer_cannot_export_another_units_items(demo):
    own, other = _late_units(demo)[:2]
    with access.acting_as(viewer(own)):
        with pytest.raises(access.AccessDenied):
            exports.items_workbook(demo, PERIOD, "cases", unit_id=other)
        book = load_workbook(io.BytesIO(exports.items_workbook(demo, PERIOD, "cases", group="all")))
    names = metrics.unit_metrics(demo, span(*OCT)).set_index("unit_id")["unit_name"]
    sheet = book.active
    header = next(i for i, row in enumerate(sheet.iter_rows(values_only=True), 1) if "Đơn vị" in row)
    column = [c for c in sheet[header] if c.value == "Đơn vị"][0].column
    shown = {sheet.cell(r, column).value for r in range(header + 1, sheet.max_row + 1)} - {None}
    assert shown == {names[own]}


def test_other_units_aggregates_as_the_province_decides(demo):
    own = _late_units(demo)[0]
    everyone = metrics.unit_metrics(demo, span(*OCT))
    with access.acting_as(viewer(own, aggregates_all=True)):
        assert len(metrics.unit_metrics(demo, span(*OCT))) == len(everyone)
    with access.acting_as(viewer(own, aggregates_all=False)):
        assert metrics.unit_metrics(demo, span(*OCT))["unit_id"].tolist() == [own]
        # Province totals name no unit: still shown.
        assert metrics.province_kpis(demo, span(*OCT))["cases_total"] == everyone["cases_total"].sum()


def test_cache_keys_differ_between_scopes():
    keys = {viewer(1).cache_key, viewer(2).cache_key, viewer(1, aggregates_all=False).cache_key, LEADER.cache_key}
    assert len(keys) == 4
    assert LEADER.cache_key == access.Principal(name="pho.chu.tich", role="leader").cache_key


def test_the_system_and_operators_may_do_everything_named():
    for principal in (access.system(), access.operator("root")):
        assert all(principal.can(p) for p in access.PERMISSION_LABELS)
    assert access.operator("root").actor == "cli:root"


def test_with_own_figures_only_another_units_trend_and_fields_are_refused(demo):
    own, other = _late_units(demo)[:2]
    with access.acting_as(viewer(own, aggregates_all=False)):
        assert len(metrics.monthly_trend(demo, ending(OCT[0]), 3, unit_id=own)) == 3
        with pytest.raises(access.AccessDenied, match="chỉ được xem số liệu của đơn vị mình"):
            metrics.monthly_trend(demo, ending(OCT[0]), 3, unit_id=other)
        with pytest.raises(access.AccessDenied, match="chỉ được xem số liệu của đơn vị mình"):
            metrics.field_breakdown(demo, "cases", span(*OCT), unit_id=other)
    with access.acting_as(viewer(own, aggregates_all=True)):
        assert len(metrics.field_breakdown(demo, "cases", span(*OCT), unit_id=other)) > 0


def test_queries_outside_the_read_folders_are_the_systems_only(con):
    with pytest.raises(access.AccessDenied, match="chỉ dành cho hệ thống"):
        db.run_query("auth/users_list", con)
    with access.acting_as(access.system()):
        assert db.run_query("auth/users_list", con).empty


def test_with_own_figures_only_the_most_improved_are_picked_among_the_own_units(demo):
    """The overview's most improved ten: for a viewer who sees only its own unit's figures, its unit when it rose,
    even when it is not among the province's ten (the ten are picked from its cut ranking, not cut from the
    province's ten)."""
    found = None
    # December 2025 first: a month the finished scores serve (no Biểu 06 rows in it), the others filter the ranking
    for year, month in ((2025, 12), (2026, 1), (2025, 10), (2025, 9)):
        period = periods.month(year, month)
        ranking = metrics.unit_metrics(demo, period)
        province_ten = set(metrics.most_improved(demo, period)["unit_id"])
        rose = ranking[ranking["ranked"] & (ranking["movement"] > 0) & ~ranking["unit_id"].isin(province_ten)]
        if len(province_ten) == 10 and not rose.empty:
            found = (period, int(rose["unit_id"].iloc[0]))
            break
    assert found, "the demo has no month where a unit rose outside the province's ten"
    period, own = found
    with access.acting_as(viewer(own, aggregates_all=False)):
        assert metrics.most_improved(demo, period)["unit_id"].tolist() == [own]
    with access.acting_as(viewer(own, aggregates_all=True)):
        assert set(metrics.most_improved(demo, period)["unit_id"]) == province_ten
