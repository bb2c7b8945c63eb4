"""What the monthly report for the Chairman's working group says (Công văn 9788/UBND-HCTC: the working group
reports monthly; Sở Nội vụ keeps the units reminded and criticised).

`report_content(con, period)` gathers, for one reporting month (an oversight.periods month, calendar or the
configured 15→14 cut-off), everything the report says into a MonthlyReport: the province's key figures against
the previous month and the findings (the same as the brief's, oversight.brief), each group's units with the lowest
discipline score and those whose score fell most against the previous month (departments and communes; districts
for months before the reform of 1/7/2025), the tasks not finished at the month's end by lead unit with the overdue
ones listed, and the reminders and criticisms of the register (schema 070) whose letter is dated in the month.
The content is a list of blocks (headings, paragraphs, tables with their column widths) that
oversight.render.monthly lays out as PDF and Word alike; oversight.exports hands the files out and audits them,
oversight.report_service writes them on the set day. Nothing here knows about fonts, pages or file formats.

The report speaks of the whole province: only a principal who sees every unit may make it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import duckdb
import pandas as pd

from oversight import access, brief, clock, metrics, periods
from oversight import formatting as fmt
from oversight.config import Settings, load_settings
from oversight.db import run_query

WORST_PER_GROUP = 5
WORSENED_PER_GROUP = 5
OVERDUE_TASKS_LISTED = 200  # the overdue tasks listed one by one; the rest are counted
GROUP_TITLES = {"department": "Sở, ban, ngành", "district": "Cấp huyện", "commune": "Cấp xã"}
LEVELS = {"kiem_diem": "Yêu cầu kiểm điểm", "phe_binh": "Phê bình", "nhac_nho": "Nhắc nhở"}  # strongest first

FIGURE_HEADERS = ("Chỉ tiêu (toàn tỉnh)", "Tháng này", "Tháng trước", "Thay đổi")
FIGURE_WIDTHS = (80.0, 31.0, 31.0, 32.0)
WORST_HEADERS = ("TT", "Đơn vị", "Điểm", "Xếp loại", "NV quá hạn", "HS trễ hạn", "PAKN quá hạn")
WORST_WIDTHS = (8.0, 66.0, 14.0, 20.0, 22.0, 22.0, 22.0)
WORST_ALIGNS = ("C", "L", "R", "L", "R", "R", "R")
WORSENED_HEADERS = ("TT", "Đơn vị", "Điểm tháng này", "Điểm tháng trước", "Thay đổi (điểm)")
WORSENED_WIDTHS = (8.0, 76.0, 28.0, 28.0, 34.0)
WORSENED_ALIGNS = ("C", "L", "R", "R", "R")
TASK_HEADERS = ("TT", "Đơn vị chủ trì", "Chưa hoàn thành", "Trong đó quá hạn", "Còn hạn", "Không có thời hạn")
TASK_WIDTHS = (8.0, 70.0, 24.0, 24.0, 24.0, 24.0)
TASK_ALIGNS = ("C", "L", "R", "R", "R", "R")
OVERDUE_HEADERS = ("TT", "Đơn vị chủ trì", "Số, ký hiệu", "Nội dung nhiệm vụ", "Hạn xử lý", "Số ngày quá hạn")
OVERDUE_WIDTHS = (8.0, 40.0, 24.0, 60.0, 18.0, 24.0)
OVERDUE_ALIGNS = ("C", "L", "L", "L", "C", "R")
REMINDER_HEADERS = ("TT", "Đơn vị", "Số văn bản", "Ngày văn bản", "Lý do")
REMINDER_WIDTHS = (8.0, 52.0, 28.0, 20.0, 66.0)
REMINDER_ALIGNS = ("C", "L", "L", "C", "L")


class NotProvinceWide(access.AccessDenied):
    """The current principal sees only some units: the monthly report is of the whole province."""


@dataclass(frozen=True)
class Block:
    """One piece of the report, in order: kind 'heading' (level 1 or 2), 'para', 'bullet', 'note' or 'table'
    (headers, rows of text, column widths in mm on an A4 portrait page, alignments L/C/R)."""

    kind: str
    text: str = ""
    level: int = 1
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    widths: tuple[float, ...] = ()
    aligns: tuple[str, ...] = ()


@dataclass
class MonthlyReport:
    province: str  # "UBND TỈNH ĐỒNG NAI"
    title: str  # "BÁO CÁO THÁNG 09/2025"
    subtitle: str  # "Về kỷ luật, kỷ cương hành chính"
    purpose: str
    range_line: str
    exported_line: str
    period: periods.Period
    blocks: list[Block] = field(default_factory=list)
    # the figures behind the blocks, for callers and tests
    worst: dict[str, pd.DataFrame] = field(default_factory=dict)
    worsened: dict[str, pd.DataFrame] = field(default_factory=dict)
    tasks_by_unit: pd.DataFrame | None = None
    overdue_tasks: pd.DataFrame | None = None
    reminders: pd.DataFrame | None = None

    @property
    def document_title(self) -> str:
        return f"Báo cáo tháng {self.period.number:02d}/{self.period.year} về kỷ luật, kỷ cương hành chính"

    def text(self) -> str:
        """Every piece of text of the report, one per line (tests, plain-text use)."""
        lines = [self.province, self.title, self.subtitle, self.purpose, self.range_line]
        for block in self.blocks:
            if block.kind == "table":
                lines.append(" | ".join(block.headers))
                lines += [" | ".join(row) for row in block.rows]
            else:
                lines.append(block.text)
        return "\n".join(lines)


def report_month(year: int, month_number: int, settings: Settings | None = None) -> periods.Period:
    """The reporting month `month_number`/`year` under the province's cut-off (calendar, or 15→14)."""
    settings = settings or load_settings()
    return periods.month(year, month_number, settings.period_cutoff)


