"""Biểu 06 as the national portal and provincial systems export it (METRICS.md §3, §7 «Required columns»):
one flattened header row whose sub-headings repeat, the period in a parenthesised title row, section rows
(I/II, A/B, or a section name alone merged across the table) with and without subtotals, a total row;
written by openpyxl, xlwt and as an HTML table saved as .xls, loaded and read back through the CLI.
When a required column cannot be found, the file is refused naming it, and a mapping chosen by hand (the
function the upload page calls) is remembered for the same header."""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from datetime import date

import pytest

from oversight import db as dbmod
from oversight import metrics_cli
from oversight.config import ROOT
from oversight.ingest import cli, mappings
from oversight.ingest.columns import best_mapping
from oversight.ingest.periods_in_titles import period_from_titles
from oversight.ingest.pipeline import prepare
from tests.ingest import bieu06_flat as F
from tests.ingest.helpers import counts, write

# The registry's names of the units the files write as «Sở Tư pháp», «UBND xã Long Phước», …
REGISTRY_NAMES = {
    "Sở Tư pháp": "Sở Tư pháp",
    "Sở Y tế": "Sở Y tế",
    "UBND xã Long Phước": "Xã Long Phước",
    "UBND phường Trấn Biên": "Phường Trấn Biên",
}
FORM_ORDER = {
    "cases_total": 2, "cases_new_online": 3, "cases_new_offline": 4, "cases_carried_over": 5, "cases_resolved": 6,
    "cases_resolved_early": 7, "cases_resolved_on_time": 8, "cases_resolved_late": 9, "cases_pending": 10,
    "cases_pending_on_time": 11, "cases_pending_overdue": 12,
}  # fmt: skip
TITLE = "(Từ ngày 01/09/2026 đến ngày 30/09/2026)"


def _paths(header: list[str]) -> dict[int, list[str]]:
    return {i: [h] for i, h in enumerate(header)}


@pytest.mark.parametrize("header", [F.PORTAL_HEADER, F.PROVINCE_HEADER, F.BOTTOM_ROW_HEADER])
def test_each_repeated_sub_heading_goes_to_the_column_of_its_group(header):
    m = best_mapping(_paths(header))
    assert m.kind == "case_stats" and m.complete
    assert m.columns == {"unit": 1, **FORM_ORDER}  # «Tỷ lệ đúng hạn (%)» (column 13) is left out


def test_group_headings_decide_over_order():
    """«Trong hạn» under «Đã giải quyết» is resolved on time; the pending group named in full keeps its own."""
    header = ["STT", "Đơn vị", "Tổng số hồ sơ", "Trực tuyến", "Trực tiếp", "Tồn kỳ trước", "Số hồ sơ đã giải quyết", "Trước hạn", "Trong hạn", "Trễ hạn", "Đang giải quyết", "Chưa đến hạn", "Đang giải quyết quá hạn"]  # fmt: skip
    assert best_mapping(_paths(header)).columns == {"unit": 1, **FORM_ORDER}


def test_the_merged_three_level_form_still_maps_as_before():
    p = {
        0: ["STT"], 1: ["Lĩnh vực, đơn vị"],
        2: ["Số hồ sơ nhận giải quyết", "Tổng số"],
        3: ["Số hồ sơ nhận giải quyết", "Trong đó", "Số mới tiếp nhận trực tuyến"],
        4: ["Số hồ sơ nhận giải quyết", "Trong đó", "Số mới tiếp nhận trực tiếp và qua dịch vụ bưu chính"],
        5: ["Số hồ sơ nhận giải quyết", "Trong đó", "Số kỳ trước chuyển qua"],
        6: ["Kết quả giải quyết", "Số hồ sơ đã giải quyết", "Tổng số"],
        7: ["Kết quả giải quyết", "Số hồ sơ đã giải quyết", "Trả trước hạn"],
        8: ["Kết quả giải quyết", "Số hồ sơ đã giải quyết", "Trả đúng thời hạn"],
        9: ["Kết quả giải quyết", "Số hồ sơ đã giải quyết", "Trả quá hạn"],
        10: ["Kết quả giải quyết", "Số hồ sơ đang giải quyết", "Tổng số"],
        11: ["Kết quả giải quyết", "Số hồ sơ đang giải quyết", "Trong hạn"],
        12: ["Kết quả giải quyết", "Số hồ sơ đang giải quyết", "Quá hạn"],
    }  # fmt: skip
    assert best_mapping(p).columns == {"unit": 1, **FORM_ORDER}


