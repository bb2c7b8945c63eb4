"""The overview's «what these figures rest on»: the newest day of the period's data, the last upload and the uploads
behind the period (oversight.metrics.freshness). File names and user names are data: shown as plain text."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from oversight import clock
from oversight import formatting as fmt
from oversight.ingest.columns import KIND_LABELS
from oversight.ui import components

ORIGIN_LABELS = {"demo": "Dữ liệu minh họa", "real": "Dữ liệu thật"}


def _kind(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


def text(fresh: dict) -> str:
    """One line: the newest data day, the last upload (file, province time, by whom), how many uploads."""
    newest = fresh["newest_day"]
    parts = [f"dữ liệu mới nhất của kỳ đến ngày {fmt.day(newest)}" if newest else "kỳ này chưa có dữ liệu"]
    last = fresh["last_upload"]
    if last:
        parts.append(
            f"lần tải lên gần nhất: «{last['file_name']}» ({_kind(last['kind'])}) lúc "
            f"{clock.local_text(pd.Timestamp(last['uploaded_at']).to_pydatetime())}, người tải: {last['uploaded_by']}"
        )
    else:
        parts.append("chưa có lần tải lên nào được tính")
    count = len(fresh["uploads"])
    parts.append(
        f"{fmt.number(count)} lần tải lên có số liệu của kỳ" if count else "không lần tải lên nào có số liệu của kỳ"
    )
    return "Số liệu dựa trên: " + " · ".join(parts) + "."


def table(uploads: pd.DataFrame) -> pd.DataFrame:
    """The uploads behind the period as a person reads them."""
    return pd.DataFrame(
        {
            "Số": uploads["upload_id"].astype(int),
            "Tệp": uploads["file_name"],
            "Loại": [_kind(k) for k in uploads["kind"]],
            "Kỳ": [
                f"{fmt.day(a)} – {fmt.day(b)}" if not pd.isna(a) else "theo ngày trong tệp"
                for a, b in zip(uploads["period_from"], uploads["period_to"], strict=True)
            ],
            "Người tải": uploads["uploaded_by"],
            "Thời điểm": [v.strftime("%H:%M %d/%m/%Y") for v in clock.local_series(uploads["uploaded_at"])],
            "Nguồn": [ORIGIN_LABELS.get(o, o) for o in uploads["origin"]],
        }
    )


def show(fresh: dict) -> None:
    """The line under the overview's title, and the uploads in a small expander."""
    st.caption(components.plain(text(fresh)))
    uploads = fresh["uploads"]
    if len(uploads):
        with st.expander(f"Các lần tải lên có số liệu của kỳ ({fmt.number(len(uploads))})"):
            st.dataframe(table(uploads), hide_index=True, width="stretch")
