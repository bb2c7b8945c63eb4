"""Build a test world by inserting rows straight into the tables (no ingestion code involved).

    w = World(con)
    up = w.upload("cases")                         # an active upload
    w.case(up, "C-1", unit, received=..., due=..., done=..., channel="online")
    w.upload("case_stats", period=(date(..), date(..)))

Units are looked up in the seeded registry by their official name (`w.unit("Xã Long Phước")`).
"""

from __future__ import annotations

from datetime import date, datetime

import duckdb


def dt(text: str) -> datetime:
    """'2025-10-09 16:00' or '2025-10-09' -> datetime."""
    return datetime.fromisoformat(text)


class World:
    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con
        self._row = 0

    def unit(self, name: str, group: str | None = None, valid: str = "any") -> int:
        """The unit id of an official name; valid='old' / 'new' picks the pre- or post-reform one."""
        sql = "SELECT unit_id FROM units WHERE name = ?"
        args: list = [name]
        if group:
            sql += " AND unit_group = ?"
            args.append(group)
        if valid == "old":
            sql += " AND valid_to IS NOT NULL"
        elif valid == "new":
            sql += " AND valid_to IS NULL"
        rows = self.con.execute(sql + " ORDER BY unit_id", args).fetchall()
        if not rows:
            raise LookupError(name)
        return rows[0][0]

    def unit_name(self, unit_id: int) -> str:
        return self.con.execute("SELECT name FROM units WHERE unit_id = ?", [unit_id]).fetchone()[0]

    def upload(self, kind: str, period: tuple[date, date] | None = None, state: str = "active") -> int:
        pf, pt = period or (None, None)
        return self.con.execute(
            "INSERT INTO uploads (kind, file_name, sha256, period_from, period_to, uploaded_by, state)"
            " VALUES (?, ?, ?, ?, ?, 'test', ?) RETURNING upload_id",
            [kind, f"{kind}.xlsx", "0" * 64, pf, pt, state],
        ).fetchone()[0]

    def set_state(self, upload_id: int, state: str) -> None:
        self.con.execute("UPDATE uploads SET state = ? WHERE upload_id = ?", [state, upload_id])

    def _next_row(self) -> int:
        self._row += 1
        return self._row

    def case(
        self,
        upload_id,
        code,
        unit_id,
        received,
        due=None,
        done=None,
        channel="offline",
        status=None,
        field="Hộ tịch",
        returned=None,
        procedure="Đăng ký khai sinh",
        unit_name=None,
    ):
        self.con.execute(
            "INSERT INTO cases (upload_id, source_row, case_code, procedure_name, field, unit_id, unit_name,"
            " channel, received, due, done, returned, status_text, status_code)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                upload_id,
                self._next_row(),
                code,
                procedure,
                field,
                unit_id,
                unit_name or self.unit_name(unit_id),
                channel,
                _ts(received),
                _ts(due),
                _ts(done),
                _ts(returned),
                status,
                status,
            ],
        )

    def task(
        self,
        upload_id,
        key,
        unit_id,
        received,
        due=None,
        done=None,
        status=None,
        field="Tổng hợp",
        doc_number=None,
        doc_date=None,
        due_text=None,
    ):
        self.con.execute(
            "INSERT INTO tasks (upload_id, source_row, item_key, doc_number, doc_date, content, unit_id, unit_name,"
            " field, received, due, due_text, done, status_text, status_code)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                upload_id,
                self._next_row(),
                key,
                doc_number or f"{key}/UBND-TH",
                doc_date,
                f"Nhiệm vụ {key}",
                unit_id,
                self.unit_name(unit_id),
                field,
                _ts(received),
                _ts(due),
                due_text,
                _ts(done),
                status,
                status,
            ],
        )

    def feedback(
        self, upload_id, code, unit_id, received, due=None, done=None, status=None, rating=None, field="Môi trường"
    ):
        self.con.execute(
            "INSERT INTO feedback (upload_id, source_row, feedback_code, received, field, content, unit_id,"
            " unit_name, due, done, status_text, status_code, rating)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                upload_id,
                self._next_row(),
                code,
                _ts(received),
                field,
                f"Phản ánh {code}",
                unit_id,
                self.unit_name(unit_id),
                _ts(due),
                _ts(done),
                status,
                status,
                rating,
            ],
        )

    def case_stat(
        self,
        upload_id,
        unit_id,
        period,
        new_online,
        new_offline,
        carried,
        early,
        on_time,
        late,
        pending_on_time,
        pending_overdue,
        field=None,
    ):
        total = new_online + new_offline + carried
        self.con.execute(
            "INSERT INTO case_stats (upload_id, source_row, unit_id, unit_name, field, period_from, period_to,"
            " cases_total, cases_new_online, cases_new_offline, cases_carried_over, cases_resolved,"
            " cases_resolved_early, cases_resolved_on_time, cases_resolved_late, cases_pending,"
            " cases_pending_on_time, cases_pending_overdue)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                upload_id,
                self._next_row(),
                unit_id,
                self.unit_name(unit_id),
                field,
                period[0],
                period[1],
                total,
                new_online,
                new_offline,
                carried,
                early + on_time + late,
                early,
                on_time,
                late,
                pending_on_time + pending_overdue,
                pending_on_time,
                pending_overdue,
            ],
        )


def _ts(value):
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return dt(value)


def with_data(frame):
    """The rows of a unit_metrics frame for units with data in the period: every unit that existed in it is listed
    too (METRICS.md section 6), with zeros and no case source."""
    has = frame["cases_source"].notna() | (frame[["cases_total", "tasks_total", "feedback_total"]].sum(axis=1) > 0)
    return frame[has].reset_index(drop=True)


def span(start: date, end: date, settings=None):
    """The Period the metric functions take for [start, end]: the named period it is under the cut-off setting
    (a month, quarter, ...: its previous period is the one a ranking and the KPIs compare with), else custom."""
    from oversight import periods
    from oversight.config import load_settings

    return periods.period_for_range(start, end, (settings or load_settings()).period_cutoff)


def ending(day: date):
    """A period ending on `day`: monthly_trend reads only the end (the trend's last month is the one containing it)."""
    from oversight import periods

    return periods.custom(day, day)
