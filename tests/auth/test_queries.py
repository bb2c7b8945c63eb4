"""Every file in queries/auth/ is run by the account store, and every name it runs has a file."""

from __future__ import annotations

import re
from pathlib import Path

from oversight.config import QUERIES_DIR

PACKAGE = Path(__file__).resolve().parents[2] / "oversight" / "auth"
_CALL = re.compile(r"_sql\.(?:rows|read|first|frame)\(\s*\w+,\s*\"(\w+)\"")


def test_query_files_and_code_agree():
    files = {p.stem for p in (QUERIES_DIR / "auth").glob("*.sql")}
    used = {name for path in PACKAGE.glob("*.py") for name in _CALL.findall(path.read_text(encoding="utf-8"))}
    assert files and files == used
