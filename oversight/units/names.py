"""Normalised keys for unit names as people write them.

"UBND xã Long Phước", "Xã Long Phước", "UBND X. Long Phước", "Ủy ban nhân dân xã Long Phước" and
"xa Long Phuoc" all give the key "xa long phuoc"; "UBND TP. Biên Hòa" gives "thanh pho bien hoa";
"Sở Tư pháp - Tỉnh Phú Thọ" gives "so tu phap" with province "phu tho".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from oversight.text import fold

# Unit types as folded words; abbreviations map to them. Order matters: longest first.
_TYPE_WORDS = {
    "thanh pho": "thanh pho",
    "tp.": "thanh pho",
    "tp": "thanh pho",
    "thi xa": "thi xa",
    "tx.": "thi xa",
    "tx": "thi xa",
    "thi tran": "thi tran",
    "tt.": "thi tran",
    "tt": "thi tran",
    "huyen": "huyen",
    "h.": "huyen",
    "quan": "quan",
    "q.": "quan",
    "phuong": "phuong",
    "p.": "phuong",
    "xa": "xa",
    "x.": "xa",
    "dac khu": "dac khu",
}
_TYPE_RE = re.compile(
    r"^(" + "|".join(re.escape(k) for k in sorted(_TYPE_WORDS, key=len, reverse=True)) + r")(?:\s+|(?<=\.))"
)
_PREFIX_RE = re.compile(r"^(?:ubnd|uy ban nhan dan|u\.b\.n\.d\.?)\s+")
_PROVINCE_SUFFIX_RE = re.compile(r"\s*[-–,(]\s*(?:tinh|thanh pho|tp\.?)\s+([^)]+?)\)?$")
_PUNCT_RE = re.compile(r"[\"“”'`]")


@dataclass(frozen=True)
class NameKey:
    key: str  # type word + short name, e.g. "xa long phuoc"; for departments the whole folded name
    short: str  # short name without the type word, e.g. "long phuoc"
    unit_type: str | None  # folded type word, e.g. "xa"; None when the name carries none
    province: str | None  # folded province named in a suffix ("- Tỉnh Phú Thọ"), else None


def parse_name(name: object) -> NameKey:
    text = _PUNCT_RE.sub("", fold(name))
    province = None
    m = _PROVINCE_SUFFIX_RE.search(text)
    if m and m.start() > 0:
        province = m.group(1).strip()
        text = text[: m.start()].strip()
    text = _PREFIX_RE.sub("", text).strip()
    m = _TYPE_RE.match(text)
    if m:
        unit_type = _TYPE_WORDS[m.group(1)]
        short = text[m.end() :].strip(" .")
        if short:
            return NameKey(f"{unit_type} {short}", short, unit_type, province)
    return NameKey(text, text, None, province)


def name_key(name: object) -> str:
    return parse_name(name).key
