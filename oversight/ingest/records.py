"""Sheet rows below the header → typed records of one kind, with every rejected row and warning named.

One DuckDB query cleans and types every mapped column at once (NFC, spaces, dates, numbers) and marks
the rows that are not items: blank rows, section rows ("I. Sở, ban, ngành"), total and subtotal rows
("Tổng cộng", "Cộng"), and the signature block with everything below it. Then, per DISTINCT value, the
few things that need Python: deadlines in words, unit names (registry matcher, at the item's own date),
status texts, channels and ratings. Row-level problems reject that row only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa

from oversight import clock, sql
from oversight.config import QUERIES_DIR
from oversight.ingest.columns import FIELD_LABELS
from oversight.ingest.headers import HeaderBlock
from oversight.ingest.validate import STAT_COLUMNS, Rejects, status_date_warnings
from oversight.ingest.values import (
    SERIAL_LAST,
    date_bounds,
    parse_deadline_words,
    parse_embedded_date,
)
from oversight.statuses import status_code
from oversight.text import fold
from oversight.units.matcher import UnitMatcher

TEXT_FIELDS = {
    "tasks": ("doc_number", "content", "assigned_by", "unit", "cooperating_units", "field", "status", "note"),
    "cases": ("case_code", "procedure_name", "field", "unit", "applicant", "status", "channel"),
    "feedback": ("feedback_code", "channel", "field", "category", "content", "area", "unit", "status", "rating"),
    "case_stats": ("unit",),
}
DATE_FIELDS = {
    "tasks": ("doc_date", "received", "due", "due_adjusted", "done"),
    "cases": ("received", "due", "done", "returned"),
    "feedback": ("received", "due", "done"),
    "case_stats": (),
}
DEADLINE_FIELDS = ("due", "due_adjusted")
KEY_FIELD = {"tasks": "content", "cases": "case_code", "feedback": "feedback_code", "case_stats": "unit"}

# The query reading a sheet's rows per kind, and the cell macros it uses (created on its cursor).
RECORDS_QUERY = {kind: f"ingest/records_{kind}" for kind in TEXT_FIELDS}
RECORDS_MACROS = QUERIES_DIR / "ingest" / "records_macros.sql"

DB_COLUMNS = {
    "tasks": [
        "source_row", "item_key", "doc_number", "doc_date", "content", "assigned_by", "unit_id", "unit_name",
        "cooperating_units", "field", "received", "due", "due_original", "due_text", "done", "status_text",
        "status_code", "note",
    ],
    "cases": [
        "source_row", "case_code", "procedure_name", "field", "unit_id", "unit_name", "applicant", "channel",
        "received", "due", "done", "returned", "status_text", "status_code",
    ],
    "case_stats": ["source_row", "unit_id", "unit_name", "field", "period_from", "period_to", *STAT_COLUMNS],
    "feedback": [
        "source_row", "feedback_code", "received", "channel", "field", "category", "content", "area", "unit_id",
        "unit_name", "due", "done", "status_text", "status_code", "rating",
    ],
}  # fmt: skip

# Channel of submission (cases) and satisfaction (feedback), as data.
CHANNELS = {
    "online": (
        "Trực tuyến",
        "Nộp trực tuyến",
        "Qua mạng",
        "Dịch vụ công trực tuyến",
        "DVC trực tuyến",
        "Online",
        "DVCTT",
    ),
    "offline": (
        "Trực tiếp",
        "Nộp trực tiếp",
        "Dịch vụ bưu chính công ích",
        "Bưu chính công ích",
        "BCCI",
        "Bưu điện",
        "Qua bưu điện",
        "Bưu chính",
        "Tại bộ phận một cửa",
        "Một cửa",
    ),
}
RATINGS = {
    "satisfied": ("Hài lòng", "Rất hài lòng", "Đã hài lòng"),
    "unsatisfied": ("Không hài lòng", "Chưa hài lòng", "Rất không hài lòng"),
}
_CHANNEL_MAP = {fold(t): code for code, texts in CHANNELS.items() for t in texts}
_RATING_MAP = {fold(t): code for code, texts in RATINGS.items() for t in texts}
_NO_RATING = {fold(t) for t in ("Chưa đánh giá", "Không đánh giá", "Bình thường", "-")}

TOTAL_RE = (
    r"^(tong cong|tong so|toan tinh|tong hop chung)\b"
    r"|^(tong|cong)\s*($|[:(\[]|\s+(cap|khoi|nhom|toan|chung|so|[ivx]+|[a-d]|\d+)\b)"
)
SECTION_RE = r"^([ivx]+|[a-d])\s*[\.\):]\s*\S|^([ivx]+|[a-d])\s*[\.\):]?\s*$"
# A section named without a number ("Sở, ban, ngành", "Xã, phường, thị trấn", "UBND cấp xã", "Cấp huyện"),
# written in the name column or, merged across the table, in the STT column (as web exports do).
SECTION_NAME_RE = (
    r"^(([ivx]+|[a-d]|\d{1,2})\s*[\.\):\-]\s*)?((cac|khoi|nhom|danh sach)\s+)?"
    r"((ubnd|uy ban nhan dan|co quan|don vi)\s+)?"
    r"(so[\s,;/\-]+ban[\s,;/\-]+nganh( tinh)?|so[\s,;/\-]+nganh|cap (tinh|huyen|xa)"
    r"|xa[\s,;/\-]+phuong([\s,;/\-]+(thi tran|dac khu))*|phuong[\s,;/\-]+xa([\s,;/\-]+(thi tran|dac khu))*"
    r"|huyen[\s,;/\-]+thi xa[\s,;/\-]+thanh pho|nganh doc|trung uong dong tren dia ban)"
    r"\s*(\(.*\))?\s*[:\.]?\s*$"
)
FOOTER_RE = (
    r"nguoi lap|thu truong|chu tich|giam doc|^kt\.?\s|^tm\.?\s|^q\.\s|ky ten|ky,? ghi ro|ky va ghi|noi nhan|"
    r"^ghi chu|^luu:?\s|truong phong|lanh dao|nguoi tong hop|can bo tong hop|"
    r"ngay\s+\.*\d*\s*thang\s+\.*\d*\s*nam|^xac nhan"
)


@dataclass
class Extract:
    records: pd.DataFrame
    rejects: pd.DataFrame
    rows_read: int  # item rows considered (data rows, loaded or rejected)
    skipped: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # structural (Biểu 06 identities, totals)
    units: pd.DataFrame | None = None  # Biểu 06 unit rows (for checks)
    aggregates: pd.DataFrame | None = None


# A cell's lanes in the records queries (queries/ingest/records_macros.sql): s text, o another type, t a date or
# timestamp, n a number; a column fills the lane of its type, the others stay NULL.
_LANE_TYPES = {"s": pa.string(), "o": pa.string(), "t": pa.timestamp("us"), "n": pa.float64()}


def _lane(arrow_type) -> str | None:
    """The lane a column of this Arrow type fills (values.column_sql's cases); None for an all-empty column."""
    if pa.types.is_timestamp(arrow_type) or pa.types.is_date(arrow_type):
        return "t"
    if pa.types.is_floating(arrow_type) or pa.types.is_integer(arrow_type):
        return "n"
    if pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type):
        return "s"
    if pa.types.is_null(arrow_type):
        return None
    return "o"


