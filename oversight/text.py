"""Text normalisation shared by ingestion and unit matching."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def clean(value: object) -> str:
    """NFC, non-breaking and repeated spaces collapsed, trimmed. None becomes ''."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value)).replace("\u00a0", " ").replace("\u200b", "")
    return _SPACES.sub(" ", text).strip()


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese diacritics, folding Đ/đ to D/d (NFD alone does not decompose Đ)."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def fold(value: object) -> str:
    """Case-, spacing- and diacritics-insensitive key: 'Đã  Trả KẾT QUẢ' -> 'da tra ket qua'."""
    return strip_diacritics(clean(value)).casefold()
