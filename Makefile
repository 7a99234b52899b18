# Oversight — set-up, tests and demo. Everything installs into .venv with the standard library's venv and pip.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install test lint typecheck pytest demo reference train bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

lint: install
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/ruff format --check src tests scripts bench

typecheck: install
	$(BIN)/mypy src tests scripts bench

# Runs the suite against SQLite and against a throwaway PostgreSQL cluster that scripts/with-postgres starts
# (when the PostgreSQL binaries are on the machine and OVERSIGHT_TEST_POSTGRES_URL is not already set).
pytest: install
	scripts/with-postgres $(BIN)/pytest -q

test: lint typecheck pytest

DEMO_DB ?= demo.db
demo: install
	$(BIN)/oversight demo --db $(DEMO_DB)

# Regenerates the generated reference files (countries, cities) from pycountry and GeoNames.
reference: install
	$(BIN)/python -m pip install --quiet -e '.[data]'
	$(BIN)/python scripts/build_reference.py

# Retrains the extractor's scorer on the gold set and the project's own passages; prints cross-validated figures.
GOLD ?= ../shared/gold/dev.jsonl
train: install
	$(BIN)/python scripts/train_extractor.py $(GOLD) --extra training/extract/*.jsonl --save

# Benchmarks: each prints one JSON line of figures.
bench: install
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/extract.py --workers 2

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
