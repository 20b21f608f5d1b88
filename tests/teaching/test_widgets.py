"""The widgets namespace: every explorer callers use, reachable as ``widgets.<name>``, working as it did.

Each explorer's behaviour is tested beside its module (tests/teaching/test_explorers_*.py); here, the namespace.
"""
import inspect

import numpy as np
import pytest

from ldnmodels import widgets as package_widgets
from ldnmodels.teaching import (
    explorer,
    explorers_exposure,
    explorers_mechanisms,
    explorers_practice,
    explorers_trials,
    widgets,
)

#: Names used as ``widgets.<name>`` in notebooks/, notebooks/lecture/, ldnmodels/, tests/, scripts/, benchmarks/,
#: app/, README.md and docs/, with the modules that define them.
CALLERS_USE = {
    "Explorer": explorer, "DOSE_RANGE_MG": explorer, "CLINICAL_DOSES_MG": explorer, "STEP_H": explorer,
    "WEEKS_STEP_H": explorer, "structure_options": explorer,
    "regimen_from_choice": explorers_exposure, "REGIMEN_CHOICES": explorers_exposure,
    "plasma_explorer": explorers_exposure, "blockade_explorer": explorers_exposure,
    "rebound_explorer": explorers_mechanisms, "tlr4_explorer": explorers_mechanisms,
    "symptoms_explorer": explorers_mechanisms, "BLOCKADE_CHOICES": explorers_mechanisms,
    "RECEPTOR_MODELS": explorers_practice, "titration_explorer": explorers_practice,
    "timing_explorer": explorers_practice, "adherence_explorer": explorers_practice,
    "opioid_explorer": explorers_practice, "liver_explorer": explorers_practice,
    "trial_explorer": explorers_trials,
}
#: The keyword arguments callers pass to each explorer.
SIGNATURES = {
    "plasma_explorer": ["dose_mg", "days", "pk", "receptor"],
    "blockade_explorer": ["dose_mg", "days", "level", "pk", "receptor", "band_draws"],
    "rebound_explorer": ["dose_mg", "weeks", "panels"], "tlr4_explorer": ["dose_mg", "weeks"],
    "symptoms_explorer": ["dose_mg", "weeks"], "titration_explorer": ["weeks"],
    "timing_explorer": ["dose_mg", "days"], "adherence_explorer": ["dose_mg", "weeks"],
    "opioid_explorer": ["weeks"], "liver_explorer": ["dose_mg", "days"], "trial_explorer": ["pool_size", "pool"],
    "regimen_from_choice": ["choice", "dose_mg", "days", "clock_h"],
}


@pytest.mark.parametrize("name", sorted(CALLERS_USE))
def test_every_name_callers_use_is_in_the_namespace(name):
    assert name in widgets.__all__
    assert getattr(widgets, name) is getattr(CALLERS_USE[name], name)


def test_ldn_widgets_is_the_teaching_namespace():
    assert package_widgets is widgets


@pytest.mark.parametrize("name", sorted(SIGNATURES))
def test_explorers_keep_their_parameters(name):
    assert list(inspect.signature(getattr(widgets, name)).parameters) == SIGNATURES[name]


def test_an_explorer_from_the_namespace_works():
    explorer = widgets.plasma_explorer(dose_mg=4.5, days=2)
    before = explorer.artists["naltrexone"].get_ydata().max()
    explorer.controls["dose_mg"].value = 3.0
    assert explorer.artists["naltrexone"].get_ydata().max() == pytest.approx(before * 3.0 / 4.5, rel=1e-9)
    assert isinstance(explorer, widgets.Explorer)
    assert np.all(np.isfinite(explorer.artists["naltrexol"].get_ydata()))


def test_the_rebound_explorer_draws_the_panels_asked_for_and_refuses_others():
    two = widgets.rebound_explorer(weeks=1, panels=("mor_occupancy", "opioid_signaling"))
    assert len(two.artists["axes"]) == 2 and "blockade and net opioid signalling" in two.description.value
    assert two.figure.get_size_inches()[1] < widgets.rebound_explorer(weeks=1).figure.get_size_inches()[1]
    for bad in ((), ("mor_occupancy",), ("opioid_signaling", "opioid_signaling"), ("pain",)):
        with pytest.raises(ValueError, match="panels must be distinct names among"):
            widgets.rebound_explorer(weeks=1, panels=bad)