def _cells(table: pa.Table, name: str | None, empty: dict[str, pa.Array]) -> pa.StructArray:
    """Column `name` of the sheet as the cell structs the records queries read (`empty`: an all-NULL array per
    lane); NULL structs without a column."""
    column = table.column(name).combine_chunks() if name is not None else None
    lane = _lane(column.type) if column is not None else None
    arrays = [column if key == lane else empty[key] for key in _LANE_TYPES]
    mask = None if column is not None else pa.array(np.ones(table.num_rows, dtype=bool))
    return pa.StructArray.from_arrays(arrays, names=list(_LANE_TYPES), mask=mask)


def _raw_rows(table: pa.Table, block: HeaderBlock, kind: str) -> pa.Table:
    """The sheet's rows as the records queries read them: its columns (c0, c1, ... and "c", always empty, so the row
    text has a column to join), __row, one cell struct per field of the kind (f_<field>) and the first two header
    columns (lead_1, lead_2: a row's label)."""
    present = set(table.column_names)

    def source(fld: str) -> str | None:
        c = block.mapping.columns.get(fld)
        return f"c{c}" if c is not None and f"c{c}" in present else None

    empty = {key: pa.nulls(table.num_rows, arrow_type) for key, arrow_type in _LANE_TYPES.items()}
    lead = [f"c{c}" for c in sorted(block.paths)[:2] if f"c{c}" in present]
    lead += [None] * (2 - len(lead))
    out = table.append_column("c", empty["s"])
    for fld in _all_fields(kind):
        out = out.append_column(f"f_{fld}", _cells(table, source(fld), empty))
    for i, name in enumerate(lead, 1):
        out = out.append_column(f"lead_{i}", _cells(table, name, empty))
    return out


