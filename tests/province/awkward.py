"""The awkward province: a small Đồng Nai database with what real exports throw at the product, built through
the real commands (`python -m oversight ingest`, in process) from Excel files written with openpyxl the way the
portals write them (tests/ingest/corpus.py). tests/conftest.py builds it once per session (`awkward_db`);
tests/province/test_awkward.py reads its figures back and compares them with the figures computed by hand below.

What is in it (row by row, each with its expected class; «NFD» marks text written decomposed):

1. tasks_2025-10.xlsx, «Tháng 10/2025»
   - Sở Y tế (NFD): one task per status word of oversight/statuses.py (137 words), assigned 06/10/2025, no
     deadline, no completion date, so the status alone decides each one (METRICS.md section 2).
   - Sở Tư pháp, tasks without a deadline beside dated ones:
     T1 assigned 01/10, deadline cell empty, «Đang thực hiện»                     → open, no deadline
     T2 assigned 15/09, deadline «Thường xuyên», done 10/10, «Hoàn thành»          → carried over, done, no deadline
     T3 assigned 02/10, due 20/10, done 25/10, «Hoàn thành quá hạn»                → done late
     T4 assigned 02/10, due 15/10 extended to 15/11, not done, «Đang thực hiện»    → open on time (the extension)
     T5 assigned 10/09, due 31/10, not done, «Đang thực hiện»                      → carried over, open overdue
                                                                                     (due on the period's last day)
     T6 assigned 01/08, due 30/08, done 20/09                                      → done before October: out
2. cases_2025-05.xlsx, «Tháng 5/2025»: old communes of Biên Hòa, merged on 1/7/2025 into Phường Trấn Biên
     M1, M2 «UBND phường Quang Vinh» (NFD): received 05/05 08:00, due 09/05 16:00, done 12/05 → late
     M3-M5 «Phường Trung Dũng» (NFD): received 05/05 08:00, due 09/05 16:00, done 06/05 → early
     M6 «UBND phường Trung Dũng»: received 20/05, due 27/05 16:00, done 03/06 → pending overdue at 31/05
3. cases_2025-10.xlsx, «Tháng 10/2025»
   Xã Long Phước, spelled «UBND xã Long Phước» and «Ủy ban nhân dân xã Long Phước», both NFD:
     C1  received 02/10 online,  due 09/10 16:00, done 06/10 09:00, «Đã trả kết quả»   → early
     C2  received 03/10 direct,  due 09/10 16:00, done 13/10 10:00, «Trả kết quả trễ hạn» → late
     C3  received 06/10 online,  due 10/10 (a date: end of day), done 10/10 17:30     → on time
     C4  received 07/10 BCCI,    due 14/10 16:00, not done, «Đang giải quyết»          → pending overdue
     C5  received 08/10 direct,  due 15/10 16:00, not done, «Chờ bổ sung hồ sơ»        → pending on time (paused)
     C6  received 09/10 online,  due 20/10 16:00, done 25/10, «Công dân xin rút hồ sơ» → withdrawn: on time
                                                                                          although after its due
     C7  received 25/09 direct,  due 02/10 16:00, done 01/10 10:00                     → carried over, early
     C8  received 20/09 online,  due 31/10 (a date), not done                          → carried over, overdue
     C9  received 10/09, done 15/09                                                    → done before October: out
     C10 received 02/11                                                                → after October: out
     C11 received 15/10 online,  due 22/10 16:00, done 22/10 15:00                     → on time (same day)
     C12 received 16/10 postal,  due 23/10 16:00, done 23/10 16:30                     → late by half an hour
   Sở Tư pháp:
     S1  received 01/10 online,  due 03/10 16:00, done 02/10                            → early
     S2  received 13/10 direct,  no due, not done, «Đang giải quyết»                    → pending on time, no deadline
4. bieu06_2025-10.xlsx, «Từ ngày 01/10/2025 đến ngày 31/10/2025», columns (3)..(13):
     Sở Tư pháp          [10, 4, 3, 3, 7, 2, 4, 1, 3, 2, 1]  has case-level cases in October: row not counted
     Sở Y tế             [5, 1, 2, 2, 5, 1, 3, 1, 0, 0, 0]   no case-level case: counted
     UBND xã Long Phước  [20, 10, 5, 5, 12, 6, 5, 1, 8, 6, 2] (NFD) has case-level cases: row not counted
5. feedback_2025-09_10.xlsx, «Từ ngày 01/09/2025 đến ngày 31/10/2025»: Xã Phú Lý, renamed «Xã Phú Lý Đông»
   from 01/10/2025 (oversight.units rename, before the files are loaded):
     F1 received 03/09 «UBND xã Phú Lý», due 13/09, done 10/09, «Đã xử lý», Hài lòng      → Sep: done on time
     F2 received 22/09 «Xã Phú Lý», due 30/09 (a date), done 02/10, «Đã trả lời», Không hài lòng
                                                          → Sep: open overdue; Oct: carried over, done late
     F3 received 05/10 «UBND xã Phú Lý Đông», due 15/10, done 14/10, Hài lòng            → Oct: done on time
     F4 received 20/10 «Xã Phú Lý Đông» (NFD), due 05/11, not done, «Đang xử lý»          → Oct: open on time
     F5 received 27/10 «Xã Phú Lý Đông», due 30/10, not done, «Quá hạn»                   → Oct: open overdue
"""