@pytest.mark.parametrize(
    "title",
    [TITLE, "Kỳ báo cáo: Tháng 9/2026", "Từ ngày 01/09/2026 đến hết ngày 30/09/2026", "(từ 01/9/2026 - 30/9/2026)"],
)
def test_period_phrasings_of_the_portal_and_provinces(title):
    found = period_from_titles(["CỔNG DỊCH VỤ CÔNG QUỐC GIA", title], cutoff="calendar")
    assert (found.start, found.end, found.inferred_start) == (date(2026, 9, 1), date(2026, 9, 30), False)


# ------------------------------------------------------------------------------------------ through the CLI


def ingest(argv: list[str]) -> tuple[int, str]:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    cli.register(sub)
    args = parser.parse_args(["ingest", *argv])
    out = io.StringIO()
    sys_stdout, sys.stdout = sys.stdout, out
    try:
        code = args.handler(args)
    finally:
        sys.stdout = sys_stdout
    return code, out.getvalue()


def metrics_json(db: str) -> dict[str, dict]:
    parser = argparse.ArgumentParser()
    metrics_cli.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["metrics", "--db", db, "--from", "2026-09-01", "--to", "2026-09-30", "--format", "json"])
    out = io.StringIO()
    assert args.handler(args, out=out) == 0
    return {r["unit_name"]: r for r in json.loads(out.getvalue())}


def assert_figures(rows: dict[str, dict]) -> None:
    """Every hand-written number in its canonical column, and the rates computed from them."""
    for written, figures in F.expected().items():
        got = rows[REGISTRY_NAMES[written]]
        assert {k: got[k] for k in figures} == figures, written
        late = figures["cases_resolved_late"] + figures["cases_pending_overdue"]
        assert got["cases_late_rate"] == pytest.approx(late / figures["cases_total"]), written
        ok = figures["cases_resolved_early"] + figures["cases_resolved_on_time"] + figures["cases_pending_on_time"]
        assert got["cases_766_progress_ratio"] == pytest.approx(ok / figures["cases_total"]), written
    # the hand-computed rates of two units, so a swap of «Trong hạn» and «Quá hạn» could not pass
    assert rows["Sở Tư pháp"]["cases_late_rate"] == pytest.approx(5 / 11)  # (1 + 4) / 11
    assert rows["Xã Long Phước"]["cases_late_rate"] == pytest.approx(5 / 32)  # (2 + 3) / 32
    assert not {"Sở, ban, ngành", "Xã, phường, thị trấn", "Cấp tỉnh", "Tổng cộng"} & set(rows)


VARIANTS = [  # writer, header, section style, subtotals on the section rows
    ("xlsx", F.PORTAL_HEADER, "numbered", False),
    ("xlsx", F.PROVINCE_HEADER, "alone", True),
    ("xls", F.PORTAL_HEADER, "alone", False),
    ("xls", F.BOTTOM_ROW_HEADER, "letters", True),
    ("html", F.PORTAL_HEADER, "alone", False),
    ("html", F.PROVINCE_HEADER, "numbered", True),
    ("html", F.BOTTOM_ROW_HEADER, "letters", False),
]


