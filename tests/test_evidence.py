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
