"""The register of reminders and criticisms (sổ theo dõi nhắc nhở, phê bình; issue 14, table `reminders`, schema 070).

Directive 9788/UBND-HCTC: «Giao Sở Nội vụ theo dõi, tổng hợp các đơn vị, địa phương bị nhắc nhở, phê bình». One row
per unit named in a letter (a letter naming five units is five rows with the same number); rows are never deleted:
a withdrawn entry keeps its row with who withdrew it, when and why, and no longer counts. Every change is written
to the audit log in the same transaction.

Who may do what (oversight.access): admins and uploaders record, edit and withdraw (RECORD_REMINDERS); leaders read
every unit's entries; a unit viewer reads its own unit's entries only (the queries of queries/reminders/ are
item-level: db.run_query binds the reader's units as $allowed).

`record` is also what the letter flow calls once a letter is issued (source "letter").
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import duckdb
import pandas as pd

from oversight import access, clock, db, periods, sql
from oversight.auth import audit
from oversight.config import Settings, load_settings

LEVELS = ("nhac_nho", "phe_binh", "kiem_diem")
LEVEL_LABELS = {"nhac_nho": "Nhắc nhở", "phe_binh": "Phê bình", "kiem_diem": "Kiểm điểm"}
SOURCES = ("manual", "letter")
SOURCE_LABELS = {"manual": "Nhập tay", "letter": "Từ văn bản đôn đốc"}
KINDS = ("tasks", "cases", "feedback")
KIND_LABELS = {"tasks": "nhiệm vụ", "cases": "hồ sơ TTHC", "feedback": "phản ánh, kiến nghị"}
REGISTER = "Sổ theo dõi nhắc nhở, phê bình"  # how the audit log names the register

MAX_REASON = 2000
MAX_LETTER_NUMBER = 100
MAX_WITHDRAW_REASON = 1000
MAX_UNITS = 500  # units in one letter
WINDOW_MONTHS = 12


class ReminderError(ValueError):
    """Bad input for the register, with a Vietnamese message."""


def level_label(level: str) -> str:
    return LEVEL_LABELS.get(level, level)


# ---------------------------------------------------------------------------------------------- validation


def _level(level: str) -> str:
    if level not in LEVELS:
        choices = ", ".join(label.lower() for label in LEVEL_LABELS.values())
        raise ReminderError(f"Mức độ không hợp lệ: «{level}» (chọn một trong: {choices}).")
    return level


def _text(value: str | None, what: str, limit: int, required: bool) -> str | None:
    text = "" if value is None else str(value).strip()
    if not text:
        if required:
            raise ReminderError(f"Chưa nhập {what}.")
        return None
    if len(text) > limit:
        raise ReminderError(f"{what.capitalize()} dài quá {limit} ký tự (đang có {len(text)} ký tự).")
    return text


def _day(value: date | None, what: str, today: date) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        raise ReminderError(f"{what.capitalize()} không phải là một ngày.")
    if value < periods.EARLIEST or value > today + timedelta(days=1):
        raise ReminderError(
            f"{what.capitalize()} {value:%d/%m/%Y} không hợp lý (phải từ {periods.EARLIEST:%d/%m/%Y} "
            f"đến hôm nay, {today:%d/%m/%Y})."
        )
    return value


def _kinds(kinds: str | None) -> str | None:
    if kinds is None or not str(kinds).strip():
        return None
    parts = [p.strip() for p in str(kinds).split(",") if p.strip()]
    bad = [p for p in parts if p not in KINDS]
    if bad:
        raise ReminderError(
            f"Loại số liệu không hợp lệ: «{', '.join(bad)}» (chọn trong: {', '.join(KIND_LABELS.values())})."
        )
    return ",".join(k for k in KINDS if k in parts)


def _letter(
    level: str,
    letter_date: date,
    letter_number: str | None,
    reason: str,
    period_start: date | None,
    period_end: date | None,
    kinds: str | None,
) -> dict:
    """The letter's fields checked and tidied, or ReminderError naming what is wrong."""
    today = clock.local_today()
    if letter_date is None:
        raise ReminderError("Chưa nhập ngày văn bản.")
    fields = {
        "level": _level(level),
        "letter_date": _day(letter_date, "ngày văn bản", today),
        "letter_number": _text(letter_number, "số, ký hiệu văn bản", MAX_LETTER_NUMBER, required=False),
        "reason": _text(reason, "lý do nhắc nhở, phê bình", MAX_REASON, required=True),
        "period_start": _day(period_start, "ngày đầu kỳ", today),
        "period_end": _day(period_end, "ngày cuối kỳ", today),
        "kinds": _kinds(kinds),
    }
    start, end = fields["period_start"], fields["period_end"]
    if start is not None and end is not None and end < start:
        raise ReminderError(
            f"Kỳ theo dõi không hợp lệ: ngày cuối kỳ {end:%d/%m/%Y} trước ngày đầu kỳ {start:%d/%m/%Y}."
        )
    if start is not None and start > fields["letter_date"]:
        raise ReminderError(
            f"Kỳ theo dõi bắt đầu ({start:%d/%m/%Y}) sau ngày văn bản ({fields['letter_date']:%d/%m/%Y})."
        )
    return fields


