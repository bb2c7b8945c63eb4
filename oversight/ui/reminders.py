"""The register of reminders and criticisms on screen: the page «Sổ theo dõi nhắc nhở, phê bình» (a filterable list,
the form to record by hand and the withdrawal for those allowed, the CCHC scoring workbook), a unit's history on its
page, and the ranking's column of reminders in 12 months. Every change goes through oversight.reminders, which
checks the permission and writes the audit row; this module only shows and asks."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd
import streamlit as st

from oversight import access, cchc_export, clock, reminders
from oversight import formatting as fmt
from oversight.auth import audit
from oversight.config import load_settings
from oversight.ui import components, data
from oversight.ui.downloads import XLSX, _as_viewer
from oversight.units.browse import unit_choices

ALL = "__all__"
NOTICE = "reminders_notice"
COLUMNS = {
    "reminder_id": "Số mục",
    "unit_name": "Đơn vị",
    "level_label": "Mức độ",
    "letter_date": "Ngày văn bản",
    "letter_number": "Số, ký hiệu",
    "reason": "Lý do",
    "period_text": "Kỳ theo dõi",
    "kinds_label": "Về",
    "source_label": "Nguồn",
    "recorded_text": "Người ghi, lúc",
    "status_text": "Tình trạng",
}
HISTORY_COLUMNS = ["level_label", "letter_date", "letter_number", "reason", "period_text", "status_text"]


def _day(value) -> str:
    return "" if value is None or (not isinstance(value, date) and pd.isna(value)) else f"{value:%d/%m/%Y}"


def shown(frame: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """The entries as the register shows them: Vietnamese titles, dates dd/mm/yyyy, times in the province's."""
    out = frame.copy()
    out["period_text"] = [
        "" if s is None and e is None else f"{_day(s) or '…'} – {_day(e) or '…'}"
        for s, e in zip(out["period_start"], out["period_end"], strict=True)
    ]
    out["recorded_text"] = [
        f"{_who(who)}, {clock.local_text(at)}" for who, at in zip(out["recorded_by"], out["recorded_at"], strict=True)
    ]
    out["status_text"] = [
        f"Đã thu hồi ngày {clock.local_text(at, '%d/%m/%Y')}: {why}" if pd.notna(at) else "Còn hiệu lực"
        for at, why in zip(out["withdrawn_at"], out["withdrawn_reason"], strict=True)
    ]
    out["letter_date"] = [_day(v) for v in out["letter_date"]]
    out["letter_number"] = out["letter_number"].fillna("(chưa có số)")
    columns = columns or list(COLUMNS)
    return out[columns].rename(columns=COLUMNS).reset_index(drop=True)


def _who(actor: str) -> str:
    """An actor as a person reads it: the account name of a web user ("web:can.bo" -> "can.bo"), else as the audit
    log shows it."""
    text = audit.actor_text(str(actor))
    return text.removeprefix("web:")


def _done(message: str) -> None:
    st.session_state[NOTICE] = message
    st.rerun()


# ---------------------------------------------------------------------------------------------- the page


def register_page(filters) -> None:
    """The page body (pages/register.py)."""
    con = data.connection()
    notice = st.session_state.pop(NOTICE, None)
    if notice:
        st.success(components.plain(notice))
    viewer = access.current()
    if viewer is not None and viewer.units is not None:
        st.info("Tài khoản của bạn chỉ xem được các mục của đơn vị mình.")
    may_record = access.may(access.RECORD_REMINDERS)
    if may_record:
        with st.expander("Ghi sổ một văn bản nhắc nhở, phê bình", expanded=False, icon=":material/edit_note:"):
            record_form(con)
    entries = reminders.list_reminders(con, include_withdrawn=True)
    picked = _filters(entries)
    view = _apply(entries, picked)
    st.caption(
        f"{fmt.number(len(view))} mục · mỗi đơn vị nêu trong một văn bản là một mục; "
        "mục đã thu hồi không còn được tính."
    )
    if view.empty:
        st.info("Chưa có mục nào trong sổ theo dõi khớp với bộ lọc.")
    else:
        st.dataframe(shown(view), hide_index=True, width="stretch")
    if may_record:
        _withdraw_form(con, view)
    st.subheader("Tổng hợp phục vụ chấm điểm chỉ số CCHC")
    _cchc_download(entries, filters)


