# The two commands of the README: `make demo` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: test test-oldest demo lint bench bench-longlived bench-fleet stress clean

RUNS ?= 20

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,emulator,examples]'
	touch $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check aiovideo tests benchmarks examples
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

test: lint
	$(BIN)/pytest

# The suite again on the oldest aiohttp the package claims (pyproject's `aiohttp>=X`), in a
# virtual environment of its own; `make test` runs on the newest. CI runs both.
OLDEST_AIOHTTP := $(shell sed -n 's/^ *"aiohttp>=\([0-9.]*\)".*/\1/p' pyproject.toml)
OLDEST := .venv-oldest
$(OLDEST)/.installed: pyproject.toml
	test -x $(OLDEST)/bin/python || $(PYTHON) -m venv $(OLDEST)
	$(OLDEST)/bin/python -m pip install --quiet --upgrade pip
	$(OLDEST)/bin/python -m pip install --quiet -e '.[dev,emulator,examples]' 'aiohttp==$(OLDEST_AIOHTTP)'
	touch $@

# Coverage is measured by `make test`; this run checks behaviour. No cache: CI runs it beside
# `make test`, which writes its own.
test-oldest: $(OLDEST)/.installed
	$(OLDEST)/bin/python -c 'import aiohttp; print("aiohttp", aiohttp.__version__)'
	$(OLDEST)/bin/pytest --no-cov -p no:cacheprovider

demo: $(STAMP)
	$(BIN)/aiovideo batch examples/prompts.txt --emulator --out videos

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/bulk.py

# One bot-like Client through 3,000 generations: the memory it keeps per finished generation.
bench-longlived: $(STAMP)
	$(BIN)/python benchmarks/longlived.py

# 1, 2 and 4 `aiovideo batch` workers on one journal, one killed every 10 s (JOURNAL=URL).
bench-fleet: $(STAMP)
	$(BIN)/python benchmarks/fleet.py $(if $(JOURNAL),--journal $(JOURNAL))

# Not part of `make test` or CI: the whole suite RUNS times in a row, to catch flaky tests.
stress: $(STAMP)
	.ci/stress $(RUNS)

clean:
	rm -rf $(VENV) $(OLDEST) videos .pytest_cache .mypy_cache .ruff_cache .coverage
