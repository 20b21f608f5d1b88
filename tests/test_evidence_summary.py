"""One summary of the evidence everywhere, and the corrected facts of issue 22 where a phrase can be pinned.

Each check reads the text a student or teacher reads (markdown of notebooks, docs, README, the data files)."""
import re

import pytest

from ldnmodels.analyses.evidence import medicines

from .test_stated_answers import ROOT
from .test_stated_answers import text_of as _text_of


def text_of(relative: str) -> str:
    """The text a reader reads (markdown of a notebook, or the file), bold marks removed, whitespace normalised."""
    return _text_of(relative).replace("**", "")


SUMMARIES = ["README.md", "notebooks/00_start_here.ipynb", "notebooks/lecture/1_what_is_ldn.ipynb",
             "docs/teacher_guide.md"]


@pytest.mark.parametrize("path", SUMMARIES)
def test_every_summary_says_the_three_meta_analyses_disagree(path):
    text = text_of(path)
    assert "three 2024–25 meta-analyses disagree" in text
    assert not re.search(r"(2025 )?meta-analysis (\(2025\) )?found no", text)
    assert "FINAL" in text


def test_the_approved_dose_is_50_mg_once_daily_not_50_to_100():
    for path in SUMMARIES[:3] + ["docs/index.md", "ldnmodels/data/medicines.csv"]:
        assert not re.search(r"50[–-]100 mg", text_of(path)), path


def test_duloxetine_approval_date_and_glaucoma_now_a_warning():
    rows = {(r["medicine"], r["aspect"]): r["value"] for r in medicines()}
    assert "13 June 2008" in rows[("duloxetine", "approval")]
    assert "no longer a contraindication" in rows[("duloxetine", "contraindications")]


def test_tlr4_antagonism_is_taught_as_non_stereoselective_with_the_direct_human_test():
    text = text_of("notebooks/04_microglia_tlr4.ipynb")
    assert "non-stereoselective" in text
    assert "200 µM" in text and "TLR7/8/9" in text


def test_the_mouse_hours_were_loss_of_morphine_analgesia():
    assert "morphine analgesia" in text_of("notebooks/03_endorphin_rebound.ipynb")
    assert "morphine analgesia" in text_of("notebooks/02_receptor_blockade.ipynb")
    assert "free hours of the mouse picture never come" not in text_of("notebooks/03_endorphin_rebound.ipynb")


def test_zagon_1989_carries_its_own_title():
    bib = (ROOT / "ldnmodels" / "data" / "references.bib").read_text(encoding="utf-8")
    entry = re.search(r"@article\{zagon_1989,.*?\n\}", bib, flags=re.S).group(0)
    assert "profile of cell proliferation and opioid peptides and receptors" in entry
    assert "Goodman" not in entry


def test_calibrated_is_not_called_reproducing():
    for path in ("docs/glossary.md", "docs/student_handout.md"):
        assert "reproduces published" not in text_of(path), path


def test_no_version_history_in_student_text():
    for path in ("notebooks/02_receptor_blockade.ipynb", "notebooks/05_mechanisms_to_symptoms.ipynb"):
        text = text_of(path)
        assert "previous version" not in text and "Before the calibration" not in text, path
