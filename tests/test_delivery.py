"""Deployment guards (the browser tests cover the app mode, the course book and the JupyterLite build)."""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_notebooks_install_the_package_when_running_in_jupyterlite():
    for notebook in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"):  # the glossary has no code
        first_code = next(c for c in json.loads(notebook.read_text())["cells"] if c["cell_type"] == "code")
        source = "".join(first_code["source"])
        assert 'sys.platform == "emscripten"' in source and "piplite.install" in source, notebook.name


def test_binder_and_app_mode_are_wired():
    environment = (ROOT / "environment.yml").read_text()
    assert "- -e ." in environment and "voila" in environment
    makefile = (ROOT / "Makefile").read_text()
    for target in ("lab:", "test:", "app:", "site:", "lite:"):
        assert target in makefile
    assert "LDN_PRESENTATION=1" in makefile


def test_jupyterlab_environment_carries_no_jupyterlite_extension():
    """JupyterLite's kernel extension in the JupyterLab/Voilà environment breaks their pages (console errors);
    its build tools live in the ``lite`` extra's own environment (.venv-lite)."""
    import importlib.util

    assert importlib.util.find_spec("jupyterlite_pyodide_kernel") is None
    extensions = Path(sys.prefix) / "share" / "jupyter" / "labextensions"
    assert not (extensions / "@jupyterlite").exists()
