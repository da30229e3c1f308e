# Two commands for a fresh machine (see README):  make run   and   make test
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501

RAW_INPUTS    := $(shell find data/raw -type f -name '*.csv' 2>/dev/null)
BUILD_INPUTS  := $(RAW_INPUTS) $(wildcard funding/*.py)

.PHONY: run test data lint bench screenshots clean

# The stamps live inside .venv, so deleting .venv resets them with it.
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.stamp-runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.stamp-test: requirements-test.txt $(VENV)/.stamp-runtime
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

# Rebuilt only when a raw file or the build code is newer than the curated data.
data/curated/manifest.json: $(BUILD_INPUTS) $(VENV)/.stamp-runtime
	$(BIN)/python -m funding build

data: data/curated/manifest.json

run: $(VENV)/.stamp-runtime data
	$(BIN)/python -m streamlit run app.py --server.port $(PORT) --server.headless true \
		--browser.gatherUsageStats false

lint: $(VENV)/.stamp-test
	$(BIN)/python -m ruff check .

test: $(VENV)/.stamp-test data lint
	$(BIN)/python -m pytest

clean:
	rm -rf data/curated .pytest_cache .ruff_cache
