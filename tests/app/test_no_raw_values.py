"""No table on any page hands Streamlit an empty value: its grid draws a missing cell as «None» on a canvas,
which the browser check (tests/e2e/test_words.py) cannot read, so every table is checked here as the page
gives it (AppTest runs every tab's content). Also every chart drawn without Plotly's English mode bar."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from oversight.ui.navigation import PAGES
from tests.app.conftest import signed_in
from tests.conftest import ROOT


def _missing_cells(frame: pd.DataFrame) -> list[str]:
    found = []
    for column in frame.columns:
        for index, value in frame[column].items():
            if value is None or (not isinstance(value, (list, tuple, dict)) and pd.isna(value)):
                found.append(f"{column!r} dòng {index}")
            elif isinstance(value, str) and value.strip() in ("None", "nan", "NaN", "NaT", "<NA>"):
                found.append(f"{column!r} dòng {index}: {value!r}")
    return found


@pytest.mark.parametrize("spec", PAGES, ids=[p.url_path for p in PAGES])
def test_tables_show_no_missing_value_and_charts_no_mode_bar(app_db, spec):
    at = signed_in(app_db, "admin")  # offered every page
    at.run()
    at.switch_page(str(ROOT / spec.script)).run()
    assert not at.exception, at.exception
    problems = []
    for i, table in enumerate(at.dataframe):
        problems += [f"bảng {i}: {cell}" for cell in _missing_cells(table.value)]
    assert not problems, f"{spec.title}: ô trống hiện thành «None»:\n" + "\n".join(problems[:40])
    for chart in at.get("plotly_chart"):
        config = json.loads(chart.proto.config) if chart.proto.config else {}
        assert config.get("displayModeBar") is False, spec.title


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_upload_previews_show_no_missing_value(app_db, demo_files):
    """The preview of every kind of export (its empty cells: no completion date, no deadline) before «Nạp»."""
    files = sorted(demo_files.glob("2025-10_*.xlsx"))
    assert len(files) >= 4
    at = signed_in(app_db, "uploader")
    at.run()
    at.switch_page(str(ROOT / "pages" / "upload.py")).run()
    at.file_uploader[0].set_value([(f.name, f.read_bytes(), XLSX) for f in files]).run()
    assert not at.exception, at.exception
    assert len(at.dataframe) >= 3 * len(files)  # per file: what was understood, the column mapping, the preview
    problems = []
    for i, table in enumerate(at.dataframe):
        problems += [f"bảng {i}: {cell}" for cell in _missing_cells(table.value)]
    assert not problems, "\n".join(problems[:40])
