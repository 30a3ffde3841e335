# dotool — everyday targets. Works on a fresh machine with Python 3.11+ and git.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SAMPLE_HALF := 2020-H2

.PHONY: report site test lint bench schema clean install

# The virtual environment is (re)installed when pyproject.toml changes.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

## Render the bundled sample's committee report for $(SAMPLE_HALF).
report: $(STAMP)
	$(BIN)/dotool validate
	$(BIN)/dotool report --half $(SAMPLE_HALF) -o build/sachstandsbericht-$(SAMPLE_HALF).pdf
	$(BIN)/dotool report --half $(SAMPLE_HALF) -o build/sachstandsbericht-$(SAMPLE_HALF).html
	@echo build/sachstandsbericht-$(SAMPLE_HALF).pdf
	@echo build/sachstandsbericht-$(SAMPLE_HALF).html

## Render the bundled sample's public website (with its open data) into build/site.
site: $(STAMP)
	$(BIN)/dotool site -o build/site
	@echo build/site/index.html

## The whole suite, the sample's validation and the schema check.
test: $(STAMP)
	$(BIN)/dotool schema --check
	$(BIN)/dotool validate
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check .
	$(BIN)/mypy

schema: $(STAMP)
	$(BIN)/dotool schema

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf build dist .pytest_cache .ruff_cache .mypy_cache
