"""Every query file in queries/ is run by the product, and every query the product names has a file.

Names are found as string literals in the product's Python ("metrics/cases_by_unit"); an f-string such as
f"ingest/rows_insert_{kind}" names every file its fixed parts match. Migrations (queries/schema/) and staging
views (queries/staging/) are run as whole folders. The account store names its files without the folder
(oversight/auth/_sql.py adds "auth/").
"""

from __future__ import annotations

import ast
import re

from oversight.config import QUERIES_DIR, ROOT
from tests.house.test_sql_in_queries import product_files

WHOLE_FOLDERS = {"schema", "staging"}
FOLDERS = {p.name for p in QUERIES_DIR.iterdir() if p.is_dir()}


def query_files() -> set[str]:
    return {
        p.relative_to(QUERIES_DIR).with_suffix("").as_posix()
        for p in QUERIES_DIR.rglob("*.sql")
        if p.relative_to(QUERIES_DIR).parts[0] not in WHOLE_FOLDERS
    }


def named_queries() -> tuple[set[str], list[re.Pattern]]:
    """Literal query names and f-string name patterns in the product's code."""
    names: set[str] = set()
    patterns: list[re.Pattern] = []
    for path in product_files():
        in_auth = path.relative_to(ROOT).parts[:2] == ("oversight", "auth")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        in_fstring = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in in_fstring:
                text = node.value
                if re.fullmatch(r"[a-z_]+/[a-z0-9_]+", text) and text.split("/")[0] in FOLDERS:
                    names.add(text)
                elif in_auth and re.fullmatch(r"[a-z0-9_]+", text):
                    names.add(f"auth/{text}")
            elif isinstance(node, ast.JoinedStr):
                parts = [re.escape(v.value) if isinstance(v, ast.Constant) else "[a-z0-9_]+" for v in node.values]
                pattern = "".join(parts)
                first = node.values[0]
                if isinstance(first, ast.Constant) and str(first.value).split("/")[0] in FOLDERS and "/" in first.value:
                    patterns.append(re.compile(pattern))
    return names, patterns


def test_every_query_file_is_run_by_the_product():
    names, patterns = named_queries()
    unused = sorted(f for f in query_files() if f not in names and not any(p.fullmatch(f) for p in patterns))
    assert unused == []


def test_every_named_query_has_a_file():
    names, _ = named_queries()
    files = query_files()
    folders_named = {n for n in names if not n.startswith("auth/")}
    assert sorted(folders_named - files) == []


# Whole-month twins: the same question answered from the month counts (oversight.metrics chooses the file). Folding
# them into one file made DuckDB plan both paths on every call (2-3x slower, issue 13's note), so they stay two
# files that may differ in nothing but the macro they read.
TWIN_MACROS = {"period_totals": "period_month_totals", "unit_scored": "unit_month_scored"}


def _statement(name: str) -> str:
    text = (QUERIES_DIR / f"{name}.sql").read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("--"))


def test_whole_month_twins_differ_only_in_the_counts_macro():
    files = query_files()
    twins = sorted(
        p
        for p in files
        if p.endswith("_months") and p.removesuffix("_months") in files and p != "metrics/field_list_months"
    )
    assert twins, "no *_months twins found"
    for twin in twins:
        items = _statement(twin.removesuffix("_months"))
        for item_macro, month_macro in TWIN_MACROS.items():
            items = re.sub(rf"\b{item_macro}\(", f"{month_macro}(", items)
        assert items == _statement(twin), twin
