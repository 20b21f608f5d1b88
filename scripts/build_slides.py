"""Build the lecture's slides: the seven lecture pages (``notebooks/lecture/``) as one reveal.js deck.

Usage: python scripts/build_slides.py [--out build/slides]

nbconvert's own route (the ``slides`` exporter, reveal.js): every page is run fresh in the presentation style and
each explorer becomes its figure (its description the alt text), each check box its question: a deck has no kernel,
so no control is shown that would not move anything; for the live explorers use the app mode (``make app``). Code
is hidden; each page is a slide and its answer and printed numbers the slide below it (press the down arrow, or
space); every figure fits its slide whole at 1280×720 and 1920×1080. Nothing is loaded from a CDN: reveal.js,
require.js and jQuery come from the npm registry into the deck's folder, so the deck works offline and opened from
disk. Educational, not medical advice.

``--live`` builds the same deck for Voilà instead (``make live-slides``): the pages are not run here but by Voilà
when the deck is opened, so every explorer on its slide has a kernel behind it and moves; reveal.js's style sheets
come from the npm registry into the deck's template (``scripts/live_slides_template/ldn-reveal``), so nothing is
fetched from a CDN. ``--serve`` then starts Voilà on it.
"""
from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))  # this folder's helpers, also when loaded by path
import run_notebook  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LECTURE = ROOT / "notebooks" / "lecture"
TEMPLATE = Path(__file__).resolve().parent / "slides_template"
LIVE_TEMPLATE = Path(__file__).resolve().parent / "live_slides_template" / "ldn-reveal"
NPM_PACKAGES = ("reveal.js@4", "requirejs@2", "jquery@3")
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: A page's "Reveal the answer" button (<details class="ldn-reveal">): in the deck the answer is the slide below.
_REVEAL = re.compile(r"<details[^>]*>\s*<summary>.*?</summary>|</details>", flags=re.S)
_NOTEBOOK_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\.ipynb[^)]*\)")


def install_javascript(out: Path) -> None:
    """npm-install reveal.js, require.js and jQuery next to the deck."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent",
                        "--prefer-offline", "--prefix", tmp, *NPM_PACKAGES],
                       check=True)
        modules = Path(tmp) / "node_modules"
        for part in ("dist", "plugin"):
            shutil.copytree(modules / "reveal.js" / part, out / "reveal.js" / part, dirs_exist_ok=True)
        shutil.copy(modules / "requirejs" / "require.js", out / "require.js")
        shutil.copy(modules / "jquery" / "dist" / "jquery.min.js", out / "jquery.min.js")


def executed(path: Path) -> nbformat.NotebookNode:
    """One lecture page run fresh, in the presentation style, with its widgets' state (for :func:`static_widgets`)."""
    notebook = nbformat.read(path, as_version=4)
    run_notebook.run(notebook, path.parent, store_widget_state=True)
    return notebook


def _executed_text(path: Path) -> str:
    return nbformat.writes(static_widgets(executed(path)))


