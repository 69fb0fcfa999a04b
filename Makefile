# Two commands: `make run` (a workshop in this terminal) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test serve migrate lint bench teams-package clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m bot migrate
	$(BIN)/python -m bot console

test: $(STAMP)
	$(BIN)/ruff check core adapters bot tests bench
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q

serve: $(STAMP)
	$(BIN)/python -m bot serve

migrate: $(STAMP)
	$(BIN)/python -m bot migrate

lint: $(STAMP)
	$(BIN)/ruff check core adapters bot tests bench
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python bench/slack_ack.py

teams-package: $(STAMP)
	$(BIN)/python -m bot teams-package

clean:
	rm -rf $(VENV) build .pytest_cache
