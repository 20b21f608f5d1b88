"""Inventory: every notebook indexed and clean, every public name documented, every module tested."""
import importlib
import inspect
import json
import pkgutil
import re
from pathlib import Path

import pytest

import ldnmodels

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))  # the glossary beside them: test_glossary_page
README = (ROOT / "README.md").read_text()


def test_there_are_notebooks():
    assert [p.name for p in NOTEBOOKS][:3] == ["00_start_here.ipynb", "01_dose_and_plasma_levels.ipynb",
                                               "02_receptor_blockade.ipynb"]
    assert len(NOTEBOOKS) == 11


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_indexed_in_readme(path):
    assert f"notebooks/{path.name}" in README


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_hygiene(path):
    nb = json.loads(path.read_text())
    cells = nb["cells"]
    first = "".join(cells[0]["source"])
    assert first.startswith("# ") and "What you will learn" in first and "not medical advice" in first
    assert "widgets" not in nb["metadata"], "widget state saved"
    code = [c for c in cells if c["cell_type"] == "code"]
    assert [c["execution_count"] for c in code] == list(range(1, len(code) + 1)), "not a fresh top-to-bottom run"
    assert not any(o["output_type"] == "error" for c in code for o in c["outputs"])
    checks = [c for c in code if "nbval-check-output" in c["metadata"].get("tags", [])]
    assert checks and all(c["outputs"] for c in checks)
    for c in code:
        for line in "".join(c["source"]).splitlines():
            assert not line.rstrip().endswith(";"), f"trailing ';' in {line!r}"
        assert not re.search(r"^\s*(def|class) ", "".join(c["source"]), re.M), "model code belongs in the package"
    for c in code:
        assert not re.search(r"plotting\.show\(\w+\)", "".join(c["source"])), "a figure without a text description"
    text = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert "Try this" in text and "where the numbers come from" in text.lower()
    assert any("provenance_markdown" in "".join(c["source"]) or "medicines_markdown" in "".join(c["source"])
               for c in code), "no provenance table"


def _package_modules():
    """Every module of the package, discovered (a new module cannot escape these checks)."""
    names = [info.name for info in pkgutil.walk_packages(ldnmodels.__path__, "ldnmodels.")
             if not info.name.rpartition(".")[2].startswith("_")]
    return [ldnmodels] + [importlib.import_module(name) for name in sorted(names)]


@pytest.mark.parametrize("module", _package_modules(), ids=lambda m: m.__name__)
def test_every_public_name_is_documented(module):
    assert module.__doc__
    for name in module.__all__:
        obj = getattr(module, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            assert obj.__doc__ and obj.__doc__.strip(), f"{module.__name__}.{name} has no docstring"


#: Modules without a test file of their own, and where they are tested instead.
TESTED_ELSEWHERE = {
    "core/constants": "unit conversions, through every PK and validation test",
    "core/patients": "patient-array shapes, through tests/model/test_simulation.py and the population tests",
    "core/version": "one string, read by packaging and tests/teaching/test_cli.py (--version)",
    "teaching/plotting": "re-exports only; the builders are tested in tests/teaching/test_plotting*.py",
}


def test_every_module_has_a_test_file_beside_it():
    """ldnmodels/<layer>/<module>.py is tested in tests/<layer>/test_<module>.py (tests mirror the layers)."""
    modules = {f"{p.parent.name}/{p.stem}" for layer in ldnmodels.LAYERS for p in (ROOT / "ldnmodels" / layer).iterdir()
               if p.suffix == ".py" and not p.stem.startswith("_")}
    modules |= {f"{p.parent.parent.name}/{p.parent.name}" for layer in ldnmodels.LAYERS
                for p in (ROOT / "ldnmodels" / layer).glob("*/__init__.py")}
    tests = {f"{p.parent.name}/{p.stem.removeprefix('test_')}" for layer in ldnmodels.LAYERS
             for p in (ROOT / "tests" / layer).glob("test_*.py")}
    untested = modules - set(TESTED_ELSEWHERE) - tests
    assert not untested, sorted(untested)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_links_to_the_glossary(path):
    first = json.loads(path.read_text())["cells"][0]
    assert "(glossary.ipynb)" in "".join(first["source"])
    assert (ROOT / "notebooks" / "glossary.ipynb").exists()


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").rglob("*.ipynb")), ids=lambda p: p.name)
def test_committed_notebooks_keep_no_widget_view_without_its_state(path):
    """A widget view whose state was dropped makes JupyterLab log "widget model not found" when the notebook opens."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    views = [index for index, cell in enumerate(notebook["cells"]) for output in cell.get("outputs", [])
             if "application/vnd.jupyter.widget-view+json" in output.get("data", {})]
    assert views == [] or "widgets" in notebook["metadata"], f"widget views without state in cells {views}"
