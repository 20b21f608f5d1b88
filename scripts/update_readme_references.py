"""Rewrite the README's reference list from the kit's one bibliography (ldnmodels/data/references.bib).

Usage: python scripts/update_readme_references.py   (tests/test_bibliography.py checks that it has been run)
"""
from pathlib import Path

from ldnmodels.core.bibliography import reference_list_markdown

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- references: generated from ldnmodels/data/references.bib -->", "<!-- end of references -->"


def updated(text: str) -> str:
    """``text`` with the block between the markers replaced by the generated list."""
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{reference_list_markdown()}\n{END}{tail}"


if __name__ == "__main__":
    README.write_text(updated(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"updated {README}")