def _base_frame(con: duckdb.DuckDBPyConnection, table: pa.Table, block: HeaderBlock, kind: str) -> pd.DataFrame:
    """One query (queries/ingest/records_<kind>.sql): cleaned texts, parsed dates/numbers, row classification flags.

    String columns are cleaned and parsed in SQL; columns fastexcel already typed (every cell a date, or
    every cell a number) are used as they are, without a round trip through text.
    """
    cur = con.cursor()
    try:
        sql.script(cur, RECORDS_MACROS)
        cur.register("raw_rows", _raw_rows(table, block, kind))
        params = {"start": block.data_start, "total_re": TOTAL_RE, "section_re": SECTION_RE, "footer_re": FOOTER_RE}
        params["section_name_re"] = SECTION_NAME_RE
        df = sql.arrow(cur, RECORDS_QUERY[kind], **params).to_pandas()
    finally:
        cur.close()
    # the query has no ORDER BY (a sort held every row twice): DuckDB keeps the scan's order, checked here, since
    # classify reads the rows in the sheet's order (the signature block: everything below its first row)
    if not df["__row"].is_monotonic_increasing:
        df = df.sort_values("__row", ignore_index=True)
    return df


def _all_fields(kind: str) -> tuple[str, ...]:
    out = TEXT_FIELDS[kind] + DATE_FIELDS[kind]
    if kind == "case_stats":
        out = out + STAT_COLUMNS
    return out


def classify(df: pd.DataFrame, kind: str, hidden_rows: frozenset[int]) -> pd.Series:
    """'data' | 'blank' | 'hidden' | 'total' | 'section' | 'footer' per row."""
    key = df["t_" + KEY_FIELD[kind]]
    cls = pd.Series("data", index=df.index, dtype="object")
    cls[df["is_blank"].fillna(False).astype(bool)] = "blank"
    is_total = df["is_total"].fillna(False).astype(bool)
    is_section = df["is_section"].fillna(False).astype(bool)
    if kind != "case_stats":
        # in item lists a section or total row carries no item key (or just repeats its label)
        keyless = key.isna() | (key == df["label"])
        is_total &= keyless
        is_section &= keyless
    cls[is_section & (cls == "data")] = "section"
    cls[is_total & (cls == "data")] = "total"
    footer = df["is_footer"].fillna(False).astype(bool) & (cls != "total")
    seen_data = (cls == "data").cumsum() > 0
    starts = df.index[footer & seen_data]
    if len(starts):
        cls[df.index >= starts[0]] = "footer"
    if hidden_rows:
        hidden = df["__row"].isin(list(hidden_rows)) & ~cls.isin(["blank", "footer"])
        cls[hidden] = "hidden"
    return cls


