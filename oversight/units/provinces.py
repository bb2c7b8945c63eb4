"""The 34 provinces and centrally-run cities after 1/7/2025 and the 63 before, from the vietnamadminunits data.

    resolve_province("phu tho") -> Province(code="25", name="Phú Thọ", kind="tỉnh", ...)
    resolve_province("TP. Hồ Chí Minh"), resolve_province("25"), resolve_province("Thành phố Hà Nội")
    named_province("tuyen quang") -> the province a suffix or a title names (today's or a former one), or None

A value that names no province raises ProvinceError with a Vietnamese message that says how to write it.
config.py imports this module, so it imports nothing of the application but the text helpers and the query
runner (oversight/sql.py, which knows where queries/ is without the settings).
"""

from __future__ import annotations

import importlib.util
import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from oversight import sql
from oversight.text import fold

_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_TYPE_PREFIX = re.compile(r"^(?:ubnd|uy ban nhan dan)?\s*(tinh|thanh pho|t\.?\s?p\.?)\s*(?=\w)")


class ProvinceError(ValueError):
    """OVERSIGHT_PROVINCE names no province (message in Vietnamese), or a database was seeded for another."""


@dataclass(frozen=True)
class Province:
    code: str  # official code (Quyết định 19/2025/QĐ-TTg for today's, the GSO code for the former ones)
    name: str  # "Phú Thọ", "Hồ Chí Minh"
    full_name: str  # "Tỉnh Phú Thọ", "Thành phố Hồ Chí Minh"
    key: str  # the package's key, "tinhphutho"
    current: bool  # one of the 34 after 1/7/2025
    aliases: tuple[str, ...] = ()  # further folded keys ("hcm", "thuathienhue")

    @property
    def is_city(self) -> bool:
        """A centrally-run city (thành phố trực thuộc trung ương)."""
        return self.full_name.startswith("Thành phố")

    @property
    def kind(self) -> str:
        """ "tỉnh" or "thành phố", as a title writes it in lower case."""
        return "thành phố" if self.is_city else "tỉnh"

    @property
    def label(self) -> str:
        """ "tỉnh Phú Thọ", "thành phố Hà Nội"."""
        return f"{self.kind} {self.name}"

    @property
    def title(self) -> str:
        """The issuing body as title rows write it: "UBND TỈNH PHÚ THỌ", "UBND THÀNH PHỐ HÀ NỘI"."""
        return f"UBND {self.label.upper()}"

    @property
    def short_key(self) -> str:
        return _compact(self.name)


def _compact(text: str) -> str:
    return _NOT_ALNUM.sub("", fold(text))


