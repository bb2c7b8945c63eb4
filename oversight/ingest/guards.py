"""Guards against hostile files: a crafted upload must be refused quickly, in bounded memory, with a
Vietnamese message that names the problem, and must never reach a parser that could be made to explode.

Every check here is O(header) or one cheap streaming pass over bytes that the readers decompress anyway:

    check_size            the upload's size against ``max_upload_mb``, before anything is read
    check_zip             a zip package (.xlsx/.xlsm/.xlsb/.ods) from its central directory, before parsing:
                          member count, sum of declared sizes, compression ratio per member, and (streaming,
                          capped) the real decompressed size of every member the readers do not stream
                          themselves, so a header that lies cannot make a later reader exhaust memory
    MemberStream          a capped, streaming read of one member (readers scan sheet XML through it)
    refuse_dtd            no DOCTYPE / ENTITY declaration in any XML we read (billion laughs, XXE)
    SheetExtent           rows, columns and value cells of a sheet seen while streaming its XML, so a sheet
                          beyond ``max_rows`` × ``max_columns`` or one that is mostly empty space (two cells at
                          A1 and GR1000000: the fast reader allocates every cell in between) is refused
                          before the fast reader loads it
    clean_table/clean_rows  NUL and control characters stripped; texts longer than ``max_cell_chars``
                          (Excel's own limit, 32,767) truncated with a warning naming the cell. Decision:
                          truncate and warn rather than reject the row, because such a text can only be a
                          free-text field (content, notes) and the rest of the row is still good data

Formulas are never evaluated anywhere in ingestion: readers take a formula cell's cached value, and text
starting with "=" stays text. openpyxl (used only to write) parses XML through defusedxml when it is
installed (``defusedxml==0.7.1``).
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from oversight.ingest.errors import StructuralError

MAX_MEMBERS = 10_000  # an .xlsx has tens of parts; thousands of sheets/drawings would still pass
MAX_RATIO = 200  # deflate's limit is ~1032:1; real sheet XML compresses 5-30:1
RATIO_MIN_BYTES = 1 << 20  # small members cannot hurt, whatever their ratio
MAX_CENTRAL_DIRECTORY = 16 << 20
SPARSE_FLOOR_CELLS = 2_000_000  # extent (rows × columns) always allowed: 64 MB in the fast reader
SPARSE_FACTOR = 24  # extent may be this many times the cells that hold a value
MAX_TABLE_DEPTH = 32  # HTML tables inside tables
MAX_HTML_CELLS = 10_000_000
MAX_SPAN_CELLS = 2_000_000  # cells covered by rowspan/colspan in one HTML file
CHUNK = 1 << 20


@dataclass(frozen=True)
class Limits:
    max_upload_mb: int = 200
    max_rows: int = 2_000_000
    max_columns: int = 200
    max_decompressed_mb: int = 3072
    max_cell_chars: int = 32_767

    @property
    def max_decompressed_bytes(self) -> int:
        return self.max_decompressed_mb << 20


def current_limits() -> Limits:
    """The limits in force (oversight.config.Settings), read at each upload."""
    from oversight.config import load_settings

    s = load_settings()
    return Limits(
        max_upload_mb=s.max_upload_mb,
        max_rows=s.max_rows,
        max_columns=s.max_columns,
        max_decompressed_mb=s.max_decompressed_mb,
        max_cell_chars=s.max_cell_chars,
    )


def num(n: float) -> str:
    """1234567 → '1.234.567'; 12.5 → '12,5' (Vietnamese)."""
    if isinstance(n, float) and not n.is_integer():
        return f"{n:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{int(n):,}".replace(",", ".")


def _mb(n_bytes: int) -> str:
    return num(round(n_bytes / (1 << 20), 1))


def col_letters(index: int) -> str:
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


# ---------------------------------------------------------------------------------------------- size


def check_size(size: int, file_name: str, limits: Limits) -> None:
    if size > limits.max_upload_mb << 20:
        raise StructuralError(
            f"Tệp «{file_name}» có dung lượng {_mb(size)} MB, vượt giới hạn {num(limits.max_upload_mb)} MB "
            "cho một lần tải lên. Hãy chia tệp (theo tháng hoặc theo đơn vị) rồi tải lên từng phần."
        )


# ---------------------------------------------------------------------------------------------- zip


def _bomb(file_name: str, what: str) -> StructuralError:
    return StructuralError(
        f"Tệp «{file_name}» có dấu hiệu «bom nén» (zip bomb): {what}. Tệp không được đọc; "
        "hãy xuất lại từ hệ thống hoặc mở bằng Excel rồi lưu thành .xlsx."
    )


def broken_zip(file_name: str) -> StructuralError:
    return StructuralError(
        f"Tệp «{file_name}» bị hỏng hoặc không trọn vẹn (có thể việc tải lên bị ngắt giữa chừng): không đọc được "
        "cấu trúc nén ZIP của bảng tính. Hãy tải lên lại tệp gốc, hoặc mở bằng Excel rồi lưu lại."
    )


def _central_directory(data: bytes) -> tuple[int, int] | None:
    """(entries, size of the central directory) from the end-of-central-directory record, or None."""
    pos = data.rfind(b"PK\x05\x06", max(0, len(data) - 65557))
    if pos < 0 or pos + 22 > len(data):
        return None
    _, _, _, entries, cd_size, _, _ = struct.unpack_from("<HHHHIIH", data, pos + 4)
    loc = data.rfind(b"PK\x06\x07", max(0, pos - 20), pos)
    if loc >= 0 and loc + 20 <= len(data):  # ZIP64: the real numbers are in the ZIP64 record
        (z64,) = struct.unpack_from("<Q", data, loc + 8)
        if z64 + 56 <= len(data) and data[z64 : z64 + 4] == b"PK\x06\x06":
            entries, cd_size = struct.unpack_from("<QQ", data, z64 + 32)
    return entries, cd_size


def open_zip(data: bytes, file_name: str, limits: Limits) -> zipfile.ZipFile:
    """The package's ZipFile once its central directory has passed the header checks (nothing decompressed)."""
    import io

    cd = _central_directory(data)
    if cd is None:
        raise broken_zip(file_name)
    entries, cd_size = cd
    if entries > MAX_MEMBERS or cd_size > MAX_CENTRAL_DIRECTORY:
        raise _bomb(file_name, f"tệp chứa {num(entries)} thành phần nén (giới hạn {num(MAX_MEMBERS)})")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise broken_zip(file_name) from None
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _bomb(file_name, f"tệp chứa {num(len(infos))} thành phần nén (giới hạn {num(MAX_MEMBERS)})")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise StructuralError(
                f"Tệp «{file_name}» được nén có mật khẩu (thành phần «{info.filename}» bị mã hóa). "
                "Hãy bỏ mật khẩu rồi tải lại."
            )
        total += info.file_size
        if info.file_size > RATIO_MIN_BYTES and info.file_size > MAX_RATIO * max(1, info.compress_size):
            ratio = info.file_size // max(1, info.compress_size)
            raise _bomb(
                file_name,
                f"thành phần «{info.filename}» nén {_mb(info.compress_size)} MB nhưng khai báo bung ra "
                f"{_mb(info.file_size)} MB (tỉ lệ {num(ratio)}:1, giới hạn {MAX_RATIO}:1)",
            )
    if total > limits.max_decompressed_bytes:
        raise _bomb(
            file_name,
            f"các thành phần khai báo bung ra tổng cộng {_mb(total)} MB, vượt giới hạn "
            f"{num(limits.max_decompressed_mb)} MB",
        )
    return zf