def _unit_ids(unit_ids) -> list[int]:
    if not unit_ids:
        raise ReminderError("Chưa chọn đơn vị bị nhắc nhở, phê bình.")
    out: list[int] = []
    for value in unit_ids:
        try:
            unit = int(value)
        except (TypeError, ValueError):
            raise ReminderError(f"Mã đơn vị không hợp lệ: «{value}».") from None
        if unit not in out:
            out.append(unit)
    if len(out) > MAX_UNITS:
        raise ReminderError(f"Một lần ghi sổ tối đa {MAX_UNITS} đơn vị (đang chọn {len(out)}).")
    return out


def _audit_detail(fields: dict, names: list[str], ids: list[int], source: str) -> dict:
    """What the audit log keeps of an entry, in words a reader of the log understands."""
    detail = {
        "Đơn vị": ", ".join(names),
        "Mức độ": level_label(fields["level"]).lower(),
        "Ngày văn bản": f"{fields['letter_date']:%d/%m/%Y}",
        "Số, ký hiệu": fields["letter_number"] or "(chưa có số)",
        "Lý do": fields["reason"],
        "Nguồn": SOURCE_LABELS.get(source, source),
        "Mục sổ": ", ".join(f"#{i}" for i in ids),
    }
    if fields["period_start"] or fields["period_end"]:
        start = f"{fields['period_start']:%d/%m/%Y}" if fields["period_start"] else "…"
        end = f"{fields['period_end']:%d/%m/%Y}" if fields["period_end"] else "…"
        detail["Kỳ theo dõi"] = f"{start} – {end}"
    if fields["kinds"]:
        detail["Về"] = ", ".join(KIND_LABELS[k] for k in fields["kinds"].split(","))
    return detail


# ---------------------------------------------------------------------------------------------- changes


def record(
    con: duckdb.DuckDBPyConnection,
    *,
    unit_ids: list[int],
    level: str,
    letter_date: date,
    letter_number: str | None,
    reason: str,
    period_start: date | None,
    period_end: date | None,
    kinds: str | None,
    source: str = "manual",
) -> list[int]:
    """Record that each unit of `unit_ids` was reminded or criticised by one letter: one row per unit, the new
    reminder ids in the order of `unit_ids` (duplicates recorded once). Needs RECORD_REMINDERS (admins, uploaders);
    bad input raises ReminderError with a Vietnamese message and writes nothing. The rows and one audit entry are
    written in one transaction."""
    principal = access.require(access.RECORD_REMINDERS)
    if source not in SOURCES:
        raise ReminderError(f"Nguồn ghi sổ không hợp lệ: «{source}».")
    fields = _letter(level, letter_date, letter_number, reason, period_start, period_end, kinds)
    units = _unit_ids(unit_ids)
    known = {int(r["unit_id"]): r["name"] for r in _rows(con, "reminders/units_known", unit_ids=units)}
    missing = [u for u in units if u not in known]
    if missing:
        raise ReminderError(f"Không có đơn vị mã {', '.join(str(u) for u in missing)} trong danh mục đơn vị.")
    now = clock.utc_now()
    ids: list[int] = []
    with db.transaction(con) as cur:
        for unit in units:
            ids.append(
                int(
                    sql.scalar(
                        cur,
                        "reminders/insert",
                        unit_id=unit,
                        source=source,
                        recorded_by=principal.actor,
                        recorded_at=now,
                        **fields,
                    )
                )
            )
        audit.record(
            cur,
            audit.REMINDER_ADD,
            target=REGISTER,
            detail=_audit_detail(fields, [known[u] for u in units], ids, source),
        )
    return ids


def _rows(con: duckdb.DuckDBPyConnection, name: str, **params) -> list[dict]:
    cur = con.cursor()
    try:
        return sql.rows(cur, name, **params)
    finally:
        cur.close()


def _entry(con: duckdb.DuckDBPyConnection, reminder_id: int) -> dict:
    try:
        reminder_id = int(reminder_id)
    except (TypeError, ValueError):
        raise ReminderError(f"Mã mục sổ không hợp lệ: «{reminder_id}».") from None
    found = _rows(con, "reminders/entry", reminder_id=reminder_id)
    if not found:
        raise ReminderError(f"Không có mục sổ #{reminder_id}.")
    return found[0]


