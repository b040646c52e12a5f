# The two commands a new user needs: `make run` and `make test`. Everything else is set-up
# they share. Targets are file stamps, so a second run skips what is already done.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
SELFASSESS := $(BIN)/selfassess
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test setup install install-dev assets database lint format bench bench-full audit lock clean

# The mail worker runs beside the web server and stops with it (Ctrl-C stops both). The web
# server is uvicorn, as in production: the workshop's live updates are held-open streams,
# which Django's runserver cannot serve.
run: setup
	@$(SELFASSESS) demo_sign_in --base-url http://$(HOST):$(PORT)
	$(SELFASSESS) db_worker -v 0 & trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	DJANGO_SETTINGS_MODULE=selfassess.config.settings.dev $(BIN)/uvicorn \
		selfassess.config.asgi:application --host $(HOST) --port $(PORT) \
		--lifespan off --no-proxy-headers --timeout-graceful-shutdown 2

test: setup install-dev
	$(BIN)/ruff check .
	$(BIN)/pytest $(PYTEST_ARGS)

setup: install assets database

# Two lock files: requirements.lock is what production runs (pyproject's dependencies only);
# requirements-dev.lock adds the dev group (tests, ruff, uv, pip-audit) at the same versions.
# `make run` installs production only; `make test`, `lock`, `audit` and `bench` add dev.
install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

install-dev: $(VENV)/.installed-dev

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.lock
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

assets: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Migrating and loading are idempotent and quick, so they run every time: a framework file
# added since the last run is picked up, and the demo is created only once.
database: install
	$(SELFASSESS) migrate --no-input -v 0
	$(SELFASSESS) framework load-library
	$(SELFASSESS) seed_demo

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh both lock files after changing pyproject.toml. The dev lock is constrained to the
# production lock's versions, so tests run what production runs.
lock: install-dev
	$(BIN)/uv pip compile pyproject.toml --generate-hashes --universal \
		--python-version 3.11 -o requirements.lock -q
	$(BIN)/uv pip compile pyproject.toml --group dev --generate-hashes --universal \
		--python-version 3.11 --constraint requirements.lock -o requirements-dev.lock -q

clean:
	rm -rf $(VENV) node_modules staticfiles

# Benchmarks report ratios against a floor measured in the same run, never bare timings; the
# plan checker's line is its recall and false-positive rate on the labelled corpus.
# Results at 200/2,000/20,000 participants (SQLite), then a 300-voter workshop burst, a
# workshop room of 300 and then 1,000 phones holding the live stream open through three rounds
# of voting, and 200 participants completing an assessment, each against gunicorn on a scratch
# PostgreSQL database. Every line reports a ratio to a floor measured in the same run.
bench: setup install-dev
	$(BIN)/python -m bench.plan_checker
	$(BIN)/python -m bench
	$(BIN)/python -m bench.workshop_burst --voters 300
	$(BIN)/python -m bench.workshop_room --phones 300
	$(BIN)/python -m bench.workshop_room --phones 1000
	$(BIN)/python -m bench.completion_load --participants 200 --speed 5
	$(BIN)/python -m bench.sign_in_link_timing
	$(BIN)/python -m bench.import_scaling
	$(BIN)/python -m bench.peer_comparison --organisations 250
	$(BIN)/python -m bench.system_view --members 50

# Audit the pinned dependencies for known vulnerabilities (fails on any; see .ci/audit.py).
audit: install-dev
	$(BIN)/pip-audit -r requirements.lock -r requirements-dev.lock --no-deps --disable-pip \
		--progress-spinner off -f json | $(BIN)/python .ci/audit.py

# The full-size load of BENCHMARKS.md: 1,000 participants over a real ten minutes.
bench-full: setup install-dev
	$(BIN)/python -m bench.completion_load --participants 1000 --speed 1
