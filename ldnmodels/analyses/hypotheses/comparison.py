"""The whole comparison: every hypothesis under every receptor structure, two prior widths, and leave-one-out.

:func:`run` fits (:func:`.sampling.fit`) each (hypothesis, structure) with the standard and the wide priors. Each
run keeps every point it visited with its per-study log-likelihoods, so that a study can be **left out** afterwards:
its term is taken out of the points' weights (importance reweighting of the nested-sampling run), giving the evidence
and posterior of the other studies. Where the reweighted posterior rests on fewer than ``min_effective_points``
effective points, the fit is run again without that study instead. Each left-out study's published effect is then
predicted by the fits that did not see it, averaged over hypotheses and structures by their evidence without it
(equal prior weight each): the kit's test of itself, :func:`ldnmodels.analyses.hypotheses.leave_one_out`.

``scripts/compare_hypotheses.py`` (``make hypotheses``) runs it on both cores and writes
``ldnmodels/data/hypotheses_comparison.json``, which :func:`shipped` reads.
"""
from __future__ import annotations

import json
import math
import pickle
import tempfile
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from datetime import date
from importlib import resources
from pathlib import Path

import numpy as np

from .catalogue import HYPOTHESES, WIDTHS, hypothesis
from .likelihood import PREDICTION_DOSES_MG, Likelihood
from .predictions import patient_effects

__all__ = ["STRUCTURES", "RESULTS", "SETTINGS", "run", "shipped", "write", "log_bayes_factor", "main_fits"]

#: Receptor structures compared: those that fit the PET data
#: (:func:`ldnmodels.model.structures.acceptable_structures`).
STRUCTURES = ("two_phase", "binding")
#: The results file in ``ldnmodels/data``.
RESULTS = "hypotheses_comparison.json"
#: Default settings of :func:`run`.
SETTINGS = {"n_patients": 300, "live_points": 100, "dlogz": 0.3, "seed": 0, "workers": 2,
            "structures": STRUCTURES, "hypotheses": tuple(h.name for h in HYPOTHESES), "widths": WIDTHS,
            "min_effective_points": 100, "predictive_draws": 200, "records": None}

_LIKELIHOODS: dict = {}


def _likelihood(path: str) -> Likelihood:
    if path not in _LIKELIHOODS:
        with open(path, "rb") as handle:
            _LIKELIHOODS[path] = pickle.load(handle)
    return _LIKELIHOODS[path]


def _prepare(args) -> str:
    structure, settings, folder = args
    path = str(Path(folder) / f"{structure}.pickle")
    with open(path, "wb") as handle:
        pickle.dump(Likelihood(structure, n_patients=settings["n_patients"], seed=settings["seed"],
                               path=settings["records"]), handle)
    return path


def _unblinding(likelihood: Likelihood, model, parameters, draws: np.ndarray) -> dict:
    """Per controlled study: 5/50/95 % posterior quantiles of its predicted main effect and of the part of it that
    functional unblinding makes (the effect minus the same prediction with ``expectation_nrs`` = 0)."""
    from .terms import TrialTerm

    effect, part = {}, {}
    for row in draws:
        theta = dict(zip(parameters, row))
        effects = patient_effects(theta, model, likelihood.cohort)
        for term in likelihood.terms:
            if isinstance(term, TrialTerm):
                full = term.predict(effects, theta, likelihood.cohort).effect_mean
                blind = term.predict(effects, {**theta, "expectation_nrs": 0.0}, likelihood.cohort).effect_mean
                effect.setdefault(term.key, []).append(full)
                part.setdefault(term.key, []).append(full - blind)
    quantiles = (0.05, 0.5, 0.95)
    return {key: {"effect": [float(v) for v in np.quantile(effect[key], quantiles)],
                  "unblinding": [float(v) for v in np.quantile(part[key], quantiles)]} for key in effect}


