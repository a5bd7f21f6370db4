# Zhanaozen: `make run` sets everything up and serves the app; `make test` runs the whole suite;
# `make serve` serves it in production (README, "Deploying").
SHELL := /bin/sh
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# System packages: GeoDjango's libraries and SpatiaLite; the tests also need Chromium (browser tests),
# gettext (makemessages), Node.js (the scripts' unit tests), poppler-utils and zbar-tools to read
# the QR codes of a printed handout, and gnupg (an encrypted backup's round trip).
SYSTEM_PACKAGES := gdal-bin libsqlite3-mod-spatialite gettext
TEST_SYSTEM_PACKAGES := $(SYSTEM_PACKAGES) chromium fonts-dejavu-core nodejs poppler-utils zbar-tools gnupg
# The interface's translations: the catalogues (.po) are the source, compiled here (gettext's msgfmt).
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))

.PHONY: run serve environment test setup system-packages test-system-packages migrate content messages createeditor backup restore backup-packages lint format check clean

run: setup migrate content messages
	@echo
	@echo "  Zhanaozen is at http://$(HOST):$(PORT)/  (editors: http://$(HOST):$(PORT)/admin/)"
	@echo "  To create an editor account, in another terminal: make createeditor"
	@echo
	$(MANAGE) runserver $(HOST):$(PORT)

# Production: gunicorn (zhanaozen/gunicorn.conf.py) with the production settings on $(HOST):$(PORT),
# WEB_CONCURRENCY workers. First the environment (every missing variable named at once), then the
# database, the migrations and the translations, the static files for the proxy, Django's deployment
# checks. One step after another, even under make -j.
serve: export DJANGO_SETTINGS_MODULE = zhanaozen.settings.production
serve: environment
	@$(MAKE) --no-print-directory migrate messages
	$(MANAGE) collectstatic --no-input
	$(MANAGE) check --deploy
	HOST=$(HOST) PORT=$(PORT) exec $(VENV)/bin/gunicorn --config zhanaozen/gunicorn.conf.py zhanaozen.wsgi

environment:
	@scripts/check-environment

# With DATABASE_URL=postgis://…, setup also checks the server: reachable, with PostGIS (or what to install).
setup: system-packages $(VENV)/.installed
	@case "$$DATABASE_URL" in postgis:*|postgres:*) $(PY) scripts/check-database;; esac

system-packages:
	@scripts/system-packages $(SYSTEM_PACKAGES)

test-system-packages:
	@scripts/system-packages $(TEST_SYSTEM_PACKAGES)

# The virtualenv is rebuilt when the requirements change.
$(VENV)/.installed: requirements.txt requirements-dev.txt scripts/find-python
	@python=$$(scripts/find-python) || exit 1; \
	if [ ! -x $(PY) ] || ! $(PY) -c "import sqlite3; sqlite3.connect(':memory:').enable_load_extension(True)" 2>/dev/null; then \
		rm -rf $(VENV); echo "Creating $(VENV) with $$python"; "$$python" -m venv $(VENV) || exit 1; \
	fi
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

messages: system-packages $(MO_FILES)

locale/%.mo: locale/%.po
	msgfmt --check-format -o $@ $<

# The database is checked first: a PostgreSQL that cannot be reached or lacks PostGIS is named, with
# what to do, instead of a traceback.
migrate: setup
	@$(PY) scripts/check-database
	$(MANAGE) migrate --no-input

content: migrate
	$(MANAGE) load_content

createeditor: setup migrate
	$(MANAGE) createeditor

# A dated, compressed backup of the whole database into BACKUP_DIR (default backups/), encrypted
# for BACKUP_GPG_RECIPIENT when set; `make restore` puts back the latest (or FILE=…), asking first
# unless YES=1. PostGIS needs pg_dump and psql (postgresql-client). README, "Backups".
backup: setup backup-packages
	$(MANAGE) backup

restore: setup backup-packages
	$(MANAGE) restore $(if $(FILE),--file "$(FILE)") $(if $(filter 1 yes true,$(YES)),--yes)

backup-packages:
	@case "$$DATABASE_URL" in postgis:*|postgres:*) scripts/system-packages postgresql-client;; esac
	@if [ -n "$$BACKUP_GPG_RECIPIENT" ]; then scripts/system-packages gnupg; fi

# The suite runs in parallel, one worker per core (pytest-xdist; each worker has its own test database
# and browser, and takes whole files). PYTEST_ARGS="-n 0" runs it in one process.
PYTEST_ARGS ?= -n auto --dist loadfile
test: test-system-packages $(VENV)/.installed $(MO_FILES)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=zhanaozen.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=zhanaozen.settings.test $(MANAGE) makemigrations --check --dry-run

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles $(MO_FILES)
