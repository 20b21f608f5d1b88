"""Hostile inputs of the teaching layer (issue 11): the explorers at the corners of their sliders."""
import pytest


@pytest.mark.slow
def test_trial_explorer_survives_its_slider_corners():
    """Both designs at the smallest and largest trial and the lowest and highest dropout. At 5 per arm and 50 %
    dropout some seeds leave an arm with fewer than 2 patients: the explorer must say so, not fail; at the largest
    trial (more patients than the pool of 400 holds: the explorer shrinks it) no seed can, so the seed slider's two
    ends stand for every seed there. The shortest trial (the weeks slider's minimum, a corner too) keeps the
    virtual-patient pools cheap; the explorer starts on FINAL's 12 weeks, so that length runs as well."""
    from ldnmodels import widgets
    explorer = widgets.trial_explorer(pool_size=400)
    controls = explorer.controls
    assert explorer.summary.value.startswith("<b>difference</b>")          # FINAL's design, as it opens
    controls["weeks"].value = controls["weeks"].min
    seeds_at = {controls["n_per_arm"].min: range(4),
                controls["n_per_arm"].max: (controls["seed"].min, controls["seed"].max)}
    unanalysable = []
    for design in ("parallel", "crossover"):
        controls["design"].value = design
        for n, seeds in seeds_at.items():
            controls["n_per_arm"].value = n
            for dropout in (controls["dropout"].min, controls["dropout"].max):
                controls["dropout"].value = dropout
                for seed in seeds:
                    controls["seed"].value = seed
                    assert explorer.summary.value
                    if "cannot be analysed" in explorer.summary.value:
                        unanalysable.append((design, n, dropout, seed))
    assert unanalysable, "no corner reached the 'cannot be analysed' branch"
    assert all(n == controls["n_per_arm"].min and dropout == controls["dropout"].max
               for _, n, dropout, _ in unanalysable), unanalysable