@pytest.mark.slow  # one file through the whole ingestion per case, about a second each
@pytest.mark.parametrize(("fmt", "header", "style", "subtotals"), VARIANTS)
def test_portal_file_loads_every_number_in_its_column(tmp_path, fmt, header, style, subtotals):
    writer, name = F.WRITERS[fmt]
    path = write(tmp_path, name, writer(header, style, subtotals))
    db = str(tmp_path / "b06.duckdb")
    code, out = ingest(["--db", db, str(path)])
    assert code == 0, out
    assert f"kỳ: 01/09/2026 – 30/09/2026 (dòng tiêu đề «{TITLE}»)" in out
    assert "Đã nạp: 4 dòng; bị từ chối: 0 dòng; cảnh báo: 0" in out, out  # no section row rejected
    assert "Dòng bị từ chối" not in out
    assert_figures(metrics_json(db))


def test_section_rows_are_skipped_as_sections_not_units(con, tmp_path):
    plan = prepare(F.html_xls(F.PORTAL_HEADER, "alone", True), "bieu06_web.xls", con)
    assert plan.ok, plan.error_text()
    assert plan.skipped["section"] == 2 and plan.skipped["total"] == 1
    assert sorted(plan.records["unit_name"]) == sorted(REGISTRY_NAMES)
    assert plan.rows_rejected == 0 and plan.rows_read == 4


def test_a_wrong_total_row_still_rejects_the_file(con, tmp_path):
    wrong = F._sum([F.form_row(*u[1:]) for _s, units in F.SECTIONS for u in units])
    wrong[0], wrong[1] = wrong[0] + 1, wrong[1] + 1  # (3) and (4) one more: the row's own identities
    wrong[8], wrong[9] = wrong[8] + 1, wrong[9] + 1  # (11) and (12) one more: still hold, the sums do not
    before = counts(con)
    plan = prepare(F.xls(F.PORTAL_HEADER, "alone", False, total=wrong), "bieu06.xls", con)
    assert plan.error == (
        "Biểu 06 không khớp ở 4 chỗ nên không nạp tệp nào (một dòng sai làm cả biểu không tin cậy được):"
    )
    assert plan.error_details == [
        "Trang «Bieu06», dòng 12 («Tổng cộng»): cột (3) = 61 nhưng tổng các dòng đơn vị = 60",
        "Trang «Bieu06», dòng 12 («Tổng cộng»): cột (4) = 34 nhưng tổng các dòng đơn vị = 33",
        "Trang «Bieu06», dòng 12 («Tổng cộng»): cột (11) = 24 nhưng tổng các dòng đơn vị = 23",
        "Trang «Bieu06», dòng 12 («Tổng cộng»): cột (12) = 16 nhưng tổng các dòng đơn vị = 15",
    ]
    assert counts(con) == before


def test_a_wrong_section_subtotal_rejects_the_file(con):
    """A subtotal is checked against its own section's units and never counted as a unit."""
    data = F.table_rows(F.PORTAL_HEADER, "numbered", True)
    from openpyxl import Workbook

    wb = Workbook()
    for row in data:
        if row and row[0] == "II":
            row[3] += 1  # (4) of «Xã, phường, thị trấn»: 23 + 1
            row[2] += 1
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    plan = prepare(out.getvalue(), "b.xlsx", con)
    assert not plan.ok
    assert plan.error_details == [
        "Trang «Sheet», dòng 9 («II. Xã, phường, thị trấn»): cột (3) = 43 nhưng tổng các dòng đơn vị = 42",
        "Trang «Sheet», dòng 9 («II. Xã, phường, thị trấn»): cột (4) = 24 nhưng tổng các dòng đơn vị = 23",
    ]


# ------------------------------------------------------------------------------ mapping by hand, remembered

ODD_HEADER = [*F.PORTAL_HEADER[:12], "Hồ sơ chậm muộn"]  # (13) under a label no synonym knows
MISSING_13 = (
    "Thiếu cột bắt buộc cho Biểu 06 (tổng hợp kết quả giải quyết TTHC): «(13) Đang giải quyết quá hạn» "
    "(trang «Biểu 06», dòng tiêu đề 5)."
)


