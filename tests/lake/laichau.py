"""A second province for the lake's two-province test (tests/lake/test_spark.py): a small Lai Châu (code 12)
database built like the awkward province (tests/province/awkward.py), with OVERSIGHT_PROVINCE=12, from Excel files
written with tests/ingest/corpus.py and loaded with `python -m oversight ingest`. The demo generator writes Đồng Nai
only, so this one is made by hand: a few of Lai Châu's own units, October and November 2025, each kind.

1. nhiem_vu_2025-11.xlsx, «Tháng 11/2025»
   Sở Y tế:    K1 assigned 03/11, due 20/11, done 18/11, «Hoàn thành»           → Nov: done on time
               K2 assigned 05/11, due 10/11, not done, «Đang thực hiện»         → Nov: open overdue
               K3 assigned 20/10, due 30/11, not done, «Đang thực hiện»         → Oct: open on time; Nov: carried
                                                                                 over, open overdue (due on the
                                                                                 period's last day)
   Sở Xây dựng: K4 assigned 10/11, no deadline, «Đang thực hiện»                → Nov: open, no deadline
               K5 assigned 01/10, due 15/10, done 12/11, «Hoàn thành»           → Oct: open overdue; Nov: done late
2. ho_so_2025-11.xlsx, «Tháng 11/2025»
   Phường Đoàn Kết: D1 received 28/10 online, due 04/11 16:00, done 03/11       → Oct: pending on time; Nov: early
                    D2 received 03/11 direct, due 07/11 16:00, done 07/11 15:00 → on time
                    D3 received 04/11 online, due 06/11 16:00, done 10/11       → late
                    D4 received 20/11 direct, due 27/11 16:00, not done         → pending overdue
   Xã Bình Lư:      B1 received 15/10 direct, due 22/10 16:00, done 21/10       → Oct: early
                    B2 received 25/11 online, due 05/12 16:00, not done         → Nov: pending on time
3. bieu06_2025-11.xlsx, «Từ ngày 01/11/2025 đến ngày 30/11/2025», columns (3)..(13):
   Sở Tư pháp [6, 2, 2, 2, 4, 1, 2, 1, 2, 1, 1]   no case-level case: counted
   Sở Y tế    [3, 1, 1, 1, 3, 2, 1, 0, 0, 0, 0]   no case-level case: counted
   UBND phường Đoàn Kết [9, 4, 3, 2, 6, 2, 3, 1, 3, 2, 1]   has case-level cases in November: not counted
4. phan_anh_2025-10_11.xlsx, «Từ ngày 01/10/2025 đến ngày 30/11/2025», Xã Tả Lèng:
   G1 received 06/10, due 16/10, done 14/10, Hài lòng                           → Oct: done on time
   G2 received 27/10, due 31/10, done 04/11, Không hài lòng                     → Oct: open overdue; Nov: done late
   G3 received 12/11, due 30/11, not done, «Đang xử lý»                         → Nov: open overdue (due on the
                                                                                   period's last day)
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from tests.ingest import corpus as C
from tests.province.awkward import command

PROVINCE = "12"  # Lai Châu
TITLE = "UBND TỈNH LAI CHÂU"


def d(*parts: int) -> datetime:
    return datetime(*parts)


def tasks_november() -> bytes:
    health, build = "Sở Y tế", "Sở Xây dựng"
    rows = [
        [1, "11/UBND-VX", d(2025, 11, 3), "Tiêm chủng mở rộng", "Chủ tịch", health, None, d(2025, 11, 20), None, d(2025, 11, 18), "Hoàn thành"],  # K1
        [2, "12/UBND-VX", d(2025, 11, 5), "Báo cáo dịch bệnh", "Chủ tịch", health, None, d(2025, 11, 10), None, None, "Đang thực hiện"],  # K2
        [3, "13/UBND-VX", d(2025, 10, 20), "Trạm y tế xã", "Chủ tịch", health, None, d(2025, 11, 30), None, None, "Đang thực hiện"],  # K3
        [4, "14/UBND-KT", d(2025, 11, 10), "Quy hoạch đô thị", "Phó Chủ tịch", build, None, None, None, None, "Đang thực hiện"],  # K4
        [5, "15/UBND-KT", d(2025, 10, 1), "Nhà ở xã hội", "Phó Chủ tịch", build, None, d(2025, 10, 15), None, d(2025, 11, 12), "Hoàn thành"],  # K5
    ]  # fmt: skip
    return C.task_list(titles=("BÁO CÁO TÌNH HÌNH THỰC HIỆN NHIỆM VỤ", "Tháng 11/2025"), rows=rows)


def cases_november() -> bytes:
    dk, bl = "UBND phường Đoàn Kết", "UBND xã Bình Lư"
    birth, field = "Đăng ký khai sinh", "Hộ tịch"
    rows = [
        [1, "DK-D1", birth, field, dk, d(2025, 10, 28, 8), d(2025, 11, 4, 16), d(2025, 11, 3, 9), "Đã trả kết quả", "Trực tuyến"],
        [2, "DK-D2", birth, field, dk, d(2025, 11, 3, 8), d(2025, 11, 7, 16), d(2025, 11, 7, 15), "Đã trả kết quả", "Trực tiếp"],
        [3, "DK-D3", birth, field, dk, d(2025, 11, 4, 8), d(2025, 11, 6, 16), d(2025, 11, 10, 9), "Trả kết quả trễ hạn", "Trực tuyến"],
        [4, "DK-D4", birth, field, dk, d(2025, 11, 20, 8), d(2025, 11, 27, 16), None, "Đang giải quyết", "Trực tiếp"],
        [5, "BL-B1", birth, field, bl, d(2025, 10, 15, 8), d(2025, 10, 22, 16), d(2025, 10, 21, 9), "Đã trả kết quả", "Trực tiếp"],
        [6, "BL-B2", birth, field, bl, d(2025, 11, 25, 8), d(2025, 12, 5, 16), None, "Đang giải quyết", "Trực tuyến"],
    ]  # fmt: skip
    return C.case_list(rows=rows, titles=[TITLE, "DANH SÁCH HỒ SƠ THỦ TỤC HÀNH CHÍNH", "Tháng 11/2025"])


BIEU06_NOVEMBER = [
    ("Sở Tư pháp", [6, 2, 2, 2, 4, 1, 2, 1, 2, 1, 1]),
    ("Sở Y tế", [3, 1, 1, 1, 3, 2, 1, 0, 0, 0, 0]),
    ("UBND phường Đoàn Kết", [9, 4, 3, 2, 6, 2, 3, 1, 3, 2, 1]),
]


def bieu06_november() -> bytes:
    return C.bieu06(units=BIEU06_NOVEMBER, period="Từ ngày 01/11/2025 đến ngày 30/11/2025")


def feedback_october_november() -> bytes:
    tl = "UBND xã Tả Lèng"
    rows = [
        [1, "TL-G1", d(2025, 10, 6, 9), "Điện thoại", "Môi trường", "Khác", "Rác thải", "Tả Lèng", tl, d(2025, 10, 16), d(2025, 10, 14, 10), "Đã xử lý", "Hài lòng"],
        [2, "TL-G2", d(2025, 10, 27, 9), "Zalo", "Giao thông", "Khác", "Sạt lở đường", "Tả Lèng", tl, d(2025, 10, 31), d(2025, 11, 4, 8), "Đã trả lời", "Không hài lòng"],
        [3, "TL-G3", d(2025, 11, 12, 9), "Email", "Điện", "Khác", "Mất điện", "Tả Lèng", tl, d(2025, 11, 30), None, "Đang xử lý", None],
    ]  # fmt: skip
    return C.feedback_list(
        rows=rows, titles=("TỔNG HỢP PHẢN ÁNH, KIẾN NGHỊ QUA TỔNG ĐÀI 1022", "Từ ngày 01/10/2025 đến ngày 30/11/2025")
    )


FILES = {
    "nhiem_vu_2025-11.xlsx": tasks_november,
    "ho_so_2025-11.xlsx": cases_november,
    "bieu06_2025-11.xlsx": bieu06_november,
    "phan_anh_2025-10_11.xlsx": feedback_october_november,
}


@contextmanager
def settings(folder: Path):
    """The environment of Lai Châu's database: its province, its files (restored afterwards)."""
    wanted = {
        "OVERSIGHT_PROVINCE": PROVINCE,
        "OVERSIGHT_DATA": str(folder / "data"),
        "OVERSIGHT_DB": str(folder / "oversight.duckdb"),
    }
    saved = {name: os.environ.get(name) for name in (*wanted, "OVERSIGHT_PERIOD_CUTOFF", "OVERSIGHT_MIN_VOLUME")}
    os.environ.update(wanted)
    os.environ.pop("OVERSIGHT_PERIOD_CUTOFF", None)
    os.environ.pop("OVERSIGHT_MIN_VOLUME", None)
    try:
        yield
    finally:
        from oversight import db as dbmod

        dbmod.close_all()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def build(folder: Path) -> Path:
    """Lai Châu's database in `folder`: the registry seeded for province 12, the four files loaded with
    `python -m oversight ingest` (call inside settings(folder))."""
    from oversight import db as dbmod

    path = folder / "oversight.duckdb"
    dbmod.open_database(path).close()
    exports = folder / "exports"
    exports.mkdir(parents=True, exist_ok=True)
    files = []
    for name, make in FILES.items():
        (exports / name).write_bytes(make())
        files.append(str(exports / name))
    status, out = command(["ingest", "--db", str(path), *files])
    assert status == 0, out
    return path