def withdraw(con: duckdb.DuckDBPyConnection, reminder_id: int, reason: str) -> None:
    """Withdraw one entry (thu hồi: recorded by mistake, the letter cancelled): it stays in the register, marked with
    who withdrew it, when and why, and no longer counts. Needs RECORD_REMINDERS; audited."""
    principal = access.require(access.RECORD_REMINDERS)
    why = _text(reason, "lý do thu hồi", MAX_WITHDRAW_REASON, required=True)
    entry = _entry(con, reminder_id)
    if entry["withdrawn_at"] is not None:
        raise ReminderError(f"Mục sổ #{entry['reminder_id']} đã được thu hồi trước đó.")
    with db.transaction(con) as cur:
        done = sql.rows(
            cur,
            "reminders/withdraw",
            reminder_id=entry["reminder_id"],
            withdrawn_at=clock.utc_now(),
            withdrawn_by=principal.actor,
            withdrawn_reason=why,
        )
        if not done:
            raise ReminderError(f"Mục sổ #{entry['reminder_id']} đã được thu hồi trước đó.")
        audit.record(
            cur,
            audit.REMINDER_WITHDRAW,
            target=REGISTER,
            detail={
                "Mục sổ": f"#{entry['reminder_id']}",
                "Đơn vị": entry["unit_name"],
                "Mức độ": level_label(entry["level"]).lower(),
                "Ngày văn bản": f"{entry['letter_date']:%d/%m/%Y}",
                "Số, ký hiệu": entry["letter_number"] or "(chưa có số)",
                "Lý do thu hồi": why,
            },
        )


def edit(
    con: duckdb.DuckDBPyConnection,
    reminder_id: int,
    *,
    level: str,
    letter_date: date,
    letter_number: str | None,
    reason: str,
    period_start: date | None,
    period_end: date | None,
    kinds: str | None,
) -> None:
    """Correct an entry's letter details (not its unit: withdraw it and record the right unit instead). Needs
    RECORD_REMINDERS; a withdrawn entry is not edited; audited with the values before and after."""
    access.require(access.RECORD_REMINDERS)
    fields = _letter(level, letter_date, letter_number, reason, period_start, period_end, kinds)
    entry = _entry(con, reminder_id)
    if entry["withdrawn_at"] is not None:
        raise ReminderError(f"Mục sổ #{entry['reminder_id']} đã được thu hồi, không sửa được.")
    before = {k: entry[k] for k in fields}
    changed = {k: (before[k], v) for k, v in fields.items() if before[k] != v}
    if not changed:
        return
    with db.transaction(con) as cur:
        sql.rows(cur, "reminders/edit", reminder_id=entry["reminder_id"], **fields)
        audit.record(
            cur,
            audit.REMINDER_EDIT,
            target=REGISTER,
            detail={
                "Mục sổ": f"#{entry['reminder_id']}",
                "Đơn vị": entry["unit_name"],
                **{_FIELD_LABELS[k]: f"{_shown(k, old)} → {_shown(k, new)}" for k, (old, new) in changed.items()},
            },
        )


_FIELD_LABELS = {
    "level": "Mức độ",
    "letter_date": "Ngày văn bản",
    "letter_number": "Số, ký hiệu",
    "reason": "Lý do",
    "period_start": "Ngày đầu kỳ",
    "period_end": "Ngày cuối kỳ",
    "kinds": "Về",
}


def _shown(field: str, value) -> str:
    if value is None:
        return "(trống)"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if field == "level":
        return level_label(value).lower()
    if field == "kinds":
        return ", ".join(KIND_LABELS.get(k, k) for k in str(value).split(","))
    return str(value)


# ---------------------------------------------------------------------------------------------- reading


def list_reminders(
    con: duckdb.DuckDBPyConnection,
    *,
    unit_id: int | None = None,
    level: str | None = None,
    year: int | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    source: str | None = None,
    include_withdrawn: bool = False,
) -> pd.DataFrame:
    """The entries the current reader may see (a unit viewer: its own unit's only), newest letter first: reminder_id,
    unit_id, unit_name, unit_group, level, level_label, letter_date, letter_number, reason, period_start, period_end,
    kinds, kinds_label, source, source_label, recorded_by, recorded_at, withdrawn_at, withdrawn_by,
    withdrawn_reason, withdrawn (bool). `year` is the letter's calendar year (combined with date_from/date_to)."""
    if level is not None:
        _level(level)
    if source is not None and source not in SOURCES:
        raise ReminderError(f"Nguồn ghi sổ không hợp lệ: «{source}».")
    if year is not None:
        year = int(year)
        date_from = max(date_from or date(year, 1, 1), date(year, 1, 1))
        date_to = min(date_to or date(year, 12, 31), date(year, 12, 31))
    frame = db.run_query(
        "reminders/entries",
        con,
        unit_id=None if unit_id is None else int(unit_id),
        level=level,
        date_from=date_from,
        date_to=date_to,
        source=source,
        include_withdrawn=bool(include_withdrawn),
    )
    return _tidy(frame)


