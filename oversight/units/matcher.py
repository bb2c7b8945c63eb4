"""Match unit names as written in exports to the registry, at the date the data speaks of.

Exact normalised keys first (registry names, abbreviations and confirmed aliases), chosen by validity
at the given date, so "Xã Bình Minh" in May 2025 finds the old commune and in October 2025 the new one;
then the short name without its type word when that is unique; otherwise no match, with rapidfuzz
suggestions for the uploader to confirm (the units a name fits equally well first: a tie is never broken
silently).
"""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass, field
from datetime import date

import duckdb
from rapidfuzz import fuzz

from oversight import clock, sql
from oversight.config import load_settings
from oversight.text import fold
from oversight.units.names import NameKey, name_key, parse_name
from oversight.units.provinces import belongs_to, suffix_province


@dataclass(frozen=True)
class Candidate:
    unit_id: int
    name: str
    unit_group: str
    province_code: str | None
    valid_from: date | None
    valid_to: date | None

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


@dataclass
class Match:
    unit_id: int | None
    unit_name: str | None = None
    unit_group: str | None = None
    method: str | None = None  # 'alias' | 'short'
    reason: str | None = None  # Vietnamese, when unit_id is None
    suggestions: list[tuple[str, int, float]] = field(default_factory=list)  # (name, unit_id, score)


def _add(index: dict[str, list[Candidate]], key: str, cand: Candidate) -> None:
    bucket = index.setdefault(key, [])
    if all(c.unit_id != cand.unit_id for c in bucket):
        bucket.append(cand)


def _gap(cand: Candidate, day: date) -> int:
    """Days between `day` and the candidate's validity (0 when valid that day)."""
    if cand.valid_to is not None and cand.valid_to < day:
        return (day - cand.valid_to).days
    if cand.valid_from is not None and day < cand.valid_from:
        return (cand.valid_from - day).days
    return 0


class UnitMatcher:
    def __init__(self, con: duckdb.DuckDBPyConnection, province_code: str | None = None):
        settings = load_settings()
        self.province_code = province_code or settings.province_code
        with closing(con.cursor()) as cur:
            rows = sql.run(cur, "units/matcher_aliases").fetchall()
        self.by_exact: dict[str, list[Candidate]] = {}
        self.by_key: dict[str, list[Candidate]] = {}
        self.by_short: dict[str, list[Candidate]] = {}
        self._parsed: dict[str, tuple[str | None, str]] = {}  # folded key -> (type word, short name)
        for exact, alias, uid, name, group, prov, vfrom, vto, short in rows:
            cand = Candidate(uid, name, group, prov, vfrom, vto)
            parsed = parse_name(alias)
            _add(self.by_exact, exact, cand)
            _add(self.by_key, parsed.key, cand)
            _add(self.by_short, fold(short), cand)
            self._parsed.setdefault(parsed.key, (parsed.unit_type, parsed.short))
        self._choices = list(self.by_key)
        self._cache: dict[tuple[str, date | None], Match] = {}

    def match(self, raw: object, on: date | None = None) -> Match:
        cache_key = (str(raw), on)
        hit = self._cache.get(cache_key)
        if hit is None:
            hit = self._match(raw, on)
            self._cache[cache_key] = hit
        return hit

    def _pool(self, cands: list[Candidate], on: date | None) -> list[Candidate]:
        """The candidates that fit the date best: one is a match, several are a tie."""
        if not cands:
            return []
        day = on or clock.local_today()
        valid = [c for c in cands if c.valid_on(day)]
        pool = valid or cands
        if len(pool) > 1:
            own = [c for c in pool if c.province_code == self.province_code]
            pool = own or pool
        if len(pool) > 1 and not valid:
            # none valid that day: the one whose validity lies nearest to it (ended last / starts first);
            # two equally near (two old communes of one name, both ended 30/6/2025) stay ambiguous
            gaps = [_gap(c, day) for c in pool]
            pool = [c for c, gap in zip(pool, gaps, strict=True) if gap == min(gaps)]
        return pool

    def _match(self, raw: object, on: date | None) -> Match:
        parsed = parse_name(raw)
        if not parsed.key:
            return Match(None, reason="Tên đơn vị trống")
        named = suffix_province(parsed.province, parsed.province_kind)
        if named is not None and not belongs_to(named, self.province_code):
            # "- Tỉnh Tuyên Quang" in a Phú Thọ database; a former province merged into ours is ours
            return Match(None, reason=f"Đơn vị thuộc tỉnh khác ({named.full_name})")
        exact = self.by_exact.get(parsed.exact, [])
        # typed without (or with other) diacritics: the folded key, when it names one unit
        tied = self._pool(exact if exact else self.by_key.get(parsed.key, []), on)
        cand = tied[0] if len(tied) == 1 else None
        if cand:
            return Match(cand.unit_id, cand.name, cand.unit_group, "alias")
        if parsed.unit_type is None or parsed.unit_type in ("xa", "phuong", "thi tran"):
            shorts = self.by_short.get(parsed.short, [])
            if parsed.unit_type is not None:
                shorts = [c for c in shorts if c.unit_group == "commune"]
            by_short = self._pool(shorts, on)
            if len(by_short) == 1:
                cand = by_short[0]
                return Match(cand.unit_id, cand.name, cand.unit_group, "short")
            tied = tied or by_short
        # units the name fits equally well come first, whatever their validity: the uploader picks one
        first = [(c.name, c.unit_id, 100.0) for c in tied]
        rest = [s for s in self.suggest(raw, on, limit=max(3, len(first))) if s[1] not in {f[1] for f in first}]
        suggestions = (first + rest)[: max(3, len(first))]
        return Match(None, reason="Không tìm thấy đơn vị trong danh mục", suggestions=suggestions)

    def suggest(self, raw: object, on: date | None = None, limit: int = 3) -> list[tuple[str, int, float]]:
        parsed = parse_name(raw)
        scored = sorted(((self._similarity(parsed, choice), choice) for choice in self._choices), key=lambda x: -x[0])
        out: list[tuple[str, int, float]] = []
        seen: set[int] = set()
        for score, choice in scored[: limit * 4]:
            for c in self.by_key[choice]:
                if c.unit_id in seen or (on and not c.valid_on(on)):
                    continue
                seen.add(c.unit_id)
                out.append((c.name, c.unit_id, round(float(score), 1)))
        return out[:limit]

    def _similarity(self, parsed: NameKey, choice: str) -> float:
        """0-100: the whole key compared, or the short names compared (10 points less when
        the type words differ, 5 when one name has none). Not WRatio: its partial matching scores any short
        name inside a long one at 85 or more ("thi xa long khanh" ~ "xa dak o")."""
        c_type, c_short = self._parsed[choice]
        whole = fuzz.ratio(parsed.key, choice)
        penalty = 0 if parsed.unit_type == c_type else (10 if parsed.unit_type and c_type else 5)
        return max(whole, fuzz.ratio(parsed.short, c_short) - penalty)


def confirm_alias(con: duckdb.DuckDBPyConnection, alias: str, unit_id: int, user: str) -> None:
    """Record an uploader's confirmation that a written name means a unit."""
    with closing(con.cursor()) as cur:
        sql.run(cur, "units/alias_confirm", key=name_key(alias), unit=unit_id, alias=alias, user=user)
