"""One writer per kind of export: case lists (.xlsx or HTML .xls), Biểu 06, tasks, feedback.

Each writer receives the items in scope for the month (already chosen by oversight.demo.figures) and
the file's habits, writes the file and returns what the manifest records about it.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from oversight.demo import figures
from oversight.demo.sheets import (
    BOLD,
    BORDER,
    CENTER,
    FONT,
    HTML_HEAD,
    ITALIC,
    LEFT,
    Habits,
    Sheet,
    date_value,
    html_cell,
    period_title,
    text,
    unit_text,
)
from oversight.demo.simulate import Case, Feedback, Task, World
from oversight.demo.units import DemoUnit, section_name, spell

ISSUER = ("UBND TỈNH ĐỒNG NAI", "VĂN PHÒNG UBND TỈNH")
SIGNERS = ("Nguyễn Văn Hùng", "Lê Thị Thu Hà", "Trần Quốc Bình")


def _signer(first: date) -> str:
    return SIGNERS[(first.year * 12 + first.month) % len(SIGNERS)]


# --- TTHC case lists -------------------------------------------------------------------------------

_CASE_HEADERS = (
    # code, procedure, field, unit, applicant, received, due, done, status, channel
    ("Mã hồ sơ", "Tên thủ tục hành chính", "Lĩnh vực", "Cơ quan giải quyết", "Người nộp", "Ngày tiếp nhận",
     "Ngày hẹn trả", "Ngày có kết quả", "Trạng thái", "Hình thức nộp"),
    ("Số biên nhận", "Tên TTHC", "Lĩnh vực", "Đơn vị giải quyết", "Chủ hồ sơ", "Ngày nhận", "Hạn xử lý",
     "Ngày xử lý xong", "Tình trạng", "Kênh nộp"),
    ("Mã hồ sơ", "Thủ tục hành chính", "Lĩnh vực", "Cơ quan thực hiện", "Tổ chức, cá nhân nộp hồ sơ",
     "Ngày tiếp nhận", "Ngày hẹn trả kết quả", "Ngày có kết quả", "Trạng thái hồ sơ", "Hình thức nộp hồ sơ"),
)  # fmt: skip


def _case_values(case: Case, world: World, last: date, habits: Habits, rng: random.Random, row: int) -> list:
    unit = world.unit(case.unit)
    done = figures.known_done(case.done, last)
    channel = case.channel
    if channel == "Dịch vụ bưu chính công ích" and habits.synonyms == 1:
        channel = "BCCI"
    return [
        case.code,
        text(case.procedure, habits),
        text(case.field, habits),
        unit_text(spell(unit, rng, habits.spelling), habits, row),
        text(case.applicant, habits),
        date_value(case.received, habits),
        date_value(case.due, habits),
        date_value(done, habits),
        text(figures.case_status(case, last), habits),
        text(channel, habits),
    ]


def write_case_list_xlsx(path: Path, cases: list[Case], world: World, first: date, last: date, habits: Habits,
                         rng: random.Random) -> int:  # fmt: skip
    headers = ["STT", *_CASE_HEADERS[habits.synonyms % len(_CASE_HEADERS)]]
    width = len(headers)
    wb = Workbook(write_only=True)
    sheet = Sheet(wb.create_sheet(("Danh sách hồ sơ", "DanhSachHoSo", "Sheet1")[habits.synonyms % 3]),
                  [6, 28, 45, 20, 30, 26, 18, 18, 18, 22, 16])  # fmt: skip
    sheet.letterhead(width, ISSUER, habits, left_width=4)
    sheet.append([])
    sheet.title(text("DANH SÁCH HỒ SƠ THỦ TỤC HÀNH CHÍNH", habits), width)
    sheet.title(text(period_title(first, last, habits), habits), width, font=ITALIC)
    sheet.append([])
    sheet.styled([text(h, habits) for h in headers], font=BOLD, border=BORDER)
    for i, case in enumerate(cases, start=1):
        sheet.data_row([i, *_case_values(case, world, last, habits, rng, i)], date_cols=frozenset({6, 7, 8}))
    sheet.append([])
    sheet.styled([text(f"Tổng số: {len(cases)} hồ sơ", habits), *[None] * (width - 1)], font=BOLD, align=LEFT)
    sheet.merge(1, 4)
    wb.save(path)
    return len(cases)


def write_case_list_html(path: Path, cases: list[Case], world: World, first: date, last: date, habits: Habits,
                         rng: random.Random) -> int:  # fmt: skip
    names = _CASE_HEADERS[habits.synonyms % len(_CASE_HEADERS)]
    width = 11
    th = "border: 1px solid #000; font-weight: bold; text-align: center; background-color: #DDEBF7;"
    td = "border: 1px solid #000; vertical-align: top;"
    parts = [HTML_HEAD.format(title=text("Danh sách hồ sơ", habits))]
    parts.append('<table border="1" cellspacing="0" cellpadding="3" style="border-collapse: collapse; '
                 "font-family: 'Times New Roman';\">\n")  # fmt: skip
    title_style = "font-weight: bold; text-align: center; border: none;"
    parts.append("<tr>" + html_cell(text(ISSUER[0], habits), colspan=4, style=title_style)
                 + html_cell(text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", habits), colspan=7, style=title_style) + "</tr>\n")  # fmt: skip
    parts.append("<tr>" + html_cell(text(ISSUER[1], habits), colspan=4, style=title_style)
                 + html_cell(text("Độc lập - Tự do - Hạnh phúc", habits), colspan=7, style=title_style) + "</tr>\n")  # fmt: skip
    parts.append("<tr>" + html_cell(text("DANH SÁCH HỒ SƠ THỦ TỤC HÀNH CHÍNH", habits), colspan=width,
                                    style=title_style + " font-size: 14pt;") + "</tr>\n")  # fmt: skip
    parts.append("<tr>" + html_cell(text(period_title(first, last, habits), habits), colspan=width,
                                    style="font-style: italic; text-align: center;") + "</tr>\n")  # fmt: skip
    head1 = [html_cell("STT", "th", rowspan=2, style=th)]
    head1 += [html_cell(text(n, habits), "th", rowspan=2, style=th) for n in names[:5]]
    head1 += [html_cell(text("Thời gian", habits), "th", colspan=3, style=th)]
    head1 += [html_cell(text(n, habits), "th", rowspan=2, style=th) for n in names[8:]]
    head2 = [html_cell(text(n, habits), "th", style=th) for n in names[5:8]]
    parts.append("<tr>" + "".join(head1) + "</tr>\n<tr>" + "".join(head2) + "</tr>\n")
    for i, case in enumerate(cases, start=1):
        values = _case_values(case, world, last, habits, rng, i)
        parts.append("<tr>" + html_cell(i, style=td) + "".join(html_cell(v, style=td) for v in values) + "</tr>\n")
    parts.append("<tr>" + html_cell(text(f"Tổng số: {len(cases)} hồ sơ", habits), colspan=width,
                                    style="font-weight: bold;") + "</tr>\n")  # fmt: skip
    parts.append("</table>\n</body>\n</html>\n")
    path.write_text("".join(parts), encoding="utf-8")
    return len(cases)


# --- Biểu 06 ---------------------------------------------------------------------------------------

_B06_LABELS = (
    ("Số mới tiếp nhận trực tuyến", "Số mới tiếp nhận trực tiếp và qua dịch vụ bưu chính", "Số kỳ trước chuyển qua",
     "Trả trước hạn", "Trả đúng thời hạn", "Trả quá hạn", "Trong hạn", "Quá hạn"),
    ("Trực tuyến", "Trực tiếp, dịch vụ bưu chính", "Kỳ trước chuyển sang", "Trước hạn", "Đúng hạn", "Quá hạn",
     "Chưa đến hạn", "Quá hạn"),
    ("Số mới tiếp nhận trực tuyến", "Số mới tiếp nhận trực tiếp và qua dịch vụ bưu chính", "Tồn kỳ trước",
     "Trước hạn", "Đúng hạn", "Quá hạn", "Trong hạn", "Quá hạn"),
)  # fmt: skip
SECTIONS_BEFORE = (
    ("department", "I. Sở, ban, ngành"),
    ("district", "II. UBND cấp huyện"),
    ("commune", "III. UBND cấp xã"),
)
SECTIONS_AFTER = (("department", "I. Sở, ban, ngành"), ("commune", "II. UBND cấp xã"))


def bieu06_rows(cases: list[Case], units: list[DemoUnit], first: date, last: date) -> dict[str, dict[str, int]]:
    """The 13-column figures per unit (every unit valid in the month, zeros included)."""
    rows = {u.key: dict.fromkeys(figures.CASE_COLUMNS, 0) for u in units}
    for case in cases:
        figures.add(rows.setdefault(case.unit, dict.fromkeys(figures.CASE_COLUMNS, 0)),
                    figures.case_row_figures(case, first, last))  # fmt: skip
    return rows


def write_bieu06(path: Path, rows: dict[str, dict[str, int]], world: World, first: date, last: date,
                 habits: Habits, subtotals: bool, rate_column: bool) -> dict:  # fmt: skip
    labels = _B06_LABELS[habits.synonyms % len(_B06_LABELS)]
    width = 14 if rate_column else 13
    wb = Workbook(write_only=True)
    sheet = Sheet(wb.create_sheet("Biểu 06" if habits.synonyms != 1 else "Bieu06"),
                  [6, 42] + [12] * (width - 2))  # fmt: skip
    t = lambda s: text(s, habits)  # noqa: E731
    sheet.letterhead(width, ISSUER, habits, left_width=4)
    sheet.styled([None] * 9 + [t("Biểu số 06/VPCP/KSTT"), None, None, None] + [None] * (width - 13), font=ITALIC)
    sheet.merge(10, width)
    sheet.title(t("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC"), width)
    period = period_title(first, last, habits)
    sheet.title(t(f"Kỳ báo cáo: {period}" if habits.period_words else period), width, font=ITALIC)
    sheet.styled([None] * (width - 3) + [t("Đơn vị tính: Số hồ sơ TTHC"), None, None], font=ITALIC)
    sheet.merge(width - 2, width)
    # the three-level header
    top = sheet.row + 1
    rate = [t("Tỷ lệ đúng hạn (%)")] if rate_column else []
    sheet.styled([t("STT"), t("Lĩnh vực, công việc giải quyết theo cấp" if habits.synonyms == 2 else "Đơn vị"),
                  t("Số hồ sơ nhận giải quyết"), None, None, None, t("Kết quả giải quyết"), *[None] * 6, *rate],
                 font=BOLD, border=BORDER)  # fmt: skip
    sheet.styled([None, None, t("Tổng số"), t("Trong đó"), None, None, t("Số hồ sơ đã giải quyết"), None, None, None,
                  t("Số hồ sơ đang giải quyết"), None, None, *([None] if rate_column else [])],
                 font=BOLD, border=BORDER)  # fmt: skip
    sheet.styled([None, None, None, t(labels[0]), t(labels[1]), t(labels[2]), t("Tổng số"), t(labels[3]),
                  t(labels[4]), t(labels[5]), t("Tổng số"), t(labels[6]), t(labels[7]), *([None] if rate_column else [])],
                 font=BOLD, border=BORDER)  # fmt: skip
    sheet.merge(1, 1, top, top + 2)
    sheet.merge(2, 2, top, top + 2)
    sheet.merge(3, 6, top, top)
    sheet.merge(7, 13, top, top)
    sheet.merge(3, 3, top + 1, top + 2)
    sheet.merge(4, 6, top + 1, top + 1)
    sheet.merge(7, 10, top + 1, top + 1)
    sheet.merge(11, 13, top + 1, top + 1)
    if rate_column:
        sheet.merge(14, 14, top, top + 2)
    numbers = [f"({i})" if habits.synonyms != 1 else str(i) for i in range(1, width + 1)]
    sheet.styled(numbers, font=ITALIC, border=BORDER)

    def figures_row(label_cells: list, values: dict[str, int], font=FONT) -> None:
        nums = [values[c] for c in figures.CASE_COLUMNS]
        extra = []
        if rate_column:
            denom = values["cases_total"]
            late = values["cases_resolved_late"] + values["cases_pending_overdue"]
            extra = [round(100 * (1 - late / denom), 2) if denom else None]
        sheet.styled([*label_cells, *nums, *extra], font=font, align=CENTER, border=BORDER)

    sections = SECTIONS_BEFORE if first < date(2025, 7, 1) else SECTIONS_AFTER
    by_group: dict[str, list[DemoUnit]] = {}
    for key in rows:
        unit = world.unit(key)
        by_group.setdefault(unit.group, []).append(unit)
    grand = dict.fromkeys(figures.CASE_COLUMNS, 0)
    unit_rows = 0
    for group, label in sections:
        members = sorted(by_group.get(group, []), key=lambda u: (u.unit_type != "Sở", u.name))
        sub = dict.fromkeys(figures.CASE_COLUMNS, 0)
        for u in members:
            figures.add(sub, rows[u.key])
        if subtotals:
            figures_row([None, t(label)], sub, font=BOLD)
        else:
            sheet.styled([None, t(label), *[None] * (width - 2)], font=BOLD, align=LEFT, border=BORDER)
        for i, u in enumerate(members, start=1):
            figures_row([i, unit_text(section_name(u, habits.spelling), habits, i)], rows[u.key])
            unit_rows += 1
        figures.add(grand, sub)
    figures_row([None, t("Tổng cộng")], grand, font=BOLD)
    sheet.signature(width, _signer(first), habits, left_width=4)
    wb.save(path)
    return {"rows": unit_rows, "totals": grand}


# --- assigned tasks ----------------------------------------------------------------------------------

_TASK_HEADERS = (
    ("Số, ký hiệu văn bản", "Ngày văn bản", "Ngày giao", "Trích yếu nội dung", "Người giao", "Đơn vị chủ trì",
     "Đơn vị phối hợp", "Thời hạn", "Thời hạn điều chỉnh", "Ngày hoàn thành", "Tình trạng", "Ghi chú"),
    ("Số ký hiệu văn bản giao nhiệm vụ", "Ngày ban hành", "Ngày giao nhiệm vụ", "Nội dung nhiệm vụ", "Lãnh đạo giao",
     "Đơn vị chủ trì", "Đơn vị phối hợp", "Hạn hoàn thành", "Gia hạn", "Ngày hoàn thành", "Kết quả thực hiện", "Ghi chú"),
    ("Văn bản giao", "Ngày văn bản", "Ngày giao", "Nội dung nhiệm vụ được giao", "Người giao", "Cơ quan chủ trì",
     "Cơ quan phối hợp", "Hạn xử lý", "Thời hạn điều chỉnh", "Ngày hoàn thành", "Tình trạng thực hiện", "Ghi chú"),
)  # fmt: skip


def write_tasks(path: Path, tasks: list[Task], world: World, first: date, last: date, habits: Habits,
                rng: random.Random, summary_sheet: bool, adjusted_column: bool, due_words: bool) -> dict:  # fmt: skip
    names = list(_TASK_HEADERS[habits.synonyms % len(_TASK_HEADERS)])
    if not adjusted_column:
        del names[8]
    headers = ["STT", *names]
    width = len(headers)
    t = lambda s: text(s, habits)  # noqa: E731
    wb = Workbook(write_only=True)
    counts: dict[str, dict[str, int]] = {}
    for task in tasks:
        c = counts.setdefault(task.unit, dict.fromkeys(figures.TASK_CLASSES, 0))
        c[figures.task_class(task, last)] += 1
    if summary_sheet:
        s = Sheet(wb.create_sheet("Tổng hợp"), [6, 40, 10, 14, 16, 12, 16, 14])
        s.letterhead(8, ISSUER, habits, left_width=3)
        s.append([])
        s.title(t("TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ DO UBND TỈNH, CHỦ TỊCH UBND TỈNH GIAO"), 8)
        s.title(t(period_title(first, last, habits)), 8, font=ITALIC)
        s.styled([t(h) for h in ("STT", "Đơn vị", "Tổng", "Đã hoàn thành", "Đang thực hiện trong hạn", "Sắp đến hạn",
                                 "Đang thực hiện quá hạn", "Tỷ lệ hoàn thành")], font=BOLD, border=BORDER)  # fmt: skip
        soon: dict[str, int] = {}
        for task in tasks:
            if figures.task_class(task, last) == "tasks_open_on_time" and (task.due.date() - last).days <= 7:
                soon[task.unit] = soon.get(task.unit, 0) + 1
        ordered = sorted(counts, key=lambda k: world.unit(k).name)
        for i, key in enumerate(ordered, start=1):
            c = counts[key]
            total = sum(c.values())
            done = c["tasks_done_on_time"] + c["tasks_done_late"]
            open_on_time = c["tasks_open_on_time"] + c["tasks_no_deadline"]
            s.styled([i, unit_text(world.unit(key).name, habits, i), total, done, open_on_time, soon.get(key, 0),
                      c["tasks_open_overdue"], f"{100 * done / total:.1f}%".replace(".", ",")],
                     border=BORDER)  # fmt: skip
    sheet = Sheet(wb.create_sheet("Danh sách nhiệm vụ" if summary_sheet else "Nhiệm vụ"),
                  [6, 20, 14, 14, 60, 24, 32, 32, 16, 16, 16, 24, 20][:width])  # fmt: skip
    sheet.letterhead(width, ISSUER, habits, left_width=4)
    sheet.append([])
    sheet.title(t("DANH MỤC NHIỆM VỤ DO UBND TỈNH, CHỦ TỊCH UBND TỈNH GIAO"), width)
    sheet.title(t(period_title(first, last, habits) if habits.synonyms != 2 else
                  f"(Số liệu tính đến ngày {last:%d/%m/%Y})"), width, font=ITALIC)  # fmt: skip
    sheet.styled([t(h) for h in headers], font=BOLD, border=BORDER)
    date_cols = frozenset({2, 3, 8, 9, 10}) if adjusted_column else frozenset({2, 3, 8, 9})
    for i, task in enumerate(tasks, start=1):
        unit = world.unit(task.unit)
        coop = "; ".join(spell(world.unit(k), rng, habits.spelling) for k in task.cooperating)
        doc = task.doc_number if habits.synonyms != 1 else f"Số {task.doc_number}"
        if task.due is None:
            due_cell = t(task.due_word) if due_words else None
            adjusted = None
        elif adjusted_column:
            due_cell = date_value(task.due_original, habits, date_only=True)
            adjusted = date_value(task.due, habits, date_only=True) if task.due != task.due_original else None
        else:
            due_cell = date_value(task.due, habits, date_only=True)
            adjusted = None
        note = ""
        if adjusted is not None:
            note = t("Đã gia hạn")
        values = [
            i, t(doc), date_value(task.doc_date, habits, date_only=True),
            date_value(task.received, habits, date_only=True), t(task.content), t(task.assigned_by),
            unit_text(spell(unit, rng, habits.spelling), habits, i), t(coop) or None, due_cell,
            *([adjusted] if adjusted_column else []),
            date_value(figures.known_done(task.done, last), habits, date_only=True),
            t(figures.task_status(task, last)), note or None,
        ]  # fmt: skip
        sheet.data_row(values, date_cols=date_cols)
    sheet.signature(width, _signer(first), habits, left_width=4)
    wb.save(path)
    return {"rows": len(tasks), "units": counts}


# --- feedback (1022) -------------------------------------------------------------------------------

_FEEDBACK_HEADERS = (
    ("Mã phản ánh", "Ngày tiếp nhận", "Kênh tiếp nhận", "Lĩnh vực", "Phân loại", "Cấp độ", "Nội dung", "Địa bàn",
     "Đơn vị xử lý", "Hạn xử lý", "Ngày hoàn thành", "Trạng thái", "Đánh giá"),
    ("Số phiếu", "Thời gian tiếp nhận", "Kênh tiếp nhận", "Chuyên mục", "Phân loại", "Mức độ", "Nội dung phản ánh",
     "Địa bàn", "Đơn vị được giao xử lý", "Hạn xử lý", "Ngày trả lời", "Trạng thái", "Mức độ hài lòng"),
)  # fmt: skip


def write_feedback(path: Path, items: list[Feedback], world: World, first: date, last: date, habits: Habits,
                   rng: random.Random) -> dict:  # fmt: skip
    headers = ["STT", *_FEEDBACK_HEADERS[habits.synonyms % len(_FEEDBACK_HEADERS)]]
    width = len(headers)
    t = lambda s: text(s, habits)  # noqa: E731
    wb = Workbook(write_only=True)
    sheet = Sheet(wb.create_sheet("Phản ánh kiến nghị" if habits.synonyms else "Sheet1"),
                  [6, 18, 18, 14, 18, 22, 12, 70, 22, 30, 18, 18, 14, 16])  # fmt: skip
    sheet.letterhead(width, ("UBND TỈNH ĐỒNG NAI", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"), habits, left_width=4)
    sheet.append([])
    sheet.title(t("DANH SÁCH PHẢN ÁNH, KIẾN NGHỊ QUA TỔNG ĐÀI 1022"), width)
    sheet.title(t(period_title(first, last, habits)), width, font=ITALIC)
    sheet.append([])
    sheet.styled([t(h) for h in headers], font=BOLD, border=BORDER)
    counts: dict[str, dict[str, int]] = {}
    for i, item in enumerate(items, start=1):
        unit = world.unit(item.unit)
        c = counts.setdefault(item.unit, dict.fromkeys((*figures.FEEDBACK_CLASSES, "rated", "satisfied"), 0))
        c[figures.feedback_class(item, last)] += 1
        rating = figures.feedback_rating(item, last)
        done = figures.known_done(item.done, last)
        if rating and done is not None and done.date() >= first:
            c["rated"] += 1
            c["satisfied"] += rating == "Hài lòng"
        sheet.data_row([
            i, item.code, date_value(item.received, habits), t(item.channel), t(item.field), t(item.category),
            t(item.level), t(item.content), unit_text(item.area, habits, i + 1),
            unit_text(spell(unit, rng, habits.spelling), habits, i), date_value(item.due, habits),
            date_value(done, habits), t(figures.feedback_status(item, last)), t(rating) or None,
        ], date_cols=frozenset({2, 10, 11}))  # fmt: skip
    sheet.append([])
    sheet.styled([t(f"Tổng số: {len(items)} phản ánh, kiến nghị"), *[None] * (width - 1)], font=BOLD, align=LEFT)
    sheet.merge(1, 5)
    wb.save(path)
    return {"rows": len(items), "units": counts}
