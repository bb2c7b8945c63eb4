"""Functions a reading child runs in tests/ingest/test_forked_server.py (importable without pytest)."""

from __future__ import annotations

import os
import sys
import time


def parent_pid() -> int:
    return os.getppid()


def setting(name: str) -> str | None:
    return os.environ.get(name)


def pandas_was_there() -> bool:
    """True in a child forked from a process that had imported pandas before the fork."""
    return "pandas" in sys.modules


def allocate(mb: int) -> int:
    block = bytearray(mb << 20)
    for i in range(0, len(block), 4096):  # touch every page: resident, not just reserved
        block[i] = 1
    return len(block)


def sleep(seconds: float) -> str:
    time.sleep(seconds)
    return "dậy"
