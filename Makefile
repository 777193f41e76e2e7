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
TEST_SETTINGS := hub.settings.test

.PHONY: help install setup run test lint format check-migrations lock messages catalogs clean

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

setup: install catalogs ## Migrate, create locales, home pages, roles and admin, collect static files
	@mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) setup_site
	$(MANAGE) setup_roles
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

test: lint check-migrations catalogs ## Run every check and the whole test suite (SQLite, or DATABASE_URL)
	$(BIN)/pytest $(PYTEST_ARGS)

messages: install ## Extract interface strings into locale/*/LC_MESSAGES/django.po (needs GNU gettext), list what to translate
	$(MANAGE) makemessages --all --no-obsolete --add-location file \
		--ignore '$(VENV)/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'node_modules/*'
	-$(MANAGE) check_catalogs

lock: install ## Re-pin every dependency from requirements/*.in into requirements/lock.txt
	$(PY) -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links \
		--output-file requirements/lock.txt requirements/test.in

clean: ## Remove the virtualenv, caches and the local database and media (var/)
	rm -rf $(VENV) var .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
