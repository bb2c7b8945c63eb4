"""The Excel exports read back cell by cell and compared with the metrics API they are built from."""

from __future__ import annotations

import io
import math
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from oversight import exports, metrics
from oversight.exports import GUARD, NOT_ENOUGH_DATA_HEADING, RANKING_COLUMNS
from oversight.metrics_cache import refresh_cache

from .conftest import EXPORTED_AT

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _load(data: bytes):
    return load_workbook(io.BytesIO(data))


def _header_row(ws, first_title: str) -> int:
    for row in range(1, 20):
        if ws.cell(row=row, column=1).value == first_title:
            return row
    raise AssertionError(f"no header row starting with {first_title!r} on {ws.title}")


def _body(ws, header: int, width: int) -> list[list]:
    """The rows under the header up to the first empty row."""
    rows = []
    for row in ws.iter_rows(min_row=header + 1, max_col=width):
        if all(cell.value is None for cell in row):
            break
        rows.append(list(row))
    return rows


def _same(cell_value, expected) -> bool:
    if expected is None or expected is pd.NA or (isinstance(expected, float) and math.isnan(expected)):
        return cell_value is None
    if isinstance(expected, float):
        return cell_value == pytest.approx(expected, rel=1e-12, abs=1e-12)
    if isinstance(expected, str):
        return cell_value == exports.neutralise(expected)
    return cell_value == expected


@pytest.fixture(scope="module")
def ranking(demo_con):
    from .conftest import PERIOD

    return exports.ranking_workbook(demo_con, PERIOD, exported_at=EXPORTED_AT)


@pytest.fixture(scope="module")
def unit_frame(demo_con):
    from .conftest import PERIOD

    return metrics.unit_metrics(demo_con, PERIOD)


def test_one_sheet_per_group_present_then_the_lagging_sheet(ranking, unit_frame):
    wb = _load(ranking)
    present = [exports.GROUP_SHEETS[g] for g in metrics.GROUPS if (unit_frame["unit_group"] == g).any()]
    assert present  # the demo has departments and communes in October 2025
    assert wb.sheetnames == [*present, exports.LAGGING_SHEET]


def test_title_rows_name_the_province_report_and_period(ranking):
    wb = _load(ranking)
    for ws in wb:
        titles = [ws.cell(row=r, column=1).value for r in range(1, 7)]
        assert titles[0] == "UBND TỈNH ĐỒNG NAI"
        assert titles[1] in (exports.RANKING_REPORT, exports.LAGGING_REPORT)
        assert "Kỳ báo cáo: Tháng 10/2025" in titles
        assert "Từ ngày 01/10/2025 đến ngày 31/10/2025" in titles
        assert "Ngày xuất: 05/11/2025 08:30" in titles
        assert ws.cell(row=1, column=1).font.b
    assert _load(ranking)["Cấp xã"]["A3"].value == "Nhóm: Cấp xã"


def test_every_ranked_row_equals_unit_metrics(ranking, unit_frame):
    wb = _load(ranking)
    titles = [c.title for c in RANKING_COLUMNS]
    for group, sheet in exports.GROUP_SHEETS.items():
        expected = unit_frame[(unit_frame["unit_group"] == group) & unit_frame["ranked"]]
        if expected.empty:
            continue
        ws = wb[sheet]
        header = _header_row(ws, "Hạng")
        assert [ws.cell(row=header, column=c).value for c in range(1, len(titles) + 1)] == titles
        body = _body(ws, header, len(titles))
        assert len(body) == len(expected)
        for cells, record in zip(body, expected.to_dict("records"), strict=True):
            for cell, column in zip(cells, RANKING_COLUMNS, strict=True):
                assert _same(cell.value, record[column.key]), (sheet, record["unit_name"], column.key, cell.value)
                assert cell.number_format == column.number_format, (column.key, cell.number_format)
                if cell.value is not None and column.number_format != exports.TEXT:
                    assert cell.data_type == "n", column.key
        ranks = [cells[0].value for cells in body]
        assert ranks == sorted(ranks) and ranks[0] == 1


def test_number_formats_are_the_agreed_ones():
    formats = {c.key: c.number_format for c in RANKING_COLUMNS}
    assert formats["tasks_overdue_rate"] == formats["cases_late_rate"] == formats["feedback_overdue_rate"] == "0.0%"
    assert formats["cases_total"] == formats["rank"] == "#,##0"
    assert formats["score"] == "0.0"


