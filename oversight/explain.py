"""Words beside the figures: what each number counts (METRICS.md sections 3-6), so a reader can redo the
arithmetic from the screen. Pure functions over the metrics' dicts and rows; the pages show what they return."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from oversight import formatting as fmt
from oversight import memo


@dataclass(frozen=True)
class KindWords:
    kind: str
    name: str  # the component's name in the score
    late_noun: str  # "nhiệm vụ quá hạn"
    parts: tuple[tuple[str, str], ...]  # (words, count column) adding up to the late count
    total: str  # the count column of every item to be handled
    no_deadline: str | None  # the column left out of the rate's denominator, when the rate leaves it out
    denominator_noun: str  # what the rate's denominator counts
    volume_noun: str  # what the minimum volume of the score counts


KINDS = {
    "tasks": KindWords(
        "tasks",
        "Nhiệm vụ",
        "nhiệm vụ quá hạn",
        (("hoàn thành quá hạn", "tasks_done_late"), ("đang thực hiện quá hạn", "tasks_open_overdue")),
        "tasks_total",
        "tasks_no_deadline",
        "nhiệm vụ có thời hạn",
        "nhiệm vụ có thời hạn",
    ),
    "cases": KindWords(
        "cases",
        "Hồ sơ TTHC",
        "hồ sơ trễ hạn",
        (("đã giải quyết quá hạn", "cases_resolved_late"), ("đang giải quyết quá hạn", "cases_pending_overdue")),
        "cases_total",
        None,
        "hồ sơ phải giải quyết",
        "hồ sơ",
    ),
    "feedback": KindWords(
        "feedback",
        "Phản ánh",
        "phản ánh quá hạn",
        (("đã xử lý quá hạn", "feedback_done_late"), ("đang xử lý quá hạn", "feedback_open_overdue")),
        "feedback_total",
        None,
        "phản ánh, kiến nghị phải xử lý",
        "phản ánh có thời hạn",
    ),
}
RATES = {"tasks": "tasks_overdue_rate", "cases": "cases_late_rate", "feedback": "feedback_overdue_rate"}
HANDLE = {"tasks": "thực hiện", "cases": "giải quyết", "feedback": "xử lý"}


def _int(counts: Mapping, column: str) -> int:
    value = counts.get(column)
    return 0 if fmt.is_missing(value) else int(value)


def late_count(kind: str, counts: Mapping) -> int:
    """The late and overdue items of a kind: the numerator of its rate."""
    return sum(_int(counts, column) for _, column in KINDS[kind].parts)


def late_parts(kind: str, counts: Mapping) -> str:
    """'đã giải quyết quá hạn 278 + đang giải quyết quá hạn 302'."""
    return " + ".join(f"{words} {fmt.number(_int(counts, column))}" for words, column in KINDS[kind].parts)


def denominator(kind: str, counts: Mapping) -> int:
    words = KINDS[kind]
    return _int(counts, words.total) - (_int(counts, words.no_deadline) if words.no_deadline else 0)


def denominator_text(kind: str, counts: Mapping) -> str:
    """'5.556 hồ sơ phải giải quyết'; for tasks '347 nhiệm vụ có thời hạn (429 − 82 không thời hạn)'."""
    words = KINDS[kind]
    text = f"{fmt.number(denominator(kind, counts))} {words.denominator_noun}"
    if words.no_deadline and _int(counts, words.no_deadline):
        text += (
            f" ({fmt.number(_int(counts, words.total))} − {fmt.number(_int(counts, words.no_deadline))} không thời hạn)"
        )
    return text


def total_detail(kind: str, counts: Mapping) -> str:
    """What the total is made of, after ' · ': cases carried over and new; tasks and feedback without deadline."""
    if kind == "cases":
        if not any(c in counts for c in ("cases_carried_over", "cases_new_online", "cases_new_offline")):
            return ""
        new = _int(counts, "cases_new_online") + _int(counts, "cases_new_offline")
        return (
            f" · kỳ trước chuyển sang {fmt.number(_int(counts, 'cases_carried_over'))}"
            f" + mới tiếp nhận {fmt.number(new)}"
        )
    no_deadline = _int(counts, f"{kind}_no_deadline") if f"{kind}_no_deadline" in counts else 0
    if not no_deadline:
        return ""
    left_out = " (không tính vào tỷ lệ)" if KINDS[kind].no_deadline else ""
    return f" · {fmt.number(no_deadline)} không thời hạn{left_out}"


def late_sentence(kind: str, counts: Mapping) -> str:
    """'Hồ sơ trễ hạn: 580 (đã giải quyết quá hạn 278 + đang giải quyết quá hạn 302)'."""
    noun = KINDS[kind].late_noun
    return f"{noun[0].upper()}{noun[1:]}: {fmt.number(late_count(kind, counts))} ({late_parts(kind, counts)})"


def rate_sentence(kind: str, counts: Mapping) -> str:
    """'Tỷ lệ trễ hạn 10,4 % trên 5.556 hồ sơ phải giải quyết' (the rate as the metrics computed it)."""
    word = "trễ hạn" if kind == "cases" else "quá hạn"
    return f"Tỷ lệ {word} {fmt.percent(counts.get(RATES[kind]))} trên {denominator_text(kind, counts)}"


# -- the discipline score's components (queries/staging/36_fn_score_components.sql) --------------------------

_VOLUME = {"tasks": "tasks_rated", "cases": "cases_total", "feedback": "feedback_judged"}


def component_volume(kind: str, row: Mapping) -> int:
    """The denominator a component of the score needs min_volume of: tasks and feedback with a deadline, cases."""
    return _int(row, _VOLUME[kind])


def component_reason(kind: str, row: Mapping, min_volume: int, weight: float) -> str | None:
    """Why a component did not count in the unit's score, e.g. 'Nhiệm vụ (14 − 5 không thời hạn = 9 < 10)',
    'Phản ánh (không có số liệu)'; None when it counted."""
    if not fmt.is_missing(row.get(f"{kind}_component")):
        return None
    words = KINDS[kind]
    if weight <= 0:
        return f"{words.name} (trọng số 0)"
    total = _int(row, words.total)
    if total == 0:
        return f"{words.name} (không có số liệu)"
    volume = component_volume(kind, row)
    no_deadline = total - volume
    if kind != "cases" and no_deadline > 0:
        detail = f"{fmt.number(total)} − {fmt.number(no_deadline)} không thời hạn = {fmt.number(volume)}"
    else:
        detail = fmt.number(volume)
    return f"{words.name} ({detail} < {fmt.number(min_volume)})"


def score_components_text(row: Mapping, min_volume: int, weights: Mapping[str, float]) -> str:
    """The components that formed a unit's score and why the others were left out, e.g.
    'Nhiệm vụ, Hồ sơ TTHC · chưa tính Phản ánh (4 < 10)'; a unit with none: 'Chưa tính Nhiệm vụ (…), …'."""
    counted, reasons = [], []
    for kind in KINDS:
        reason = component_reason(kind, row, min_volume, float(weights.get(kind, 0.0)))
        if reason is None:
            counted.append(KINDS[kind].name)
        else:
            reasons.append(reason)
    if not counted:
        return "Chưa tính " + ", ".join(reasons)
    return ", ".join(counted) + (" · chưa tính " + ", ".join(reasons) if reasons else "")


def with_components_text(frame: pd.DataFrame, min_volume: int, weights: Mapping[str, float]) -> pd.DataFrame:
    """The frame with a `score_components_text` column."""
    out = frame.copy()
    wanted = {f"{kind}_component": None for kind in KINDS} | {KINDS[k].total: None for k in KINDS}
    wanted |= {_VOLUME[k]: None for k in KINDS}
    columns = [c for c in wanted if c in frame.columns]
    out["score_components_text"] = _components_texts(frame[columns].reset_index(drop=True), min_volume, dict(weights))
    return out


@memo.remembered()
def _components_texts(counts: pd.DataFrame, min_volume: int, weights: dict[str, float]) -> list[str]:
    """score_components_text of every row, read column by column (to_dict of every column boxed each text cell:
    0.4 s for a province's 3,321 communes), remembered for the next page run."""
    columns = list(counts.columns)
    cells = zip(*(counts[c].tolist() for c in columns), strict=True)
    return [score_components_text(dict(zip(columns, row, strict=True)), min_volume, weights) for row in cells]


# -- tables per unit of one kind -----------------------------------------------------------------------------


def kind_volume(frame: pd.DataFrame, kind: str) -> pd.Series:
    """Per row, the denominator a unit needs min_volume of to be compared on this kind (as the lagging list
    and the score count it: tasks and feedback with a deadline, cases to be handled)."""
    words = KINDS[kind]
    total = frame[words.total].fillna(0).astype("int64")
    no_deadline_column = f"{kind}_no_deadline"
    if kind != "cases" and no_deadline_column in frame.columns:
        total = total - frame[no_deadline_column].fillna(0).astype("int64")
    return total


def order_units(frame: pd.DataFrame, kind: str, min_volume: int) -> pd.DataFrame:
    """The units of one kind, highest rate first, the units below the minimum volume after every compared unit
    (a unit with 1 late task of 1 never heads the table); `volume_note` says why a unit is not compared."""
    rate = RATES[kind]
    out = frame.copy()
    volume = kind_volume(out, kind)
    out["_enough"] = volume >= min_volume
    noun = KINDS[kind].volume_noun
    out["volume_note"] = [
        "" if enough else f"chưa đủ số liệu ({fmt.number(v)} {noun} < {fmt.number(min_volume)})"
        for enough, v in zip(out["_enough"], volume, strict=True)
    ]
    out = out.sort_values(
        ["_enough", rate, KINDS[kind].total], ascending=[False, False, False], na_position="last", kind="stable"
    )
    return out.drop(columns="_enough")
