"""Blank Excel templates, one per kind, for units whose system exports nothing usable.

    data = template_bytes("cases")            # a formatted .xlsx, ready to fill and upload
    name = TEMPLATE_FILE_NAMES["cases"]        # the file name to offer for download

Each template is shaped like the province's own exports so that the ingestion reads it without special
cases: letterhead, the report's name, a period line "Từ ngày …/…/… đến ngày …/…/…" (cell PERIOD_CELL)
that the uploader fills, one bold header row with the canonical column names of the synonym tables (for
Biểu 06 the form's three-level merged header and its numbering row (1)…(13)), frozen header, column widths,
dd/mm/yyyy on the date columns, drop-down lists for statuses and channels (texts the ingestion accepts;
other spellings only warn, since the source systems' own texts are accepted too), and a sheet
"Hướng dẫn" explaining each column and the rules. The lists live on a hidden sheet "Danh mục", which the
ingestion, reading visible sheets only, ignores.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from oversight.config import load_settings
from oversight.ingest.columns import KINDS

TEMPLATE_FILE_NAMES: dict[str, str] = {
    "tasks": "mau_nhiem_vu_duoc_giao.xlsx",
    "cases": "mau_danh_sach_ho_so_tthc.xlsx",
    "case_stats": "mau_bieu_06_VPCP_KSTT.xlsx",
    "feedback": "mau_phan_anh_kien_nghi.xlsx",
}
SHEET_NAMES: dict[str, str] = {
    "tasks": "Nhiệm vụ",
    "cases": "Danh sách hồ sơ",
    "case_stats": "Biểu 06",
    "feedback": "Phản ánh kiến nghị",
}
GUIDE_SHEET = "Hướng dẫn"
LISTS_SHEET = "Danh mục"
PERIOD_CELL = "A5"  # "Từ ngày …/…/… đến ngày …/…/…": the uploader writes the dates here
PERIOD_PLACEHOLDER = "Từ ngày …/…/… đến ngày …/…/…"
HEADER_ROW = 7  # Excel row of the (first) header row, every kind
DATA_START_ROW: dict[str, int] = {"tasks": 8, "cases": 8, "case_stats": 11, "feedback": 8}
VALIDATED_ROWS = 10_000  # drop-down lists and warnings cover this many data rows
DATE_FORMAT = "dd/mm/yyyy"

# Texts offered in the drop-down lists; every one is accepted by oversight.statuses.status_code
# (checked by tests/ingest/test_templates.py). The systems' own spellings are accepted too.
STATUS_CHOICES: dict[str, tuple[str, ...]] = {
    "tasks": (
        "Hoàn thành trước hạn",
        "Hoàn thành đúng hạn",
        "Đã hoàn thành quá hạn",
        "Đang thực hiện trong hạn",
        "Đang thực hiện quá hạn",
        "Chưa đến hạn",
        "Tạm dừng",
        "Chờ xác nhận",
    ),
    "cases": (
        "Đang giải quyết",
        "Đã trả kết quả",
        "Trả kết quả trước hạn",
        "Trả kết quả đúng hạn",
        "Trả kết quả trễ hạn",
        "Chờ bổ sung",
        "Tạm dừng",
        "Công dân xin rút",
        "Trả lại hồ sơ",
        "Từ chối",
    ),
    "feedback": (
        "Mới tiếp nhận",
        "Đang xử lý",
        "Đã xử lý",
        "Đã trả lời",
        "Quá hạn",
        "Không thuộc thẩm quyền",
    ),
}
CHANNEL_CHOICES: dict[str, tuple[str, ...]] = {
    "cases": ("Trực tuyến", "Trực tiếp", "Dịch vụ bưu chính công ích"),
    "feedback": ("Điện thoại", "Zalo", "Email", "Cổng thông tin", "Ứng dụng", "Livechat", "Facebook"),
}
CATEGORY_CHOICES = ("Về thủ tục hành chính", "Về hành vi cán bộ, công chức", "Khác")
RATING_CHOICES = ("Hài lòng", "Không hài lòng", "Chưa đánh giá")


@dataclass(frozen=True)
class Column:
    header: str  # the canonical Vietnamese name the synonym tables map
    width: float
    kind: str  # text | date | deadline | status | channel | category | rating | count | number
    required: bool
    help: str  # Vietnamese, for the guide sheet
    example: str = ""


_UNIT_HELP = (
    "Tên đơn vị như trong danh mục đơn vị của tỉnh: sở, ban, ngành (ví dụ «Sở Tư pháp») hoặc xã, phường sau "
    "sắp xếp từ 01/7/2025 (ví dụ «UBND xã Long Phước», «Phường Trấn Biên»). Viết đầy đủ, không viết tắt tùy ý."
)
_DATE_HELP = "Ngày dạng dd/mm/yyyy (có thể kèm giờ: dd/mm/yyyy hh:mm)."

COLUMNS: dict[str, tuple[Column, ...]] = {
    "tasks": (
        Column("STT", 6, "number", False, "Số thứ tự, không bắt buộc.", "1"),
        Column("Số, ký hiệu văn bản", 20, "text", False, "Số, ký hiệu văn bản giao nhiệm vụ.", "1234/UBND-KT"),
        Column("Ngày văn bản", 14, "date", False, "Ngày ban hành văn bản giao nhiệm vụ. " + _DATE_HELP, "02/10/2025"),
        Column(
            "Ngày giao",
            14,
            "date",
            False,
            "Ngày giao nhiệm vụ (nếu trống dùng ngày văn bản). " + _DATE_HELP,
            "02/10/2025",
        ),
        Column(
            "Trích yếu nội dung",
            50,
            "text",
            True,
            "Nội dung nhiệm vụ được giao (bắt buộc).",
            "Rà soát, báo cáo tình hình giải ngân vốn đầu tư công",
        ),
        Column("Người giao", 20, "text", False, "Lãnh đạo UBND tỉnh giao nhiệm vụ.", "Chủ tịch UBND tỉnh"),
        Column(
            "Đơn vị chủ trì", 30, "text", True, "Đơn vị chủ trì thực hiện (bắt buộc). " + _UNIT_HELP, "Sở Tài chính"
        ),
        Column(
            "Đơn vị phối hợp",
            26,
            "text",
            False,
            "Các đơn vị phối hợp, cách nhau bằng dấu chấm phẩy.",
            "Sở Xây dựng; Sở Tư pháp",
        ),
        Column("Lĩnh vực", 18, "text", False, "Lĩnh vực của nhiệm vụ.", "Kinh tế"),
        Column(
            "Thời hạn",
            16,
            "deadline",
            True,
            "Hạn hoàn thành (cột bắt buộc, ô có thể trống): một ngày dd/mm/yyyy, hoặc chữ như «Thường xuyên», "
            "«Trong tháng 10/2025», «Quý IV/2025». Để trống hoặc «Thường xuyên» nếu không có thời hạn.",
            "31/10/2025",
        ),
        Column(
            "Thời hạn điều chỉnh",
            16,
            "deadline",
            False,
            "Thời hạn sau khi được gia hạn (nếu có); được dùng thay cho Thời hạn. " + _DATE_HELP,
            "",
        ),
        Column(
            "Ngày hoàn thành",
            14,
            "date",
            False,
            "Ngày hoàn thành thực tế; để trống nếu chưa xong. " + _DATE_HELP,
            "28/10/2025",
        ),
        Column("Tình trạng", 24, "status", False, "Chọn trong danh sách (xem bên dưới).", "Hoàn thành đúng hạn"),
        Column("Ghi chú", 24, "text", False, "Ghi chú (không bắt buộc).", ""),
    ),
    "cases": (
        Column("STT", 6, "number", False, "Số thứ tự, không bắt buộc.", "1"),
        Column(
            "Mã hồ sơ",
            26,
            "text",
            True,
            "Mã hồ sơ (số biên nhận) trên hệ thống; mỗi hồ sơ một dòng (bắt buộc).",
            "000.00.23.H19-251001-0001",
        ),
        Column("Tên thủ tục hành chính", 44, "text", False, "Tên thủ tục hành chính.", "Đăng ký khai sinh"),
        Column("Lĩnh vực", 20, "text", False, "Lĩnh vực của thủ tục.", "Hộ tịch"),
        Column(
            "Cơ quan giải quyết",
            30,
            "text",
            True,
            "Cơ quan giải quyết hồ sơ (bắt buộc). " + _UNIT_HELP,
            "UBND xã Long Phước",
        ),
        Column("Người nộp", 24, "text", False, "Tổ chức, cá nhân nộp hồ sơ.", "Nguyễn Văn An"),
        Column(
            "Ngày tiếp nhận", 16, "date", True, "Ngày tiếp nhận hồ sơ (bắt buộc). " + _DATE_HELP, "01/10/2025 08:30"
        ),
        Column(
            "Ngày hẹn trả",
            16,
            "date",
            True,
            "Ngày hẹn trả kết quả (hạn giải quyết; cột bắt buộc, ô để trống nếu không có hạn). " + _DATE_HELP,
            "03/10/2025",
        ),
        Column(
            "Ngày có kết quả",
            16,
            "date",
            True,
            "Ngày giải quyết xong (cột bắt buộc); để trống nếu đang giải quyết. " + _DATE_HELP,
            "02/10/2025",
        ),
        Column("Ngày trả kết quả", 16, "date", False, "Ngày trả kết quả cho người nộp. " + _DATE_HELP, "02/10/2025"),
        Column("Trạng thái", 22, "status", False, "Chọn trong danh sách (xem bên dưới).", "Đã trả kết quả"),
        Column(
            "Hình thức nộp",
            22,
            "channel",
            False,
            "Chọn trong danh sách: " + "; ".join(CHANNEL_CHOICES["cases"]) + ".",
            "Trực tuyến",
        ),
    ),
    "feedback": (
        Column("STT", 6, "number", False, "Số thứ tự, không bắt buộc.", "1"),
        Column(
            "Mã phản ánh",
            20,
            "text",
            True,
            "Mã phản ánh, kiến nghị (số phiếu); mỗi phản ánh một dòng (bắt buộc).",
            "PA-2025-000123",
        ),
        Column(
            "Ngày tiếp nhận", 16, "date", True, "Ngày tiếp nhận phản ánh (bắt buộc). " + _DATE_HELP, "01/10/2025 09:15"
        ),
        Column("Kênh tiếp nhận", 18, "channel", False, "Chọn trong danh sách (có thể ghi kênh khác).", "Điện thoại"),
        Column("Lĩnh vực", 20, "text", False, "Lĩnh vực hoặc chuyên mục.", "Môi trường"),
        Column(
            "Phân loại",
            24,
            "category",
            False,
            "Chọn trong danh sách: " + "; ".join(CATEGORY_CHOICES) + ".",
            "Về thủ tục hành chính",
        ),
        Column("Nội dung", 50, "text", False, "Tóm tắt nội dung phản ánh, kiến nghị.", "Phản ánh rác thải tại chợ"),
        Column("Địa bàn", 24, "text", False, "Xã, phường nơi xảy ra sự việc.", "Phường Trấn Biên"),
        Column(
            "Đơn vị xử lý",
            30,
            "text",
            True,
            "Đơn vị được giao xử lý (bắt buộc). " + _UNIT_HELP,
            "UBND phường Trấn Biên",
        ),
        Column(
            "Hạn xử lý",
            16,
            "date",
            True,
            "Hạn xử lý (cột bắt buộc, ô để trống nếu không có hạn). " + _DATE_HELP,
            "10/10/2025",
        ),
        Column(
            "Ngày hoàn thành",
            16,
            "date",
            True,
            "Ngày xử lý xong hoặc trả lời (cột bắt buộc); để trống nếu chưa xong. " + _DATE_HELP,
            "08/10/2025",
        ),
        Column("Trạng thái", 22, "status", False, "Chọn trong danh sách (xem bên dưới).", "Đã trả lời"),
        Column(
            "Đánh giá",
            18,
            "rating",
            False,
            "Mức độ hài lòng: " + "; ".join(RATING_CHOICES) + " hoặc để trống.",
            "Hài lòng",
        ),
    ),
}

# Biểu 06 (Biểu số 06/VPCP/KSTT, Thông tư 01/2020/TT-VPCP): three header rows, then the numbering row.
B06_TITLE = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC"
B06_HEADER: tuple[tuple[str | None, ...], ...] = (
    ("STT", "Đơn vị", "Số hồ sơ nhận giải quyết", None, None, None, "Kết quả giải quyết", None, None, None, None, None,
     None),
    (None, None, "Tổng số", "Trong đó", None, None, "Số hồ sơ đã giải quyết", None, None, None,
     "Số hồ sơ đang giải quyết", None, None),
    (None, None, None, "Số mới tiếp nhận trực tuyến", "Số mới tiếp nhận trực tiếp và qua dịch vụ bưu chính",
     "Số kỳ trước chuyển qua", "Tổng số", "Trả trước hạn", "Trả đúng thời hạn", "Trả quá hạn", "Tổng số",
     "Trong hạn", "Quá hạn"),
)  # fmt: skip
# (first row, first column, last row, last column), 1-based, relative to HEADER_ROW
B06_MERGES = ((0, 1, 2, 1), (0, 2, 2, 2), (0, 3, 0, 6), (0, 7, 0, 13), (1, 3, 2, 3), (1, 4, 1, 6), (1, 7, 1, 10),
              (1, 11, 1, 13))  # fmt: skip
B06_WIDTHS = (6, 40, 11, 13, 15, 12, 11, 11, 11, 11, 11, 11, 11)
B06_HELP = (
    ("(1) STT", "Số thứ tự."),
    ("(2) Đơn vị", "Tên cơ quan, đơn vị trực tiếp giải quyết TTHC, mỗi đơn vị một dòng. " + _UNIT_HELP),
    ("(3) Tổng số hồ sơ nhận giải quyết", "(3) = (4) + (5) + (6)."),
    ("(4) Số mới tiếp nhận trực tuyến", "Hồ sơ mới tiếp nhận trong kỳ qua dịch vụ công trực tuyến."),
    (
        "(5) Số mới tiếp nhận trực tiếp và qua dịch vụ bưu chính",
        "Hồ sơ mới tiếp nhận trong kỳ tại bộ phận một cửa hoặc qua dịch vụ bưu chính công ích.",
    ),
    ("(6) Số kỳ trước chuyển qua", "Hồ sơ đang giải quyết ở cuối kỳ trước."),
    ("(7) Tổng số đã giải quyết", "(7) = (8) + (9) + (10)."),
    ("(8) Trả trước hạn", "Hồ sơ có kết quả trước ngày hẹn trả."),
    ("(9) Trả đúng thời hạn", "Hồ sơ có kết quả đúng ngày hẹn trả; hồ sơ trả lại, công dân xin rút tính vào đây."),
    ("(10) Trả quá hạn", "Hồ sơ có kết quả sau ngày hẹn trả."),
    ("(11) Tổng số đang giải quyết", "(11) = (12) + (13); và (3) = (7) + (11)."),
    ("(12) Trong hạn", "Hồ sơ chưa có kết quả, chưa đến hạn; hồ sơ chờ bổ sung tính vào đây."),
    ("(13) Quá hạn", "Hồ sơ chưa có kết quả, đã quá hạn."),
)

REPORT_NAMES = {
    "tasks": "DANH SÁCH NHIỆM VỤ DO UBND TỈNH, CHỦ TỊCH UBND TỈNH GIAO",
    "cases": "DANH SÁCH HỒ SƠ THỦ TỤC HÀNH CHÍNH",
    "case_stats": B06_TITLE,
    "feedback": "DANH SÁCH PHẢN ÁNH, KIẾN NGHỊ CỦA NGƯỜI DÂN, DOANH NGHIỆP",
}

_FONT = "Times New Roman"
_REGULAR = Font(name=_FONT, size=12)
_BOLD = Font(name=_FONT, size=12, bold=True)
_ITALIC = Font(name=_FONT, size=12, italic=True)
_TITLE = Font(name=_FONT, size=14, bold=True)
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7", end_color="DDEBF7")


def template_bytes(kind: str) -> bytes:
    """The blank template of a kind ('tasks', 'cases', 'case_stats', 'feedback') as .xlsx bytes."""
    kind = {"case-stats": "case_stats"}.get(kind, kind)
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_NAMES[kind]
    lists = wb.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    if kind == "case_stats":
        _bieu06_sheet(ws)
    else:
        _list_sheet(ws, kind, lists)
    _guide_sheet(wb.create_sheet(GUIDE_SHEET, 1), kind)
    wb.active = 0
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _title(ws: Worksheet, row: int, text: str, width: int, font: Font = _BOLD, first: int = 1, last: int | None = None):
    last = last or width
    cell = ws.cell(row=row, column=first, value=text)
    cell.font = font
    cell.alignment = _CENTER
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def _letterhead(ws: Worksheet, kind: str, width: int) -> None:
    left = 3 if width <= 8 else 4
    _title(ws, 1, load_settings().province_title, width, last=left)
    _title(ws, 1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", width, first=left + 1)
    _title(ws, 2, "(Tên cơ quan, đơn vị báo cáo)", width, font=_ITALIC, last=left)
    _title(ws, 2, "Độc lập - Tự do - Hạnh phúc", width, first=left + 1)
    if kind == "case_stats":
        _title(ws, 3, "Biểu số 06/VPCP/KSTT", width, font=_ITALIC, first=width - 3)
    _title(ws, 4, REPORT_NAMES[kind], width, font=_TITLE)
    _title(ws, 5, PERIOD_PLACEHOLDER, width, font=_ITALIC)
    ws.row_dimensions[4].height = 36 if kind == "case_stats" else 21
    if kind == "case_stats":
        _title(ws, 6, "Đơn vị tính: Số hồ sơ TTHC", width, font=_ITALIC, first=width - 3)


def _header_cell(ws: Worksheet, row: int, col: int, value: str | None) -> None:
    cell = ws.cell(row=row, column=col, value=value)
    cell.font = _BOLD
    cell.alignment = _CENTER
    cell.border = _BORDER
    cell.fill = _HEADER_FILL


def _list_sheet(ws: Worksheet, kind: str, lists: Worksheet) -> None:
    cols = COLUMNS[kind]
    width = len(cols)
    _letterhead(ws, kind, width)
    first, last = DATA_START_ROW[kind], DATA_START_ROW[kind] + VALIDATED_ROWS - 1
    for j, col in enumerate(cols, start=1):
        letter = get_column_letter(j)
        _header_cell(ws, HEADER_ROW, j, col.header)
        dim = ws.column_dimensions[letter]
        dim.width = col.width
        # column styles, not cells: the blank template holds no empty data cells for a reader to find
        dim.font = _REGULAR
        if col.kind in ("date", "deadline"):
            dim.number_format = DATE_FORMAT
        if col.kind in ("text", "status", "channel", "category", "rating") and col.width >= 24:
            dim.alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[HEADER_ROW].height = 33
    ws.freeze_panes = ws.cell(row=DATA_START_ROW[kind], column=1)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True

    choices = {
        "status": STATUS_CHOICES.get(kind, ()),
        "channel": CHANNEL_CHOICES.get(kind, ()),
        "category": CATEGORY_CHOICES,
        "rating": RATING_CHOICES,
    }
    list_col = 0
    for j, col in enumerate(cols, start=1):
        letter = get_column_letter(j)
        area = f"{letter}{first}:{letter}{last}"
        values = choices.get(col.kind)
        if values:
            list_col += 1
            lc = get_column_letter(list_col)
            lists.cell(row=1, column=list_col, value=col.header).font = _BOLD
            for i, v in enumerate(values, start=2):
                lists.cell(row=i, column=list_col, value=v)
            dv = DataValidation(
                type="list",
                formula1=f"='{LISTS_SHEET}'!${lc}$2:${lc}${len(values) + 1}",
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="warning",
                errorTitle=col.header,
                error="Giá trị không có trong danh sách. Chọn «Có» (Yes) để giữ nếu đúng là cách ghi của hệ thống.",
                promptTitle=col.header,
                prompt="Chọn trong danh sách.",
                showInputMessage=True,
            )
            dv.add(area)
            ws.add_data_validation(dv)
        elif col.kind in ("date", "deadline"):
            dv = DataValidation(  # a deadline may be words: any value, with a prompt
                type=None if col.kind == "deadline" else "date",
                operator=None if col.kind == "deadline" else "between",
                formula1=None if col.kind == "deadline" else "DATE(1990,1,1)",
                formula2=None if col.kind == "deadline" else "DATE(2100,12,31)",
                allow_blank=True,
                showErrorMessage=col.kind == "date",
                errorStyle="warning",
                errorTitle=col.header,
                error="Ngày phải ở dạng dd/mm/yyyy (có thể kèm giờ hh:mm).",
                promptTitle=col.header,
                prompt=(
                    "Ngày dd/mm/yyyy, hoặc chữ như «Thường xuyên», «Trong tháng 10/2025»."
                    if col.kind == "deadline"
                    else "Ngày dd/mm/yyyy (có thể kèm giờ hh:mm)."
                ),
                showInputMessage=True,
            )
            dv.add(area)
            ws.add_data_validation(dv)


def _bieu06_sheet(ws: Worksheet) -> None:
    width = len(B06_WIDTHS)
    _letterhead(ws, "case_stats", width)
    for i, row in enumerate(B06_HEADER):
        for j, value in enumerate(row, start=1):
            _header_cell(ws, HEADER_ROW + i, j, value)
    for r1, c1, r2, c2 in B06_MERGES:
        ws.merge_cells(start_row=HEADER_ROW + r1, start_column=c1, end_row=HEADER_ROW + r2, end_column=c2)
    numbering = HEADER_ROW + len(B06_HEADER)
    for j in range(1, width + 1):
        cell = ws.cell(row=numbering, column=j, value=f"({j})")
        cell.font = _ITALIC
        cell.alignment = _CENTER
        cell.border = _BORDER
    for j, w in enumerate(B06_WIDTHS, start=1):
        dim = ws.column_dimensions[get_column_letter(j)]
        dim.width = w
        dim.font = _REGULAR
        if j >= 3:
            dim.number_format = "#,##0"
    ws.row_dimensions[HEADER_ROW + 2].height = 78
    first = DATA_START_ROW["case_stats"]
    ws.freeze_panes = ws.cell(row=first, column=3)
    ws.print_title_rows = f"{HEADER_ROW}:{numbering}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    dv = DataValidation(
        type="whole",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle="Số hồ sơ",
        error="Nhập số nguyên không âm (số hồ sơ).",
    )
    dv.add(f"C{first}:M{first + VALIDATED_ROWS - 1}")
    ws.add_data_validation(dv)


def _guide_sheet(ws: Worksheet, kind: str) -> None:
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 90
    ws.column_dimensions["C"].width = 12
    ws.column_dimensions["D"].width = 30
    row = 1

    def line(text: str, font: Font = _REGULAR, merge: bool = True) -> None:
        nonlocal row
        cell = ws.cell(row=row, column=1, value=text)
        cell.font = font
        cell.alignment = _LEFT
        if merge:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
            ws.row_dimensions[row].height = 15.75 * max(1, -(-len(text) // 150))
        row += 1

    sheet = SHEET_NAMES[kind]
    line(f"HƯỚNG DẪN ĐIỀN MẪU: {REPORT_NAMES[kind]}", _TITLE)
    line("")
    line("Cách điền", _BOLD)
    steps = [
        f"1. Ghi kỳ báo cáo vào ô {PERIOD_CELL} của trang «{sheet}», thay dấu «…» bằng ngày cụ thể, ví dụ "
        "«Từ ngày 15/09/2025 đến ngày 14/10/2025». Có thể ghi «Tháng 10/2025» hoặc «Quý IV năm 2025».",
        f"2. Điền dữ liệu từ dòng {DATA_START_ROW[kind]}, mỗi "
        + ("đơn vị" if kind == "case_stats" else {"tasks": "nhiệm vụ", "cases": "hồ sơ", "feedback": "phản ánh"}[kind])
        + " một dòng, không để dòng trống xen giữa. Không đổi tên, thứ tự hoặc xóa các cột tiêu đề; không gộp ô ở "
        "vùng dữ liệu.",
        "3. Ngày ghi dạng dd/mm/yyyy (ví dụ 05/10/2025), có thể kèm giờ dd/mm/yyyy hh:mm. Nên nhập đúng kiểu ngày "
        "của Excel; ngày viết bằng chữ số dạng văn bản cũng được chấp nhận. Ngày không có giờ được hiểu là cả ngày đó.",
        "4. Tên đơn vị ghi đúng như danh mục đơn vị của tỉnh (tên sau sắp xếp từ 01/7/2025): sở, ban, ngành như «Sở Tư "
        "pháp»; xã, phường như «UBND xã Long Phước» hoặc «Phường Trấn Biên». Dòng có tên đơn vị không tìm thấy trong "
        "danh mục sẽ bị từ chối và được liệt kê kèm gợi ý sau khi tải lên.",
        "5. Các cột có danh sách chọn (trạng thái, hình thức nộp, kênh, phân loại, đánh giá): chọn trong danh sách. "
        "Cách ghi của hệ thống nguồn cũng được chấp nhận; giá trị lạ chỉ bị cảnh báo, khi đó ngày hạn và ngày hoàn "
        "thành quyết định việc đúng hạn, quá hạn.",
        "6. Có thể thêm dòng «Tổng cộng» và phần ký tên ở cuối bảng; các dòng này không được nạp như dữ liệu.",
        "7. Lưu tệp dạng Excel (.xlsx) và tải lên ở trang «Tải dữ liệu». Tải lại cùng kỳ, cùng đơn vị sẽ thay thế "
        "lần tải trước.",
    ]
    if kind == "case_stats":
        steps[4] = (
            "5. Các cột (3) đến (13) là số hồ sơ, nhập số nguyên không âm; ô trống được tính là 0. Biểu phải đúng các "
            "đẳng thức của mẫu: (3) = (4) + (5) + (6); (7) = (8) + (9) + (10); (11) = (12) + (13); (3) = (7) + (11). "
            "Một dòng sai làm cả biểu không được nạp."
        )
        steps[5] = (
            "6. Có thể chia nhóm bằng dòng «I. Sở, ban, ngành», «II. UBND cấp xã» và thêm dòng «Cộng», «Tổng cộng»: "
            "số trên các dòng này phải bằng tổng các đơn vị bên dưới. Kỳ báo cáo ở ô "
            f"{PERIOD_CELL} là bắt buộc với Biểu 06."
        )
    for s in steps:
        line(s)
    line("")
    line("Các cột", _BOLD)
    table_header = ("Cột", "Ý nghĩa và cách ghi", "Bắt buộc", "Ví dụ")
    for j, text in enumerate(table_header, start=1):
        _header_cell(ws, row, j, text)
    row += 1
    if kind == "case_stats":
        entries = [(name, text, "Có" if i == 1 or i >= 3 else "", "") for i, (name, text) in enumerate(B06_HELP)]
        entries[1] = (*entries[1][:3], "Sở Tư pháp")
    else:
        entries = [(c.header, c.help, "Có" if c.required else "", c.example) for c in COLUMNS[kind]]
    for values in entries:
        for j, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=j, value=value)
            cell.font = _REGULAR
            cell.alignment = _LEFT
            cell.border = _BORDER
            if j == 4:
                cell.number_format = "@"  # examples stay text ("01/10/2025" must not become a date here)
        ws.row_dimensions[row].height = 15.75 * max(1, -(-len(values[1]) // 80))
        row += 1
    if kind in STATUS_CHOICES:
        line("")
        line("Trạng thái", _BOLD)
        line(
            "Chọn một trong: "
            + "; ".join(f"«{s}»" for s in STATUS_CHOICES[kind])
            + ". Trạng thái chỉ dùng khi thiếu ngày: có ngày hạn và ngày hoàn thành thì ngày quyết định; trạng thái "
            "mâu thuẫn với ngày được báo để kiểm tra lại."
        )
    ws.sheet_view.showGridLines = False
