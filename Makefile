# Two commands do all set-up: `make serve` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# Both engines print a notice about MkDocs 2 and Material's end of life; decisions/ covers it.
export DISABLE_MKDOCS_2_WARNING := true
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
NODE := scripts/node

.PHONY: help venv zensical node system-deps build release build-zensical offline report serve test test-browser bench bench-quick lock clean lint page

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

# Third-party packages from the hash-locked requirements, then the project's own package (scripts/,
# editable and without dependencies), so plain `mkdocs build` finds site_tools.markdown.affiliate_links.
$(VENV)/.installed: requirements.txt scripts/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e scripts
	touch $@

venv: $(VENV)/.installed ## Create .venv from the hash-locked requirements

# Zensical (Material's successor) in its own venv, so its pins never mix with MkDocs'. decisions/0001.
.venv-zensical/.installed: requirements-zensical.txt scripts/pyproject.toml
	$(PYTHON) -m venv .venv-zensical
	.venv-zensical/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements-zensical.txt
	.venv-zensical/bin/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e scripts
	touch $@

zensical: .venv-zensical/.installed ## Create .venv-zensical from the hash-locked requirements-zensical.txt

$(NODE)/node_modules/.installed: $(NODE)/package-lock.json
	npm ci --prefix $(NODE) --no-audit --no-fund --loglevel=error
	touch $@

node: $(NODE)/node_modules/.installed ## Install the pinned npm tools (axe-core, lighthouse, purgecss)

system-deps: ## Install the Debian packages the tests need (chromium, nginx, zbar-tools, ...)
	@bash scripts/install_system_deps.sh

build: venv node ## Build into a staging folder, check it, then publish to site/
	$(PY) -m site_tools.build

release: venv node ## Build for publishing, as build does, then refuse a placeholder site_url or an empty publisher
	$(PY) -m site_tools.build --release

build-zensical: venv zensical node ## Build the same mkdocs.yml with Zensical into site.zensical/, same checks
	$(PY) -m site_tools.build --engine zensical --site-dir site.zensical

offline: venv node ## Build the offline copy (Material's offline plugin) into dist/*.zip, for a USB stick
	$(PY) -m site_tools.build.offline_copy

report: build ## Readability per page (words, grade, SMOG, long sentences); fails if added text > grade 9
	$(PY) -m site_tools.authoring.readability_report site

serve: venv ## Build and serve with live reload at http://127.0.0.1:8000
	$(VENV)/bin/mkdocs serve --strict --livereload -a 127.0.0.1:8000

lint: venv system-deps ## Check the sources (front matter, safety, nav), lint the Markdown and check spelling
	$(PY) -m site_tools.checks --sources-only
	$(PY) -m site_tools.authoring.lint

page: venv ## New page with valid front matter, added to the nav: TITLE="..." DESCRIPTION="..." [SECTION=strategies]
	@test -n "$(TITLE)" || { echo '❌ usage: make page TITLE="Page title" DESCRIPTION="50 to 160 characters" [SECTION=strategies]'; exit 2; }
	$(PY) -m site_tools.authoring.new_page "$(TITLE)" --description "$(DESCRIPTION)" $(if $(SECTION),--section "$(SECTION)")

test: venv zensical node system-deps ## Build with --strict and run every check and test
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory build
	$(MAKE) --no-print-directory build-zensical
	$(PY) -m pytest -c tests/pytest.ini
	$(MAKE) --no-print-directory bench-quick

test-browser: venv node system-deps ## Only the real-browser gate (tests/browser): every page in Chromium
	$(PY) -m pytest -c tests/pytest.ini tests/browser

bench: venv zensical node system-deps ## Benchmark against stock Material: weight, Lighthouse, build and check cost
	$(PY) -m site_tools.bench

bench-quick: venv node ## The machine-independent budgets (bytes, requests, Lighthouse) on the built site/
	$(PY) -m site_tools.bench --quick

lock: ## Regenerate the hash-locked requirements*.txt from requirements*.in
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet pip-tools
	.venv-lock/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
	  --no-emit-find-links -o requirements.txt requirements.in
	.venv-lock/bin/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url \
	  --no-emit-find-links -o requirements-zensical.txt requirements-zensical.in
	rm -rf .venv-lock

clean: ## Remove built output and caches (keeps .venv)
	rm -rf site site.staging site.old site.zensical site.zensical.staging dist .pytest_cache
