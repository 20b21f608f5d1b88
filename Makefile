# Two commands do all set-up on a fresh machine with Python 3.10+ and make:
#   make lab    create .venv, install everything, open JupyterLab on notebooks/
#   make test   create .venv, install everything (and Debian's chromium for the browser tests),
#               run every test (unit, property, validation, widget, doctest, nbval, browser) on both cores
# Daily work: make test-fast (unit, property, validation and doctests; no notebooks, no browser, nothing slow).
# More: make app (code-free app mode, presentation style), make hub PASSWORD=... (a course hub), make site (the course book: HTML and PDF),
#       make slides (the lecture pages as one reveal.js deck, offline), make live-slides (the same deck served by Voilà,
#       its explorers live; PORT= as for make app),
#       make lite (JupyterLite build, in its own environment .venv-lite), make benchmark (speed and browser figures, quiet and contended;
#       make benchmark-speed and make benchmark-voila run one each),
#       make fit and make calibrate (rewrite the fitted defaults), make notebooks (execute them fresh),
#       make hypotheses (compare the mechanism hypotheses against every published study: about 11-12 min on 2 cores).
#       make sensitivity (the comparison again with the single 50 mg dose study's derived SD widened: a few minutes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LITE_VENV := .venv-lite
LITE_STAMP := $(LITE_VENV)/.installed
LOWEST_VENV := .venv-lowest
LOWEST_STAMP := $(LOWEST_VENV)/.installed

.PHONY: lab test test-fast test-lowest app hub site slides live-slides lite benchmark benchmark-speed benchmark-voila fit calibrate hypotheses sensitivity notebooks clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade --quiet pip
	$(BIN)/python -m pip install --quiet -e '.[lab,app,test,docs]'
	touch $(STAMP)

# JupyterLite's build tools live apart: their JupyterLab extension would break the pages of .venv's JupyterLab
$(LITE_STAMP): pyproject.toml
	$(PYTHON) -m venv $(LITE_VENV)
	$(LITE_VENV)/bin/python -m pip install --upgrade --quiet pip
	$(LITE_VENV)/bin/python -m pip install --quiet '.[lite]'
	touch $(LITE_STAMP)

# make lab PORT=9000, make app PORT=9000 POOL=all: a port of your choice (default 8888 and 8866, or the next free);
# which app pages keep a preheated kernel: lecture (default), all or none (app/voila.py).
PORT ?=
POOL ?= lecture

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/ $(if $(filter 0,$(shell id -u)),--allow-root,) $(if $(PORT),--port=$(PORT),)

PYTEST := $(BIN)/python -m pytest

# One run on every core plus one worker: that worker runs the browser tests that share the app's servers (Voilà and
# JupyterLab start once; it mostly waits on pages), the others everything else, a file or a notebook at a time
# (conftest.py sets the order and the unit of the app's browser files).
test: $(STAMP) $(LITE_STAMP)
	bash scripts/ensure_chromium.sh
	$(PYTEST) -n $$(( $$(nproc) + 1 )) --dist loadfile --no-loadscope-reorder

# Every floor in pyproject.toml is real: the library at the lowest versions it declares (uv's lowest-direct
# resolution of its own dependencies) passes the fast tests.
$(LOWEST_STAMP): pyproject.toml
	$(PYTHON) -m venv $(LOWEST_VENV)
	$(LOWEST_VENV)/bin/python -m pip install --quiet uv
	$(LOWEST_VENV)/bin/python -m uv pip install --quiet --python $(LOWEST_VENV)/bin/python --resolution lowest-direct \
		-e . 'pytest>=7.4' 'pytest-xdist>=3.8' 'hypothesis>=6.80' 'nbval>=0.11'
	touch $(LOWEST_STAMP)

test-lowest: $(LOWEST_STAMP)
	$(LOWEST_VENV)/bin/python -m pytest -n auto -m "not notebook and not browser and not slow" \
		tests/core tests/model tests/analyses tests/validation tests/teaching ldnmodels

test-fast: $(STAMP)
	$(PYTEST) -n auto -m "not notebook and not browser and not slow" tests ldnmodels

app: $(STAMP)
	LDN_PRESENTATION=1 LDN_POOL=$(POOL) $(BIN)/voila notebooks/ --Voila.config_file_paths=app $(if $(PORT),--port=$(PORT),)

# make hub PASSWORD=...: a course hub on this machine (hub/jupyterhub_config.py, docs/course_hub.md): JupyterHub,
# each student's copy of the notebooks pulled by nbgitpuller; its proxy from the npm registry into build/hub.
HUB_PROXY := build/hub/node_modules/.bin/configurable-http-proxy
PASSWORD ?=

$(HUB_PROXY):
	npm install --no-audit --no-fund --silent --prefix build/hub configurable-http-proxy@5

hub: $(STAMP) $(HUB_PROXY)
	@password='$(PASSWORD)'; test $${#password} -ge 8 || \
		{ echo "make hub PASSWORD=<at least 8 characters>: every student logs in with it" >&2; exit 2; }
	LDN_HUB_PASSWORD="$(PASSWORD)" $(BIN)/jupyterhub -f hub/jupyterhub_config.py $(if $(PORT),--port=$(PORT),)

site: $(STAMP)
	$(BIN)/python scripts/build_site.py --out build/site

slides: $(STAMP)
	$(BIN)/python scripts/build_slides.py --out build/slides

live-slides: $(STAMP)
	MPLBACKEND=Agg $(BIN)/python scripts/build_slides.py --live --out build/live-slides --serve $(if $(PORT),--port=$(PORT),)

lite: $(LITE_STAMP)
	$(LITE_VENV)/bin/python scripts/build_lite.py --out build/lite

benchmark: $(STAMP)
	$(BIN)/python benchmarks/bench_speed.py; speed=$$?; \
	bash scripts/ensure_chromium.sh && $(BIN)/python benchmarks/bench_voila.py all; voila=$$?; \
	exit $$(( speed || voila ))

benchmark-speed: $(STAMP)
	$(BIN)/python benchmarks/bench_speed.py

benchmark-voila: $(STAMP)
	bash scripts/ensure_chromium.sh
	$(BIN)/python benchmarks/bench_voila.py all

# The pipeline that writes ldnmodels/data/fitted_defaults.csv: fit first (PK, receptor structures, side effects),
# then calibrate (about 10 minutes; it simulates with the fitted defaults). Then rerun the notebooks: make notebooks.
fit: $(STAMP)
	$(BIN)/python scripts/fit_parameters.py

calibrate: $(STAMP)
	$(BIN)/python scripts/calibrate_population.py

hypotheses: $(STAMP)
	$(BIN)/python scripts/compare_hypotheses.py

sensitivity: $(STAMP)
	$(BIN)/python scripts/hypotheses_sensitivity.py

notebooks: $(STAMP)
	$(BIN)/python scripts/execute_notebooks.py

clean:
	rm -rf $(VENV) $(LITE_VENV) $(LOWEST_VENV) build *.egg-info
