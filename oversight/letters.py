"""Reminder letters (văn bản đôn đốc, nhắc nhở): Word drafts naming a unit's late tasks, TTHC cases and feedback of a
period, for one unit (.docx) or many (.zip with an index).

What a letter says comes from the metrics API, nothing else: the unit's headline figures from
`metrics.unit_metrics` (the figures of the ranking), its items from `metrics.overdue_items` (the lists of the unit
page and of the Excel export), so a letter never disagrees with the screen; item lists are access-checked there
(a unit viewer gets their own unit only; here every unit named is also checked first). Its wording is that of the
template (oversight.render.letter: the product's own, or the province's file named by OVERSIGHT_LETTER_TEMPLATE),
filled with the values worded here.

A unit with nothing late in the chosen kinds gets no letter: asked for alone it is refused with a Vietnamese
message (`LetterError`); in a .zip it is left out and listed in the index with the reason.

`LetterRequest` is what the letter form collects (units, level, reason, kinds, reply deadline, number and date
when known); its `register_entry()` gives the arguments for recording the letter in the register of reminders
(oversight.reminders, issue 14 part 2), so the flow can record what it issued.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import duckdb
import pandas as pd

from oversight import access, clock, explain, metrics
from oversight import formatting as fmt
from oversight.auth import audit
from oversight.config import Settings, load_settings
from oversight.exports import neutralise
from oversight.periods import Period
from oversight.render import letter as render
from oversight.text import clean, strip_diacritics

__all__ = [
    "KINDS",
    "LEVELS",
    "MAX_UNITS",
    "LetterError",
    "LetterRequest",
    "Prepared",
    "default_reason",
    "letter_docx",
    "letters_zip",
    "prepare",
]

KINDS = ("tasks", "cases", "feedback")
KIND_LABELS = {"tasks": "Nhiệm vụ", "cases": "Hồ sơ TTHC", "feedback": "Phản ánh, kiến nghị"}
# The register's levels (queries/schema/070_reminders.sql) and how a letter names them.
LEVELS = {"nhac_nho": "nhắc nhở", "phe_binh": "phê bình", "kiem_diem": "kiểm điểm"}
_SUBJECT_VERB = {"nhac_nho": "nhắc nhở", "phe_binh": "phê bình", "kiem_diem": "yêu cầu kiểm điểm trách nhiệm"}
_REQUEST = {
    "nhac_nho": "Ủy ban nhân dân tỉnh nhắc nhở {unit} và đề nghị Thủ trưởng đơn vị",
    "phe_binh": "Ủy ban nhân dân tỉnh phê bình {unit} và yêu cầu Thủ trưởng đơn vị",
    "kiem_diem": "Ủy ban nhân dân tỉnh yêu cầu Thủ trưởng {unit} tổ chức kiểm điểm trách nhiệm của tập thể, "
    "cá nhân có liên quan và",
}
_DELAYS = {
    "tasks": "thực hiện nhiệm vụ được giao",
    "cases": "giải quyết hồ sơ TTHC",
    "feedback": "xử lý phản ánh, kiến nghị",
}
MAX_UNITS = 200  # letters of one .zip
MAX_ROWS = 100  # items of one kind listed in one letter (the longest overdue first)
MAX_REASON = 300
REPLY_DAYS = 10  # default reply deadline: days after the day the draft is made
TO_FILL = "…/…"

INDEX_NAME = "danh_sach_van_ban.csv"


class LetterError(ValueError):
    """A letter that cannot be made, with a Vietnamese message for the user."""


@dataclass(frozen=True)
class LetterRequest:
    """What the letter form collects. `reason` blank: default_reason(kinds, period). `reply_by` None: REPLY_DAYS
    after the day the draft is made. `letter_number` / `letter_date` None: left to fill by hand («…/…», «ngày …
    tháng … năm …»)."""

    period: Period
    unit_ids: tuple[int, ...]
    level: str = "nhac_nho"
    reason: str = ""
    kinds: tuple[str, ...] = KINDS
    reply_by: date | None = None
    letter_number: str | None = None
    letter_date: date | None = None
    units: str = "reported"
    field: str | None = None

    def checked(self) -> LetterRequest:
        """The request with its values checked and tidied; LetterError (Vietnamese) for a bad one."""
        if self.level not in LEVELS:
            raise LetterError(f"Mức độ không hợp lệ: «{self.level}» (nhắc nhở, phê bình hoặc kiểm điểm).")
        kinds = tuple(k for k in KINDS if k in set(self.kinds))
        if not kinds or len(kinds) != len(set(self.kinds)):
            raise LetterError("Hãy chọn ít nhất một loại: nhiệm vụ, hồ sơ TTHC, phản ánh kiến nghị.")
        ids = tuple(dict.fromkeys(int(u) for u in self.unit_ids))
        if not ids:
            raise LetterError("Hãy chọn ít nhất một đơn vị để soạn văn bản.")
        if len(ids) > MAX_UNITS:
            raise LetterError(f"Mỗi lần soạn tối đa {MAX_UNITS} đơn vị (đã chọn {len(ids)}).")
        reason = clean(render.plain(self.reason))
        if len(reason) > MAX_REASON:
            raise LetterError(f"Lý do dài quá {MAX_REASON} ký tự; hãy viết ngắn gọn.")
        number = clean(render.plain(self.letter_number)) if self.letter_number else None
        if number and len(number) > 60:
            raise LetterError("Số, ký hiệu văn bản dài quá 60 ký tự.")
        return replace(
            self, level=self.level, kinds=kinds, unit_ids=ids, reason=reason or default_reason(kinds, self.period),
            letter_number=number or None,
        )  # fmt: skip

    def register_entry(self, unit_ids: list[int] | tuple[int, ...] | None = None, today: date | None = None) -> dict:
        """The keyword arguments of oversight.reminders.record(con, **entry) for this letter: the units given
        (those that got a letter: Prepared.unit_ids) or the request's, source 'letter'."""
        request = self.checked()
        return {
            "unit_ids": list(unit_ids if unit_ids is not None else request.unit_ids),
            "level": request.level,
            "letter_date": request.letter_date or today or clock.local_today(),
            "letter_number": request.letter_number,
            "reason": request.reason,
            "period_start": request.period.start,
            "period_end": request.period.end,
            "kinds": ",".join(request.kinds),
            "source": "letter",
        }