def test_units_below_the_minimum_volume_are_listed_apart(ranking, unit_frame):
    wb = _load(ranking)
    unranked = unit_frame[(unit_frame["unit_group"] == "commune") & ~unit_frame["ranked"]]
    assert not unranked.empty  # the demo has small communes in October 2025
    ws = wb["Cấp xã"]
    header = _header_row(ws, "Hạng")
    ranked_rows = _body(ws, header, len(RANKING_COLUMNS))
    heading = header + len(ranked_rows) + 2  # one empty row, then the heading
    assert ws.cell(row=heading, column=1).value.startswith(NOT_ENOUGH_DATA_HEADING)
    assert ws.cell(row=heading, column=1).font.b
    rows = _body(ws, heading, len(RANKING_COLUMNS))
    assert [r[1].value for r in rows] == list(unranked["unit_name"])
    assert all(r[0].value is None for r in rows)  # no rank
    for cells, record in zip(rows, unranked.to_dict("records"), strict=True):
        for cell, column in zip(cells, RANKING_COLUMNS, strict=True):
            assert _same(cell.value, record[column.key]), (record["unit_name"], column.key)


def test_layout_frozen_header_widths_and_print_setup(ranking):
    wb = _load(ranking)
    for ws in wb:
        first = "Hạng" if ws.title != exports.LAGGING_SHEET else "Chỉ tiêu"
        header = _header_row(ws, first)
        width = ws.max_column
        assert ws.freeze_panes in (f"B{header + 1}", f"C{header + 1}")
        for col in range(1, width + 1):
            cell = ws.cell(row=header, column=col)
            assert cell.font.b and cell.fill.fill_type == "solid" and cell.border.bottom.style == "thin"
            assert ws.column_dimensions[get_column_letter(col)].width >= 6
        assert ws.column_dimensions["B" if first == "Hạng" else "C"].width >= 15  # unit names are wide
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
        assert ws.print_title_rows == f"${header}:${header}"


def test_lagging_sheet_equals_worst_units(ranking, demo_con, period):
    ws = _load(ranking)[exports.LAGGING_SHEET]
    header = _header_row(ws, "Chỉ tiêu")
    body = _body(ws, header, len(exports.LAGGING_COLUMNS))
    expected = []
    for metric, label in exports.LAGGING_METRICS.items():
        worst = metrics.worst_units(demo_con, period, metric, limit=10)
        assert not worst.empty
        for row in worst.itertuples():
            expected.append((label, row.lag_rank, row.unit_name, row.metric_value, row.metric_count, row.metric_volume))
    got = [(r[0].value, r[1].value, r[2].value, r[5].value, r[6].value, r[7].value) for r in body]
    assert len(got) == len(expected)
    for g, e in zip(got, expected, strict=True):
        assert g[:3] == e[:3] and g[4:] == e[4:]
        assert g[3] == pytest.approx(e[3])
    assert {r[5].number_format for r in body} == {"0.0%"}
    assert {r[6].number_format for r in body} == {"#,##0"}


def test_a_group_gives_its_sheet_only(demo_con, period):
    wb = _load(exports.ranking_workbook(demo_con, period, group="department", exported_at=EXPORTED_AT))
    assert wb.sheetnames == ["Sở, ban, ngành", exports.LAGGING_SHEET]
    ws = wb[exports.LAGGING_SHEET]
    body = _body(ws, _header_row(ws, "Chỉ tiêu"), len(exports.LAGGING_COLUMNS))
    assert body and {r[4].value for r in body} == {"Sở, ban, ngành"}


@pytest.mark.parametrize(
    ("kind", "code"), [("tasks", "doc_number"), ("cases", "case_code"), ("feedback", "feedback_code")]
)
def test_items_workbook_equals_overdue_items(demo_con, period, kind, code):
    data = exports.items_workbook(demo_con, period, kind, exported_at=EXPORTED_AT)
    wb = _load(data)
    assert wb.sheetnames == [exports.ITEM_SHEETS[kind]]
    ws = wb.active
    assert ws["A1"].value == "UBND TỈNH ĐỒNG NAI" and ws["A2"].value == exports.ITEM_REPORTS[kind]
    header = _header_row(ws, "STT")
    columns = exports.ITEM_COLUMNS[kind]
    assert [ws.cell(row=header, column=c + 1).value for c in range(len(columns))] == [c.title for c in columns]
    expected = metrics.overdue_items(demo_con, kind, period)
    body = _body(ws, header, len(columns))
    assert len(body) == len(expected) > 0
    keys = [c.key for c in columns]
    for n, (cells, record) in enumerate(zip(body, expected.to_dict("records"), strict=True), start=1):
        assert cells[0].value == n
        assert cells[keys.index(code)].value == exports.neutralise(record[code])
        assert cells[keys.index("days_overdue")].value == record["days_overdue"]
        assert cells[keys.index("unit_name")].value == exports.neutralise(record["unit_name"])
        due = cells[keys.index("due_at")]
        assert due.is_date and due.number_format in (exports.DATE, exports.DATETIME)
        assert due.value.date() == pd.Timestamp(record["due_at"]).date()
    assert ws.freeze_panes == f"A{header + 1}"
    assert ws.print_title_rows == f"${header}:${header}"


