import math

import numpy as np
import pytest

import ldnmodels as ldn
from ldnmodels import Regimen, simulate
from ldnmodels.model.simulation import MAX_POINTS


def test_issue_example_names_units_and_shapes():
    res = ldn.simulate(ldn.Regimen.daily(dose_mg=4.5, days=28, clock_h=21.0), hours=28 * 24, step_h=0.1)
    assert res.t_h.shape == (28 * 240 + 1,)
    for name in ("naltrexone_ng_ml", "naltrexol_ng_ml", "mor_occupancy"):
        assert getattr(res, name).shape == res.t_h.shape
    assert res.t_h[0] == 0.0 and res.t_h[-1] == pytest.approx(672.0)
    assert np.all((res.mor_occupancy >= 0) & (res.mor_occupancy <= 1))
    np.testing.assert_allclose(res.clock_h[res.t_h.searchsorted(45.0)], 21.0)


def test_result_arrays_are_read_only():
    res = simulate(Regimen.single(4.5), hours=10.0)
    with pytest.raises(ValueError):
        res.mor_occupancy[0] = 1.0


def test_nothing_before_the_first_dose():
    res = simulate(Regimen.single(4.5, at_h=21.0), hours=30.0)
    before = res.t_h < 21.0
    assert not res.naltrexone_ng_ml[before].any() and not res.mor_occupancy[before].any()
    assert res.naltrexone_ng_ml[res.t_h > 21.2].min() > 0


def test_ldn_blocks_less_than_standard_dose():
    ldn_res = simulate(Regimen.daily(4.5, days=14), hours=14 * 24.0)
    std_res = simulate(Regimen.daily(50.0, days=14), hours=14 * 24.0)
    assert ldn_res.mor_occupancy[-240:].max() < std_res.mor_occupancy[-240:].min()


@pytest.mark.parametrize("kwargs, match", [
    (dict(hours=-1.0), "hours"),
    (dict(hours=math.nan), "hours"),
    (dict(hours=math.inf), "hours"),
    (dict(hours=0.0), "hours"),
    (dict(hours="48"), "hours"),
    (dict(hours=48.0, step_h=0.0), "step_h"),
    (dict(hours=48.0, step_h=-0.1), "step_h"),
    (dict(hours=48.0, step_h=math.nan), "step_h"),
    (dict(hours=48.0, step_h=100.0), "step_h"),
    (dict(hours=24.0 * 3650, step_h=0.001), "time points"),
    (dict(hours=48.0, step_h=2.2250738585072014e-308), "step_h, at least"),   # hours / step_h overflows to inf
    (dict(hours=1e9), "hours"),
])
def test_bad_simulation_arguments(kwargs, match):
    with pytest.raises((ValueError, TypeError), match=match):
        simulate(Regimen.single(4.5), **kwargs)


def test_memory_guard_names_the_limit():
    with pytest.raises(ValueError, match=str(MAX_POINTS)):
        simulate(Regimen.single(4.5), hours=24.0 * 365, step_h=0.001)


def test_regimen_must_be_a_regimen():
    with pytest.raises(TypeError, match="regimen"):
        simulate([0.0, 4.5], hours=10.0)


def test_parameters_can_be_changed_from_simulate():
    slow = simulate(Regimen.single(4.5), hours=24.0, pk=ldn.PKParameters(naltrexone_half_life_h=8.0))
    base = simulate(Regimen.single(4.5), hours=24.0)
    assert slow.naltrexone_ng_ml[-1] > base.naltrexone_ng_ml[-1]
    assert slow.pk.naltrexone_half_life_h == 8.0


MECHANISM_NAMES = ("endorphin_tone", "opioid_signaling", "tlr4_inhibition", "microglial_activation",
                   "sensitization", "pain_nrs")


def test_mechanism_outputs_have_the_issue_names_and_shapes():
    res = simulate(Regimen.daily(4.5, days=7), hours=168.0)
    for name in MECHANISM_NAMES:
        assert getattr(res, name).shape == res.t_h.shape, name


def test_no_drug_keeps_every_mechanism_untreated_day_after_day():
    from ldnmodels.core.metrics import daily_means

    res = simulate(Regimen(times_h=[], doses_mg=[]), hours=24 * 28.0, step_h=0.1)
    for name in ("endorphin_tone", "opioid_signaling"):
        values = getattr(res, name)
        np.testing.assert_allclose(daily_means(res.t_h, values), 1.0, rtol=1e-12)
        np.testing.assert_allclose(values[240:480], values[-241:-1], rtol=1e-9)  # same day after day
    np.testing.assert_array_equal(res.tlr4_inhibition, 0.0)
    for name in ("microglial_activation", "sensitization", "receptor_density"):
        np.testing.assert_array_equal(getattr(res, name), 1.0)
    np.testing.assert_allclose(res.pain_nrs, res.symptoms.baseline_pain_nrs)


