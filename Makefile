# The one entry point: `make run` (a working site on SQLite) and `make test` (what CI runs).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py

.PHONY: run test test-fast lint format messages compilemessages bench services browser-deps fonts clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Python 3.11 or newer is needed") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

compilemessages: export DJANGO_DEBUG ?= 1
compilemessages: $(VENV)/.installed
	$(MANAGE) compilemessages --ignore='.venv/*' --ignore='node_modules/*' -v0

## run: set everything up on SQLite (or DATABASE_URL / REDIS_URL) and serve http://127.0.0.1:8000 with a Celery worker and beat.
run: export DJANGO_DEBUG ?= 1
run: $(VENV)/.installed compilemessages
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) seed_demo
	@echo "Serving http://127.0.0.1:8000 with a Celery worker and beat; Ctrl-C stops them all."
	@trap 'kill 0' INT TERM EXIT; \
	$(BIN)/celery -A letsconnect worker --beat --pool solo --loglevel INFO & \
	$(MANAGE) runserver 127.0.0.1:8000

## services: start PostgreSQL and Redis on this machine if they are down (as DEVELOPERS.md says).
services:
	@pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || { command -v pg_ctlcluster >/dev/null && \
		pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | tail -1) main start && sleep 2; } || true
	@redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 || { command -v redis-server >/dev/null && \
		redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no && sleep 1; } || true

## browser-deps: Debian's Chromium and axe-core from npm, for the browser tests.
browser-deps:
	@command -v chromium >/dev/null || { echo "Installing Debian's chromium for the browser tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
		{ echo "Could not install chromium (apt-get install chromium): browser tests cannot run"; exit 1; }; }
	@test -f node_modules/axe-core/axe.min.js || npm ci --no-audit --no-fund --silent

## fonts: Debian's Noto fonts, which certificates use for the scripts DejaVu Sans lacks (CJK, Indic, Ethiopic,
## Thai, ...), and poppler, with which the tests look at a certificate as it is drawn.
fonts:
	@test -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc -a -f /usr/share/fonts/truetype/noto/NotoSansTamil-Regular.ttf \
		-a -x /usr/bin/pdftoppm || { echo "Installing Debian's fonts-noto-core, fonts-noto-cjk and poppler-utils"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-core fonts-noto-cjk \
		poppler-utils >/dev/null) || { echo "Could not install the Noto fonts: certificates cannot draw every script"; \
		exit 1; }; }

# pytest-xdist workers for `make test` (README, "Testing": 2 measured best on the 2-core machines of CI).
TEST_WORKERS ?= 2
# Not `--dist worksteal`: a stolen test can run after the thief's transactional tests have emptied its database
# (pytest-django runs those last, and their serialized rollback restores the data only for the next one of them).
# The inner loop: everything but the tiers that start browsers, fuzz, or processes of their own.
FAST_TIER := not browser and not fuzz and not outage and not worker

## test: everything CI runs: lint, migrations check, messages, the whole suite on PostgreSQL and Redis.
test: export DJANGO_DEBUG = 0
test: export SECRET_KEY ?= make-test-only-secret-key-for-the-checks-before-pytest
test: $(VENV)/.installed-dev services browser-deps fonts compilemessages
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run -v1
	$(MANAGE) collectstatic --noinput -v0
	$(BIN)/pytest -n $(TEST_WORKERS)

## test-fast: the inner loop (no browser, fuzz, outage or worker tiers), on the same services; PYTEST_ARGS adds to it.
test-fast: export DJANGO_DEBUG = 0
test-fast: export SECRET_KEY ?= make-test-only-secret-key-for-the-checks-before-pytest
test-fast: $(VENV)/.installed-dev services fonts compilemessages
	$(MANAGE) collectstatic --noinput -v0
	$(BIN)/pytest -n $(TEST_WORKERS) -m "$(FAST_TIER)" $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## messages: refresh every locale's django.po from the code and templates.
messages: export DJANGO_DEBUG ?= 1
messages: $(VENV)/.installed
	$(MANAGE) makemessages --all --no-location --no-obsolete --ignore='.venv/*' --ignore='node_modules/*' --ignore='var/*'

# The scripts that print figures (bench/ also holds their shared modules and the load benchmark's locustfile).
BENCHMARKS := pages directory impact outbox certificates clinic_admin load

bench: $(VENV)/.installed-dev
	@for script in $(BENCHMARKS); do echo "== bench/$$script.py"; $(BIN)/python bench/$$script.py; done

clean:
	rm -rf $(VENV) var node_modules
