"""Status texts of the source systems mapped to one vocabulary (METRICS.md section 2).

Dates decide wherever they are present; the status code decides only when dates are missing, and a
disagreement between the two is reported as a data-quality warning on the upload.

Codes:
    done_early, done_on_time, done_late  finished, the text says how
    done                                 finished, timing left to the dates
    open_on_time, open_overdue           not finished, the text says whether past the deadline
    open                                 not finished, timing left to the dates
    paused                               waiting for the applicant (chờ bổ sung) or paused (tạm dừng):
                                         pending within deadline whatever the due date (clock stopped)
    returned                             returned to the applicant, withdrawn, refused, stopped (dừng xử
                                         lý), not within the unit's competence: resolved on time (Biểu 06)
    no_deadline                          "Thường xuyên", "Không thời hạn": an item without a deadline
                                         (done or not is left to the dates; a deadline date in its own
                                         column wins, with a warning)

A text matches a variant case-, diacritics- and spacing-insensitively, in NFC or NFD, with punctuation
read as a space and trailing punctuation ignored ("ĐÃ  XONG.", "Chưa hoàn thành, quá hạn").
The no-deadline words are also the ones read in a deadline cell (oversight.ingest.values).
"""

from __future__ import annotations

import re

from oversight.text import fold

# Deadlines in words meaning "no deadline": a status text equal to one of them, or a deadline cell
# containing one, makes the item a no-deadline item (METRICS.md section 2).
NO_DEADLINE_WORDS = (
    "Thường xuyên",
    "Nhiệm vụ thường xuyên",
    "Không thời hạn",
    "Không có thời hạn",
    "Không xác định thời hạn",
    "Không quy định thời hạn",
    "Chưa xác định thời hạn",
    "Liên tục",
    "Hằng năm",
    "Hàng năm",
    "Hằng tháng",
    "Hàng tháng",
    "Hằng quý",
    "Hàng quý",
    "Hằng tuần",
    "Hàng tuần",
    "Định kỳ",
    "Theo tiến độ",
    "Kịp thời",
)

STATUS_CODES = (
    "done_early",
    "done_on_time",
    "done_late",
    "done",
    "open_on_time",
    "open_overdue",
    "open",
    "paused",
    "returned",
    "no_deadline",
)

