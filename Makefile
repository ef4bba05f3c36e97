# The two quick-start commands: `make run` (service with demo data) and `make test` (whole suite).
# Beside them: `make unit` (the pure domain and unit tests, seconds, no services) and
# `make test-sqlite` (everything that needs neither PostgreSQL, RabbitMQ nor Chromium).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ASSETS := node_modules/.installed

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
	$(BIN)/python -m pytest

unit: $(STAMP)
	$(BIN)/python -m pytest tests/unit -q -m "not postgres"

test-sqlite: lint $(ASSETS)
	$(BIN)/python -m pytest -m "not postgres and not rabbitmq and not browser and not services"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy domain adapters tenants projections api benchmarks tests

bench: $(STAMP)
	$(BIN)/python -m benchmarks $(ARGS)