def _parse_failed_dates(df: pd.DataFrame, kind: str) -> None:
    """Second chance, per distinct text, for dates SQL could not read; sets d_* and (deadlines) nodl_*."""
    for fld in DATE_FIELDS[kind]:
        t, d = df["t_" + fld], df["d_" + fld]
        failed = t.notna() & d.isna()
        if fld in DEADLINE_FIELDS:
            df["nodl_" + fld] = False
        if not failed.any():
            continue
        texts = t[failed].unique()
        dtype = df["d_" + fld].dtype
        if fld in DEADLINE_FIELDS:
            parsed = {x: parse_deadline_words(x) for x in texts}
            dates = {x: v[0] for x, v in parsed.items()}
            nodl = {x: v[1] for x, v in parsed.items()}
            df.loc[failed, "d_" + fld] = pd.to_datetime(t[failed].map(dates)).astype(dtype)
            df.loc[failed, "nodl_" + fld] = t[failed].map(nodl).astype(bool)
        else:
            embedded = {x: parse_embedded_date(x) for x in texts}
            df.loc[failed, "d_" + fld] = pd.to_datetime(t[failed].map(embedded)).astype(dtype)
        df["d_" + fld] = pd.to_datetime(df["d_" + fld])


def _match_units(df: pd.DataFrame, matcher: UnitMatcher, on_dates: pd.Series) -> pd.DataFrame:
    """unit_id and a rejection reason per row, matching each distinct name (per date only where it matters)."""
    names = df["t_unit"]
    days = pd.to_datetime(on_dates).dt.normalize()
    frame = pd.DataFrame({"name": names, "day": days}, index=df.index)
    frame = frame[names.notna()]
    resolved: dict[tuple, tuple[int | None, str | None]] = {}
    per_day_names: set[str] = set()
    spans = frame.groupby("name", sort=False)["day"].agg(["min", "max"])
    # zip, not iterrows (a Series built per name)
    for name, lo, hi in zip(spans.index, spans["min"], spans["max"], strict=True):
        m_lo = matcher.match(name, None if pd.isna(lo) else lo.date())
        m_hi = matcher.match(name, None if pd.isna(hi) else hi.date())
        if m_lo.unit_id == m_hi.unit_id:
            resolved[(name, None)] = _outcome(m_lo, name)
        else:
            per_day_names.add(name)
    if per_day_names:
        pairs = frame[frame["name"].isin(per_day_names)].drop_duplicates()
        for name, day in pairs.itertuples(index=False):
            resolved[(name, day)] = _outcome(matcher.match(name, None if pd.isna(day) else day.date()), name)
    out = pd.DataFrame(index=df.index)
    by_name = {n: r for (n, d), r in resolved.items() if d is None}
    out["unit_id"] = _map_distinct(names, {n: r[0] for n, r in by_name.items()}).astype("Int64")
    out["unit_reason"] = _map_distinct(names, {n: r[1] for n, r in by_name.items()})
    if per_day_names:
        sub = frame[frame["name"].isin(per_day_names)]
        dated = pd.DataFrame(
            [(n, d, r[0], r[1]) for (n, d), r in resolved.items() if d is not None],
            columns=["name", "day", "uid", "reason"],
        )
        merged = sub.reset_index().merge(dated, on=["name", "day"], how="left").set_index("index")
        out.loc[merged.index, "unit_id"] = merged["uid"].astype("Int64")
        out.loc[merged.index, "unit_reason"] = merged["reason"]
    return out


def _outcome(match, name: str) -> tuple[int | None, str | None]:
    if match.unit_id is not None:
        return match.unit_id, None
    if match.reason and "Không tìm thấy" not in match.reason:
        reason = f"Đơn vị «{name}»: {match.reason}"
    else:
        reason = f"Không tìm thấy đơn vị «{name}» trong danh mục"
    if match.suggestions:
        top = max(s for _n, _uid, s in match.suggestions)
        good = [(n, s) for n, _uid, s in match.suggestions if s >= max(60.0, top - 5.0)]
        if good:
            reason += "; gợi ý: " + ", ".join(f"{n} ({round(s)})" for n, s in good)
    return None, reason


