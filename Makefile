# ACIP Tracker: the commands a developer and CI use. Needs only Python 3.11+ and make.
#   make run    set up everything, load the demo data, print the demo logins, serve on http://127.0.0.1:8000
#   make test   lint, format check, migration check, system check and the whole test suite
# DATABASE_URL picks the database (unset: the SQLite file db.sqlite3); see README.md.

PYTHON3 ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUFF := $(VENV)/bin/ruff
PYTEST := $(VENV)/bin/pytest
# Reinstall only when a requirements file changed since the last install.
INSTALLED := $(VENV)/.installed
ADDR ?= 127.0.0.1:8000
# Extra pytest arguments, e.g. `make test PYTEST_ARGS="-k login -x"`.
PYTEST_ARGS ?=
# The manage.py checks need no .env: DEBUG on the command line gives them the development secret key.
MANAGE_NO_ENV := DJANGO_DEBUG=True $(PY) manage.py

.DEFAULT_GOAL := help
.PHONY: help install run demo migrate test lint format check clean distclean messages

help:
	@echo "make run        set up, migrate, load the demo data, print the demo logins, serve on $(ADDR)"
	@echo "make test       ruff, format check, migration check, system check, pytest (DATABASE_URL picks the db)"
	@echo "make lint       ruff check and format check"
	@echo "make format     fix what ruff can fix and format the code"
	@echo "make migrate    apply the migrations and make the cache table"
	@echo "make demo       load (or top up) the demo data and print the demo logins"
	@echo "make messages   update the French and Spanish catalogues from the code and compile them (needs GNU gettext)"
	@echo "make untranslated  list the catalogues' entries still to translate (after a merge)"
	@echo "make seed-scale load the synthetic data of the whole WCO on top of the demo (docs/PERFORMANCE.md)"
	@echo "make bench      benchmark the main pages with production settings (docs/PERFORMANCE.md)"
	@echo "make clean      remove caches, collected static files and test artifacts"
	@echo "make distclean  clean, and remove the virtualenv too (keeps .env and db.sqlite3)"

$(PY):
	@$(PYTHON3) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "ACIP Tracker needs Python 3.11 or newer; $(PYTHON3) is $$($(PYTHON3) --version 2>&1)." >&2; exit 1; }
	$(PYTHON3) -m venv $(VENV)

$(INSTALLED): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --disable-pip-version-check --quiet -r requirements-dev.txt
	@touch $@

install: $(INSTALLED)

# A developer's .env: written once, never overwritten (the real environment always wins over it).
.env:
	@printf '%s\n' '# Written by make run for local development. Every setting is described in .env.example.' \
		'DJANGO_DEBUG=True' > $@
	@echo "Wrote .env with DJANGO_DEBUG=True (see .env.example for every setting)."

# createcachetable makes the database cache's table, where the login and password-reset throttles count.
migrate: $(INSTALLED) .env
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable

demo: migrate
	$(PY) manage.py load_demo
	@echo
	@echo "Demo logins (kept in .demo-logins):"
	@cat .demo-logins

run: demo
	@echo
	@echo "Serving on http://$(ADDR)/ (Ctrl-C stops it)"
	$(PY) manage.py runserver $(ADDR)

lint: $(INSTALLED)
	$(RUFF) check .
	$(RUFF) format --check .

format: $(INSTALLED)
	$(RUFF) check --fix .
	$(RUFF) format .

check: $(INSTALLED)
	$(MANAGE_NO_ENV) makemigrations --check --dry-run
	$(MANAGE_NO_ENV) check

test: lint check
	$(PYTEST) $(PYTEST_ARGS)

# The translation catalogues (README.md, "Languages"): gather every marked string into
# locale/<language>/LC_MESSAGES/django.po for each of MESSAGE_LANGUAGES, then compile the .mo that Django reads. Both
# files are committed, so `make run` needs no gettext; this target does (apt-get install gettext). Locations are by file only, so that a moved line does not churn the catalogue.
MESSAGE_LANGUAGES ?= fr es
messages: $(INSTALLED)
	@command -v xgettext >/dev/null || { echo "make messages needs GNU gettext: apt-get install gettext" >&2; exit 1; }
	$(MANAGE_NO_ENV) makemessages $(addprefix -l ,$(MESSAGE_LANGUAGES)) --add-location=file --no-obsolete \
		--ignore=.venv --ignore=tests --ignore=artifacts --ignore=static --ignore=staticfiles
	$(MANAGE_NO_ENV) compilemessages $(addprefix -l ,$(MESSAGE_LANGUAGES)) --ignore=.venv

# What is left to translate after a merge: each catalogue's empty, fuzzy or missing entries, as a list to fill in.
# `make untranslated MESSAGE_LANGUAGES=es` for one language; README.md, "Languages", says how to fill them in.
.PHONY: untranslated
untranslated: $(INSTALLED)
	$(PY) -m acip.lib.untranslated $(MESSAGE_LANGUAGES)

clean:
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
	rm -rf .ruff_cache .pytest_cache .hypothesis staticfiles artifacts

distclean: clean
	rm -rf $(VENV)

# The benchmark (docs/PERFORMANCE.md). DATABASE_URL picks the database, e.g.
#   make seed-scale DATABASE_URL=postgres://postgres@127.0.0.1:5432/acip_bench   (SEED_ARGS="--reset" to redo it)
#   make bench DATABASE_URL=postgres://postgres@127.0.0.1:5432/acip_bench        (BENCH_ARGS="--duration 10")
SEED_ARGS ?=
BENCH_ARGS ?=
.PHONY: seed-scale bench

seed-scale: demo
	$(PY) manage.py seed_scale $(SEED_ARGS)

bench: $(INSTALLED)
	$(PY) manage.py bench $(BENCH_ARGS)
