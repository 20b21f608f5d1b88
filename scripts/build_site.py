"""Build a static HTML site of every notebook: executed, with figures and the widgets' initial state.

Usage: python scripts/build_site.py [--out build/site] [notebooks ...]

The site works opened from disk with no network: require.js and the Jupyter widgets HTML manager are
installed from the npm registry into the site (``_static/``) instead of being loaded from a CDN.
"""
from __future__ import annotations

import argparse
import html
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parents[1]
NPM_PACKAGES = ("@jupyter-widgets/html-manager@1", "requirejs@2")
#: How notebooks link to the glossary (docs/glossary.md); the site links to its own glossary page instead.
GLOSSARY_LINK = "../docs/glossary.md"


def install_javascript(static: Path) -> tuple[str, str]:
    """npm-install the widget renderer and require.js into ``static``; return their relative URLs."""
    static.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent", "--prefix", tmp, *NPM_PACKAGES],
                       check=True)
        modules = Path(tmp) / "node_modules"
        shutil.copy(modules / "requirejs" / "require.js", static / "require.js")
        shutil.copytree(modules / "@jupyter-widgets" / "html-manager" / "dist", static / "html-manager",
                        dirs_exist_ok=True)
    return "_static/require.js", "_static/html-manager/embed-amd.js"


def build(out: Path, notebooks: list[Path]) -> list[Path]:
    """Execute ``notebooks`` with widget state and write them as HTML pages plus an index into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    require_url, widgets_url = install_javascript(out / "_static")
    exporter = HTMLExporter(template_name="lab", exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.require_js_url = require_url
    exporter.widget_renderer_url = widgets_url
    exporter.mathjax_url = ""
    pages = []
    from tqdm import tqdm
    for path in tqdm(notebooks, desc="executing notebooks", unit="notebook", disable=not sys.stderr.isatty()):
        notebook = nbformat.read(path, as_version=4)
        NotebookClient(notebook, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}, store_widget_state=True).execute()
        body, _ = exporter.from_notebook_node(notebook)
        banner = ('<div style="background:#fff3cd;padding:0.6em 1em;font-family:sans-serif">'
                  "Static page: figures and numbers are from a fresh run; <b>sliders need a live kernel</b> — "
                  "use the app mode (<code>make app</code>) or the zero-install JupyterLite site "
                  "(<code>make lite</code>). Educational, not medical advice.</div>")
        body = _insert_banner(body, banner).replace(GLOSSARY_LINK, "glossary.html")
        page = out / (path.stem + ".html")
        page.write_text(body, encoding="utf-8")
        pages.append(page)
        tqdm.write(f"built {page.relative_to(out.parent) if out.parent in page.parents else page}")
    _write_index(out, notebooks)
    _write_glossary(out)
    return pages


def _write_glossary(out: Path) -> None:
    """The glossary every notebook links to, as a page of the site (notebooks link to the Markdown file)."""
    import mistune

    text = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    (out / "glossary.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>ldnmodels glossary</title></head>"
        "<body style='font-family:sans-serif;max-width:50em;margin:2em auto;font-size:1.2em'>"
        f"{mistune.html(text)}<p><a href='index.html'>back to the notebooks</a></p></body></html>", encoding="utf-8")


def _insert_banner(body: str, banner: str) -> str:
    start = body.index("<body")
    end = body.index(">", start) + 1
    return body[:end] + banner + body[end:]


def _write_index(out: Path, notebooks: list[Path]) -> None:
    items = []
    for path in notebooks:
        notebook = json.loads(path.read_text())
        first = "".join(notebook["cells"][0]["source"]).splitlines()[0].lstrip("# ").strip()
        items.append(f'<li><a href="{html.escape(path.stem)}.html">{html.escape(first)}</a></li>')
    (out / "index.html").write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>ldnmodels notebooks</title></head>"
        "<body style='font-family:sans-serif;max-width:50em;margin:2em auto;font-size:1.2em'>"
        "<h1>ldnmodels: low-dose naltrexone in models you can move</h1>"
        "<p><b>Educational, not medical advice.</b> These pages were executed fresh; figures and numbers are static. "
        "Sliders need a live kernel: run <code>make app</code> (code-free apps) or <code>make lab</code>, or open the "
        "JupyterLite build (<code>make lite</code>) for a version that runs in the browser.</p>"
        f"<ol start='0'>{''.join(items)}</ol></body></html>", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "site")
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args()
    notebooks = [p.resolve() for p in args.notebooks] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    build(args.out.resolve(), notebooks)
    print(f"open {args.out / 'index.html'}")


if __name__ == "__main__":
    main()
