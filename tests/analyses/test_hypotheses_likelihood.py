"""The hypotheses' likelihood: the prepared cohort against the full simulation, the up-and-down walk against brute
force, and each study's term with its real design."""
import itertools
import math
from dataclasses import replace

import numpy as np
import pytest

from ldnmodels.analyses.hypotheses import catalogue
from ldnmodels.analyses.hypotheses.cohort import daily_course, prepare_cohort
from ldnmodels.analyses.hypotheses.dose_finding import DOSES_MG, walk_distribution
from ldnmodels.analyses.hypotheses.likelihood import terms
from ldnmodels.analyses.hypotheses.predictions import mechanistic_change, patient_effects
from ldnmodels.analyses.population import make_population, simulate_population
from ldnmodels.analyses.trials import TrialDesign
from ldnmodels.model.endorphin import ReboundParameters
from ldnmodels.model.inflammation import InflammationParameters
from ldnmodels.model.structures import structure_named
from ldnmodels.model.symptoms import SymptomParameters

NULL = {"placebo_mean_nrs": -1.0, "placebo_time_constant_days": 20.0, "expectation_nrs": 0.5}
BOTH = dict(NULL, opioid_weight=0.8, rebound_gain=1.3, responder_fraction=0.4, responder_drive_ratio=3.0,
            log10_tlr4_ic50_um=-2.6)


@pytest.fixture(scope="module")
def small_cohort():
    course = daily_course("final", 6.0, 84, [(77, 84), (20, 27)], steps_mg=(1.5, 3.0, 4.5))
    return course, prepare_cohort("two_phase", [course], n_patients=40, seed=3)


