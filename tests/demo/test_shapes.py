"""The exports look like the real ones (EXPORTS.md): title rows, merged headers, sections, totals, signatures,
HTML tables saved as .xls, decomposed Unicode, serial-number dates, free text that is not a formula."""

from __future__ import annotations

import unicodedata
from datetime import datetime

import pytest
from openpyxl import load_workbook

from tests.demo.readers import case_list, html_rows, nfc, sheet_rows

pytestmark = pytest.mark.slow


def _files(demo, kind):
    return [f for f in demo["manifest"]["files"] if f["kind"] == kind]


def _texts(rows) -> list[str]:
    return [nfc(v) for r in rows for v in r if isinstance(v, str) and v]


def test_every_month_has_four_files(demo):
    months = {}
    for f in demo["manifest"]["files"]:
        months.setdefault(f["period_from"][:7], set()).add(f["kind"])
        assert (demo["dir"] / f["file"]).exists()
    assert len(months) == 22
    assert min(months) == "2025-01" and max(months) == "2026-10"
    assert all(kinds == {"tasks", "cases", "case_stats", "feedback"} for kinds in months.values())


def test_title_rows_and_signature_in_every_xlsx(demo):
    for f in demo["manifest"]["files"]:
        if f["format"] != "xlsx":
            continue
        rows = sheet_rows(demo["dir"] / f["file"])
        head = _texts(rows[:6])
        assert "UBND TỈNH ĐỒNG NAI" in head
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in head
        assert "Độc lập - Tự do - Hạnh phúc" in head
        period = f"{f['period_from'][8:10]}/{f['period_from'][5:7]}/{f['period_from'][:4]}"
        month = f"Tháng {f['period_from'][5:7]}/{f['period_from'][:4]}"
        as_of = f"tính đến ngày {f['period_to'][8:10]}/{f['period_to'][5:7]}/{f['period_to'][:4]}"
        assert any(period in t or month in t or as_of in t for t in head), f["file"]
        if f["kind"] in ("tasks", "case_stats"):
            tail = _texts(rows[-8:])
            assert "Người lập biểu" in tail and "KT. CHỦ TỊCH" in tail and "PHÓ CHỦ TỊCH" in tail


def test_bieu06_header_is_merged_on_three_levels(demo):
    f = _files(demo, "case_stats")[0]
    ws = load_workbook(demo["dir"] / f["file"]).active
    merged = {str(r) for r in ws.merged_cells.ranges}
    header = next(r for r in range(1, 20) if nfc(ws.cell(r, 1).value) == "STT")
    for ref in (
        f"A{header}:A{header + 2}",
        f"B{header}:B{header + 2}",
        f"C{header}:F{header}",
        f"G{header}:M{header}",
        f"C{header + 1}:C{header + 2}",
        f"D{header + 1}:F{header + 1}",
        f"G{header + 1}:J{header + 1}",
        f"K{header + 1}:M{header + 1}",
    ):
        assert ref in merged
    assert nfc(ws.cell(header, 3).value) == "Số hồ sơ nhận giải quyết"
    assert nfc(ws.cell(header, 7).value) == "Kết quả giải quyết"
    assert nfc(ws.cell(header + 1, 7).value) == "Số hồ sơ đã giải quyết"
    assert nfc(ws.cell(header + 1, 11).value) == "Số hồ sơ đang giải quyết"
    numbering = [nfc(ws.cell(header + 3, c).value) for c in range(1, 14)]
    assert numbering in ([f"({i})" for i in range(1, 14)], [str(i) for i in range(1, 14)])
    assert any(str(r).startswith("A1:") for r in ws.merged_cells.ranges)  # the title is merged too


