# Two commands do all the set-up on a fresh machine with Python 3.11: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: serve test lint openapi seeds-check clean

serve: $(VENV)/installed  ## install, create and load the SQLite database from seeds/, serve on 127.0.0.1:8000
	$(BIN)/flask --app api seeds load
	$(BIN)/gunicorn --config gunicorn.conf.py 'api:create_app()'

test: $(VENV)/installed-test  ## install and run every test (SQLite always; PostgreSQL when reachable, required under CI)
	$(BIN)/ruff check api schemas tests
	$(BIN)/flask --app api seeds check
	$(BIN)/pytest

openapi: $(VENV)/installed  ## regenerate openapi.yaml from the code
	$(BIN)/flask --app api openapi write --format yaml openapi.yaml

$(VENV)/installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/installed-test: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(VENV)/installed $@

clean:
	rm -rf $(VENV) instance
