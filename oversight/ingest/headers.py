"""Find the header block of a sheet and flatten merged multi-row headers into paths.

Real exports put any number of title rows above the table, a header of one to three rows of merged
cells, sometimes a numbering row "(1) (2) (3) …" or "A B 1 2 3 …" below it. Every candidate block
(1-3 consecutive visible rows, each with at least two filled cells) is flattened into one path per column
("Kết quả giải quyết / Số hồ sơ đã giải quyết / Trước hạn") and scored by the column synonym tables;
the best block wins, the shorter one on a tie so a title row above is never swallowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from oversight.ingest.columns import Mapping, best_mapping, header_like
from oversight.ingest.readers import Sheet
from oversight.text import clean

MAX_HEADER_ROWS = 3
_NUMBERING_CELL = re.compile(r"^[\(\[]?\s*(?:\d{1,3}|[A-Za-z]|[IVXivx]{1,4})\s*[\)\]]?(?:\s*[=+\-:].*)?$")


@dataclass
class HeaderBlock:
    top: int  # 0-based rows
    bottom: int
    numbering_row: int | None
    data_start: int
    paths: dict[int, list[str]]  # absolute column -> header segments (cleaned text)
    mapping: Mapping
    rows: list[int] = field(default_factory=list)  # the header rows used (hidden rows skipped)

    def excel_rows(self) -> str:
        """'5-7' or '5' as Excel numbers them."""
        a, b = self.top + 1, self.bottom + 1
        return f"{a}" if a == b else f"{a}-{b}"


def _filled(row: list[str]) -> int:
    return sum(1 for v in row if clean(v))


def flatten(sheet: Sheet, rows: list[int]) -> dict[int, list[str]]:
    """Header path per column for the given rows, merged areas carrying their top-left text."""
    head = sheet.head
    width = max((len(head[r]) for r in rows), default=0)
    grid = {r: [clean(head[r][c]) if c < len(head[r]) else "" for c in range(width)] for r in rows}
    top, bottom = rows[0], rows[-1]
    touching = [m for m in sheet.merged if m[0] <= bottom and m[2] >= top]
    if touching:
        for r1, c1, r2, c2 in touching:
            text = clean(head[r1][c1]) if r1 < len(head) and c1 < len(head[r1]) else ""
            if not text:
                continue
            for r in rows:
                if r1 <= r <= r2:
                    for c in range(c1, min(c2, width - 1) + 1):
                        grid[r][c] = text
    else:
        # No merge information (e.g. "centre across selection"): a group label spreads right over
        # the empty cells that have sub-headers below them.
        for i, r in enumerate(rows[:-1]):
            below = rows[i + 1 :]
            for c in range(1, width):
                spread = not grid[r][c] and grid[r][c - 1]
                if spread and any(grid[b][c] for b in below) and any(grid[b][c - 1] for b in below):
                    grid[r][c] = grid[r][c - 1]
    paths: dict[int, list[str]] = {}
    for c in range(width):
        segs: list[str] = []
        for r in rows:
            text = grid[r][c]
            if text and (not segs or segs[-1] != text):
                segs.append(text)
        if segs:
            paths[c] = segs
    return paths


def is_numbering_row(cells: list[str]) -> bool:
    values = [clean(v) for v in cells if clean(v)]
    return len(values) >= 3 and all(_NUMBERING_CELL.match(v) for v in values) and len(set(values)) >= 3


def find_header(sheet: Sheet, kind: str | None = None) -> HeaderBlock | None:
    """The best header block of the sheet for the given kind (or any kind), None when nothing fits."""
    head = sheet.head
    visible = [r for r in range(len(head)) if r not in sheet.hidden_rows and _filled(head[r]) >= 1]
    best: tuple | None = None
    for i, bottom in enumerate(visible):
        if best is not None and best[0][0] and bottom > best[1][-1] + 8:
            break  # a complete header was found and the rows below it are data
        if sum(1 for v in head[bottom] if v and header_like(v)) < 2 or is_numbering_row(head[bottom]):
            continue
        for height in range(1, MAX_HEADER_ROWS + 1):
            if i - height + 1 < 0:
                break
            rows = visible[i - height + 1 : i + 1]
            gaps = sum(1 for r in range(rows[0], rows[-1] + 1) if r not in rows and r not in sheet.hidden_rows)
            if gaps or any(is_numbering_row(head[r]) for r in rows):
                break  # not one block
            paths = flatten(sheet, rows)
            mapping = best_mapping(paths, kind)
            if not mapping.columns:
                continue
            key = (mapping.complete, mapping.score, -height, -bottom)
            if best is None or key > best[0]:
                best = (key, rows, paths, mapping)
    if best is None:
        return None
    _key, rows, paths, mapping = best
    bottom = rows[-1]
    # header cells merged down from rows above the block belong to the header too
    above = [m[0] for m in sheet.merged if m[0] < rows[0] <= m[2] and m[0] >= rows[0] - (MAX_HEADER_ROWS - 1)]
    if above:
        taller = [r for r in range(min(above), rows[0]) if r not in sheet.hidden_rows] + rows
        taller_paths = flatten(sheet, taller)
        taller_mapping = best_mapping(taller_paths, mapping.kind)
        if (taller_mapping.complete, taller_mapping.score) >= (mapping.complete, mapping.score):
            rows, paths, mapping = taller, taller_paths, taller_mapping
    nxt = bottom + 1
    while nxt < len(head) and (nxt in sheet.hidden_rows or not _filled(head[nxt])):
        nxt += 1
    numbering = nxt if nxt < len(head) and is_numbering_row(head[nxt]) else None
    data_start = (numbering + 1) if numbering is not None else bottom + 1
    return HeaderBlock(rows[0], bottom, numbering, data_start, paths, mapping, rows)
