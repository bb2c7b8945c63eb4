"""Generated export files, one per real-world variation and failure mode (built in the tests, never committed).

Each builder returns the file's bytes. Row numbers in the docstrings are Excel's (1-based).
"""

from __future__ import annotations

import io
import unicodedata
from datetime import datetime

from openpyxl import Workbook

CASE_HEADER = [
    "STT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Lĩnh vực",
    "Cơ quan giải quyết",
    "Ngày tiếp nhận",
    "Ngày hẹn trả",
    "Ngày có kết quả",
    "Trạng thái",
    "Hình thức nộp",
]


def xlsx(wb: Workbook) -> bytes:
    bio = io.BytesIO()
    wb.save(bio)
    return bio.getvalue()


def case_rows() -> list[list]:
    """Four good cases of Xã Long Phước, spelled three ways."""
    return [
        [1, "HS-001", "Đăng ký khai sinh", "Hộ tịch", "UBND xã Long Phước", datetime(2025, 10, 2, 8), datetime(2025, 10, 9, 16), datetime(2025, 10, 6, 9), "Đã trả kết quả", "Trực tuyến"],
        [2, "HS-002", "Đăng ký khai sinh", "Hộ tịch", "Xã Long Phước", datetime(2025, 10, 3, 8), datetime(2025, 10, 9, 16), datetime(2025, 10, 13, 10), "Trả kết quả trễ hạn", "Trực tiếp"],
        [3, "HS-003", "Cấp giấy phép xây dựng", "Xây dựng", "UBND X. Long Phước", datetime(2025, 10, 20, 9), datetime(2025, 10, 24, 16), None, "Đang giải quyết", "BCCI"],
        [4, "HS-004", "Đăng ký kết hôn", "Hộ tịch", "Sở Tư pháp", datetime(2025, 10, 28, 9), datetime(2025, 11, 5, 16), None, "Chờ bổ sung", "Dịch vụ bưu chính công ích"],
    ]  # fmt: skip


