"""Hypotheses on trial: the catalogue, the shipped comparison and leave-one-out, and a reduced rerun that agrees."""
import importlib
import math

import numpy as np
import pytest

import ldnmodels as ldn
from ldnmodels.analyses.hypotheses import (
    HYPOTHESES,
    PRIORS,
    WIDTHS,
    compare,
    comparison,
    hypothesis,
    leave_one_out,
    prior_rows,
)
from ldnmodels.core.sources import SOURCES

NAMES = ("no_drug_effect", "rebound", "microglia_measured", "microglia_required", "both")


def test_the_five_hypotheses_switch_the_routes_on_one_at_a_time():
    assert tuple(h.name for h in HYPOTHESES) == NAMES
    routes = {h.name: (h.opioid_route, h.microglial_route) for h in HYPOTHESES}
    assert routes == {"no_drug_effect": (False, False), "rebound": (True, False),
                      "microglia_measured": (False, True), "microglia_required": (False, True),
                      "both": (True, True)}
    nuisance = set(hypothesis("no_drug_effect").parameters)
    assert all(nuisance <= set(h.parameters) for h in HYPOTHESES)   # placebo and unblinding in every one
    with pytest.raises(ValueError, match="hypothesis must be one of"):
        hypothesis("homeopathy")


def test_every_prior_has_a_reason_a_source_and_a_wider_twin():
    for prior in PRIORS.values():
        assert prior.reason and (prior.source == "illustrative" or prior.source in SOURCES), prior.name
        (low, high), (wide_low, wide_high) = prior.standard, prior.wide
        assert low < high and wide_low <= low and wide_high >= high, prior.name
    measured = PRIORS["measured_log10_tlr4_ic50_um"]
    assert measured.standard == measured.wide == (0.0, 2.0)          # 1-100 µM: a measurement, not a choice
    assert PRIORS["log10_tlr4_ic50_um"].standard[0] <= -4.0          # six decades below it
    assert {row["parameter"] for row in prior_rows()} == set(PRIORS)
    with pytest.raises(ValueError, match="width must be one of"):
        PRIORS["rebound_gain"].bounds("narrow")
    assert WIDTHS == ("standard", "wide")


def test_the_package_face_reaches_the_comparison():
    assert ldn.hypotheses.compare is compare
    import ldnmodels.hypotheses as by_path

    assert by_path.leave_one_out is leave_one_out


def test_the_shipped_comparison_has_a_finite_row_per_hypothesis_and_structure():
    rows = compare()
    assert {(r.hypothesis, r.structure) for r in rows} == {(h, s) for h in NAMES for s in comparison.STRUCTURES}
    for row in rows:
        for value in (row.max_log_likelihood, row.log_evidence, row.log_bayes_factor_vs_null,
                      row.log_bayes_factor_vs_null_wide):
            assert math.isfinite(value), row
        assert row.log_evidence < row.max_log_likelihood     # the evidence pays for the prior's volume
        assert set(row.posteriors) == set(hypothesis(row.hypothesis).parameters)
        assert set(row.dose_response) == {1.5, 3.0, 4.5, 6.0, 9.0, 50.0}
    null = [r for r in rows if r.hypothesis == "no_drug_effect"]
    assert all(r.log_bayes_factor_vs_null == 0.0 for r in null)


def test_the_measured_potency_behaves_like_no_drug_effect():
    """The sanity check of the machinery: at the measured TLR4 potency the microglial route does nothing."""
    for row in compare():
        if row.hypothesis == "microglia_measured":
            assert abs(row.log_bayes_factor_vs_null) < 1.0, row.structure
            assert all(abs(median) < 0.02 for _, median, _ in row.dose_response.values())


def test_leave_one_out_predicts_every_study_from_the_others():
    rows = leave_one_out()
    keys = {r.study for r in rows}
    assert {"younger_2009", "younger_2013", "bested_2023", "bruun_2024"} <= keys
    for row in rows:
        assert row.low < row.high
        assert row.inside == (row.low <= row.published <= row.high)
        assert math.isclose(sum(row.weights.values()), 1.0)


