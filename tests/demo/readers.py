"""Test-side readers for the demo exports: independent of oversight.demo, so the tests check the files."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, time, timedelta
from html.parser import HTMLParser
from pathlib import Path

from python_calamine import CalamineWorkbook

EPOCH = datetime(1899, 12, 30)


def nfc(value) -> str:
    if value is None:
        return ""
    return " ".join(unicodedata.normalize("NFC", str(value)).replace("\u00a0", " ").split())


def parse_when(value) -> datetime | None:
    """A date cell in any of the demo's habits: datetime, serial number, or text."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time(0))
    if isinstance(value, int | float):
        return EPOCH + timedelta(seconds=round(float(value) * 86400))
    text = nfc(value)
    for fmt in ("%d/%m/%Y %H:%M", "%H:%M %d/%m/%Y", "%d/%m/%Y", "%d-%m-%Y %H:%M", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise ValueError(f"unreadable date {value!r}")


class _Table(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows: list[list[tuple[str, dict]]] = []
        self._cell: list[str] | None = None
        self._attrs: dict = {}

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell, self._attrs = [], dict(attrs)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(("".join(self._cell), self._attrs))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def html_rows(path: Path) -> list[list[tuple[str, dict]]]:
    parser = _Table()
    parser.feed(Path(path).read_text(encoding="utf-8"))
    return parser.rows


def sheet_rows(path: Path, sheet: int = -1) -> list[list]:
    wb = CalamineWorkbook.from_path(str(path))
    name = wb.sheet_names[sheet]
    return wb.get_sheet_by_name(name).to_python()


def case_list(path: Path) -> list[dict]:
    """The data rows of a case list (.xlsx or HTML .xls) as dicts keyed by the NFC header names."""
    if path.suffix == ".xls":
        rows = html_rows(path)
        start = next(i for i, r in enumerate(rows) if r and nfc(r[0][0]) == "STT")
        first, second = rows[start], rows[start + 1]
        header = []
        for text, attrs in first:
            if int(attrs.get("colspan", 1)) > 1:
                header.extend(nfc(t) for t, _ in second)
            else:
                header.append(nfc(text))
        body = [[t for t, _ in r] for r in rows[start + 2 :]]
    else:
        rows = sheet_rows(path)
        start = next(i for i, r in enumerate(rows) if r and nfc(r[0]) == "STT")
        header = [nfc(h) for h in rows[start]]
        body = rows[start + 1 :]
    out = []
    for r in body:
        if len(r) < len(header) or nfc(r[1]) == "":
            continue
        out.append(dict(zip(header, r, strict=False)))
    return out


def pick(row: dict, *names: str):
    for n in names:
        if n in row:
            return row[n]
    raise KeyError(names)


def end_of_due(due: datetime) -> datetime:
    return datetime.combine(due.date(), time(23, 59, 59)) if due.time() == time(0) else due