def previous_month(today: date, settings: Settings | None = None) -> periods.Period:
    """The month a report written on `today` is about: the calendar month before today's (under the 15→14
    cut-off, the reporting month of that name, which ended on its 14th)."""
    year, month_number = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return report_month(year, month_number, settings)


def parse_month(text: str) -> tuple[int, int]:
    """'2025-09' (or '09/2025') → (2025, 9); ValueError with a Vietnamese message otherwise."""
    value = (text or "").strip()
    try:
        if "/" in value:
            month_text, year_text = value.split("/", 1)
        else:
            year_text, month_text = value.split("-", 1)
        year, month_number = int(year_text), int(month_text)
    except ValueError:
        raise ValueError(f"tháng không hợp lệ: «{value}» (viết dạng YYYY-MM, ví dụ 2025-09)") from None
    if not 1 <= month_number <= 12 or not 2000 <= year <= 2100:
        raise ValueError(f"tháng không hợp lệ: «{value}» (viết dạng YYYY-MM, ví dụ 2025-09)")
    return year, month_number


def file_stem(period: periods.Period) -> str:
    """The report's file name without extension: 'bao_cao_thang_2025-09'."""
    return f"bao_cao_thang_{period.year}-{period.number:02d}"


def _require_province_wide() -> access.Principal:
    principal = access.require(access.EXPORT)
    access.require(access.READ_ITEMS)
    if principal.units is not None:
        raise NotProvinceWide(
            f"Tài khoản «{principal.name}» chỉ xem được số liệu của đơn vị mình: báo cáo tháng tổng hợp toàn "
            "tỉnh chỉ lập được bằng tài khoản xem toàn tỉnh."
        )
    return principal


def groups_of(period: periods.Period, settings: Settings) -> tuple[str, ...]:
    """The unit groups the month's report ranks: departments, districts (only for months that began before the
    districts were abolished, settings.reform_date) and communes."""
    reform = date.fromisoformat(settings.reform_date)
    if period.start < reform:
        return ("department", "district", "commune")
    return ("department", "commune")