from __future__ import annotations

import contextlib
import io
import os
import unicodedata
from datetime import date, datetime
from pathlib import Path

from oversight.statuses import _VARIANTS
from tests.ingest import corpus as C

RENAMED_FROM = "Xã Phú Lý"
RENAMED_TO = "Xã Phú Lý Đông"
RENAMED_ON = date(2025, 10, 1)

# Every status word of oversight/statuses.py with its code, in the table's order.
STATUS_WORDS: list[tuple[str, str]] = [(text, code) for code, texts in _VARIANTS.items() for text in texts]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def d(*parts: int) -> datetime:
    return datetime(*parts)


def tasks_october() -> bytes:
    health = nfd("Sở Y tế")
    rows = [
        [i, f"{100 + i}/UBND-VP", d(2025, 10, 6), f"Nhiệm vụ {i}: {text}", "Chủ tịch UBND tỉnh", health, None, None,
         None, None, nfd(text)]
        for i, (text, _) in enumerate(STATUS_WORDS, start=1)
    ]  # fmt: skip
    justice = "Sở Tư pháp"
    n = len(rows)
    rows += [
        [n + 1, "501/UBND-NC", d(2025, 10, 1), "Theo dõi thi hành pháp luật", "Phó Chủ tịch", justice, None, None, None, None, "Đang thực hiện"],  # T1
        [n + 2, "502/UBND-NC", d(2025, 9, 15), "Phổ biến pháp luật", "Phó Chủ tịch", justice, None, "Thường xuyên", None, d(2025, 10, 10), "Hoàn thành"],  # T2
        [n + 3, "503/UBND-NC", d(2025, 10, 2), "Rà soát văn bản", "Phó Chủ tịch", justice, None, d(2025, 10, 20), None, d(2025, 10, 25), "Hoàn thành quá hạn"],  # T3
        [n + 4, "504/UBND-NC", d(2025, 10, 2), "Đề án trợ giúp pháp lý", "Phó Chủ tịch", justice, None, d(2025, 10, 15), d(2025, 11, 15), None, "Đang thực hiện"],  # T4
        [n + 5, "505/UBND-NC", d(2025, 9, 10), "Báo cáo công chứng", "Phó Chủ tịch", justice, None, d(2025, 10, 31), None, None, "Đang thực hiện"],  # T5
        [n + 6, "506/UBND-NC", d(2025, 8, 1), "Kiểm tra hộ tịch", "Phó Chủ tịch", justice, None, d(2025, 8, 30), None, d(2025, 9, 20), "Hoàn thành"],  # T6
    ]  # fmt: skip
    return C.task_list(titles=("BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ", "Tháng 10/2025"), rows=rows)


