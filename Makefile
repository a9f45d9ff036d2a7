# Open Bbz: two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SHARED ?= ../shared
SPECTRAL := node_modules/.bin/spectral
SERVICES := intake-api routing-api registers-adapter decision-api
PKG_FILES := libs/common/pyproject.toml $(foreach s,$(SERVICES),services/$(s)/pyproject.toml) requirements-dev.txt

.PHONY: install run up down test test-unit test-e2e lint lint-contracts openapi openapi-check bench clean

$(STAMP): $(PKG_FILES)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e libs/common $(foreach s,$(SERVICES),-e "services/$(s)[test]") -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

## make run: migrate, start all four services on 127.0.0.1:8001-8004 in the foreground, load demo data.
run: install
	$(PY) -m bbz_common.suite run

## make up / make down: the same in the background.
up: install
	$(PY) -m bbz_common.suite up

down: install
	$(PY) -m bbz_common.suite down

# Further checks that `make test` runs (deploy/deploy.mk adds the manifest validation and PostgreSQL runs).
EXTRA_TESTS :=
-include deploy/deploy.mk

## make test: unit, contract and cross-service tests, the contract lint and the drift check.
test: install openapi-check lint-contracts
	@# pytest exits 5 when it collected no tests: that is a failure here, with a clear message.
	@$(PY) -m pytest -q libs services tests bench; rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests" >&2; exit 1; fi; exit $$rc
	@for t in $(EXTRA_TESTS); do $(MAKE) --no-print-directory $$t || exit 1; done

test-e2e: install
	$(PY) -m pytest -q tests

lint: install lint-contracts
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy libs/common/src $(foreach s,$(SERVICES),services/$(s)/src) bench

openapi: install
	$(PY) scripts/openapi.py write

openapi-check: install
	$(PY) scripts/openapi.py check

$(SPECTRAL): package.json
	npm install --no-audit --no-fund --loglevel=error
	touch $(SPECTRAL)

## The Dutch API Design Rules lint (ADR 2.2 Spectral ruleset from ../shared); skipped with a message where absent.
lint-contracts: $(SPECTRAL)
	@if [ -f "$(SHARED)/contracts/adr-2.2-spectral-ruleset.yaml" ]; then \
	  for f in $(foreach s,$(SERVICES),openapi/$(s).json); do \
	    echo "spectral: $$f"; \
	    $(SPECTRAL) lint --quiet --fail-severity=error --ruleset "$(SHARED)/contracts/adr-2.2-spectral-ruleset.yaml" "$$f" || exit 1; \
	  done; \
	else echo "SKIP contract lint: $(SHARED)/contracts/adr-2.2-spectral-ruleset.yaml not found"; fi

bench: install
	$(PY) bench/run.py

clean:
	rm -rf var .pytest_cache