def _tidy(frame: pd.DataFrame) -> pd.DataFrame:
    for column in ("letter_date", "period_start", "period_end"):
        frame[column] = [None if pd.isna(v) else pd.Timestamp(v).date() for v in frame[column]]
    for column in ("letter_number", "kinds", "withdrawn_by", "withdrawn_reason"):
        frame[column] = pd.Series(
            [v if isinstance(v, str) else None for v in frame[column]], index=frame.index, dtype=object
        )
    frame["level_label"] = frame["level"].map(LEVEL_LABELS)
    frame["source_label"] = frame["source"].map(SOURCE_LABELS)
    frame["kinds_label"] = [
        "" if not isinstance(v, str) or not v else ", ".join(KIND_LABELS.get(k, k) for k in v.split(","))
        for v in frame["kinds"]
    ]
    frame["withdrawn"] = frame["withdrawn_at"].notna()
    return frame.reset_index(drop=True)


def unit_history(con: duckdb.DuckDBPyConnection, unit_id: int) -> pd.DataFrame:
    """Every entry of one unit, withdrawn ones included (marked), newest first: list_reminders' columns. A unit
    outside a unit viewer's scope is refused (access.AccessDenied)."""
    access.require_unit(int(unit_id))
    return list_reminders(con, unit_id=int(unit_id), include_withdrawn=True)


def window(as_of: date) -> tuple[date, date]:
    """The 12 months ending on `as_of`: from the day after the same day 12 months earlier, to `as_of` (31/10/2026
    -> 01/11/2025 .. 31/10/2026; 29/02/2028 -> 01/03/2027 .. 29/02/2028)."""
    year, month = (as_of.year - 1, as_of.month)
    try:
        start = as_of.replace(year=year)
    except ValueError:  # 29/02 a year earlier
        start = date(year, month, 28)
    return start + timedelta(days=1), as_of


def counts(con: duckdb.DuckDBPyConnection, date_from: date, date_to: date) -> pd.DataFrame:
    """Per unit with entries not withdrawn dated in [date_from, date_to] (the reader's units only): unit_id,
    reminders_total, reminders_nhac_nho, reminders_phe_binh, reminders_kiem_diem, letter_numbers ("1/UBND; 2/UBND")."""
    frame = db.run_query("reminders/counts", con, date_from=date_from, date_to=date_to)
    for column in ("reminders_total", "reminders_nhac_nho", "reminders_phe_binh", "reminders_kiem_diem"):
        frame[column] = frame[column].astype("int64")
    frame["unit_id"] = frame["unit_id"].astype("int64")
    return frame.reset_index(drop=True)


def counts_in_12_months(con: duckdb.DuckDBPyConnection, as_of: date) -> pd.DataFrame:
    """Per unit, its entries not withdrawn in the 12 months ending on `as_of` (window()): counts()'s columns."""
    return counts(con, *window(as_of))


def flag_as_of(period_end: date, today: date | None = None) -> date:
    """The day the rankings count a period's reminders back from: the period's end, or today when the period
    has not ended yet."""
    return min(period_end, today or clock.local_today())


def with_flags(
    con: duckdb.DuckDBPyConnection,
    frame: pd.DataFrame,
    as_of: date,
    settings: Settings | None = None,
) -> pd.DataFrame:
    """`frame` (with unit_id) plus reminders_12m (entries in the 12 months ending on `as_of`, 0 for none),
    reminder_flag (at least the setting reminder_flag_count) and reminders_12m_text ("3 ⚑" when flagged)."""
    threshold = (settings or load_settings()).reminder_flag_count
    found = counts_in_12_months(con, as_of)
    by_unit = dict(zip(found["unit_id"].astype(int), found["reminders_total"].astype(int), strict=True))
    out = frame.copy()
    out["reminders_12m"] = [by_unit.get(int(u), 0) if pd.notna(u) else 0 for u in out["unit_id"]]
    out["reminder_flag"] = out["reminders_12m"] >= threshold
    out["reminders_12m_text"] = [flag_text(n, threshold) for n in out["reminders_12m"]]
    return out


FLAG = "⚑"


def flag_text(count: int, threshold: int) -> str:
    """How a ranking shows a unit's reminders in 12 months: "" for none, "1", "3 ⚑" at or above the threshold."""
    if not count:
        return ""
    return f"{count} {FLAG}" if count >= threshold else str(count)