def test_with_mechanisms_replaces_blockade_and_parameters():
    from ldnmodels import ReboundParameters, with_mechanisms
    from ldnmodels.model.endorphin import square_wave

    res = simulate(Regimen.daily(4.5, days=28), hours=24 * 28.0)
    theory = with_mechanisms(res, mor_occupancy=square_wave(res.t_h, 5.0, first_h=21.0))
    assert theory.opioid_signaling[-240:].mean() > 1.0 > res.opioid_signaling[-240:].mean()
    np.testing.assert_array_equal(theory.naltrexone_ng_ml, res.naltrexone_ng_ml)
    stronger = with_mechanisms(res, rebound=ReboundParameters(release_gain=3.0))
    assert stronger.rebound.release_gain == 3.0
    assert stronger.endorphin_tone[-1] > res.endorphin_tone[-1]


def test_full_pipeline_is_independent_of_step():
    regimen = Regimen.titration([1.5, 3.0, 4.5], days_per_step=3, total_days=10, clock_h=21.3)
    fine = simulate(regimen, hours=240.0, step_h=0.02)
    coarse = simulate(regimen, hours=240.0, step_h=0.5)
    for name in MECHANISM_NAMES:
        a, b = getattr(coarse, name), getattr(fine, name)[::25]
        assert np.max(np.abs(a - b)) <= 2e-3 * max(1.0, np.max(np.abs(b))), name


def test_every_structure_satisfies_the_declared_interface():
    from ldnmodels.model.receptor import ReceptorStructure
    from ldnmodels.model.structures import receptor_structures, with_draws
    for name, receptor in receptor_structures().items():
        assert isinstance(receptor, ReceptorStructure), name
        assert isinstance(with_draws(name, 1), ReceptorStructure), name
    assert not isinstance(ldn.PKParameters(), ReceptorStructure)


def test_any_object_with_the_interface_is_a_structure():
    """simulate checks the declared interface (ReceptorStructure), not a class: a wrapper with the members runs."""
    from dataclasses import dataclass
    from typing import Any, ClassVar

    from ldnmodels.model.structures import default_receptor

    @dataclass(frozen=True)
    class Wrapped:
        name: ClassVar[str] = "wrapped"
        description: ClassVar[str] = "the default structure, wrapped"
        fitted_fields: ClassVar[tuple[str, ...]] = ()
        inner: Any

        @property
        def naltrexone_ec50_nm(self):
            return self.inner.naltrexone_ec50_nm

        def linear_system(self, pk, n_patients=1):
            return self.inner.linear_system(pk, n_patients)

        def blockade(self, states, pk, step_h, agonist_ratio=0.0):
            return self.inner.blockade(states, pk, step_h, agonist_ratio)

        def with_potency(self, factor):
            return Wrapped(self.inner.with_potency(factor))

    regimen = Regimen.daily(4.5, days=3)
    wrapped = simulate(regimen, hours=72.0, receptor=Wrapped(default_receptor()))
    np.testing.assert_array_equal(wrapped.mor_occupancy, simulate(regimen, hours=72.0).mor_occupancy)
    with pytest.raises(TypeError, match="receptor must be a receptor structure's parameters"):
        simulate(regimen, hours=72.0, receptor=ldn.PKParameters())


# Moved from tests/core/test_validation.py (issue 11's hostile inputs).

def test_patients_times_points_guard_names_both():
    pk = ldn.PKParameters(naltrexone_cl_l_per_h=np.full(100_000, 94.0))
    with pytest.raises(ValueError, match="100000 patients × 6721 time points"):
        ldn.simulate(ldn.Regimen.daily(4.5, days=28), hours=28 * 24, step_h=0.1, pk=pk)


@pytest.mark.parametrize("output", ["pain_nrs", "opioid_signaling", "sensitization", "mor_occupancy",
                                    "naltrexone_ng_ml", "endorphin_tone"])
def test_every_output_is_time_invariant(output):
    """The same dose 72 h later shifts every curve unchanged (the pain score used to start its average at 0)."""
    early = getattr(ldn.simulate(ldn.Regimen.single(50.0, at_h=0.0), hours=240, step_h=0.1), output)
    late = getattr(ldn.simulate(ldn.Regimen.single(50.0, at_h=72.0), hours=312, step_h=0.1), output)
    np.testing.assert_allclose(early[:2400], late[720:3120], atol=1e-9)


def test_untreated_pain_stays_exactly_at_baseline():
    pain = ldn.simulate(ldn.Regimen(), hours=96, step_h=0.1).pain_nrs
    np.testing.assert_allclose(pain, ldn.SymptomParameters().baseline_pain_nrs, atol=1e-12)
