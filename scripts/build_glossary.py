"""Write ``notebooks/glossary.ipynb`` from ``docs/glossary.md``, the glossary's one source.

Every notebook links to ``glossary.ipynb``: a page beside the notebooks opens in each way they are served (the app,
JupyterLab with ``notebooks/`` as its root, JupyterLite); the course book links its own glossary page instead.
``scripts/execute_notebooks.py`` runs this first; ``tests/test_glossary_page.py`` fails when the two differ.

Usage: python scripts/build_glossary.py
"""
from __future__ import annotations

from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "docs" / "glossary.md"
TARGET = ROOT / "notebooks" / "glossary.ipynb"
BACK = "[← Start here](00_start_here.ipynb) · every notebook links here from its first paragraph."


def glossary_notebook(markdown: str) -> nbformat.NotebookNode:
    """The glossary as a notebook of Markdown cells: the title and the note first, then one cell per entry."""
    blocks = [block.strip() for block in markdown.split("\n\n") if block.strip()]
    heading = [block for block in blocks if block.startswith(("#", ">"))]
    entries = [block for block in blocks if not block.startswith(("#", ">"))]
    cells = [nbformat.v4.new_markdown_cell("\n\n".join([*heading, BACK]))]
    cells += [nbformat.v4.new_markdown_cell(entry) for entry in entries]
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                         "language_info": {"name": "python"}}
    for index, cell in enumerate(notebook.cells):
        cell.id = f"glossary-{index:03d}"
    return notebook


def main() -> None:
    nbformat.write(glossary_notebook(SOURCE.read_text(encoding="utf-8")), TARGET)
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
