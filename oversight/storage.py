"""What a full disk, a read-only data folder or missing permissions say to a user: one Vietnamese sentence
that names the cause and says nothing was lost, instead of an error number or a traceback."""

from __future__ import annotations

import errno

import duckdb

_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
_READ_ONLY = (errno.EROFS,)
_DENIED = (errno.EACCES, errno.EPERM)


def problem(exc: BaseException) -> str | None:
    """The cause in Vietnamese when `exc` is a storage failure (full, read-only, no permission), else None."""
    if isinstance(exc, OSError) and exc.errno is not None:
        if exc.errno in _FULL:
            return "ổ đĩa chứa dữ liệu đã đầy"
        if exc.errno in _READ_ONLY:
            return "thư mục dữ liệu chỉ cho phép đọc"
        if exc.errno in _DENIED:
            return "dịch vụ không có quyền ghi vào thư mục dữ liệu"
        return None
    if isinstance(exc, duckdb.Error):
        text = str(exc)
        if "No space left" in text or "Disk quota" in text:
            return "ổ đĩa chứa dữ liệu đã đầy"
        if "Read-only file system" in text or "read-only" in text.lower():
            return "thư mục dữ liệu chỉ cho phép đọc"
        if "Permission denied" in text:
            return "dịch vụ không có quyền ghi vào thư mục dữ liệu"
    return None


def upload_message(cause: str) -> str:
    return (
        f"Không lưu được tệp vì {cause}. Không có gì được nạp và số liệu đã có vẫn nguyên vẹn; hãy báo bộ phận quản "
        "trị hệ thống giải phóng chỗ trống hoặc cấp quyền ghi, rồi tải lên lại."
    )


def open_message(cause: str) -> str:
    return (
        f"Không mở được cơ sở dữ liệu để ghi vì {cause}. Số liệu đã có vẫn nguyên vẹn; hãy báo bộ phận quản trị hệ "
        "thống."
    )
