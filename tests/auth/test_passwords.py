"""Password hashes (argon2id) and the password policy."""

from __future__ import annotations

import unicodedata

import pytest
from argon2 import PasswordHasher

from oversight.auth import passwords

PASSWORD = "Mật khẩu đủ dài 2025"


def test_hash_is_argon2id_and_never_the_password():
    hashed = passwords.hash_password(PASSWORD)
    assert hashed.startswith("$argon2id$")
    assert PASSWORD not in hashed


def test_verify_true_for_the_password_false_otherwise():
    hashed = passwords.hash_password(PASSWORD)
    assert passwords.verify_password(hashed, PASSWORD)
    assert not passwords.verify_password(hashed, PASSWORD + "x")
    assert not passwords.verify_password(hashed, "")


def test_verify_never_raises_on_a_bad_hash():
    assert not passwords.verify_password("not a hash", PASSWORD)
    assert not passwords.verify_password("", PASSWORD)
    assert not passwords.verify_password("$argon2id$v=19$m=8,t=1,p=1$garbage", PASSWORD)


def test_two_hashes_of_one_password_differ():
    assert passwords.hash_password(PASSWORD) != passwords.hash_password(PASSWORD)


def test_decomposed_accents_match_the_composed_password():
    hashed = passwords.hash_password(PASSWORD)
    assert passwords.verify_password(hashed, unicodedata.normalize("NFD", PASSWORD))


def test_needs_rehash_when_the_parameters_change(monkeypatch):
    hashed = passwords.hash_password(PASSWORD)  # the tests' cheap parameters
    assert not passwords.needs_rehash(hashed)
    monkeypatch.setattr(passwords, "_hasher", PasswordHasher(time_cost=2, memory_cost=16, parallelism=1))
    assert passwords.needs_rehash(hashed)
    assert passwords.verify_password(hashed, PASSWORD)  # old hashes still verify
    assert passwords.needs_rehash("not a hash")


@pytest.mark.parametrize(
    ("password", "username", "message"),
    [
        ("ngắn", "lan", "Mật khẩu phải có ít nhất 10 ký tự."),
        ("x" * 257, "lan", "Mật khẩu dài tối đa 256 ký tự."),
        ("nguyenthilan2025", "NguyenThiLan", "Mật khẩu không được trùng hoặc chứa tên đăng nhập."),
        ("nguyenthilan", "nguyenthilan", "Mật khẩu không được trùng hoặc chứa tên đăng nhập."),
        ("123456789", "lan", "Mật khẩu phải có ít nhất 10 ký tự."),
        ("12345678910", "lan", "Mật khẩu này quá phổ biến, dễ bị đoán; hãy chọn mật khẩu khác."),
        ("MatKhau123", "lan", "Mật khẩu này quá phổ biến, dễ bị đoán; hãy chọn mật khẩu khác."),
        ("admin12345", "lan", "Mật khẩu này quá phổ biến, dễ bị đoán; hãy chọn mật khẩu khác."),
        ("Password123", "lan", "Mật khẩu này quá phổ biến, dễ bị đoán; hãy chọn mật khẩu khác."),
    ],
)
def test_policy_refuses_weak_passwords_with_a_message(password, username, message):
    with pytest.raises(ValueError) as caught:
        passwords.check_password_policy(password, username)
    assert str(caught.value) == message
    assert password not in str(caught.value)


def test_policy_accepts_a_long_uncommon_password():
    passwords.check_password_policy(PASSWORD, "lan.nguyen")
    passwords.check_password_policy("correct horse battery staple", "")
