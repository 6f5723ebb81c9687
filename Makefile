# Two commands do all the set-up on a fresh machine with Python 3.11: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: serve test lint openapi seeds-check bench clean chromium tier-packages

serve: $(VENV)/installed  ## install, create and load the SQLite database from seeds/, serve on 127.0.0.1:8000
	$(BIN)/flask --app api seeds load
	$(BIN)/gunicorn --config gunicorn.conf.py 'api:create_app()'

test: $(VENV)/installed-test chromium tier-packages  ## install and run every test (SQLite always; PostgreSQL and Chromium when there, required under CI)
	$(BIN)/ruff check api schemas tests bench
	$(BIN)/flask --app api seeds check
	$(BIN)/pytest

# The browser tests drive Debian's chromium (never a browser download). Installed here when missing and we are root
# with apt-get (as CI is); otherwise those tests skip with a message, and under CI=true pytest fails without it.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's chromium for the browser tests"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	      chromium fonts-dejavu-core fonts-liberation >/dev/null) || echo "chromium could not be installed"; \
	  else echo "chromium is missing and this user cannot install it: the browser tests will be skipped"; fi; }

# The cache tier tests and bench.varnish run Debian's varnish (with varnish-modules, for xkey) and nginx, installed
# here the same way: when missing and we are root with apt-get; otherwise those tests skip with a message (CI fails).
tier-packages:
	@{ command -v varnishd || test -x /usr/sbin/varnishd; } >/dev/null 2>&1 && \
	  test -e /usr/lib/x86_64-linux-gnu/varnish/vmods/libvmod_xkey.so -o -e /usr/lib/varnish/vmods/libvmod_xkey.so && \
	  { command -v nginx || test -x /usr/sbin/nginx; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing Debian's varnish, varnish-modules and nginx for the cache tier tests"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	      varnish varnish-modules nginx-light >/dev/null) || echo "varnish or nginx could not be installed"; \
	  else echo "varnish or nginx is missing and this user cannot install them: the cache tier tests will be skipped"; fi; }

bench: $(VENV)/installed tier-packages  ## benchmarks, not tests: the app under gunicorn, then through Varnish, against a bare Flask app (wrk); then 1,000,000 changes
	$(BIN)/python -m bench.serving
	$(BIN)/python -m bench.varnish
	$(BIN)/python -m bench.scale

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
