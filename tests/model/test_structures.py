import numpy as np
import pytest

from ldnmodels import Regimen, receptor_structures, simulate
from ldnmodels.analyses.fitting import bootstrap_targets, default_targets, fit_structure
from ldnmodels.analyses.fitting_comparison import daily_ldn_summary
from ldnmodels.model.structures import (
    ACCEPTABLE_P_VALUE,
    DEFAULT_STRUCTURE,
    STRUCTURES,
    acceptable_structures,
    comparison,
    comparison_markdown,
    default_receptor,
    structure_name,
    structure_named,
    with_draws,
)

DAILY = Regimen.daily(4.5, days=14, clock_h=21.0)


@pytest.mark.parametrize("name", sorted(receptor_structures()))
def test_every_structure_runs_through_simulate(name):
    params = receptor_structures()[name]
    assert structure_name(params) == name
    res = simulate(DAILY, hours=72.0, receptor=params)
    assert res.mor_occupancy.shape == res.t_h.shape
    assert np.all((res.mor_occupancy >= 0) & (res.mor_occupancy <= 1))
    # by name too
    np.testing.assert_array_equal(simulate(DAILY, hours=72.0, receptor=name).mor_occupancy, res.mor_occupancy)


def test_at_least_four_structures_and_they_disagree_about_daily_ldn():
    found = receptor_structures()
    assert len(found) >= 4
    troughs = [simulate(DAILY, hours=336.0, receptor=p).mor_occupancy[-240:].min() for p in found.values()]
    assert max(troughs) - min(troughs) > 0.1


def test_simulate_uses_the_default_structure():
    assert isinstance(default_receptor(), type(structure_named(DEFAULT_STRUCTURE)))
    np.testing.assert_array_equal(simulate(DAILY, hours=48.0).mor_occupancy,
                                  simulate(DAILY, hours=48.0, receptor=DEFAULT_STRUCTURE).mor_occupancy)


def test_comparison_table_is_current():
    """The shipped table is what the fit script computes from the shipped defaults (checked for the default)."""
    rows = {r["structure"]: r for r in comparison()}
    assert set(rows) == {cls.name for cls in STRUCTURES}
    assert min(rows, key=lambda name: rows[name]["aicc"]) == DEFAULT_STRUCTURE
    fit = fit_structure(default_receptor(), starts=(1.0,))
    row = rows[DEFAULT_STRUCTURE]
    assert row["chi_square"] == pytest.approx(fit.chi_square, rel=1e-3)
    assert row["aicc"] == pytest.approx(fit.aicc, rel=1e-3)
    for key, value in daily_ldn_summary(default_receptor()).items():
        assert row[key] == pytest.approx(value, abs=2e-3), key


def test_acceptable_means_the_stated_goodness_of_fit():
    for row in comparison():
        assert row["fits_acceptably"] == (row["p_value"] >= ACCEPTABLE_P_VALUE)
        assert row["delta_aicc"] >= 0
    assert acceptable_structures()[0] == DEFAULT_STRUCTURE
    assert "direct" not in acceptable_structures()
    table = comparison_markdown()
    assert all(f"**{cls.name}**" in table for cls in STRUCTURES)


def test_draws_are_reproducible_refits():
    """Draw 1 of the default structure is the refit to bootstrap replicate seed 2026 + 1."""
    drawn = with_draws(DEFAULT_STRUCTURE, 1)
    refit = fit_structure(default_receptor(), targets=bootstrap_targets(default_targets(), 2027), starts=(1.0,))
    for field in type(default_receptor()).fitted_fields:
        values = np.asarray(getattr(drawn, field))
        assert values[0] == pytest.approx(float(getattr(default_receptor(), field)))
        assert values[1] == pytest.approx(float(getattr(refit.receptor, field)), rel=1e-3), field


def test_with_draws_checks_its_count():
    with pytest.raises(ValueError, match="n_draws"):
        with_draws(DEFAULT_STRUCTURE, 10_000)
    with pytest.raises(ValueError, match="receptor structure must be one of"):
        with_draws("nope", 1)
