"""Reading the unit registry (page "Danh mục đơn vị"): units of both eras with their aliases, former names and
lineage, and labels that tell namesakes apart for pickers.

No streamlit here: every function takes the DuckDB connection and reads on a cursor of its own.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from oversight import db
from oversight.formatting import day
from oversight.text import fold
from oversight.units.changes import unit_row
from oversight.units.registry import REFORM

ERAS = ("all", "old", "new")
GROUP_LABELS = {"department": "Sở, ban, ngành", "district": "Cấp huyện", "commune": "Cấp xã"}
SPLIT_COMMUNE = "được chia cho nhiều xã, phường mới"
SPLIT_DEPARTMENT = "được chia cho nhiều cơ quan mới"


def registry_frame(
    con: duckdb.DuckDBPyConnection, era: str = "all", group: str | None = None, search: str | None = None
) -> pd.DataFrame:
    """The registry, one row per unit: unit_id, code, name, type, group, parent, valid_from, valid_to,
    aliases (how many), predecessors and successors (names, comma-separated), merged_into (name), source.
    era "old": units that existed before 1/7/2025; "new": units that exist from 1/7/2025 (a department
    without dates is in both). search: accent- and case-insensitive, on name, code and every alias."""
    if era not in ERAS:
        raise ValueError(f"era must be one of {ERAS}, not {era!r}")
    if group not in (None, *GROUP_LABELS):
        raise ValueError(f"group must be one of {tuple(GROUP_LABELS)}, not {group!r}")
    frame = db.run_internal("units/registry", con, era=era, reform=REFORM, group=group)
    if search and search.strip():
        needle = fold(search)
        hay = (frame["name"].fillna("") + " | " + frame["code"].fillna("") + " | " + frame["alias_text"]).map(fold)
        frame = frame[hay.str.contains(needle, regex=False)]
    frame["aliases"] = frame["aliases"].astype("int64")
    for column in ("valid_from", "valid_to"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame.drop(columns="alias_text").reset_index(drop=True)


def unit_choices(con: duckdb.DuckDBPyConnection, group: str | None = None) -> dict[int, str]:
    """unit_id -> a label that tells namesakes apart ("Xã Thanh Sơn (Huyện Tân Phú, đến 30/06/2025)"), for
    pickers; units merged into another are left out."""
    frame = registry_frame(con, group=group)
    frame = frame[frame["merged_into"].isna()]
    out = {}
    for row in frame.itertuples(index=False):
        parts = [row.parent] if isinstance(row.parent, str) else []
        if row.valid_from is not None and not pd.isna(row.valid_from):
            parts.append(f"từ {day(row.valid_from)}")
        if row.valid_to is not None and not pd.isna(row.valid_to):
            parts.append(f"đến {day(row.valid_to)}")
        out[int(row.unit_id)] = f"{row.name} ({', '.join(parts)})" if parts else row.name
    return out


def aliases_frame(con: duckdb.DuckDBPyConnection, unit_id: int) -> pd.DataFrame:
    """A unit's aliases: alias (as first seen), alias_key, source, created_by, created_at."""
    return db.run_internal("units/unit_aliases", con, id=int(unit_id))


def lineage_frame(con: duckdb.DuckDBPyConnection, unit_id: int) -> pd.DataFrame:
    """Predecessors and successors of a unit: direction ('predecessor' | 'successor'), unit_id, name, code,
    unit_type, effective, is_default (the successor that takes a split unit's data), is_split."""
    frame = db.run_internal("units/unit_lineage", con, id=int(unit_id))
    frame["effective"] = pd.to_datetime(frame["effective"]).dt.date
    return frame


def lineage_lines(con: duckdb.DuckDBPyConnection, unit_id: int) -> list[str]:
    """The lineage in words: "Phường Trấn Biên ← Phường Bửu Long, Phường Quang Vinh, …",
    "Xã Xuân Tâm → Xã Xuân Hòa (nhận số liệu cũ), Xã Xuân Đông" and the split flag."""
    unit = unit_row(con, unit_id)
    frame = lineage_frame(con, unit_id)
    lines = []
    preds = frame[frame["direction"] == "predecessor"]
    if len(preds):
        names = [
            n + (" (một phần)" if split else "") for n, split in zip(preds["name"], preds["is_split"], strict=True)
        ]
        lines.append(f"{unit['name']} ← {', '.join(names)}")
    succs = frame[frame["direction"] == "successor"]
    if len(succs):
        split = bool(succs["is_split"].any())
        names = [
            n + (" (nhận số liệu cũ)" if split and default else "")
            for n, default in zip(succs["name"], succs["is_default"], strict=True)
        ]
        lines.append(f"{unit['name']} → {', '.join(names)}")
        if split:
            flag = SPLIT_DEPARTMENT if unit["unit_group"] == "department" else SPLIT_COMMUNE
            default = succs[succs["is_default"]]["name"]
            target = f"; số liệu cũ tính cho {default.iloc[0]}" if len(default) else ""
            lines.append(f"{unit['name']} {flag}{target}.")
    return lines


def former_names(con: duckdb.DuckDBPyConnection, unit_id: int) -> pd.DataFrame:
    """The names a unit had before it was renamed (Vietnamese headers): name, from, to, who renamed it."""
    return db.run_internal("units/former_names", con, id=unit_id)