def case_list(
    rows: list[list] | None = None, header: list[str] | None = None, titles: list[str] | None = None
) -> bytes:
    """Titles in rows 1-3, header in row 4, items from row 5."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    for t in titles if titles is not None else ["UBND TỈNH ĐỒNG NAI", "DANH SÁCH HỒ SƠ THỦ TỤC HÀNH CHÍNH", ""]:
        ws.append([t])
    ws.append(header or CASE_HEADER)
    for r in rows if rows is not None else case_rows():
        ws.append(r)
    return xlsx(wb)


def messy_case_list() -> bytes:
    """Every real-world variation of an item list in one sheet, the data sheet not first.

    Sheet «Tổng hợp» first (a summary), then «DS hồ sơ»:
      1-2 titles side by side (merged), 3 title, 4 period, 5 blank
      6-7 header merged over two rows ("Thời gian" over three date columns), 8 numbering row (1)..(10)
      9  section row "I. Sở, ban, ngành"
      10 HS-101: NFD text, NBSP and double spaces, unit in upper case, dates as Excel serial numbers
      11 section row "II. UBND cấp xã"
      12 HS-102: text dates "dd/mm/yyyy HH:MM", "dd-mm-yyyy", "HH:MM dd/mm/yyyy"
      13 HS-103: hidden row
      14 HS-104: text date "dd/mm/yyyy", done empty
      15 subtotal "Cộng II"
      16 blank, 17 "Tổng cộng", 18 blank, 19 signature "Người lập biểu" / "THỦ TRƯỞNG ĐƠN VỊ", 20 a name
    """
    wb = Workbook()
    summary = wb.active
    summary.title = "Tổng hợp"
    summary.append(["Đơn vị", "Tổng số", "Ghi chú"])
    summary.append(["Sở Tư pháp", 1, ""])
    ws = wb.create_sheet("DS hồ sơ")
    ws.append(["UBND TỈNH ĐỒNG NAI", None, None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    ws.append(["VĂN PHÒNG UBND TỈNH", None, None, None, None, "Độc lập - Tự do - Hạnh phúc"])
    ws.merge_cells("A1:D1")
    ws.merge_cells("F1:J1")
    ws.append(["DANH SÁCH HỒ SƠ TIẾP NHẬN VÀ GIẢI QUYẾT"])
    ws.merge_cells("A3:J3")
    ws.append(["Từ ngày 15/09/2025 đến ngày 14/10/2025"])
    ws.append([])
    ws.append(
        [
            "STT",
            "Mã hồ sơ",
            "Tên thủ tục hành chính",
            "Lĩnh vực",
            "Cơ quan giải quyết",
            "Thời gian",
            None,
            None,
            "Trạng thái",
            "Hình thức nộp",
        ]
    )
    ws.append([None, None, None, None, None, "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày có kết quả", None, None])
    for col in "ABCDEIJ":
        ws.merge_cells(f"{col}6:{col}7")
    ws.merge_cells("F6:H6")
    ws.append([f"({i})" for i in range(1, 11)])
    ws.append(["I. Sở, ban, ngành"])
    nfd = unicodedata.normalize("NFD", "Chứng thực bản sao")
    ws.append(
        [
            1,
            "HS-101",
            nfd,
            "Chứng\u00a0thực",
            "SỞ  TƯ PHÁP",
            45932.375,
            45937,
            45936.5,
            unicodedata.normalize("NFD", "Đã trả kết quả"),
            "Trực tiếp",
        ]
    )
    ws.append(["II. UBND cấp xã"])
    ws.append(
        [
            2,
            "HS-102",
            "Đăng ký khai sinh",
            "Hộ tịch",
            "UBND xã Long Phước",
            "02/10/2025 08:30",
            "09-10-2025",
            "16:00 08/10/2025",
            "Đã trả kết quả",
            "Trực tuyến",
        ]
    )
    ws.append(
        [
            3,
            "HS-103",
            "Đăng ký khai sinh",
            "Hộ tịch",
            "UBND xã Long Phước",
            "03/10/2025",
            "10/10/2025",
            None,
            "Đang giải quyết",
            "Trực tuyến",
        ]
    )
    ws.row_dimensions[13].hidden = True
    ws.append(
        [
            4,
            "HS-104",
            "Đăng ký khai tử",
            "Hộ tịch",
            "Xã Long Phước",
            "04/10/2025",
            "11/10/2025",
            None,
            "Đang giải quyết",
            "Trực tiếp",
        ]
    )
    ws.append(["Cộng II", None, None, None, None, None, None, None, None, None])
    ws.append([])
    ws.append(["Tổng cộng", None, None, None, "3 hồ sơ"])
    ws.append([])
    ws.append([None, "Người lập biểu", None, None, None, None, "THỦ TRƯỞNG ĐƠN VỊ"])
    ws.append([None, "Nguyễn Văn A", None, None, None, None, "Trần Thị B"])
    return xlsx(wb)


STATS_TOP = [
    "STT",
    "Lĩnh vực, đơn vị",
    "Số hồ sơ nhận giải quyết",
    None,
    None,
    None,
    "Kết quả giải quyết",
    None,
    None,
    None,
    None,
    None,
    None,
]
STATS_MID = [
    None,
    None,
    "Tổng số",
    "Trong đó",
    None,
    None,
    "Số hồ sơ đã giải quyết",
    None,
    None,
    None,
    "Số hồ sơ đang giải quyết",
    None,
    None,
]
STATS_LOW = [None, None, None, "Số mới tiếp nhận trực tuyến", "Số mới tiếp nhận trực tiếp và qua dịch vụ bưu chính", "Số kỳ trước chuyển qua", "Tổng số", "Trả trước hạn", "Trả đúng thời hạn", "Trả quá hạn", "Tổng số", "Trong hạn", "Quá hạn"]  # fmt: skip

# unit, (3)..(13)
STATS_GOOD = [
    ("Sở Tư pháp", [10, 4, 3, 3, 7, 2, 4, 1, 3, 2, 1]),
    ("Sở Y tế", [5, 1, 2, 2, 5, 1, 3, 1, 0, 0, 0]),
    ("UBND xã Long Phước", [20, 10, 5, 5, 12, 6, 5, 1, 8, 6, 2]),
]


def bieu06(
    units=None, total: list[int] | None = None, period: str | None = "Từ ngày 15/09/2025 đến ngày 14/10/2025"
) -> bytes:
    """Biểu 06 with a three-row merged header (rows 5-7), numbering row 8, sections, subtotal, total, signature.

    rows: 9 "I. Sở, ban, ngành", 10 Sở Tư pháp, 11 Sở Y tế, 12 "II. Cấp xã" (with subtotal numbers),
    13 UBND xã Long Phước, 14 "Tổng cộng", 16 signature.
    """
    units = units or STATS_GOOD
    wb = Workbook()
    ws = wb.active
    ws.title = "Biểu 06"
    ws.append(["TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC"])
    ws.merge_cells("A1:M1")
    ws.append([period] if period else ["Kèm theo Công văn số 123/UBND-KSTT"])
    ws.append(["Đơn vị tính: Số hồ sơ TTHC"])
    ws.append([])
    ws.append(STATS_TOP)
    ws.append(STATS_MID)
    ws.append(STATS_LOW)
    for rng in ("A5:A7", "B5:B7", "C5:F5", "G5:M5", "C6:C7", "D6:F6", "G6:J6", "K6:M6"):
        ws.merge_cells(rng)
    ws.append(
        [
            "(1)",
            "(2)",
            "(3)=(4)+(5)+(6)",
            "(4)",
            "(5)",
            "(6)",
            "(7)=(8)+(9)+(10)",
            "(8)",
            "(9)",
            "(10)",
            "(11)=(12)+(13)",
            "(12)",
            "(13)",
        ]
    )
    ws.append(["I", "Sở, ban, ngành"])
    ws.append([1, units[0][0], *units[0][1]])
    ws.append([2, units[1][0], *units[1][1]])
    ws.append(["II", "Cấp xã", *units[2][1]])
    ws.append([3, units[2][0], *units[2][1]])
    sums = [sum(u[1][i] for u in units) for i in range(11)]
    ws.append([None, "Tổng cộng", *(total or sums)])
    ws.append([])
    ws.append([None, "Người lập biểu", None, None, None, None, None, None, None, "KT. CHỦ TỊCH"])
    return xlsx(wb)


TASK_HEADER = [
    "STT",
    "Số, ký hiệu văn bản",
    "Ngày giao",
    "Trích yếu nội dung nhiệm vụ",
    "Lãnh đạo giao",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời hạn",
    "Thời hạn điều chỉnh",
    "Ngày hoàn thành",
    "Tình trạng",
]


def task_list(titles=("BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ", "Tháng 10/2025"), rows=None) -> bytes:
    """Header row 3 (after two titles), items from row 4."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Nhiệm vụ"
    for t in titles:
        ws.append([t])
    ws.append(TASK_HEADER)
    default = [
        [1, "123/UBND-TH", datetime(2025, 9, 20), "Rà soát thủ tục hành chính", "Chủ tịch UBND tỉnh", "Sở Tư pháp", "Sở Nội vụ", datetime(2025, 10, 10), datetime(2025, 10, 20), datetime(2025, 10, 18), "Hoàn thành đúng hạn"],
        [2, "123/UBND-TH", datetime(2025, 9, 20), "Báo cáo chuyển đổi số", "Chủ tịch UBND tỉnh", "Sở Y tế", None, "Trong tháng 10/2025", None, None, "Đang thực hiện trong hạn"],
        [3, "130/UBND-KT", "01/10/2025", "Kiểm tra an toàn thực phẩm", "Phó Chủ tịch", "Sở Y tế", None, "Thường xuyên", None, None, "Đang thực hiện"],
        [4, "131/UBND-KT", "02/10/2025", "Tổng kết năm", "Phó Chủ tịch", "UBND xã Long Phước", None, "Quý IV/2025", None, None, "Chưa đến hạn"],
    ]  # fmt: skip
    for r in rows or default:
        ws.append(r)
    return xlsx(wb)


