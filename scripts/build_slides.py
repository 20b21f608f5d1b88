"""Build the lecture's slides: the seven lecture pages (``notebooks/lecture/``) as one reveal.js deck.

Usage: python scripts/build_slides.py [--out build/slides]

nbconvert's own route (the ``slides`` exporter, reveal.js): every page is run fresh in the presentation style
with its widgets' state kept, so each explorer shows its figure; code is hidden; each page is a slide and its
"Reveal" text the slide below it (press the down arrow, or space). Nothing is loaded from a CDN: reveal.js,
require.js, jQuery and the Jupyter widgets HTML manager come from the npm registry into the deck's folder, so the
deck works offline and opened from disk. Sliders on a slide do not move anything (there is no kernel): for the
live explorers use the app mode (``make app``). Educational, not medical advice.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
LECTURE = ROOT / "notebooks" / "lecture"
TEMPLATE = Path(__file__).resolve().parent / "slides_template"
NPM_PACKAGES = ("reveal.js@4", "requirejs@2", "jquery@3", "@jupyter-widgets/html-manager@1")
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
#: A page's "Reveal the answer" button (<details class="ldn-reveal">): in the deck the answer is the slide below.
_REVEAL = re.compile(r"<details[^>]*>\s*<summary>.*?</summary>|</details>", flags=re.S)
_NOTEBOOK_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\.ipynb[^)]*\)")


def install_javascript(out: Path) -> None:
    """npm-install reveal.js, require.js, jQuery and the widget renderer next to the deck."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent",
                        "--prefer-offline", "--prefix", tmp, *NPM_PACKAGES],
                       check=True)
        modules = Path(tmp) / "node_modules"
        for part in ("dist", "plugin"):
            shutil.copytree(modules / "reveal.js" / part, out / "reveal.js" / part, dirs_exist_ok=True)
        shutil.copy(modules / "requirejs" / "require.js", out / "require.js")
        shutil.copy(modules / "jquery" / "dist" / "jquery.min.js", out / "jquery.min.js")
        manager = modules / "@jupyter-widgets" / "html-manager" / "dist"
        shutil.copytree(manager, out / "html-manager", dirs_exist_ok=True)
        # the renderer's widget styles ask for their icon fonts at this page-relative path
        fonts = out / "@jupyter-widgets" / "html-manager" / "dist"
        fonts.mkdir(parents=True, exist_ok=True)
        for font in manager.iterdir():
            if font.suffix in (".woff", ".woff2", ".ttf", ".eot", ".svg"):
                shutil.copy(font, fonts / font.name)


def executed(path: Path) -> nbformat.NotebookNode:
    """One lecture page run fresh, in the presentation style, with its widgets' state."""
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}},
                   store_widget_state=True).execute()
    return notebook


def _executed_text(path: Path) -> str:
    return nbformat.writes(executed(path))


def deck(pages: list[nbformat.NotebookNode]) -> nbformat.NotebookNode:
    """The pages as one notebook with slide metadata: a page per slide, each later text of a page a slide below, a
    page's printed numbers (cells tagged "reveal") on the slide below with the text after them."""
    merged = nbformat.v4.new_notebook(metadata=dict(pages[0].metadata))
    state: dict = {}
    for page in pages:
        state.update(page.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {}))
        first, revealing = True, False
        for cell in page.cells:
            if cell.cell_type == "markdown":  # no other pages in a deck: the links between pages go
                cell.source = re.sub(r"(\s·\s)+", " · ", _NOTEBOOK_LINK.sub("", cell.source)).replace("· \n", "\n")
                cell.source = _REVEAL.sub("", cell.source)  # the slide below is the reveal: no button on it
            # printed numbers (tagged "reveal") wait on the slide below with the page's answer, as behind its button
            reveal = "reveal" in cell.metadata.get("tags", [])
            kind = ("slide" if first else "-" if revealing and cell.cell_type == "markdown"
                    else "subslide" if cell.cell_type == "markdown" or reveal else "-")
            revealing = reveal or (revealing and cell.cell_type == "markdown")
            cell.metadata["slideshow"] = {"slide_type": kind}
            merged.cells.append(cell)
            first = False
    merged.metadata["widgets"] = {WIDGET_STATE: {"state": state, "version_major": 2, "version_minor": 0}}
    merged.metadata["title"] = "Low-dose naltrexone: a 50-minute lesson"
    return merged


def build(out: Path) -> Path:
    """Run the lecture pages and write the deck with its scripts into ``out``; return the deck's path."""
    from nbconvert import SlidesExporter

    os.environ["LDN_PRESENTATION"] = "1"  # the kernels inherit it: figures in the presentation style
    os.environ.setdefault("MPLBACKEND", "Agg")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    install_javascript(out)
    pages = sorted(LECTURE.glob("[0-9]_*.ipynb"))
    # one process a page, as many at once as there are cores: the kernels' start-up and runs overlap
    with ProcessPoolExecutor(max_workers=min(len(pages), os.cpu_count() or 1)) as pool:
        notebook = deck([nbformat.reads(text, as_version=4) for text in pool.map(_executed_text, pages)])
    exporter = SlidesExporter(template_name="ldn-slides", extra_template_basedirs=[str(TEMPLATE)],
                              reveal_url_prefix="reveal.js", reveal_theme="white", require_js_url="require.js",
                              jquery_url="jquery.min.js", widget_renderer_url="html-manager/embed-amd.js",
                              exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(notebook)
    path = out / "lecture.slides.html"
    path.write_text(body, encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "slides")
    args = parser.parse_args()
    print(f"open {build(args.out.resolve())}")


if __name__ == "__main__":
    main()
