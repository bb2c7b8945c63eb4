"""Password hashing (argon2id, argon2-cffi's default parameters) and the password policy.

Passwords are NFC-normalised before hashing, so the same Vietnamese password typed on keyboards that
compose accents differently still matches. A password is never stored, logged or put in a message.
"""

from __future__ import annotations

import unicodedata

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 10
MAX_LENGTH = 256
# Well-known passwords (and the ones people pick for this kind of system) refused whatever their length.
COMMON_PASSWORDS = frozenset(
    {
        "123456789",
        "1234567890",
        "12345678910",
        "0123456789",
        "1111111111",
        "password",
        "password1",
        "password123",
        "matkhau",
        "matkhau123",
        "matkhau@123",
        "admin12345",
        "admin@1234",
        "administrator",
        "qwertyuiop",
        "abc123456789",
        "iloveyou123",
        "oversight123",
    }
)

_hasher = PasswordHasher()


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def hash_password(password: str) -> str:
    """An argon2id hash (PHC string, with its own random salt) of the NFC-normalised password."""
    return _hasher.hash(_nfc(password))


def verify_password(password_hash: str, password: str) -> bool:
    """Whether `password` matches `password_hash`; False (never an exception) for a mismatch or a bad hash."""
    try:
        return _hasher.verify(password_hash, _nfc(password))
    except (VerifyMismatchError, VerificationError, InvalidHashError, TypeError, ValueError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with other parameters than the current ones (rehash at the next login)."""
    try:
        return _hasher.check_needs_rehash(password_hash)
    except (InvalidHashError, ValueError):
        return True


def check_password_policy(password: str, username: str = "") -> None:
    """Raise ValueError with a Vietnamese message when `password` is too weak for `username`."""
    text = _nfc(password or "")
    if len(text) < MIN_LENGTH:
        raise ValueError(f"Mật khẩu phải có ít nhất {MIN_LENGTH} ký tự.")
    if len(text) > MAX_LENGTH:
        raise ValueError(f"Mật khẩu dài tối đa {MAX_LENGTH} ký tự.")
    folded = text.casefold()
    name = _nfc(username or "").strip().casefold()
    if name and name in folded:
        raise ValueError("Mật khẩu không được trùng hoặc chứa tên đăng nhập.")
    if folded in COMMON_PASSWORDS:
        raise ValueError("Mật khẩu này quá phổ biến, dễ bị đoán; hãy chọn mật khẩu khác.")