def cases_may() -> bytes:
    quang_vinh, trung_dung = nfd("UBND phường Quang Vinh"), nfd("Phường Trung Dũng")
    birth, field = "Đăng ký khai sinh", "Hộ tịch"
    rows = [
        [1, "BH-M1", birth, field, quang_vinh, d(2025, 5, 5, 8), d(2025, 5, 9, 16), d(2025, 5, 12, 8), "Trả kết quả trễ hạn", "Trực tiếp"],
        [2, "BH-M2", birth, field, quang_vinh, d(2025, 5, 5, 8), d(2025, 5, 9, 16), d(2025, 5, 12, 8), "Trả kết quả trễ hạn", "Trực tuyến"],
        [3, "BH-M3", birth, field, trung_dung, d(2025, 5, 5, 8), d(2025, 5, 9, 16), d(2025, 5, 6, 8), "Đã trả kết quả", "Trực tuyến"],
        [4, "BH-M4", birth, field, trung_dung, d(2025, 5, 5, 8), d(2025, 5, 9, 16), d(2025, 5, 6, 8), "Đã trả kết quả", "Trực tuyến"],
        [5, "BH-M5", birth, field, trung_dung, d(2025, 5, 5, 8), d(2025, 5, 9, 16), d(2025, 5, 6, 8), "Đã trả kết quả", "Trực tiếp"],
        [6, "BH-M6", birth, field, "UBND phường Trung Dũng", d(2025, 5, 20, 8), d(2025, 5, 27, 16), d(2025, 6, 3, 10), "Trả kết quả trễ hạn", "Trực tiếp"],
    ]  # fmt: skip
    return C.case_list(rows=rows, titles=["UBND TỈNH ĐỒNG NAI", "DANH SÁCH HỒ SƠ THỦ TỤC HÀNH CHÍNH", "Tháng 5/2025"])


def cases_october() -> bytes:
    lp, lp2 = nfd("UBND xã Long Phước"), nfd("Ủy ban nhân dân xã Long Phước")
    justice = "Sở Tư pháp"
    birth, build, field = "Đăng ký khai sinh", "Cấp giấy phép xây dựng", "Hộ tịch"
    rows = [
        [1, "LP-C1", birth, field, lp, d(2025, 10, 2, 8), d(2025, 10, 9, 16), d(2025, 10, 6, 9), "Đã trả kết quả", "Trực tuyến"],
        [2, "LP-C2", birth, field, lp2, d(2025, 10, 3, 8), d(2025, 10, 9, 16), d(2025, 10, 13, 10), "Trả kết quả trễ hạn", "Trực tiếp"],
        [3, "LP-C3", birth, field, lp, d(2025, 10, 6, 8), d(2025, 10, 10), d(2025, 10, 10, 17, 30), "Đã trả kết quả", "Trực tuyến"],
        [4, "LP-C4", build, "Xây dựng", lp, d(2025, 10, 7, 9), d(2025, 10, 14, 16), None, "Đang giải quyết", "BCCI"],
        [5, "LP-C5", build, "Xây dựng", lp2, d(2025, 10, 8, 9), d(2025, 10, 15, 16), None, nfd("Chờ bổ sung hồ sơ"), "Trực tiếp"],
        [6, "LP-C6", birth, field, lp, d(2025, 10, 9, 9), d(2025, 10, 20, 16), d(2025, 10, 25, 9), "Công dân xin rút hồ sơ", "Trực tuyến"],
        [7, "LP-C7", birth, field, lp, d(2025, 9, 25, 9), d(2025, 10, 2, 16), d(2025, 10, 1, 10), "Đã trả kết quả", "Trực tiếp"],
        [8, "LP-C8", build, "Xây dựng", lp, d(2025, 9, 20, 9), d(2025, 10, 31), None, "Đang giải quyết", "Trực tuyến"],
        [9, "LP-C9", birth, field, lp, d(2025, 9, 10, 9), d(2025, 9, 17, 16), d(2025, 9, 15, 9), "Đã trả kết quả", "Trực tiếp"],
        [10, "LP-C10", birth, field, lp, d(2025, 11, 2, 9), d(2025, 11, 9, 16), None, "Đang giải quyết", "Trực tiếp"],
        [11, "LP-C11", birth, field, lp, d(2025, 10, 15, 9), d(2025, 10, 22, 16), d(2025, 10, 22, 15), "Đã trả kết quả", "Trực tuyến"],
        [12, "LP-C12", birth, field, lp2, d(2025, 10, 16, 9), d(2025, 10, 23, 16), d(2025, 10, 23, 16, 30), "Đã trả kết quả", "Dịch vụ bưu chính công ích"],
        [13, "TP-S1", "Chứng thực bản sao", "Chứng thực", justice, d(2025, 10, 1, 8), d(2025, 10, 3, 16), d(2025, 10, 2, 9), "Đã trả kết quả", "Trực tuyến"],
        [14, "TP-S2", "Chứng thực bản sao", "Chứng thực", justice, d(2025, 10, 13, 8), None, None, "Đang giải quyết", "Trực tiếp"],
    ]  # fmt: skip
    return C.case_list(rows=rows, titles=["UBND TỈNH ĐỒNG NAI", "DANH SÁCH HỒ SƠ THỦ TỤC HÀNH CHÍNH", "Tháng 10/2025"])


