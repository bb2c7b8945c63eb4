"""What the one-page brief for a leaders' meeting (BÁO CÁO NHANH KỶ LUẬT, KỶ CƯƠNG HÀNH CHÍNH) says.

`brief_content` gathers everything from the metrics API once into a BriefContent: the key figures with the
change against the previous period, the findings as Vietnamese sentences, the 10 units with the lowest
discipline score, the 12-month trend, and the title, period and scope lines. That one definition is laid out
by the PDF and Word renderers (oversight.render.pdf, oversight.render.word; oversight.exports hands the files
out) and by the printable page (oversight.ui.print_view), so all three say the same thing. Nothing here
knows about fonts, pages or file formats.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd

from oversight import formatting as fmt
from oversight import metrics
from oversight.config import Settings, load_settings
from oversight.periods import Period

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TITLE = "BÁO CÁO NHANH KỶ LUẬT, KỶ CƯƠNG HÀNH CHÍNH"
GROUP_LABELS = {"department": "Sở, ban, ngành", "district": "Cấp huyện", "commune": "Cấp xã"}
GROUP_SHORT = {"department": "Sở, ngành", "district": "Huyện", "commune": "Xã"}
TREND_METRICS = ("tasks_overdue_rate", "cases_late_rate", "feedback_overdue_rate")
WORST_LIMIT = 10
WORST_HEADERS = ("TT", "Đơn vị", "Nhóm", "Điểm", "Xếp loại", "NV quá hạn", "HS trễ hạn", "PAKN quá hạn")
FIGURE_HEADERS = ("Chỉ tiêu (toàn tỉnh)", "Kỳ này", "Kỳ trước", "Thay đổi")


@dataclass(frozen=True)
class KeyFigure:
    label: str
    current: str
    previous: str
    change: str
    value: object  # raw current value (rate as a fraction, count, points)
    previous_value: object


@dataclass
class BriefContent:
    province: str  # "UBND TỈNH ĐỒNG NAI", "UBND THÀNH PHỐ HÀ NỘI" (the setting OVERSIGHT_PROVINCE)
    title: str
    period_label: str
    range_line: str  # "Từ ngày 01/10/2025 đến ngày 31/10/2025"
    scope_line: str
    exported_line: str
    figures: list[KeyFigure]
    findings: list[str]
    worst: list[tuple[str, ...]]  # formatted rows under WORST_HEADERS
    worst_title: str
    trend: pd.DataFrame  # month_to + TREND_METRICS, months with data only
    notes: list[str] = field(default_factory=list)

    def text(self) -> str:
        """Every piece of text of the brief, one per line (for tests and plain-text use)."""
        lines = [self.province, self.title, self.period_label, self.range_line, self.scope_line]
        lines += [" | ".join((f.label, f.current, f.previous, f.change)) for f in self.figures]
        lines += self.findings + [self.worst_title] + [" | ".join(row) for row in self.worst]
        return "\n".join(lines)


def _change_words(current: object, previous: object, unit: str = "điểm %", scale: float = 100.0, decimals=1) -> str:
    """'tăng 1,2 điểm %' / 'giảm 0,8 điểm %' / 'không đổi' / 'chưa có số liệu kỳ trước'."""
    if fmt.is_missing(current):
        return "chưa có số liệu"
    if fmt.is_missing(previous):
        return "chưa có số liệu kỳ trước để so sánh"
    delta = (float(current) - float(previous)) * scale
    if round(delta, decimals) == 0:
        return "không đổi so với kỳ trước"
    word = "tăng" if delta > 0 else "giảm"
    return f"{word} {fmt.number(abs(delta), decimals)} {unit} so với kỳ trước"


def _signed(current: object, previous: object, decimals: int) -> str:
    if fmt.is_missing(current) or fmt.is_missing(previous):
        return fmt.EMPTY
    delta = float(current) - float(previous)
    sign = "+" if round(delta, decimals) > 0 else ("−" if round(delta, decimals) < 0 else "±")
    return f"{sign}{fmt.number(abs(delta), decimals)}"


def key_figures(kpis: dict) -> list[KeyFigure]:
    """The six key figures of the brief with the previous period and the change."""
    prev = kpis.get("previous") or {}

    def rate(label, key):
        cur, old = kpis.get(key), prev.get(key)
        return KeyFigure(label, fmt.percent(cur), fmt.percent(old), fmt.change_points(cur, old) or fmt.EMPTY, cur, old)

    def count(label, key):
        cur, old = kpis.get(key), prev.get(key)
        return KeyFigure(label, fmt.number(cur), fmt.number(old), fmt.change_count(cur, old) or fmt.EMPTY, cur, old)

    score, old_score = kpis.get("cases_766_progress_score"), prev.get("cases_766_progress_score")
    return [
        rate("Tỷ lệ nhiệm vụ quá hạn", "tasks_overdue_rate"),
        count("Hồ sơ TTHC giải quyết quá hạn", "cases_resolved_late"),
        rate("Tỷ lệ hồ sơ TTHC trễ hạn", "cases_late_rate"),
        count("Hồ sơ đang giải quyết quá hạn", "cases_pending_overdue"),
        rate("Tỷ lệ phản ánh, kiến nghị quá hạn", "feedback_overdue_rate"),
        KeyFigure(
            "Điểm tiến độ giải quyết TTHC (QĐ 766)",
            _points20(score),
            _points20(old_score),
            _signed(score, old_score, 2),
            score,
            old_score,
        ),
    ]


def _points20(value: object) -> str:
    return fmt.EMPTY if fmt.is_missing(value) else f"{fmt.points(value)}/20"


def _named(worst: pd.DataFrame, n: int = 3) -> str:
    parts = [f"{row.unit_name} ({fmt.percent(row.metric_value)})" for row in worst.head(n).itertuples()]
    return ", ".join(parts)


def findings(kpis: dict, worst_by_metric: dict[str, pd.DataFrame], ranking: pd.DataFrame, settings) -> list[str]:
    """The main findings as short Vietnamese sentences, generated from the figures."""
    prev = kpis.get("previous") or {}
    out = []
    rate = kpis.get("cases_late_rate")
    if fmt.is_missing(rate):
        out.append("Chưa có số liệu hồ sơ TTHC trong kỳ.")
    else:
        text = (
            f"Tỷ lệ hồ sơ TTHC trễ hạn toàn {settings.province_kind} {fmt.percent(rate)}, "
            f"{_change_words(rate, prev.get('cases_late_rate'))} "
            f"({fmt.number(kpis.get('cases_resolved_late'))} hồ sơ giải quyết quá hạn, "
            f"{fmt.number(kpis.get('cases_pending_overdue'))} hồ sơ đang quá hạn)"
        )
        named = _named(worst_by_metric["cases_late_rate"])
        out.append(text + (f"; các đơn vị có tỷ lệ trễ hạn cao nhất: {named}." if named else "."))
    rate = kpis.get("tasks_overdue_rate")
    if fmt.is_missing(rate):
        out.append("Chưa có số liệu nhiệm vụ có thời hạn trong kỳ.")
    else:
        text = (
            f"Tỷ lệ nhiệm vụ quá hạn {fmt.percent(rate)}, {_change_words(rate, prev.get('tasks_overdue_rate'))} "
            f"({fmt.number(kpis.get('tasks_open_overdue'))} nhiệm vụ đang quá hạn)"
        )
        named = _named(worst_by_metric["tasks_overdue_rate"])
        out.append(text + (f"; cao nhất: {named}." if named else "."))
    rate = kpis.get("feedback_overdue_rate")
    if fmt.is_missing(rate):
        out.append("Chưa có số liệu phản ánh, kiến nghị trong kỳ.")
    else:
        text = (
            f"Tỷ lệ phản ánh, kiến nghị quá hạn {fmt.percent(rate)}, "
            f"{_change_words(rate, prev.get('feedback_overdue_rate'))}"
        )
        named = _named(worst_by_metric["feedback_overdue_rate"])
        out.append(text + (f"; cao nhất: {named}." if named else "."))
    if not ranking.empty:
        ranked = ranking[ranking["ranked"].fillna(False).astype(bool)]
        weak = ranked[ranked["band"] == settings.lowest_band]
        sentence = f"Xếp hạng {fmt.number(len(ranked))} đơn vị"
        sentence += (
            f": {fmt.number(len(weak))} đơn vị xếp loại {settings.lowest_band}"
            if len(weak)
            else f", không có đơn vị xếp loại {settings.lowest_band}"
        )
        # every unit that existed in the period is listed (METRICS.md section 6): those without any item are told
        # apart from those below the minimum volume
        empty = int(
            (
                (ranking["cases_total"] + ranking["tasks_total"] + ranking["feedback_total"] == 0)
                & ranking["cases_source"].isna()
            ).sum()
        )
        unranked = len(ranking) - len(ranked) - empty
        if unranked:
            sentence += f"; {fmt.number(unranked)} đơn vị chưa đủ số liệu để xếp hạng"
        if empty:
            sentence += f"; {fmt.number(empty)} đơn vị không có số liệu trong kỳ"
        out.append(sentence + ".")
    return out


def _trend(con, period: Period, group: str, units: str, settings: Settings, field: str | None = None) -> pd.DataFrame:
    """12 months ending with the period's last month, without the months before the loaded data begin."""
    frame = metrics.monthly_trend(con, period, 12, group=group, units=units, settings=settings, field=field)
    first, _last = metrics.data_range(con)
    if first is None:
        return frame.iloc[0:0]
    return frame[pd.to_datetime(frame["month_to"]).dt.date >= first].reset_index(drop=True)