def static_widgets(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Each widget of a run page as what it shows: an explorer as its figure (with its description as alt text), a
    check box as its question. A deck has no kernel, so no control may look as if it moved anything."""
    state = notebook.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view is None:
                outputs.append(output)
            elif html := _shown(state, view["model_id"]):
                outputs.append(nbformat.v4.new_output("display_data", data={"text/html": html}))
        cell.outputs = outputs
    notebook.metadata.pop("widgets", None)
    return notebook


def _shown(state: dict, model_id: str, alt: str = "") -> str:
    """HTML for what one widget (and its children) shows without a kernel: images and texts, no controls."""
    model = state.get(model_id.removeprefix("IPY_MODEL_"))
    if model is None:
        return ""
    name, values = model["model_name"], model["state"]
    classes = values.get("_dom_classes", [])
    if name == "ImageModel":
        data = next(buffer["data"] for buffer in model.get("buffers", []) if buffer["path"] == ["value"])
        return (f'<div class="ldn-slide-figure"><img class="ldn-explorer-figure" alt="{html.escape(alt)}" '
                f'src="data:image/{values.get("format", "png")};base64,{data}"></div>')
    if name == "HTMLModel":
        shown_text = {"ldn-explorer-summary", "ldn-explorer-description"}.isdisjoint(classes)
        return values.get("value", "") if shown_text else ""
    children = values.get("children", [])
    if "ldn-explorer" in classes:  # the description becomes the figure's alt text
        for child in children:
            described = state.get(child.removeprefix("IPY_MODEL_"), {})
            if "ldn-explorer-description" in described.get("state", {}).get("_dom_classes", []):
                alt = re.sub(r"<[^>]+>", "", described["state"].get("value", "")).removeprefix("Figure: ")
    return "".join(_shown(state, child, alt) for child in children)


def deck(pages: list[nbformat.NotebookNode]) -> nbformat.NotebookNode:
    """The pages as one notebook with slide metadata: a page per slide, each later text of a page a slide below, a
    page's printed numbers (cells tagged "reveal") on the slide below with the text after them."""
    merged = nbformat.v4.new_notebook(metadata=dict(pages[0].metadata))
    for page in pages:
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
    merged.metadata.pop("widgets", None)  # every widget is already what it shows (static_widgets)
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
                              jquery_url="jquery.min.js",
                              exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(notebook)
    path = out / "lecture.slides.html"
    path.write_text(body, encoding="utf-8")
    return path


def build_live(out: Path) -> Path:
    """Write the live deck (the lecture pages as one notebook with slide metadata, not run) and its Voilà template
    with reveal.js's style sheets into ``out``; return the notebook's path (:func:`live_command` serves it)."""
    if out.exists():
        shutil.rmtree(out)
    template = out / "share" / "jupyter" / "voila" / "templates" / "ldn-reveal"
    shutil.copytree(LIVE_TEMPLATE, template)
    (template / "static").mkdir()
    install_javascript(template / "npm")
    # "revealjs": Voilà's own bundle is "static/reveal.js" (the template's footer loads it)
    shutil.move(template / "npm" / "reveal.js", template / "static" / "revealjs")
    shutil.rmtree(template / "npm")
    for repair in ("ldn-a11y.css", "ldn-a11y.js"):  # the app's accessibility repairs, one copy
        shutil.copy(ROOT / "app" / "share" / "jupyter" / "voila" / "templates" / "ldn" / "static" / repair,
                    template / "static")
    pages, plans = [], 0
    for page in sorted(LECTURE.glob("[0-9]_*.ipynb")):
        notebook = nbformat.read(page, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
                plans += "contents_markdown()" in cell.source  # the plan's table: no links to pages a deck lacks
                cell.source = cell.source.replace("contents_markdown()", "contents_markdown(links=False)")
        pages.append(notebook)
    if plans != 1:
        raise ValueError(f"expected the plan's contents_markdown() call once in {LECTURE}, found it {plans} times")
    path = out / "lecture.ipynb"
    notebook = deck(pages)
    nbformat.write(notebook, path)
    try:  # trusted, as the app's pages are: Voilà does not log "not trusted" at every visit
        from nbformat.sign import NotebookNotary

        NotebookNotary().sign(notebook)
    except Exception:  # noqa: BLE001 - a read-only trust database: the deck works, only the log warns
        pass
    return path


def live_command(path: Path, port: int | None = None) -> tuple[list[str], dict]:
    """The command (and the environment it adds) that serves the live deck at ``path`` with Voilà."""
    command = [sys.executable, "-m", "voila", str(path), "--no-browser", "--template=ldn-reveal",
               "--Voila.ip=127.0.0.1"]
    if port is not None:
        command.append(f"--port={port}")
    return command, {"JUPYTER_PATH": str(path.parent / "share" / "jupyter"), "LDN_PRESENTATION": "1"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="default build/slides (build/live-slides with --live)")
    parser.add_argument("--live", action="store_true", help="the deck for Voilà, with live explorers")
    parser.add_argument("--serve", action="store_true", help="with --live: start Voilà on it")
    parser.add_argument("--port", type=int, default=None)
    args = parser.parse_args()
    if not args.live:
        print(f"open {build((args.out or ROOT / 'build' / 'slides').resolve())}")
        return
    path = build_live((args.out or ROOT / "build" / "live-slides").resolve())
    if args.serve:
        command, env = live_command(path, args.port)
        os.execve(command[0], command, {**os.environ, **env})
    command, env = live_command(path)
    print("serve it: " + " ".join([f"{name}={value}" for name, value in env.items()] + command))


if __name__ == "__main__":
    main()
