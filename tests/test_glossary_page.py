"""The glossary page beside the notebooks (every notebook's first paragraph links it) is docs/glossary.md's."""
import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _build_glossary():
    spec = importlib.util.spec_from_file_location("build_glossary", ROOT / "scripts" / "build_glossary.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_glossary_page_is_written_from_the_glossary_s_one_source():
    module = _build_glossary()
    expected = module.glossary_notebook((ROOT / "docs" / "glossary.md").read_text(encoding="utf-8"))
    committed = json.loads((ROOT / "notebooks" / "glossary.ipynb").read_text(encoding="utf-8"))
    assert ["".join(cell["source"]) for cell in committed["cells"]] == [cell.source for cell in expected.cells], (
        "notebooks/glossary.ipynb differs from docs/glossary.md: run python scripts/build_glossary.py")


def test_every_entry_of_the_glossary_is_on_the_page_with_the_note_and_a_way_back():
    text = "".join("".join(cell["source"]) for cell in
                   json.loads((ROOT / "notebooks" / "glossary.ipynb").read_text(encoding="utf-8"))["cells"])
    source = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    terms = [line.split("**")[1] for line in source.splitlines() if line.startswith("**")]
    assert len(terms) > 30 and all(f"**{term}**" in text for term in terms)
    assert "not medical advice" in text and "(00_start_here.ipynb)" in text
    assert not [cell for cell in json.loads((ROOT / "notebooks" / "glossary.ipynb").read_text())["cells"]
                if cell["cell_type"] == "code"]  # nothing to run: the app serves it without preheating a kernel
