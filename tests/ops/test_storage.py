"""A full disk, a read-only data folder: a clear Vietnamese message, nothing lost, nothing half-written."""

from __future__ import annotations

import errno

import duckdb
import pytest

from oversight import cli
from oversight.config import load_settings
from oversight.ingest import load, pipeline
from tests.ingest.corpus import case_list

FULL = "Không lưu được tệp vì ổ đĩa chứa dữ liệu đã đầy. Không có gì được nạp và số liệu đã có vẫn nguyên vẹn"


def _counts(con) -> tuple[int, int]:
    return (
        con.execute("SELECT count(*) FROM uploads WHERE state = 'active'").fetchone()[0],
        con.execute("SELECT count(*) FROM cases").fetchone()[0],
    )


@pytest.fixture
def plan(con):
    found = pipeline.prepare(case_list(), "ho_so.xlsx", con)
    assert found.ok, found.error_text()
    return found


def test_a_full_disk_while_keeping_the_original(con, plan, monkeypatch):
    def full(path, data=None):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(load.Path, "write_bytes", full)
    result = pipeline.commit(con, plan, "test")
    assert result.status == "rejected" and result.message.startswith(FULL)
    assert _counts(con) == (0, 0)
    assert not list(load_settings().uploads_dir.glob("*"))  # no half-written original, no .part


def test_a_full_disk_inside_the_transaction_removes_the_new_original(con, plan, monkeypatch):
    def full(*args, **kwargs):
        raise duckdb.IOException("Could not write file: No space left on device")

    monkeypatch.setattr(pipeline, "write_upload", full)
    result = pipeline.commit(con, plan, "test")
    assert result.status == "rejected" and result.message.startswith(FULL)
    assert _counts(con) == (0, 0)
    assert not list(load_settings().uploads_dir.glob("*"))


def test_a_read_only_data_folder_on_the_command_line(con, tmp_path, monkeypatch, capsys):
    path = tmp_path / "ho_so.xlsx"
    path.write_bytes(case_list())
    con.close()

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system", str(load_settings().uploads_dir))

    monkeypatch.setattr(load.Path, "mkdir", read_only)
    status = cli.main(["ingest", "--db", str(load_settings().db_path), str(path)])
    out, err = capsys.readouterr()
    assert err == "Lỗi: thư mục dữ liệu chỉ cho phép đọc; lệnh «ingest» không thay đổi gì.\n"
    assert status == 1 and "Traceback" not in out