def _filters(entries: pd.DataFrame) -> dict:
    c1, c2, c3, c4 = st.columns([3, 2, 1, 2])
    units = entries.drop_duplicates("unit_id").sort_values("unit_name")
    names = dict(zip(units["unit_id"].astype(int), units["unit_name"], strict=True))
    unit = c1.selectbox(
        "Đơn vị", [ALL, *names], format_func=lambda u: "Tất cả đơn vị" if u == ALL else names[u], key="reg_unit"
    )
    level = c2.selectbox(
        "Mức độ",
        [ALL, *reminders.LEVELS],
        format_func=lambda v: "Tất cả" if v == ALL else reminders.LEVEL_LABELS[v],
        key="reg_level",
    )
    years = sorted({d.year for d in entries["letter_date"] if d is not None}, reverse=True)
    year = c3.selectbox("Năm", [ALL, *years], format_func=lambda v: "Tất cả" if v == ALL else str(v), key="reg_year")
    source = c4.selectbox(
        "Nguồn",
        [ALL, *reminders.SOURCES],
        format_func=lambda v: "Tất cả" if v == ALL else reminders.SOURCE_LABELS[v],
        key="reg_source",
    )
    withdrawn = st.checkbox("Hiện cả các mục đã thu hồi", value=False, key="reg_withdrawn")
    return {"unit": unit, "level": level, "year": year, "source": source, "withdrawn": withdrawn}


def _apply(entries: pd.DataFrame, picked: dict) -> pd.DataFrame:
    view = entries
    if picked["unit"] != ALL:
        view = view[view["unit_id"] == picked["unit"]]
    if picked["level"] != ALL:
        view = view[view["level"] == picked["level"]]
    if picked["year"] != ALL:
        view = view[[d is not None and d.year == picked["year"] for d in view["letter_date"]]]
    if picked["source"] != ALL:
        view = view[view["source"] == picked["source"]]
    if not picked["withdrawn"]:
        view = view[~view["withdrawn"]]
    return view.reset_index(drop=True)


def record_form(con: duckdb.DuckDBPyConnection, preset_units: list[int] | None = None) -> None:
    """The form to record one letter by hand (those allowed: admins and uploaders)."""
    choices = unit_choices(con)
    with st.form("reminder_record", clear_on_submit=False):
        units = st.multiselect(
            "Đơn vị bị nhắc nhở, phê bình",
            list(choices),
            default=[u for u in (preset_units or []) if u in choices],
            format_func=choices.get,
            placeholder="Chọn một hoặc nhiều đơn vị",
            key="rec_units",
        )
        left, mid, right = st.columns(3)
        level = left.selectbox(
            "Mức độ", list(reminders.LEVELS), format_func=reminders.LEVEL_LABELS.get, key="rec_level"
        )
        letter_date = mid.date_input("Ngày văn bản", value=clock.local_today(), format="DD/MM/YYYY", key="rec_date")
        number = right.text_input(
            "Số, ký hiệu văn bản", max_chars=reminders.MAX_LETTER_NUMBER, placeholder="1234/UBND-HCTC", key="rec_number"
        )
        reason = st.text_area(
            "Lý do", max_chars=reminders.MAX_REASON, placeholder="Chậm hoàn thành nhiệm vụ được giao…", key="rec_reason"
        )
        left, mid, right = st.columns(3)
        start = left.date_input("Kỳ theo dõi từ ngày (nếu có)", value=None, format="DD/MM/YYYY", key="rec_start")
        end = mid.date_input("đến ngày", value=None, format="DD/MM/YYYY", key="rec_end")
        kinds = right.multiselect(
            "Về", list(reminders.KINDS), format_func=reminders.KIND_LABELS.get, placeholder="Chọn", key="rec_kinds"
        )
        submitted = st.form_submit_button("Ghi sổ", type="primary")
    if not submitted:
        return
    try:
        ids = reminders.record(
            con,
            unit_ids=units,
            level=level,
            letter_date=letter_date,
            letter_number=number,
            reason=reason,
            period_start=start,
            period_end=end,
            kinds=",".join(kinds) or None,
            source="manual",
        )
    except (reminders.ReminderError, access.AccessDenied) as err:
        st.error(components.plain(str(err)))
        return
    _done(f"Đã ghi sổ {fmt.number(len(ids))} mục ({reminders.level_label(level).lower()}).")


