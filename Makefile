# dotool — everyday targets. Works on a fresh machine with Python 3.11+ and git.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SAMPLE_HALF := 2020-H2

LOCK   := requirements/dev.txt

.PHONY: report site test test-clock lint bench schema clean install lock dist mutate

# The virtual environment is (re)installed when the lock file or pyproject.toml changes. Every
# package comes from the lock, with its hash: CI, a newcomer and a developer run the same
# versions. dotool itself is installed editable on top, without touching the locked set.
$(STAMP): pyproject.toml $(LOCK)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
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

AXE := tests/browser/node_modules/axe-core/axe.min.js
# axe-core for the accessibility checks of the browser tests, pinned by package-lock.json;
# installed whenever npm is there (without npm the browser tests say why they skip).
$(AXE): tests/browser/package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --prefix tests/browser --no-audit --no-fund --silent && touch $(AXE); \
	else echo "npm not found: the browser tests will be skipped (apt-get install npm)"; fi

## The whole suite, the sample's validation and the schema check.
test: $(STAMP) $(AXE)
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

## Refresh the lock files to the newest versions pyproject.toml allows (then run `make test`,
## review the diff of requirements/ and of any golden file the new versions change).
LOCK_ARGS := --generate-hashes --universal --python-version 3.11 --upgrade --quiet \
	--custom-compile-command "make lock"
lock: $(STAMP)
	$(BIN)/uv pip compile pyproject.toml requirements/build.in --extra dev $(LOCK_ARGS) \
	  -o requirements/dev.txt
	$(BIN)/uv pip compile pyproject.toml --extra render $(LOCK_ARGS) -o requirements/run.txt

## Build the sdist and the wheel into dist/ with the locked hatchling: no build isolation, so
## nothing unpinned is fetched (--offline makes sure). The wheel is built from the sdist, which
## proves the sdist complete; both are reproducible (the same bytes on every run).
dist: $(STAMP)
	rm -rf dist
	$(BIN)/uv build --offline --no-build-isolation --python $(BIN)/python --out-dir dist
	@rm -f dist/.gitignore

schema: $(STAMP)
	$(BIN)/dotool schema

## Mutation testing ([tool.mutmut] in pyproject.toml) of the loader, the checks, the models and
## the projection; not part of `make test` or CI: it takes hours on two cores. Limit it to some
## modules with MUTANTS, e.g. `make mutate MUTANTS='dotool.checks.*'`; then
## `.venv/bin/python tests/mutation_report.py --survivors` lists the survivors not explained as
## equivalent in tests/mutation_equivalents.txt, and `mutmut show NAME` shows one. A pattern
## re-runs every mutant it matches, even those with a result; to continue a stopped run, name
## the rest: `make mutate MUTANTS="$$(.venv/bin/python tests/mutation_report.py --not-run
## dotool.checks)"`. Run with `--max-children 1` on a shared machine (MUTMUT_ARGS).
mutate: $(STAMP)
	$(BIN)/mutmut run $(MUTMUT_ARGS) $(MUTANTS)
	$(BIN)/python tests/mutation_report.py

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf build dist .pytest_cache .ruff_cache .mypy_cache mutants