def test_unmapped_column_is_named_then_a_saved_mapping_loads_the_same_header(tmp_path):
    db = str(tmp_path / "m.duckdb")
    september = write(tmp_path, "bieu06_09.xlsx", F.xlsx(ODD_HEADER, "alone"))
    code, out = ingest(["--db", db, str(september)])
    assert code == 1
    assert "KHÔNG NẠP: " + MISSING_13 in out
    assert "Chọn cột cho từng trường còn thiếu trên trang «Tải dữ liệu»" in out
    con = dbmod.open_database(db)
    try:
        assert counts(con)["case_stats"] == 0
        plan = prepare(september.read_bytes(), september.name, con)
        assert plan.missing_fields == ["cases_pending_overdue"] and plan.error == MISSING_13
        assert plan.header_cells[12] == "Hồ sơ chậm muộn"
        with pytest.raises(ValueError, match="Chưa chọn cột cho: «\\(13\\) Đang giải quyết quá hạn»."):
            mappings.save_choices(con, plan, {})
        with pytest.raises(ValueError, match="cột M được chọn nhiều lần"):
            mappings.save_choices(con, plan, {"cases_pending_overdue": 12, "cases_pending_on_time": 12})
        with pytest.raises(ValueError, match="Cột không có trong dòng tiêu đề của tệp: Q"):
            mappings.save_choices(con, plan, {"cases_pending_overdue": 16})
        mapping_id = mappings.save_choices(con, plan, {"cases_pending_overdue": 12}, user="web:lan")
        row = con.execute("SELECT kind, choices, created_by, file_name FROM column_mappings").fetchall()
        assert row == [("case_stats", '{"cases_pending_overdue": 12}', "web:lan", "bieu06_09.xlsx")]
        audit_rows = con.execute("SELECT action, target FROM audit_log WHERE action = 'column_mapping'").fetchall()
        assert audit_rows == [("column_mapping", "bieu06_09.xlsx")]
    finally:
        con.close()
    # the same header in another file (another section layout, another writer's bytes) loads from the CLI
    code, out = ingest(["--db", db, str(september)])
    assert code == 0, out
    assert f"Ánh xạ cột: theo ánh xạ cột đã lưu số {mapping_id} (lan, " in out
    assert "M: Hồ sơ chậm muộn → (13) Đang giải quyết quá hạn" in out
    assert_figures(metrics_json(db))
    # a header that differs is not covered by it
    other = write(tmp_path, "khac.xlsx", F.xlsx([*ODD_HEADER[:12], "Hồ sơ chậm"], "alone"))
    code, out = ingest(["--db", db, str(other)])
    assert code == 1 and "«(13) Đang giải quyết quá hạn»" in out


def test_fingerprint_ignores_case_diacritics_and_spacing_but_not_order():
    a = mappings.fingerprint(_paths(ODD_HEADER))
    assert a == mappings.fingerprint(_paths([h.upper().replace(" ", "  ") for h in ODD_HEADER]))
    assert a != mappings.fingerprint(_paths([*ODD_HEADER[:11], ODD_HEADER[12], ODD_HEADER[11]]))


@pytest.mark.slow
def test_python_m_oversight_ingest_then_metrics(tmp_path):
    """The real commands, as automation runs them (METRICS.md §7)."""
    db = str(tmp_path / "p.duckdb")
    path = write(tmp_path, "bieu06_web.xls", F.html_xls(F.PORTAL_HEADER, "alone", True))

    def call(*args):
        return subprocess.run(
            [sys.executable, "-m", "oversight", *args], capture_output=True, text=True, cwd=ROOT, timeout=180
        )

    p = call("ingest", "--db", db, str(path))
    assert p.returncode == 0, p.stdout + p.stderr
    assert "Đã nạp: 4 dòng; bị từ chối: 0 dòng" in p.stdout
    p = call("metrics", "--db", db, "--from", "2026-09-01", "--to", "2026-09-30", "--format", "json")
    assert p.returncode == 0, p.stderr
    assert_figures({r["unit_name"]: r for r in json.loads(p.stdout)})