def worsened_units(ranking: pd.DataFrame, limit: int = WORSENED_PER_GROUP) -> pd.DataFrame:
    """The units scored in both months whose score fell, largest fall first (ties by name): the ranking's
    columns plus score_change = score − prev_score (negative)."""
    if ranking.empty:
        return ranking.assign(score_change=pd.Series(dtype="float64"))
    both = ranking[ranking["score"].notna() & ranking["prev_score"].notna()].copy()
    both["score_change"] = both["score"].astype(float) - both["prev_score"].astype(float)
    fell = both[both["score_change"].round(6) < 0]
    return fell.sort_values(["score_change", "unit_name"], kind="stable").head(limit).reset_index(drop=True)


def tasks_by_unit(unfinished: pd.DataFrame) -> pd.DataFrame:
    """Per lead unit, the tasks not finished at the month's end: unfinished, overdue, on_time, no_deadline;
    most overdue first, then most unfinished, then by name."""
    columns = ["unit_id", "unit_name", "unit_group", "unfinished", "overdue", "on_time", "no_deadline"]
    if unfinished.empty:
        return pd.DataFrame(columns=columns)
    outcome = unfinished["outcome"]
    counted = unfinished.assign(
        unfinished=1,
        overdue=(outcome == "pending_overdue").astype(int),
        on_time=(outcome == "pending_on_time").astype(int),
        no_deadline=(outcome == "pending_no_deadline").astype(int),
    )
    summed = (
        counted.groupby(["unit_id", "unit_name", "unit_group"], as_index=False)[
            ["unfinished", "overdue", "on_time", "no_deadline"]
        ]
        .sum()
        .sort_values(["overdue", "unfinished", "unit_name"], ascending=[False, False, True], kind="stable")
    )
    return summed[columns].reset_index(drop=True)


def _day(value: object) -> str:
    if fmt.is_missing(value):
        return fmt.EMPTY
    return pd.Timestamp(value).strftime("%d/%m/%Y")


def _band(value: object) -> str:
    return "" if fmt.is_missing(value) else str(value)


def _worst_rows(frame: pd.DataFrame) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (
            fmt.number(i),
            str(row.unit_name),
            fmt.number(row.score, 1),
            _band(getattr(row, "band", None)),
            fmt.percent(row.tasks_overdue_rate),
            fmt.percent(row.cases_late_rate),
            fmt.percent(row.feedback_overdue_rate),
        )
        for i, row in enumerate(frame.itertuples(), start=1)
    )


def _worsened_rows(frame: pd.DataFrame) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (
            fmt.number(i),
            str(row.unit_name),
            fmt.number(row.score, 1),
            fmt.number(row.prev_score, 1),
            "−" + fmt.number(abs(row.score_change), 1),
        )
        for i, row in enumerate(frame.itertuples(), start=1)
    )


def _task_rows(summary: pd.DataFrame) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (
            fmt.number(i),
            str(row.unit_name),
            fmt.number(row.unfinished),
            fmt.number(row.overdue),
            fmt.number(row.on_time),
            fmt.number(row.no_deadline),
        )
        for i, row in enumerate(summary.itertuples(), start=1)
    )


def _overdue_rows(overdue: pd.DataFrame) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (
            fmt.number(i),
            str(row.unit_name),
            "" if fmt.is_missing(row.doc_number) else str(row.doc_number),
            "" if fmt.is_missing(row.content) else str(row.content),
            _day(row.due_at),
            fmt.number(row.days_overdue),
        )
        for i, row in enumerate(overdue.itertuples(), start=1)
    )


def _reminder_rows(frame: pd.DataFrame) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (
            fmt.number(i),
            str(row.unit_name),
            "(chưa có số)" if fmt.is_missing(row.letter_number) else str(row.letter_number),
            _day(row.letter_date),
            "" if fmt.is_missing(row.reason) else str(row.reason),
        )
        for i, row in enumerate(frame.itertuples(), start=1)
    )


