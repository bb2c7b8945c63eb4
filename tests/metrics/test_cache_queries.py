"""Every file of queries/cache is one statement that oversight.metrics_cache runs, and every name it runs is a file."""

from __future__ import annotations

import inspect
import re

from oversight import metrics_cache
from oversight.config import QUERIES_DIR

FILES = sorted(p.stem for p in (QUERIES_DIR / "cache").glob("*.sql"))


def test_every_cache_file_is_run_and_every_name_has_a_file():
    source = inspect.getsource(metrics_cache)
    named = set(re.findall(r'"cache/(\w+)"', source))
    assert FILES
    assert set(FILES) == named


def test_cache_files_hold_one_statement():
    for name in FILES:
        text = (QUERIES_DIR / "cache" / f"{name}.sql").read_text(encoding="utf-8")
        body = "\n".join(line for line in text.splitlines() if not line.startswith("--"))
        assert text.startswith("--"), f"{name}: a comment saying the question it answers"
        assert ";" not in body, f"{name}: one statement per file"
