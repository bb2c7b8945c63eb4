"""The import contract: pages/ and dashboard.py → oversight.ui → the core → oversight.db → the modules below db.

The contract itself is import-linter's, in pyproject.toml `[tool.importlinter]` (one place, read by `lint-imports`
in `make check` and by the first test here in CI). What import-linter cannot see is checked here with the AST:
- a function-level (lazy) import of an oversight module must not point upward (to a higher layer) nor hide an
  import cycle (the imported module reaching back to the importer);
- every module of oversight/units/ is given its layer (the package is split across the core and below db, so
  the exhaustive check of the layers contract, which looks at top-level modules only, does not cover it);
- pages/ and dashboard.py are scripts, not a package: they import streamlit, oversight.ui and the core, never
  the database directly (oversight.db, oversight.sql, duckdb), and never one another.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest

from oversight.config import ROOT

PACKAGE = ROOT / "oversight"
SCRIPTS = [ROOT / "dashboard.py", *sorted((ROOT / "pages").glob("*.py"))]
# What pages and dashboard.py may not import: the database is reached through oversight.ui.data (its session
# per page run and its caches) or through a core function handed the connection it gives.
PAGES_NEVER_IMPORT = ("oversight.db", "oversight.sql", "duckdb", "pages", "dashboard")


def _contracts() -> list[dict]:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)["tool"]["importlinter"]["contracts"]


def _layers() -> list[list[str]]:
    """The layers contract's layers, top first, each a list of full module names (optional ones included)."""
    (contract,) = [c for c in _contracts() if c["id"] == "layers"]
    (container,) = contract["containers"]
    layers = []
    for layer in contract["layers"]:
        tails = [t.strip().strip("()") for t in layer.replace("|", ":").split(":")]
        layers.append([f"{container}.{tail}" for tail in tails])
    return layers


def layer_of(module: str) -> int | None:
    """The index of the layer a module belongs to (0 is the top, oversight.ui); None when no layer names it."""
    best: tuple[int, int] | None = None  # (length of the matching name, layer)
    for index, names in enumerate(_layers()):
        for name in names:
            if (module == name or module.startswith(name + ".")) and (best is None or len(name) > best[0]):
                best = (len(name), index)
    return None if best is None else best[1]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported(node: ast.Import | ast.ImportFrom, importer: str, is_package: bool) -> list[str]:
    """The modules an import statement names (for `from a import b`: a.b when b is a module, else a)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        base = importer.split(".")
        base = base if is_package else base[:-1]
        base = base[: len(base) - (node.level - 1)]
        module = ".".join(base + ([node.module] if node.module else []))
    else:
        module = node.module or ""
    names = []
    for alias in node.names:
        candidate = f"{module}.{alias.name}"
        names.append(candidate if _exists(candidate) else module)
    return names


def _exists(module: str) -> bool:
    path = ROOT.joinpath(*module.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def lazy_imports() -> list[tuple[str, int, str]]:
    """(importer, line, imported) for every import of an oversight module inside a function."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        importer = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    for imported in _imported(node, importer, path.name == "__init__.py"):
                        if imported == "oversight" or imported.startswith("oversight."):
                            found.append((importer, node.lineno, imported))
    return sorted(set(found))


def test_import_linter_contracts_are_kept():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120
    )
    assert result.returncode == 0, result.stdout[result.stdout.find("Contracts") :] + result.stderr


def test_the_layers_are_the_documented_ones():
    """The picture in CONTRIBUTING.md: ui on top, then the core, db, and below db the modules db needs."""
    layers = _layers()
    assert layers[0] == ["oversight.ui"]
    assert layers[2] == ["oversight.db"]
    assert set(layers[3]) == {
        "oversight.sql",
        "oversight.config",
        "oversight.units.registry",
        "oversight.units.provinces",
        "oversight.units.names",
        "oversight.text",
        "oversight.access",
        "oversight.clock",
        "oversight.memo",
    }


def test_every_units_module_has_a_layer():
    missing = [
        _module_name(p)
        for p in sorted((PACKAGE / "units").glob("*.py"))
        if p.name != "__init__.py" and layer_of(_module_name(p)) is None
    ]
    assert not missing, f"give these modules their layer in pyproject.toml [tool.importlinter]: {missing}"


def test_no_lazy_import_points_upward():
    upward = [
        f"{importer}:{line} imports {imported} from a function"
        for importer, line, imported in lazy_imports()
        if imported != "oversight"
        and None not in (layer_of(importer), layer_of(imported))
        and layer_of(imported) < layer_of(importer)
    ]
    assert not upward, "\n".join(upward)


def test_no_lazy_import_hides_a_cycle():
    """A function-level import of a module that itself reaches back to the importer is a circle made invisible."""
    graph = grimp.build_graph("oversight", cache_dir=None)
    hidden = []
    for importer, line, imported in lazy_imports():
        if imported == "oversight" or imported == importer:
            continue
        chain = graph.find_shortest_chain(importer=imported, imported=importer)
        if chain:
            hidden.append(f"{importer}:{line} imports {imported}, which imports it back: {' → '.join(chain)}")
    assert not hidden, "\n".join(hidden)


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_pages_reach_the_database_only_through_the_package(script):
    """Today the pages import streamlit, pandas, oversight.ui (components, data, downloads, guard, kind_page,
    navigate, print_view, uploads, admin), and from the core access, charts, explain, formatting, metrics, tables,
    units.admin and config (load_settings); dashboard.py also bootstrap and service."""
    tree = ast.parse(script.read_text(encoding="utf-8"), filename=str(script))
    wrong, unknown = [], []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Import | ast.ImportFrom) or getattr(node, "level", 0):
            continue
        for imported in _imported(node, "pages.x", False):
            if any(imported == name or imported.startswith(name + ".") for name in PAGES_NEVER_IMPORT):
                wrong.append(f"line {node.lineno}: {imported}")
            if imported.startswith("oversight") and not _exists(imported):
                unknown.append(f"line {node.lineno}: {imported}")
    assert not wrong, f"{script.name} reaches past oversight.ui and the core: {wrong}"
    assert not unknown, f"{script.name} imports modules that do not exist: {unknown}"
