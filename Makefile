PY ?= .venv/bin/python

.PHONY: venv run test test-all check lint imports format bench demo

venv:
	python3.11 -m venv .venv && $(PY) -m pip install -q -r requirements-dev.txt

run:
	$(PY) -m streamlit run dashboard.py

# The fast tests (not marked slow: tests/conftest.py, CONTRIBUTING.md "Tests"), on every core.
test:
	$(PY) -m pytest -m "not slow" -n auto --dist loadfile

# Every test, as CI runs them (.ci/run): two workers, a test file per worker.
test-all:
	$(PY) -m pytest -n 2 --dist loadfile

lint:
	$(PY) -m ruff check . && $(PY) -m ruff format --check .

# The import contract (pyproject.toml [tool.importlinter]); tests/house/test_layers.py runs it in CI too.
imports:
	$(dir $(PY))lint-imports

format:
	$(PY) -m ruff format . && $(PY) -m ruff check --fix .

check: lint imports test-all

demo:
	$(PY) -m oversight demo

bench:
	$(PY) bench/metrics_bench.py && $(PY) bench/pages_bench.py && $(PY) bench/ingest_bench.py
