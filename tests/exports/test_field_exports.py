"""Exports follow the sidebar's field (lĩnh vực) filter: the workbooks and the brief hold that field's figures
only, and say so in their title rows."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from oversight import brief, exports, metrics

from .conftest import EXPORTED_AT, PERIOD


@pytest.fixture(scope="module")
def field(demo_con) -> str:
    """The case field with the most late items in October 2025 (the demo's land cases, as it happens)."""
    items = metrics.overdue_items(demo_con, "cases", PERIOD)
    named = items[items["field"].notna()]
    return named["field"].value_counts().index[0]


def _titles(ws) -> list:
    return [ws.cell(row=r, column=1).value for r in range(1, 8)]


def test_the_ranking_workbook_holds_the_fields_figures(demo_con, field):
    filtered = metrics.unit_metrics(demo_con, PERIOD, field=field)
    everything = metrics.unit_metrics(demo_con, PERIOD)
    book = load_workbook(io.BytesIO(exports.ranking_workbook(demo_con, PERIOD, field=field, exported_at=EXPORTED_AT)))
    first = book.worksheets[0]
    assert f"Lĩnh vực: {field}" in _titles(first)
    header = next(r for r in range(1, 12) if first.cell(row=r, column=1).value == "Hạng")
    names = [first.cell(row=r, column=2).value for r in range(header + 1, first.max_row + 1)]
    in_sheet = filtered[filtered["unit_group"] == filtered["unit_group"].iloc[0]]
    assert set(in_sheet["unit_name"]) <= set(names)
    # the filter changes the figures: fewer cases than over every field
    assert filtered["cases_total"].sum() < everything["cases_total"].sum()


def test_the_items_workbook_lists_only_the_fields_items(demo_con, field):
    expected = metrics.overdue_items(demo_con, "cases", PERIOD, field=field)
    book = load_workbook(io.BytesIO(exports.items_workbook(demo_con, PERIOD, "cases", group="all", field=field)))
    ws = book.active
    assert f"Lĩnh vực: {field}" in _titles(ws)
    header = next(r for r in range(1, 12) if ws.cell(row=r, column=1).value == "STT")
    codes = [
        ws.cell(row=r, column=3).value for r in range(header + 1, ws.max_row + 1) if ws.cell(row=r, column=1).value
    ]
    assert len(codes) == len(expected) > 0


def test_the_brief_states_the_field_and_uses_its_figures(demo_con, field):
    content = brief.brief_content(demo_con, PERIOD, field=field, exported_at=EXPORTED_AT)
    kpis = metrics.province_kpis(demo_con, PERIOD, field=field)
    assert content.scope_line.endswith(f"lĩnh vực: {field}")
    assert content.figures == brief.key_figures(kpis)
    assert content.figures != brief.brief_content(demo_con, PERIOD, exported_at=EXPORTED_AT).figures
