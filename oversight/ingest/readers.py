"""Bytes → sheets: what a file really is, its sheets' first rows, merged ranges, hidden rows and data rows.

The real type comes from the magic bytes, never from the extension (web systems save HTML under an .xls
name). Anything that is not a spreadsheet is refused with a Vietnamese message naming what it is.

Every sheet exposes the same shape, whatever the format:
    head         the first HEAD_ROWS rows as text, indexed by absolute 0-based row and column
    merged       merged ranges (r1, c1, r2, c2), 0-based, inclusive
    hidden_rows  0-based rows hidden in Excel (xlsx, HTML ``display:none``)
    load(start)  every row from ``start`` on as a pyarrow Table, one column per absolute column index
                 ("c0", "c1", ...) plus "__row" (0-based absolute row). Columns are strings, except that
                 fastexcel types a column as timestamp or double when EVERY cell of it has that type
                 (all rows sampled, so a text date further down never gets silently dropped)

Accepted: .xlsx, .xlsm (macros never run), .xls and HTML tables saved as .xls; .xlsb and .ods are named and
refused (their readers allocate a sheet's whole grid before any check could run). Every path goes through
oversight.ingest.guards first (size, zip and XML bombs, sheet extent, HTML depth, control characters).

Large .xlsx/.xlsm files are read by fastexcel (fast, Arrow), with the first rows, merged ranges and hidden
rows taken from the sheet XML in one streaming pass; .xls, .xlsb and .ods go through python-calamine; HTML
tables through the standard library's html.parser with rowspan/colspan expanded. Macros are never run:
nothing here evaluates anything, .xlsm is read as data.
"""

from __future__ import annotations

import html
import io
import logging
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from html.parser import HTMLParser
from pathlib import PurePath

import pyarrow as pa

from oversight.ingest import guards
from oversight.ingest.errors import StructuralError
from oversight.ingest.guards import Limits

# fastexcel warns for every column whose type it cannot infer (a column mixing text and numbers, which real
# exports are full of); our typing handles such columns, so the warning is noise in the server log.
logging.getLogger("fastexcel.types.dtype").setLevel(logging.ERROR)

HEAD_ROWS = 60

FORMAT_LABELS = {
    "xlsx": "bảng tính Excel (.xlsx)",
    "xlsm": "bảng tính Excel có macro (.xlsm; macro không được chạy)",
    "xlsb": "bảng tính Excel nhị phân (.xlsb)",
    "xls": "bảng tính Excel 97-2003 (.xls)",
    "ods": "bảng tính OpenDocument (.ods)",
    "html": "bảng HTML (trang web lưu dưới tên Excel)",
}


@dataclass
class Sheet:
    name: str
    index: int
    visible: bool
    head: list[list[str]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden_rows: frozenset[int] = frozenset()
    loader: Callable[[int], pa.Table] | None = field(default=None, repr=False)
    limits: Limits = field(default_factory=Limits, repr=False)
    warnings: list[str] = field(default_factory=list)  # filled by load(): truncated texts, stripped controls

    def load(self, start_row: int) -> pa.Table:
        assert self.loader is not None
        table, self.warnings = guards.clean_table(self.loader(start_row), self.name, self.limits)
        return table


@dataclass
class Workbook:
    format: str  # xlsx | xlsm | xlsb | xls | ods | html
    sheets: list[Sheet]

    @property
    def label(self) -> str:
        return FORMAT_LABELS[self.format]

    def release(self) -> None:
        """Drop every sheet's loader, and with it what the reader holds (fastexcel's reader: the file's bytes and
        its shared strings; the other readers: their rows): once the chosen sheet is loaded, nothing reads again.
        A sheet's load() after this raises."""
        for sheet in self.sheets:
            sheet.loader = None


# ---------------------------------------------------------------------------------------------- sniffing

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "tài liệu PDF"),
    (b"\x89PNG\r\n\x1a\n", "ảnh PNG"),
    (b"\xff\xd8\xff", "ảnh JPEG"),
    (b"GIF87a", "ảnh GIF"),
    (b"GIF89a", "ảnh GIF"),
    (b"II*\x00", "ảnh TIFF"),
    (b"MM\x00*", "ảnh TIFF"),
    (b"Rar!\x1a\x07", "tệp nén RAR"),
    (b"7z\xbc\xaf\x27\x1c", "tệp nén 7-Zip"),
    (b"\x1f\x8b", "tệp nén GZIP"),
    (b"{\\rtf", "văn bản RTF"),
    (b"MZ", "tệp chương trình (.exe)"),
    (b"\x7fELF", "tệp chương trình (ELF, Linux)"),
    (b"\xca\xfe\xba\xbe", "tệp chương trình (Java/Mach-O)"),
    (b"\xcf\xfa\xed\xfe", "tệp chương trình (Mach-O)"),
    (b"#!", "tệp lệnh (script)"),
    (b"BZh", "tệp nén BZIP2"),
    (b"\xfd7zXZ\x00", "tệp nén XZ"),
    (b"\x28\xb5\x2f\xfd", "tệp nén Zstandard"),
    (b"MSCF", "tệp nén CAB"),
    (b"PK\x07\x08", "tệp nén ZIP chia nhiều phần"),
    (b"ID3", "tệp âm thanh MP3"),
    (b"OggS", "tệp âm thanh/video Ogg"),
    (b"%!PS", "tài liệu PostScript"),
    (b"SQLite format 3\x00", "cơ sở dữ liệu SQLite"),
    (b"\x00\x00\x01\x00", "ảnh biểu tượng ICO"),
)


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def _unsupported(file_name: str, label: str) -> StructuralError:
    """A spreadsheet in a format ingestion does not accept (only .xlsx, .xlsm, .xls and HTML tables are)."""
    return StructuralError(
        f"Tệp «{file_name}» là {label}, định dạng không được nhận (chỉ nhận .xlsx, .xlsm, .xls và bảng HTML "
        "lưu dưới tên .xls). Hãy mở bằng Excel và lưu thành .xlsx (Sổ làm việc Excel) rồi tải lên."
    )