@dataclass(frozen=True)
class Prepared:
    """The letters of a request: one LetterContent per unit with something late, and the units left out
    (unit_id, name, why)."""

    request: LetterRequest
    letters: tuple[render.LetterContent, ...]
    skipped: tuple[tuple[int, str, str], ...] = ()
    names: dict[int, tuple[str, str]] = field(default_factory=dict)  # unit_id -> (name, short name)
    late: dict[int, dict[str, int]] = field(default_factory=dict)  # unit_id -> kind -> late and overdue items

    @property
    def unit_ids(self) -> list[int]:
        return [c.unit_id for c in self.letters]


def _in_sentence(label: str) -> str:
    """«Tháng 10/2025» -> «tháng 10/2025» (a period label inside a sentence)."""
    return label[:1].lower() + label[1:] if label[:2].istitle() else label


def _joined(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " và " + parts[-1]


def default_reason(kinds: tuple[str, ...], period: Period) -> str:
    """«do chậm thực hiện nhiệm vụ được giao, giải quyết hồ sơ thủ tục hành chính trong tháng 10/2025»."""
    return f"do chậm {_joined([_DELAYS[k] for k in KINDS if k in kinds])} trong {_in_sentence(period.label)}"


def addressee(name: str, unit_group: str | None) -> str:
    """Whom a letter is sent to: a department by its name, a district or commune by its People's Committee
    («Xã Long Phước» -> «Ủy ban nhân dân xã Long Phước»)."""
    if unit_group in ("district", "commune") and not name.casefold().startswith(("ủy ban", "ubnd", "uỷ ban")):
        return f"Ủy ban nhân dân {name[:1].lower()}{name[1:]}"
    return name


# --------------------------------------------------------------------------------------------- content


def _late(row: dict, kind: str) -> int:
    return explain.late_count(kind, row)


def _summary(row: dict, kinds: tuple[str, ...], group_size: int) -> str:
    parts = []
    for kind in kinds:
        if not _late(row, kind) and not explain.denominator(kind, row):
            continue  # nothing of this kind in the period
        words = explain.KINDS[kind]
        rate = row.get(explain.RATES[kind])
        text = (
            f"{fmt.number(_late(row, kind))} {words.late_noun} ({explain.late_parts(kind, row)}) trên tổng số "
            f"{explain.denominator_text(kind, row)}"
        )
        if not fmt.is_missing(rate):
            text += f", tỷ lệ {fmt.percent(rate)}"
        parts.append(text)
    if row.get("ranked"):
        standing = (
            f"điểm kỷ luật, kỷ cương hành chính {fmt.number(row.get('score'), 1)}/100, xếp loại "
            f"{row.get('band') or fmt.EMPTY}, xếp hạng {fmt.number(row.get('rank'))}/{fmt.number(group_size)} "
            f"trong nhóm {GROUP_LABELS.get(row.get('unit_group'), '')}"
        )
    else:
        standing = "chưa đủ số liệu để tính điểm, xếp hạng"
    return "; ".join(parts) + "; " + standing + "."


GROUP_LABELS = {"department": "sở, ban, ngành", "district": "cấp huyện", "commune": "cấp xã"}


def _text(value: object) -> str:
    return "" if fmt.is_missing(value) else render.plain(value)


def _days(value: object) -> str:
    return fmt.EMPTY if fmt.is_missing(value) else fmt.number(int(value))


def _done(value: object) -> str:
    return "Chưa hoàn thành" if fmt.is_missing(value) else fmt.day(value)


def _task_row(n: int, item: dict) -> tuple[str, ...]:
    doc = _text(item.get("doc_number"))
    if not fmt.is_missing(item.get("doc_date")):
        doc += f", ngày {fmt.day(item['doc_date'])}"
    return (str(n), doc, _text(item.get("content")), fmt.day(item.get("due_at")), _done(item.get("done_at")),
            _days(item.get("days_overdue")))  # fmt: skip


def _case_row(n: int, item: dict) -> tuple[str, ...]:
    return (str(n), _text(item.get("case_code")), _text(item.get("procedure_name")), fmt.day(item.get("received_at")),
            fmt.day(item.get("due_at")), _done(item.get("done_at")), _days(item.get("days_overdue")))  # fmt: skip


def _feedback_row(n: int, item: dict) -> tuple[str, ...]:
    return (str(n), _text(item.get("feedback_code")), _text(item.get("content")), fmt.day(item.get("received_at")),
            fmt.day(item.get("due_at")), _done(item.get("done_at")), _days(item.get("days_overdue")))  # fmt: skip


_WIDE = (1.3, 2.7, 4.0, 2.3, 2.3, 2.3, 1.6)
TABLE_SPECS = {
    "tasks": (
        "Nhiệm vụ hoàn thành quá hạn, đang quá hạn",
        "nhiệm vụ",
        ("STT", "Số, ngày văn bản giao", "Nội dung nhiệm vụ", "Hạn xử lý", "Ngày hoàn thành", "Số ngày quá hạn"),
        (1.3, 3.2, 5.6, 2.3, 2.4, 1.7),
        ("C", "L", "L", "C", "C", "R"),
        _task_row,
    ),
    "cases": (
        "Hồ sơ thủ tục hành chính giải quyết quá hạn, đang quá hạn",
        "hồ sơ",
        ("STT", "Mã hồ sơ", "Thủ tục hành chính", "Ngày tiếp nhận", "Hạn trả kết quả", "Ngày trả kết quả",
         "Số ngày quá hạn"),
        _WIDE,
        ("C", "L", "L", "C", "C", "C", "R"),
        _case_row,
    ),
    "feedback": (
        "Phản ánh, kiến nghị xử lý quá hạn, đang quá hạn",
        "phản ánh, kiến nghị",
        ("STT", "Mã phản ánh", "Nội dung phản ánh, kiến nghị", "Ngày tiếp nhận", "Hạn xử lý", "Ngày hoàn thành",
         "Số ngày quá hạn"),
        _WIDE,
        ("C", "L", "L", "C", "C", "C", "R"),
        _feedback_row,
    ),
}  # fmt: skip


def _table(kind: str, letter: str, late: int, items: pd.DataFrame) -> render.ItemTable:
    title, noun, headers, widths, aligns, make_row = TABLE_SPECS[kind]
    records = items.to_dict("records")
    shown = records[:MAX_ROWS]
    notes = []
    if len(records) > MAX_ROWS:
        notes.append(
            f"Liệt kê {fmt.number(MAX_ROWS)} {noun} quá hạn lâu nhất; còn {fmt.number(len(records) - MAX_ROWS)} "
            f"{noun} khác (danh sách đầy đủ trên Hệ thống, trang «Đơn vị», tải Excel)."
        )
    if late > len(records):
        notes.append(
            f"{fmt.number(late - len(records))} {noun} được tổng hợp từ báo cáo số liệu (Biểu 06), không có danh "
            "sách chi tiết từng mục."
        )
    return render.ItemTable(
        heading=f"{letter}) {title}: {fmt.number(late)} {noun}.",
        headers=headers,
        widths_cm=widths,
        aligns=aligns,
        rows=tuple(make_row(n, item) for n, item in enumerate(shown, start=1)),
        notes=tuple(notes),
    )


def _items(con, request: LetterRequest, kind: str, unit_ids: tuple[int, ...]) -> dict[int, pd.DataFrame]:
    """The late items of `kind` per unit: one query for one unit, one for the whole province otherwise."""
    if len(unit_ids) == 1:
        frame = metrics.overdue_items(
            con, kind, request.period, unit_id=unit_ids[0], units=request.units, field=request.field
        )
    else:
        frame = metrics.overdue_items(con, kind, request.period, group="all", units=request.units, field=request.field)
    out = {}
    for unit_id in unit_ids:
        part = frame[frame["unit_id"] == unit_id] if not frame.empty else frame
        out[unit_id] = part.reset_index(drop=True)
    return out


def prepare(
    con: duckdb.DuckDBPyConnection,
    request: LetterRequest,
    settings: Settings | None = None,
    today: date | None = None,
) -> Prepared:
    """The letters of `request` (checked first): the units' figures and late items, worded for the template.
    Units outside the current principal's scope are refused (access.AccessDenied); a unit the period does not
    list is refused (LetterError)."""
    access.require(access.EXPORT)
    reason_given = bool(clean(request.reason))
    request = request.checked()
    for unit_id in request.unit_ids:
        access.require_unit(unit_id)
    settings = settings or load_settings()
    today = today or clock.local_today()
    ranking = metrics.unit_metrics(con, request.period, group="all", units=request.units, settings=settings,
                                   field=request.field)  # fmt: skip
    rows = {int(r["unit_id"]): r for r in ranking.to_dict("records")}
    missing = [u for u in request.unit_ids if u not in rows]
    if missing:
        raise LetterError(
            f"Đơn vị mã {', '.join(map(str, missing))} không có trong danh sách đơn vị của {request.period.label}."
        )
    group_sizes = ranking[ranking["ranked"]].groupby("unit_group").size().to_dict() if not ranking.empty else {}
    names = {u: (str(rows[u]["unit_name"]), str(rows[u].get("unit_short_name") or rows[u]["unit_name"]))
             for u in request.unit_ids}  # fmt: skip
    with_late = tuple(u for u in request.unit_ids if sum(_late(rows[u], k) for k in request.kinds) > 0)
    skipped = tuple(
        (u, names[u][0], f"Không có mục trễ hạn, quá hạn trong {_in_sentence(request.period.label)}")
        for u in request.unit_ids
        if u not in with_late
    )
    items = {kind: _items(con, request, kind, with_late) for kind in request.kinds} if with_late else {}
    letters = []
    for unit_id in with_late:
        row = rows[unit_id]
        tables = []
        for kind in request.kinds:
            late = _late(row, kind)
            if late:
                tables.append(_table(kind, "abc"[len(tables)], late, items[kind][unit_id]))
        own = (
            request
            if reason_given
            else replace(
                request, reason=default_reason(tuple(k for k in request.kinds if _late(row, k)), request.period)
            )
        )  # without a reason typed, the unit's own late kinds name it
        values = _values(row, own, settings, today, group_sizes.get(row.get("unit_group"), 0))
        letters.append(
            render.LetterContent(
                unit_id=unit_id,
                values=values,
                tables=tuple(tables),
                closing_notes=(
                    "Số ngày quá hạn: mục đã hoàn thành tính từ hạn xử lý đến ngày hoàn thành; mục chưa hoàn thành "
                    f"tính đến ngày {request.period.end:%d/%m/%Y}.",
                ),
                title=f"V/v {values['trich_yeu']} — {values['ten_don_vi']}",
            )
        )
    late = {u: {k: _late(rows[u], k) for k in KINDS} for u in request.unit_ids}
    return Prepared(request, tuple(letters), skipped, names, late)


def _values(row: dict, request: LetterRequest, settings: Settings, today: date, group_size: int) -> dict[str, str]:
    name = render.plain(row["unit_name"])
    reply_by = request.reply_by or (today + timedelta(days=REPLY_DAYS))
    when = request.letter_date
    return {
        "co_quan_chu_quan": settings.province_title,
        "co_quan_ban_hanh": settings.letter_issuer.upper(),
        "so_van_ban": request.letter_number or TO_FILL,
        "dia_danh": settings.province_name,
        "ngay_van_ban": (
            f"ngày {when.day} tháng {when.month} năm {when.year}" if when else f"ngày      tháng      năm {today.year}"
        ),
        "trich_yeu": f"{_SUBJECT_VERB[request.level]} {request.reason}",
        "muc_do": LEVELS[request.level],
        "ly_do": request.reason,
        "tinh": settings.province_label,
        "ten_don_vi": name,
        "kinh_gui": addressee(name, row.get("unit_group")),
        "ky_bao_cao": _in_sentence(request.period.label),
        "tu_ngay": f"{request.period.start:%d/%m/%Y}",
        "den_ngay": f"{request.period.end:%d/%m/%Y}",
        "tom_tat": _summary(row, request.kinds, group_size),
        "so_nhiem_vu_qua_han": fmt.number(_late(row, "tasks")),
        "so_ho_so_tre_han": fmt.number(_late(row, "cases")),
        "so_phan_anh_qua_han": fmt.number(_late(row, "feedback")),
        "ty_le_nhiem_vu_qua_han": fmt.percent(row.get("tasks_overdue_rate")),
        "ty_le_ho_so_tre_han": fmt.percent(row.get("cases_late_rate")),
        "ty_le_phan_anh_qua_han": fmt.percent(row.get("feedback_overdue_rate")),
        "diem": fmt.number(row.get("score"), 1) if row.get("ranked") else "chưa đủ số liệu",
        "xep_loai": render.plain(row.get("band") or fmt.EMPTY),
        "yeu_cau": _REQUEST[request.level].format(unit=name),
        "han_bao_cao": f"{reply_by:%d/%m/%Y}",
        "ngay_lap": f"{today:%d/%m/%Y}",
    }


# --------------------------------------------------------------------------------------------- files


def slug(text: str, limit: int = 60) -> str:
    """An ASCII file-name part: «Long Phước» -> «Long_Phuoc»; empty -> «don_vi»."""
    ascii_text = strip_diacritics(clean(text)).encode("ascii", "ignore").decode()
    out = re.sub(r"[^A-Za-z0-9]+", "_", ascii_text).strip("_")[:limit].strip("_")
    return out or "don_vi"


def file_names(prepared: Prepared) -> dict[int, str]:
    """One .docx name per letter, from the unit's short name, ASCII and unique within the .zip."""
    out: dict[int, str] = {}
    used: set[str] = set()
    for content in prepared.letters:
        _name, short = prepared.names[content.unit_id]
        base = f"nhac_nho_{slug(short)}"
        candidate = f"{base}.docx"
        if candidate.lower() in used:
            candidate = f"{base}_{content.unit_id}.docx"
        used.add(candidate.lower())
        out[content.unit_id] = candidate
    return out


def _template(settings: Settings):
    return settings.letter_template


def _render(content: render.LetterContent, settings: Settings) -> bytes:
    try:
        return render.render(content, _template(settings))
    except render.TemplateError as exc:
        raise LetterError(str(exc)) from exc


def _audit(con, what: str, request: LetterRequest, **detail) -> None:
    audit.record(
        con,
        audit.EXPORT,
        target=what,
        detail={"period": request.period.id, "level": request.level, "kinds": list(request.kinds), **detail},
    )


def letter_docx(
    con: duckdb.DuckDBPyConnection, request: LetterRequest, settings: Settings | None = None, today: date | None = None
) -> bytes:
    """The letter of one unit (.docx bytes). A unit with nothing late in the chosen kinds is refused (LetterError)."""
    settings = settings or load_settings()
    if len(set(request.unit_ids)) != 1:
        raise LetterError("Văn bản Word dành cho một đơn vị; nhiều đơn vị được tải thành tệp .zip.")
    prepared = prepare(con, request, settings, today)
    if not prepared.letters:
        unit_id, name, _why = prepared.skipped[0]
        raise LetterError(
            f"«{name}» không có {', '.join(explain.KINDS[k].late_noun for k in prepared.request.kinds)} trong "
            f"{_in_sentence(request.period.label)}: không cần văn bản nhắc nhở."
        )
    content = _render(prepared.letters[0], settings)
    _audit(con, "letter_docx", prepared.request, unit_id=prepared.letters[0].unit_id)
    return content


def letters_zip(
    con: duckdb.DuckDBPyConnection, request: LetterRequest, settings: Settings | None = None, today: date | None = None
) -> bytes:
    """One .docx per unit with something late, and the index (INDEX_NAME: every unit asked for, its file or why
    it has none), in a .zip. Refused (LetterError) when no unit has anything late."""
    settings = settings or load_settings()
    prepared = prepare(con, request, settings, today)
    if not prepared.letters:
        raise LetterError(
            f"Không đơn vị nào đã chọn có mục trễ hạn, quá hạn trong {_in_sentence(request.period.label)}: "
            "không có văn bản nào để soạn."
        )
    names = file_names(prepared)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for content in prepared.letters:
            archive.writestr(names[content.unit_id], _render(content, settings))
        archive.writestr(INDEX_NAME, _index(prepared, names))
    _audit(con, "letters_zip", prepared.request, unit_ids=prepared.unit_ids, skipped=[s[0] for s in prepared.skipped])
    return buffer.getvalue()


def _index(prepared: Prepared, names: dict[int, str]) -> bytes:
    """The .zip's index as CSV for Excel (UTF-8 with BOM): one row per unit asked for."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["STT", "Đơn vị", "Tệp văn bản", "Nhiệm vụ quá hạn", "Hồ sơ trễ hạn", "Phản ánh quá hạn", "Ghi chú"]
    )
    by_unit = {c.unit_id: c for c in prepared.letters}
    skipped = {u: why for u, _name, why in prepared.skipped}
    for n, unit_id in enumerate(prepared.request.unit_ids, start=1):
        name = prepared.names[unit_id][0]
        content = by_unit.get(unit_id)
        if content is None:
            writer.writerow([n, neutralise(name), "", "", "", "", skipped.get(unit_id, "")])
            continue
        late = prepared.late[unit_id]
        writer.writerow([n, neutralise(name), names[unit_id], *(late[k] for k in KINDS), ""])
    return out.getvalue().encode("utf-8-sig")
