"""Every SQL statement of the product lives in queries/ and runs through the named-query runner (oversight/sql.py).

Two checks over the product's Python (oversight/, pages/, dashboard.py): no string literal that reads as a SQL
statement, and no call that executes SQL (`.execute`, `.executemany`, `.sql`, `.query`) outside the runner
(oversight/sql.py) and the access-checked entry points (oversight/db.py), which execute only files of queries/.
The transaction helper's own BEGIN/COMMIT/ROLLBACK are the one exception. bench/ and tests/ build synthetic
databases and are not the product.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from oversight.config import ROOT

RUNNER = {"oversight/sql.py", "oversight/db.py"}
ALLOWED_LITERALS = {("oversight/sql.py", s) for s in ("BEGIN TRANSACTION", "COMMIT", "ROLLBACK")}
EXECUTING = {"execute", "executemany", "sql", "query"}
STATEMENT = re.compile(
    r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|WITH|BEGIN|COMMIT|ROLLBACK|SET|RESET|PRAGMA|ATTACH|"
    r"DETACH|COPY|EXPORT|IMPORT|CHECKPOINT|FORCE CHECKPOINT|INSTALL|LOAD|TRUNCATE|VACUUM|DESCRIBE|SHOW|CALL|"
    r"SUMMARIZE|FROM)\b(\s|\(|$)"
)


def product_files() -> list[Path]:
    files = [
        ROOT / "dashboard.py",
        *sorted((ROOT / "oversight").rglob("*.py")),
        *sorted((ROOT / "pages").rglob("*.py")),
    ]
    return [f for f in files if f.is_file()]


def _literal_text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "x" for v in node.values)
    return None


def offences(path: Path) -> list[str]:
    rel = path.relative_to(ROOT).as_posix()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(n.body[0].value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and n.body
        and isinstance(n.body[0], ast.Expr)
        and isinstance(n.body[0].value, ast.Constant)
    }
    found = []
    inside_fstring = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
    for node in ast.walk(tree):
        if id(node) in docstrings or id(node) in inside_fstring:
            continue
        text = _literal_text(node)
        if text is not None and STATEMENT.match(text) and (rel, text.strip()) not in ALLOWED_LITERALS:
            found.append(f"{rel}:{node.lineno}: SQL text {text.strip()[:60]!r}")
        if (
            rel not in RUNNER
            and isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in EXECUTING
        ):
            found.append(f"{rel}:{node.lineno}: executes SQL itself (.{node.func.attr}); use oversight.sql")
    return found


@pytest.mark.parametrize("path", product_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_sql_outside_queries(path):
    assert offences(path) == []


def test_the_check_sees_sql_text_and_executing_calls(tmp_path, monkeypatch):
    """The detector itself: a literal statement, an f-string statement and an .execute call are all found."""
    monkeypatch.setattr("tests.house.test_sql_in_queries.ROOT", tmp_path)
    bad = tmp_path / "oversight" / "bad.py"
    bad.parent.mkdir()
    bad.write_text(
        '"""SELECT in a docstring is prose."""\n'
        'A = "SELECT 1"\n'
        'B = f"DELETE FROM t WHERE id = {1}"\n'
        "def f(con):\n    con.execute(A)\n"
        'C = "Chọn đơn vị"\n'
    )
    found = offences(bad)
    assert [f.split(":")[1] for f in found] == ["2", "3", "5"]