class Budget:
    """Decompressed bytes actually produced so far, across every member read through MemberStream."""

    def __init__(self, file_name: str, limits: Limits):
        self.file_name = file_name
        self.limits = limits
        self.used = 0

    def add(self, n: int) -> None:
        self.used += n
        if self.used > self.limits.max_decompressed_bytes:
            raise _bomb(
                self.file_name,
                f"dữ liệu giải nén thực tế vượt {num(self.limits.max_decompressed_mb)} MB",
            )


_DTD = (b"<!DOCTYPE", b"<!ENTITY", b"<!doctype")


def refuse_dtd(prolog: bytes, file_name: str, member: str) -> None:
    """An XML part with a DTD is refused: Excel never writes one; it is how entity bombs and XXE start."""
    if any(m in prolog for m in _DTD):
        raise StructuralError(
            f"Tệp «{file_name}»: phần «{member}» chứa khai báo DOCTYPE/ENTITY (thực thể XML). Bảng tính Excel "
            "thật không bao giờ có khai báo này; đây là dấu hiệu tấn công «XML bomb» hoặc XXE nên tệp không được đọc."
        )


class MemberStream:
    """Chunks of one member, decompressed in CHUNK pieces: never more than its declared size (zipfile stops
    there and checks the CRC), never more than the budget, and a DTD in its prolog is refused.

    With ``prefetch``, a thread decompresses the next chunks (zlib and crc32 release the GIL) while the
    caller scans this one; at most PREFETCH chunks wait, so memory stays bounded."""

    PREFETCH = 3

    def __init__(self, zf: zipfile.ZipFile, name: str, budget: Budget, prefetch: bool = False):
        self.zf, self.name, self.budget, self.prefetch = zf, name, budget, prefetch

    def _chunks(self):
        with self.zf.open(self.name) as fh:
            while chunk := fh.read(CHUNK):
                yield chunk

    def _prefetched(self):
        import queue
        import threading

        q: queue.Queue = queue.Queue(maxsize=self.PREFETCH)
        stop = threading.Event()

        def put(item) -> bool:
            while not stop.is_set():
                try:
                    q.put(item, timeout=0.1)
                    return True
                except queue.Full:
                    continue
            return False

        def produce() -> None:
            try:
                for chunk in self._chunks():
                    if not put(chunk):
                        return
                put(None)
            except BaseException as exc:  # noqa: BLE001 - handed to the consumer
                put(exc)

        worker = threading.Thread(target=produce, name=f"unzip {self.name}", daemon=True)
        worker.start()
        try:
            while (item := q.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            stop.set()
            worker.join()

    def __iter__(self):
        first = True
        try:
            for chunk in self._prefetched() if self.prefetch else self._chunks():
                self.budget.add(len(chunk))
                if first and self.name.endswith((".xml", ".rels", ".vml")):
                    refuse_dtd(chunk[:65536], self.budget.file_name, self.name)
                first = False
                yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError):
            raise StructuralError(
                f"Tệp «{self.budget.file_name}» bị hỏng hoặc bị làm giả: phần «{self.name}» không giải nén được "
                "đúng như khai báo (kích thước hoặc mã kiểm tra CRC không khớp). Hãy tải lên lại tệp gốc."
            ) from None


