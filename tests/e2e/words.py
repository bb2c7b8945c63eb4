"""What a person reads on a page, collected in the browser, and the words that must not be among it.

`collect(page)` gathers the visible text of the main area and the sidebar (icons' ligature names left out),
the cells of the tables (Streamlit draws them on a canvas; the cells are read from the grid's accessible
table), the texts drawn in Plotly charts and their mode bar's tooltips, and the title, aria-label and
(for an empty field) placeholder of the visible buttons and inputs. `offenders(texts)` returns what is
English UI or a raw value: Streamlit's and Plotly's own words, Python's None/nan/NaT/True/False, snake_case
identifiers (brief_pdf, items_workbook) and JSON.
"""

from __future__ import annotations

import re

# Words of Streamlit's and Plotly's own user interface, and Python's raw values, as whole words
# (case-sensitive: «Pan» is Plotly's, «pan» is nothing here).
ENGLISH = (
    "Upload", "Browse files", "Drag and drop", "per file", "Add files", "Remove file", "Stop", "Running",
    "Deploy", "Rerun", "Settings", "Clear cache", "Clear caches", "Print", "Record a screencast", "About",
    "Download", "Download as CSV", "Zoom", "Zoom in", "Zoom out", "Pan", "Autoscale", "Reset axes",
    "Download plot as a png", "Produced with Plotly", "Box Select", "Lasso Select", "Toggle", "Select",
    "Search", "Fullscreen", "Show/hide columns", "Choose an option", "No results", "Page not found",
    "Loading", "Press Enter", "Submit", "Error", "Traceback", "Exception",
    "None", "nan", "NaN", "NaT", "True", "False", "null", "undefined", "Infinity", "inf",
)  # fmt: skip
_ENGLISH_RE = re.compile(r"(?<![\w/])(" + "|".join(re.escape(w) for w in ENGLISH) + r")(?![\w/])")
# snake_case identifiers (two or more lower-case parts) and JSON: what code writes, never a person.
_IDENTIFIER_RE = re.compile(r"(?<![\w.@/-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w.@/-])")
_JSON_RE = re.compile(r'[{\[]\s*"[^"]*"\s*:|"\s*:\s*[{\["0-9]')
# Tokens a person legitimately reads that look like the above: names of files (uploaded, or offered for
# download), which keep their underscores.
_FILE_NAME_RE = re.compile(r"[\w.()\[\] -]+\.(?:xlsx|xlsm|xls|csv|html|htm|pdf|docx|zip|json|txt)\b", re.I)
ALLOWED: tuple[str, ...] = ()  # add a token here only with the reason beside it

COLLECT_JS = r"""
() => {
  const visible = (el) => el && el.checkVisibility({visibilityProperty: true, opacityProperty: false});
  const skip = (el) => el.closest('[data-testid="stIconMaterial"], [translate="no"], script, style, canvas');
  const out = [];
  const roots = '[data-testid="stMain"], [data-testid="stSidebar"], [role="application"], [role="listbox"], '
    + '[role="dialog"]';
  for (const root of document.querySelectorAll(roots)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const el = node.parentElement;
      const text = node.textContent.trim();
      if (!text || !el || skip(el) || !visible(el)) continue;
      out.push(["text", text]);
    }
  }
  // Table cells: drawn on a canvas; the grid keeps an accessible copy of the cells it shows.
  for (const grid of document.querySelectorAll('[data-testid="stDataFrame"], [data-testid="stTable"]')) {
    if (!visible(grid)) continue;
    for (const cell of grid.querySelectorAll('table th, table td')) {
      const text = cell.textContent.trim();
      if (text) out.push(["cell", text]);
    }
  }
  // Charts: what Plotly draws (axis titles, tick labels, bar texts) and its mode bar's tooltips.
  for (const chart of document.querySelectorAll('.js-plotly-plot')) {
    if (!visible(chart)) continue;
    for (const t of chart.querySelectorAll('svg text')) {
      const text = t.textContent.trim();
      if (text) out.push(["chart", text]);
    }
    for (const b of chart.querySelectorAll('.modebar-btn')) {
      out.push(["chart tooltip", b.getAttribute('data-title') || b.getAttribute('aria-label') || '']);
    }
  }
  for (const el of document.querySelectorAll('button, input, textarea, select, a, [role="button"], [title]')) {
    if (!visible(el)) continue;
    const title = el.getAttribute('title');
    if (title) out.push(["title", title]);
    const label = el.getAttribute('aria-label');
    if (label) out.push(["aria-label", label]);
    const holder = el.getAttribute('placeholder');
    if (holder && !el.value) out.push(["placeholder", holder]);
  }
  return out;
}
"""


CLIPPED_JS = r"""
() => {
  const out = [];
  for (const chart of document.querySelectorAll('.js-plotly-plot')) {
    if (!chart.checkVisibility()) continue;
    const box = chart.getBoundingClientRect();
    for (const t of chart.querySelectorAll('svg text')) {
      const r = t.getBoundingClientRect();
      const text = t.textContent.trim();
      if (!text || r.width === 0) continue;
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
        out.push(text);
      }
    }
  }
  return out;
}
"""


def clipped(page) -> list[str]:
    """Texts of the visible charts that stick out of their chart (cut off on the screen)."""
    return list(page.evaluate(CLIPPED_JS))


def collect(page) -> list[tuple[str, str]]:
    """(where, text) pairs of what the page shows now."""
    return [(where, text) for where, text in page.evaluate(COLLECT_JS)]


def offenders(texts: list[tuple[str, str]]) -> list[str]:
    """What among `texts` is an English UI word or a raw value, as «where: word — in "text"»."""
    found = []
    for where, text in texts:
        clean = _FILE_NAME_RE.sub(" ", text)
        for token in ALLOWED:
            clean = clean.replace(token, " ")
        hits = [m.group(1) for m in _ENGLISH_RE.finditer(clean)]
        hits += [m.group(0) for m in _IDENTIFIER_RE.finditer(clean)]
        hits += ["JSON"] if _JSON_RE.search(clean) else []
        found.extend(f"{where}: {hit} — in {text[:120]!r}" for hit in hits)
    return found
