# Everything runs from a local virtual environment that the targets create.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_PORT ?= 8765
DEMO_REPORT ?= demo-report.json

.PHONY: install browser demo test lint format bench eval-darkpatterns docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/python fixtures/demo.py --port $(DEMO_PORT) --report $(DEMO_REPORT)

lint: $(STAMP)
	$(BIN)/ruff check sitelint rules tests fixtures eval bench
	$(BIN)/ruff format --check sitelint rules tests fixtures eval bench
	$(BIN)/mypy sitelint rules

format: $(STAMP)
	$(BIN)/ruff format sitelint rules tests fixtures eval bench
	$(BIN)/ruff check --fix sitelint rules tests fixtures eval bench

# Render tests drive a real Chromium: install Debian's when none is found
# (CI runs as root on Debian; elsewhere, install one as the message says).
browser: $(STAMP)
	@$(BIN)/python -c "from sitelint.render import find_browser; print('browser:', find_browser())" 2>/dev/null || \
	  { echo "no Chromium found: installing Debian's chromium-headless-shell and chromium"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-headless-shell >/dev/null; \
	    $(BIN)/python -c "from sitelint.render import find_browser; print('browser:', find_browser())"; }

test: lint browser
	$(BIN)/pytest -n auto -q

# Speed and memory on generated sites served by nginx (not a test): prints a
# table and writes bench/results/<timestamp>.json. BENCH_ARGS=--quick for a
# fast check; see bench/run.py --help.
bench: $(STAMP)
	@command -v nginx >/dev/null 2>&1 || { echo "nginx not found: installing it"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Precision and recall of the dark-pattern rules on ../shared/data (not a test).
eval-darkpatterns: $(STAMP)
	$(BIN)/python eval/darkpatterns.py

# docs/rules/<ID>.md from the rules' docstrings (SARIF helpUri points there).
docs: $(STAMP)
	$(BIN)/python -m sitelint.docs docs/rules

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache $(DEMO_REPORT)
