"""Zero-install build and deployment guards (the browser tests cover app mode and the static site)."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_jupyterlite_build_ships_the_wheel_and_the_notebooks(tmp_path):
    out = tmp_path / "lite"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_lite.py"), "--out", str(out)], check=True,
                   capture_output=True)
    assert (out / "index.html").exists()
    assert list((out / "pypi").glob("ldnmodels-*.whl")) and list((out / "pypi").glob("ipywidgets-*.whl"))
    for notebook in (ROOT / "notebooks").glob("*.ipynb"):
        assert (out / "files" / notebook.name).exists()
    index = json.loads((out / "pypi" / "all.json").read_text())
    assert "ldnmodels" in index


def test_notebooks_install_the_package_when_running_in_jupyterlite():
    for notebook in (ROOT / "notebooks").glob("*.ipynb"):
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
