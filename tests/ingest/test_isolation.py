"""Reading an upload in a child process with a memory and a time bound (oversight/ingest/isolation.py): a
file that expands past the bound is refused quickly with its message, and the server's own memory never
holds what the child expanded."""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from oversight.ingest import isolation
from oversight.ingest.pipeline import commit, prepare

BOUNDS = isolation.Bounds(memory_mb=300, seconds=5)


def _allocate(mb: int) -> int:
    block = bytearray(mb << 20)
    for i in range(0, len(block), 4096):  # touch every page: resident, not just reserved
        block[i] = 1
    return len(block)


def _sleep(seconds: float) -> str:
    time.sleep(seconds)
    return "dậy"


def _fail() -> None:
    raise ValueError("lỗi trong tiến trình con")


def test_a_result_comes_back():
    assert isolation.run(_allocate, 10, bounds=BOUNDS) == 10 << 20


def test_memory_past_the_bound_kills_the_child():
    started = time.monotonic()
    with pytest.raises(isolation.Exceeded) as caught:
        isolation.run(_allocate, 2000, bounds=BOUNDS)
    assert caught.value.what == "memory" and str(caught.value) == "cần hơn 300 MiB bộ nhớ"
    assert time.monotonic() - started < 10


def test_time_past_the_bound_kills_the_child():
    with pytest.raises(isolation.Exceeded) as caught:
        isolation.run(_sleep, 60, bounds=isolation.Bounds(300, 1))
    assert caught.value.what == "time" and str(caught.value) == "chưa đọc xong sau 1 giây"


def test_an_exception_in_the_child_is_raised_here():
    with pytest.raises(ValueError, match="lỗi trong tiến trình con"):
        isolation.run(_fail, bounds=BOUNDS)


def test_the_child_reads_the_callers_settings(monkeypatch):
    monkeypatch.setenv("OVERSIGHT_MIN_VOLUME", "37")
    assert isolation.run(_min_volume, bounds=BOUNDS) == 37
    monkeypatch.setenv("OVERSIGHT_MIN_VOLUME", "12")
    assert isolation.run(_min_volume, bounds=BOUNDS) == 12


def _min_volume() -> int:
    from oversight.config import load_settings

    return load_settings().min_volume


def shared_strings_bomb(strings: int) -> bytes:
    """A small, valid .xlsx whose one sheet refers to `strings` distinct shared strings: a few MB on disk,
    hundreds of MB once a reader holds the strings."""
    sst = io.StringIO()
    sst.write(
        f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{strings}" uniqueCount="{strings}">'
    )
    for i in range(strings):
        sst.write(f"<si><t>Hồ sơ số {i:09d} của công dân</t></si>")
    sst.write("</sst>")
    rows = io.StringIO()
    rows.write(
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    )
    rows.write(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Mã hồ sơ</t></is></c><c r="B1" t="inlineStr"><is><t>Đơn vị</t></is></c><c r="C1" t="inlineStr"><is><t>Ngày tiếp nhận</t></is></c><c r="D1" t="inlineStr"><is><t>Hạn xử lý</t></is></c><c r="E1" t="inlineStr"><is><t>Ngày có kết quả</t></is></c></row>'
    )
    for r in range(2, strings + 2):
        rows.write(
            f'<row r="{r}"><c r="A{r}" t="s"><v>{r - 2}</v></c><c r="B{r}" t="s"><v>{r - 2}</v></c><c r="C{r}"><v>46000</v></c><c r="D{r}"><v>46010</v></c></row>'
        )
    rows.write("</sheetData></worksheet>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )
        zf.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        zf.writestr(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
        zf.writestr("xl/worksheets/sheet1.xml", rows.getvalue())
        zf.writestr("xl/sharedStrings.xml", sst.getvalue())
    return out.getvalue()


def _rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as fh:
        return int(fh.read().split()[1]) * isolation.PAGE / (1 << 20)


@pytest.mark.slow
def test_a_file_expanding_past_the_bound_is_refused_and_the_server_keeps_its_memory(con, monkeypatch):
    monkeypatch.setenv("OVERSIGHT_MAX_PARSE_MB", "300")
    data = shared_strings_bomb(1_500_000)
    before = _rss_mb()
    started = time.monotonic()
    plan = prepare(data, "bom_chuoi.xlsx", con)
    seconds = time.monotonic() - started
    assert plan.error is not None and plan.error.startswith("Tệp «bom_chuoi.xlsx» cần hơn 300 MiB bộ nhớ để đọc")
    assert "giới hạn 300 MiB bộ nhớ, 30 giây" in plan.error
    assert seconds < 30
    assert _rss_mb() - before < 100  # what the child expanded never reached this process
    assert commit(con, plan, "test").status == "rejected"
    assert con.execute("SELECT count(*) FROM cases").fetchone()[0] == 0
