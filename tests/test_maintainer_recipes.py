"""The maintainer guide's recipes (docs/maintainers.md), exercised: a new receptor structure and a new explorer.

The other two recipes have their own tests: a published study needs one record
(tests/analyses/test_published.py::test_a_new_study_is_one_record) and a changed sourced default moves every
fitted default when the pipeline reruns (tests/analyses/test_pipeline.py).
"""
from dataclasses import dataclass
from typing import ClassVar

import matplotlib
import numpy as np
import pytest

import ldnmodels as ldn
from ldnmodels.analyses.fitting import fit_structure
from ldnmodels.core.sources import sourced
from ldnmodels.model.pharmacokinetics import system_matrices
from ldnmodels.model.receptor import ReceptorStructure, SharedReceptorFields, equilibrium_blockade, plasma_nm
from ldnmodels.model.structures import structure_named

matplotlib.use("Agg")


@dataclass(frozen=True, kw_only=True)
class PlasmaEquilibrium(SharedReceptorFields):
    """Recipe 1's toy structure: blockade at equilibrium with plasma (what ``direct`` does, written anew)."""

    name: ClassVar[str] = "plasma_equilibrium"
    description: ClassVar[str] = "toy: occupancy follows plasma"
    fitted_fields: ClassVar[tuple[str, ...]] = ("naltrexone_ec50_nm",)

    naltrexone_ec50_nm: float = sourced(1.0, "structure", "start value of the fit, nM")

    def linear_system(self, pk, n_patients=1):
        return system_matrices(pk, n_patients)

    def blockade(self, states, pk, step_h, agonist_ratio=0.0):
        naltrexone, naltrexol = plasma_nm(states, pk)
        return equilibrium_blockade(naltrexone, naltrexol * self.naltrexol_brain_entry_fraction, self, agonist_ratio)

    def with_potency(self, factor):
        from dataclasses import replace
        return replace(self, naltrexone_ec50_nm=np.asarray(self.naltrexone_ec50_nm) * factor)


def test_recipe_new_structure_runs_and_is_fitted_by_the_same_code():
    """Steps 1-3: the class satisfies the interface, runs in simulate, and the one fitting code fits it; written
    anew, the direct model's fit lands where the shipped direct fit is (an independent check of the recipe)."""
    toy = PlasmaEquilibrium()
    assert isinstance(toy, ReceptorStructure)
    result = ldn.simulate(ldn.Regimen.daily(4.5, days=2), hours=48.0, receptor=toy)
    assert np.all((result.mor_occupancy >= 0) & (result.mor_occupancy < 1))
    fitted = fit_structure(toy).receptor
    assert fitted.naltrexone_ec50_nm == pytest.approx(structure_named("direct").naltrexone_ec50_nm, rel=0.01)


def test_recipe_new_explorer_is_a_declaration():
    """Recipe 3: controls, a run, a figure built once and updated, a summary; moving the slider reruns the model."""
    import matplotlib.pyplot as plt

    from ldnmodels.teaching.explorer import ExplorerDeclaration, float_slider
    from ldnmodels.teaching.plotting import style

    def run(values):
        return ldn.simulate(ldn.Regimen.single(values["dose_mg"]), hours=24.0)

    def build(result, values):
        with style():
            figure, ax = plt.subplots()
            (line,) = ax.plot(result.t_h, result.naltrexone_ng_ml)
            ax.set_ylim(0, 30)
        return figure, {"line": line}

    def update(artists, result, values):
        artists["line"].set_data(result.t_h, result.naltrexone_ng_ml)

    def summary(result, values):
        return f"peak {result.naltrexone_ng_ml.max():.2f} ng/mL"

    explorer = ExplorerDeclaration(controls={"dose_mg": float_slider(4.5, 0.5, 50.0, 0.5, "dose, mg")}, run=run,
                                   build_figure=build, update_figure=update, summary=summary,
                                   description="Plasma naltrexone over a day after one dose.").explorer()
    first = explorer.artists["line"].get_ydata().max()
    explorer.controls["dose_mg"].value = 9.0
    assert explorer.artists["line"].get_ydata().max() == pytest.approx(2 * first, rel=1e-9)   # linear PK
