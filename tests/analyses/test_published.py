"""One record per published study: the evidence table, the simulated counterparts, the coverage check and the
calibration targets all come from ldnmodels/data/published_trials.json, so a new study is one new record."""
import json
import math
from importlib import resources

import numpy as np
import pytest

from ldnmodels import calibration, evidence
from ldnmodels.analyses import published
from ldnmodels.analyses.trial_power import significant_for_drug
from ldnmodels.analyses.trials import TrialDesign, prepare_pool, run_trials
from ldnmodels.core import bibliography

#: The published numbers (project reference facts, section 7): key -> n, dose_mg, weeks, measure, effect, ci_low,
#: ci_high, p_value, ldn_change_percent, placebo_change_percent. Bested 2023 by its pain outcome (SPIR, ES 0.13,
#: P 0.4), its impact score (FIQR, 0.15) the second measure.
SHIPPED = {
    "younger_2009": (10, 4.5, 8, "percent points", -30.2, None, None, 0.003, -32.5, -2.3),
    "younger_2013": (31, 4.5, 12, "percent points", -10.8, None, None, 0.016, -28.8, -18.0),
    "bested_2023": (58, 4.5, 3, "SMD", -0.13, None, None, 0.4, None, None),
    "bruun_2024": (99, 6.0, 12, "NRS points", -0.34, -0.95, 0.27, 0.27, None, None),
    "younger_zautra_2009": (10, 50.0, None, "NRS points", 0.0, None, None, None, None, None),
    "bruun_plesner_2020": (25, None, None, "responders", 11.0, None, None, None, None, None),
    "ologunowa_2025": (None, None, None, "SMD", -0.50, -1.19, 0.19, None, None, None),
    "annmedsurg_2025": (None, None, None, "SMD", -0.61, -1.14, -0.08, None, None, None),
    "vatvani_2024": (222, None, None, "MD pain points", -0.86, -1.20, -0.51, None, None, None),
}
#: The simulated counterparts: each trial's real design (project reference facts; Younger 2013's registration and
#: its 2012 meeting report: no washout between the conditions, 4 weeks of follow-up after both).
COUNTERPARTS = {
    "younger_2009": TrialDesign(design="placebo_first", n_per_arm=10, dose_mg=4.5, weeks=8, placebo_weeks=2,
                                baseline_days=14, dropout_fraction=0.05),
    "younger_2013": TrialDesign(design="crossover", n_per_arm=31, dose_mg=4.5, weeks=12, placebo_weeks=4,
                                washout_weeks=0, baseline_days=14, outcome_days=3, dropout_fraction=0.1),
    "bested_2023": TrialDesign(design="crossover", n_per_arm=58, dose_mg=4.5, weeks=3, washout_weeks=1,
                               washout_days=3, dropout_fraction=0.05),
    "bruun_2024": TrialDesign(design="parallel", n_per_arm=50, dose_mg=6.0, titration_steps_mg=(1.5, 3.0, 4.5),
                              weeks=12, dropout_fraction=0.05),
}
TARGETS = [("younger_2009", "percent_drug", -32.5), ("younger_2009", "percent_placebo", -2.3),
           ("younger_2013", "percent_drug", -28.8), ("younger_2013", "percent_placebo", -18.0),
           ("bested_2023", "smd", -0.13), ("bruun_2024", "change_drug_nrs", -1.3),
           ("bruun_2024", "change_placebo_nrs", -0.9)]

TOY = {
    "key": "toy_2017", "reference": "parkitny_2017", "study": "Toy trial 2017 (test only)", "kind": "trial",
    "design": "double-blind parallel", "n": 40, "dose_mg": 3.0, "weeks": 4, "measure": "NRS points",
    "effect": -0.5, "ci_low": -1.2, "ci_high": 0.2, "p_value": 0.2, "ldn_change_nrs": -1.1, "placebo_change_nrs": -0.6,
    "second_measure": {"measure": "SMD", "effect": -0.3}, "confidence": "D", "note": "made up for a test",
    "counterpart": {"design": "parallel", "n_per_arm": 20, "dose_mg": 3.0, "weeks": 4, "dropout_fraction": 0.05},
    "targets": [{"statistic": "change_drug_nrs", "what": "toy, pain on LDN"}, {"statistic": "smd", "what": "toy d"}],
}


def shipped_records() -> dict:
    return json.loads(resources.files("ldnmodels.data").joinpath(published.RECORDS).read_text(encoding="utf-8"))