def test_items_of_one_unit_name_it(demo_con, period):
    items = metrics.overdue_items(demo_con, "cases", period)
    unit_id, name = int(items["unit_id"].iloc[0]), items["unit_name"].iloc[0]
    ws = _load(exports.items_workbook(demo_con, period, "cases", unit_id=unit_id, exported_at=EXPORTED_AT)).active
    assert ws["A3"].value == f"Đơn vị: {name}"
    header = _header_row(ws, "STT")
    body = _body(ws, header, len(exports.ITEM_COLUMNS["cases"]))
    assert len(body) == int((items["unit_id"] == unit_id).sum())
    assert {r[1].value for r in body} == {name}


def test_items_workbook_rejects_an_unknown_kind(demo_con, period):
    with pytest.raises(ValueError, match="loại dữ liệu"):
        exports.items_workbook(demo_con, period, "letters")


def test_an_empty_database_gives_a_workbook_that_says_so(con, period):
    wb = _load(exports.ranking_workbook(con, period, exported_at=EXPORTED_AT))
    # the units that existed in the period are listed (METRICS.md section 6), none ranked: all under the heading
    # «Chưa đủ số liệu»; the lagging sheet says there is nobody to name
    groups = [exports.GROUP_SHEETS["department"], exports.GROUP_SHEETS["commune"]]
    assert wb.sheetnames == [*groups, exports.LAGGING_SHEET]
    for name in groups:
        cells = [str(c) for row in wb[name].iter_rows(values_only=True) for c in row if c is not None]
        assert any(c.startswith(exports.NOT_ENOUGH_DATA_HEADING) for c in cells), name
    ws = wb[exports.LAGGING_SHEET]
    header = _header_row(ws, "Chỉ tiêu")
    assert ws.cell(row=header + 1, column=1).value.startswith("Không có đơn vị")
    ws = _load(exports.items_workbook(con, period, "tasks", exported_at=EXPORTED_AT)).active
    assert ws.cell(row=_header_row(ws, "STT") + 1, column=1).value.startswith("Không có mục")


# ---------------------------------------------------------------------------------------------- neutralising


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("@SUM(A1:A3)", "'@SUM(A1:A3)"),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("＝1+1", "'＝1+1"),
        ("Phường Trấn Biên", "Phường Trấn Biên"),
        ("1292/UBND-KGVX", "1292/UBND-KGVX"),
        ("a\x07b", "ab"),  # a control character XML forbids
    ],
)
def test_neutralise(text, expected):
    assert exports.neutralise(text) == expected


def _all_cells(wb):
    for ws in wb:
        for row in ws.iter_rows():
            yield from row


def _assert_no_formula(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name
    for cell in _all_cells(_load(data)):
        assert cell.data_type != "f", cell.coordinate
        if isinstance(cell.value, str):
            assert not cell.value.startswith(TRIGGERS), (cell.coordinate, cell.value)


def test_uploaded_text_that_looks_like_a_formula_stays_text(private_con, period):
    con = private_con
    target = metrics.worst_units(con, period, "tasks_overdue_rate", limit=1)
    unit_id = int(target["unit_id"].iloc[0])
    cur = con.cursor()
    cur.execute("UPDATE units SET name = '=1+1' WHERE unit_id = ?", [unit_id])
    overdue = metrics.overdue_items(con, "tasks", period, unit_id=unit_id)
    upload_id, source_row = int(overdue["upload_id"].iloc[0]), int(overdue["source_row"].iloc[0])
    cur.execute(
        "UPDATE tasks SET content = '@SUM(A1:A9)', doc_number = '+cmd|calc', unit_name = '-2+3'"
        " WHERE upload_id = ? AND source_row = ?",
        [upload_id, source_row],
    )
    cur.close()
    refresh_cache(con, force=True)

    ranking = exports.ranking_workbook(con, period, exported_at=EXPORTED_AT)
    _assert_no_formula(ranking)
    wb = _load(ranking)
    hits = [c for c in _all_cells(wb) if c.value == GUARD + "=1+1"]
    assert len(hits) >= 2  # the ranking sheet and the lagging sheet
    assert all(c.data_type == "s" for c in hits)

    items = exports.items_workbook(con, period, "tasks", unit_id=unit_id, exported_at=EXPORTED_AT)
    _assert_no_formula(items)
    values = {c.value for c in _all_cells(_load(items)) if isinstance(c.value, str)}
    assert {"'@SUM(A1:A9)", "'+cmd|calc", "'-2+3", "'=1+1", "Đơn vị: =1+1"} <= values


def test_demo_feedback_starting_with_at_is_guarded(demo_con, period):
    """The demo generator writes a feedback item whose text starts with '@UBND tỉnh' (real exports do)."""
    data = exports.items_workbook(demo_con, period, "feedback", exported_at=EXPORTED_AT)
    _assert_no_formula(data)
    guarded = [c for c in _all_cells(_load(data)) if isinstance(c.value, str) and c.value.startswith("'@")]
    assert guarded and all(c.data_type == "s" for c in guarded)