def _summary(fit_result, likelihood: Likelihood, settings: dict, leave_outs) -> dict:
    """A fit as a JSON-ready record, with its predictions for each study left out (where it is reliable)."""
    name = fit_result.hypothesis
    model = hypothesis(name)
    rng = np.random.default_rng(settings["seed"])
    record = {"hypothesis": name, "structure": fit_result.structure, "width": fit_result.width,
              "leave_out": fit_result.leave_out, "parameters": list(fit_result.parameters),
              "log_evidence": fit_result.log_evidence, "log_evidence_error": fit_result.log_evidence_error,
              "max_log_likelihood": fit_result.max_log_likelihood, "evaluations": fit_result.evaluations,
              "seconds": fit_result.seconds, "effective_points": fit_result.effective_points(),
              "quantiles": {k: list(v) for k, v in fit_result.quantiles().items()}, "left_out": {}}
    if fit_result.width == "standard" and fit_result.leave_out is None:
        draws = fit_result.draws(100, rng)
        responses = np.array([list(likelihood.dose_response(dict(zip(fit_result.parameters, row)), model).values())
                              for row in draws])
        record["dose_response"] = {f"{dose:g}": [float(v) for v in np.quantile(responses[:, i], (0.05, 0.5, 0.95))]
                                   for i, dose in enumerate(PREDICTION_DOSES_MG)}
        record["unblinding"] = _unblinding(likelihood, model, fit_result.parameters, draws)
    for key in leave_outs:
        effective = fit_result.effective_points(key)
        entry = {"log_evidence": fit_result.log_evidence_without(key), "effective_points": effective}
        if effective >= settings["min_effective_points"] or fit_result.leave_out == key:
            draws = fit_result.draws(settings["predictive_draws"], rng, key)
            entry["predicted"] = [likelihood.predicted_effect(dict(zip(fit_result.parameters, row)), model, key, rng)
                                  for row in draws]
        record["left_out"][key] = entry
    return record


def _job(args) -> dict:
    from .sampling import fit

    path, name, width, leave_out, settings = args
    likelihood = _likelihood(path)
    result = fit(likelihood, hypothesis(name), width, settings["live_points"], settings["dlogz"], settings["seed"],
                 leave_out)
    keys = [term.key for term in likelihood.terms]
    return _summary(result, likelihood, settings, [leave_out] if leave_out else keys if width == "standard" else [])


def _fitted_structures(name: str, structures) -> tuple[str, ...]:
    """The structures ``name`` is fitted under: a hypothesis without the opioid route never reads the receptor, so
    its likelihood is the same under every structure (tested) and it is fitted under the first one only."""
    return tuple(structures) if hypothesis(name).opioid_route else tuple(structures)[:1]


def _shared(records: list[dict], structures) -> list[dict]:
    """``records`` with a copy, under every other structure, of each fit that does not depend on the structure;
    the copy names the structure it was ``fitted_under``."""
    copies = [{**record, "structure": other, "fitted_under": record["structure"]} for record in records
              if not hypothesis(record["hypothesis"]).opioid_route for other in tuple(structures)[1:]]
    return records + copies


def _leave_one_out(records: list[dict], published: dict[str, float], seed: int) -> list[dict]:
    """Per study: the evidence-weighted 95 % predictive range of its effect from the fits that left it out."""
    rng = np.random.default_rng(seed)
    out = []
    for key, value in published.items():
        chosen, refitted = {}, set()
        for record in records:
            entry = record["left_out"].get(key)
            if entry is None or "predicted" not in entry:
                continue
            slot = (record["hypothesis"], record["structure"])
            if record["leave_out"] == key:                         # a refit replaces the reweighting
                chosen[slot] = entry
                refitted.add(slot)
            elif slot not in refitted:
                chosen[slot] = entry
        log_z = np.array([entry["log_evidence"] for entry in chosen.values()])
        weights = np.exp(log_z - log_z.max())
        weights /= weights.sum()
        pooled = np.concatenate([rng.choice(entry["predicted"], size=int(round(4000 * w)), replace=True)
                                 for entry, w in zip(chosen.values(), weights) if round(4000 * w) > 0])
        low, high = (float(v) for v in np.quantile(pooled, (0.025, 0.975)))
        out.append({"study": key, "published": value, "low": low, "high": high, "inside": bool(low <= value <= high),
                    "weights": {f"{h}/{s}": float(w) for (h, s), w in zip(chosen, weights)},
                    "refitted": sorted(f"{h}/{s}" for h, s in refitted)})
    return out


