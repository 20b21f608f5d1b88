# Two commands do all set-up on a fresh machine with Python 3.10+ and make:
#   make lab    create .venv, install everything, open JupyterLab on notebooks/
#   make test   create .venv, install everything, run every test (unit, property,
#               validation, widget, doctest and nbval over the notebooks)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: lab test benchmark fit clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade --quiet pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

test: $(STAMP)
	$(BIN)/python -m pytest

benchmark: $(STAMP)
	$(BIN)/python benchmarks/bench_speed.py

fit: $(STAMP)
	$(BIN)/python scripts/fit_parameters.py

clean:
	rm -rf $(VENV) build *.egg-info