def verify_members(zf: zipfile.ZipFile, budget: Budget, skip: set[str] = frozenset()) -> None:
    """Stream every member not in ``skip`` once (capped), so no later reader meets a lying header."""
    for info in zf.infolist():
        if info.filename in skip or info.is_dir():
            continue
        for _ in MemberStream(zf, info.filename, budget):
            pass


# ---------------------------------------------------------------------------------------------- extent

_REF = re.compile(rb'\br="([A-Z]{1,4})(\d{1,9})"')
_LAST_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="(\d+)"')
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*?\bref="([A-Z]{1,4})(\d+)(?::([A-Z]{1,4})(\d+))?"')


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n - 1


@dataclass
class SheetExtent:
    """What a sheet's XML says about its size, gathered chunk by chunk with a few numpy passes.

    Every attribute ``r="…"`` is found from the positions of '"' (numpy): a cell reference of two letters or
    more (beyond column Z), or with more digits than the last <row r="…"> seen, is then read exactly; otherwise
    the sheet is at most 26 columns wide and no row number outgrows the rows. Cells: tags ``<c r="`` (text
    cannot hold a raw "<", so they cannot be faked in a value; a comment or CDATA section could, so a sheet
    holding one is marked ``odd``).
    """

    sheet: str
    limits: Limits
    max_row: int = 0  # 1-based
    max_col: int = 0  # 1-based, exact only when ``wide``
    wide: bool = False
    cells: int = 0
    odd: bool = False  # "<!" (comment, CDATA) inside the sheet: the cell count cannot be trusted
    declared: tuple[str, int, int] | None = None
    _first: bool = field(default=True, repr=False)

    def feed(self, window: bytes, chunk: bytes) -> None:
        """``window`` = a little of the previous chunk + ``chunk`` (so nothing straddling a boundary is missed)."""
        if self._first:
            self._first = False
            m = _DIMENSION.search(chunk[:65536])
            if m:
                a, b, c, d = m.groups()
                rows, cols = int(d or b), _col_index(c or a) + 1
                self.declared = ((a + b + (b":" + c + d if c else b"")).decode(), rows, cols)
                self.check_declared()
        last = window.rfind(b"<row")
        if last < 0:
            last = window.rfind(b":row")
        if last >= 0:
            m = _LAST_ROW.match(window, window.rfind(b"<", 0, last + 1))
            if m:
                self.max_row = max(self.max_row, int(m.group(1)))
        b = np.frombuffer(window, dtype=np.uint8)
        q = np.flatnonzero(b == 0x22)  # '"'
        q = q[q >= 5]
        k = np.flatnonzero((b[q - 1] == 0x3D) & (b[q - 2] == 0x72) & (b[q - 3] <= 0x20))  # ' r="'
        k = k[k + 1 < len(q)]
        start = q[k] + 1
        first = b[start]
        is_cell = (first >= 0x41) & (first <= 0x5A)  # a letter: a cell reference (a row's r is digits)
        in_chunk = start >= len(window) - len(chunk)
        self.cells += int(np.count_nonzero(is_cell & in_chunk & (b[q[k] - 4] == 0x63) & (b[q[k] - 5] == 0x3C)))
        bang = np.flatnonzero(b == 0x21)  # '!'
        if bang.size and (b[bang[bang > 0] - 1] == 0x3C).any():
            self.odd = True
        if not is_cell.any():
            return
        second = b[np.minimum(start[is_cell] + 1, len(b) - 1)]
        longest = int((q[k + 1] - start)[is_cell].max())  # letters + digits
        if ((second >= 0x41) & (second <= 0x5A)).any() or longest - 1 > len(str(self.max_row)):
            for letters, row in _REF.findall(window):
                r, c = int(row), _col_index(letters) + 1
                self.max_row = max(self.max_row, r)
                self.max_col = max(self.max_col, c)
                if len(letters) > 1:
                    self.wide = True
            self.check_limits()

    def check_declared(self) -> None:
        ref, rows, cols = self.declared
        lim = self.limits
        if rows > lim.max_rows or cols > lim.max_columns:
            raise StructuralError(
                f"Trang «{self.sheet}» khai báo vùng dữ liệu {ref} ({num(rows)} dòng × {num(cols)} cột), vượt giới "
                f"hạn {num(lim.max_rows)} dòng × {num(lim.max_columns)} cột. Tệp không được đọc; hãy xóa các dòng, cột "
                "thừa (hoặc chỉ sao chép bảng số liệu sang tệp mới) rồi tải lại."
            )

    def check_limits(self) -> None:
        lim = self.limits
        if self.max_row > lim.max_rows:
            raise StructuralError(
                f"Trang «{self.sheet}» có dữ liệu tới dòng {num(self.max_row)}, vượt giới hạn {num(lim.max_rows)} dòng. "
                "Hãy chia tệp (theo tháng hoặc theo đơn vị) rồi tải lên từng phần."
            )
        if self.max_col > lim.max_columns:
            raise StructuralError(
                f"Trang «{self.sheet}» có dữ liệu tới cột {col_letters(self.max_col - 1)} ({num(self.max_col)} cột), vượt "
                f"giới hạn {num(lim.max_columns)} cột. Hãy xóa các cột thừa rồi tải lại."
            )

    def finish(self, rescan) -> None:
        """Check the extent; ``rescan()`` returns exact (max_row, max_col) when the cheap bound is not enough."""
        self.check_limits()
        cols = self.max_col if self.wide else 26
        allowed = max(SPARSE_FLOOR_CELLS, SPARSE_FACTOR * self.cells)
        if self.max_row * cols <= allowed and not (self.odd and self.max_row * cols > SPARSE_FLOOR_CELLS):
            return
        if self.odd:
            raise StructuralError(
                f"Trang «{self.sheet}» chứa chú thích hoặc khối CDATA XML (Excel không bao giờ ghi) trong một bảng "
                f"lớn ({num(self.max_row)} dòng): cấu trúc bất thường nên tệp không được đọc. Hãy mở bằng Excel rồi "
                "lưu lại thành .xlsx và tải lên."
            )
        rows_exact, cols_exact = rescan()
        self.max_row, self.max_col = max(self.max_row, rows_exact), cols_exact
        self.check_limits()
        if self.max_row * self.max_col > allowed:
            raise StructuralError(
                f"Trang «{self.sheet}» trải trên vùng {num(self.max_row)} dòng × {num(self.max_col)} cột "
                f"(tới ô {col_letters(self.max_col - 1)}{self.max_row}) nhưng chỉ có {num(self.cells)} ô có dữ liệu: "
                "cấu trúc bất thường, đọc sẽ tốn quá nhiều bộ nhớ nên tệp không được đọc. Hãy chỉ sao chép bảng số "
                "liệu sang tệp mới rồi tải lại."
            )