def run(settings: dict | None = None, progress=None) -> dict:
    """Run the comparison; returns the results (as :func:`write` stores them).

    Parameters
    ----------
    settings : dict, optional
        Overrides of :data:`SETTINGS` (``n_patients``, ``live_points``, ``dlogz``, ``seed``, ``workers``,
        ``structures``, ``hypotheses``, ``widths``, ``min_effective_points``, ``predictive_draws``, ``records``: another
        records file, for a sensitivity run).
    progress : callable, optional
        Called with a line of text after each fit.

    Returns
    -------
    dict
        ``settings``, ``date``, ``seconds``, ``likelihood_evaluations_per_second``, ``fits`` (one record per run)
        and ``leave_one_out`` (one per study).
    """
    unknown = set(settings or {}) - set(SETTINGS)
    if unknown:
        raise ValueError(f"unknown settings {sorted(unknown)}; known: {sorted(SETTINGS)}")
    settings = {**SETTINGS, **(settings or {})}
    start = time.perf_counter()
    from .likelihood import terms

    published = {term.key: float(term.effect) for term in terms(settings["records"])}
    records = []

    def report(record: dict) -> None:
        records.append(record)
        if progress:
            what = f"refitted without {record['leave_out']}" if record["leave_out"] else record["width"]
            progress(f"{record['structure']:>10} {record['hypothesis']:>20} {what}: logZ "
                     f"{record['log_evidence']:8.2f} ({record['evaluations']} evaluations, {record['seconds']:.0f} s)")

    with tempfile.TemporaryDirectory(prefix="ldn-hypotheses-") as folder, \
            ProcessPoolExecutor(settings["workers"]) as pool:
        paths = dict(zip(settings["structures"], pool.map(_prepare, [(s, settings, folder)
                                                                     for s in settings["structures"]])))
        # Longest runs first (more free parameters, wider priors), and each main fit's refits as soon as it ends:
        # both keep the two workers busy to the end.
        jobs = sorted(((paths[s], h, w, None, settings) for h in settings["hypotheses"]
                       for s in _fitted_structures(h, settings["structures"]) for w in settings["widths"]),
                      key=lambda job: (-len(hypothesis(job[1]).parameters), job[2] != "wide"))
        pending = {pool.submit(_job, job) for job in jobs}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                record = future.result()
                report(record)
                if record["width"] == "standard" and record["leave_out"] is None:
                    pending |= {pool.submit(_job, (paths[record["structure"]], record["hypothesis"], "standard", key,
                                                   settings))
                                for key, entry in record["left_out"].items() if "predicted" not in entry}
    records = _shared(records, settings["structures"])
    seconds = time.perf_counter() - start
    computed = [r for r in records if "fitted_under" not in r]
    evaluations = sum(r["evaluations"] for r in computed)
    return {"settings": {k: list(v) if isinstance(v, tuple) else str(v) if isinstance(v, Path) else v
                         for k, v in settings.items()},
            "date": date.today().isoformat(), "seconds": seconds,
            "likelihood_evaluations_per_second": evaluations / sum(r["seconds"] for r in computed),
            "fits": records, "leave_one_out": _leave_one_out(records, published, settings["seed"])}


def write(results: dict, path: str | Path) -> None:
    """Write ``results`` (from :func:`run`) as JSON.

    Parameters
    ----------
    results : dict
        The comparison's results, as :func:`run` returns them.
    path : str or Path
        The file to write (UTF-8, overwritten if it exists).
    """
    Path(path).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


def shipped() -> dict:
    """The shipped results (``ldnmodels/data/hypotheses_comparison.json``)."""
    return json.loads(resources.files("ldnmodels.data").joinpath(RESULTS).read_text(encoding="utf-8"))


def main_fits(fits: list[dict], structure: str, width: str = "standard") -> dict[str, dict]:
    """The fits to every study (no study left out) under ``structure`` and ``width``, keyed by hypothesis.

    Parameters
    ----------
    fits : list of dict
        Fit records (the ``fits`` of :func:`run` or :func:`shipped`).
    structure : str
        A receptor structure's name (one of :data:`STRUCTURES`).
    width : {"standard", "wide"}, default "standard"
        The prior width.

    Returns
    -------
    dict of str to dict
        Hypothesis name to its fit record.
    """
    return {f["hypothesis"]: f for f in fits
            if f["structure"] == structure and f["width"] == width and f["leave_out"] is None}


def log_bayes_factor(fits: list[dict], name: str, structure: str, width: str = "standard") -> float:
    """log evidence of ``name`` minus that of ``no_drug_effect``, same structure and width (natural log).

    Parameters
    ----------
    fits : list of dict
        Fit records (the ``fits`` of :func:`run` or :func:`shipped`); only those fitted to every study count.
    name : str
        A hypothesis's name (:data:`~.catalogue.HYPOTHESES`).
    structure : str
        A receptor structure's name (one of :data:`STRUCTURES`).
    width : {"standard", "wide"}, default "standard"
        The prior width.

    Returns
    -------
    float
        The log Bayes factor of ``name`` against ``no_drug_effect``, natural log (> 0 favours ``name``); -inf when
        ``name``'s evidence is not finite.
    """
    z = {name: fit["log_evidence"] for name, fit in main_fits(fits, structure, width).items()}
    return z[name] - z["no_drug_effect"] if math.isfinite(z[name]) else -math.inf
