"""«Soạn văn bản nhắc nhở»: the form that prepares reminder letters (oversight.letters) for one unit or many, on the
rankings page, beside the lagging list of the overview and on a unit's page.

The form collects a `letters.LetterRequest` (units, level, reason, kinds, reply deadline, number when known): the
download button builds the Word file (one unit) or the .zip (several) when clicked, as whoever sees the button,
and the export is audited. Units with nothing late in the chosen kinds are named and left out before the button is
offered, so a click never fails on them. `last_request(key)` gives the request behind the form's button, for
recording the letter in the register of reminders afterwards.

Only whoever reads every unit (leaders, uploaders, admins) sees the form: a unit viewer does not write letters
to units.
"""

from __future__ import annotations

import functools
from datetime import timedelta
from pathlib import Path

import pandas as pd
import streamlit as st

from oversight import access, clock, explain, letters, reminders
from oversight import formatting as fmt
from oversight.config import load_settings
from oversight.render import letter as render
from oversight.ui import components, data, downloads

TITLE = "Soạn văn bản nhắc nhở"
ZIP = "application/zip"
LEVEL_LABELS = {"nhac_nho": "Nhắc nhở", "phe_binh": "Phê bình", "kiem_diem": "Yêu cầu kiểm điểm"}
DEFAULT_BAND_LIMIT = 20  # units preselected from the worst band on the rankings page
DEFAULT_LOWEST = 5  # else the lowest-scoring ranked units


def allowed() -> bool:
    principal = access.current()
    return principal is not None and principal.can(access.EXPORT) and principal.units is None


def _late(row: dict, kinds: tuple[str, ...]) -> int:
    return sum(explain.late_count(k, row) for k in kinds)


def _template_problem() -> str | None:
    """What is wrong with the letter template (None: nothing), checked again only when its file changes."""
    path = load_settings().letter_template
    try:
        stat = Path(path or render.DEFAULT_TEMPLATE).stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = None  # load_template says why
    return _template_problem_of(str(path) if path else None, stamp)


@functools.lru_cache(maxsize=8)
def _template_problem_of(path: str | None, stamp: tuple[int, int] | None) -> str | None:
    try:
        render.check_template(render.load_template(Path(path) if path else None), "Mẫu văn bản")
    except render.TemplateError as exc:
        return str(exc)
    return None


def _request_key(key: str) -> str:
    return f"{key}_letter_request"


def last_request(key: str) -> letters.LetterRequest | None:
    """The request behind the download button of the form `key` in this page run (None when none is offered)."""
    return st.session_state.get(_request_key(key))


