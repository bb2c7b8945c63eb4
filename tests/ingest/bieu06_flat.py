"""Biểu 06 as the national portal and provincial systems export it: title rows, ONE flattened header row in
which sub-headings repeat («Quá hạn» twice, «Tổng số» …), section rows (I/II, A/B, or a section name alone in
the STT column merged across the table), unit rows, a total row and a signature. Written by openpyxl (.xlsx),
xlwt (binary .xls) and as an HTML <table> saved as .xls (the portal's «Xuất Excel» button)."""

from __future__ import annotations

import html
import io

import xlwt
from openpyxl import Workbook

TITLES = (
    "CỔNG DỊCH VỤ CÔNG QUỐC GIA",
    "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC",
    "(Từ ngày 01/09/2026 đến ngày 30/09/2026)",
)

# The portal's flattened header (brief's example): both «Quá hạn» mean different columns.
PORTAL_HEADER = ["STT", "Đơn vị", "Tổng số", "Trực tuyến", "Trực tiếp, BCCI", "Kỳ trước chuyển sang", "Đã giải quyết", "Trước hạn", "Đúng hạn", "Quá hạn", "Đang giải quyết", "Trong hạn", "Quá hạn"]  # fmt: skip
# A provincial variant: longer labels, «Tồn kỳ trước», «Chưa đến hạn», and a ratio column at the end.
PROVINCE_HEADER = ["STT", "Tên đơn vị", "Tổng số hồ sơ", "Số mới tiếp nhận trực tuyến", "Số mới tiếp nhận trực tiếp, BCCI", "Tồn kỳ trước", "Tổng số đã giải quyết", "Trước hạn", "Đúng hạn", "Quá hạn", "Tổng số đang giải quyết", "Chưa đến hạn", "Quá hạn", "Tỷ lệ đúng hạn (%)"]  # fmt: skip
# Only the bottom row of the form's merged header survived: «Tổng số» three times, «Quá hạn» twice.
BOTTOM_ROW_HEADER = ["STT", "Đơn vị", "Tổng số", "Trực tuyến", "Trực tiếp", "Kỳ trước chuyển sang", "Tổng số", "Trước hạn", "Đúng hạn", "Quá hạn", "Tổng số", "Trong hạn", "Quá hạn"]  # fmt: skip

# (section label, [(unit name, (4) online, (5) offline, (6) carried, (8) early, (9) on time, (10) late,
#   (12) pending within deadline, (13) pending overdue)])
# Chosen so that (10) ≠ (13) and (12) ≠ (13) in every row: a swap of the two «Quá hạn» columns breaks
# (7) = (8)+(9)+(10), and a swap of «Trong hạn» with «Quá hạn» changes cases_late_rate.
SECTIONS = [
    (
        "Sở, ban, ngành",
        [
            ("Sở Tư pháp", 6, 3, 2, 2, 3, 1, 1, 4),
            ("Sở Y tế", 4, 2, 1, 1, 2, 0, 3, 1),
        ],
    ),
    (
        "Xã, phường, thị trấn",
        [
            ("UBND xã Long Phước", 20, 8, 4, 10, 8, 2, 9, 3),
            ("UBND phường Trấn Biên", 3, 5, 2, 0, 5, 3, 2, 0),
        ],
    ),
]


def form_row(online, offline, carried, early, on_time, late, pend_ok, pend_late) -> list[int]:
    """Columns (3)..(13) in the form's order."""
    resolved = early + on_time + late
    pending = pend_ok + pend_late
    assert online + offline + carried == resolved + pending, "hand-written row breaks (3) = (7) + (11)"
    return [online + offline + carried, online, offline, carried, resolved, early, on_time, late, pending, pend_ok, pend_late]  # fmt: skip


def expected() -> dict[str, dict[str, int]]:
    names = ("cases_total", "cases_new_online", "cases_new_offline", "cases_carried_over", "cases_resolved", "cases_resolved_early", "cases_resolved_on_time", "cases_resolved_late", "cases_pending", "cases_pending_on_time", "cases_pending_overdue")  # fmt: skip
    return {u[0]: dict(zip(names, form_row(*u[1:]), strict=True)) for _s, units in SECTIONS for u in units}


def _sum(rows: list[list[int]]) -> list[int]:
    return [sum(col) for col in zip(*rows, strict=True)]


