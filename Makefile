# The two set-up commands: `make run` (install, migrate, demo data, editor account, serve)
# and `make test` (install, run the whole test suite). Needs only Python 3.11+ and make.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: install run serve test lint format clean messages

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo
	$(PY) manage.py create_editor editor --role Editor
	$(PY) manage.py create_editor reviewer --role Reviewer
	$(PY) manage.py serve $(HOST)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# The Arabic and Persian catalogues: collect every marked string (needs GNU gettext's
# xgettext and msgmerge, as Django's makemessages does), compile the .mo files with Babel,
# then list what is still untranslated or fuzzy (and fail while anything is). Translate
# those entries in locale/*/LC_MESSAGES/django.po (words: docs/glossary.md), run it again.
MESSAGES_IGNORE := --ignore=.venv --ignore=tests --ignore=bench --ignore=staticfiles --ignore=artifacts
messages: install
	$(PY) manage.py makemessages --locale ar --locale fa --add-location=file --no-obsolete $(MESSAGES_IGNORE)
	$(PY) scripts/catalogues.py compile
	$(PY) scripts/catalogues.py check

clean:
	rm -rf $(VENV) staticfiles *.egg-info

# Performance benchmark (see README, "Performance"): its own SQLite file and PostgreSQL
# databases (tracker_bench*), never db.sqlite3. Needs wrk for the gunicorn part.
BENCH_ARGS ?= --claims 100000 --db both
.PHONY: bench
bench: install
	$(PY) -m bench $(BENCH_ARGS)