def _withdraw_form(con: duckdb.DuckDBPyConnection, view: pd.DataFrame) -> None:
    live = view[~view["withdrawn"]]
    if live.empty:
        return
    labels = {
        int(r.reminder_id): f"#{r.reminder_id} · {r.unit_name} · {r.level_label} · {_day(r.letter_date)}"
        + (f" · {r.letter_number}" if isinstance(r.letter_number, str) else "")
        for r in live.itertuples(index=False)
    }
    with st.expander("Thu hồi một mục (ghi nhầm, văn bản bị hủy)", icon=":material/undo:"):
        with st.form("reminder_withdraw"):
            chosen = st.selectbox("Mục cần thu hồi", list(labels), format_func=labels.get, key="wd_id")
            why = st.text_input("Lý do thu hồi", max_chars=reminders.MAX_WITHDRAW_REASON, key="wd_reason")
            submitted = st.form_submit_button("Thu hồi")
        if submitted:
            try:
                reminders.withdraw(con, chosen, why)
            except (reminders.ReminderError, access.AccessDenied) as err:
                st.error(components.plain(str(err)))
                return
            _done(f"Đã thu hồi mục #{chosen}.")


def _cchc_download(entries: pd.DataFrame, filters) -> None:
    if not access.may(access.EXPORT):
        return
    today = clock.local_today()
    first, _last = data.call("data_range")
    years = set(range(first.year if first is not None else today.year, today.year + 1))
    years |= {d.year for d in entries["letter_date"] if d is not None and d.year <= today.year}
    years = sorted(years, reverse=True)
    left, right = st.columns([1, 3], vertical_alignment="bottom")
    year = left.selectbox("Năm chấm điểm", years, key="cchc_year")
    units = getattr(filters, "units", "reported") if filters is not None else "reported"
    with right:
        st.download_button(
            "Tải bảng tổng hợp chấm điểm CCHC (Excel)",
            data=_as_viewer(lambda: cchc_export.cchc_workbook(data.connection(), year, units=units)),
            file_name=f"cham_diem_cchc_{year}.xlsx",
            mime=XLSX,
            on_click="ignore",
            icon=":material/download:",
            key="cchc_xlsx",
        )
    st.caption(
        "Mỗi đơn vị: nhiệm vụ được giao, hoàn thành đúng hạn, hoàn thành quá hạn, chưa hoàn thành, đang quá hạn "
        "trong năm (năm đang diễn ra: đến hôm nay) và số lần bị nhắc nhở, phê bình, kiểm điểm trong năm kèm số "
        "văn bản."
    )


# ---------------------------------------------------------------------------------------------- elsewhere


def unit_history(con: duckdb.DuckDBPyConnection, unit_id: int) -> None:
    """On a unit's page: its entries in the register, newest first (nothing for a unit outside the viewer's scope)."""
    viewer = access.current()
    if viewer is None or (viewer.units is not None and int(unit_id) not in viewer.units):
        return
    st.subheader("Nhắc nhở, phê bình")
    history = reminders.unit_history(con, int(unit_id))
    if history.empty:
        st.caption("Đơn vị chưa có mục nào trong sổ theo dõi nhắc nhở, phê bình.")
        return
    live = history[~history["withdrawn"]]
    window = reminders.window(clock.local_today())
    recent = sum(1 for d in live["letter_date"] if window[0] <= d <= window[1])
    latest = ""
    if not live.empty:
        top = live.iloc[0]
        number = top["letter_number"] or "chưa có số"
        latest = f" Gần nhất: {top['level_label'].lower()} ngày {_day(top['letter_date'])} ({number})."
    st.caption(
        components.plain(
            f"{fmt.number(len(live))} lần bị nhắc nhở, phê bình được ghi sổ, trong đó {fmt.number(recent)} lần "
            f"trong 12 tháng gần nhất.{latest}"
        )
    )
    st.dataframe(shown(history, HISTORY_COLUMNS), hide_index=True, width="stretch")


RANKING_COLUMN = "Bị nhắc nhở (12 tháng)"


def ranking_counts(frame: pd.DataFrame, period) -> pd.DataFrame:
    """The ranking frame with the unit's reminders of the 12 months ending with the period (or today):
    reminders_12m, reminder_flag, reminders_12m_text ("3 ⚑" at or above the setting)."""
    return reminders.with_flags(data.connection(), frame, reminders.flag_as_of(period.end), load_settings())


def ranking_caption(period) -> str:
    settings = load_settings()
    start, end = reminders.window(reminders.flag_as_of(period.end))
    return (
        f"«{RANKING_COLUMN}»: số lần đơn vị bị nhắc nhở, phê bình, kiểm điểm ghi trong sổ theo dõi từ "
        f"{start:%d/%m/%Y} đến {end:%d/%m/%Y}; {reminders.FLAG} đánh dấu đơn vị bị nhắc từ "
        f"{fmt.number(settings.reminder_flag_count)} lần trở lên."
    )
