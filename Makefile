# CoWorkMed Hub. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Local settings: a .env file (see .env.example) is read and exported when present.
ifneq (,$(wildcard .env))
include .env
export
endif

VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# pytest-xdist processes for make test: one per core (auto), or 0 for a single process.
TEST_WORKERS ?= auto
TEST_SETTINGS := hub.settings.test

.PHONY: help install setup run test lint format check-migrations lock messages catalogs clean bench bench-instructions bench-search backup restore load-test

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[1m%-18s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(PY):
	@PYTHON="$${PYTHON:-$$(scripts/find-python.sh)}" && [ -n "$$PYTHON" ] && \
		echo "Creating $(VENV) with $$PYTHON" && "$$PYTHON" -m venv $(VENV)

$(VENV)/.installed: requirements/lock.txt | $(PY)
	$(PY) -m pip install -qq --upgrade pip
	$(PY) -m pip install -qq --require-virtualenv -r requirements/lock.txt
	@touch $@

install: $(VENV)/.installed ## Create the virtualenv and install the pinned dependencies

catalogs: install ## Compile the interface translations (locale/*.po to .mo)
	$(MANAGE) compile_catalogs

setup: install catalogs ## Migrate, create locales, home pages, roles and admin, load the demo content (empty site only), collect static files
	@mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) setup_site
	$(MANAGE) setup_roles
	$(MANAGE) load_demo_content --if-empty
	$(MANAGE) collectstatic --noinput --verbosity 0

run: setup ## Run the site with demo content on http://$(HOST):$(PORT)
	$(MANAGE) runserver $(HOST):$(PORT)

lint: install ## Lint and format-check Python (ruff) and templates (djhtml)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check $$(git ls-files 'templates/*.html' '*/templates/*.html' 2>/dev/null || find . -path ./$(VENV) -prune -o -name '*.html' -print)

format: install ## Fix lint and formatting where it can be done automatically
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml $$(git ls-files 'templates/*.html' '*/templates/*.html')

check-migrations: install ## Django system checks and a check for missing migrations
	DJANGO_SETTINGS_MODULE=$(TEST_SETTINGS) $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=$(TEST_SETTINGS) $(MANAGE) makemigrations --check --dry-run

test: lint check-migrations catalogs ## Run every check and the whole test suite on every core (SQLite, or DATABASE_URL; TEST_WORKERS=0: one process)
	$(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

messages: install ## Extract interface strings into locale/*/LC_MESSAGES/django.po (needs GNU gettext), list what to translate
	$(MANAGE) makemessages --all --no-obsolete --add-location file \
		--ignore '$(VENV)/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'node_modules/*'
	-$(MANAGE) check_catalogs

lock: install ## Re-pin every dependency from requirements/*.in into requirements/lock.txt
	$(PY) -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
		--output-file requirements/lock.txt requirements/test.in

bench: install ## Performance bench at 1,000 and 10,000 pages: queries, render times, gunicorn + wrk req/s (table in var/bench/report.md; BENCH_ARGS="--sizes 1000 --no-server")
	$(PY) bench/run.py $(BENCH_ARGS)

bench-instructions: install ## Instructions per request under valgrind's callgrind, for a noisy machine (table in var/bench/instructions.md; needs valgrind; BENCH_ARGS="--sizes 1000 --only finder")
	$(PY) bench/instructions.py $(BENCH_ARGS)

bench-search: install ## Search p95 at 10,000 pages in its own database (SQLite; BENCH_DATABASE_URL=postgres://... for PostgreSQL)
	$(PY) bench/search_bench.py $(if $(BENCH_DATABASE_URL),--database-url $(BENCH_DATABASE_URL),)

backup: install ## Back up the database and media into one archive under var/backups/
	$(MANAGE) backup_site

restore: install ## Restore a backup: make restore ARCHIVE=var/backups/coworkmed-....tar.gz
	@[ -n "$(ARCHIVE)" ] || { echo "Usage: make restore ARCHIVE=var/backups/<file>.tar.gz"; exit 2; }
	$(MANAGE) restore_site "$(ARCHIVE)"

load-test: install ## Load test: 20 users for 60 s against gunicorn on 127.0.0.1 (needs wrk)
	$(PY) bench/load_test.py

clean: ## Remove the virtualenv, caches and the local database and media (var/)
	rm -rf $(VENV) var .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
