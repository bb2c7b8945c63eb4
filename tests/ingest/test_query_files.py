"""Every file in queries/ingest/, queries/service/ and queries/ui/ is run by the product, and every name it runs
there has a file (names written out, or per kind in oversight.ingest.load and oversight.ingest.records)."""

from __future__ import annotations

import re

from oversight.config import QUERIES_DIR, ROOT
from oversight.ingest import load, records

FOLDERS = ("ingest", "service", "ui")
_NAME = re.compile(r"\"((?:" + "|".join(FOLDERS) + r")/\w+)\"")


def test_query_files_and_code_agree():
    files = {
        p.relative_to(QUERIES_DIR).with_suffix("").as_posix() for f in FOLDERS for p in (QUERIES_DIR / f).glob("*.sql")
    }
    sources = [*(ROOT / "oversight").rglob("*.py"), *(ROOT / "pages").rglob("*.py"), ROOT / "dashboard.py"]
    named = {n for path in sources if path.is_file() for n in _NAME.findall(path.read_text(encoding="utf-8"))}
    per_kind = {*load.ROWS_INSERT.values(), *load.REPLACED_UPLOADS.values(), *records.RECORDS_QUERY.values()}
    macros = records.RECORDS_MACROS.relative_to(QUERIES_DIR).with_suffix("").as_posix()
    assert files and files == named | per_kind | {macros}
