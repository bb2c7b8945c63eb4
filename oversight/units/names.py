"""Normalised keys for unit names as people write them.

Two keys per name, both without the "UBND" prefix, with the unit type written one way and without a
province suffix:
- `exact` keeps the diacritics (lower case, tone marks placed one way): Xã Lộc Thạnh and Xã Lộc Thành
  are two communes of Đồng Nai, so accents must decide whenever the writer typed them;
- `key` folds them ("xa loc thanh"), for names typed without accents, used only when it is unambiguous.

"UBND xã Long Phước", "Xã Long Phước", "UBND X. Long Phước", "Ủy ban nhân dân xã Long Phước" all give
exact "xa long phước" and key "xa long phuoc"; "UBND TP. Biên Hòa" gives "thanh pho biên hòa";
"Sở Tư pháp - Tỉnh Phú Thọ" gives "so tư pháp" with province "phu tho".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from oversight.text import clean, fold

# Unit types as folded words; abbreviations map to them.
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
_PROVINCE_SUFFIX_RE = re.compile(r"\s*[-–,(]\s*(tinh|thanh pho|tp\.?)\s+([^)]+?)\)?$")
_PUNCT = str.maketrans("", "", "\"“”'`")

# Old and new tone placement ("hoà"/"hòa", "thuý"/"thúy") written one way: the mark on the first vowel.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_TONE_MOVE = re.compile(rf"([oOuU])([aAeEyY])([{_TONES}])")


def _tone_style(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _TONE_MOVE.sub(r"\1\3\2", decomposed))


@dataclass(frozen=True)
class NameKey:
    key: str  # folded: type word + short name, "xa loc thanh"
    exact: str  # accented: "xa lộc thạnh"
    short: str  # folded short name, "loc thanh"
    unit_type: str | None  # folded type word, "xa"; None when the name carries none
    province: str | None  # folded province named in a suffix ("- Tỉnh Phú Thọ"), else None
    province_kind: str | None = None  # the suffix's type word: "tinh" or "thanh pho" (also for "TP.")


def parse_name(name: object) -> NameKey:
    # Folding maps each NFC character to one character, so positions found in the folded text
    # cut the accented text at the same places.
    accented = _tone_style(clean(name).translate(_PUNCT)).casefold()
    folded = fold(accented)
    if len(folded) != len(accented):  # a character outside the one-to-one fold: keep folded only
        accented = folded
    province = province_kind = None
    m = _PROVINCE_SUFFIX_RE.search(folded)
    if m and m.start() > 0:
        province = m.group(2).strip()
        province_kind = "tinh" if m.group(1) == "tinh" else "thanh pho"
        folded, accented = folded[: m.start()], accented[: m.start()]
    m = _PREFIX_RE.match(folded)
    if m:
        folded, accented = folded[m.end() :], accented[m.end() :]
    m = _TYPE_RE.match(folded)
    if m:
        unit_type = _TYPE_WORDS[m.group(1)]
        short = folded[m.end() :].strip(" .")
        short_accented = accented[m.end() :].strip(" .")
        if short:
            return NameKey(
                f"{unit_type} {short}", f"{unit_type} {short_accented}", short, unit_type, province, province_kind
            )
    folded, accented = folded.strip(), accented.strip()
    return NameKey(folded, accented, folded, None, province, province_kind)


def name_key(name: object) -> str:
    """The accented key stored in unit_aliases."""
    return parse_name(name).exact