def exact_extent(chunks) -> tuple[int, int]:
    """Exact (max row, max column), 1-based, from every cell reference of a sheet (slow path)."""
    rows = cols = 0
    tail = b""
    for chunk in chunks:
        window = tail + chunk
        for letters, row in _REF.findall(window):
            rows = max(rows, int(row))
            cols = max(cols, _col_index(letters) + 1)
        tail = window[-64:]
    return rows, cols


def check_grid(sheet: str, n_rows: int, n_cols: int, limits: Limits) -> None:
    """Rows/columns of a sheet read by calamine or the HTML parser."""
    ext = SheetExtent(sheet, limits, max_row=n_rows, max_col=n_cols)
    ext.check_limits()


# ---------------------------------------------------------------------------------------------- text

# C0 controls except tab, line feed, carriage return; DEL; C1 controls.
_CONTROL = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
_CONTROL_RE = re.compile(_CONTROL)


def clean_text(value: str, limit: int) -> str:
    if _CONTROL_RE.search(value):
        value = _CONTROL_RE.sub("", value)
    return value[:limit] if len(value) > limit else value


def clean_rows(rows: list[list[str]], limits: Limits) -> list[list[str]]:
    """Head rows (titles, header): control characters out, over-long texts cut (they are never stored)."""
    cap = limits.max_cell_chars
    return [[clean_text(v, cap) if v else v for v in row] for row in rows]


