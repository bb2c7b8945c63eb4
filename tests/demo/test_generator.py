"""The generator's API and command: determinism, month subsets, ensure_demo, the `demo` sub-command."""

from __future__ import annotations

import argparse
import json
from datetime import date

import pytest

from oversight.demo import cli, generator
from oversight.demo.generator import Manifest, ensure_demo, generate
from tests.demo.readers import html_rows, sheet_rows

MONTHS = [date(2025, 6, 1), date(2025, 7, 1)]


def _cells(path):
    if path.suffix == ".xls":
        return [[t for t, _ in r] for r in html_rows(path)]
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    return {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    a, b = tmp_path_factory.mktemp("a"), tmp_path_factory.mktemp("b")
    return a, generate(a, months=MONTHS), b, generate(b, months=MONTHS)


@pytest.mark.slow
def test_same_seed_same_cells(two_runs):
    a, ma, b, mb = two_runs
    assert [f.file for f in ma.files] == [f.file for f in mb.files]
    assert len(ma.files) == 8
    for f in ma.files:
        assert _cells(a / f.file) == _cells(b / f.file), f.file
    strip = lambda m: {k: v for k, v in json.loads(m.to_json()).items() if k != "generated_seconds"}  # noqa: E731
    assert strip(ma) == strip(mb)


@pytest.mark.slow
def test_other_seed_other_data(two_runs, tmp_path):
    a, ma, _b, _mb = two_runs
    other = generate(tmp_path, seed=7, months=[date(2025, 6, 1)])
    assert other.files[0].file == ma.files[0].file
    assert _cells(tmp_path / other.files[0].file) != _cells(a / ma.files[0].file)


@pytest.mark.slow
def test_manifest_round_trip(two_runs):
    a, ma, _b, _mb = two_runs
    loaded = Manifest.load(a / "manifest.json")
    assert loaded.files == ma.files
    entry = next(f for f in loaded.files if f.kind == "case_stats")
    assert set(entry.totals) == set(entry.columns) and len(entry.columns) == 11
    assert entry.period_from == "2025-06-01" and entry.period_to == "2025-06-30"
    assert {f.kind for f in loaded.files} == {"tasks", "cases", "case_stats", "feedback"}
    assert loaded.totals["cases"] > 0 and loaded.totals["tasks"] > 0 and loaded.totals["feedback"] > 0


@pytest.mark.slow
def test_existing_demo_needs_force(two_runs):
    a, _ma, _b, _mb = two_runs
    with pytest.raises(FileExistsError):
        generate(a, months=MONTHS)


def test_months_out_of_range(tmp_path):
    with pytest.raises(ValueError):
        generate(tmp_path, months=[date(2024, 12, 1)])


@pytest.mark.slow
def test_ensure_demo_generates_only_when_incomplete(tmp_path, monkeypatch):
    calls = []

    def fake_generate(out, seed=generator.DEFAULT_SEED, months=None, force=False):
        calls.append(out)
        return generate(out, seed=seed, months=MONTHS, force=True)

    monkeypatch.setattr(generator, "generate", fake_generate)
    paths = ensure_demo(tmp_path)
    assert calls and all(p.exists() for p in paths)
    calls.clear()
    ensure_demo(tmp_path)  # only 8 files of 88: still incomplete
    assert calls


@pytest.mark.slow
def test_ensure_demo_keeps_a_complete_demo(demo, monkeypatch):
    monkeypatch.setattr(generator, "generate", lambda *a, **k: pytest.fail("regenerated"))
    paths = ensure_demo(demo["dir"])
    assert len(paths) == 88


@pytest.mark.slow
def test_whole_province_is_fast(demo):
    assert demo["seconds"] < 90  # about 30 s of CPU; generous for a loaded CI machine


@pytest.mark.slow
def test_cli_registers_demo(tmp_path, monkeypatch, capsys):
    parser = argparse.ArgumentParser()
    cli.register(parser.add_subparsers(dest="command"))
    monkeypatch.setattr(
        cli, "generate", lambda out, seed, force, workers: generate(out, seed=seed, months=MONTHS, force=force)
    )
    args = parser.parse_args(["demo", "--out", str(tmp_path / "d")])
    assert args.handler(args) == 0
    assert "Đã tạo 8 file" in capsys.readouterr().out
    args = parser.parse_args(["demo", "--out", str(tmp_path / "d")])
    assert args.handler(args) == 1
    assert "--force" in capsys.readouterr().err
    args = parser.parse_args(["demo", "--out", str(tmp_path / "d"), "--force", "--seed", "3"])
    assert args.handler(args) == 0


def test_cli_default_out_is_the_settings_demo_dir(tmp_path, monkeypatch):
    parser = argparse.ArgumentParser()
    cli.register(parser.add_subparsers(dest="command"))
    seen = {}

    def record(out, seed, force, workers):
        seen["out"] = out
        raise FileExistsError("đã có")

    monkeypatch.setattr(cli, "generate", record)
    args = parser.parse_args(["demo"])
    assert args.handler(args) == 1
    assert str(seen["out"]).endswith("data/demo")
    assert str(tmp_path) in str(seen["out"])


@pytest.mark.slow
def test_sheet_rows_reader_reads_subset(two_runs):
    a, ma, _b, _mb = two_runs
    entry = next(f for f in ma.files if f.kind == "feedback")
    assert len(sheet_rows(a / entry.file)) > entry.rows