def brief_content(
    con: duckdb.DuckDBPyConnection,
    period: Period,
    group: str = "all",
    units: str = "reported",
    settings: Settings | None = None,
    exported_at: datetime | None = None,
    field: str | None = None,
) -> BriefContent:
    """What the brief says (one definition for the PDF, the Word file and the printable page); `field`
    restricts every figure to one field (lĩnh vực)."""
    settings = settings or load_settings()
    stamp = exported_at or datetime.now(LOCAL_TZ)
    kpis = metrics.province_kpis(con, period, settings=settings, field=field)
    worst_by_metric = {
        metric: metrics.worst_units(
            con, period, metric, group=group, limit=3, units=units, settings=settings, field=field
        )
        for metric in TREND_METRICS
    }
    worst = metrics.worst_units(
        con,
        period,
        "score",
        group=group,
        limit=WORST_LIMIT,
        units=units,
        settings=settings,
        field=field,
    )
    ranking = metrics.unit_metrics(con, period, group=group, units=units, settings=settings, field=field)
    scope = GROUP_LABELS.get(group, "tất cả các nhóm đơn vị")
    rows = [
        (
            fmt.number(row.lag_rank),
            str(row.unit_name),
            GROUP_SHORT.get(row.unit_group, ""),
            fmt.number(row.score, 1),
            "" if fmt.is_missing(getattr(row, "band", None)) else str(row.band),
            fmt.percent(row.tasks_overdue_rate),
            fmt.percent(row.cases_late_rate),
            fmt.percent(row.feedback_overdue_rate),
        )
        for row in worst.merge(ranking[["unit_id", "band"]], on="unit_id", how="left").itertuples()
    ]
    return BriefContent(
        province=settings.province_title,
        title=TITLE,
        period_label=period.label,
        range_line=f"Từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y}",
        scope_line=f"Chỉ số chính: toàn {settings.province_kind}; xếp hạng và xu hướng: {scope}"
        + (f"; lĩnh vực: {field}" if field else ""),
        exported_line=f"Ngày xuất: {stamp:%d/%m/%Y %H:%M}",
        figures=key_figures(kpis),
        findings=findings(kpis, worst_by_metric, ranking, settings),
        worst=rows,
        worst_title=f"{WORST_LIMIT} đơn vị có điểm kỷ luật, kỷ cương thấp nhất",
        trend=_trend(con, period, group, units, settings, field),
        notes=[
            f"Chỉ xếp hạng đơn vị có từ {settings.min_volume} nhiệm vụ / hồ sơ / phản ánh trở lên. "
            "NV: nhiệm vụ; HS: hồ sơ TTHC; PAKN: phản ánh, kiến nghị."
        ],
    )
