"""Execute every notebook top to bottom in a fresh kernel, keep the outputs, drop widget state.

Usage: python scripts/execute_notebooks.py [notebooks/NN_name.ipynb ...]

Run this before committing a changed notebook: nbval then compares the check cells
(tagged ``nbval-check-output``) with what a fresh run prints.
"""
import sys
from pathlib import Path

import build_glossary
import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def execute(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}},
                   store_widget_state=False).execute()
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)
    print(f"executed {path.relative_to(ROOT)}")


if __name__ == "__main__":
    build_glossary.main()
    paths = [Path(p).resolve() for p in sys.argv[1:]] or sorted(
        p for p in (ROOT / "notebooks").rglob("*.ipynb")
        if ".ipynb_checkpoints" not in p.parts and p != build_glossary.TARGET)
    for notebook_path in paths:
        execute(notebook_path)