_CONTROL_BYTES = np.zeros(256, dtype=bool)
_CONTROL_BYTES[[*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]] = True


def _may_have_control(col: pa.ChunkedArray) -> bool:
    """Whether a string column holds a control character, from its UTF-8 bytes (numpy, no per-cell work).
    C1 controls are U+0080-U+009F, encoded C2 80 … C2 9F."""
    for chunk in col.chunks:
        data = chunk.buffers()[2]
        if data is None or data.size == 0:
            continue
        b = np.frombuffer(data, dtype=np.uint8)
        if (b.min() < 0x20 or (b == 0x7F).any()) and _CONTROL_BYTES[b].any():  # min(): one fast pass
            return True
        lead = np.flatnonzero(b[:-1] == 0xC2)
        if lead.size and ((b[lead + 1] >= 0x80) & (b[lead + 1] <= 0x9F)).any():
            return True
    return False


def clean_table(table: pa.Table, sheet: str, limits: Limits) -> tuple[pa.Table, list[str]]:
    """Data rows as loaded: control characters stripped, texts over ``max_cell_chars`` truncated (warned)."""
    cap = limits.max_cell_chars
    warnings: list[str] = []
    long_cells: list[str] = []
    stripped = 0
    rows = table.column("__row") if "__row" in table.column_names else None
    for i, name in enumerate(table.column_names):
        col = table.column(i)
        if not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)) or name == "__row":
            continue
        changed = False
        longest_bytes = pc.max(pc.binary_length(col)).as_py()  # offsets only; characters <= bytes
        longest = pc.max(pc.utf8_length(col)).as_py() if longest_bytes and longest_bytes > cap else 0
        if longest > cap:
            too_long = pc.greater(pc.utf8_length(col), cap)
            if rows is not None and len(long_cells) < 20:
                letters = col_letters(int(name[1:])) if name[1:].isdigit() else name
                for r, n in zip(
                    pc.filter(rows, too_long).to_pylist()[:20],
                    pc.filter(pc.utf8_length(col), too_long).to_pylist()[:20],
                    strict=True,
                ):
                    long_cells.append(f"{letters}{r + 1} ({num(n)} ký tự)")
            col = pc.if_else(too_long, pc.utf8_slice_codeunits(col, 0, cap), col)
            changed = True
        if _may_have_control(col):
            stripped += pc.sum(pc.match_substring_regex(col, _CONTROL)).as_py() or 0
            col = pc.replace_substring_regex(col, _CONTROL, "")
            changed = True
        if changed:
            table = table.set_column(i, name, col)
    if long_cells:
        warnings.append(
            f"Trang «{sheet}»: ô {', '.join(long_cells)} dài hơn giới hạn {num(cap)} ký tự (giới hạn của Excel) "
            f"nên chỉ giữ {num(cap)} ký tự đầu."
        )
    if stripped:
        warnings.append(
            f"Trang «{sheet}»: đã bỏ các ký tự điều khiển (NUL, …) không hiển thị được trong {num(stripped)} ô."
        )
    return table, warnings


