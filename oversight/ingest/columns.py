"""Column headers → canonical fields, one synonym table per kind; the kind is the table that fits best.

A header is matched as its flattened path (a merged multi-row header "Kết quả giải quyết / Số hồ sơ đã
giải quyết / Trước hạn" has three segments), case-, spacing-, punctuation- and diacritics-insensitively.
A synonym "A > B" needs a segment containing the words A and, after it, a leaf (last segment) containing
the words B. A one-word synonym must equal the leaf; longer ones may be contained in it. Each column goes
to at most one field: the most specific match wins (more parts, then an exact leaf, then longer words).

To accept a new spelling seen in an export, add it to the tables below; no code changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from oversight.text import fold

KINDS = ("tasks", "cases", "case_stats", "feedback")

KIND_LABELS = {
    "tasks": "nhiệm vụ được giao",
    "cases": "danh sách hồ sơ TTHC",
    "case_stats": "Biểu 06 (tổng hợp kết quả giải quyết TTHC)",
    "feedback": "phản ánh, kiến nghị",
}

# Group headers of the Biểu 06 form, used as {name} in the patterns below.
GROUPS: dict[str, tuple[str, ...]] = {
    "received": (
        "số hồ sơ nhận giải quyết",
        "nhận giải quyết",
        "hồ sơ tiếp nhận",
        "số hồ sơ tiếp nhận",
        "tiếp nhận",
        "số hồ sơ nhận",
    ),
    "resolved": (
        "đã giải quyết",
        "đã xử lý",
        "số hồ sơ đã giải quyết",
        "hồ sơ đã giải quyết",
        "đã giải quyết xong",
    ),
    "pending": (
        "đang giải quyết",
        "đang xử lý",
        "chưa giải quyết",
        "số hồ sơ đang giải quyết",
        "hồ sơ đang giải quyết",
        "chưa giải quyết xong",
    ),
}

# field -> synonyms; "{group} > leaf" expands over GROUPS.
SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "tasks": {
        "doc_number": (
            "số ký hiệu",
            "số, ký hiệu văn bản",
            "số ký hiệu văn bản giao nhiệm vụ",
            "số văn bản",
            "số hiệu văn bản",
            "văn bản giao nhiệm vụ > số ký hiệu",
            "văn bản > số",
            "số vb",
            "số kh",
            "văn bản giao",
            "văn bản giao nhiệm vụ",
            "văn bản chỉ đạo",
            "số hiệu",
        ),
        "doc_date": ("ngày văn bản", "ngày ban hành", "ngày ký", "văn bản > ngày", "ngày vb"),
        "received": ("ngày giao", "ngày giao nhiệm vụ", "ngày nhận nhiệm vụ", "thời điểm giao"),
        "content": (
            "trích yếu",
            "trích yếu nội dung",
            "nội dung nhiệm vụ",
            "nội dung",
            "tên nhiệm vụ",
            "nhiệm vụ",
            "nội dung công việc",
            "nội dung chỉ đạo",
            "nhiệm vụ được giao",
        ),
        "assigned_by": (
            "người giao",
            "lãnh đạo giao",
            "lãnh đạo chỉ đạo",
            "người chỉ đạo",
            "lãnh đạo ubnd tỉnh giao",
            "người ký",
        ),
        "unit": (
            "đơn vị chủ trì",
            "cơ quan chủ trì",
            "đơn vị thực hiện",
            "đơn vị được giao",
            "cơ quan được giao",
            "cơ quan thực hiện",
            "đơn vị xử lý",
            "chủ trì",
            "đơn vị",
            "cơ quan",
        ),
        "cooperating_units": ("đơn vị phối hợp", "cơ quan phối hợp", "phối hợp"),
        "field": ("lĩnh vực",),
        "due": (
            "thời hạn",
            "hạn hoàn thành",
            "hạn xử lý",
            "thời hạn hoàn thành",
            "hạn giải quyết",
            "hạn",
            "thời hạn xử lý",
        ),
        "due_adjusted": (
            "thời hạn điều chỉnh",
            "gia hạn",
            "hạn điều chỉnh",
            "thời hạn gia hạn",
            "hạn sau điều chỉnh",
            "thời hạn sau gia hạn",
            "hạn gia hạn",
        ),
        "done": ("ngày hoàn thành", "ngày hoàn thành thực tế", "thời gian hoàn thành", "ngày kết thúc"),
        "status": (
            "tình trạng",
            "trạng thái",
            "kết quả thực hiện",
            "tình hình thực hiện",
            "tiến độ thực hiện",
            "tiến độ",
        ),
        "note": ("ghi chú",),
    },
    "cases": {
        "case_code": ("mã hồ sơ", "số hồ sơ", "số biên nhận", "mã biên nhận", "mã số hồ sơ", "mã hs", "số bn"),
        "procedure_name": (
            "tên thủ tục hành chính",
            "tên thủ tục",
            "thủ tục hành chính",
            "tên tthc",
            "thủ tục",
            "tthc",
        ),
        "field": ("lĩnh vực", "tên lĩnh vực"),
        "unit": (
            "cơ quan giải quyết",
            "đơn vị giải quyết",
            "cơ quan tiếp nhận",
            "đơn vị tiếp nhận",
            "đơn vị xử lý",
            "cơ quan xử lý",
            "cơ quan thực hiện",
            "đơn vị thực hiện",
            "cơ quan đơn vị",
            "tên đơn vị",
            "tên cơ quan",
            "đơn vị",
            "cơ quan",
        ),
        "applicant": (
            "người nộp",
            "chủ hồ sơ",
            "tên người nộp",
            "tổ chức cá nhân",
            "người đứng tên",
            "công dân",
            "người nộp hồ sơ",
        ),
        "received": (
            "ngày tiếp nhận",
            "ngày nhận",
            "ngày nộp",
            "thời gian tiếp nhận",
            "ngày nhận hồ sơ",
            "ngày tiếp nhận hồ sơ",
        ),
        "due": (
            "ngày hẹn trả",
            "ngày hẹn trả kết quả",
            "hạn xử lý",
            "hạn giải quyết",
            "ngày hẹn",
            "thời hạn",
            "hạn trả",
            "thời hạn giải quyết",
            "hạn trả kết quả",
        ),
        "done": (
            "ngày có kết quả",
            "ngày xử lý xong",
            "ngày hoàn thành",
            "ngày giải quyết xong",
            "ngày kết thúc",
            "ngày giải quyết",
            "ngày xử lý",
            "thời gian có kết quả",
        ),
        "returned": ("ngày trả kết quả", "ngày trả", "ngày trả hồ sơ", "thời gian trả kết quả"),
        "status": (
            "trạng thái",
            "tình trạng",
            "trạng thái hồ sơ",
            "tình trạng xử lý",
            "tình trạng hồ sơ",
            "kết quả xử lý",
            "kết quả",
        ),
        "channel": (
            "hình thức nộp",
            "kênh nộp",
            "hình thức tiếp nhận",
            "kênh tiếp nhận",
            "phương thức nộp",
            "hình thức",
            "nguồn hồ sơ",
        ),
    },
    "case_stats": {
        "unit": (
            "lĩnh vực đơn vị",
            "đơn vị",
            "tên đơn vị",
            "cơ quan đơn vị",
            "cơ quan",
            "đơn vị giải quyết",
            "tên cơ quan",
            "đơn vị lĩnh vực",
            "lĩnh vực, công việc giải quyết theo cấp",
            "lĩnh vực công việc",
            "lĩnh vực",
        ),
        "cases_total": (
            "{received} > tổng số",
            "{received} > tổng",
            "tổng số hồ sơ nhận giải quyết",
            "tổng số hồ sơ tiếp nhận",
            "tổng số hồ sơ",
        ),
        "cases_new_online": (
            "{received} > trực tuyến",
            "số mới tiếp nhận trực tuyến",
            "tiếp nhận trực tuyến",
            "trực tuyến",
        ),
        "cases_new_offline": (
            "{received} > trực tiếp",
            "{received} > bưu chính",
            "trực tiếp và qua dịch vụ bưu chính",
            "tiếp nhận trực tiếp",
            "trực tiếp",
        ),
        "cases_carried_over": (
            "kỳ trước chuyển qua",
            "kỳ trước chuyển sang",
            "tồn kỳ trước",
            "từ kỳ trước",
            "kỳ trước",
            "chuyển kỳ trước",
        ),
        "cases_resolved": (
            "{resolved} > tổng số",
            "{resolved} > tổng",
            "tổng số đã giải quyết",
            "tổng số hồ sơ đã giải quyết",
        ),
        "cases_resolved_early": ("{resolved} > trước hạn", "trả trước hạn", "giải quyết trước hạn", "trước hạn"),
        "cases_resolved_on_time": (
            "{resolved} > đúng hạn",
            "{resolved} > đúng thời hạn",
            "{resolved} > trong hạn",
            "trả đúng thời hạn",
            "trả đúng hạn",
            "giải quyết đúng hạn",
            "đúng thời hạn",
            "đúng hạn",
        ),
        "cases_resolved_late": (
            "{resolved} > quá hạn",
            "{resolved} > trễ hạn",
            "trả quá hạn",
            "trả trễ hạn",
            "giải quyết quá hạn",
        ),
        "cases_pending": (
            "{pending} > tổng số",
            "{pending} > tổng",
            "tổng số đang giải quyết",
            "tổng số hồ sơ đang giải quyết",
        ),
        "cases_pending_on_time": (
            "{pending} > trong hạn",
            "{pending} > chưa đến hạn",
            "{pending} > chưa quá hạn",
            "{pending} > đúng hạn",
            "chưa đến hạn",
        ),
        "cases_pending_overdue": ("{pending} > quá hạn", "{pending} > trễ hạn", "đang giải quyết quá hạn"),
    },
    "feedback": {
        "feedback_code": (
            "mã phản ánh",
            "số phiếu",
            "mã pakn",
            "mã phản ánh kiến nghị",
            "mã số phản ánh",
            "mã số",
            "mã",
            "số phản ánh",
        ),
        "received": (
            "ngày tiếp nhận",
            "thời gian tiếp nhận",
            "ngày nhận",
            "ngày gửi",
            "ngày phản ánh",
            "thời gian phản ánh",
        ),
        "channel": ("kênh tiếp nhận", "nguồn tiếp nhận", "hình thức tiếp nhận", "kênh", "nguồn"),
        "field": ("lĩnh vực", "chuyên mục"),
        "category": ("phân loại", "loại phản ánh", "loại", "nhóm phản ánh"),
        "content": (
            "nội dung",
            "nội dung phản ánh",
            "nội dung phản ánh kiến nghị",
            "tóm tắt nội dung",
            "tiêu đề",
            "nội dung kiến nghị",
        ),
        "area": ("địa bàn", "địa chỉ", "địa điểm", "nơi xảy ra", "địa bàn phản ánh"),
        "unit": (
            "đơn vị xử lý",
            "đơn vị được giao xử lý",
            "đơn vị được giao",
            "cơ quan xử lý",
            "đơn vị chủ trì xử lý",
            "đơn vị giải quyết",
            "cơ quan giải quyết",
            "đơn vị",
        ),
        "due": ("hạn xử lý", "thời hạn xử lý", "hạn giải quyết", "thời hạn", "hạn trả lời", "hạn"),
        "done": (
            "ngày hoàn thành",
            "ngày trả lời",
            "ngày xử lý xong",
            "ngày phản hồi",
            "ngày kết thúc",
            "thời gian hoàn thành",
            "ngày xử lý",
            "ngày giải quyết",
        ),
        "status": ("trạng thái", "tình trạng", "kết quả xử lý", "tình trạng xử lý"),
        "rating": (
            "đánh giá",
            "mức độ hài lòng",
            "đánh giá của người dân",
            "kết quả đánh giá",
            "hài lòng",
            "sự hài lòng",
        ),
    },
}

# Columns without which no item can be classified (METRICS.md section 7); a tuple is "one of these".
# A deadline column is required, not a deadline in every row: an empty deadline cell means no deadline.
REQUIRED: dict[str, tuple[str | tuple[str, ...], ...]] = {
    "tasks": ("content", "unit", ("received", "doc_date"), ("due", "due_adjusted")),
    "cases": ("case_code", "unit", "received", "due", ("done", "returned")),
    "case_stats": (
        "unit",
        "cases_new_online",
        "cases_new_offline",
        "cases_carried_over",
        "cases_resolved_early",
        "cases_resolved_on_time",
        "cases_resolved_late",
        "cases_pending_on_time",
        "cases_pending_overdue",
    ),
    "feedback": ("feedback_code", "received", "unit", "due", "done"),
}
# How a missing required column is named in the refusal, per kind (default: FIELD_LABELS).
REQUIRED_LABELS: dict[str, dict[str, str]] = {
    "tasks": {
        "received": "Ngày giao (hoặc ngày văn bản giao nhiệm vụ)",
        "due": "Thời hạn (hạn hoàn thành)",
    },
    "cases": {
        "received": "Ngày tiếp nhận",
        "due": "Hạn xử lý / Ngày hẹn trả (hạn giải quyết)",
        "done": "Ngày có kết quả / Ngày trả kết quả",
    },
    "feedback": {
        "received": "Ngày tiếp nhận",
        "due": "Hạn xử lý (thời hạn trả lời)",
        "done": "Ngày hoàn thành (ngày trả lời)",
    },
}


def _first(required: str | tuple[str, ...]) -> str:
    return required if isinstance(required, str) else required[0]


def missing_required(kind: str, columns: dict[str, int]) -> list[str]:
    """The required fields a mapping lacks (for alternatives such as deadline / adjusted deadline, the first)."""
    return [_first(r) for r in REQUIRED[kind] if not any(f in columns for f in ((r,) if isinstance(r, str) else r))]


def required_label(kind: str, fld: str) -> str:
    """The name of a missing required column in messages ('Hạn xử lý / Ngày hẹn trả (hạn giải quyết)')."""
    return REQUIRED_LABELS.get(kind, {}).get(fld) or FIELD_LABELS.get(fld, fld)


# Fields that tell one kind from another weigh more in kind detection.
SIGNATURE: dict[str, tuple[str, ...]] = {
    "tasks": ("doc_number", "content", "assigned_by", "cooperating_units", "due_adjusted"),
    "cases": ("case_code", "procedure_name", "returned", "applicant"),
    "case_stats": ("cases_carried_over", "cases_resolved_early", "cases_pending_overdue", "cases_resolved_late"),
    "feedback": ("feedback_code", "rating", "area", "category"),
}

# Headers never mapped to a numeric Biểu 06 field (ratios, notes).
IGNORED_LEAVES = ("tỷ lệ", "tỉ lệ", "%", "ghi chú", "điểm")

# Vietnamese names of the fields, for messages.
FIELD_LABELS: dict[str, str] = {
    "doc_number": "Số, ký hiệu văn bản",
    "doc_date": "Ngày văn bản",
    "received": "Ngày tiếp nhận / ngày giao",
    "content": "Nội dung",
    "assigned_by": "Người giao",
    "unit": "Đơn vị",
    "cooperating_units": "Đơn vị phối hợp",
    "field": "Lĩnh vực",
    "due": "Hạn xử lý / thời hạn",
    "due_adjusted": "Thời hạn điều chỉnh",
    "done": "Ngày hoàn thành / có kết quả",
    "returned": "Ngày trả kết quả",
    "status": "Trạng thái",
    "note": "Ghi chú",
    "case_code": "Mã hồ sơ",
    "procedure_name": "Tên thủ tục hành chính",
    "applicant": "Người nộp",
    "channel": "Hình thức nộp / kênh tiếp nhận",
    "feedback_code": "Mã phản ánh",
    "category": "Phân loại",
    "area": "Địa bàn",
    "rating": "Đánh giá",
    "cases_total": "(3) Tổng số hồ sơ nhận giải quyết",
    "cases_new_online": "(4) Số mới tiếp nhận trực tuyến",
    "cases_new_offline": "(5) Số mới tiếp nhận trực tiếp và qua bưu chính",
    "cases_carried_over": "(6) Số kỳ trước chuyển qua",
    "cases_resolved": "(7) Tổng số đã giải quyết",
    "cases_resolved_early": "(8) Đã giải quyết trước hạn",
    "cases_resolved_on_time": "(9) Đã giải quyết đúng hạn",
    "cases_resolved_late": "(10) Đã giải quyết quá hạn",
    "cases_pending": "(11) Tổng số đang giải quyết",
    "cases_pending_on_time": "(12) Đang giải quyết trong hạn",
    "cases_pending_overdue": "(13) Đang giải quyết quá hạn",
}

_NON_WORD = re.compile(r"[^0-9a-z%]+")


def words(text: object) -> str:
    """Folded text with punctuation as spaces: 'Số, ký hiệu (VB)' -> 'so ky hieu vb'."""
    if isinstance(text, str):
        return _words(text)  # header detection folds the same cells for every candidate block and kind
    return " ".join(_NON_WORD.sub(" ", fold(text)).split())


@lru_cache(maxsize=20000)
def _words(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", fold(text)).split())


def _contains(haystack: str, needle: str) -> bool:
    return f" {needle} " in f" {haystack} "


def _expand(pattern: str) -> list[tuple[str, ...]]:
    parts = [p.strip() for p in pattern.split(">")]
    alternatives: list[list[str]] = [[]]
    for part in parts:
        m = re.fullmatch(r"\{(\w+)\}", part)
        options = GROUPS[m.group(1)] if m else (part,)
        alternatives = [a + [words(o)] for a in alternatives for o in options]
    return [tuple(a) for a in alternatives]


_PATTERNS: dict[str, dict[str, list[tuple[str, ...]]]] = {
    kind: {f: [p for syn in syns for p in _expand(syn)] for f, syns in table.items()}
    for kind, table in SYNONYMS.items()
}
_IGNORED = tuple(words(x) or x for x in IGNORED_LEAVES)
# Every word a header may use: a row with fewer than two cells made of these cannot be a header row.
VOCABULARY = frozenset(
    w
    for table in _PATTERNS.values()
    for patterns in table.values()
    for pattern in patterns
    for part in pattern
    for w in part.split()
) | frozenset(
    [
        "stt",
        "tt",
        "so",
        "thu",
        "tu",
        "trong",
        "do",
        "ghi",
        "chu",
        "ngay",
        "thang",
        "nam",
        "cua",
        "va",
        "cac",
        "theo",
        "ten",
        "ma",
    ]
)


def header_like(text: str) -> bool:
    """Mostly header words ('Ngày tiếp nhận', 'Số hồ sơ đã giải quyết'), not a value."""
    ws = words(text).split()
    if not ws or len(ws) > 20:
        return False
    known = sum(1 for w in ws if w in VOCABULARY)
    return known >= 1 and known * 10 >= len(ws) * 6


def _pattern_score(pattern: tuple[str, ...], segments: tuple[str, ...]) -> float:
    """0 when the pattern does not fit the header path, else a specificity score."""
    leaf = segments[-1]
    last = pattern[-1]
    exact = leaf == last
    if not exact and (" " not in last or not _contains(leaf, last)):
        return 0.0
    pos = 0
    for part in pattern[:-1]:
        while pos < len(segments) - 1 and not _contains(segments[pos], part):
            pos += 1
        if pos >= len(segments) - 1:
            return 0.0
        pos += 1
    return 100.0 * len(pattern) + (50.0 if exact else 0.0) + len(last) / 100.0


@lru_cache(maxsize=20000)
def field_scores(kind: str, segments: tuple[str, ...]) -> tuple[tuple[str, float], ...]:
    """(field, score) for every field of a kind that a header path fits."""
    if not segments:
        return ()
    if kind == "case_stats" and any(x in segments[-1] or _contains(segments[-1], x) for x in _IGNORED):
        return ()
    out = []
    for fld, patterns in _fitting(kind, segments[-1]):
        best = max((_pattern_score(p, segments) for p in patterns), default=0.0)
        if best > 0:
            out.append((fld, best))
    return tuple(out)


@lru_cache(maxsize=20000)
def _fitting(kind: str, leaf: str) -> tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]:
    """(field, its patterns whose last part fits `leaf`) in _PATTERNS order: every other pattern scores 0 on any
    path ending in this leaf (_pattern_score's first test), so header detection, which meets the same leaf
    under many candidate blocks, tests each pattern's last part against a leaf once."""
    out = []
    for fld, patterns in _PATTERNS[kind].items():
        fit = tuple(p for p in patterns if leaf == p[-1] or (" " in p[-1] and _contains(leaf, p[-1])))
        if fit:
            out.append((fld, fit))
    return tuple(out)


@dataclass
class Mapping:
    kind: str
    columns: dict[str, int] = field(default_factory=dict)  # field -> absolute column index
    headers: dict[str, str] = field(default_factory=dict)  # field -> header text as written (path)
    score: float = 0.0
    missing: list[str] = field(default_factory=list)  # required fields not found

    @property
    def complete(self) -> bool:
        return not self.missing


# Biểu 06 flattened into one header row repeats sub-headings («Tổng số», «Quá hạn», «Trong hạn»): such a leaf
# belongs to the group heading it follows, or, where no heading is written, to the next group in the form's
# order once its own group already has that sub-heading.
_GROUP_ORDER = ("received", "resolved", "pending")
_GROUP_WORDS = {g: tuple(words(x) for x in names) for g, names in GROUPS.items()}
_BARE_GROUP_HEADINGS = frozenset(w for g in ("resolved", "pending") for w in _GROUP_WORDS[g]) | frozenset(
    words(x) for x in ("số hồ sơ nhận giải quyết", "số hồ sơ nhận", "hồ sơ tiếp nhận", "số hồ sơ tiếp nhận")
)
_RECEIVED_LEAVES = tuple(
    words(x) for x in ("trực tuyến", "trực tiếp", "bưu chính", "bcci", "kỳ trước", "tồn kỳ", "tiếp nhận")
)
# sub-heading role -> the folded words that say it (checked in this order)
_ROLES = (
    ("early", ("truoc han",)),
    ("late", ("qua han", "tre han")),
    ("within", ("chua den han", "chua qua han")),  # always the pending group
    ("on_time", ("dung han", "dung thoi han", "trong han")),
    ("total", ("tong so", "tong")),
)


def _group_in(text: str) -> str | None:
    """The Biểu 06 group a header text names ('đã giải quyết' -> resolved), resolved/pending first."""
    for group in ("resolved", "pending", "received"):
        if any(_contains(text, w) for w in _GROUP_WORDS[group]):
            return group
    return None


def _role(leaf: str) -> str | None:
    if leaf in _BARE_GROUP_HEADINGS:
        return "total"
    for role, needles in _ROLES:
        if any(_contains(leaf, n) for n in needles):
            return role
    return None


def place_in_groups(folded: dict[int, tuple[str, ...]]) -> dict[int, tuple[str, ...]]:
    """Biểu 06 header paths with the group each repeated sub-heading falls under made explicit.

    Left to right, the current group is the last one named (a group heading cell «Đã giải quyết», a
    parent segment, or a leaf such as «Tồn kỳ trước»); a leaf without a group («Quá hạn», «Trong hạn»,
    «Tổng số») is read as (group heading, leaf). When the current group already has that sub-heading,
    the leaf starts the next group of the form (received → resolved → pending)."""
    out = dict(folded)
    current: str | None = None
    seen: set[tuple[str, str]] = set()
    for col in sorted(folded):
        segs = folded[col]
        if not segs:
            continue
        leaf = segs[-1]
        if any(x in leaf or _contains(leaf, x) for x in _IGNORED):
            continue
        parent = next((g for s in reversed(segs[:-1]) if (g := _group_in(s))), None)
        role = _role(leaf)
        if parent is not None:
            current = parent
            if role:
                seen.add((parent, "on_time" if role == "within" else role))
            continue
        named = _group_in(leaf)
        if role is None:
            if named or any(_contains(leaf, w) for w in _RECEIVED_LEAVES):
                current = named or "received"
            continue
        if role == "within":
            group = "pending"
        elif named:
            group = named
        elif current is None:
            group = "received" if role == "total" else "pending" if role == "within" else "resolved"
        elif current == "received" and role != "total":
            group = "resolved"
        else:
            group = current
        key = "on_time" if role == "within" else role
        while (group, key) in seen and group != _GROUP_ORDER[-1] and not named:
            group = _GROUP_ORDER[_GROUP_ORDER.index(group) + 1]
        if group == "received" and role != "total":
            group = "resolved"
        seen.add((group, key))
        current = group
        heading = _GROUP_WORDS[group][0]
        out[col] = (*segs[:-1], heading, "tong so" if leaf in _BARE_GROUP_HEADINGS else leaf)
    return out


def map_columns(kind: str, paths: dict[int, list[str]]) -> Mapping:
    """Assign header columns to the kind's fields, most specific matches first."""
    folded = {c: tuple(w for w in (words(s) for s in segs) if w) for c, segs in paths.items()}
    if kind == "case_stats":
        folded = place_in_groups(folded)
    candidates = []
    for col, segs in folded.items():
        for fld, score in field_scores(kind, segs):
            candidates.append((score, -col, fld, col))
    candidates.sort(reverse=True)
    mapping = Mapping(kind)
    used: set[int] = set()
    for _score, _neg, fld, col in candidates:
        if fld in mapping.columns or col in used:
            continue
        mapping.columns[fld] = col
        mapping.headers[fld] = " / ".join(paths[col])
        used.add(col)
    mapping.missing = missing_required(kind, mapping.columns)
    signature = set(SIGNATURE[kind])
    required = {f for r in REQUIRED[kind] for f in ((r,) if isinstance(r, str) else r)}
    weights = sum(3.0 if f in signature else 2.0 if f in required else 1.0 for f in mapping.columns)
    mapping.score = weights - 2.0 * len(mapping.missing)
    return mapping


def best_mapping(paths: dict[int, list[str]], kind: str | None = None) -> Mapping:
    """The mapping for the given kind, or for the kind whose table fits the headers best."""
    kinds = (kind,) if kind else KINDS
    mappings = [map_columns(k, paths) for k in kinds]
    return max(mappings, key=lambda m: (m.complete, m.score))
