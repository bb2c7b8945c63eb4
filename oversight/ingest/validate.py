"""Checks before anything is written: Biểu 06 identities and totals (structural), status text versus
dates (warnings), and the collection of rejected rows with sheet, Excel row, column, value and reason.
"""

from __future__ import annotations

import pandas as pd

REJECT_COLUMNS = ["severity", "sheet", "source_row", "column_name", "value", "reason"]

# Biểu 06 (Thông tư 01/2020/TT-VPCP) identities: (left, [right terms], label)
IDENTITIES = (
    ("cases_total", ["cases_new_online", "cases_new_offline", "cases_carried_over"], "(3) = (4) + (5) + (6)"),
    (
        "cases_resolved",
        ["cases_resolved_early", "cases_resolved_on_time", "cases_resolved_late"],
        "(7) = (8) + (9) + (10)",
    ),
    ("cases_pending", ["cases_pending_on_time", "cases_pending_overdue"], "(11) = (12) + (13)"),
    ("cases_total", ["cases_resolved", "cases_pending"], "(3) = (7) + (11)"),
)
STAT_COLUMNS = (
    "cases_total",
    "cases_new_online",
    "cases_new_offline",
    "cases_carried_over",
    "cases_resolved",
    "cases_resolved_early",
    "cases_resolved_on_time",
    "cases_resolved_late",
    "cases_pending",
    "cases_pending_on_time",
    "cases_pending_overdue",
)
STAT_NUMBERS = {c: n for n, c in enumerate(STAT_COLUMNS, start=3)}


def fmt_int(n: object) -> str:
    """1234567 -> '1.234.567' (Vietnamese thousands separator)."""
    return f"{int(n):,}".replace(",", ".")


class Rejects:
    """Collects rejected rows and warnings as vectorised DataFrame pieces."""

    def __init__(self, sheet: str):
        self.sheet = sheet
        self.parts: list[pd.DataFrame] = []

    def add(
        self,
        rows: pd.Series,
        column: str | None,
        values: pd.Series | str | None,
        reasons: pd.Series | str,
        severity: str = "error",
    ) -> None:
        """rows: 0-based sheet rows (the frame's index aligned with values/reasons)."""
        if len(rows) == 0:
            return
        part = pd.DataFrame(
            {
                "severity": severity,
                "sheet": self.sheet,
                "source_row": rows.astype("int64") + 1,
                "column_name": column,
                "value": values if isinstance(values, pd.Series) else values,
                "reason": reasons,
            },
            index=rows.index,
        )
        part["value"] = part["value"].astype("object").where(part["value"].notna(), None)
        self.parts.append(part[REJECT_COLUMNS])

    def frame(self) -> pd.DataFrame:
        if not self.parts:
            return pd.DataFrame({c: pd.Series(dtype="object") for c in REJECT_COLUMNS})
        out = pd.concat(self.parts, ignore_index=True)
        out["source_row"] = out["source_row"].astype("Int64")
        return out.sort_values(["source_row", "severity"], kind="stable").reset_index(drop=True)


GROUP_KEYS = ["severity", "sheet", "column_name", "value", "reason"]
GROUP_COLUMNS = [*GROUP_KEYS, "rows_count", "first_row", "rows"]
ROWS_SHOWN = 5
_NONE = "\ue000none"  # stands for an empty cell while grouping (groupby drops None keys)


def group_rejects(frame: pd.DataFrame) -> pd.DataFrame:
    """One line per distinct (severity, sheet, column, value, reason), in the order of its first row:
    45 rows with the same unknown status are one line with rows_count 45 and their rows (a list)."""
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in GROUP_COLUMNS})
    keyed = frame[GROUP_KEYS].astype("object").where(frame[GROUP_KEYS].notna(), _NONE)  # None groups too
    keyed["source_row"] = frame["source_row"]
    grouped = keyed.groupby(GROUP_KEYS, sort=False)["source_row"]
    out = grouped.agg(
        rows_count="size", first_row="min", rows=lambda s: sorted(int(x) for x in s if not pd.isna(x))
    ).reset_index()
    for k in GROUP_KEYS:
        out[k] = pd.Series([None if v == _NONE else v for v in out[k]], index=out.index, dtype="object")
    return out.sort_values("first_row", kind="stable").reset_index(drop=True)[GROUP_COLUMNS]