# ---------------------------------------------------------------------------------------------- HTML


def html_too_deep(file_name: str) -> StructuralError:
    return StructuralError(
        f"Tệp «{file_name}»: các bảng HTML lồng nhau quá sâu (hơn {MAX_TABLE_DEPTH} tầng bảng trong bảng), "
        "không phải bản xuất bình thường nên tệp không được đọc."
    )


def html_too_big(file_name: str, what: str) -> StructuralError:
    return StructuralError(f"Tệp «{file_name}»: bảng HTML {what}, vượt giới hạn nên tệp không được đọc.")


# ---------------------------------------------------------------------------------------------- .xls (BIFF8)

_XLS_CELLS = {0x00FD, 0x0204, 0x0203, 0x027E, 0x0006, 0x0205, 0x00D6, 0x0201}  # LABELSST … BLANK
_XLS_MULTI = {0x00BD, 0x00BE}  # MULRK, MULBLANK: row, first column, …, last column
_XLS_VALUES = {0x00FD, 0x0204, 0x0203, 0x027E, 0x0006, 0x0205, 0x00D6}


def encrypted(file_name: str) -> StructuralError:
    return StructuralError(
        f"Tệp «{file_name}» là bảng tính Excel được đặt mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu rồi tải lại."
    )


def check_xls(data: bytes, file_name: str, limits: Limits) -> None:
    """Walk an .xls's BIFF records (one pass, no cell decoded) before calamine allocates its grid: a password
    (FILEPASS), and per sheet the declared and real extent against the limits and against the cells present."""
    import olefile

    try:
        ole = olefile.OleFileIO(data)
    except Exception:  # noqa: BLE001 - not a readable OLE2 file: calamine will say so
        return
    try:
        if ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage"):
            raise encrypted(file_name)
        name = next((n for n in ("Workbook", "Book") if ole.exists(n)), None)
        if name is None:
            return
        if ole.get_size(name) > limits.max_decompressed_bytes:
            raise _bomb(file_name, "luồng dữ liệu .xls lớn bất thường")
        buf = ole.openstream(name).read()
    finally:
        ole.close()
    unpack = struct.unpack_from
    pos, n = 0, len(buf)
    substream = -1
    rows = cols = cells = 0

    def finish() -> None:
        if substream <= 0:
            return
        sheet = f"trang thứ {substream}"
        SheetExtent(sheet, limits, max_row=rows, max_col=cols).check_limits()
        if rows * cols > max(SPARSE_FLOOR_CELLS, SPARSE_FACTOR * cells):
            raise StructuralError(
                f"Bảng tính có {sheet} trải trên vùng {num(rows)} dòng × {num(cols)} cột nhưng chỉ có {num(cells)} ô "
                "có dữ liệu: cấu trúc bất thường, đọc sẽ tốn quá nhiều bộ nhớ nên tệp không được đọc."
            )

    while pos + 4 <= n:
        rid, length = unpack("<HH", buf, pos)
        body = pos + 4
        pos = body + length
        if rid == 0x0809:  # BOF: a new substream (0 = workbook globals)
            finish()
            substream += 1
            rows = cols = cells = 0
        elif rid == 0x002F and substream == 0:  # FILEPASS
            raise encrypted(file_name)
        elif length >= 4 and rid in _XLS_CELLS:
            r, c = unpack("<HH", buf, body)
            rows, cols = max(rows, r + 1), max(cols, c + 1)
            cells += rid in _XLS_VALUES
        elif length >= 6 and rid in _XLS_MULTI:
            r, _c1 = unpack("<HH", buf, body)
            (c2,) = unpack("<H", buf, pos - 2)
            rows, cols = max(rows, r + 1), max(cols, c2 + 1)
            cells += (length - 6) // 6 if rid == 0x00BD else 0
        elif rid == 0x0200 and length >= 14 and substream > 0:  # DIMENSIONS: rwMic, rwMac, colMic, colMac
            _r1, r2, _c1, c2 = unpack("<IIHH", buf, body)
            if r2 > limits.max_rows or c2 > limits.max_columns:
                sheet = f"trang thứ {substream}"
                raise StructuralError(
                    f"Bảng tính có {sheet} khai báo vùng dữ liệu {num(r2)} dòng × {num(c2)} cột, vượt giới hạn "
                    f"{num(limits.max_rows)} dòng × {num(limits.max_columns)} cột. Tệp không được đọc."
                )
    finish()


# A "<" that does not open a tag, comment or declaration closed before the next "<": html.parser (CPython
# 3.11) rescans to the end of the input for each such "<" ("</" * 200,000 takes minutes). Escaping them first
# keeps parsing linear; the text is unchanged (the parser turns "&lt;" back into "<").
_BAD_LT = re.compile(r"<(?!/?[A-Za-z][^<>]*>|![^<>]*>|\?[^<>]*>)")


def sanitize_html(text: str) -> str:
    """Comments removed (an unterminated one ends the document) and stray "<" escaped, in linear time."""
    if "<!--" in text:
        out: list[str] = []
        i = 0
        while True:
            j = text.find("<!--", i)
            if j < 0:
                out.append(text[i:])
                break
            out.append(text[i:j])
            k = text.find("-->", j + 4)
            if k < 0:
                break
            i = k + 3
        text = "".join(out)
    return _BAD_LT.sub("&lt;", text)
