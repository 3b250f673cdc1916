# Two commands on a fresh machine:
#   make demo   create .venv, install everything pinned, ingest and compare the bundled example
#   make test   create .venv, install everything pinned, run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB ?= .cache/demo.sqlite
PYTEST_ARGS ?=
# Extras every developer and CI install (one list for install and lock).
EXTRAS := test,eval,train,embeddings

.PHONY: install browser demo test test-fast bench lock clean

$(STAMP): pyproject.toml requirements/lock.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements/lock.txt -e '.[$(EXTRAS)]'
	$(BIN)/python -c "import counterpoint.nlp.model as m; m.model_name()"
	touch $(STAMP)

install: $(STAMP)

demo: install
	rm -f $(DEMO_DB)
	$(BIN)/counterpoint --db $(DEMO_DB) ingest examples/port-veyl/
	$(BIN)/counterpoint --db $(DEMO_DB) analyze
	$(BIN)/counterpoint --db $(DEMO_DB) stories
	$(BIN)/counterpoint --db $(DEMO_DB) compare examples/port-veyl/

# Headless Chromium for the HTML report test (tests/report/test_html_browser.py): Debian's
# package, installed only when no `chromium` is on PATH; Playwright drives it (never its own
# browser download, which is not reachable). Fonts so the screenshot shows text.
CHROMIUM ?= chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

browser:
	@command -v $(CHROMIUM) >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core; }
	@$(CHROMIUM) --version 2>/dev/null

# COUNTERPOINT_REQUIRE_BROWSER: under make the browser test fails instead of skipping.
test: install browser
	COUNTERPOINT_REQUIRE_BROWSER=1 $(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

test-fast: install
	$(BIN)/python -m pytest -n 2 -m "not slow" $(PYTEST_ARGS)

bench: install
	$(BIN)/python bench/run.py

# Re-pin: resolve the newest allowed versions and write them to requirements/lock.txt.
lock:
	rm -rf /tmp/counterpoint-lock && $(PYTHON) -m venv /tmp/counterpoint-lock
	/tmp/counterpoint-lock/bin/pip install --quiet -e '.[$(EXTRAS)]'
	/tmp/counterpoint-lock/bin/pip freeze --exclude-editable | grep -v '^-e' > requirements/lock.txt

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .cache build *.egg-info src/*.egg-info
