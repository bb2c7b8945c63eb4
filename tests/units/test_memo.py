"""oversight.memo: a remembered table function answers from memory only for arguments it cannot tell apart."""

from __future__ import annotations

import threading

import numpy as np
import pandas as pd
import pytest

from oversight import explain, memo, tables
from oversight.config import load_settings


def _counted(min_cells: int = 0, maxsize: int = 32):
    calls = []

    @memo.remembered(maxsize=maxsize, min_cells=min_cells)
    def shout(frame: pd.DataFrame, suffix: str = "!") -> pd.DataFrame:
        calls.append(1)
        return frame.astype(str) + suffix

    return shout, calls


def _frame(**columns) -> pd.DataFrame:
    base = {"unit": ["Xã A", "Phường B", "Xã C"], "late": [1, 2, 3]}
    return pd.DataFrame(base | columns)


def test_the_same_content_is_computed_once_and_handed_out_as_a_copy():
    shout, calls = _counted()
    first = shout(_frame())
    first.iloc[0, 0] = "changed by the caller"
    second = shout(_frame())
    assert len(calls) == 1
    assert second.iloc[0, 0] == "Xã A!"


@pytest.mark.parametrize(
    "other",
    [
        _frame(unit=["Xã A", "Phường B", "Xã D"]),  # one cell of text
        _frame(late=[1, 2, 4]),  # one number
        _frame(late=[1.0, 2.0, 3.0]),  # the same numbers as floats
        _frame(late=pd.array([1, 2, None], dtype="Int64")),  # a missing value
        _frame(late=pd.array([1, 2, 0], dtype="Int64")),
        _frame().rename(columns={"late": "overdue"}),  # a column's name
        _frame().set_axis([5, 6, 7]),  # the index
        _frame(unit=pd.array(["Xã A", "Phường B", "Xã C"], dtype="string")),  # the dtype
        _frame(late=np.array([1, 2, 3], dtype="int32")),
    ],
)
def test_anything_that_tells_two_arguments_apart_is_computed_again(other):
    shout, calls = _counted()
    shout(_frame())
    assert shout(other).equals(other.astype(str) + "!")
    assert len(calls) == 2


def test_objects_that_print_alike_but_differ_in_type_are_told_apart():
    shout, calls = _counted()
    ones = [pd.DataFrame({"v": pd.Series(v, dtype=object)}) for v in ([1, 1], [1.0, 1.0], ["1", "1"], [True, True])]
    assert [shout(f).iloc[0, 0] for f in ones] == ["1!", "1.0!", "1!", "True!"]
    assert len(calls) == 4


def test_other_arguments_are_part_of_the_key():
    shout, calls = _counted()
    assert shout(_frame(), suffix="?").iloc[0, 0] == "Xã A?"
    assert shout(_frame(), suffix="!").iloc[0, 0] == "Xã A!"
    assert len(calls) == 2


def test_small_frames_are_computed_every_time():
    shout, calls = _counted(min_cells=100)
    shout(_frame())
    shout(_frame())
    assert len(calls) == 2


def test_an_argument_that_cannot_be_digested_is_computed_without_the_memo():
    shout, calls = _counted()
    lock = pd.DataFrame({"v": [threading.Lock(), threading.Lock()]})  # not picklable
    shout(lock)
    shout(lock)
    assert len(calls) == 2


def test_only_the_latest_results_are_kept():
    shout, calls = _counted(maxsize=2)
    frames = [_frame(late=[i, i, i]) for i in range(3)]
    for f in frames:
        shout(f)
    shout(frames[2])
    assert len(calls) == 3
    shout(frames[0])  # evicted
    assert len(calls) == 4


def _ranking(rows: int) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    rate = rng.random(rows)
    rate[::5] = np.nan
    return pd.DataFrame(
        {
            "rank": pd.array([i + 1 if i % 4 else None for i in range(rows)], dtype="Int64"),
            "unit_name": [f"Xã số {i}" for i in range(rows)],
            "score": rng.random(rows) * 100,
            "cases_late_rate": rate,
            "cases_total": rng.integers(0, 10_000, rows),
            "tasks_total": rng.integers(0, 50, rows),
            "tasks_rated": rng.integers(0, 50, rows),
            "tasks_component": np.where(rng.random(rows) < 0.5, np.nan, 80.0),
            "cases_component": np.where(rng.random(rows) < 0.5, np.nan, 70.0),
            "feedback_total": rng.integers(0, 20, rows),
            "feedback_judged": rng.integers(0, 20, rows),
            "feedback_component": np.nan,
        }
    )


def test_present_remembered_equals_present_computed():
    frame = _ranking(1_000)
    columns = ["rank", "unit_name", "score", "cases_late_rate", "cases_total"]
    expected = tables._present.__wrapped__(frame[columns], tuple(columns))
    assert tables.present(frame, columns).equals(expected)
    assert tables.present(frame, columns).equals(expected)  # from memory
    assert expected.iloc[5, 0] == "6" and expected.iloc[4, 0] == "—"
    assert expected.iloc[0, 3] == "—"  # a missing rate, not 0 %


def test_components_text_remembered_equals_computed_row_by_row():
    settings = load_settings()
    frame = _ranking(1_000)
    once = explain.with_components_text(frame, settings.min_volume, settings.weights)
    twice = explain.with_components_text(frame, settings.min_volume, settings.weights)
    by_row = [
        explain.score_components_text(row, settings.min_volume, settings.weights) for row in frame.to_dict("records")
    ]
    assert once["score_components_text"].tolist() == by_row == twice["score_components_text"].tolist()
    other = explain.with_components_text(frame, settings.min_volume + 100, settings.weights)
    assert other["score_components_text"].tolist() != by_row
