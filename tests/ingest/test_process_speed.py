"""The shortcuts taken for the whole `python -m oversight ingest` process (issue 15, part 1) keep its results.

Speed itself is a benchmark figure (bench/ingest_process_bench.py, bench/RESULTS_ingest_process.md), never
asserted here; what is tested is that each shortcut changes nothing a user or another command sees.
"""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys
from pathlib import Path

from oversight import cli

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> str:
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout.strip()


def test_command_table_names_every_registered_command():
    """cli.COMMANDS (one module imported per command) says exactly what each module registers."""
    registered = {}
    for name in cli.COMMAND_MODULES:
        parser = argparse.ArgumentParser()
        sub = parser.add_subparsers(dest="command")
        importlib.import_module(name).register(sub)
        for command in sub.choices:
            registered[command] = name
    assert registered == cli.COMMANDS


def test_one_command_parses_as_with_every_module():
    argv = ["ingest", "--kind", "cases", "--from", "2025-07-01", "--to", "2025-10-31", "--strict", "a.xlsx"]
    lean = vars(cli.build_parser(argv).parse_args(argv))
    full = vars(cli.build_parser().parse_args(argv))
    assert lean == full
    assert lean["files"] == [Path("a.xlsx")] and lean["strict"] is True


def test_ingest_command_line_does_not_import_other_commands():
    out = _run(
        "import sys; from oversight.cli import build_parser; build_parser(['ingest'])\n"
        "print(','.join(m for m in ('oversight.demo.cli', 'oversight.report_service', 'oversight.lake', 'openpyxl')"
        " if m in sys.modules))"
    )
    assert out == ""


def test_provinces_read_without_importing_the_address_parser():
    """The package's data files are found without running its __init__ (its parser compiles for ~1.5 s)."""
    out = _run(
        "import sys\n"
        "from oversight.units.provinces import current_provinces, former_provinces, predecessors\n"
        "phu_tho = next(p for p in current_provinces() if p.key == 'tinhphutho')\n"
        "print(len(current_provinces()), len(former_provinces()), sorted(p.key for p in predecessors(phu_tho)),"
        " 'vietnamadminunits' in sys.modules)"
    )
    assert out == "34 63 ['tinhhoabinh', 'tinhphutho', 'tinhvinhphuc'] False"


def test_package_data_is_the_packages_own_file():
    from importlib import resources

    from oversight.units.provinces import package_data

    expected = Path(str(resources.files("vietnamadminunits") / "data" / "dataset.db"))
    assert package_data("dataset.db") == expected
    assert expected.is_file()


def _field_scores_every_pattern(kind: str, segments: tuple[str, ...]) -> tuple[tuple[str, float], ...]:
    """field_scores as it was before _fitting: every pattern of every field scored against the path."""
    from oversight.ingest import columns

    if not segments:
        return ()
    if kind == "case_stats" and any(x in segments[-1] or columns._contains(segments[-1], x) for x in columns._IGNORED):
        return ()
    out = []
    for fld, patterns in columns._PATTERNS[kind].items():
        best = max((columns._pattern_score(p, segments) for p in patterns), default=0.0)
        if best > 0:
            out.append((fld, best))
    return tuple(out)


def test_field_scores_with_leaf_prefilter_equal_every_pattern():
    """Header paths built from every pattern's own parts (exact leaves, leaves holding them, wrong prefixes, other
    kinds' words) score exactly as when every pattern is tried."""
    import random

    from oversight.ingest import columns

    parts = sorted({part for table in columns._PATTERNS.values() for ps in table.values() for p in ps for part in p})
    leaves = parts + [f"{a} {b}" for a, b in zip(parts, parts[1:], strict=False)] + ["", "stt", "ghi chu", "ty le %"]
    rng = random.Random(15)
    paths = [(leaf,) for leaf in leaves]
    paths += [(rng.choice(parts), leaf) for leaf in leaves]
    paths += [(rng.choice(parts), rng.choice(parts), leaf) for leaf in leaves]
    checked = matched = 0
    for kind in columns._PATTERNS:
        columns.field_scores.cache_clear()
        for path in paths:
            expected = _field_scores_every_pattern(kind, path)
            assert columns.field_scores(kind, path) == expected, (kind, path)
            checked += 1
            matched += bool(expected)
    assert checked == 4 * len(paths) and matched > len(paths)  # most paths fit some field: the test bites


def test_words_cached_equals_uncached():
    from oversight.ingest import columns
    from oversight.text import fold

    for text in ("Số, ký hiệu (VB)", "NGÀY TIẾP NHẬN", "Tỷ lệ %", "  Mã   hồ sơ\n", "Đơn vị/ Cơ quan"):
        assert columns.words(text) == " ".join(columns._NON_WORD.sub(" ", fold(text)).split())
    assert columns.words("Số, ký hiệu (VB)") == "so ky hieu vb"
    assert columns.words(12) == "12"


def test_whole_process_ingest_of_merged_header_and_hidden_row_equals_in_process(tmp_path):
    """`python -m oversight ingest` (forkserver started first, one command module imported, header detection with
    its caches) stores exactly what the ingest command's handler stores in this process: the messy list with a
    header merged over two rows, a numbering row, sections, a hidden row, a subtotal and a signature block."""
    from oversight import db as dbmod
    from tests.ingest import corpus as C
    from tests.ingest.helpers import write
    from tests.ingest.test_cli import run

    path = write(tmp_path, "messy.xlsx", C.messy_case_list())
    in_process, whole = tmp_path / "in_process.duckdb", tmp_path / "whole.duckdb"
    assert run(["ingest", "--db", str(in_process), str(path)]) == 0
    proc = subprocess.run(
        [sys.executable, "-m", "oversight", "ingest", "--db", str(whole), str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Đã nạp: 3 dòng; bị từ chối: 0 dòng" in proc.stdout  # HS-101, HS-102, HS-104: not the hidden HS-103

    def stored(db_path):
        con = dbmod.connection(
            str(db_path)
        ).cursor()  # the in-process one is still this process's (as in the CLI tests)
        try:
            rows = con.execute(
                "SELECT case_code, unit_id, received, due, done, status_code, source_row FROM cases ORDER BY case_code"
            ).fetchall()
            uploads = con.execute("SELECT rows_read, rows_loaded, details FROM uploads").fetchall()
        finally:
            con.close()
        return rows, uploads

    a, b = stored(in_process), stored(whole)
    assert a == b
    assert [r[0] for r in a[0]] == ["HS-101", "HS-102", "HS-104"]
