PY ?= .venv/bin/python

.PHONY: venv run test check lint format bench demo

venv:
	python3.11 -m venv .venv && $(PY) -m pip install -q -r requirements-dev.txt

run:
	$(PY) -m streamlit run dashboard.py

test:
	$(PY) -m pytest

lint:
	$(PY) -m ruff check . && $(PY) -m ruff format --check .

format:
	$(PY) -m ruff format . && $(PY) -m ruff check --fix .

check: lint test

demo:
	$(PY) -m oversight demo

bench:
	$(PY) bench/metrics_bench.py && $(PY) bench/pages_bench.py && $(PY) bench/ingest_bench.py
