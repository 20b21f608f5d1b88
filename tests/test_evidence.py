import numpy as np
import pytest

from ldnmodels import evidence


def test_published_trials_parse_and_every_row_has_a_citation():
    rows = evidence.published_trials()
    assert {r["key"] for r in rows} >= {"younger_2009", "younger_2013", "bested_2023", "bruun_2024",
                                        "ologunowa_2025", "annmedsurg_2025"}
    for row in rows:
        assert row["citation"] and row["confidence"] in {"Q", "A", "D", "R"}
        assert row["effect"] is not None
        if row["ci_low"] is not None:
            assert row["ci_low"] <= row["effect"] <= row["ci_high"]
    final = next(r for r in rows if r["key"] == "bruun_2024")
    assert (final["n"], final["effect"], final["ci_low"], final["ci_high"]) == (99, -0.34, -0.95, 0.27)


def test_medicines_table_has_sources_for_every_statement():
    rows = evidence.medicines()
    assert {r["medicine"] for r in rows} == {"low-dose naltrexone", "pregabalin", "duloxetine"}
    assert all(r["source"] and r["confidence"] in {"Q", "A", "R"} for r in rows)
    table = evidence.medicines_markdown()
    assert "| **approval** |" in table and "pregabalin" in table


def test_counterparts_mirror_the_published_designs():
    designs = evidence.simulated_counterparts()
    rows = {r["key"]: r for r in evidence.published_trials()}
    for key, design in designs.items():
        n = 2 * design.n_per_arm if design.design == "parallel" else design.n_per_arm
        assert abs(n - rows[key]["n"]) <= 1
        assert design.dose_mg == rows[key]["dose_mg"]


def test_dose_finding_study_is_shipped_with_its_source():
    from ldnmodels.evidence import dose_finding
    study = dose_finding()
    assert study["ed50_mg"] < study["ed95_mg"] <= study["dose_high_mg"]
    assert "Pain Med" in study["citation"] and study["confidence"] == "A"


def test_signalling_optimum_matches_a_brute_force_search():
    import numpy as np
    from ldnmodels.evidence import signalling_optimum_blockade
    o = np.linspace(0, 1, 100_001)
    for gain in (0.3, 1.1, 1.7, 5.0):
        best = o[np.argmax((1 + gain * o) ** 2 * (1 - o))]
        assert signalling_optimum_blockade(gain) == pytest.approx(best, abs=1e-4)
    assert signalling_optimum_blockade(1e9) < 2 / 3


def test_population_dose_response_reports_the_model_s_direction():
    """The rebound model's benefit falls beyond ~1.5 mg: notebook 09 must show this conflict (checked here)."""
    from ldnmodels.evidence import population_dose_response
    response = population_dose_response((1.5, 6.0), n_patients=200, seed=5)
    assert np.all(np.diff(response.mean_blockade) > 0)
    assert response.mean_change_nrs[1] > response.mean_change_nrs[0]  # less benefit at 6 mg than at 1.5 mg
    assert np.all(response.responder_change_nrs < response.nonresponder_change_nrs)
