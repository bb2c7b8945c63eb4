"""Login throttling per typed name and client, with growing delays.

Locking an account after N wrong passwords lets anybody who knows a user name lock that user out (the admin
first), and answering «tạm khóa» only for names that exist tells them which names do. Instead, failures are
counted per (name as typed, client address): after `max_failed` consecutive failures that pair is refused for
`lockout_minutes`, then twice as long after each further failure (capped at a day). The same rule and the
same message apply whether the name exists or not, so nothing is learnt from the answer; the real user, from
another machine, is never blocked by an attacker's failures.

The state lives in this process's memory (the server is the only process that logs people in): it holds a
SHA-256 of the name, never the text that was typed (a password typed into the name box stays nowhere), and
at most MAX_ENTRIES pairs (the oldest are dropped first). A success clears the pair; a new password or
re-enabling the account in the dashboard clears every pair of that name (done from the command line, in
another process, it cannot: the block then simply runs out).
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta

MAX_ENTRIES = 50_000
MAX_BLOCK = timedelta(days=1)


@dataclass
class _State:
    failures: int
    blocked_until: datetime | None


_lock = threading.Lock()
_states: OrderedDict[tuple[str, str], _State] = OrderedDict()


def _key(name: str, client: str) -> tuple[str, str]:
    return hashlib.sha256(name.encode("utf-8")).hexdigest(), client or "?"


def blocked_until(name: str, client: str, now: datetime) -> datetime | None:
    """When this pair may try again, if it is blocked now."""
    with _lock:
        state = _states.get(_key(name, client))
        if state is None or state.blocked_until is None or state.blocked_until <= now:
            return None
        return state.blocked_until


def failed(name: str, client: str, now: datetime, max_failed: int, lockout_minutes: int) -> datetime | None:
    """Count a failure; returns the time the pair is blocked until when this failure blocks it."""
    key = _key(name, client)
    with _lock:
        state = _states.pop(key, None) or _State(0, None)
        state.failures += 1
        if state.failures >= max_failed:
            doublings = min(state.failures - max_failed, 16)
            block = min(timedelta(minutes=lockout_minutes) * (2**doublings), MAX_BLOCK)
            state.blocked_until = now + block
        _states[key] = state
        while len(_states) > MAX_ENTRIES:
            _states.popitem(last=False)
        return state.blocked_until if state.failures >= max_failed else None


def succeeded(name: str, client: str) -> None:
    with _lock:
        _states.pop(_key(name, client), None)


def forget_name(name: str) -> None:
    """Lift every block of one name (an admin set a new password or enabled the account in this process)."""
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()
    with _lock:
        for key in [k for k in _states if k[0] == digest]:
            del _states[key]


def reset() -> None:
    """Forget every failure (tests, and an admin's restart)."""
    with _lock:
        _states.clear()
