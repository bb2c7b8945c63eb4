"""The audit log in words: what the code writes (action names, object names, JSON details with English keys)
as an admin reads it — «Xuất báo cáo · Báo cáo nhanh (PDF) · kỳ: Tháng 10/2025; nhóm: tất cả đơn vị».

Every name the code writes into the log has a label here: the actions (audit.ACTION_LABELS), the objects
(`TARGET_LABELS`: exports, changes of the unit registry, settings), the keys of the details (`DETAIL_LABELS`)
and the coded values (`VALUE_LABELS`). tests/auth/test_audit_words.py reads the code for every name written
and fails on one without a label. A name a newer version writes and this one does not know is shown as
«(mã: name)» rather than raw.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

import pandas as pd

from oversight import access, clock
from oversight.auth import audit
from oversight.auth.policy import KEYS as POLICY_KEYS

# Objects named by code: the exports, the registry changes (the audited functions' names), the demo.
TARGET_LABELS = {
    "brief_pdf": "Báo cáo nhanh (PDF)",
    "brief_docx": "Báo cáo nhanh (Word)",
    "items_workbook": "Danh sách trễ hạn, quá hạn (Excel)",
    "ranking_workbook": "Bảng xếp hạng (Excel)",
    "rename_unit": "Đổi tên đơn vị",
    "merge_units": "Gộp đơn vị",
    "unmerge": "Hoàn tác gộp đơn vị",
    "confirm": "Xác nhận tên đơn vị chưa khớp",
    "reject": "Ghi nhận tên không phải đơn vị của tỉnh",
    "unreject": "Bỏ ghi nhận tên không phải đơn vị của tỉnh",
    "add_department": "Thêm cơ quan vào danh mục",
    "demo": "Dữ liệu minh họa",
    "letter_docx": "Văn bản nhắc nhở (Word)",
    "letters_zip": "Văn bản nhắc nhở nhiều đơn vị (.zip)",
    "monthly_report_docx": "Báo cáo tháng (Word)",
    "monthly_report_pdf": "Báo cáo tháng (PDF)",
    "monthly_report_docx_pdf": "Báo cáo tháng (Word và PDF)",
}
SETTING_LABELS = {
    "public_demo": "cho xem công khai dữ liệu minh họa",
    "unit_viewer_aggregates": "lãnh đạo đơn vị xem số liệu tổng hợp của",
    "max_failed_logins": "số lần đăng nhập sai trước khi tạm chặn",
    "lockout_minutes": "thời gian tạm chặn (phút)",
    "session_hours": "phiên đăng nhập hết hạn sau (giờ)",
}
DETAIL_LABELS = {
    # accounts and logins
    "role": "vai trò",
    "unit_id": "đơn vị",
    "reason": "lý do",
    "via": "qua",
    "client": "máy",
    "blocked_until": "tạm chặn đến",
    "failed_attempts": "số lần sai liên tiếp",
    "expires_at": "hết hạn lúc",
    # uploads
    "status": "kết quả",
    "error": "lỗi",
    "of": "trùng với lần tải lên số",
    "source": "nguồn",
    "cause": "nguyên nhân",
    "file": "tệp",
    "kind": "loại dữ liệu",
    "origin": "loại số liệu",
    "rows_loaded": "số dòng đã nạp",
    "replaced": "thay thế lần tải lên số",
    "demo_retired": "số lần tải minh họa được gỡ khỏi số liệu",
    "restored": "khôi phục lần tải lên số",
    "uploads": "số lần tải lên",
    "mapping_id": "ánh xạ cột số",
    "choices": "cột đã chọn",
    # exports
    "period": "kỳ",
    "group": "nhóm",
    "field": "lĩnh vực",
    "rows": "số dòng",
    # registry changes (the audited functions' arguments)
    "new_name": "tên mới",
    "effective": "có hiệu lực từ",
    "valid_from": "có hiệu lực từ",
    "keep_id": "giữ lại đơn vị",
    "drop_id": "gộp đơn vị",
    "merge_id": "lần gộp số",
    "name": "tên",
    "abbreviation": "tên viết tắt",
    "unit_type": "loại",
    "start": "thành lập từ",
    "aliases": "tên gọi khác",
    # changes: {"key": {"old": …, "new": …}}
    "old": "cũ",
    "level": "mức độ",
    "kinds": "nội dung",
    # the register of reminders and the CCHC workbook write their keys in Vietnamese already
    "Năm": "năm",
    "Số đơn vị": "số đơn vị",
    "Số mục sổ": "số mục sổ",
    "Mục sổ": "mục sổ",
    "Đơn vị": "đơn vị",
    "Mức độ": "mức độ",
    "Ngày văn bản": "ngày văn bản",
    "Số, ký hiệu": "số, ký hiệu",
    "Lý do thu hồi": "lý do thu hồi",
    "new": "mới",
    **SETTING_LABELS,
}
_GROUPS = {"all": "tất cả đơn vị", "department": "sở, ban, ngành", "district": "cấp huyện", "commune": "cấp xã"}
_KINDS = {
    "tasks": "nhiệm vụ được giao",
    "cases": "danh sách hồ sơ TTHC",
    "case_stats": "Biểu 06",
    "feedback": "phản ánh, kiến nghị",
}
VALUE_LABELS: dict[str, dict[str, str]] = {
    "reason": {
        "unknown_user": "tên đăng nhập không có",
        "wrong_password": "sai mật khẩu",
        "disabled": "tài khoản đã khóa",
    },
    "via": {"sso": "đăng nhập một lần (SSO)", "setup_link": "liên kết thiết lập"},
    "status": {
        "rejected": "tệp bị từ chối",
        "duplicate": "tệp đã nạp trước đó",
        "storage": "không ghi được vào ổ đĩa",
        "demo_restored": "khôi phục dữ liệu minh họa",
    },
    "kind": _KINDS,
    "origin": {"real": "số liệu thật", "demo": "số liệu minh họa"},
    "source": {
        "web": "tải lên trên trang",
        "cli": "dòng lệnh",
        "inbox": "thư mục nhận tệp",
        "system": "hệ thống",
    },
    "role": {**access.ROLE_LABELS},
    "group": _GROUPS,
    "level": {"nhac_nho": "nhắc nhở", "phe_binh": "phê bình", "kiem_diem": "kiểm điểm"},
    "kinds": {"tasks": "nhiệm vụ", "cases": "hồ sơ TTHC", "feedback": "phản ánh, kiến nghị"},
    "unit_viewer_aggregates": {"all": "mọi đơn vị", "own": "chỉ đơn vị mình"},
}
NOTHING = "—"


def unknown(name: object) -> str:
    """A code this version has no label for, shown as a code rather than as a word."""
    return f"(mã: {name})"


def target_text(action: str, target: object) -> str:
    """The object of an audit row in words."""
    if target is None or (isinstance(target, float) and pd.isna(target)) or target == "":
        return ""
    text = str(target)
    if action in (audit.UPLOAD, audit.ROLLBACK) and text.isdigit():
        return f"Lần tải lên số {text}"
    if action == audit.SETTINGS_CHANGE:
        return "; ".join(SETTING_LABELS.get(k, unknown(k)) for k in text.split(","))
    if text in TARGET_LABELS:
        return TARGET_LABELS[text]
    return text  # a user name, a file name: as written


def _value_text(key: str | None, value: object, unit_names: Mapping[int, str]) -> str:
    if value is None:
        return "không có"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, dict):
        if set(value) == {"old", "new"}:
            return f"{_value_text(key, value['old'], unit_names)} → {_value_text(key, value['new'], unit_names)}"
        return "; ".join(f"{_key_text(k)}: {_value_text(k, v, unit_names)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(_value_text(key, v, unit_names) for v in value) if value else "không có"
    if key in ("unit_id", "keep_id", "drop_id") and isinstance(value, int) and not isinstance(value, bool):
        return unit_names.get(value, f"đơn vị số {value}")
    if key == "period" and isinstance(value, str):
        return _period_label(value)
    if key in ("expires_at", "blocked_until") and isinstance(value, str):
        return _time_text(value)
    if isinstance(value, str) and key in VALUE_LABELS:
        return VALUE_LABELS[key].get(value, unknown(value))
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def _key_text(key: str) -> str:
    return DETAIL_LABELS.get(key, unknown(key))


def _period_label(period_id: str) -> str:
    from oversight.periods import parse_period_id

    try:
        return parse_period_id(period_id).label
    except ValueError:
        return period_id


def _time_text(text: str) -> str:
    try:
        stamp = datetime.fromisoformat(text)
    except ValueError:
        return text
    return clock.local_text(stamp, "%d/%m/%Y %H:%M")


def detail_text(detail: object, unit_names: Mapping[int, str] | None = None) -> str:
    """The JSON details of an audit row in words: «kỳ: Tháng 10/2025; nhóm: tất cả đơn vị»."""
    if detail is None or (isinstance(detail, float) and pd.isna(detail)) or detail == "":
        return ""
    try:
        parsed = json.loads(detail) if isinstance(detail, str) else detail
    except ValueError:
        return str(detail)
    if not isinstance(parsed, dict):
        return _value_text(None, parsed, unit_names or {})
    return "; ".join(f"{_key_text(k)}: {_value_text(k, v, unit_names or {})}" for k, v in parsed.items())


def action_text(action: str) -> str:
    return audit.ACTION_LABELS.get(action, unknown(action))


# Where an account acted from, as the audit log's actor «source:name» says it.
ACTOR_SOURCES = {"web": "", "cli": "dòng lệnh", "sso": "đăng nhập một lần", "demo": "bản minh họa công khai"}


def actor_words(actor: str) -> str:
    """«web:lan.anh» -> «lan.anh», «cli:root» -> «root (dòng lệnh)», «web:?» -> «(tên đăng nhập không có)»;
    the product itself as audit.actor_text says it."""
    if actor == audit.NOBODY:
        return "(chưa đăng nhập)"
    source, sep, name = str(actor).partition(":")
    if not sep:
        return audit.actor_text(actor)
    if name == "?":
        return "(tên đăng nhập không có)"
    where = ACTOR_SOURCES.get(source, unknown(source))
    return f"{name} ({where})" if where else name


def readable(events: pd.DataFrame, unit_names: Mapping[int, str] | None = None) -> pd.DataFrame:
    """audit.events() as the admin page shows it: Vietnamese columns, every value in words."""
    return pd.DataFrame(
        {
            "Thời điểm": [
                v.strftime("%d/%m/%Y %H:%M:%S") if not pd.isna(v) else "" for v in clock.local_series(events["at"])
            ],
            "Người thực hiện": [actor_words(a) for a in events["actor"]],
            "Hành động": [action_text(a) for a in events["action"]],
            "Đối tượng": [target_text(a, t) for a, t in zip(events["action"], events["target"], strict=True)],
            "Kết quả": ["Thành công" if ok else "Không thành công" for ok in events["ok"]],
            "Chi tiết": [detail_text(d, unit_names) for d in events["detail"]],
        }
    )


__all__ = ["DETAIL_LABELS", "POLICY_KEYS", "TARGET_LABELS", "VALUE_LABELS", "readable"]
