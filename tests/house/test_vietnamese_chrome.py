"""Streamlit's and Plotly's own English stays out of sight (oversight/ui/chrome.py): every chart goes through
chrome.chart (no mode bar), every page run injects the style sheet and the attribute script, the main menu is
off. What the browser then shows is checked by tests/e2e/test_words.py."""

from __future__ import annotations

import ast
import tomllib

from oversight.ui import chrome
from tests.conftest import ROOT


def _scripts():
    yield ROOT / "dashboard.py"
    yield from sorted((ROOT / "pages").glob("*.py"))
    yield from sorted((ROOT / "oversight" / "ui").glob("*.py"))


def _calls(path, name: str) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        n.lineno
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == name
    ]


def test_every_chart_goes_through_chrome_chart():
    direct = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in _scripts()
        if path.name != "chrome.py"
        for line in _calls(path, "plotly_chart")
    ]
    assert direct == [], "st.plotly_chart outside chrome.chart (Plotly's English mode bar): " + ", ".join(direct)


def test_every_page_run_injects_the_chrome_and_the_menu_is_off():
    assert _calls(ROOT / "dashboard.py", "vietnamese_chrome"), "dashboard.py must call chrome.vietnamese_chrome()"
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["toolbarMode"] == "minimal"
    assert chrome.CHART_CONFIG["displayModeBar"] is False


def test_the_style_sheet_says_it_in_vietnamese():
    css = chrome.style_sheet(200)
    assert 'content:"Chọn tệp"' in css
    assert 'content:"Kéo thả tệp vào đây · tối đa 200 MB mỗi tệp"' in css
    assert 'content:"Dừng"' in css
    assert '[data-testid="stElementToolbar"]{display:none!important}' in css
    assert "visibility:hidden" in css  # the English text is hidden, not only shrunk (innerText leaves it out)
    script = chrome.attribute_script()
    assert '"Add files": "Thêm tệp"' in script and '"Choose an option": "Chọn…"' in script
    assert "<" not in script  # nothing that could close the <script> element early
