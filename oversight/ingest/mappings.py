"""Column mappings chosen by hand for a header the synonym tables cannot map completely, remembered in the
database (table column_mappings, queries/ingest/) under a fingerprint of the normalised header cells, so the
next file with the same header (the same export, next month) loads on the upload page and from the CLI alike.

    fp = fingerprint(block.paths)
    save_choices(con, plan, {"cases_pending_overdue": 12}, user)   # what the upload page calls
    remembered(con, fp, kind)                                       # what prepare() looks up
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

import duckdb

from oversight import access, db
from oversight.auth import audit
from oversight.ingest.columns import FIELD_LABELS, KINDS, SYNONYMS, Mapping, missing_required, required_label, words
from oversight.ingest.readers import col_letters


@dataclass(frozen=True)
class Remembered:
    mapping_id: int
    kind: str
    choices: dict[str, int]  # field -> 0-based column
    created_by: str
    created_at: datetime
    fingerprint: str = ""

    def source_text(self) -> str:
        who = self.created_by.split(":", 1)[-1]
        return f"ánh xạ cột đã lưu số {self.mapping_id} ({who}, {self.created_at:%d/%m/%Y %H:%M})"


def fingerprint(paths: dict[int, list[str]]) -> str:
    """SHA-256 of the header cells, each column's path folded (case, diacritics, spacing, punctuation)."""
    cells = [f"{c}={' / '.join(w for w in (words(s) for s in paths[c]) if w)}" for c in sorted(paths)]
    return hashlib.sha256("|".join(cells).encode("utf-8")).hexdigest()


def header_cells(paths: dict[int, list[str]]) -> dict[int, str]:
    """Column -> header text as written ('Kết quả / Quá hạn'), for the choices a person picks from."""
    return {c: " / ".join(paths[c]) for c in sorted(paths)}


def choice_label(column: int, text: str) -> str:
    """'M: Quá hạn' — the column letter as Excel shows it, and the header as written."""
    return f"{col_letters(column)}: {text}"


def remembered(con: duckdb.DuckDBPyConnection, fp: str, kind: str | None = None) -> Remembered | None:
    """The latest mapping saved for this header (of this kind, or of any kind)."""
    access.require(access.UPLOAD)
    df = db.run_internal("ingest/column_mapping_latest", con, fingerprint=fp, kind=kind)
    if df.empty:
        return None
    row = df.iloc[0]
    choices = {str(k): int(v) for k, v in json.loads(row["choices"]).items()}
    return Remembered(int(row["mapping_id"]), str(row["kind"]), choices, str(row["created_by"]), row["created_at"])


def remembered_all(con: duckdb.DuckDBPyConnection) -> list[Remembered]:
    """Every remembered mapping, newest first: read before an upload is read in its own process."""
    access.require(access.UPLOAD)
    df = db.run_internal("ingest/column_mappings_all", con)
    return [
        Remembered(
            int(row.mapping_id),
            str(row.kind),
            {str(k): int(v) for k, v in json.loads(row.choices).items()},
            str(row.created_by),
            row.created_at,
            str(row.fingerprint),
        )
        for row in df.itertuples(index=False)
    ]


def lookup(saved: list[Remembered], fp: str, kind: str | None = None) -> Remembered | None:
    """The newest of `saved` for this header (of this kind, or of any kind): remembered() without a database."""
    return next((r for r in saved if r.fingerprint == fp and (kind is None or r.kind == kind)), None)


def apply_choices(mapping: Mapping, paths: dict[int, list[str]], choices: dict[str, int]) -> Mapping:
    """The automatic mapping with the hand-chosen columns on top (a chosen column leaves any other field)."""
    out = Mapping(mapping.kind, dict(mapping.columns), dict(mapping.headers), mapping.score)
    for fld, col in choices.items():
        if col not in paths or fld not in SYNONYMS[mapping.kind]:
            continue
        for other in [f for f, c in out.columns.items() if c == col and f != fld]:
            del out.columns[other]
            out.headers.pop(other, None)
        out.columns[fld] = col
        out.headers[fld] = " / ".join(paths[col])
    out.missing = missing_required(mapping.kind, out.columns)
    return out


def save_choices(con: duckdb.DuckDBPyConnection, plan, choices: dict[str, int], user: str | None = None) -> int:
    """Remember the columns chosen by hand for the plan's header; returns the mapping's id.

    Refuses (ValueError, Vietnamese) a choice of a column the header does not have, of a field the kind does
    not know, one column for two fields, or a choice that still leaves a required column missing."""
    principal = access.require(access.UPLOAD)
    if plan.kind not in KINDS or not plan.header_fingerprint:
        raise ValueError("Tệp này không có dòng tiêu đề cột để ánh xạ.")
    cells = plan.header_cells
    unknown = [f for f in choices if f not in SYNONYMS[plan.kind]]
    if unknown:
        raise ValueError("Trường dữ liệu không có trong loại này: " + ", ".join(unknown))
    bad = [c for c in choices.values() if c not in cells]
    if bad:
        raise ValueError("Cột không có trong dòng tiêu đề của tệp: " + ", ".join(col_letters(c) for c in bad))
    cols = list(choices.values())
    twice = sorted({c for c in cols if cols.count(c) > 1})
    if twice:
        raise ValueError(
            "Một cột chỉ ứng với một trường dữ liệu; cột "
            + ", ".join(col_letters(c) for c in twice)
            + " được chọn nhiều lần."
        )
    still = [f for f in plan.missing_fields if f not in choices]
    if still:
        raise ValueError("Chưa chọn cột cho: " + ", ".join(f"«{required_label(plan.kind, f)}»" for f in still) + ".")
    cells_json = json.dumps([{"column": col_letters(c), "header": t} for c, t in cells.items()], ensure_ascii=False)
    df = db.run_internal(
        "ingest/column_mapping_insert",
        con,
        fingerprint=plan.header_fingerprint,
        kind=plan.kind,
        header_cells=cells_json,
        choices=json.dumps({f: int(c) for f, c in choices.items()}, sort_keys=True),
        file_name=plan.file_name,
        created_by=user or principal.actor,
    )
    mapping_id = int(df.iloc[0]["mapping_id"])
    audit.record(
        con,
        audit.COLUMN_MAPPING,
        target=plan.file_name,
        detail={
            "mapping_id": mapping_id,
            "kind": plan.kind,
            "choices": {FIELD_LABELS.get(f, f): choice_label(c, cells[c]) for f, c in choices.items()},
        },
    )
    return mapping_id