def compose(
    filters,
    default_ids: list[int],
    key: str,
    candidates: pd.DataFrame | None = None,
    single: bool = False,
    expanded: bool = False,
    kinds_default: tuple[str, ...] = letters.KINDS,
) -> letters.LetterRequest | None:
    """The form in an expander: units (or the one unit when `single`), level, kinds, reason, reply deadline, number;
    then the download button. `candidates`: the unit_metrics rows to choose from (default: every unit of the
    period)."""
    if not allowed():
        return None
    period = filters.period
    if candidates is None:
        candidates = data.frame("unit_metrics", period=period, group="all", units=filters.units, field=filters.field)
    if candidates.empty:
        return None
    candidates = candidates.drop_duplicates("unit_id").sort_values("unit_name")
    # column by column: a province offers thousands of units, and only the chosen ones' rows are read (_offer)
    names = dict(zip(map(int, candidates["unit_id"].tolist()), map(str, candidates["unit_name"].tolist()), strict=True))
    defaults = [int(u) for u in default_ids if int(u) in names][: letters.MAX_UNITS]
    if single and not defaults:
        return None
    st.session_state.pop(_request_key(key), None)
    with st.expander(TITLE, expanded=expanded, icon=":material/mail:"):
        if single:
            chosen = defaults[:1]
            st.caption(
                components.plain(f"Văn bản gửi {names[chosen[0]]} về các mục trễ hạn, quá hạn của {period.label}.")
            )
        else:
            chosen = st.multiselect(
                "Đơn vị nhận văn bản",
                list(names),
                default=defaults,
                format_func=names.get,
                max_selections=letters.MAX_UNITS,
                key=f"{key}_units",
                help=f"Mỗi đơn vị một văn bản Word; nhiều đơn vị được tải thành một tệp .zip (tối đa "
                f"{letters.MAX_UNITS} đơn vị).",
            )
        left, middle = st.columns(2)
        level = left.selectbox("Mức độ", list(letters.LEVELS), format_func=LEVEL_LABELS.get, key=f"{key}_level")
        kinds = middle.multiselect(
            "Nội dung",
            list(letters.KINDS),
            default=[k for k in letters.KINDS if k in kinds_default],
            format_func=letters.KIND_LABELS.get,
            key=f"{key}_kinds",
        )
        reason = st.text_input(
            "Lý do (ghi sau «V/v nhắc nhở / phê bình …»)",
            max_chars=letters.MAX_REASON,
            placeholder=letters.default_reason(tuple(kinds) or letters.KINDS, period),
            help="Để trống: lý do theo các loại đơn vị còn trễ hạn, ví dụ «do chậm giải quyết hồ sơ thủ tục hành "
            "chính trong tháng 10/2025».",
            key=f"{key}_reason",
        )
        left, middle = st.columns(2)
        today = clock.local_today()
        reply_by = left.date_input(
            "Hạn báo cáo kết quả",
            value=today + timedelta(days=letters.REPLY_DAYS),
            min_value=today,
            format="DD/MM/YYYY",
            key=f"{key}_reply",
        )
        number = middle.text_input(
            "Số, ký hiệu văn bản (để trống nếu chưa có)", max_chars=60, key=f"{key}_number", placeholder="…/…"
        )
        return _offer(filters, key, chosen, names, candidates, level, tuple(kinds), reason, reply_by, number, single)


def _offer(filters, key, chosen, names, candidates, level, kinds, reason, reply_by, number, single):
    period = filters.period
    if not chosen:
        st.caption("Chọn ít nhất một đơn vị.")
        return None
    if not kinds:
        st.caption("Chọn ít nhất một nội dung: nhiệm vụ, hồ sơ TTHC, phản ánh kiến nghị.")
        return None
    picked = candidates[candidates["unit_id"].isin(chosen)]
    rows = {int(r["unit_id"]): r for r in picked.to_dict("records")}
    late = [u for u in chosen if _late(rows[u], kinds) > 0]
    idle = [u for u in chosen if u not in late]
    if idle:
        listed = ", ".join(names[u] for u in idle[:10]) + (" …" if len(idle) > 10 else "")
        st.info(
            components.plain(
                f"Không có mục trễ hạn, quá hạn trong {period.label} nên không soạn văn bản cho: {listed}."
            ),
            icon=":material/info:",
        )
        if not late:
            return None
    problem = _template_problem()
    if problem:
        st.error(problem)
        return None
    request = letters.LetterRequest(
        period=period,
        unit_ids=tuple(late),
        level=level,
        reason=reason or "",
        kinds=kinds,
        reply_by=reply_by,
        letter_number=number or None,
        units=filters.units,
        field=filters.field,
    )
    try:
        request.checked()
    except letters.LetterError as exc:
        st.error(components.plain(str(exc)))
        return None
    if len(late) == 1:
        unit_id = late[0]
        short = letters.slug(str(rows[unit_id].get("unit_short_name") or names[unit_id]))
        st.download_button(
            "Tải văn bản nhắc nhở (Word)",
            data=downloads._as_viewer(lambda: letters.letter_docx(data.connection(), request)),
            file_name=f"nhac_nho_{short}_{period.id}.docx",
            mime=downloads.DOCX,
            on_click="ignore",
            icon=":material/description:",
            key=f"{key}_docx",
        )
    else:
        st.download_button(
            f"Tải {fmt.number(len(late))} văn bản nhắc nhở (.zip)",
            data=downloads._as_viewer(lambda: letters.letters_zip(data.connection(), request)),
            file_name=f"nhac_nho_{fmt.number(len(late))}_don_vi_{period.id}.zip",
            mime=ZIP,
            on_click="ignore",
            icon=":material/folder_zip:",
            key=f"{key}_zip",
        )
    st.caption(
        "Bản dự thảo theo thể thức Nghị định 30/2020/NĐ-CP: số, ngày văn bản và chữ ký để trống. Mẫu văn bản "
        "do Văn phòng thay được (xem hướng dẫn «Văn bản nhắc nhở»)."
    )
    st.session_state[_request_key(key)] = request
    record_offer(key, request)
    return request