FEEDBACK_HEADER = [
    "STT",
    "Mã phản ánh",
    "Ngày tiếp nhận",
    "Kênh tiếp nhận",
    "Lĩnh vực",
    "Phân loại",
    "Nội dung phản ánh",
    "Địa bàn",
    "Đơn vị được giao xử lý",
    "Hạn xử lý",
    "Ngày hoàn thành",
    "Trạng thái",
    "Mức độ hài lòng",
]


def feedback_list(rows=None, titles=("TỔNG HỢP PHẢN ÁNH, KIẾN NGHỊ QUA TỔNG ĐÀI 1022", "Quý III năm 2025")) -> bytes:
    wb = Workbook()
    ws = wb.active
    for t in titles:
        ws.append([t])
    ws.append(FEEDBACK_HEADER)
    default = [
        [1, "PA-1", datetime(2025, 8, 1, 9), "Điện thoại", "Môi trường", "Khác", "=Rác thải ven đường", "Long Phước", "UBND xã Long Phước", datetime(2025, 8, 11), datetime(2025, 8, 10, 15), "Đã xử lý", "Hài lòng"],
        [2, "PA-2", datetime(2025, 8, 5, 9), "Zalo", "Giao thông", "Về TTHC", "+Đường hư hỏng", "Long Phước", "Xã Long Phước", datetime(2025, 8, 15), datetime(2025, 8, 20, 8), "Đã trả lời", "Không hài lòng"],
        [3, "PA-3", datetime(2025, 9, 1, 9), "Ứng dụng", "Y tế", "Khác", "@Giá thuốc", "Trấn Biên", "Sở Y tế", datetime(2025, 9, 11), None, "Đang xử lý", None],
    ]  # fmt: skip
    for r in rows or default:
        ws.append(r)
    for row in ws.iter_rows(min_row=len(titles) + 2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text that starts with "=", not a formula
    return xlsx(wb)


HTML_CASES = """<html><head><meta charset="utf-8"><style>td {font-family: 'Times New Roman'}</style></head>
<body><div style="text-align:center"><b>UBND TỈNH ĐỒNG NAI</b></div>
<h3>DANH SÁCH HỒ SƠ</h3><p>Tháng 10/2025</p>
<table border="1">
<tr><th rowspan="2">STT</th><th rowspan="2">Số biên nhận</th><th rowspan="2">Tên thủ tục</th>
<th rowspan="2">Đơn vị tiếp nhận</th><th colspan="3">Thời gian</th><th rowspan="2">Tình trạng</th><th rowspan="2">Kênh nộp</th></tr>
<tr><th>Ngày nhận</th><th>Hạn xử lý</th><th>Ngày xử lý xong</th></tr>
<tr><td>1</td><td>BN-1</td><td>Đăng ký&nbsp;khai sinh</td><td>UBND xã Long Phước</td><td>02/10/2025 08:00</td>
<td>09/10/2025</td><td>06/10/2025 09:00</td><td>Đã trả kết quả</td><td>Trực tuyến</td></tr>
<tr style="display:none"><td>2</td><td>BN-2</td><td>Ẩn</td><td>UBND xã Long Phước</td><td>02/10/2025</td><td></td><td></td><td>Đang giải quyết</td><td>Trực tiếp</td></tr>
<tr><td>3</td><td>BN-3</td><td>Cấp phép<br>xây dựng</td><td>Sở Xây dựng</td><td>03/10/2025</td>
<td>20/10/2025</td><td></td><td>Đang giải quyết</td><td>Bưu điện</td></tr>
<tr><td colspan="3">Tổng cộng</td><td>2</td><td></td><td></td><td></td><td></td><td></td></tr>
</table><p>Người lập biểu</p></body></html>"""


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def png_bytes() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"


def csv_bytes() -> bytes:
    return "Mã hồ sơ,Cơ quan giải quyết,Ngày tiếp nhận\nHS-1,Xã Long Phước,02/10/2025\nHS-2,Sở Tư pháp,03/10/2025\n".encode()


def random_bytes() -> bytes:
    import random

    rnd = random.Random(7)
    return bytes([0, 1, 2, 3]) + bytes(rnd.randrange(256) for _ in range(2000))


def empty_workbook() -> bytes:
    return xlsx(Workbook())


def docx_like() -> bytes:
    import zipfile

    bio = io.BytesIO()
    with zipfile.ZipFile(bio, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return bio.getvalue()