@pytest.mark.slow
@pytest.mark.parametrize("log10_ic50", [-2.75, -2.6, 1.0])   # on a grid point, between two, micromolar
def test_the_prepared_cohort_gives_the_full_simulations_pain_within_two_hundredths(small_cohort, log10_ic50):
    """Bases and window means (the one approximation) against simulate_population with the same patients."""
    course, cohort = small_cohort
    theta = dict(BOTH, log10_tlr4_ic50_um=log10_ic50)
    effects = patient_effects(theta, catalogue.hypothesis("both"), cohort)
    population = make_population(len(cohort), seed=3, receptor=structure_named("two_phase"))
    drive = 1.0 / (1.0 - effects.reducible)
    population = replace(
        population,
        rebound=replace(ReboundParameters(), release_gain=effects.gains, receptor_gain=effects.gains),
        inflammation=replace(InflammationParameters(), fibromyalgia_drive_ratio=drive,
                             tlr4_ic50_um=10.0 ** log10_ic50),
        symptoms=replace(SymptomParameters(), baseline_pain_nrs=population.symptoms.baseline_pain_nrs,
                         opioid_weight=theta["opioid_weight"]))
    daily = simulate_population(population, course.regimen, course.days).daily_pain_nrs
    for index, (start_h, end_h) in enumerate(course.windows):
        full = daily[:, int(start_h // 24): int(end_h // 24)].mean(axis=1) - cohort.baseline_pain_nrs
        emulated = mechanistic_change(effects, cohort, course.key, index)
        assert np.abs(emulated - full).max() < 0.02
        assert np.abs(full).max() > 0.05           # the drug does something here: the comparison can fail


def test_routes_switched_off_leave_pain_untouched(small_cohort):
    _, cohort = small_cohort
    effects = patient_effects(NULL, catalogue.hypothesis("no_drug_effect"), cohort)
    assert np.abs(mechanistic_change(effects, cohort, "final", 0)).max() < 1e-12


def test_measured_potency_does_nothing_the_sanity_check(small_cohort):
    _, cohort = small_cohort
    theta = dict(NULL, responder_fraction=0.8, responder_drive_ratio=6.0, measured_log10_tlr4_ic50_um=0.0)
    change = mechanistic_change(patient_effects(theta, catalogue.hypothesis("microglia_measured"), cohort), cohort,
                                "final", 0)
    # 1 µM, the most potent measured, with the strongest drive the prior allows: a hundredth of a point
    assert np.abs(change).mean() < 0.01 and np.abs(change).max() < 0.02


def test_the_up_and_down_walk_matches_brute_force_enumeration():
    p, n = np.array([0.3, 0.5, 0.6, 0.8]), 6
    brute = np.zeros((n + 1, n * (p.size - 1) + 1))
    for start in range(p.size):
        for outcome in itertools.product((0, 1), repeat=n):
            level, probability, responders, total = start, 1.0 / p.size, 0, 0
            for responded in outcome:
                total += level
                probability *= p[level] if responded else 1.0 - p[level]
                responders += responded
                level = max(level - 1, 0) if responded else min(level + 1, p.size - 1)
            brute[responders, total] += probability
    np.testing.assert_allclose(walk_distribution(p, n), brute, atol=1e-15)
    np.testing.assert_allclose(walk_distribution(p, n, 3, 10), brute[:4, :11], atol=1e-15)


def test_a_flat_response_gives_binomial_responders_a_steep_one_settles_at_its_step():
    """Under a flat response the dose does not matter: the responders are binomial whatever the walk. Under a
    steep rise the walk settles at the step (between 3 and 3.75 mg here): the design reads an ED50 only because it
    assumes such a rise."""
    from scipy.stats import binom

    n = 25
    flat = walk_distribution(np.full(8, 0.44), n)
    np.testing.assert_allclose(flat.sum(axis=1), binom.pmf(np.arange(n + 1), n, 0.44), atol=1e-12)
    steep = walk_distribution(np.array([0.02] * 4 + [0.98] * 4), n).sum(axis=0)
    mean_dose = 0.75 * (1 + np.arange(steep.size) @ steep / n)
    assert abs(mean_dose - 3.375) < 0.4
    assert DOSES_MG == (0.75, 1.5, 2.25, 3.0, 3.75, 4.5, 5.25, 6.0)


def test_every_trial_enters_with_its_real_design():
    """The four points of the review: Younger 2013's unequal periods (no washout between them: the 4 weeks after
    both were follow-up, 2012 meeting report), Bested's pain outcome and 10-day washout, the
    pilot's fixed single-blind order, and FINAL's titration; the dose finding as a term, not a constraint."""
    found = {term.key: term for term in terms()}
    assert set(found) == {"younger_2009", "younger_2013", "bested_2023", "bruun_2024", "younger_zautra_2009",
                          "bruun_plesner_2020"}
    younger = found["younger_2013"].design
    assert (younger.weeks, younger.placebo_weeks, younger.washout_weeks, younger.outcome_days,
            younger.baseline_days) == (12, 4, 0, 3, 14)
    bested = found["bested_2023"]
    assert (bested.design.weeks, 7 * bested.design.washout_weeks + bested.design.washout_days) == (3, 10)
    assert bested.statistics == ("smd",) and bested.observed == (-0.13,)
    assert found["younger_2009"].design.design == "placebo_first"
    assert found["bruun_2024"].design.titration_steps_mg == (1.5, 3.0, 4.5)
    finding = found["bruun_plesner_2020"]
    assert (finding.n_patients, finding.responders, finding.ed50_mg) == (25, 11, 3.88)
    from ldnmodels.analyses.hypotheses.terms import LikelihoodTerm

    assert all(isinstance(term, LikelihoodTerm) for term in found.values())   # one declared interface


def test_younger_2013_placebo_had_a_third_of_the_time_to_build_up():
    """4 weeks of placebo against 12 of LDN: with a 6-week build-up the placebo period reaches about half of the
    full placebo response, the LDN period most of it (the asymmetry the review pointed out)."""
    design = TrialDesign(design="crossover", n_per_arm=31, weeks=12, placebo_weeks=4, washout_weeks=4,
                         baseline_days=14, outcome_days=3)
    from ldnmodels.analyses.trial_timeline import expectation_profile, expectation_spans, outcome_window, periods

    levels = {}
    for period in periods(design, True):
        start, end = outcome_window(design, period)
        profile = expectation_profile(expectation_spans(design, True), 140, 42.0)
        levels[period.condition] = profile[start:end].mean()
    assert math.isclose(levels["placebo"], 1 - math.exp(-27 / 42), abs_tol=0.02)   # about 0.47
    assert math.isclose(levels["drug"], 1 - math.exp(-83 / 42), abs_tol=0.02)      # about 0.86


def test_without_the_opioid_route_the_structure_does_not_matter_so_one_fit_serves_both():
    """The comparison fits hypotheses without the opioid route under one structure only (comparison._shared): the
    premise is that their likelihood is the same under every structure, while a hypothesis with the route differs."""
    from ldnmodels.analyses.hypotheses.likelihood import Likelihood

    two_phase, binding = (Likelihood(s, n_patients=30, seed=1) for s in ("two_phase", "binding"))
    for name in ("no_drug_effect", "microglia_required"):
        model = catalogue.hypothesis(name)
        theta = {key: BOTH[key] for key in model.parameters}
        assert two_phase.per_term(theta, model) == binding.per_term(theta, model)
    model = catalogue.hypothesis("both")
    assert abs(two_phase(BOTH, model) - binding(BOTH, model)) > 1e-3
