"""One bibliography: every sourced parameter's works are entries of references.bib, and the README lists them all."""
import importlib.util
from pathlib import Path

import pytest

from ldnmodels import PKParameters, bibliography
from ldnmodels.core.sources import ILLUSTRATIVE, SOURCES, provenance_rows

ROOT = Path(__file__).resolve().parents[2]
#: sources that cite no published work: arithmetic facts, the model's own structure, teaching assumptions
UNCITED = {"molar_mass", "structure", ILLUSTRATIVE}


def test_every_source_of_a_published_value_names_entries_of_the_bibliography():
    for key, source in SOURCES.items():
        if key in UNCITED:
            continue
        assert source.references, f"SOURCES[{key!r}] names no entry of references.bib"
        for reference in source.references:
            bibliography.entry(reference)  # raises KeyError naming the file


def test_every_entry_has_a_title_and_a_year_or_a_note_saying_what_is_missing():
    for ref in bibliography.references().values():
        assert ref.fields.get("title"), ref.key
        assert "year" in ref.fields or "note" in ref.fields, ref.key


def test_short_citations_follow_author_year_conventions():
    assert bibliography.entry("lee_1988").short == "Lee et al. 1988"
    assert bibliography.entry("younger_mackey_2009").short == "Younger & Mackey 2009"
    assert bibliography.entry("licko_1981").short == "Licko 1981"


def test_unknown_key_names_the_file():
    with pytest.raises(KeyError, match="references.bib"):
        bibliography.entry("nobody_2099")


def test_provenance_rows_carry_their_references_from_the_bibliography():
    """What a reader of the provenance table sees: the works behind each value, as short citations."""
    rows = {row["parameter"]: row for row in provenance_rows(PKParameters())}
    # ka is fitted to the label's tmax and Meyer 1984's clearance; the half-life is quoted from the US label
    assert rows["ka_per_h"]["references"] == "US Food & Drug Administration; Swissmedic; Meyer et al. 1984"
    assert rows["naltrexone_half_life_h"]["references"] == "US Food & Drug Administration"


def test_readme_reference_list_is_generated_from_the_bibliography():
    spec = importlib.util.spec_from_file_location("update", ROOT / "scripts" / "update_readme_references.py")
    update = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(update)
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert update.updated(text) == text, "run python scripts/update_readme_references.py"
    for ref in bibliography.references().values():
        assert ref.full in text
