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
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
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
    names = [info.name for info in pkgutil.iter_modules(ldnmodels.__path__) if not info.name.startswith("_")]
    return [ldnmodels] + [importlib.import_module(f"ldnmodels.{name}") for name in sorted(names)]


@pytest.mark.parametrize("module", _package_modules(), ids=lambda m: m.__name__)
def test_every_public_name_is_documented(module):
    assert module.__doc__
    for name in module.__all__:
        obj = getattr(module, name)
        if inspect.isfunction(obj) or inspect.isclass(obj):
            assert obj.__doc__ and obj.__doc__.strip(), f"{module.__name__}.{name} has no docstring"


def test_every_module_has_a_test_file():
    modules = {p.stem for p in (ROOT / "ldnmodels").glob("*.py") if not p.stem.startswith("_")}
    untested_by_design = {"constants", "data", "plotting", "patients"}  # covered via validation, widget, PK tests
    tests = {p.stem.removeprefix("test_") for p in (ROOT / "tests").glob("test_*.py")}
    assert modules - untested_by_design <= tests, modules - untested_by_design - tests


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_links_to_the_glossary(path):
    first = json.loads(path.read_text())["cells"][0]
    assert "../docs/glossary.md" in "".join(first["source"])
    assert (ROOT / "docs" / "glossary.md").exists()