BIEU06_OCTOBER = [
    ("Sở Tư pháp", [10, 4, 3, 3, 7, 2, 4, 1, 3, 2, 1]),
    ("Sở Y tế", [5, 1, 2, 2, 5, 1, 3, 1, 0, 0, 0]),
    (nfd("UBND xã Long Phước"), [20, 10, 5, 5, 12, 6, 5, 1, 8, 6, 2]),
]


def bieu06_october() -> bytes:
    return C.bieu06(units=BIEU06_OCTOBER, period="Từ ngày 01/10/2025 đến ngày 31/10/2025")


def feedback_september_october() -> bytes:
    rows = [
        [1, "PA-F1", d(2025, 9, 3, 9), "Điện thoại", "Môi trường", "Khác", "Rác thải ven đường", "Phú Lý", "UBND xã Phú Lý", d(2025, 9, 13), d(2025, 9, 10, 15), "Đã xử lý", "Hài lòng"],
        [2, "PA-F2", d(2025, 9, 22, 9), "Zalo", "Giao thông", "Về TTHC", "Đường hư hỏng", "Phú Lý", "Xã Phú Lý", d(2025, 9, 30), d(2025, 10, 2, 8), "Đã trả lời", "Không hài lòng"],
        [3, "PA-F3", d(2025, 10, 5, 9), "Ứng dụng", "Đất đai", "Khác", "Lấn chiếm đất công", "Phú Lý", "UBND xã Phú Lý Đông", d(2025, 10, 15), d(2025, 10, 14, 10), "Đã xử lý", "Hài lòng"],
        [4, "PA-F4", d(2025, 10, 20, 9), "Email", "Y tế", "Khác", "Trạm y tế đóng cửa", "Phú Lý", nfd("Xã Phú Lý Đông"), d(2025, 11, 5), None, "Đang xử lý", None],
        [5, "PA-F5", d(2025, 10, 27, 9), "Điện thoại", "Điện", "Khác", "Mất điện kéo dài", "Phú Lý", "Xã Phú Lý Đông", d(2025, 10, 30), None, "Quá hạn", None],
    ]  # fmt: skip
    return C.feedback_list(
        rows=rows, titles=("TỔNG HỢP PHẢN ÁNH, KIẾN NGHỊ QUA TỔNG ĐÀI 1022", "Từ ngày 01/09/2025 đến ngày 31/10/2025")
    )


FILES = {
    "nhiem_vu_2025-10.xlsx": tasks_october,
    "ho_so_2025-05.xlsx": cases_may,
    "ho_so_2025-10.xlsx": cases_october,
    "bieu06_2025-10.xlsx": bieu06_october,
    "phan_anh_2025-09_10.xlsx": feedback_september_october,
}


def write_files(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, build in FILES.items():
        path = folder / name
        path.write_bytes(build())
        paths.append(path)
    return paths


def rename(con, old_name: str, new_name: str, effective: date, user: str) -> None:
    """Rename today's unit `old_name` the way «Danh mục đơn vị» does (oversight.units.renames after issue 13's
    split of oversight/units/admin.py, oversight.units.admin before it)."""
    try:
        from oversight.units.renames import rename_unit
    except ImportError:
        from oversight.units.admin import rename_unit
    (unit_id,) = con.execute("SELECT unit_id FROM units WHERE name = ? AND valid_to IS NULL", [old_name]).fetchone()
    rename_unit(con, unit_id, new_name, effective, user)


def command(argv: list[str]) -> tuple[int, str]:
    """`python -m oversight ARGV` in this process: (exit status, what it printed). The command sets the umask of
    a service process (077); the test process gets its own back."""
    from oversight.cli import main

    out, umask = io.StringIO(), os.umask(0o022)
    os.umask(umask)
    try:
        with contextlib.redirect_stdout(out):
            status = main(argv)
    finally:
        os.umask(umask)
    return status, out.getvalue()


def build(folder: Path) -> Path:
    """The awkward province's database in `folder`: the registry seeded for Đồng Nai, Xã Phú Lý renamed, the
    five files loaded with `python -m oversight ingest`."""
    from oversight import db as dbmod

    path = folder / "oversight.duckdb"
    con = dbmod.open_database(path)
    rename(con, RENAMED_FROM, RENAMED_TO, RENAMED_ON, "Sở Nội vụ")
    con.close()
    files = write_files(folder / "exports")
    status, out = command(["ingest", "--db", str(path), *map(str, files)])
    assert status == 0, out
    return path
