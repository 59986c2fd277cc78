# Everything runs from a local virtual environment that the targets create.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_PORT ?= 8765
DEMO_REPORT ?= demo-report.json

.PHONY: install demo test lint format bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/python fixtures/demo.py --port $(DEMO_PORT) --report $(DEMO_REPORT)

lint: $(STAMP)
	$(BIN)/ruff check sitelint rules tests fixtures
	$(BIN)/ruff format --check sitelint rules tests fixtures
	$(BIN)/mypy sitelint rules

format: $(STAMP)
	$(BIN)/ruff format sitelint rules tests fixtures
	$(BIN)/ruff check --fix sitelint rules tests fixtures

test: lint
	$(BIN)/pytest -n auto -q

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache $(DEMO_REPORT)
