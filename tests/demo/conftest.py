"""The whole demo province, generated once per test session into a temporary folder."""

from __future__ import annotations

import json
import time

import pytest

from oversight.demo.generator import generate


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    started = time.perf_counter()
    generate(out, workers=2)
    elapsed = time.perf_counter() - started
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {"dir": out, "manifest": manifest, "seconds": elapsed}
