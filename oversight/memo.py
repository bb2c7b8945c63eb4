"""Pure table functions remembered by what they were given: a warm page run formats the same thousands of cells
as the last one (a province's 3,321 communes in a ranking: 0.2-0.4 s of Python per run), so `remembered`
keeps the latest results of a function keyed by the exact content of its arguments.

The key is a digest of every argument: a DataFrame or Series by its column names, dtypes, index and every
value (numbers, dates and booleans by their bytes; anything else pickled, so 1, 1.0 and "1" differ), never by
a sample; other arguments by their type and repr. A result is never shared between two calls that could tell
their arguments apart. A DataFrame (or list) result is handed out as a copy, so no caller changes what the next
one reads; any other result (a Plotly figure) is shared, so only functions whose results nobody changes
afterwards are remembered (the charts go straight to the page). Small frames (under `min_cells` cells) are
computed directly: hashing would cost what it saves.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np
import pandas as pd

F = TypeVar("F", bound=Callable[..., Any])

_EXACT_KINDS = "biufcmM"  # numpy kinds whose bytes are their values


class _Unkeyable(Exception):
    """An argument whose content cannot be digested: the call is made without the memo."""


def _feed_series(digest, values: pd.Series | pd.Index) -> None:
    digest.update(str(values.dtype).encode())
    if isinstance(values.dtype, np.dtype) and values.dtype.kind in _EXACT_KINDS:
        digest.update(np.ascontiguousarray(values.to_numpy()).tobytes())
    else:
        try:
            digest.update(pickle.dumps(values.tolist(), protocol=5))
        except (pickle.PicklingError, TypeError, AttributeError) as exc:
            raise _Unkeyable from exc


def _feed(digest, value: Any) -> None:
    if isinstance(value, pd.DataFrame):
        digest.update(b"frame")
        digest.update(pickle.dumps([str(c) for c in value.columns], protocol=5))
        _feed_series(digest, value.index)
        for position in range(value.shape[1]):
            _feed_series(digest, value.iloc[:, position])
    elif isinstance(value, pd.Series):
        digest.update(b"series" + repr(value.name).encode())
        _feed_series(digest, value.index)
        _feed_series(digest, value)
    else:
        digest.update(f"{type(value).__qualname__}:{value!r}".encode())
    digest.update(b"\x00")


def content_key(*args: Any, **kwargs: Any) -> bytes:
    """A digest of the arguments' content (raises _Unkeyable when one cannot be digested)."""
    digest = hashlib.blake2b(digest_size=20)
    for value in args:
        _feed(digest, value)
    for name in sorted(kwargs):
        digest.update(name.encode() + b"=")
        _feed(digest, kwargs[name])
    return digest.digest()


def _cells(args: tuple, kwargs: dict) -> int:
    return sum(v.size for v in (*args, *kwargs.values()) if isinstance(v, pd.DataFrame | pd.Series))


def _handed_out(result: Any) -> Any:
    if isinstance(result, pd.DataFrame | pd.Series):
        return result.copy()
    return list(result) if isinstance(result, list) else result


def remembered(maxsize: int = 32, min_cells: int = 2_000) -> Callable[[F], F]:
    """Remember the `maxsize` latest results of a pure function, keyed by its arguments' content."""

    def decorate(function: F) -> F:
        kept: OrderedDict[bytes, Any] = OrderedDict()
        lock = threading.Lock()

        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if _cells(args, kwargs) < min_cells:
                return function(*args, **kwargs)
            try:
                key = content_key(*args, **kwargs)
            except _Unkeyable:
                return function(*args, **kwargs)
            with lock:
                if key in kept:
                    kept.move_to_end(key)
                    return _handed_out(kept[key])
            result = function(*args, **kwargs)
            with lock:
                kept[key] = _handed_out(result)
                while len(kept) > maxsize:
                    kept.popitem(last=False)
            return result

        wrapper.cache_clear = kept.clear  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate
