"""One page per kind of item (tasks, TTHC cases, feedback): per group, per field, trend, overdue items."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from oversight import access, charts, explain, tables
from oversight import formatting as fmt
from oversight.config import load_settings
from oversight.ui import chrome, components, data, downloads, letters, navigate
from oversight.ui import item as item_page

# The on-screen list of late items stops here (worst first); the downloads carry every item. A province's
# full list can run to hundreds of thousands of rows, which no one reads on screen and the browser chokes on.
ITEMS_SHOWN = 500


@dataclass(frozen=True)
class KindSpec:
    kind: str
    title: str
    rate: str
    volume: str
    late: tuple[str, ...]
    unit_columns: tuple[str, ...]
    item_columns: tuple[str, ...]
    what: str


SPECS = {
    "tasks": KindSpec(
        "tasks",
        "Nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao",
        "tasks_overdue_rate",
        "tasks_total",
        ("tasks_done_late", "tasks_open_overdue"),
        ("unit_name", "tasks_total", "tasks_done_late", "tasks_open_overdue", "tasks_due_soon", "tasks_overdue_rate"),
        ("unit_name", "doc_number", "content", "received_at", "due_at", "done_at", "days_overdue", "outcome_label"),
        "nhiệm vụ",
    ),
    "cases": KindSpec(
        "cases",
        "Giải quyết thủ tục hành chính",
        "cases_late_rate",
        "cases_total",
        ("cases_resolved_late", "cases_pending_overdue"),
        (
            "unit_name",
            "cases_total",
            "cases_resolved",
            "cases_resolved_late",
            "cases_pending",
            "cases_pending_overdue",
            "cases_late_rate",
            "cases_766_progress_score",
        ),
        (
            "unit_name",
            "case_code",
            "procedure_name",
            "field",
            "received_at",
            "due_at",
            "done_at",
            "days_overdue",
            "outcome_label",
        ),
        "hồ sơ TTHC",
    ),
    "feedback": KindSpec(
        "feedback",
        "Phản ánh, kiến nghị (đường dây 1022)",
        "feedback_overdue_rate",
        "feedback_total",
        ("feedback_done_late", "feedback_open_overdue"),
        ("unit_name", "feedback_total", "feedback_overdue_rate", "feedback_satisfaction_rate"),
        (
            "unit_name",
            "feedback_code",
            "content",
            "field",
            "received_at",
            "due_at",
            "done_at",
            "days_overdue",
            "outcome_label",
        ),
        "phản ánh, kiến nghị",
    ),
}


def render(kind: str) -> None:
    spec = SPECS[kind]
    filters = st.session_state.get("filters")
    st.title(spec.title)
    if filters is None:
        components.empty_state(spec.what)
        return
    period = filters.period
    st.caption(
        filters.subtitle(period.label, filters.group_label, f"từ {period.start:%d/%m/%Y} đến {period.end:%d/%m/%Y}")
    )
    units = data.frame(
        "kind_by_unit",
        kind=kind,
        period=period,
        group=filters.group,
        units=filters.units,
        field=filters.field,
    )
    if units.empty:
        components.empty_state(spec.what)
        return
    kpis = data.call("province_kpis", period=period, field=filters.field)
    settings = load_settings()
    group_totals = units.select_dtypes("number").sum().to_dict()  # counts add up; rates do not (not read)
    where = "toàn tỉnh" if filters.group == "all" else filters.group_label
    cards = st.columns(3)
    with cards[0]:
        components.kpi(
            f"Tổng số {spec.what} phải {explain.HANDLE[kind]}",
            fmt.number(units[spec.volume].sum()),
            None,
            None,
            note=f"{fmt.number(len(units))} đơn vị có số liệu · {where}" + explain.total_detail(kind, group_totals),
            compare=False,
        )
    with cards[1]:
        components.kpi(
            explain.KINDS[kind].late_noun.capitalize(),
            fmt.number(explain.late_count(kind, group_totals)),
            None,
            None,
            note=f"{explain.late_parts(kind, group_totals)} · {where}",
            compare=False,
        )
    with cards[2]:
        components.kpi(
            charts.METRIC_LABELS[spec.rate] + " (toàn tỉnh)",
            fmt.percent(kpis[spec.rate]),
            fmt.change_points(kpis[spec.rate], kpis["previous"][spec.rate]),
            charts.traffic_light(spec.rate, kpis[spec.rate], settings.targets),
            note=f"{fmt.number(explain.late_count(kind, kpis))} {explain.KINDS[kind].late_noun} / "
            f"{explain.denominator_text(kind, kpis)}",
        )

    left, right = st.columns([3, 2])
    with left:
        st.subheader("Xu hướng 12 tháng")
        trend = data.trend(period=period, months=12, group=filters.group, units=filters.units, field=filters.field)
        chrome.chart(charts.trend_chart(trend, [spec.rate]), key=f"{kind}_trend")
    with right:
        st.subheader("Đơn vị có tỷ lệ cao nhất")
        worst = data.frame(
            "worst_units",
            period=period,
            metric=spec.rate,
            group=filters.group,
            limit=10,
            units=filters.units,
            field=filters.field,
        )
        if worst.empty:
            st.info(f"Chưa đơn vị nào đủ {settings.min_volume} {explain.KINDS[kind].volume_noun} để so sánh.")
        elif charts.bars_shown(worst, spec.rate).empty:
            st.success(f"Không đơn vị nào có {explain.KINDS[kind].late_noun} trong kỳ.")
        else:
            event = chrome.chart(
                charts.ranking_bars(worst, spec.rate, "metric_count"),
                key=f"{kind}_worst",
                on_select="rerun",
                selection_mode="points",
            )
            navigate.to_unit_on_point(event)
        letters.for_lagging(filters, worst, key=f"letters_{kind}", kinds=(kind,))

    st.subheader("Theo đơn vị")
    ordered = explain.order_units(units, kind, settings.min_volume)
    shown = tables.present(ordered, [*spec.unit_columns, "volume_note"])
    event = st.dataframe(
        shown, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row", key=f"{kind}_units"
    )
    navigate.to_unit_on_row(event, ordered)
    st.caption(
        f"Đơn vị có tỷ lệ cao nhất đứng trước; đơn vị dưới {fmt.number(settings.min_volume)} "
        f"{explain.KINDS[kind].volume_noun} (mức tối thiểu để so sánh) xếp sau cùng, ghi «chưa đủ số liệu»."
    )
    downloads.csv(
        lambda: tables.for_csv(ordered, [*spec.unit_columns, "volume_note"]),  # built when clicked
        f"{kind}_theo_don_vi_{period.id}.csv",
        key=f"{kind}_units_csv",
    )

    fields = data.frame("field_breakdown", kind=kind, period=period, units=filters.units)
    if not fields.empty and fields["field"].nunique() > 1:
        st.subheader("Theo lĩnh vực")
        chrome.chart(charts.field_bars(fields, spec.rate, spec.volume), key=f"{kind}_fields")

    st.subheader("Danh sách trễ hạn, quá hạn")
    viewer = access.current()
    if viewer is not None and viewer.units is not None:
        st.caption("Tài khoản của bạn chỉ xem được danh sách chi tiết của đơn vị mình.")
    wanted = {"kind": kind, "period": period, "group": filters.group, "units": filters.units, "field": filters.field}
    # the first ITEMS_SHOWN rows and the count only: the whole list is read when the CSV is asked for
    shown, total = data.call("overdue_items_head", limit=ITEMS_SHOWN, **wanted)
    if total == 0:
        st.success("Không có mục nào trễ hạn hoặc quá hạn trong kỳ.")
        return
    columns = [c for c in spec.item_columns if c in shown.columns]
    if total > ITEMS_SHOWN:
        st.caption(
            f"Hiển thị {fmt.number(ITEMS_SHOWN)} mục quá hạn lâu nhất trong tổng số {fmt.number(total)}; "
            "tải Excel hoặc CSV để có đủ danh sách."
        )
    else:
        st.caption(f"{fmt.number(total)} mục, quá hạn lâu nhất trước")
    listed, links = item_page.with_links(shown, kind, columns)
    st.dataframe(listed, hide_index=True, width="stretch", key=f"{kind}_items", column_config=links)
    downloads.items_workbook(filters, kind)
    downloads.csv(
        lambda: tables.for_csv(data.frame("overdue_items", **wanted), columns),
        f"{kind}_tre_han_{period.id}.csv",
        key=f"{kind}_items_csv",
        label="Tải danh sách (CSV)",
    )