def test_bieu06_sections_follow_the_reform(demo):
    for f in _files(demo, "case_stats"):
        labels = [nfc(r[1]) for r in sheet_rows(demo["dir"] / f["file"])]
        assert "I. Sở, ban, ngành" in labels
        assert "Tổng cộng" in labels
        if f["period_from"] < "2025-07-01":
            assert "II. UBND cấp huyện" in labels and "III. UBND cấp xã" in labels
        else:
            assert "II. UBND cấp xã" in labels and "II. UBND cấp huyện" not in labels
    subtotal_months = 0
    for f in _files(demo, "case_stats"):
        rows = sheet_rows(demo["dir"] / f["file"])
        section = next(r for r in rows if nfc(r[1]) == "I. Sở, ban, ngành")
        subtotal_months += isinstance(section[2], float)
    assert 0 < subtotal_months < 22


def test_html_case_lists(demo):
    html_files = [f for f in _files(demo, "cases") if f["format"] == "html"]
    assert html_files and all(f["file"].endswith(".xls") for f in html_files)
    assert all(f["file"].endswith(".xlsx") for f in _files(demo, "cases") if f["format"] == "xlsx")
    path = demo["dir"] / html_files[0]["file"]
    raw = path.read_text(encoding="utf-8")
    assert 'charset="utf-8"' in raw or "charset=utf-8" in raw
    assert "Times New Roman" in raw and "rowspan=" in raw and "colspan=" in raw
    assert not path.read_bytes().startswith(b"\xd0\xcf\x11\xe0")  # not a binary .xls
    rows = html_rows(path)
    header = next(r for r in rows if r and nfc(r[0][0]) == "STT")
    assert any(int(a.get("rowspan", 1)) == 2 for _, a in header)
    assert any(int(a.get("colspan", 1)) == 3 for _, a in header)
    assert len(case_list(path)) == html_files[0]["rows"]


def test_variety_between_months(demo):
    nfd_files, serial_files, text_date_files, datetime_files = set(), set(), set(), set()
    synonyms = set()
    for f in demo["manifest"]["files"]:
        path = demo["dir"] / f["file"]
        if f["format"] == "html":
            raw = path.read_text(encoding="utf-8")
            if unicodedata.normalize("NFC", raw) != raw:
                nfd_files.add(f["file"])
            continue
        rows = sheet_rows(path)
        if any(isinstance(v, str) and unicodedata.normalize("NFC", v) != v for r in rows[:50] for v in r):
            nfd_files.add(f["file"])
        if f["kind"] == "cases":
            data = case_list(path)
            received = next(iter(data[0][k] for k in ("Ngày tiếp nhận", "Ngày nhận") if k in data[0]))
            synonyms.update(k for k in ("Cơ quan giải quyết", "Đơn vị giải quyết") if k in data[0])
            if isinstance(received, float):
                serial_files.add(f["file"])
            elif isinstance(received, datetime):
                datetime_files.add(f["file"])
            else:
                text_date_files.add(f["file"])
    assert nfd_files and len(nfd_files) < 88
    assert serial_files and text_date_files and datetime_files
    assert synonyms == {"Cơ quan giải quyết", "Đơn vị giải quyết"}


def test_tasks_variants(demo):
    summary, adjusted, words = 0, 0, 0
    for f in _files(demo, "tasks"):
        wb_rows = sheet_rows(demo["dir"] / f["file"], 0)
        path = demo["dir"] / f["file"]
        from python_calamine import CalamineWorkbook

        sheets = CalamineWorkbook.from_path(str(path)).sheet_names
        summary += len(sheets) == 2
        rows = sheet_rows(path)
        texts = set(_texts(rows))
        adjusted += "Thời hạn điều chỉnh" in texts or "Gia hạn" in texts
        words += "Thường xuyên" in texts or "Không thời hạn" in texts
        assert wb_rows
    assert 0 < summary < 22 and 0 < adjusted < 22 and 0 < words < 22


def test_free_text_starting_with_formula_characters_is_a_string(demo):
    found = set()
    for f in _files(demo, "feedback")[:8]:
        ws = load_workbook(demo["dir"] / f["file"], read_only=True).active
        for row in ws.iter_rows(min_row=8, values_only=False):
            for cell in row:
                v = cell.value
                if isinstance(v, str) and v[:1] in "=+@":
                    assert cell.data_type == "s"
                    found.add(v[0])
    assert "=" in found and "@" in found
