# The two set-up commands: `make run` (install, migrate, demo data, editor account, serve)
# and `make test` (install, run the whole test suite). Needs only Python 3.11+ and make.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

.PHONY: install run serve test lint format clean messages

install: $(VENV)/.installed

# pip's own output (about 75 lines, and setuptools' notice on editable installs) goes to
# the log, shown only when pip fails; the screen keeps what a person needs.
INSTALL_LOG := $(VENV)/install.log
PIP_FAILED = { tail -n 25 $(INSTALL_LOG); echo "pip failed: its whole output is in $(INSTALL_LOG)"; exit 1; }

$(VENV)/.installed: pyproject.toml
	@echo "Installing into $(VENV) (a few minutes the first time; pip's output: $(INSTALL_LOG))"
	@$(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --upgrade pip > $(INSTALL_LOG) 2>&1 || $(PIP_FAILED)
	@$(PY) -m pip install -e '.[dev]' >> $(INSTALL_LOG) 2>&1 || $(PIP_FAILED)
	@touch $@
	@echo "Installed."

run: install
	@echo "Migrating the database"
	@$(PY) manage.py migrate --no-input --verbosity 0
	@echo "Loading the demo data"
	@$(PY) manage.py load_demo
	@$(PY) manage.py create_editor editor --role Editor
	@$(PY) manage.py create_editor reviewer --role Reviewer
	@echo "Serving at http://$(HOST)/ (admin: http://$(HOST)/admin/), with a worker for background jobs; HOST=address:port to change"
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
