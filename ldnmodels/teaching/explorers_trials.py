"""The trial explorer (notebook 08): design a trial on the virtual population, see one trial and its power."""
from __future__ import annotations

from dataclasses import dataclass, replace

import ipywidgets as widgets
import numpy as np

from ..analyses import trials
from ..analyses.trial_power import significant_for_drug
from ..analyses.trials import (
    DegenerateTrial,
    TrialDesign,
    TrialPool,
    TrialResult,
    drug_course_key,
    patients_needed,
    replicate_trials,
    run_trial,
)
from ..model.inflammation import InflammationParameters
from .explorer import Explorer, ExplorerDeclaration, dropdown, float_slider, int_slider
from .plotting_trials import trial_figure, update_trial_figure

__all__ = ["REPLICATE_TRIALS", "TrialOutputs", "trial_explorer", "resting_on"]

#: Replicate trials behind the explorer's histogram and power.
REPLICATE_TRIALS = 100
#: Seed of the first replicate trial (replicate k uses this + k), apart from the seeds of the one trial shown.
REPLICATES_SEED = 1000
#: The titration steps offered below the chosen dose, mg naltrexone HCl (FINAL's weekly steps).
TITRATION_STEPS_MG = (1.5, 3.0, 4.5)


def resting_on() -> str:
    """One sentence: what every drug effect in the virtual population rests on (the calibrated microglial potency)."""
    potency_nm = InflammationParameters().tlr4_ic50_um * 1000.0
    return (f"Every drug effect here rests on a microglial potency calibrated to the trials ({potency_nm:.2g} nM), "
            f"not a measured one.")


@dataclass(frozen=True)
class TrialOutputs:
    """What the trial explorer shows for one set of control values."""

    design: TrialDesign                #: the design simulated (n per arm shrunk if the pool could not supply it)
    trial: TrialResult | None          #: the one trial of the chosen seed; None if it cannot be analysed
    replicates: list                   #: the analysable replicate trials (TrialResult)
    not_analysable: int                #: replicates that could not be analysed


