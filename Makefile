# The two commands of the README: `make demo` and `make test`.
# Both create the virtual environment and install Graphviz when missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test test-fast lint setup system-deps bench readme clean

demo: $(VENV)/.installed
	@COORDGRAPH_NO_BROWSER=1 bash scripts/install-system-deps.sh
	$(BIN)/coordgraph render --view organigram -o output/organigram.svg
	$(BIN)/coordgraph render --view organigram -o output/organigram.png
	$(BIN)/coordgraph render --view platforms -o output/platforms.svg
	$(BIN)/coordgraph render --view representation -o output/representation.svg
	$(BIN)/coordgraph check --fail-on never

test: setup
	$(BIN)/python -m pytest

# The inner loop: no browser, nothing that takes a second or more.
test-fast: setup
	$(BIN)/python -m pytest -m "not browser and not slow"

# Configured in pyproject.toml; .ci/run runs it before the tests. Both tools run; fails if
# either does.
lint: $(VENV)/.lint-installed
	@status=0; \
	$(BIN)/ruff check coordgraph tests scripts benchmarks || status=1; \
	$(BIN)/mypy || status=1; \
	exit $$status

$(VENV)/.lint-installed: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test,lint]'
	@touch $@

setup: $(VENV)/.installed system-deps

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "coordgraph needs Python 3.11 or newer: run make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

system-deps:
	@bash scripts/install-system-deps.sh

bench: setup
	$(BIN)/python benchmarks/bench_check.py
	$(BIN)/python benchmarks/bench_portfolio.py
	$(BIN)/python benchmarks/bench_render.py

readme: setup
	$(BIN)/python scripts/update_readme.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