def _map_distinct(series: pd.Series, fn) -> pd.Series:
    """fn (or a dict) applied once per distinct value, spread back by factorised codes."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    get = fn.get if isinstance(fn, dict) else fn
    values = np.array([get(u) for u in uniques] + [None], dtype="object")
    return pd.Series(values[codes], index=series.index, dtype="object")


def _ts(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series).astype("datetime64[us]")


def extract(
    con: duckdb.DuckDBPyConnection,
    table: pa.Table,
    sheet_name: str,
    block: HeaderBlock,
    kind: str,
    period: tuple[date, date] | None,
    matcher: UnitMatcher,
    hidden_rows: frozenset[int] = frozenset(),
    today: date | None = None,
) -> Extract:
    """Typed records and rejected rows; dates outside [2000-01-01, today + 5 years] reject their row."""
    df = _base_frame(con, table, block, kind)
    del table  # the sheet as read: not needed once typed (read_plan hands it over without keeping it)
    cls = classify(df, kind, hidden_rows)
    rejects = Rejects(sheet_name)
    skipped = {k: int(v) for k, v in cls.value_counts().items() if k != "data"}
    hidden = cls == "hidden"
    rejects.add(
        df.loc[hidden, "__row"],
        None,
        df.loc[hidden, "label"],
        "Dòng đang bị ẩn trong Excel nên không được nạp; bỏ ẩn dòng nếu cần nạp",
        "warning",
    )
    if kind == "case_stats":
        return _extract_case_stats(df, cls, rejects, block, period, matcher, skipped)
    data = df[cls == "data"]  # a copy already (a boolean selection; pandas' copy-on-write)
    del df  # every row of the sheet: from here on only its item rows are read
    _parse_failed_dates(data, kind)
    headers = block.mapping.headers
    bad = pd.Series(False, index=data.index)

    def reject(mask: pd.Series, fld: str | None, values, reasons) -> None:
        nonlocal bad
        mask = mask & ~bad
        if mask.any():
            vals = values[mask] if isinstance(values, pd.Series) else values
            rs = reasons[mask] if isinstance(reasons, pd.Series) else reasons
            rejects.add(data.loc[mask, "__row"], headers.get(fld, FIELD_LABELS.get(fld)) if fld else None, vals, rs)
            bad |= mask

    key = KEY_FIELD[kind]
    reject(data["t_" + key].isna(), key, None, f"Thiếu {FIELD_LABELS[key].lower()}")
    reject(data["t_unit"].isna(), "unit", None, "Thiếu tên đơn vị")
    for fld in DATE_FIELDS[kind]:
        unreadable = data["t_" + fld].notna() & data["d_" + fld].isna()
        if fld in DEADLINE_FIELDS:
            unreadable &= ~data["nodl_" + fld]
        reject(unreadable, fld, data["t_" + fld], "Không đọc được ngày (dạng đúng: dd/mm/yyyy hoặc dd/mm/yyyy HH:MM)")
    # a typo such as 31/12/9999 or 02/10/0205 is read as a date but cannot be one (and would break every page)
    lo, hi = date_bounds(today)
    for fld in DATE_FIELDS[kind]:
        day = pd.to_datetime(data["d_" + fld]).dt.normalize()
        outside = day.notna() & ((day < pd.Timestamp(lo)) | (day > pd.Timestamp(hi)))
        if outside.any():
            # as written, except a date the reader gave as "YYYY-MM-DD ..." (an Excel date cell): dd/mm/yyyy
            written = data["t_" + fld].astype("string")
            iso = written.isna() | written.str.match(r"^\d{4}-\d{2}-\d{2}", na=False)
            shown = written.where(~iso, day.dt.strftime("%d/%m/%Y")).str.replace(r" 00:00:00$", "", regex=True)
            # an Excel serial number: the date it stands for beside it (not past Excel's last day: not a date)
            serial = pd.to_numeric(written.where(written.str.fullmatch(r"\d+(\.\d+)?", na=False)), errors="coerce")
            dated = serial.notna() & (serial <= SERIAL_LAST)
            shown = shown.where(~dated, shown + " (" + day.dt.strftime("%d/%m/%Y") + ")")
            reasons = f"Ngày ngoài khoảng hợp lý ({lo:%d/%m/%Y} – {hi:%d/%m/%Y}): " + shown
            reject(outside, fld, data["t_" + fld], reasons.astype("object"))
    if kind in ("cases", "feedback"):
        reject(data["d_received"].isna(), "received", None, "Thiếu ngày tiếp nhận")

    # unit at the item's own date
    if kind == "tasks":
        fallback = pd.Timestamp(period[1]) if period else pd.Timestamp(clock.local_today())
        on = data["d_received"].fillna(data["d_doc_date"]).fillna(fallback)
    else:
        on = data["d_received"]
    units = _match_units(data, matcher, pd.to_datetime(on))
    reject(units["unit_id"].isna() & data["t_unit"].notna(), "unit", data["t_unit"], units["unit_reason"])

    # status: dates decide; an unknown text is a warning when dates can decide, else the row is rejected
    codes = _map_distinct(data["t_status"], status_code)
    due = data["d_due_adjusted"].fillna(data["d_due"]) if kind == "tasks" else data["d_due"]
    done = data["d_done"]
    if kind == "cases":
        done = done.fillna(data["d_returned"])
    unknown = data["t_status"].notna() & codes.isna()
    # a deadline written as "Thường xuyên" in its own cell decides as a date does (no deadline)
    no_deadline_cell = data[[c for c in ("nodl_due", "nodl_due_adjusted") if c in data]].any(axis=1)
    decidable = due.notna() | done.notna() | no_deadline_cell
    reject(
        unknown & ~decidable,
        "status",
        data["t_status"],
        "Trạng thái không xác định và không có ngày hạn/ngày hoàn thành để phân loại",
    )
    warn = unknown & decidable & ~bad
    rejects.add(
        data.loc[warn, "__row"],
        headers.get("status"),
        data.loc[warn, "t_status"],
        "Trạng thái không xác định; phân loại theo ngày",
        "warning",
    )
    mask, reasons = status_date_warnings(codes, _ts(done), _ts(due))
    mask &= ~bad
    rejects.add(data.loc[mask, "__row"], headers.get("status"), data.loc[mask, "t_status"], reasons[mask], "warning")

    # channel (cases) and rating (feedback)
    channel = None
    if kind == "cases":
        channel = _map_distinct(data["t_channel"], lambda x: _CHANNEL_MAP.get(fold(x)))
        odd = data["t_channel"].notna() & channel.isna() & ~bad
        rejects.add(
            data.loc[odd, "__row"],
            headers.get("channel"),
            data.loc[odd, "t_channel"],
            "Không nhận ra hình thức nộp; để trống",
            "warning",
        )
    rating = None
    if kind == "feedback":
        rating = _map_distinct(data["t_rating"], lambda x: _RATING_MAP.get(fold(x)))
        odd = data["t_rating"].notna() & rating.isna() & ~bad
        odd &= ~data["t_rating"].map(lambda x: fold(x) in _NO_RATING if isinstance(x, str) else True).astype(bool)
        rejects.add(
            data.loc[odd, "__row"],
            headers.get("rating"),
            data.loc[odd, "t_rating"],
            "Không nhận ra mức đánh giá; để trống",
            "warning",
        )

    rec = pd.DataFrame(index=data.index)
    rec["source_row"] = (data["__row"] + 1).astype("int64")
    rec["unit_id"] = units["unit_id"]
    rec["unit_name"] = data["t_unit"]
    rec["status_text"] = data["t_status"]
    rec["status_code"] = codes
    if kind == "cases":
        rec["case_code"] = data["t_case_code"]
        for f in ("procedure_name", "field", "applicant"):
            rec[f] = data["t_" + f]
        rec["channel"] = channel
        rec["received"] = _ts(data["d_received"])
        rec["due"] = _ts(data["d_due"])
        rec["done"] = _ts(done)
        rec["returned"] = _ts(data["d_returned"])
        dup_key = "case_code"
    elif kind == "feedback":
        rec["feedback_code"] = data["t_feedback_code"]
        for f in ("channel", "field", "category", "content", "area"):
            rec[f] = data["t_" + f]
        rec["received"] = _ts(data["d_received"])
        rec["due"] = _ts(data["d_due"])
        rec["done"] = _ts(done)
        rec["rating"] = rating
        dup_key = "feedback_code"
    else:
        for f in ("doc_number", "content", "assigned_by", "cooperating_units", "field", "note"):
            rec[f] = data["t_" + f]
        rec["doc_date"] = pd.to_datetime(data["d_doc_date"]).dt.date
        rec["received"] = _ts(data["d_received"])
        rec["due_original"] = _ts(data["d_due"])
        rec["due"] = _ts(due)
        words = data["t_due"].notna() & (data["nodl_due"] | ~data["t_due"].str.match(r"^[\d\s/:\-.,]+$", na=False))
        words &= ~data["t_due"].str.match(r"^\d{4}-\d{2}-\d{2}", na=False)
        rec["due_text"] = data["t_due"].where(words, None)
        rec["done"] = _ts(done)
        rec["item_key"] = data["key_text"] + "|" + units["unit_id"].astype("string").fillna("")
        dup_key = "item_key"

    # the same item twice in one file: the last row wins, earlier ones are rejected
    ok = ~bad
    dups = rec.loc[ok, dup_key].duplicated(keep="last")  # the key column only, not a copy of every column
    if dups.any():
        last_row = rec[ok].groupby(dup_key)["source_row"].transform("max")
        dmask = pd.Series(False, index=rec.index)
        dmask[dups[dups].index] = True
        label = FIELD_LABELS["content" if kind == "tasks" else dup_key]
        reasons = pd.Series(None, index=rec.index, dtype="object")
        reasons[dmask] = (
            f"{label} trùng với dòng " + last_row[dups[dups].index].astype("int64").astype(str) + "; dùng dòng sau cùng"
        )
        reject(dmask, KEY_FIELD[kind], data["t_" + KEY_FIELD[kind]], reasons)

    records = (rec[~bad] if bad.any() else rec).reset_index(drop=True)  # no copy of every row when none is rejected
    records["unit_id"] = records["unit_id"].astype("int64")
    records = records[DB_COLUMNS[kind]]
    return Extract(records, rejects.frame(), rows_read=int(len(data)), skipped=skipped)


# ------------------------------------------------------------------------------------------ Biểu 06

_SECTION_SPLIT = re.compile(r"^\s*([IVXivx]+|[A-Da-d])\s*[\.\):]\s*")


def _extract_case_stats(df, cls, rejects: Rejects, block, period, matcher, skipped) -> Extract:
    headers = block.mapping.headers
    nums = pd.DataFrame({c: df["n_" + c] for c in STAT_COLUMNS})
    # totals the form computes when a province leaves them out
    derived = {
        "cases_total": ["cases_new_online", "cases_new_offline", "cases_carried_over"],
        "cases_resolved": ["cases_resolved_early", "cases_resolved_on_time", "cases_resolved_late"],
        "cases_pending": ["cases_pending_on_time", "cases_pending_overdue"],
    }
    for c, parts in derived.items():
        if c not in block.mapping.columns:
            nums[c] = nums[parts].sum(axis=1, min_count=len(parts))
    has_numbers = df[["t_" + c for c in STAT_COLUMNS if c in block.mapping.columns]].notna().any(axis=1)
    section_id = (cls == "section").cumsum()
    work = pd.concat([df[["__row", "label", "t_unit"]], nums], axis=1)
    work["section"] = section_id
    work["cls"] = cls
    # a section numbered in the STT column is named by both cells in messages: "II. Cấp xã"
    numbered = work["t_unit"].notna() & work["label"].notna() & (work["label"] != work["t_unit"])
    work.loc[numbered, "label"] = work.loc[numbered, "label"] + ". " + work.loc[numbered, "t_unit"]
    # a section row carrying numbers is that section's subtotal
    agg_mask = (cls == "total") | ((cls == "section") & has_numbers)
    unit_mask = cls == "data"
    bad = pd.Series(False, index=df.index)

    unreadable_any = pd.Series(False, index=df.index)
    for c in STAT_COLUMNS:
        if c not in block.mapping.columns:
            continue
        unreadable = (unit_mask | agg_mask) & df["t_" + c].notna() & nums[c].isna() & ~unreadable_any
        if unreadable.any():
            rejects.add(
                df.loc[unreadable, "__row"],
                headers.get(c),
                df.loc[unreadable, "t_" + c],
                "Không đọc được số (phải là số nguyên không âm)",
            )
        unreadable_any |= unreadable
    bad |= unreadable_any
    reject_missing = unit_mask & df["t_unit"].isna() & ~bad
    rejects.add(df.loc[reject_missing, "__row"], headers.get("unit"), None, "Thiếu tên đơn vị")
    bad |= reject_missing

    on = pd.Series(pd.Timestamp(period[1]) if period else pd.NaT, index=df.index)
    units = _match_units(df.assign(t_unit=df["t_unit"].where(unit_mask)), matcher, on)
    unknown = unit_mask & units["unit_id"].isna() & df["t_unit"].notna() & ~bad
    rejects.add(
        df.loc[unknown, "__row"], headers.get("unit"), df.loc[unknown, "t_unit"], units.loc[unknown, "unit_reason"]
    )

    unit_rows = work[unit_mask & ~unreadable_any].copy()
    unit_rows["unit_name"] = unit_rows["t_unit"]
    aggs = work[agg_mask & ~unreadable_any].copy()
    n_sections = int((cls == "section").sum())
    first_unit_row = unit_rows["__row"].min() if len(unit_rows) else None

    def scope(row) -> str:
        if row["cls"] == "section":
            return "section"
        label = fold(row["label"] or "")
        after_units = first_unit_row is not None and row["__row"] > first_unit_row
        if n_sections and after_units and not re.match(r"^(tong cong|tong so|toan tinh)", label):
            return "section_or_all"
        return "all"

    if len(aggs):
        aggs["scope"] = aggs.apply(scope, axis=1)
        # a trailing "Cộng" closes the section above it: sections are numbered by their header rows
    for c in STAT_COLUMNS:
        unit_rows[c] = unit_rows[c].astype("int64")
        if len(aggs):
            aggs[c] = aggs[c].astype("int64")

    ok = unit_mask & ~bad & ~unknown
    rec = pd.DataFrame(index=df.index[ok])
    rec["source_row"] = (df.loc[ok, "__row"] + 1).astype("int64")
    rec["unit_id"] = units.loc[ok, "unit_id"].astype("int64")
    rec["unit_name"] = df.loc[ok, "t_unit"]
    rec["field"] = None
    rec["period_from"] = period[0] if period else None
    rec["period_to"] = period[1] if period else None
    for c in STAT_COLUMNS:
        rec[c] = nums.loc[ok, c].astype("int64")
    dups = rec.duplicated(subset=["unit_id"], keep=False)
    if dups.any():
        # the same unit twice (e.g. under two sections): warn, both rows load and add up
        rejects.add(
            rec.loc[dups, "source_row"] - 1,
            headers.get("unit"),
            rec.loc[dups, "unit_name"],
            "Đơn vị xuất hiện nhiều lần trong biểu; các dòng được cộng dồn",
            "warning",
        )
    records = rec.reset_index(drop=True)[DB_COLUMNS["case_stats"]]
    return Extract(
        records,
        rejects.frame(),
        rows_read=int(unit_mask.sum()),
        skipped=skipped,
        units=unit_rows,
        aggregates=aggs,
    )
