# Vigie: every target sets up what it needs (.venv, pip packages, Debian packages).
# `make serve` and `make test` are the two commands the README promises.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

# `make serve LANG=fr` previews French + English only. LANG is also the shell's
# locale variable, so only a value given on the command line counts.
ifeq ($(origin LANG),command line)
PREVIEW_LANG := $(LANG)
endif

# Debian packages the tests need: a browser (never downloaded by playwright),
# fonts for Arabic and CJK screenshots and posters, PDF tools, Java for the HTML checker.
SYSTEM_PACKAGES := chromium fonts-noto-core fonts-noto-cjk poppler-utils default-jre-headless

.PHONY: serve build check test lint format print clean system-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Stamps: pip runs again only when a requirements file or pyproject.toml changed.
# The project itself (src/: the site checker `vigie-check` and the shared tools) is installed
# editable, without dependencies: the pins in requirements*.txt decide those.
$(VENV)/.runtime: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.runtime

system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

serve: $(VENV)/.runtime
	VIGIE_PREVIEW_LANG=$(PREVIEW_LANG) $(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(VENV)/.runtime
	$(BIN)/mkdocs build --strict --site-dir site

# Under GitHub Actions: annotations on the lines, and the report in the job summary.
check: build $(VENV)/.dev
	$(BIN)/vigie-check $(if $(GITHUB_ACTIONS),--format github --summary "$$GITHUB_STEP_SUMMARY")

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/actionlint .github/workflows/*.yml

format: $(VENV)/.dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: $(VENV)/.dev system-deps lint
	$(BIN)/python -m pytest

# PDFs for print shops. The publish job then builds again with VIGIE_PRINT_FILES=print,
# which publishes them and links them from the posters page.
print: build $(VENV)/.dev system-deps
	$(BIN)/python scripts/export_print.py --site site --out print

clean:
	rm -rf site print .pytest_cache .ruff_cache benchmarks/_work
	find . -name __pycache__ -type d -prune -not -path './$(VENV)/*' -exec rm -rf {} +
