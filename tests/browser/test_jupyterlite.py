"""The JupyterLite build: it ships the wheel and the notebooks, and says in words when Pyodide cannot be loaded.

It is built with the ``lite`` extra's own environment (``.venv-lite``, created by ``make test`` and ``make lite``).
"""
import contextlib
import functools
import http.server
import json
import subprocess
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LITE_PYTHON = ROOT / ".venv-lite" / "bin" / "python"


@pytest.fixture(scope="module")
def lite_site(tmp_path_factory):
    if not LITE_PYTHON.exists():
        pytest.fail(f"{LITE_PYTHON} is missing: make test (or make lite) creates JupyterLite's own environment")
    out = tmp_path_factory.mktemp("lite") / "site"
    subprocess.run([str(LITE_PYTHON), str(ROOT / "scripts" / "build_lite.py"), "--out", str(out)], check=True,
                   capture_output=True)
    return out


@contextlib.contextmanager
def _serve(directory: Path):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def test_jupyterlite_build_ships_the_wheel_and_the_notebooks(lite_site):
    assert (lite_site / "index.html").exists()
    assert list((lite_site / "pypi").glob("ldnmodels-*.whl")) and list((lite_site / "pypi").glob("ipywidgets-*.whl"))
    for notebook in (ROOT / "notebooks").glob("*.ipynb"):
        assert (lite_site / "files" / notebook.name).exists()
    assert "ldnmodels" in json.loads((lite_site / "pypi" / "all.json").read_text())
    for page in ("lab", "notebooks", "tree"):
        assert "ldn-pyodide-check.js" in (lite_site / page / "index.html").read_text()


def test_page_says_in_words_that_pyodide_cannot_be_loaded(lite_site, browser):
    with _serve(lite_site) as url:
        context = browser.new_context()
        left = []

        def local_only(route):
            if route.request.url.startswith(url):
                route.continue_()
            else:  # the CDN unreachable, as in a classroom without internet
                left.append(route.request.url)
                route.abort()

        context.route("**/*", local_only)
        page = context.new_page()
        errors = []
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{url}/lab/index.html?path=01_dose_and_plasma_levels.ipynb")
        alert = page.locator("#ldn-pyodide-missing")
        alert.wait_for(state="visible", timeout=60_000)
        text = alert.inner_text()
        assert "Python cannot start" in text and "first time" in text
        assert "make app" in text and "make lab" in text
        assert any("pyodide" in address for address in left)  # what it could not reach was Pyodide
        # the banner can show before JupyterLab has laid out its menu bar (a fresh clone's run, once): wait for it
        menu_bar = page.locator("#jp-menu-panel:visible, .lm-MenuBar:visible").first
        menu_bar.wait_for(state="visible", timeout=60_000)
        menu, banner = menu_bar.bounding_box(), alert.bounding_box()
        assert menu["y"] + menu["height"] <= banner["y"]  # the menu bar stays visible above it
        page.locator(".jp-RenderedMarkdown a", has_text="glossary").first.click()  # the glossary needs no Python
        page.locator(".jp-RenderedMarkdown", has_text="Words the notebooks use").first.wait_for(timeout=60_000)
        # nothing but the unreachable Pyodide (the table of contents once failed on Markdown outputs stored as lists)
        unreachable = ("pyodide", "Failed to load resource: net::ERR_FAILED")
        assert [error for error in errors if not any(part in error for part in unreachable)] == []
        context.close()