def record_offer(key: str, request: letters.LetterRequest) -> None:
    """«Ghi vào sổ theo dõi»: once the letter is issued, whoever may record (admins, uploaders) enters it in the
    register of reminders (oversight.reminders) with its date and number, one entry per unit that got a letter."""
    if not access.may(access.RECORD_REMINDERS):
        return
    with st.form(f"{key}_record", border=True):
        st.markdown("**Ghi vào sổ theo dõi nhắc nhở, phê bình**")
        st.caption("Sau khi văn bản được ký, ban hành: ghi số, ngày văn bản để Sở Nội vụ theo dõi, tổng hợp.")
        left, right = st.columns(2)
        letter_date = left.date_input(
            "Ngày văn bản", value=clock.local_today(), format="DD/MM/YYYY", key=f"{key}_rec_date"
        )
        number = right.text_input(
            "Số, ký hiệu văn bản",
            value=request.letter_number or "",
            max_chars=reminders.MAX_LETTER_NUMBER,
            placeholder="1234/UBND-HCTC",
            key=f"{key}_rec_number",
        )
        submitted = st.form_submit_button("Ghi vào sổ theo dõi", icon=":material/bookmark_add:")
    if not submitted:
        return
    entry = request.register_entry()
    entry.update(letter_date=letter_date, letter_number=number.strip() or None)
    try:
        ids = reminders.record(data.connection(), **entry)
    except (reminders.ReminderError, access.AccessDenied) as err:
        st.error(components.plain(str(err)))
        return
    st.success(
        f"Đã ghi sổ {fmt.number(len(ids))} đơn vị ({reminders.level_label(request.level).lower()}); xem trang «Sổ "
        "theo dõi nhắc nhở, phê bình».",
        icon=":material/check:",
    )


def for_ranking(filters, frames: dict[str, pd.DataFrame]) -> letters.LetterRequest | None:
    """On the rankings page: every ranked or listed unit to choose from, the units of the worst band preselected
    (lowest score first, at most DEFAULT_BAND_LIMIT), else the DEFAULT_LOWEST lowest-scoring units."""
    if not allowed():
        return None
    parts = [f for f in frames.values() if not f.empty]
    if not parts:
        return None
    frame = pd.concat(parts, ignore_index=True)
    ranked = frame[frame["ranked"].fillna(False).astype(bool)].sort_values(["score", "unit_name"])
    worst = ranked[ranked["band"] == load_settings().lowest_band]
    chosen = worst.head(DEFAULT_BAND_LIMIT) if not worst.empty else ranked.head(DEFAULT_LOWEST)
    return compose(filters, [int(u) for u in chosen["unit_id"]], key="letters_ranking", candidates=frame)


def for_lagging(
    filters, worst: pd.DataFrame, key: str = "letters_lagging", kinds: tuple[str, ...] = letters.KINDS
) -> letters.LetterRequest | None:
    """Beside a lagging list: its units preselected (those with something late in `kinds`); any unit of the
    period can be added."""
    if not allowed() or worst is None or worst.empty:
        return None
    late = [int(r["unit_id"]) for r in worst.to_dict("records") if _late(r, kinds) > 0]
    return compose(filters, late, key=key, kinds_default=kinds)


def for_unit(filters, unit_id: int) -> letters.LetterRequest | None:
    """On a unit's page: the letter to that unit (one .docx)."""
    if not allowed():
        return None
    return compose(filters, [int(unit_id)], key=f"letters_unit_{int(unit_id)}", single=True)