def _table(headers, rows, widths, aligns) -> Block:
    return Block("table", headers=tuple(headers), rows=tuple(rows), widths=tuple(widths), aligns=tuple(aligns))


def report_content(
    con: duckdb.DuckDBPyConnection,
    period: periods.Period,
    settings: Settings | None = None,
    exported_at: datetime | None = None,
    units: str = "reported",
) -> MonthlyReport:
    """What the monthly report of `period` (a month) says. Refused (access.AccessDenied, NotProvinceWide) to a
    principal without exports or who sees only some units; ValueError for a period that is not a month."""
    if period.kind != "month":
        raise ValueError(f"báo cáo tháng chỉ lập cho một tháng, không cho kỳ «{period.label}»")
    _require_province_wide()
    settings = settings or load_settings()
    stamp = exported_at or datetime.now(clock.LOCAL_TZ)
    month_text = f"{period.number:02d}/{period.year}"
    kind = settings.province_kind
    report = MonthlyReport(
        province=settings.province_title,
        title=f"BÁO CÁO THÁNG {month_text}",
        subtitle="Về tình hình chấp hành kỷ luật, kỷ cương hành chính",
        purpose=(
            f"Phục vụ Tổ công tác của Chủ tịch UBND {kind} kiểm tra việc thực hiện nhiệm vụ, kết luận, chỉ đạo "
            f"của UBND {kind}, Chủ tịch UBND {kind} (báo cáo định kỳ hằng tháng)"
        ),
        range_line=f"Số liệu từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y}",
        exported_line=f"Lập lúc {stamp:%H:%M} ngày {stamp:%d/%m/%Y}",
        period=period,
    )
    add = report.blocks.append

    # 1-2. the province's figures and the findings, as the brief computes them
    kpis = metrics.province_kpis(con, period, settings=settings)
    add(Block("heading", f"1. Các chỉ số chính toàn {kind}"))
    figures = brief.key_figures(kpis)
    add(
        _table(
            FIGURE_HEADERS,
            [(f.label, f.current, f.previous, f.change) for f in figures],
            FIGURE_WIDTHS,
            ("L", "R", "R", "R"),
        )
    )
    worst_by_metric = {
        metric: metrics.worst_units(con, period, metric, limit=3, units=units, settings=settings)
        for metric in brief.TREND_METRICS
    }
    everyone = metrics.unit_metrics(con, period, units=units, settings=settings)
    add(Block("heading", "2. Nhận định"))
    for sentence in brief.findings(kpis, worst_by_metric, everyone, settings):
        add(Block("bullet", sentence))

    # 3. each group's worst and most worsened units
    add(Block("heading", "3. Đơn vị có điểm kỷ luật, kỷ cương thấp nhất và giảm điểm nhiều nhất"))
    for number, group in enumerate(groups_of(period, settings), start=1):
        title = GROUP_TITLES[group]
        add(Block("heading", f"3.{number}. {title}", level=2))
        worst = metrics.worst_units(
            con, period, "score", group=group, limit=WORST_PER_GROUP, units=units, settings=settings
        )
        ranking = everyone[everyone["unit_group"] == group]
        worst = worst.merge(ranking[["unit_id", "band"]], on="unit_id", how="left")
        report.worst[group] = worst
        add(Block("para", f"{WORST_PER_GROUP} đơn vị có điểm thấp nhất:"))
        if worst.empty:
            add(Block("para", "Không có đơn vị đủ số liệu để xếp hạng."))
        else:
            add(_table(WORST_HEADERS, _worst_rows(worst), WORST_WIDTHS, WORST_ALIGNS))
        fell = worsened_units(ranking)
        report.worsened[group] = fell
        add(Block("para", "Đơn vị giảm điểm nhiều nhất so với tháng trước:"))
        if fell.empty:
            add(Block("para", "Không có đơn vị giảm điểm (trong các đơn vị được xếp hạng ở cả hai tháng)."))
        else:
            add(_table(WORSENED_HEADERS, _worsened_rows(fell), WORSENED_WIDTHS, WORSENED_ALIGNS))
    add(
        Block(
            "note",
            f"Điểm kỷ luật, kỷ cương thang 100; chỉ xếp hạng đơn vị có từ {settings.min_volume} nhiệm vụ / hồ sơ / "
            "phản ánh trở lên. NV: nhiệm vụ; HS: hồ sơ TTHC; PAKN: phản ánh, kiến nghị.",
        )
    )

    # 4. unfinished tasks by lead unit
    unfinished = run_query("report/unfinished_tasks", con, **{"from": period.start, "to": period.end}, units=units)
    summary = tasks_by_unit(unfinished)
    overdue = unfinished[unfinished["outcome"] == "pending_overdue"]
    overdue = overdue.sort_values(
        ["days_overdue", "unit_name", "doc_number"], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)
    report.tasks_by_unit, report.overdue_tasks = summary, overdue
    add(Block("heading", "4. Nhiệm vụ chưa hoàn thành theo đơn vị chủ trì"))
    if summary.empty:
        add(Block("para", f"Đến ngày {period.end:%d/%m/%Y} không có nhiệm vụ nào chưa hoàn thành."))
    else:
        add(
            Block(
                "para",
                f"Đến ngày {period.end:%d/%m/%Y}, {fmt.number(len(summary))} đơn vị còn "
                f"{fmt.number(int(summary['unfinished'].sum()))} nhiệm vụ chưa hoàn thành, trong đó "
                f"{fmt.number(int(summary['overdue'].sum()))} nhiệm vụ đã quá hạn.",
            )
        )
        add(_table(TASK_HEADERS, _task_rows(summary), TASK_WIDTHS, TASK_ALIGNS))
        if not overdue.empty:
            add(Block("para", "Các nhiệm vụ chưa hoàn thành đã quá hạn (quá hạn lâu nhất trước):"))
            add(
                _table(
                    OVERDUE_HEADERS, _overdue_rows(overdue.head(OVERDUE_TASKS_LISTED)), OVERDUE_WIDTHS, OVERDUE_ALIGNS
                )
            )
            if len(overdue) > OVERDUE_TASKS_LISTED:
                add(
                    Block(
                        "note",
                        f"Còn {fmt.number(len(overdue) - OVERDUE_TASKS_LISTED)} nhiệm vụ quá hạn khác không liệt kê "
                        "ở đây (xem trang «Nhiệm vụ» hoặc tải danh sách Excel).",
                    )
                )

    # 5. reminders and criticisms of the month
    reminders = run_query("report/reminders_in_period", con, **{"from": period.start, "to": period.end})
    report.reminders = reminders
    add(Block("heading", "5. Đơn vị bị nhắc nhở, phê bình trong tháng"))
    if reminders.empty:
        add(Block("para", "Trong tháng, sổ theo dõi không ghi nhận đơn vị nào bị nhắc nhở, phê bình."))
    else:
        counts = reminders.groupby("level")["unit_id"].count()
        parts = [
            f"{LEVELS[level].lower()} {fmt.number(int(counts[level]))} lượt" for level in LEVELS if level in counts
        ]
        add(
            Block(
                "para",
                f"Trong tháng, {fmt.number(reminders['unit_id'].nunique())} đơn vị bị nhắc nhở, phê bình "
                f"({', '.join(parts)}).",
            )
        )
        for level, title in LEVELS.items():
            rows = reminders[reminders["level"] == level]
            if rows.empty:
                continue
            add(Block("heading", f"{title} ({fmt.number(len(rows))})", level=2))
            add(_table(REMINDER_HEADERS, _reminder_rows(rows), REMINDER_WIDTHS, REMINDER_ALIGNS))
    return report