# Vietnamese variants seen in exports, keyed by their folded form (lower case, no diacritics).
_VARIANTS: dict[str, tuple[str, ...]] = {
    "done_early": (
        "Hoàn thành trước hạn",
        "Đã hoàn thành trước hạn",
        "Trả kết quả trước hạn",
        "Đã trả kết quả trước hạn",
        "Giải quyết trước hạn",
        "Trước hạn",
        "Hoàn thành sớm",
        "Đã giải quyết trước hạn",
        "Đã xử lý trước hạn",
    ),
    "done_on_time": (
        "Hoàn thành đúng hạn",
        "Đã hoàn thành đúng hạn",
        "Hoàn thành trong hạn",
        "Đã hoàn thành trong hạn",
        "Trả kết quả đúng hạn",
        "Đã trả kết quả đúng hạn",
        "Giải quyết đúng hạn",
        "Đúng hạn",
        "Đã xử lý đúng hạn",
        "Đã giải quyết đúng hạn",
        "Đã trả lời đúng hạn",
        "Hoàn thành đúng tiến độ",
    ),
    "done_late": (
        "Hoàn thành quá hạn",
        "Đã hoàn thành quá hạn",
        "Hoàn thành trễ hạn",
        "Đã hoàn thành trễ hạn",
        "Hoàn thành chậm",
        "Trả kết quả trễ hạn",
        "Trả kết quả quá hạn",
        "Đã trả kết quả trễ hạn",
        "Đã trả kết quả quá hạn",
        "Giải quyết quá hạn",
        "Đã xử lý quá hạn",
        "Đã xử lý trễ hạn",
        "Đã giải quyết quá hạn",
        "Đã giải quyết trễ hạn",
        "Đã hoàn thành chậm",
        "Hoàn thành nhưng quá hạn",
        "Đã trả lời quá hạn",
    ),
    "done": (
        "Hoàn thành",
        "Đã hoàn thành",
        "Đã trả kết quả",
        "Đã có kết quả",
        "Có kết quả",
        "Đã giải quyết",
        "Đã xử lý",
        "Đã xử lý xong",
        "Đã xong",
        "Xong",
        "Hoàn thành xong",
        "Đã hoàn thành xong",
        "Đã trả lời",
        "Đã phản hồi",
        "Kết thúc",
        "Đã kết thúc",
        "Chờ xác nhận",
        "Chờ xác nhận hoàn thành",
        "Chờ trả kết quả",
    ),
    "open_on_time": (
        "Đang thực hiện trong hạn",
        "Đang giải quyết trong hạn",
        "Đang xử lý trong hạn",
        "Chưa đến hạn",
        "Trong hạn",
        "Còn hạn",
    ),
    "open_overdue": (
        "Đang thực hiện quá hạn",
        "Đang giải quyết quá hạn",
        "Đang xử lý quá hạn",
        "Chưa hoàn thành quá hạn",
        "Quá hạn",
        "Trễ hạn",
        "Đã quá hạn",
        "Quá hạn chưa xử lý",
        "Đang giải quyết trễ hạn",
        "Đang xử lý trễ hạn",
        "Chậm tiến độ",
        "Chưa hoàn thành, quá hạn",
    ),
    "open": (
        "Đang thực hiện",
        "Đang giải quyết",
        "Đang xử lý",
        "Chưa hoàn thành",
        "Chưa thực hiện",
        "Mới tiếp nhận",
        "Mới",
        "Đã tiếp nhận",
        "Chờ xử lý",
        "Đang chờ xử lý",
        "Chuyển xử lý",
        "Đã chuyển xử lý",
        "Sắp đến hạn",
        "Chưa xử lý",
        "Chờ tiếp nhận",
        "Đang tiếp nhận",
        "Đang thẩm định",
        "Chờ phê duyệt",
    ),
    "paused": (
        "Chờ bổ sung",
        "Chờ bổ sung hồ sơ",
        "Yêu cầu bổ sung",
        "Đang bổ sung",
        "Tạm dừng",
        "Tạm dừng xử lý",
        "Tạm ngưng",
    ),
    "returned": (
        "Trả lại hồ sơ",
        "Trả lại",
        "Hoàn trả hồ sơ",
        "Đã trả lại hồ sơ",
        "Công dân xin rút",
        "Công dân xin rút hồ sơ",
        "Công dân rút hồ sơ",
        "Xin rút",
        "Xin rút hồ sơ",
        "Rút hồ sơ",
        "Đã rút hồ sơ",
        "Từ chối",
        "Từ chối giải quyết",
        "Không giải quyết",
        "Không thuộc thẩm quyền",
        # stopped for good (not "tạm dừng", a pause): the case leaves the unit's hands like a returned one
        "Dừng xử lý",
        "Dừng giải quyết",
        "Đã dừng xử lý",
    ),
    "no_deadline": NO_DEADLINE_WORDS,
}

_NON_WORD = re.compile(r"[^0-9a-z]+")


def status_key(text: object) -> str:
    """The matching key of a status text: folded, punctuation as spaces, trimmed ('Đã  XONG.' -> 'da xong')."""
    if text is None:
        return ""
    return " ".join(_NON_WORD.sub(" ", fold(str(text))).split())


def _build_map() -> dict[str, str]:
    out: dict[str, str] = {}
    for code, texts in _VARIANTS.items():
        for text in texts:
            key = status_key(text)
            if out.setdefault(key, code) != code:
                raise ValueError(f"status variant {text!r} is listed under {out[key]!r} and {code!r}")
    return out


STATUS_MAP: dict[str, str] = _build_map()


def status_code(text: object) -> str | None:
    """The code for a status text, or None when the text is empty (or only punctuation) or unknown."""
    key = status_key(text)
    if not key:
        return None
    return STATUS_MAP.get(key)