@pytest.mark.slow
def test_a_reduced_rerun_agrees_with_the_shipped_comparison():
    """Fewer patients and live points, one structure, two hypotheses: the Bayes factor agrees within three of the
    runs' own error estimates combined (dynesty's logzerr; with 25 live points about half a log unit each)."""
    shipped = {(r.hypothesis, r.structure): r for r in compare()}
    results = comparison.run({"n_patients": 150, "live_points": 25, "structures": ("two_phase",),
                              "hypotheses": ("no_drug_effect", "microglia_required"), "widths": ("standard",),
                              "min_effective_points": 0, "predictive_draws": 20, "workers": 1})
    rerun = {(r.hypothesis, r.structure): r for r in compare(results)}
    key, null = ("microglia_required", "two_phase"), ("no_drug_effect", "two_phase")
    error = math.sqrt(sum(rows[k].log_evidence_error ** 2 for rows in (shipped, rerun) for k in (key, null)))
    assert 0.2 < error < 1.5, error  # the reduced run is a real, if rough, estimate
    assert abs(rerun[key].log_bayes_factor_vs_null - shipped[key].log_bayes_factor_vs_null) < 3 * error
    assert abs(rerun[key].posteriors["placebo_mean_nrs"][1] - shipped[key].posteriors["placebo_mean_nrs"][1]) < 0.4
    assert np.isfinite(results["likelihood_evaluations_per_second"])