def rows_text(rows: list[int], shown: int = ROWS_SHOWN) -> str:
    """'5, 6, 9, 10, 12, …' : the first rows of a group, an ellipsis when there are more."""
    text = ", ".join(str(r) for r in rows[:shown])
    return text + (", …" if len(rows) > shown else "")


def identity_violations(stats: pd.DataFrame, sheet: str) -> list[str]:
    """One line per violated identity per row: 'Trang «…», dòng 12 (Sở Tư pháp): (3) = (4) + (5) + (6) sai: 10 ≠ 3 + 4 + 2 = 9'."""
    problems = []
    for left, right, label in IDENTITIES:
        total = stats[right].sum(axis=1)
        bad = stats[stats[left] != total]
        for idx, row in bad.iterrows():
            terms = " + ".join(fmt_int(row[c]) for c in right)
            problems.append(
                f"Trang «{sheet}», dòng {int(row['__row']) + 1} ({row['unit_name']}): {label} sai: "
                f"{fmt_int(row[left])} ≠ {terms} = {fmt_int(total[idx])}"
            )
    return problems


def aggregate_mismatches(units: pd.DataFrame, aggregates: pd.DataFrame, sheet: str) -> list[str]:
    """Each total/subtotal row must equal the sum of the unit rows it covers (its section, or all)."""
    problems = []
    for _, agg in aggregates.iterrows():
        covered = units[units["section"] == agg["section"]] if agg["scope"] == "section" else units
        alt = units  # a "Cộng" row may total everything
        sums = covered[list(STAT_COLUMNS)].sum()
        alt_sums = alt[list(STAT_COLUMNS)].sum()
        wrong = [c for c in STAT_COLUMNS if int(agg[c]) != int(sums[c])]
        if wrong and agg["scope"] == "section_or_all" and all(int(agg[c]) == int(alt_sums[c]) for c in STAT_COLUMNS):
            continue
        for c in wrong:
            problems.append(
                f"Trang «{sheet}», dòng {int(agg['__row']) + 1} («{agg['label']}»): cột ({STAT_NUMBERS[c]}) = "
                f"{fmt_int(agg[c])} nhưng tổng các dòng đơn vị = {fmt_int(sums[c])}"
            )
    return problems


def status_date_warnings(status_code: pd.Series, done: pd.Series, due: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(mask, reason) for rows whose status text disagrees with the dates (dates win; row still loaded).

    late iff done > due, where a due at 00:00 means the end of that day (METRICS.md section 2).
    """
    due_end = due.where(due != due.dt.normalize(), due + pd.Timedelta(days=1) - pd.Timedelta(microseconds=1))
    has_both = done.notna() & due.notna()
    late = has_both & (done > due_end)
    early = has_both & (done.dt.normalize() < due.dt.normalize())
    reasons = pd.Series(None, index=status_code.index, dtype="object")
    says_late = status_code == "done_late"
    says_not_late = status_code.isin(["done_on_time", "done_early"])
    reasons[says_late & has_both & ~late] = "Trạng thái ghi trễ hạn nhưng ngày hoàn thành không quá hạn; tính theo ngày"
    reasons[says_not_late & late] = "Trạng thái ghi đúng/trước hạn nhưng ngày hoàn thành quá hạn; tính theo ngày"
    reasons[(status_code == "done_early") & has_both & ~late & ~early] = (
        "Trạng thái ghi trước hạn nhưng hoàn thành đúng ngày hạn; tính theo ngày"
    )
    reasons[(status_code == "no_deadline") & due.notna()] = (
        "Trạng thái ghi không thời hạn nhưng cột thời hạn có ngày; tính theo thời hạn"
    )
    says_open = status_code.isin(["open", "open_on_time", "open_overdue"])
    reasons[says_open & done.notna()] = "Trạng thái ghi chưa xong nhưng đã có ngày hoàn thành; tính theo ngày"
    mask = reasons.notna()
    return mask, reasons
