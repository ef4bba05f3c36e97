# The two quick-start commands: `make run` (service with demo data) and `make test` (whole suite).
# Beside them: `make unit` (the pure domain and unit tests, seconds, no services) and
# `make test-sqlite` (everything that needs neither PostgreSQL, RabbitMQ nor Chromium).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ASSETS := node_modules/.installed
# The suite's processes (and the CLI children its tests start) keep compiled bytecode and pytest's
# rewritten test modules in .venv, never beside the sources; with PYTHONDONTWRITEBYTECODE set (as
# in this machine's environment) each of them compiled every module again (3-4 s per process).
PYCACHE := PYTHONDONTWRITEBYTECODE= PYTHONPYCACHEPREFIX=$(CURDIR)/$(VENV)/pycache

.PHONY: run test unit test-sqlite lint bench

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	./deploy/system-packages.sh
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

# GOV.UK Frontend for the pages (and axe-core for their tests), pinned by package-lock.json
$(ASSETS): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "installing Debian's npm" >&2; \
	  $$( [ "$$(id -u)" = 0 ] || echo sudo ) apt-get install -y -qq npm; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(ASSETS)

run: $(STAMP) $(ASSETS)
	$(BIN)/ledger demo
	$(BIN)/ledger serve

test: lint $(ASSETS)
	./tests/services.sh
	./tests/browser.sh
	$(PYCACHE) $(BIN)/python -m pytest

unit: $(STAMP)
	$(PYCACHE) $(BIN)/python -m pytest tests/unit -q -m "not postgres"

test-sqlite: lint $(ASSETS)
	$(PYCACHE) $(BIN)/python -m pytest -m "not postgres and not rabbitmq and not browser and not services"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy domain adapters tenants projections api benchmarks tests

bench: $(STAMP)
	$(BIN)/python -m benchmarks $(ARGS)