def _not_a_workbook(file_name: str, what: str, advice: str | None = None) -> StructuralError:
    advice = advice or "Hãy xuất lại từ hệ thống dưới dạng Excel (.xlsx, .xls) hoặc mở bằng Excel rồi lưu thành .xlsx."
    return StructuralError(f"Tệp «{file_name}» không phải bảng tính Excel: đây là {what}. {advice}")


def _decode_text(data: bytes) -> str | None:
    """The text of a file that looks like text, else None."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    sample = data[:65536]
    if b"\x00" in sample:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 4:  # cut in the middle of a character at the very end
            return data[: exc.start].decode("utf-8")
    meta = re.search(rb"charset\s*=\s*[\"']?([A-Za-z0-9_\-]+)", sample)
    if meta:
        try:
            return data.decode(meta.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if control > len(sample) // 100:
        return None
    return data.decode("cp1258", errors="replace")


def _small_member(zf: zipfile.ZipFile, name: str, file_name: str, limits: Limits) -> bytes:
    """A member the sniffer needs ([Content_Types].xml, mimetype): streamed, capped at 1 MB."""
    budget = guards.Budget(file_name, Limits(max_decompressed_mb=1))
    return b"".join(guards.MemberStream(zf, name, budget))


def sniff(data: bytes, file_name: str, limits: Limits | None = None) -> str:
    """The real format of a file: xlsx | xlsm | xls | html, else StructuralError naming it."""
    limits = limits or guards.current_limits()
    if not data:
        raise StructuralError(f"Tệp «{file_name}» rỗng (0 byte).")
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        zf = guards.open_zip(data, file_name, limits)
        names = set(zf.namelist())
        if "xl/workbook.bin" in names:
            raise _unsupported(file_name, FORMAT_LABELS["xlsb"])
        if "xl/workbook.xml" in names:
            types = (
                _small_member(zf, "[Content_Types].xml", file_name, limits) if "[Content_Types].xml" in names else b""
            )
            return "xlsm" if b"macroEnabled" in types else "xlsx"
        if any(n.startswith("xl/") for n in names):
            raise StructuralError(
                f"Tệp «{file_name}» là bảng tính Excel bị hỏng: thiếu phần «xl/workbook.xml». "
                "Hãy mở bằng Excel rồi lưu lại, hoặc xuất lại từ hệ thống."
            )
        if "mimetype" in names:
            mime = _small_member(zf, "mimetype", file_name, limits).strip()
            if mime == b"application/vnd.oasis.opendocument.spreadsheet":
                raise _unsupported(file_name, FORMAT_LABELS["ods"])
            if b"opendocument.text" in mime:
                raise _not_a_workbook(file_name, "văn bản OpenDocument (.odt)")
            if b"opendocument.presentation" in mime:
                raise _not_a_workbook(file_name, "bài trình chiếu OpenDocument (.odp)")
            raise _not_a_workbook(file_name, "tài liệu OpenDocument không phải bảng tính")
        if "META-INF/MANIFEST.MF" in names or any(n.endswith(".class") for n in names):
            raise _not_a_workbook(file_name, "một gói chương trình Java (.jar)")
        if any(n.startswith("word/") for n in names):
            raise _not_a_workbook(file_name, "văn bản Word (.docx)")
        if any(n.startswith("ppt/") for n in names):
            raise _not_a_workbook(file_name, "bài trình chiếu PowerPoint (.pptx)")
        raise _not_a_workbook(file_name, "một tệp nén ZIP", "Hãy giải nén và tải lên từng tệp Excel bên trong.")
    if data.startswith(_OLE2):
        if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data:
            raise guards.encrypted(file_name)
        if _utf16("WordDocument") in data[:1_000_000]:
            raise _not_a_workbook(file_name, "văn bản Word 97-2003 (.doc)")
        if _utf16("PowerPoint Document") in data[:1_000_000]:
            raise _not_a_workbook(file_name, "bài trình chiếu PowerPoint 97-2003 (.ppt)")
        return "xls"
    for magic, what in _BINARY_SIGNATURES:
        if data.startswith(magic):
            raise _not_a_workbook(file_name, what)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        raise _not_a_workbook(file_name, "ảnh WebP")
    if data[:4] == b"RIFF":
        raise _not_a_workbook(file_name, "tệp âm thanh/video (RIFF)")
    if data[4:8] == b"ftyp":
        raise _not_a_workbook(file_name, "tệp video/âm thanh MP4")
    if data[:2] == b"BM" and len(data) >= 14 and int.from_bytes(data[2:6], "little") == len(data):
        raise _not_a_workbook(file_name, "ảnh BMP")
    text = _decode_text(data)
    if text is None:
        raise _not_a_workbook(file_name, "một tệp nhị phân không rõ định dạng")
    low = text[:200_000].lstrip("\ufeff \t\r\n").lower()
    if "urn:schemas-microsoft-com:office:spreadsheet" in low and "<table" not in low:
        raise _not_a_workbook(
            file_name,
            "bảng tính XML 2003 (SpreadsheetML)",
            "Hãy mở bằng Excel và lưu lại thành .xlsx rồi tải lên.",
        )
    if "<table" in low:
        return "html"
    if low.startswith(("{", "[")):
        import json

        try:
            json.loads(text)
        except ValueError:
            pass
        else:
            raise _not_a_workbook(file_name, "tệp dữ liệu JSON")
    if low.startswith("<?xml") and "<html" not in low[:2000]:
        if "<!doctype" in low or "<!entity" in low:
            raise _not_a_workbook(file_name, "một tệp XML có khai báo DOCTYPE/ENTITY (không được đọc)")
        raise _not_a_workbook(file_name, "một tệp XML không phải bảng tính")
    if low.startswith(("<!doctype html", "<html")) or "<body" in low:
        raise _not_a_workbook(file_name, "một trang web HTML không có bảng số liệu")
    if not low.strip():
        raise StructuralError(f"Tệp «{file_name}» không có nội dung (chỉ có khoảng trắng).")
    lines = [ln for ln in low.splitlines()[:50] if ln.strip()]
    for sep, label in ((";", "dấu chấm phẩy"), ("\t", "dấu tab"), (",", "dấu phẩy")):
        counts = [ln.count(sep) for ln in lines]
        if len(lines) >= 2 and min(counts) >= 1 and len(set(counts[:10])) <= 2:
            raise _not_a_workbook(
                file_name,
                f"tệp văn bản CSV (phân cách bằng {label})",
                "Hãy mở bằng Excel và lưu thành .xlsx rồi tải lên, hoặc xuất lại từ hệ thống dưới dạng Excel.",
            )
    raise _not_a_workbook(file_name, "một tệp văn bản thuần")


# ---------------------------------------------------------------------------------------------- cell text


def cell_text(value: object) -> str:
    """A cell value as text, in the same forms fastexcel's string dtype produces."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%Y-%m-%d 00:00:00")
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    return str(value)