@pytest.fixture
def with_toy(tmp_path):
    """A copy of the shipped records file with one more study, and nothing else changed."""
    records = shipped_records()
    records["studies"].append(TOY)
    path = tmp_path / "published_trials.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def test_a_new_study_is_one_record(with_toy):
    """Table, counterparts, targets, simulations, coverage and the calibration's scoring all pick the toy up."""
    rows = [row for row in evidence.published_trials(with_toy) if row["key"] == "toy_2017"]
    assert [(r["measure"], r["effect"], r["primary"]) for r in rows] == [("NRS points", -0.5, True),
                                                                         ("SMD", -0.3, False)]
    assert rows[0]["citation"].startswith("Parkitny & Younger 2017")
    designs = evidence.simulated_counterparts(with_toy)
    assert designs["toy_2017"] == TrialDesign(design="parallel", n_per_arm=20, dose_mg=3.0, weeks=4,
                                              dropout_fraction=0.05)
    assert {k: v for k, v in designs.items() if k != "toy_2017"} == evidence.simulated_counterparts()
    targets = calibration.targets(with_toy)
    assert targets[:len(calibration.TARGETS)] == calibration.TARGETS
    assert [tuple(t)[:3] for t in targets[len(calibration.TARGETS):]] == [("toy_2017", "change_drug_nrs", -1.1),
                                                                          ("toy_2017", "smd", -0.3)]
    simulated = evidence.simulate_counterparts(n_trials=4, pool_size=120, seed=1, path=with_toy)
    assert set(simulated) == set(COUNTERPARTS) | {"toy_2017"}
    toy = {c.key: c for c in evidence.coverage(simulated, path=with_toy)}["toy_2017"]
    assert (toy.measure, toy.published) == ("NRS points", -0.5)
    values = {name: calibration.GRID[name][1] for name in calibration.MECHANISM_PARAMETERS}
    row = calibration.evaluate_mechanism(values, n_trials=4, pool_size=120, dose_patients=20, path=with_toy)[0]
    assert {"sim:toy_2017:change_drug_nrs", "sim:toy_2017:smd", "low:toy_2017", "high:toy_2017"} <= set(row)


def test_shipped_numbers_are_the_published_ones():
    """Every number of every record is the one the kit has always shipped (and the references give)."""
    records = {record.key: record for record in published.studies()}
    assert list(records) == list(SHIPPED)
    for key, expected in SHIPPED.items():
        record = records[key]
        got = (record.n, record.dose_mg, record.weeks, record.measure, record.effect, record.ci_low, record.ci_high,
               record.p_value, record.ldn_change_percent, record.placebo_change_percent)
        assert got == expected, key
    final = records["bruun_2024"]
    assert (final.second_measure.measure, final.second_measure.effect, final.second_measure.p_value) == ("SMD", -0.23,
                                                                                                         0.27)
    assert (final.ldn_change_nrs, final.placebo_change_nrs) == (-1.3, -0.9)
    bested = records["bested_2023"]
    assert (bested.second_measure.measure, bested.second_measure.effect, bested.second_measure.p_value) == ("SMD",
                                                                                                           -0.15, 0.3)
    assert sum(record.second_measure is not None for record in records.values()) == 2


def test_numbers_quoted_in_the_notes_agree_with_the_fields():
    for record in published.studies():
        for field in published.ARM_CHANGES:
            value = getattr(record, field)
            if value is not None:
                assert f"{value:g}" in record.note, (record.key, field)
        if record.second_measure is not None:
            assert f"{abs(record.second_measure.effect):g}" in record.note, record.key


def test_every_record_cites_an_entry_of_the_bibliography():
    for record in published.studies():
        reference = bibliography.entry(record.reference)          # raises KeyError naming references.bib
        assert reference.fields["year"] in record.study, record.key
        assert record.citation.startswith(reference.short)


def test_counterparts_and_targets_are_generated_unchanged():
    assert evidence.simulated_counterparts() == COUNTERPARTS
    assert [tuple(t)[:3] for t in calibration.TARGETS] == TARGETS
    assert calibration.TARGETS == calibration.targets()
    for target in calibration.TARGETS:
        assert target.statistic in published.STATISTICS and target.what


def test_replicate_statistics_has_every_statistic_and_they_agree():
    design = COUNTERPARTS["bruun_2024"]
    results = run_trials(design, 5, seed=2, pool=prepare_pool(design, pool_size=150, seed=2))
    stats = published.replicate_statistics(results)
    assert list(stats) == list(published.STATISTICS)
    assert all(len(values) == len(results) for values in stats.values())
    np.testing.assert_allclose(stats["percent"], stats["percent_drug"] - stats["percent_placebo"])
    np.testing.assert_array_equal(stats["significant"], significant_for_drug(stats["p"], stats["nrs"]))
    assert math.isclose(stats["nrs"][0], results[0].estimate.difference)


@pytest.mark.parametrize("change, message", [
    ({"dose": 4.5}, "unknown fields"),
    ({"targets": [{"statistic": "percent_drug", "what": "not reported"}]}, "reports no number"),
    ({"measure": "MD pain points"}, "needs a measure"),
    ({"effect": "-0.5"}, "must be a number"),
    ({"kind": "case report"}, "kind must be"),
])
def test_a_malformed_record_is_refused_naming_the_study(change, message):
    with pytest.raises((ValueError, TypeError, KeyError), match=message):
        published.parse_studies(json.dumps({"studies": [{**TOY, **change}]}))


def test_a_repeated_key_is_refused():
    with pytest.raises(ValueError, match="repeated study keys"):
        published.parse_studies(json.dumps({"studies": [TOY, TOY]}))
    with pytest.raises(KeyError, match="known"):
        published.study("nobody_2099")
