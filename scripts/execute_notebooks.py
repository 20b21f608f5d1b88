"""Execute every notebook top to bottom in a fresh kernel, keep the outputs, drop widget state.

Usage: python scripts/execute_notebooks.py [notebooks/NN_name.ipynb ...]

Run this before committing a changed notebook: nbval then compares the check cells
(tagged ``nbval-check-output``) with what a fresh run prints. Widget views are left out with the widget state:
without it JupyterLab could only log "widget model not found" for each; figures and printed numbers stay.
"""
import sys
from pathlib import Path

import build_glossary
import nbformat
import run_notebook

ROOT = Path(__file__).resolve().parents[1]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def execute(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    run_notebook.run(notebook, path.parent, store_widget_state=False)
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:  # a widget's view without its state only says "model not found" (a console error)
        if cell.cell_type == "code":
            cell.outputs = [output for output in cell.get("outputs", [])
                            if WIDGET_VIEW not in output.get("data", {})]
    nbformat.write(notebook, path)
    print(f"executed {path.relative_to(ROOT)}")


if __name__ == "__main__":
    build_glossary.main()
    paths = [Path(p).resolve() for p in sys.argv[1:]] or sorted(
        p for p in (ROOT / "notebooks").rglob("*.ipynb")
        if ".ipynb_checkpoints" not in p.parts and p != build_glossary.TARGET)
    for notebook_path in paths:
        execute(notebook_path)
