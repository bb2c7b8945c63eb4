"""One item (a TTHC case, a task, a feedback item) on its own page: the link that names it, what the file said of
it, how the figures classify it and why (METRICS.md section 2, in words), and the upload it came from.

A link names an item by its kind and code: `muc?loai=ho-so&ma=<case code>`, `loai=phan-anh&ma=<feedback code>`,
`loai=nhiem-vu&ma=<document number>`; one document often assigns several tasks, so a task's link also names the row
it was read from (`tai=<upload number>&dong=<sheet row>`). Case and feedback codes are the keys under which the
latest upload wins, so their links stay valid through re-uploads; a row named by `tai`/`dong` is followed to its
item's current version (the row the figures count), so a task's link does too. The lists' links carry the reader's
period, so the page classifies the item as the list did.

Every read goes through db.run_query (queries/drilldown/item_*.sql): a unit viewer asking for another unit's item
gets exactly what a link to no item gets, so the page never tells whether it exists.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from urllib.parse import urlencode

import duckdb
import pandas as pd

from oversight import access, clock, memo
from oversight import formatting as fmt
from oversight.db import run_query
from oversight.metrics_cache import refresh_cache
from oversight.text import clean

PAGE_PATH = "muc"  # the page's address (oversight/ui/navigation.py)
KIND_SLUGS = {"ho-so": "cases", "nhiem-vu": "tasks", "phan-anh": "feedback"}
SLUGS = {kind: slug for slug, kind in KIND_SLUGS.items()}
KIND_TITLES = {"cases": "Hồ sơ thủ tục hành chính", "tasks": "Nhiệm vụ", "feedback": "Phản ánh, kiến nghị"}
CODE_TITLES = {"cases": "Mã hồ sơ", "tasks": "Số, ký hiệu văn bản", "feedback": "Mã phản ánh"}
CODE_COLUMNS = {"cases": "case_code", "tasks": "doc_number", "feedback": "feedback_code"}
LINK_TEXT = "Xem"
LINK_TITLE = "Chi tiết"
MAX_CODE_CHARS = 120  # real codes are a few dozen characters; a longer one names nothing
_NUMBER = re.compile(r"^[0-9]{1,9}$")

OUTCOME_LABELS = {
    "resolved_early": "Hoàn thành trước hạn",
    "resolved_on_time": "Hoàn thành đúng hạn",
    "resolved_late": "Hoàn thành quá hạn",
    "resolved_no_deadline": "Hoàn thành, không có thời hạn",
    "pending_on_time": "Chưa hoàn thành, trong hạn",
    "pending_overdue": "Chưa hoàn thành, quá hạn",
    "pending_no_deadline": "Chưa hoàn thành, không có thời hạn",
}
NOT_FOUND = (
    "Không tìm thấy mục này, hoặc tài khoản của bạn không được xem mục này. "
    "Hãy mở lại từ một danh sách trên trang Đơn vị hoặc các trang Nhiệm vụ, Thủ tục hành chính, Phản ánh, kiến nghị."
)
STATE_LABELS = {
    "active": "đang hiệu lực",
    "replaced": "đã bị thay thế bởi lần tải lên sau",
    "rolled_back": "đã hoàn tác",
}
SOURCE_LABELS = {"web": "tải lên trên trang", "cli": "dòng lệnh", "inbox": "thư mục nhận tệp", "system": "hệ thống"}
CHANNEL_LABELS = {"online": "Trực tuyến", "offline": "Trực tiếp, bưu chính công ích"}
RATING_LABELS = {"satisfied": "Hài lòng", "unsatisfied": "Không hài lòng"}


class LinkError(ValueError):
    """A link that cannot name an item: the Vietnamese message says what is wrong with it."""


@dataclass(frozen=True)
class ItemRef:
    """What a link names: a kind ('tasks', 'cases', 'feedback'), a code and, optionally, the row it was read from."""

    kind: str
    code: str
    upload_id: int | None = None
    source_row: int | None = None


def parse_link(params: Mapping[str, object]) -> ItemRef:
    """The item a page address names (its query parameters loai, ma, tai, dong), or LinkError."""
    slug = str(params.get("loai") or "").strip()
    if not slug:
        raise LinkError("Đường dẫn thiếu loại mục (loai): ho-so, nhiem-vu hoặc phan-anh.")
    if slug not in KIND_SLUGS:
        raise LinkError(
            "Loại mục trong đường dẫn không hợp lệ: chỉ có ho-so (hồ sơ), nhiem-vu (nhiệm vụ), phan-anh (phản ánh)."
        )
    kind = KIND_SLUGS[slug]
    raw = params.get("ma")
    code = clean(raw) if raw is not None else ""
    if len(str(raw or "")) > MAX_CODE_CHARS * 2 or len(code) > MAX_CODE_CHARS:
        raise LinkError(f"Mã trong đường dẫn dài quá {MAX_CODE_CHARS} ký tự: không có mục nào như vậy.")
    upload, row = str(params.get("tai") or "").strip(), str(params.get("dong") or "").strip()
    if bool(upload) != bool(row):
        raise LinkError("Đường dẫn phải ghi cả lần tải lên (tai) và dòng (dong), hoặc không ghi cả hai.")
    if upload and not (_NUMBER.match(upload) and _NUMBER.match(row)):
        raise LinkError("Lần tải lên (tai) và dòng (dong) trong đường dẫn phải là số.")
    if not code and not upload:
        raise LinkError(f"Đường dẫn thiếu mã của mục (ma): {CODE_TITLES[kind].lower()}.")
    return ItemRef(kind, code, int(upload) if upload else None, int(row) if row else None)


def link(
    kind: str, code: object, upload_id: object = None, source_row: object = None, keep: Mapping[str, str] | None = None
) -> str:
    """The item page's address relative to any page of the app (`muc?loai=…&ma=…`), with the parameters in `keep`
    (the reader's period and filters) after it."""
    params: dict[str, str] = {"loai": SLUGS[kind], "ma": "" if fmt.is_missing(code) else clean(code)}
    if not fmt.is_missing(upload_id) and not fmt.is_missing(source_row):
        params |= {"tai": str(int(upload_id)), "dong": str(int(source_row))}  # type: ignore[call-overload]
    params |= {k: v for k, v in (keep or {}).items() if v and k not in params}
    return f"{PAGE_PATH}?{urlencode(params)}"


def links(frame: pd.DataFrame, kind: str, keep: Mapping[str, str] | None = None) -> list[str]:
    """One link per row of an item list (metrics.overdue_items, metrics.items: its code column, upload_id and
    source_row). Cases and feedback are named by their code alone; tasks by their row too."""
    code_column = CODE_COLUMNS[kind] if CODE_COLUMNS[kind] in frame.columns else "item_code"
    named = frame[[code_column, "upload_id", "source_row"]].reset_index(drop=True)
    return _links(named, kind, tuple(sorted((keep or {}).items())))


@memo.remembered(min_cells=0)  # a warm page run links the rows the last one linked
def _links(named: pd.DataFrame, kind: str, keep: tuple[tuple[str, str], ...]) -> list[str]:
    codes, uploads, rows = (named[c].tolist() for c in named.columns)
    with_row = kind == "tasks" or any(fmt.is_missing(c) for c in codes)
    kept = dict(keep)
    return [
        link(kind, code, upload if with_row else None, row if with_row else None, kept)
        for code, upload, row in zip(codes, uploads, rows, strict=True)
    ]


@dataclass(frozen=True)
class Candidate:
    """An item a link names: its current version (is_counted) or, when no counted upload holds it, its newest row."""

    item_key: str
    upload_id: int
    source_row: int
    unit_id: int
    item_code: str
    title: str
    is_counted: bool


def find(con: duckdb.DuckDBPyConnection, ref: ItemRef) -> list[Candidate]:
    """The items `ref` names that the current principal may see (several only for a task link without its row)."""
    access.require(access.READ_ITEMS)
    refresh_cache(con)
    frame = run_query(
        "drilldown/item_find", con, kind=ref.kind, code=ref.code, upload=ref.upload_id, row=ref.source_row
    )
    return [
        Candidate(
            item_key=str(r.item_key),
            upload_id=int(r.upload_id),
            source_row=int(r.source_row),
            unit_id=int(r.unit_id),
            item_code="" if fmt.is_missing(r.item_code) else str(r.item_code),
            title="" if fmt.is_missing(r.title) else str(r.title),
            is_counted=bool(r.is_counted),
        )
        for r in frame.itertuples(index=False)
    ]


@dataclass
class Item:
    kind: str
    candidate: Candidate
    record: dict  # the row as its upload holds it, and the upload's columns
    classification: dict | None  # items_classified's row at as_of (None: received after as_of, or not counted)
    as_of: date | None
    as_of_reason: str  # «cuối kỳ Tháng 10/2025», «hôm nay»
    warnings: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def code(self) -> str:
        return self.candidate.item_code

    @property
    def outcome(self) -> str | None:
        return None if self.classification is None else str(self.classification["outcome"])

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS.get(self.outcome or "", "Không được tính vào số liệu")

    @property
    def heading(self) -> str:
        code = self.code or "(không có số, ký hiệu)"
        return f"{KIND_TITLES[self.kind]} {code}"


def load(
    con: duckdb.DuckDBPyConnection, kind: str, candidate: Candidate, as_of: date, as_of_reason: str, today: date
) -> Item | None:
    """Everything the item page shows of one item; None when the current principal may not see it (or it is
    gone). Classified at the end of `as_of` (the reader's period), or of `today` when it was received later."""
    access.require(access.READ_ITEMS)
    at = {"upload": candidate.upload_id, "row": candidate.source_row}
    rows = run_query(f"drilldown/item_{kind}", con, **at)
    if rows.empty:
        return None
    record = {k: (None if fmt.is_missing(v) else v) for k, v in rows.iloc[0].to_dict().items()}
    classification, used, reason = None, None, as_of_reason
    if candidate.is_counted:
        for day, why in ((as_of, as_of_reason), (today, "hôm nay")):
            found = run_query("drilldown/item_classified", con, kind=kind, key=candidate.item_key, to=day)
            if not found.empty:
                classification = {k: (None if fmt.is_missing(v) else v) for k, v in found.iloc[0].to_dict().items()}
                classification["as_of"] = pd.Timestamp(classification["as_of"]).date()
                used, reason = day, why
                break
    warnings = run_query("drilldown/item_warnings", con, kind=kind, **at)
    return Item(kind, candidate, record, classification, used, reason, warnings)


# ------------------------------------------------------------------------------------------ words


def moment(value: object) -> str:
    """A date-time from a file as the province reads it: '13/10/2025 10:00', or '10/10/2025' when it carries no
    time (a deadline at 00:00, or at the end of its day as the classification reads a date-only deadline)."""
    if fmt.is_missing(value):
        return fmt.EMPTY
    stamp = pd.Timestamp(value).to_pydatetime()
    if stamp.time() in (time(0, 0), time(23, 59, 59, 999999)):
        return stamp.strftime("%d/%m/%Y")
    return stamp.strftime("%d/%m/%Y %H:%M")


def _day(value: object) -> date:
    return pd.Timestamp(value).date()


def _quoted(text: object) -> str:
    return f"«{clean(text)}»"


def explanation(item: Item) -> str:
    """Why the figures classify the item as they do, in one sentence naming the rule of METRICS.md section 2 that
    applied and the dates or status it read: «Hoàn thành quá hạn: ngày hoàn thành 13/10/2025 10:00 sau hạn
    09/10/2025 16:00 (4 ngày).»"""
    c = item.classification
    if c is None:
        if not item.candidate.is_counted:
            return (
                "Không được tính vào số liệu: lần tải lên chứa dòng này không còn hiệu lực "
                "(đã hoàn tác, đã bị thay thế hoặc là dữ liệu minh họa không còn tính)."
            )
        return "Chưa được tính: mục được nhận sau ngày tính."
    label = OUTCOME_LABELS[c["outcome"]]
    status, code = c["status_text"], c["status_code"]
    due, done = c["due_at"], c["done_at"]
    as_of = fmt.day(c["as_of"])
    days = c["days_overdue"]
    late_days = f" ({fmt.number(days)} ngày)" if days is not None else ""
    if c["is_resolved"]:
        if code == "returned":
            after = f" dù ngày {moment(done)} sau hạn {moment(due)}" if due and done and done > due else ""
            return (
                f"{label}: trạng thái {_quoted(status)} (trả lại hồ sơ, xin rút) được tính là giải quyết đúng hạn"
                f"{after}."
            )
        if due is not None and done is not None:
            if c["outcome"] == "resolved_late":
                return f"{label}: ngày hoàn thành {moment(done)} sau hạn {moment(due)}{late_days}."
            if c["outcome"] == "resolved_early":
                return f"{label}: ngày hoàn thành {moment(done)} trước ngày hạn {fmt.day(due)}."
            return f"{label}: ngày hoàn thành {moment(done)} không muộn hơn hạn {moment(due)}, cùng ngày hạn."
        if code in ("done_early", "done_on_time", "done_late"):
            missing = "không có ngày hoàn thành" if done is None else "không có hạn xử lý"
            return f"{label}: {missing}, nên trạng thái {_quoted(status)} quyết định."
        if due is None:
            deadline = f"thời hạn ghi {_quoted(c['due_text'])}" if c["due_text"] else "không có hạn xử lý"
            if item.kind == "cases":
                return (
                    f"{label}: hồ sơ {deadline}; Biểu 06 không có cột «không thời hạn» nên hồ sơ được tính là "
                    "giải quyết đúng hạn, không bao giờ trễ hạn."
                )
            return f"{label}: {deadline}, nên không tính vào tỷ lệ quá hạn."
        return (
            f"{label}: có hạn {moment(due)} nhưng không có ngày hoàn thành, và trạng thái {_quoted(status)} "
            "không nói về thời hạn: được tính là đúng hạn."
        )
    until = f"đến hết ngày {as_of} ({item.as_of_reason})"
    later = f"ngày hoàn thành {moment(done)} sau ngày tính" if done is not None else ""
    if code == "paused":
        passed = f" dù hạn {moment(due)} đã qua" if due is not None and _day(due) <= c["as_of"] else ""
        return (
            f"{label}: trạng thái {_quoted(status)} (chờ bổ sung, tạm dừng) dừng tính thời hạn, nên được tính là "
            f"trong hạn{passed}."
        )
    if due is not None:
        if c["outcome"] == "pending_overdue":
            by = f"{fmt.number(days)} ngày" if days else "hạn là chính ngày tính"
            notes = "; ".join(n for n in (by, later) if n)
            return f"{label}: hạn {moment(due)}, {until} chưa hoàn thành ({notes})."
        return f"{label}: hạn {moment(due)} sau ngày {as_of} ({item.as_of_reason})" + (f"; {later}." if later else ".")
    if code in ("open_overdue", "open_on_time"):
        return f"{label}: không có hạn xử lý, nên trạng thái {_quoted(status)} quyết định."
    deadline = f"thời hạn ghi {_quoted(c['due_text'])}" if c["due_text"] else "không có hạn xử lý"
    if item.kind == "cases":
        return (
            f"{label}: hồ sơ {deadline}; Biểu 06 không có cột «không thời hạn» nên hồ sơ được tính là "
            "trong hạn, không bao giờ quá hạn."
        )
    return f"{label}: {deadline}, nên không tính vào tỷ lệ quá hạn."


_FIELD_TITLES: dict[str, tuple[tuple[str, str], ...]] = {
    "cases": (
        ("case_code", "Mã hồ sơ"),
        ("procedure_name", "Thủ tục hành chính"),
        ("field", "Lĩnh vực"),
        ("reported_unit_name", "Đơn vị (như trong tệp)"),
        ("registry_unit_name", "Đơn vị trong danh mục"),
        ("applicant", "Người nộp"),
        ("channel", "Hình thức nộp"),
        ("received", "Ngày tiếp nhận"),
        ("due", "Hạn giải quyết"),
        ("done", "Ngày có kết quả"),
        ("returned", "Ngày trả kết quả"),
        ("status_text", "Trạng thái (như trong tệp)"),
    ),
    "tasks": (
        ("doc_number", "Số, ký hiệu văn bản"),
        ("doc_date", "Ngày văn bản"),
        ("content", "Nội dung nhiệm vụ"),
        ("assigned_by", "Người giao"),
        ("reported_unit_name", "Đơn vị chủ trì (như trong tệp)"),
        ("registry_unit_name", "Đơn vị chủ trì trong danh mục"),
        ("cooperating_units", "Đơn vị phối hợp"),
        ("field", "Lĩnh vực"),
        ("received", "Ngày giao"),
        ("due_original", "Thời hạn ban đầu"),
        ("due", "Thời hạn (sau điều chỉnh, gia hạn)"),
        ("due_text", "Thời hạn (ghi bằng chữ)"),
        ("done", "Ngày hoàn thành"),
        ("status_text", "Trạng thái (như trong tệp)"),
        ("note", "Ghi chú"),
    ),
    "feedback": (
        ("feedback_code", "Mã phản ánh"),
        ("content", "Nội dung"),
        ("category", "Phân loại"),
        ("field", "Lĩnh vực"),
        ("area", "Địa bàn"),
        ("channel", "Kênh tiếp nhận"),
        ("reported_unit_name", "Đơn vị xử lý (như trong tệp)"),
        ("registry_unit_name", "Đơn vị xử lý trong danh mục"),
        ("received", "Ngày tiếp nhận"),
        ("due", "Hạn xử lý"),
        ("done", "Ngày hoàn thành"),
        ("status_text", "Trạng thái (như trong tệp)"),
        ("rating", "Đánh giá của người dân"),
    ),
}


def _value_text(column: str, value: object) -> str:
    if value is None:
        return ""
    if column == "channel" and value in CHANNEL_LABELS:
        return CHANNEL_LABELS[str(value)]
    if column == "rating":
        return RATING_LABELS.get(str(value), str(value))
    if isinstance(value, datetime | pd.Timestamp):
        return moment(value)
    if isinstance(value, date):
        return fmt.day(value)
    return str(value)


def fields(item: Item) -> pd.DataFrame:
    """The item's fields as the file gave them, two columns «Thông tin» and «Nội dung» (text), empty ones left out."""
    rows = [
        (title, _value_text(column, item.record.get(column)))
        for column, title in _FIELD_TITLES[item.kind]
        if item.record.get(column) is not None
    ]
    if item.kind == "tasks" and item.record.get("due") is None and item.record.get("due_text") is None:
        rows.append(("Thời hạn", "không có"))
    return pd.DataFrame(rows, columns=["Thông tin", "Nội dung"])


def upload_facts(item: Item) -> pd.DataFrame:
    """The upload the item was read from: file, sheet and row, when, by whom, its state."""
    r = item.record
    state = STATE_LABELS.get(str(r["upload_state"]), str(r["upload_state"]))
    if r.get("demo_retired_at") is not None:
        state = "dữ liệu minh họa, không còn tính từ khi có dữ liệu thật"
    elif r["upload_state"] == "replaced" and r.get("replaced_by") is not None:
        state += f" (lần tải lên số {int(r['replaced_by'])})"
    by = str(r["uploaded_by"] or "")
    source = SOURCE_LABELS.get(str(r.get("upload_source") or ""), "")
    rows = [
        ("Lần tải lên", f"số {int(r['upload_id'])}"),
        ("Tệp", str(r["file_name"])),
        ("Trang tính, dòng", f"{r['sheet_name'] or ''}, dòng {int(r['source_row'])}".lstrip(", ")),
        ("Thời điểm tải lên", clock.local_text(pd.Timestamp(r["uploaded_at"]).to_pydatetime(), "%d/%m/%Y %H:%M")),
        ("Người tải lên", by + (f" ({source})" if source else "")),
        ("Trạng thái lần tải lên", state),
    ]
    if r.get("period_from") is not None and r.get("period_to") is not None:
        rows.append(("Kỳ của tệp", f"{fmt.day(r['period_from'])} – {fmt.day(r['period_to'])}"))
    return pd.DataFrame(rows, columns=["Thông tin", "Nội dung"])


def warnings_frame(item: Item) -> pd.DataFrame:
    """The warnings recorded for the item's row, and its status disagreeing with its dates (the dates win)."""
    rows = [
        (w.column_name or "", "" if w.value is None else str(w.value), str(w.reason))
        for w in item.warnings.itertuples(index=False)
    ]
    conflict = (item.classification or {}).get("status_conflict")
    if conflict:
        rows.append(
            ("Trạng thái", str(item.classification["status_text"] or ""), f"{conflict}; số liệu tính theo ngày")
        )
    return pd.DataFrame(rows, columns=["Cột", "Giá trị", "Cảnh báo"])


@dataclass(frozen=True)
class Timeline:
    """The item's dates as the chart draws them (province time, as the files write them)."""

    received: datetime | None
    due: datetime | None
    due_original: datetime | None
    end: datetime | None  # the completion, or today for an item not done
    end_label: str
    late_from: datetime | None  # the late span, due → end, when the item went past its deadline
    as_of: datetime | None


def timeline(item: Item, now: datetime) -> Timeline:
    """Received, deadline (and the original one when a task's was extended), completion or `now` (province time),
    the late span between the deadline and the completion or now, and the end of the classification's day."""
    c = item.classification or {}
    r = item.record

    def stamp(value: object) -> datetime | None:
        return None if fmt.is_missing(value) else pd.Timestamp(value).to_pydatetime()

    received = stamp(c.get("received_at") if c else r.get("received"))
    due = stamp(c.get("due_at") if c else r.get("due"))
    done = stamp(c.get("done_at") if c else r.get("done") or r.get("returned"))
    original = stamp(r.get("due_original"))
    if original is not None and due is not None and original.date() == due.date():
        original = None
    end, end_label = (done, "Ngày hoàn thành") if done is not None else (now, "Hôm nay (chưa hoàn thành)")
    late = due if due is not None and end is not None and end > due and (c.get("status_code") != "returned") else None
    if c.get("status_code") == "paused":
        late = None
    as_of = datetime.combine(c["as_of"], time(23, 59)) if c.get("as_of") is not None else None
    return Timeline(received, due, original, end, end_label, late, as_of)


def province_now() -> datetime:
    return clock.to_local(clock.utc_now())


LATE_COLOUR = "#B3261E"


def timeline_chart(line: Timeline):
    """A one-line Plotly chart of the item's dates: received, deadline (and the original one), completion or today,
    the late span in red, and the end of the day the classification is made at when it falls inside."""
    import plotly.graph_objects as go

    marks = [
        (line.received, "Ngày nhận/giao", "#1F5AA6"),
        (line.due_original, "Thời hạn ban đầu", "#8A8A8A"),
        (line.due, "Hạn xử lý", "#C77700"),
        (line.end, line.end_label, LATE_COLOUR if line.late_from is not None else "#2E7D32"),
    ]
    marks = [m for m in marks if m[0] is not None]
    fig = go.Figure()
    if not marks:
        return fig
    xs = [m[0] for m in marks]
    fig.add_trace(
        go.Scatter(
            x=[min(xs), max(xs)], y=[0, 0], mode="lines", line={"color": "#BDBDBD", "width": 4}, hoverinfo="skip"
        )
    )
    if line.late_from is not None and line.end is not None:
        days = (line.end.date() - line.late_from.date()).days
        fig.add_trace(
            go.Scatter(
                x=[line.late_from, line.end],
                y=[0, 0],
                mode="lines",
                line={"color": LATE_COLOUR, "width": 12},
                hovertemplate=f"Quá hạn {fmt.number(days)} ngày<extra></extra>",
            )
        )
    for i, (when, label, colour) in enumerate(sorted(marks, key=lambda m: m[0])):
        fig.add_trace(
            go.Scatter(
                x=[when],
                y=[0],
                mode="markers+text",
                marker={"size": 14, "color": colour, "line": {"color": "white", "width": 2}},
                text=[f"{label}<br>{moment(when)}"],
                textposition="top center" if i % 2 == 0 else "bottom center",
                hovertemplate=f"{label}: {moment(when)}<extra></extra>",
            )
        )
    if line.as_of is not None and min(xs) < line.as_of < max(xs):
        fig.add_shape(type="line", x0=line.as_of, x1=line.as_of, y0=-0.6, y1=0.6, line={"color": "#444", "dash": "dot"})
        fig.add_annotation(
            x=line.as_of, y=-0.75, text=f"Ngày tính: {line.as_of:%d/%m/%Y}", showarrow=False, font={"size": 11}
        )
    span = max(xs) - min(xs)
    pad = max(span * 0.12, pd.Timedelta(days=1))
    fig.update_layout(
        height=230,
        showlegend=False,
        margin={"l": 30, "r": 30, "t": 20, "b": 30},
        yaxis={"visible": False, "range": [-1, 1], "fixedrange": True},
        xaxis={"tickformat": "%d/%m/%Y", "range": [min(xs) - pad, max(xs) + pad], "fixedrange": True},
        plot_bgcolor="white",
    )
    return fig