def package_data(name: str) -> Path:
    """A data file of the vietnamadminunits package, found without importing it: the package's __init__ imports
    its address parser, which compiles regular expressions for about 1.5 CPU-seconds (paid by every upload's
    reading child before this was found)."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("vietnamadminunits")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / name


def _package_db() -> Path:
    return package_data("dataset.db")


@cache
def _provinces() -> tuple[tuple[Province, ...], tuple[Province, ...]]:
    """(today's 34, the former 63), each in code order."""
    with closing(sqlite3.connect(_package_db())) as con:
        cur = con.cursor()
        new = sql.run(cur, "units/package_provinces").fetchall()
        old = sql.run(cur, "units/package_legacy_provinces").fetchall()

    def build(rows, current: bool) -> tuple[Province, ...]:
        out = []
        for code, short, full, key, alias in rows:
            extra = [a for a in re.findall(r'"([^"]+)"', alias or "")]
            if key == "thanhphohue" and not current:
                extra.append("thuathienhue")  # Thừa Thiên Huế until it became a city in January 2025
            if key == "thanhphohochiminh":
                extra += ["tphcm", "saigon"]
            out.append(Province(code, short, full, key, current, tuple(_compact(a) for a in extra)))
        return tuple(out)

    return build(new, True), build(old, False)


def current_provinces() -> tuple[Province, ...]:
    return _provinces()[0]


def former_provinces() -> tuple[Province, ...]:
    return _provinces()[1]


@cache
def _merged_into() -> dict[str, str]:
    """Former province key -> the key of today's province it became part of (converter_2025.json)."""
    import json

    path = package_data("converter_2025.json")
    table = json.loads(path.read_text(encoding="utf-8"))["DICT_PROVINCE"]
    return {old: new for new, olds in table.items() for old in olds}


def predecessors(province: Province) -> tuple[Province, ...]:
    """The former provinces merged into today's `province` (Phú Thọ: Hòa Bình, Phú Thọ, Vĩnh Phúc)."""
    merged = _merged_into()
    return tuple(p for p in former_provinces() if merged.get(p.key) == province.key)


def successor(former: Province) -> Province:
    """Today's province a former one became part of."""
    key = _merged_into()[former.key]
    return next(p for p in current_provinces() if p.key == key)


def _keys(province: Province) -> set[str]:
    return {province.short_key, _compact(province.full_name), *province.aliases}


@cache
def _index() -> tuple[dict[str, Province], dict[str, Province]]:
    current = {k: p for p in current_provinces() for k in _keys(p)}
    former = {k: p for p in former_provinces() for k in _keys(p)}
    return current, former


def _strip_type(text: str) -> tuple[str | None, str]:
    """("tinh" | "thanh pho" | None, the name after it) from a folded text."""
    m = _TYPE_PREFIX.match(text)
    if not m:
        return None, text
    word = "tinh" if m.group(1) == "tinh" else "thanh pho"
    return word, text[m.end() :]


def named_province(text: object, kind: str | None = None) -> Province | None:
    """The province a name written after "- Tỉnh", "- Thành phố" (or in a title) means, today's first, else a
    former one; None when it names none. After "thành phố" only a centrally-run city counts: "UBND THÀNH PHỐ
    THANH HÓA" is the provincial city, not the province ("Tỉnh Thừa Thiên Huế" still names today's Huế)."""
    folded = fold(text)
    word, rest = _strip_type(folded)
    kind = kind or word
    key = _compact(rest)
    if not key:
        return None
    current, former = _index()
    for table in (current, former):
        found = table.get(key)
        if found is not None and (kind != "thanh pho" or found.is_city):
            return found
    return None


def _how_to_write() -> str:
    return (
        "Hãy ghi tên một trong 34 tỉnh, thành phố sau ngày 1/7/2025, có hoặc không dấu (ví dụ «Phú Thọ», "
        "«phu tho», «Thành phố Hồ Chí Minh», «TP. Hồ Chí Minh», «Hà Nội»), hoặc mã tỉnh (ví dụ «25»)."
    )


def resolve_province(value: object) -> Province:
    """Today's province named by OVERSIGHT_PROVINCE: a name with or without diacritics or type word, or its code."""
    written = str(value if value is not None else "").strip()
    folded = fold(written)
    if re.fullmatch(r"\d{1,2}", folded):
        code = f"{int(folded):02d}"
        for p in current_provinces():
            if p.code == code:
                return p
        raise ProvinceError(
            f"OVERSIGHT_PROVINCE=«{written}»: không có tỉnh, thành phố nào mang mã {code} sau ngày 1/7/2025. "
            + _how_to_write()
        )
    _word, rest = _strip_type(folded)
    current, former = _index()
    found = current.get(_compact(rest))
    if found is not None:
        return found
    old = former.get(_compact(rest))
    if old is not None:
        now = successor(old)
        raise ProvinceError(
            f"OVERSIGHT_PROVINCE=«{written}»: {old.label} "
            f"đã hợp nhất vào {now.label} từ ngày 1/7/2025; hãy ghi «{now.name}»."
        )
    raise ProvinceError(f"OVERSIGHT_PROVINCE=«{written}»: không nhận ra tỉnh, thành phố này. " + _how_to_write())


def belongs_to(named: Province, code: str) -> bool:
    """True when `named` (today's province or a former one) is, or became part of, today's province `code`:
    for Phú Thọ (25) also the former Vĩnh Phúc and Hòa Bình, for Đồng Nai (75) the former Bình Phước."""
    if named.current:
        return named.code == code
    return successor(named).code == code


def suffix_province(province: str | None, kind: str | None = None) -> Province | None:
    """The province a unit name's suffix names ("- Tỉnh Phú Thọ" -> Phú Thọ); None for none or an unknown one
    ("…, thành phố Biên Hòa" names a former provincial city, not a province)."""
    if not province:
        return None
    return named_province(province, kind)
