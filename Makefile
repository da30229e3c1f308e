# Two commands for a fresh machine (see README):  make run   and   make test
# Everything else here is what those two need, plus data, lint, bench, screenshots and clean.
PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
PORT    ?= 8501
# Only this machine by default: a dashboard on a laptop should not be reachable from the whole network.
# Serve it to others deliberately, e.g. make run ADDRESS=0.0.0.0
ADDRESS ?= 127.0.0.1
# Two pytest workers: on the two-core CI machine the suite ran in 223 s instead of 334 s (both under the
# same background load). Each worker starts its own Streamlit server and Chromium. PYTEST_WORKERS=0: serial.
PYTEST_WORKERS ?= 2
PYTEST_ARGS ?=
PIP     := $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-input

# What the curated data are made from: the raw transcriptions and the code that validates and writes them.
# Other modules (analysis, exports, the interface) do not change the Parquet files, so editing them rebuilds nothing.
RAW_INPUTS   := $(shell find data/raw -type f -name '*.csv' 2>/dev/null)
BUILD_CODE   := $(wildcard funding/build/*.py funding/vocabulary.py funding/fmt.py funding/paths.py funding/__main__.py)

.DEFAULT_GOAL := help
.PHONY: help run test data lint bench bench-quick bench-table screenshots lock clean distclean

help:
	@echo "make run          start the dashboard at http://localhost:$(PORT) (PORT=... to change)"
	@echo "make test         lint and the whole test suite, browser tests included (PYTEST_WORKERS=0: serial)"
	@echo "make data         rebuild data/curated and data/reports from data/raw if anything changed"
	@echo "make lint         ruff"
	@echo "make bench        benchmarks, about 14 minutes: bench/results.json (bench/README.md)"
	@echo "make bench-quick  an A/B check in under 3 minutes: bench/tmp/results-quick.json"
	@echo "make bench-table  the README's performance table (Markdown) from bench/results.json"
	@echo "make screenshots  retake docs/screenshots/*.png from the running app"
	@echo "make clean        remove built data and caches (keeps .venv); make distclean removes .venv too"

# The stamps live inside .venv, so deleting .venv resets them with it.
$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; run make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		echo "Could not create $(VENV). On Debian/Ubuntu: sudo apt-get install python3-venv" >&2; exit 1; }

# requirements-lock.txt pins every transitive package too, so two machines never resolve differently.
$(VENV)/.stamp-runtime: requirements.txt requirements-lock.txt | $(BIN)/python
	$(PIP) -r requirements.txt -c requirements-lock.txt
	touch $@

$(VENV)/.stamp-test: requirements-test.txt requirements-lock.txt $(VENV)/.stamp-runtime
	$(PIP) -r requirements-test.txt -c requirements-lock.txt
	touch $@

# Rebuilt only when a raw file or the build code is newer than the curated data (or the libraries changed).
data/curated/manifest.json: $(RAW_INPUTS) $(BUILD_CODE) $(VENV)/.stamp-runtime
	$(BIN)/python -m funding build

data: data/curated/manifest.json

run: $(VENV)/.stamp-runtime data/curated/manifest.json
	$(BIN)/python -m streamlit run app.py --server.port $(PORT) --server.address $(ADDRESS) \
		--server.headless true --browser.gatherUsageStats false

lint: $(VENV)/.stamp-test
	$(BIN)/python -m ruff check .

test: $(VENV)/.stamp-test data/curated/manifest.json lint
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

bench: $(VENV)/.stamp-test data/curated/manifest.json
	$(BIN)/python bench/run.py

# Real data only, three pages, fewer loads and runs, no memo sweep: for comparing two versions while working.
bench-quick: $(VENV)/.stamp-test data/curated/manifest.json
	$(BIN)/python bench/run.py --quick

bench-table: $(VENV)/.stamp-test
	@$(BIN)/python bench/run.py --table

screenshots: $(VENV)/.stamp-test data/curated/manifest.json
	$(BIN)/python scripts/screenshots.py

# After changing a pin in requirements*.txt: install without the old lock, then record the whole resolved set.
# Best on a fresh .venv (make distclean first), so packages that are no longer needed drop out.
lock: | $(BIN)/python
	$(PIP) -r requirements-test.txt
	@{ sed -n '1,3p' requirements-lock.txt; $(BIN)/python -m pip freeze --disable-pip-version-check; } > requirements-lock.tmp
	mv requirements-lock.tmp requirements-lock.txt
	touch $(VENV)/.stamp-runtime $(VENV)/.stamp-test

clean:
	rm -rf data/curated data/.curated.* .pytest_cache .ruff_cache tests/artifacts bench/tmp

distclean: clean
	rm -rf $(VENV)