def table_rows(
    header: list[str], section_style: str = "numbered", subtotals: bool = False, total: list[int] | None = None
) -> list[list]:
    """Title rows, blank, header, body, total, blank, signature — as cell values (None: empty).

    section_style: 'numbered' ("I" in STT, name beside it), 'letters' ("A"/"B" in STT), 'alone' (the section
    name in the STT column, the name cell empty — merged across the table by the writers).
    total: the total row's (3)..(13), the sum of the unit rows by default."""
    width = len(header)
    extra = width - 13  # ratio columns after (13)
    rows: list[list] = [[t] for t in TITLES] + [[]]
    rows.append(list(header))
    all_units = []
    n = 0
    for i, (label, units) in enumerate(SECTIONS):
        numbers = [form_row(*u[1:]) for u in units]
        sub = _sum(numbers) if subtotals else []
        mark = ("I", "II", "III")[i] if section_style == "numbered" else ("A", "B", "C")[i]
        if section_style == "alone":
            rows.append([label, *([None] * (width - 1))] if not subtotals else [label, None, *sub, *ratio(sub, extra)])
        else:
            rows.append([mark, label, *sub, *(ratio(sub, extra) if sub else [])])
        for (name, *_rest), nums in zip(units, numbers, strict=True):
            n += 1
            rows.append([n, name, *nums, *ratio(nums, extra)])
            all_units.append(nums)
    total = total or _sum(all_units)
    rows.append([None, "Tổng cộng", *total, *ratio(total, extra)])
    rows.append([])
    rows.append([None, "Người lập biểu", None, None, None, None, None, None, None, "THỦ TRƯỞNG ĐƠN VỊ"])
    return rows


def ratio(nums: list[int], extra: int) -> list:
    if not extra:
        return []
    resolved, on_time, early = nums[4], nums[6], nums[5]
    return [round(100 * (early + on_time) / resolved, 1) if resolved else None]


def _merges(rows: list[list], width: int) -> list[tuple[int, int, int, int]]:
    """(row, first col, last row, last col), 0-based: titles across the table, lone section names too."""
    out = [(r, 0, r, width - 1) for r in range(len(TITLES))]
    for r, row in enumerate(rows):
        if row and isinstance(row[0], str) and row[0] in {s for s, _u in SECTIONS} and all(v is None for v in row[1:]):
            out.append((r, 0, r, width - 1))
    return out


def xlsx(header=PORTAL_HEADER, section_style="numbered", subtotals=False, total=None) -> bytes:
    rows = table_rows(header, section_style, subtotals, total)
    wb = Workbook()
    ws = wb.active
    ws.title = "Biểu 06"
    for row in rows:
        ws.append(row)
    for r1, c1, r2, c2 in _merges(rows, len(header)):
        ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def xls(header=PORTAL_HEADER, section_style="numbered", subtotals=False, total=None) -> bytes:
    rows = table_rows(header, section_style, subtotals, total)
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("Bieu06")
    merges = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in _merges(rows, len(header))}
    for r, row in enumerate(rows):
        if (r, 0) in merges:
            r2, c2 = merges[(r, 0)]
            ws.write_merge(r, r2, 0, c2, row[0])
            continue
        for c, value in enumerate(row):
            if value is not None:
                ws.write(r, c, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def html_xls(header=PORTAL_HEADER, section_style="numbered", subtotals=False, total=None) -> bytes:
    """The web page the portal's «Xuất Excel» button saves as .xls: titles outside the table, colspans."""
    rows = table_rows(header, section_style, subtotals, total)
    width = len(header)
    esc = lambda v: "" if v is None else html.escape(str(v))  # noqa: E731
    parts = [
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
        "<style>td, th {font-family: 'Times New Roman'; border: 1px solid #000}</style></head><body>",
    ]
    parts += [f'<div style="text-align:center"><b>{esc(t)}</b></div>' for t in TITLES]
    parts.append('<table border="1" cellspacing="0">')
    parts.append("<tr>" + "".join(f"<th>{esc(h)}</th>" for h in header) + "</tr>")
    body = rows[len(TITLES) + 2 : -2]
    for row in body:
        if isinstance(row[0], str) and all(v is None for v in row[1:]):
            parts.append(f'<tr><td colspan="{width}" style="font-weight:bold">{esc(row[0])}</td></tr>')
            continue
        cells = list(row) + [None] * (width - len(row))
        parts.append("<tr>" + "".join(f"<td>{esc(v)}</td>" for v in cells) + "</tr>")
    parts.append("</table><p>Người lập biểu</p><p>THỦ TRƯỞNG ĐƠN VỊ</p></body></html>")
    return "\n".join(parts).encode("utf-8")


WRITERS = {"xlsx": (xlsx, "bieu06_cong_dvc.xlsx"), "xls": (xls, "bieu06_cong_dvc.xls"), "html": (html_xls, "bieu06_web.xls")}  # fmt: skip
