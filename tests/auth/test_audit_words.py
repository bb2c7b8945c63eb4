"""The audit log in words (oversight/auth/audit_words.py): every name the code writes has a Vietnamese label,
and real rows read without a code, a snake_case key or JSON."""

from __future__ import annotations

import ast
import inspect
import json

import pandas as pd
import pytest

from oversight import access, exports
from oversight.auth import audit, audit_words, policy, users
from oversight.auth.audit_words import DETAIL_LABELS, SETTING_LABELS, TARGET_LABELS, VALUE_LABELS
from oversight.periods import month
from tests.conftest import ROOT
from tests.e2e.words import offenders

PASSWORD = "Một mật khẩu đủ dài 2025"


def _sources():
    for path in sorted((ROOT / "oversight").rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Name):
        return node.id
    return None


def _strings(node: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _dict_names(node: ast.AST, where: str, missing: list[str]) -> None:
    """Keys of dict literals under `node` (and their coded string values) without a label."""
    for d in ast.walk(node):
        if not isinstance(d, ast.Dict):
            continue
        for key, value in zip(d.keys, d.values, strict=True):
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)):
                continue
            if key.value not in DETAIL_LABELS:
                missing.append(f"{where}: detail key {key.value!r}")
            coded = key.value in VALUE_LABELS and isinstance(value, ast.Constant) and isinstance(value.value, str)
            if coded and value.value not in VALUE_LABELS[key.value]:
                missing.append(f"{where}: value {value.value!r} of {key.value!r}")


AUDITING_CALLS = {"record", "_refuse", "_failed", "_audit_export"}


def test_every_name_the_code_writes_into_the_log_has_a_label():
    constants = {k: v for k, v in vars(audit).items() if k.isupper() and isinstance(v, str)}
    missing: list[str] = []
    seen_calls = 0
    for path, tree in _sources():
        where = str(path.relative_to(ROOT))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node.func) in AUDITING_CALLS:
                seen_calls += 1
                for arg in [*node.args, *(k.value for k in node.keywords)]:
                    name = _name(arg)
                    is_action = isinstance(arg, ast.Attribute) and name in constants and name != "NOBODY"
                    if is_action and constants[name] not in audit.ACTION_LABELS:
                        missing.append(f"{where}: action {constants[name]!r}")
                target = next((k.value for k in node.keywords if k.arg == "target"), None)
                if _name(node.func) == "_audit_export" and len(node.args) > 1:
                    target = node.args[1]
                    missing += [f"{where}: detail key {k.arg!r}" for k in node.keywords if k.arg not in DETAIL_LABELS]
                named = isinstance(target, ast.Constant) and isinstance(target.value, str)
                if named and target.value not in TARGET_LABELS:
                    missing.append(f"{where}: object {target.value!r}")
                _dict_names(node, where, missing)
            if isinstance(node, ast.FunctionDef) and any(_name(d) == "audited" for d in node.decorator_list):
                if node.name not in TARGET_LABELS:
                    missing.append(f"{where}: object {node.name!r} (an audited registry change)")
                for arg in node.args.args + node.args.kwonlyargs:
                    if arg.arg not in ("con", "user") and arg.arg not in DETAIL_LABELS:
                        missing.append(f"{where}: detail key {arg.arg!r} (argument of {node.name})")
    assert seen_calls >= 20  # the scan found the audit calls (a rename would otherwise pass this test)
    missing += [f"action {a!r}" for a in constants.values() if a not in audit.ACTION_LABELS and a in _actions()]
    missing += [f"setting {k!r}" for k in policy.KEYS if k not in SETTING_LABELS]
    assert not missing, "\n".join(missing)


def _actions() -> set[str]:
    """The action constants of audit.py: the names assigned before ACTION_LABELS."""
    source = inspect.getsource(audit)
    head = source[: source.index("ACTION_LABELS")]
    return {v for k, v in vars(audit).items() if k.isupper() and isinstance(v, str) and f"{k} = " in head}


