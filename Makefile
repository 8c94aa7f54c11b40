# The front door: every target a contributor or CI needs. `make help` lists them.
# Set-up is part of each target: a .venv with the pinned packages is made when missing or stale.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help

# A generator command that fails has already said in Dutch what is wrong, and make would follow
# that with its own "*** Error 1" line. So on failure the recipe ends make quietly: SIGINT is the
# one signal that neither make nor the shell reports. The recipe stays until make has taken it.
QUIET_FAIL = || { kill -INT $$PPID; exec sleep 1; }

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	touch $@

.PHONY: help # list the targets
help:
	@grep -E '^\.PHONY: [a-z-]+ #' Makefile | sed -E 's/^\.PHONY: ([a-z-]+) # (.*)/  make \1\t\2/' | expand -t 20

.PHONY: setup # create .venv with the pinned runtime packages
setup: $(VENV)/.runtime

.PHONY: validate # check every record in data/ (exit 1 on any error)
validate: $(VENV)/.runtime
	@$(PY) -m generator validate $(QUIET_FAIL)

.PHONY: schemas # refresh the editors' list of allowed values after changing data/vocabularies.yaml
schemas: $(VENV)/.runtime
	@$(PY) -m generator schemas $(QUIET_FAIL)

.PHONY: guide # regenerate the field tables in CONTRIBUTING.md from the schemas
guide: $(VENV)/.runtime
	@$(PY) -m generator guide $(QUIET_FAIL)

.PHONY: forms # regenerate the GitHub issue forms in .github/ISSUE_TEMPLATE/ from the schemas and data/
forms: $(VENV)/.runtime
	@$(PY) -m generator forms $(QUIET_FAIL)

# make new / make stale take their arguments as variables; they reach the command through the
# environment, so a title with quotes is passed as typed (a $ is written $$, as everywhere in make).
export COLLECTIE TITEL MAANDEN
MAANDEN ?= 12

.PHONY: new # a skeleton record to fill in: make new COLLECTIE=instruments TITEL="Naam van het instrument"
new: $(VENV)/.runtime
	@if [ -z "$$COLLECTIE" ] || [ -z "$$TITEL" ]; then \
	  echo 'Gebruik: make new COLLECTIE=instruments TITEL="Naam van het instrument"' >&2; exit 2; fi
	@$(PY) -m generator new "$$COLLECTIE" "$$TITEL" $(QUIET_FAIL)

.PHONY: stale # records not reviewed for 12 months (or MAANDEN=n)
stale: $(VENV)/.runtime
	@$(PY) -m generator stale --months "$$MAANDEN" $(QUIET_FAIL)

.PHONY: site # validate, generate, build with MkDocs and index with Pagefind into site/
site: $(VENV)/.runtime
	@$(PY) -m generator site $(QUIET_FAIL)

.PHONY: serve # local preview on http://127.0.0.1:8000 that follows edits in data/ and content/
serve: $(VENV)/.runtime
	$(PY) -m generator serve

.PHONY: links # check the external links in data/ (uses the network; reports, never fails)
links: $(VENV)/.runtime
	$(PY) -m generator links

.PHONY: browser # install Debian's Chromium for the browser tests (when missing)
browser:
	@command -v chromium >/dev/null 2>&1 || sh scripts/install-chromium.sh

node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@

.PHONY: test # set up, then run the whole test suite (unit, integration, browser, lint)
test: $(VENV)/.dev browser node_modules/.installed
	$(PY) -m pytest

.PHONY: lighthouse # build the site, then Lighthouse's mobile scores of the home page, an overview and a record page (exit 1 below target)
lighthouse: site browser node_modules/.installed
	$(PY) scripts/lighthouse.py

.PHONY: bench # time validate, generate, MkDocs and Pagefind on 1,000 and 10,000 synthetic records (fastest of 3 runs)
bench: $(VENV)/.runtime
	$(PY) -m benchmarks --sizes 1000,10000 --repeat 3 --json build/bench.json

.PHONY: lock # after editing requirements*.in: compile the pinned, hashed requirements*.txt (pip-tools)
lock: $(VENV)/.dev
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
		--no-emit-find-links --output-file requirements.txt requirements.in
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
		--no-emit-find-links --output-file requirements-dev.txt requirements-dev.in

.PHONY: lint # ruff and mypy on the Python code
lint: $(VENV)/.dev
	$(PY) -m ruff check generator tests benchmarks
	$(PY) -m mypy

.PHONY: clean # remove build output (not .venv)
clean:
	rm -rf build site site.new site.old .pytest_cache