def trial_explorer(pool_size: int = 2000, pool: TrialPool | None = None) -> Explorer:
    """Design a trial on the virtual population: design, patients per arm, dose, weeks, washout, dropout,
    enrichment by the inflammation marker, seed. Shows each arm's changes in one trial and the spread of
    results over 100 replicate trials (power).

    The controls start on FINAL's design (Bruun 2024: parallel, 50 per arm, 6 mg after weekly steps of 1.5, 3
    and 4.5 mg, 12 weeks; 5 % dropout as in :func:`ldnmodels.analyses.evidence.simulated_counterparts`), so the
    explorer's first power is, up to sampling noise, the one notebook 08 prints for "a FINAL-size trial".

    Controls that change the drug course (design, dose, titration, weeks, washout) re-simulate the virtual
    patients (about half a second), so they update on release; the others are immediate.

    Parameters
    ----------
    pool_size : int
        Virtual patients simulated for each drug course.
    pool : ldnmodels.analyses.trials.TrialPool, optional
        A pool already prepared (e.g. for FINAL's design in a notebook), used instead of simulating ``pool_size``
        new patients whenever the controls ask for its drug course.

    Returns
    -------
    Explorer
        Controls ``design``, ``n_per_arm`` (5–300), ``dose_mg`` (1.5–6 mg), ``titrate``, ``weeks`` (2–16),
        ``washout_weeks`` (0–4), ``dropout`` (0–0.5), ``enrichment`` (a quantile, 0–0.9) and ``seed``; its artists
        are those of :func:`~ldnmodels.teaching.plotting_trials.trial_figure` (differences in pain points), and
        the summary gives the trial's estimate, responders and patients analysed.
    """
    on_release = {"continuous_update": False}
    controls = {
        "design": dropdown(("parallel", "crossover"), "parallel", "design"),
        "n_per_arm": int_slider(50, 5, 300, "patients per arm", step=5),
        "dose_mg": float_slider(6.0, 1.5, 6.0, 0.5, "dose (mg)", **on_release),
        "titrate": widgets.Checkbox(value=True, description="weekly steps 1.5 → 3 → 4.5 mg first"),
        "weeks": int_slider(12, 2, 16, "weeks", **on_release),
        "washout_weeks": int_slider(0, 0, 4, "washout (crossover)", **on_release),
        "dropout": float_slider(0.05, 0.0, 0.5, 0.05, "dropout"),
        "enrichment": float_slider(0.0, 0.0, 0.9, 0.1, "enrich: marker above quantile"),
        "seed": int_slider(0, 0, 50, "seed"),
    }
    prepared: dict = {}

    def design_of(values) -> TrialDesign:
        steps = tuple(step for step in TITRATION_STEPS_MG if step < values["dose_mg"]) if values["titrate"] else ()
        crossover = values["design"] == "crossover"
        return TrialDesign(design=values["design"], n_per_arm=values["n_per_arm"], dose_mg=values["dose_mg"],
                           titration_steps_mg=steps, weeks=values["weeks"],
                           washout_weeks=min(values["washout_weeks"], values["weeks"]) if crossover else 0,
                           dropout_fraction=values["dropout"], enrichment_quantile=values["enrichment"])

    def pool_for(design) -> TrialPool:
        key = drug_course_key(design)
        if pool is not None and key == drug_course_key(pool.design):
            return pool
        if key not in prepared:
            prepared.clear()
            # looked up on the module at call time, so that tests can count the pools prepared
            prepared[key] = trials.prepare_pool(design, pool_size=pool_size, seed=0)
        return prepared[key]

    def run(values) -> TrialOutputs:
        design = design_of(values)
        pool = pool_for(design)
        eligible = int(np.count_nonzero(pool.population.esr_mm_h >= np.quantile(pool.population.esr_mm_h,
                                                                                design.enrichment_quantile)))
        if eligible < patients_needed(design):  # keep the explorer working: shrink n to what the pool can supply
            design = replace(design, n_per_arm=max(2, eligible // (2 if design.design == "parallel" else 1)))
        try:
            trial = run_trial(design, seed=values["seed"], pool=pool)
        except DegenerateTrial:  # dropout emptied an arm: say so instead of failing inside the slider callback
            trial = None
        replicates, not_analysable = replicate_trials(pool, design, REPLICATE_TRIALS, REPLICATES_SEED)
        return TrialOutputs(design, trial, replicates, not_analysable)

    def update_figure(artists, outputs: TrialOutputs, values) -> None:
        differences = np.array([r.estimate.difference for r in outputs.replicates])
        significant = np.array([bool(significant_for_drug(r.estimate.p_value, r.estimate.difference))
                                for r in outputs.replicates], dtype=bool)
        update_trial_figure(artists, None if outputs.trial is None else outputs.trial.estimate, values["seed"],
                            differences, significant, outputs.not_analysable)

    def summary(outputs: TrialOutputs, values) -> str:
        one, design = outputs.trial, outputs.design
        if one is None:
            return (f"<b>this trial cannot be analysed:</b> with {design.n_per_arm} per arm and "
                    f"{design.dropout_fraction:.0%} dropout, an arm kept fewer than 2 patients. Lower the dropout or "
                    f"add patients; {outputs.not_analysable} of {REPLICATE_TRIALS} replicates had the same problem "
                    f"(they count as not significant).")
        return (f"<b>difference</b> {one.estimate.difference:+.2f} points (95 % CI {one.estimate.ci_low:+.2f} to "
                f"{one.estimate.ci_high:+.2f}), p = {one.estimate.p_value:.3f}, SMD {one.smd:+.2f} &nbsp; "
                f"<b>responders</b> {one.responders_drug:.0%} on drug vs {one.responders_placebo:.0%} on placebo "
                f"&nbsp; <b>analysed</b> {one.n_analysed} (n per arm {design.n_per_arm}), true responders among them "
                f"{one.responder_share:.0%}")

    return ExplorerDeclaration(
        controls=controls, run=run,
        build_figure=lambda outputs, values: trial_figure(REPLICATE_TRIALS),
        update_figure=update_figure, summary=summary,
        description=("left, one simulated trial's drug-minus-placebo difference with its 95 % confidence interval; "
                     "right, a histogram of 100 replicate trials, significant ones green; the trial's numbers below. "
                     + resting_on()),
    ).explorer()