def test_an_export_row_in_words():
    row = pd.DataFrame(
        {
            "at": [pd.Timestamp("2025-10-31 17:05:00")],  # UTC: 00:05 on 1 November in Hà Nội
            "actor": ["web:lan"],
            "action": ["export"],
            "target": ["brief_pdf"],
            "ok": [True],
            "detail": ['{"field": null, "group": "all", "period": "m2025-10"}'],
        }
    )
    shown = audit_words.readable(row)
    assert list(shown.columns) == ["Thời điểm", "Người thực hiện", "Hành động", "Đối tượng", "Kết quả", "Chi tiết"]
    assert shown.iloc[0].tolist() == [
        "01/11/2025 00:05:00",
        "lan",
        "Xuất báo cáo",
        "Báo cáo nhanh (PDF)",
        "Thành công",
        "lĩnh vực: không có; nhóm: tất cả đơn vị; kỳ: Tháng 10/2025",
    ]


def test_changes_and_refusals_in_words():
    change = json.dumps({"role": {"old": "uploader", "new": "leader"}, "unit_id": {"old": 12, "new": None}})
    assert audit_words.detail_text(change, {12: "Xã Long Phước"}) == (
        "vai trò: Cán bộ cập nhật dữ liệu → Lãnh đạo (xem toàn tỉnh); đơn vị: Xã Long Phước → không có"
    )
    assert audit_words.detail_text('{"reason": "wrong_password", "client": "10.0.0.7", "failed_attempts": 2}') == (
        "lý do: sai mật khẩu; máy: 10.0.0.7; số lần sai liên tiếp: 2"
    )
    assert audit_words.target_text("settings_change", "public_demo,session_hours") == (
        "cho xem công khai dữ liệu minh họa; phiên đăng nhập hết hạn sau (giờ)"
    )
    assert audit_words.target_text("upload", "17") == "Lần tải lên số 17"
    assert audit_words.target_text("export", "xep_hang_commune_m2025-10.csv") == "xep_hang_commune_m2025-10.csv"
    assert audit_words.actor_words("cli:root") == "root (dòng lệnh)"
    assert audit_words.actor_words("web:?") == "(tên đăng nhập không có)"
    assert audit_words.actor_words("inbox") == "thư mục nhận tệp"
    # A code this version does not know is marked as a code, never passed off as a word.
    assert audit_words.action_text("letter_sent") == "(mã: letter_sent)"
    assert audit_words.detail_text('{"colour": "red"}') == "(mã: colour): red"


def test_real_audit_rows_read_without_codes(con):
    users.add_user(con, "lan.anh", PASSWORD, "uploader")
    users.set_role(con, "lan.anh", "leader")
    users.disable_user(con, "lan.anh")
    users.enable_user(con, "lan.anh")
    policy.set_policy(con, public_demo=False, unit_viewer_aggregates="own", session_hours=8)
    with access.acting_as(None):
        for password in ("sai mật khẩu", PASSWORD + "x"):
            with pytest.raises(users.LoginError):
                users.authenticate(con, "lan.anh", password, client="10.0.0.7")
        with pytest.raises(users.LoginError):
            users.authenticate(con, "không.có.ai", "gì đó dài", client="10.0.0.7")
    period = month(2025, 10)
    exports.brief_docx(con, period)
    exports.ranking_workbook(con, period)
    exports.table_csv(con, pd.DataFrame({"a": [1]}), "xep_hang_commune_m2025-10.csv")
    shown = audit_words.readable(audit.events(con))
    assert len(shown) >= 10
    texts = [("audit", str(v)) for v in shown.to_numpy().ravel()]
    assert offenders(texts) == []
    assert not any("(mã:" in text for _w, text in texts)
    assert "vai trò: Cán bộ cập nhật dữ liệu → Lãnh đạo (xem toàn tỉnh)" in shown["Chi tiết"].tolist()
    assert "Bảng xếp hạng (Excel)" in shown["Đối tượng"].tolist()


def test_a_letter_export_and_a_monthly_report_read_in_words():
    assert audit_words.target_text(audit.EXPORT, "letters_zip") == "Văn bản nhắc nhở nhiều đơn vị (.zip)"
    assert audit_words.target_text(audit.EXPORT, "monthly_report_docx_pdf") == "Báo cáo tháng (Word và PDF)"
    detail = {"period": "m2025-10", "level": "phe_binh", "kinds": ["tasks", "cases"]}
    text = audit_words.detail_text(json.dumps(detail))
    assert text == "kỳ: Tháng 10/2025; mức độ: phê bình; nội dung: nhiệm vụ, hồ sơ TTHC"
