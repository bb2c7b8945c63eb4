"""`python -m oversight users …` and `audit` through oversight.cli.main, passwords on standard input."""

from __future__ import annotations

import io
import re

import pytest

from oversight import cli, db
from oversight.auth import users

PASSWORD = "Mật khẩu dòng lệnh 2025"


@pytest.fixture
def path(tmp_path):
    return str(tmp_path / "cli.duckdb")


def _run(path, *args, stdin: str | None = None, monkeypatch=None) -> int:
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return cli.main(["users", "--db", path, *args])


def _query(path, sql, params=()):
    con = db.open_database(path)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def test_add_reads_the_password_from_stdin_and_audits_the_operator(path, monkeypatch, capsys):
    code = _run(
        path,
        "add",
        "Lan",
        "--role",
        "leader",
        "--name",
        "Nguyễn Thị Lan",
        "--password-stdin",
        stdin=PASSWORD + "\n",
        monkeypatch=monkeypatch,
    )
    assert code == 0
    assert capsys.readouterr().out == "Đã thêm tài khoản «lan» (Lãnh đạo (xem toàn tỉnh)).\n"
    assert _query(path, "SELECT username, display_name, role FROM users") == [("lan", "Nguyễn Thị Lan", "leader")]
    ((actor, action),) = _query(path, "SELECT actor, action FROM audit_log")
    assert actor.startswith("cli:") and action == "user_add"
    con = db.open_database(path)
    try:
        assert users.authenticate(con, "lan", PASSWORD).role == "leader"
    finally:
        con.close()


def test_add_a_unit_viewer_by_unit_name(path, monkeypatch, capsys):
    assert (
        _run(
            path,
            "add",
            "longphuoc",
            "--role",
            "unit_viewer",
            "--unit",
            "Xã Long Phước",
            "--password-stdin",
            stdin=PASSWORD + "\n",
            monkeypatch=monkeypatch,
        )
        == 0
    )
    ((unit,),) = _query(path, "SELECT n.name FROM users AS u JOIN units AS n USING (unit_id)")
    assert unit == "Xã Long Phước"


def test_add_refusals_and_bad_input(path, monkeypatch, capsys):
    assert (
        _run(path, "add", "lan", "--role", "leader", "--password-stdin", stdin="ngắn\n", monkeypatch=monkeypatch) == 1
    )
    assert "Mật khẩu phải có ít nhất 10 ký tự." in capsys.readouterr().err
    assert _run(path, "add", "lan", "--role", "leader", "--password-stdin", stdin="", monkeypatch=monkeypatch) == 2
    assert (
        _run(
            path,
            "add",
            "xa",
            "--role",
            "unit_viewer",
            "--unit",
            "Xã Không Có Thật",
            "--password-stdin",
            stdin=PASSWORD + "\n",
            monkeypatch=monkeypatch,
        )
        == 2
    )
    assert "Không xác định được đơn vị «Xã Không Có Thật»" in capsys.readouterr().err
    assert (
        _run(
            path,
            "add",
            "xa1",
            "--role",
            "unit_viewer",
            "--password-stdin",
            stdin=PASSWORD + "\n",
            monkeypatch=monkeypatch,
        )
        == 1
    )
    assert "cần chọn đơn vị" in capsys.readouterr().err
    assert _query(path, "SELECT count(*) FROM users") == [(0,)]


def test_password_typed_twice_must_match(path, monkeypatch, capsys):
    typed = iter([PASSWORD, PASSWORD + "?"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    assert _run(path, "add", "lan", "--role", "leader") == 2
    assert "Hai lần nhập mật khẩu không khớp." in capsys.readouterr().err
    typed = iter([PASSWORD, PASSWORD])
    assert _run(path, "add", "lan", "--role", "leader") == 0


def test_passwd_disable_enable_list(path, monkeypatch, capsys):
    for name, role in (("quantri", "admin"), ("lan", "leader")):
        _run(path, "add", name, "--role", role, "--password-stdin", stdin=PASSWORD + "\n", monkeypatch=monkeypatch)
    assert _run(path, "passwd", "lan", "--password-stdin", stdin="Một mật khẩu mới hẳn\n", monkeypatch=monkeypatch) == 0
    assert _run(path, "disable", "lan") == 0
    assert _run(path, "disable", "quantri") == 1
    assert "quản trị viên cuối cùng" in capsys.readouterr().err
    capsys.readouterr()
    assert _run(path, "list") == 0
    out = capsys.readouterr().out
    assert re.search(r"lan\s.*Lãnh đạo \(xem toàn tỉnh\)\s.*không", out)
    assert _run(path, "enable", "lan") == 0
    assert _run(path, "disable", "ai.do") == 1
    assert "Không có tài khoản «ai.do»." in capsys.readouterr().err
    actions = _query(path, "SELECT action FROM audit_log WHERE actor LIKE 'cli:%' ORDER BY audit_id")
    assert [a for (a,) in actions] == ["user_add", "user_add", "password_change", "user_disable", "user_enable"]


def test_setup_link_only_while_no_admin_exists(path, monkeypatch, capsys):
    assert _run(path, "setup-link", "--base", "https://oversight.example.vn") == 0
    captured = capsys.readouterr()
    assert re.fullmatch(r"https://oversight\.example\.vn/\?setup=[\w-]{40,}\n", captured.out)
    assert "dùng một lần" in captured.err
    _run(path, "add", "quantri", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n", monkeypatch=monkeypatch)
    capsys.readouterr()
    assert _run(path, "setup-link") == 1
    assert capsys.readouterr().err == "Đã có tài khoản quản trị đang hoạt động; không cần liên kết thiết lập.\n"


def test_audit_prints_the_log(path, monkeypatch, capsys):
    _run(path, "add", "lan", "--role", "leader", "--password-stdin", stdin=PASSWORD + "\n", monkeypatch=monkeypatch)
    _run(path, "disable", "lan")
    capsys.readouterr()
    assert cli.main(["audit", "--db", path, "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert "Vô hiệu hóa tài khoản" in out and "Thêm tài khoản" not in out and "cli:" in out
    assert cli.main(["audit", "--db", path, "--action", "user_add"]) == 0
    out = capsys.readouterr().out
    assert "Thêm tài khoản" in out and "thành công" in out and PASSWORD not in out


def test_times_are_printed_in_the_provinces_time(path, monkeypatch, capsys):
    """The store keeps UTC; 17:30 UTC on 1 December is 00:30 on 2 December in Hà Nội."""
    _run(path, "add", "lan", "--role", "leader", "--password-stdin", stdin=PASSWORD + "\n", monkeypatch=monkeypatch)
    con = db.open_database(path)
    try:
        con.execute("UPDATE audit_log SET \"at\" = TIMESTAMP '2026-12-01 17:30:05'")
        con.execute("UPDATE users SET last_login_at = TIMESTAMP '2026-12-01 23:59:00'")
    finally:
        con.close()
    capsys.readouterr()
    assert cli.main(["audit", "--db", path]) == 0
    assert "02/12/2026 00:30:05" in capsys.readouterr().out
    assert cli.main(["users", "--db", path, "list"]) == 0
    assert "02/12/2026 06:59" in capsys.readouterr().out
