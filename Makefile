# dotool — everyday targets. Works on a fresh machine with Python 3.11+ and git.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SAMPLE_HALF := 2020-H2

.PHONY: report site test test-clock lint bench schema clean install

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

## The tests whose result depends on the day, under simulated days at the edges of halves and
## years and far from today in both directions (DOTOOL_TEST_TODAY stands in for the clock).
CLOCK_DAYS := 2026-12-31 2027-01-01 2027-06-30 2027-07-01 2022-01-15 2031-07-01
test-clock: $(STAMP)
	@for day in $(CLOCK_DAYS); do \
	  echo "== tests marked clock, machine clock at $$day"; \
	  DOTOOL_TEST_TODAY=$$day $(BIN)/python -m pytest -q -m clock -p no:cacheprovider || exit 1; \
	done

schema: $(STAMP)
	$(BIN)/dotool schema

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf build dist .pytest_cache .ruff_cache .mypy_cache