def rows_to_table(rows: list[list[str]], start_row: int) -> pa.Table:
    """Rows of text (absolute columns) from ``start_row`` → the Arrow shape Sheet.load returns."""
    width = max((len(r) for r in rows), default=0)
    columns: dict[str, list[str | None]] = {f"c{j}": [] for j in range(width)}
    for row in rows:
        for j in range(width):
            v = row[j] if j < len(row) else ""
            columns[f"c{j}"].append(v if v != "" else None)
    arrays = {k: pa.array(v, type=pa.string()) for k, v in columns.items()}
    arrays["__row"] = pa.array(range(start_row, start_row + len(rows)), type=pa.int32())
    return pa.table(arrays)


def _pad(rows: list[list[str]]) -> list[list[str]]:
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


# ---------------------------------------------------------------------------------------------- xlsx / xlsm

_COL_RE = re.compile(r"([A-Z]+)(\d+)")
_XML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def col_letters(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def _xml_text(raw: bytes) -> str:
    text = html.unescape(raw.decode("utf-8", errors="replace"))
    if "_x" in text:
        text = _XML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    return text


_T_RE = re.compile(rb"<(?:\w+:)?t(?:\s[^>]*)?>(.*?)</(?:\w+:)?t>", re.S)
_RPH_RE = re.compile(rb"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", re.S)


def _rich_text(inner: bytes) -> str:
    inner = _RPH_RE.sub(b"", inner)
    return "".join(_xml_text(t) for t in _T_RE.findall(inner))


class _SharedStrings:
    """sharedStrings.xml parsed lazily, only as far as the largest index asked for."""

    _SI = re.compile(rb"<(?:\w+:)?si\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?si>)", re.S)
    MAX_PENDING = 8 << 20  # one <si> longer than this is no Excel text (32,767 characters at most)

    def __init__(self, zf: zipfile.ZipFile, path: str | None, budget: guards.Budget | None = None):
        budget = budget or guards.Budget("", Limits())
        self._stream = iter(guards.MemberStream(zf, path, budget)) if path else None
        self._buf = b""
        self.items: list[str] = []

    def get(self, index: int) -> str:
        while index >= len(self.items) and self._stream is not None:
            chunk = next(self._stream, b"")
            if not chunk:
                self._stream = None
                break
            if len(self._buf) > self.MAX_PENDING:
                raise StructuralError(
                    "Bảng tính có một ô văn bản dài bất thường (hơn 8 MB dữ liệu): không phải bản xuất bình thường "
                    "nên tệp không được đọc."
                )
            self._buf += chunk
            last = 0
            for m in self._SI.finditer(self._buf):
                self.items.append(_rich_text(m.group(1) or b""))
                last = m.end()
            self._buf = self._buf[last:]
        return self.items[index] if index < len(self.items) else ""


_ROW_RE = re.compile(rb"<(?:\w+:)?row\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?row>)", re.S)
_CELL_RE = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_ATTR_R = re.compile(rb'\br="([A-Z]*)(\d*)"')
_ATTR_T = re.compile(rb'\bt="(\w+)"')
_V_RE = re.compile(rb"<(?:\w+:)?v>(.*?)</(?:\w+:)?v>", re.S)
_IS_RE = re.compile(rb"<(?:\w+:)?is>(.*?)</(?:\w+:)?is>", re.S)
_HIDDEN_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\bhidden="(?:1|true)"[^>]*>')
_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


HEAD_XML_CAP = 16 << 20  # the first rows' XML kept for parsing; past this the head is what fits


def _scan_sheet_xml(
    zf: zipfile.ZipFile,
    path: str,
    strings: _SharedStrings,
    budget: guards.Budget | None = None,
    extent: guards.SheetExtent | None = None,
):
    """One streaming pass: the first HEAD_ROWS rows' cells, every hidden row and merged range; the sheet's
    extent is checked on the way (guards.SheetExtent) before any reader loads its data."""
    budget = budget or guards.Budget("", Limits())
    head_xml = b""
    head_rows = 0
    head_done = False
    hidden: set[int] = set()
    merged: set[tuple[int, int, int, int]] = set()
    tail = b""
    for chunk in guards.MemberStream(zf, path, budget, prefetch=True):
        window = tail + chunk
        if extent is not None:
            extent.feed(window, chunk)
        if not head_done:
            head_xml += chunk
            head_rows += chunk.count(b"<row")
            if head_rows > HEAD_ROWS + 1 or b"</sheetData>" in window or len(head_xml) > HEAD_XML_CAP:
                head_done = True
        if b"hidden=" in window:
            for m in _HIDDEN_ROW.finditer(window):
                r = _ATTR_R.search(m.group(0))
                if r and r.group(2):
                    hidden.add(int(r.group(2)) - 1)
        if b"mergeCell" in window:
            for m in _MERGE_RE.finditer(window):
                a, b, c, d = m.groups()
                r1, c1 = int(b) - 1, col_index(a.decode())
                r2, c2 = (int(d) - 1, col_index(c.decode())) if c else (r1, c1)
                merged.add((r1, c1, r2, c2))
        tail = window[-1024:]
    if extent is not None:
        rescan_budget = guards.Budget(budget.file_name, budget.limits)
        extent.finish(lambda: guards.exact_extent(guards.MemberStream(zf, path, rescan_budget)))
    head: list[list[str]] = []
    next_row = 0
    for rm in _ROW_RE.finditer(head_xml):
        ra = _ATTR_R.search(rm.group(1))
        r = int(ra.group(2)) - 1 if ra and ra.group(2) else next_row
        next_row = r + 1
        if r >= HEAD_ROWS:
            break
        while len(head) <= r:
            head.append([])
        row = head[r]
        next_col = 0
        for cm in _CELL_RE.finditer(rm.group(2) or b""):
            attrs, inner = cm.group(1), cm.group(2) or b""
            ca = _ATTR_R.search(attrs)
            c = col_index(ca.group(1).decode()) if ca and ca.group(1) else next_col
            next_col = c + 1
            t = _ATTR_T.search(attrs)
            kind = t.group(1) if t else b"n"
            if kind == b"inlineStr":
                m = _IS_RE.search(inner)
                value = _rich_text(m.group(1)) if m else ""
            else:
                m = _V_RE.search(inner)
                raw = _xml_text(m.group(1)) if m else ""
                if kind == b"s" and raw.strip().isdigit():
                    value = strings.get(int(raw))
                elif kind == b"b":
                    value = "true" if raw == "1" else "false" if raw else ""
                elif kind == b"n" and raw:
                    try:
                        value = cell_text(float(raw))
                    except ValueError:
                        value = raw
                else:
                    value = raw
            while len(row) <= c:
                row.append("")
            row[c] = value
    limits = extent.limits if extent is not None else Limits()
    return guards.clean_rows(_pad(head), limits), sorted(merged), frozenset(hidden)


def _zip_target(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    parts = list(PurePath(base).parent.parts) + list(PurePath(target).parts)
    out: list[str] = []
    for p in parts:
        if p == "..":
            out.pop()
        elif p != ".":
            out.append(p)
    return "/".join(out)


def _read_xlsx(data: bytes, fmt: str, file_name: str = "", limits: Limits | None = None) -> Workbook:
    import fastexcel

    limits = limits or guards.current_limits()
    zf = guards.open_zip(data, file_name, limits)
    budget = guards.Budget(file_name, limits)
    sheet_paths = {n for n in zf.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")}
    # every part but the worksheets (streamed below with their extent checks) is decompressed once, capped
    guards.verify_members(zf, budget, skip=sheet_paths)
    small = guards.Budget(file_name, limits)  # already counted by verify_members
    wb_xml = b"".join(guards.MemberStream(zf, "xl/workbook.xml", small))
    rels_xml = (
        b"".join(guards.MemberStream(zf, "xl/_rels/workbook.xml.rels", small))
        if "xl/_rels/workbook.xml.rels" in zf.namelist()
        else b""
    )
    rels = {}
    for m in re.finditer(rb"<(?:\w+:)?Relationship\b([^>]*)>", rels_xml):
        attrs = m.group(1)
        rid = re.search(rb'\bId="([^"]+)"', attrs)
        target = re.search(rb'\bTarget="([^"]+)"', attrs)
        rtype = re.search(rb'\bType="([^"]+)"', attrs)
        if rid and target:
            rels[rid.group(1)] = (_xml_text(target.group(1)), rtype.group(1) if rtype else b"")
    shared_path = next(
        (_zip_target("xl/workbook.xml", t) for t, ty in rels.values() if ty.endswith(b"/sharedStrings")), None
    )
    if shared_path not in zf.namelist():
        shared_path = "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in zf.namelist() else None
    strings = _SharedStrings(zf, shared_path, guards.Budget(file_name, limits))
    reader = None
    sheets: list[Sheet] = []
    for m in re.finditer(rb"<(?:\w+:)?sheet\b([^>]*)/?>", wb_xml):
        attrs = m.group(1)
        name = _xml_text(re.search(rb'\bname="([^"]*)"', attrs).group(1))
        state = re.search(rb'\bstate="(\w+)"', attrs)
        rid = re.search(rb'\b(?:\w+:)?id="([^"]+)"', attrs)
        target, rtype = rels.get(rid.group(1), ("", b"")) if rid else ("", b"")
        if not rtype.endswith(b"/worksheet"):
            continue  # chart sheets, dialog sheets
        path = _zip_target("xl/workbook.xml", target)
        if path not in zf.namelist():
            continue
        sheet_paths.discard(path)
        head, merged, hidden = _scan_sheet_xml(zf, path, strings, budget, guards.SheetExtent(name, limits))

        def load(start_row: int, _name=name, _head=head) -> pa.Table:
            nonlocal reader
            if reader is None:
                reader = fastexcel.read_excel(data)
            return _fastexcel_table(reader, _name, start_row, _head)

        sheets.append(
            Sheet(
                name=name,
                index=len(sheets),
                visible=not state or state.group(1) == b"visible",
                head=head,
                merged=merged,
                hidden_rows=hidden,
                loader=load,
                limits=limits,
            )
        )
    # worksheets the workbook does not list are still in the package: fastexcel never reads them, but check
    # them like the rest so nothing unverified stays in it
    for path in sorted(sheet_paths):
        for _ in guards.MemberStream(zf, path, budget):
            pass
    return Workbook(fmt, sheets)


def _fastexcel_table(reader, sheet_name: str, start_row: int, head: list[list[str]]) -> pa.Table:
    """All rows from start_row; fastexcel's columns start at the sheet's first used column."""
    try:
        batch = reader.load_sheet(sheet_name, header_row=None, skip_rows=start_row, schema_sample_rows=None, eager=True)
    except Exception:  # noqa: BLE001 - fastexcel raises for sheets with no rows after skip
        return rows_to_table([], start_row)
    table = pa.Table.from_batches([batch]) if isinstance(batch, pa.RecordBatch) else pa.table(batch)
    offset = _column_offset(table, head, start_row)
    names = [f"c{j + offset}" for j in range(table.num_columns)]
    table = table.rename_columns(names)
    return table.append_column("__row", pa.array(range(start_row, start_row + table.num_rows), type=pa.int32()))


def _column_offset(table: pa.Table, head: list[list[str]], start_row: int) -> int:
    """Align fastexcel's relative columns to absolute ones by comparing texts with the parsed head rows."""
    n = min(5, table.num_rows, max(0, len(head) - start_row))
    if n == 0 or not head:
        used = [c for row in head for c, v in enumerate(row) if v]
        return min(used) if used else 0
    sample = [
        table.column(j).slice(0, n).to_pylist() if pa.types.is_string(table.schema.types[j]) else [None] * n
        for j in range(table.num_columns)
    ]
    width = len(head[0])
    best, best_score = 0, -1
    for k in range(0, max(1, width - table.num_columns + 1) + 1):
        score = 0
        for j, col in enumerate(sample):
            for i, v in enumerate(col):
                if not isinstance(v, str) or not any(ch.isalpha() for ch in v):
                    continue
                row = head[start_row + i]
                score += 1 if j + k < len(row) and row[j + k] == v else -1
        if score > best_score:
            best, best_score = k, score
    return best


# ---------------------------------------------------------------------------------------------- calamine


CALAMINE_MAX_CELLS = 8_000_000  # rows × columns of one sheet read into Python lists (an .xls holds 16.7 M)


def _read_calamine(data: bytes, fmt: str, file_name: str = "", limits: Limits | None = None) -> Workbook:
    from python_calamine import CalamineWorkbook

    limits = limits or guards.current_limits()
    if data[:4] == b"PK\x03\x04":  # .xlsb, .ods, or an .xlsx our own reader could not follow
        zf = guards.open_zip(data, file_name, limits)
        guards.verify_members(zf, guards.Budget(file_name, limits))
        for name in zf.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                rows, cols = guards.exact_extent(guards.MemberStream(zf, name, guards.Budget(file_name, limits)))
                guards.check_grid(name, rows, cols, limits)
                if rows * cols > CALAMINE_MAX_CELLS:
                    raise _too_sparse(name, rows, cols)
    elif fmt == "xls":
        guards.check_xls(data, file_name, limits)
    try:
        wb = CalamineWorkbook.from_object(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - calamine raises several error types
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise guards.encrypted(file_name) from None
        raise StructuralError(
            f"Không đọc được {FORMAT_LABELS[fmt]}: tệp bị hỏng hoặc không đúng định dạng ({exc})."
        ) from None
    sheets: list[Sheet] = []
    for i, meta in enumerate(wb.sheets_metadata):
        if "WorkSheet" not in str(meta.typ):
            continue
        try:
            sh = wb.get_sheet_by_index(i)
        except Exception:  # noqa: BLE001
            continue
        height, width = sh.height, sh.width
        guards.check_grid(meta.name, height, width, limits)
        if height * width > CALAMINE_MAX_CELLS:
            raise _too_sparse(meta.name, height, width)
        try:
            rows = [[cell_text(v) for v in row] for row in sh.to_python(skip_empty_area=False)]
        except Exception:  # noqa: BLE001
            continue
        merged = []
        try:
            for (r1, c1), (r2, c2) in sh.merged_cell_ranges or []:
                merged.append((r1, c1, r2, c2))
        except Exception:  # noqa: BLE001 - not every format exposes merges
            merged = []
        rows = _pad(rows)
        sheets.append(
            Sheet(
                name=meta.name,
                index=len(sheets),
                visible="Visible" in str(meta.visible) and "Hidden" not in str(meta.visible),
                head=guards.clean_rows(rows[:HEAD_ROWS], limits),
                merged=merged,
                loader=lambda start, _rows=rows: rows_to_table(_rows[start:], start),
                limits=limits,
            )
        )
    return Workbook(fmt, sheets)


def _too_sparse(sheet: str, rows: int, cols: int) -> StructuralError:
    return StructuralError(
        f"Trang «{sheet}» trải trên vùng {guards.num(rows)} dòng × {guards.num(cols)} cột, quá lớn để đọc "
        f"(giới hạn {guards.num(CALAMINE_MAX_CELLS)} ô cho định dạng này). Hãy mở bằng Excel, xóa các dòng, cột thừa "
        "rồi lưu thành .xlsx và tải lại."
    )


# ---------------------------------------------------------------------------------------------- HTML

_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "title", "caption", "center"}
# never shown, never run: their content is dropped
_SKIP = {"script", "style", "head", "noscript", "template", "iframe", "object", "embed", "svg", "math", "textarea"}


class _TableParser(HTMLParser):
    """Document order: each text block outside tables is a row; each <tr> is a row (spans expanded).

    Bounded: tables nested deeper than guards.MAX_TABLE_DEPTH, more rows or columns than the limits, more
    cells than guards.MAX_HTML_CELLS or spans covering more than guards.MAX_SPAN_CELLS stop the parse."""

    def __init__(self, file_name: str = "", limits: Limits | None = None):
        super().__init__(convert_charrefs=True)
        self.file_name = file_name
        self.limits = limits or Limits()
        self._cells = 0
        self._spans = 0
        self.rows: list[list[str]] = []
        self.merged: list[tuple[int, int, int, int]] = []
        self.hidden: set[int] = set()
        self._skip = 0
        self._block: list[str] = []
        self._tables: list[dict] = []  # stack of open tables
        self._cell: list[str] | None = None

    # text outside tables
    def _flush_block(self) -> None:
        text = " ".join("".join(self._block).split())
        self._block = []
        if text:
            self.rows.append([text])

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in _SKIP:
            self._skip += 1
            return
        if tag == "table":
            self._flush_block()
            if len(self._tables) >= guards.MAX_TABLE_DEPTH:
                raise guards.html_too_deep(self.file_name)
            self._tables.append({"occupied": {}, "row": None, "col": 0})
            return
        if not self._tables:
            if tag in _BLOCKS or tag == "br":
                self._flush_block()
            return
        t = self._tables[-1]
        style = (a.get("style") or "").replace(" ", "").lower()
        if tag == "tr":
            if len(self.rows) >= self.limits.max_rows:
                raise guards.html_too_big(self.file_name, f"có hơn {guards.num(self.limits.max_rows)} dòng")
            self.rows.append([])
            t["row"] = len(self.rows) - 1
            t["col"] = 0
            if "display:none" in style or "hidden" in a:
                self.hidden.add(t["row"])
        elif tag in ("td", "th"):
            if t["row"] is None:
                self.rows.append([])
                t["row"] = len(self.rows) - 1
            r = t["row"]
            c = t["col"]
            while (r, c) in t["occupied"]:
                c += 1
            rowspan = _span(a.get("rowspan"))
            colspan = _span(a.get("colspan"))
            self._cells += 1
            if c + colspan > self.limits.max_columns:
                raise guards.html_too_big(
                    self.file_name,
                    f"có dòng rộng tới {guards.num(c + colspan)} cột (giới hạn {self.limits.max_columns})",
                )
            if self._cells > guards.MAX_HTML_CELLS:
                raise guards.html_too_big(self.file_name, f"có hơn {guards.num(guards.MAX_HTML_CELLS)} ô")
            if rowspan > 1:
                self._spans += rowspan * colspan
                if self._spans > guards.MAX_SPAN_CELLS:
                    raise guards.html_too_big(
                        self.file_name, f"có ô gộp (rowspan/colspan) phủ hơn {guards.num(guards.MAX_SPAN_CELLS)} ô"
                    )
                # only the rows below need remembering: this row's columns are passed by t["col"]
                for dr in range(1, rowspan):
                    for dc in range(colspan):
                        t["occupied"][(r + dr, c + dc)] = True
            if rowspan > 1 or colspan > 1:
                self.merged.append((r, c, r + rowspan - 1, c + colspan - 1))
            t["cell"] = (r, c)
            t["col"] = c + colspan
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
            return
        if tag == "table" and self._tables:
            self._end_cell()
            self._tables.pop()
            return
        if not self._tables:
            if tag in _BLOCKS:
                self._flush_block()
            return
        if tag in ("td", "th"):
            self._end_cell()
        elif tag == "tr":
            self._end_cell()
            self._tables[-1]["row"] = None

    def _end_cell(self) -> None:
        if self._cell is None or not self._tables:
            return
        r, c = self._tables[-1]["cell"]
        text = " ".join("".join(self._cell).split())
        row = self.rows[r]
        while len(row) <= c:
            row.append("")
        row[c] = text
        self._cell = None

    def handle_data(self, data):
        if self._skip:
            return
        if self._cell is not None:
            self._cell.append(data)
        elif not self._tables:
            self._block.append(data)

    def close(self):
        super().close()
        self._flush_block()
        # rows opened by rowspans below the last <tr> are empty lists already; make sure they exist
        for t in self._tables:
            for r, _c in t["occupied"]:
                while len(self.rows) <= r:
                    self.rows.append([])


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(str(value).strip()), 1000))
    except (TypeError, ValueError):
        return 1


def _read_html(data: bytes, file_name: str, limits: Limits | None = None) -> Workbook:
    limits = limits or guards.current_limits()
    text = _decode_text(data) or data.decode("utf-8", errors="replace")
    parser = _TableParser(file_name, limits)
    parser.feed(guards.sanitize_html(text))
    parser.close()
    rows = _pad(parser.rows)
    name = (PurePath(file_name).stem or "Sheet1")[:31]
    sheet = Sheet(
        name=name,
        index=0,
        visible=True,
        head=guards.clean_rows(rows[:HEAD_ROWS], limits),
        merged=parser.merged,
        hidden_rows=frozenset(parser.hidden),
        loader=lambda start: rows_to_table(rows[start:], start),
        limits=limits,
    )
    return Workbook("html", [sheet])


# ---------------------------------------------------------------------------------------------- entry


def read_workbook(data: bytes, file_name: str, limits: Limits | None = None) -> Workbook:
    limits = limits or guards.current_limits()
    guards.check_size(len(data), file_name, limits)
    fmt = sniff(data, file_name, limits)
    if fmt == "html":
        return _read_html(data, file_name, limits)
    if fmt in ("xlsx", "xlsm"):
        try:
            return _read_xlsx(data, fmt, file_name, limits)
        except StructuralError:
            raise
        except Exception:  # noqa: BLE001 - an unusual package layout: let calamine try (guarded there too)
            return _read_calamine(data, fmt, file_name, limits)
    return _read_calamine(data, fmt, file_name, limits)