def test_the_readme_shows_the_shipped_comparison():
    """The README's tables are generated from the shipped results (make hypotheses rewrites both)."""
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("compare_script", root / "scripts" / "compare_hypotheses.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    text = (root / "README.md").read_text(encoding="utf-8")
    assert script.updated_readme(text) == text, "run: python scripts/compare_hypotheses.py (make hypotheses)"
    assert "| two_phase | microglia_required |" in text


def test_the_decisive_trial_is_the_textbook_size_for_the_largest_contrast():
    """Two made-up hypotheses: one flat, one rising by 0.5 points from 1.5 to 6 mg. With an SD of 1.5 points,
    80 % power at 5 %: n = 2 × 1.5² × (1.960 + 0.842)² / 0.5² = 141.3 → 142 per arm, at the doses furthest apart."""
    from ldnmodels.analyses.hypotheses import ComparisonRow, decisive_trial

    def row(name, evidence, response):
        return ComparisonRow(name, "two_phase", (), 0.0, evidence, 0.1, 0.0, 0.0, {},
                             {dose: (0.0, value, 0.0) for dose, value in response.items()})
    doses = (1.5, 3.0, 4.5, 6.0, 9.0)
    flat = row("rebound", -20.0, {d: -0.3 for d in doses})
    rising = row("microglia_required", -19.0, {1.5: -0.2, 3.0: -0.4, 4.5: -0.55, 6.0: -0.7, 9.0: -0.7})
    trial = decisive_trial([flat, rising, row("no_drug_effect", -10.0, {d: 0.0 for d in doses})], sd_nrs=1.5,
                           doses_mg=(1.5, 3.0, 4.5, 6.0))
    assert trial.hypotheses == ("microglia_required/two_phase", "rebound/two_phase")   # no_drug_effect is no drug
    assert trial.doses_mg == (1.5, 6.0) and trial.n_per_arm == 142
    # against no drug effect (no contrast) the leader's own 0.5 points decide: the same textbook n
    assert trial.n_per_arm_vs_null == 142
    assert "telling `microglia_required/two_phase` from it needs about 142 per arm" in \
        ldn.hypotheses.decisive_markdown(trial)


def test_what_survives_is_consistent_with_itself():
    """Support is a probability; a claim that holds in fewer hypotheses cannot have more support."""
    from ldnmodels.analyses.hypotheses import claims

    rows = {row.claim.split(" (")[0]: row for row in claims()}
    beats = rows["LDN beats placebo at all"]
    microglia = rows["a non-opioid"]
    for row in rows.values():
        if row.with_all == row.with_all:
            assert 0.0 <= row.with_all <= 1.0 and 0.0 <= row.without_dose_finding <= 1.0
            assert 0.0 <= row.with_all_wide <= 1.0
            odds = (row.with_all / (1 - row.with_all)) / (row.prior / (1 - row.prior))
            assert row.bayes_factor == pytest.approx(odds)
    assert microglia.with_all <= beats.with_all and microglia.without_dose_finding <= beats.without_dose_finding
    assert beats.prior == pytest.approx(6 / 10) and microglia.prior == pytest.approx(4 / 10)  # slots, not evidence
    assert math.isnan(rows["a responder subgroup exists"].with_all)


def test_unblinding_is_all_of_a_fair_trials_effect_without_a_drug_and_part_of_a_biased_ones():
    """Under no_drug_effect a parallel trial (FINAL) and a counterbalanced crossover with washout (Bested) have no
    design bias: their whole predicted effect is unblinding. The placebo-first pilot and Younger 2013's 4 weeks of
    placebo against 12 of LDN add a design part of the same sign."""
    rows = {(r.study, r.hypothesis): r for r in ldn.hypotheses.unblinding()}
    for study in ("bruun_2024", "bested_2023"):
        row = rows[(study, "no_drug_effect")]
        assert row.predicted == pytest.approx(row.from_unblinding, abs=1e-9)
        assert row.from_unblinding[1] < 0
    for study in ("younger_2009", "younger_2013"):
        row = rows[(study, "no_drug_effect")]
        assert row.predicted[1] < row.from_unblinding[1] < 0      # more benefit than unblinding alone makes
    drug = rows[("bruun_2024", "microglia_required")]
    assert drug.predicted[1] < drug.from_unblinding[1]           # with a drug effect, unblinding is only part of it
    assert "| bruun_2024 | no_drug_effect |" in ldn.hypotheses.unblinding_markdown(list(rows.values()))


def test_unblinding_names_a_hypothesis_the_results_lack():
    with pytest.raises(ValueError, match="no unblinding record"):
        ldn.hypotheses.unblinding(hypotheses=("no_drug_effect", "not_a_hypothesis"))


def test_the_default_population_is_a_point_the_evidence_allows_and_says_whose():
    """Every default the comparison also fits lies inside `both`'s 90 % posterior (two_phase, standard priors), but
    the expectation of unblinded patients: the default trials assume perfect blinding (0), just below the interval.
    `microglia_required` switches the opioid route off, so the default's opioid weight is not one of its points."""
    rows = ldn.hypotheses.defaults_against_posterior(("both", "microglia_required"))
    both = {r.parameter: r for r in rows if r.hypothesis == "both"}
    assert all(r.inside for p, r in both.items() if p != "expectation_nrs"), \
        {p: r.verdict for p, r in both.items()}
    assert both["expectation_nrs"].default == 0.0 and not both["expectation_nrs"].inside
    required = {r.parameter: r for r in rows if r.hypothesis == "microglia_required"}
    assert required["opioid_weight"].verdict == "route off in this hypothesis"
    assert "| opioid_weight | 0.6 |" in ldn.hypotheses.defaults_markdown(rows)


def test_a_sensitivity_run_reads_records_with_the_single_dose_sd_widened(tmp_path):
    from ldnmodels.analyses.hypotheses.likelihood import terms

    # the package's name `sensitivity` is the function; the module holds records_with_sd and run
    sensitivity = importlib.import_module("ldnmodels.analyses.hypotheses.sensitivity")

    path = sensitivity.records_with_sd(1.0, tmp_path)
    widened = {t.key: t for t in terms(path)}[sensitivity.SINGLE_DOSE_KEY]
    shipped = {t.key: t for t in terms()}[sensitivity.SINGLE_DOSE_KEY]
    assert (shipped.sd_nrs, widened.sd_nrs) == (0.5, 1.0)
    assert [t.key for t in terms(path)] == [t.key for t in terms()]      # nothing else changed
    with pytest.raises(ValueError, match="sd_nrs must be above 0"):
        sensitivity.run(0.0)


def test_the_shipped_sensitivity_sets_the_widened_sd_beside_the_shipped_comparison():
    rows = {row.hypothesis: row for row in ldn.hypotheses.sensitivity()}
    assert set(rows) == set(NAMES)
    assert rows["no_drug_effect"].log_bayes_factor_shipped == rows["no_drug_effect"].log_bayes_factor_widened == 0.0
    assert rows["both"].widened_sd_nrs == 1.0 and rows["both"].shipped_sd_nrs == 0.5
    assert rows["rebound"].opioid_weight_widened is not None
    assert rows["microglia_required"].opioid_weight_widened is None
    shipped_rows = {r.hypothesis: r for r in compare() if r.structure == "two_phase"}
    assert rows["both"].log_bayes_factor_shipped == pytest.approx(shipped_rows["both"].log_bayes_factor_vs_null)
    assert "| rebound |" in ldn.hypotheses.sensitivity_markdown(list(rows.values()))
