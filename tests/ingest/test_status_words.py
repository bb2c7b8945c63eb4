"""The one status table (oversight.statuses): every variant offices write, one test case per variant, and
the same words read case-, diacritics- and spacing-insensitively, in NFD, with trailing punctuation."""

from __future__ import annotations

import unicodedata

import pytest

from oversight.ingest.values import parse_deadline_words
from oversight.statuses import _VARIANTS, NO_DEADLINE_WORDS, STATUS_CODES, STATUS_MAP, status_code, status_key

# The variants issue 11 names, with the code METRICS.md section 2 gives them.
NAMED = [
    ("Không có thời hạn", "no_deadline"),
    ("Không thời hạn", "no_deadline"),
    ("Thường xuyên", "no_deadline"),
    ("Đã xong", "done"),
    ("Xong", "done"),
    ("Công dân xin rút hồ sơ", "returned"),
    ("Rút hồ sơ", "returned"),
    ("Trả lại hồ sơ", "returned"),
    # stopped for good, unlike «Tạm dừng» (paused, clock stopped): returned, resolved on time
    ("Dừng xử lý", "returned"),
    ("Từ chối giải quyết", "returned"),
    ("Tạm dừng xử lý", "paused"),
    ("Chờ bổ sung hồ sơ", "paused"),
]


def _shouted(text: str) -> str:
    """'Đã xong' -> '  ĐÃ   XONG. ' (upper case, doubled spaces, a full stop, a non-breaking space)."""
    return "  " + text.upper().replace(" ", "   ") + ".\u00a0"


@pytest.mark.parametrize(("text", "code"), NAMED, ids=[t for t, _ in NAMED])
def test_named_variant(text, code):
    assert status_code(text) == code
    assert status_code(unicodedata.normalize("NFD", text)) == code
    assert status_code(_shouted(text)) == code
    assert status_code(text.lower() + " ;") == code
    assert status_code(unicodedata.normalize("NFD", _shouted(text))) == code


ALL = [(text, code) for code, texts in _VARIANTS.items() for text in texts]


@pytest.mark.parametrize(("text", "code"), ALL, ids=[t for t, _ in ALL])
def test_every_variant_in_the_table(text, code):
    assert code in STATUS_CODES
    assert status_code(text) == code
    assert status_code(unicodedata.normalize("NFD", text).upper() + "!") == code


def test_no_variant_is_listed_under_two_codes():
    assert len(STATUS_MAP) == len({status_key(t) for t, _ in ALL})


@pytest.mark.parametrize("text", NO_DEADLINE_WORDS)
def test_no_deadline_words_read_alike_in_the_deadline_cell(text):
    # one table: a status equal to the words and a deadline cell containing them both mean "no deadline"
    assert status_code(text) == "no_deadline"
    assert parse_deadline_words(text) == (None, True)
    assert parse_deadline_words(f"({text})") == (None, True)


@pytest.mark.parametrize("text", [None, "", "   ", "-", "…", "Chờ ký số", "Xong rồi hả", "Dừng"])
def test_empty_punctuation_and_unknown_words_have_no_code(text):
    assert status_code(text) is None
