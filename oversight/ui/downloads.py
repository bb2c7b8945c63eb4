"""Download buttons for the exports; the file is built only when the button is clicked."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from oversight import access, db, exports
from oversight.ui import data

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _as_viewer(build: Callable[[], bytes]) -> Callable[[], bytes]:
    """The file is built when the button is clicked, outside this page run: build it as whoever sees the
    button now (the exports ask the current principal, and would refuse nobody), in a session of its own."""
    principal = access.current()
    path = data.db_path()

    def run() -> bytes:
        with db.session(path), access.acting_as(principal):  # its own session: the page run has ended
            return build()

    return run


def ranking_workbook(filters, key: str = "ranking_xlsx") -> None:
    period = filters.period
    st.download_button(
        "Tải bảng xếp hạng (Excel)",
        data=_as_viewer(
            lambda: exports.ranking_workbook(
                data.connection(), period, group=filters.group, units=filters.units, field=filters.field
            )
        ),
        file_name=f"xep_hang_{period.id}.xlsx",
        mime=XLSX,
        on_click="ignore",
        icon=":material/download:",
        key=key,
    )


BRIEF_BUTTONS = "brief_buttons"


def brief(filters) -> None:
    period = filters.period
    # keyed, so that the phone layout (components.PHONE_CSS) keeps these two buttons side by side and nothing else
    left, right = st.container(key=BRIEF_BUTTONS).columns(2)
    left.download_button(
        "Báo cáo nhanh (PDF, 1 trang A4)",
        data=_as_viewer(
            lambda: exports.brief_pdf(
                data.connection(), period, group=filters.group, units=filters.units, field=filters.field
            )
        ),
        file_name=f"bao_cao_nhanh_{period.id}.pdf",
        mime="application/pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
        key="brief_pdf",
    )
    right.download_button(
        "Báo cáo nhanh (Word)",
        data=_as_viewer(
            lambda: exports.brief_docx(
                data.connection(), period, group=filters.group, units=filters.units, field=filters.field
            )
        ),
        file_name=f"bao_cao_nhanh_{period.id}.docx",
        mime=DOCX,
        on_click="ignore",
        icon=":material/description:",
        key="brief_docx",
    )


def items_workbook(filters, kind: str, unit_id: int | None = None, key: str | None = None) -> None:
    period = filters.period
    st.download_button(
        "Tải danh sách (Excel)",
        data=_as_viewer(
            lambda: exports.items_workbook(
                data.connection(),
                period,
                kind,
                unit_id=unit_id,
                group=None if unit_id else filters.group,
                units=filters.units,
                field=filters.field,
            )
        ),
        file_name=f"tre_han_{kind}_{unit_id or filters.group}_{period.id}.xlsx",
        mime=XLSX,
        on_click="ignore",
        icon=":material/download:",
        key=key or f"items_xlsx_{kind}",
    )


def csv(frame, file_name: str, key: str, label: str = "Tải bảng (CSV)") -> None:
    """A table as CSV, built when clicked (neutralised and audited by exports.table_csv). `frame` is the
    table or a function returning it."""
    st.download_button(
        label,
        data=_as_viewer(lambda: exports.table_csv(data.connection(), frame() if callable(frame) else frame, file_name)),
        file_name=file_name,
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key=key,
    )
