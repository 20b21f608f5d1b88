"""What every receptor structure shares: the one competition formula, the equilibrium blockade, the one solve."""
import numpy as np
import pytest

from ldnmodels import PKParameters, Regimen, receptor_structures, simulate
from ldnmodels.model.receptor import competitive_occupancy, equilibrium_blockade, regimen_blockade, solve_upstream


def test_competitive_occupancy_is_the_one_formula():
    blocked, agonist = competitive_occupancy(np.array([1.0, 3.0]), 1.0)
    np.testing.assert_allclose(blocked, [1 / 3, 3 / 5])
    np.testing.assert_allclose(agonist, [1 / 3, 1 / 5])
    np.testing.assert_allclose(competitive_occupancy(2.0).agonist_occupancy, 0.0)


def test_simulate_names_a_bad_receptor():
    with pytest.raises(TypeError, match="receptor"):
        simulate(Regimen.single(4.5), hours=24.0, receptor=3.0)
    with pytest.raises(ValueError, match="receptor structure must be one of"):
        simulate(Regimen.single(4.5), hours=24.0, receptor="fast")


def test_naltrexol_entry_default_is_derived_from_the_shipped_potency_data():
    # entry = (in-vitro affinity ratio 2.12 / 1.15) / (in-vivo central fold, monkey pA2, Ko 2006), rounded to 0.02
    from ldnmodels import data
    from ldnmodels.model.receptor import NALTREXOL_ENTRY
    ko = next(row for row in data.naltrexol_central_potency() if row["study"] == "ko_2006")
    derived = (2.12 / 1.15) / float(ko["fold_low"])
    assert NALTREXOL_ENTRY == pytest.approx(derived, abs=0.005)
    folds = [float(row["fold_low"]) for row in data.naltrexol_central_potency() if row["fold_low"]]
    assert min(2.12 / 1.15 / f for f in folds) < NALTREXOL_ENTRY < max(2.12 / 1.15 / f for f in folds)


def test_equilibrium_blockade_is_the_formula_with_both_ec50s():
    """x = c1/EC50_1 + c2/EC50_2, blocked = x / (1 + x): worked out here from the structure's two EC50s."""
    two_phase = receptor_structures()["two_phase"]
    blocked = equilibrium_blockade(2.0, 3.0, two_phase).mor_occupancy
    x = 2.0 / two_phase.naltrexone_ec50_nm + 3.0 / two_phase.naltrexol_ec50_nm
    assert blocked == pytest.approx(x / (1.0 + x))


@pytest.mark.parametrize("name", sorted(receptor_structures()))
def test_regimen_blockade_is_the_solve_without_plasma(name):
    structure = receptor_structures()[name]
    regimen = Regimen.daily(4.5, days=2, clock_h=21.0)
    direct = regimen_blockade(regimen, 481, 0.1, PKParameters(), structure).mor_occupancy
    upstream = solve_upstream(regimen, 481, 0.1, PKParameters(), structure).blockade.mor_occupancy
    np.testing.assert_array_equal(direct, upstream)
    np.testing.assert_allclose(direct, simulate(regimen, 48.0, 0.1, receptor=name).mor_occupancy, rtol=1e-12)
