"""Posterior and evidence of each hypothesis by nested sampling (dynesty, from PyPI).

For each (hypothesis, receptor structure, prior width) :func:`fit` runs dynesty's static nested sampler over the
uniform prior box (:mod:`ldnmodels.analyses.hypotheses.catalogue`) with the likelihood of :mod:`.likelihood` —
multi-ellipsoid bounds and random walks inside them (uniform sampling inside the ellipsoids needed 4-8 times more
evaluations for the rebound and the wide priors, measured: 84 000 and 100 000 against about 20 000) — and keeps
every point it visited with its weight and its per-study log-likelihoods, the log-evidence and its error, and how
many likelihood evaluations it took.

Nested sampling's evidence is its own estimate with an error (dynesty's ``logzerr``); the draws inherit the sampler's
randomness, fixed here by the seed.
"""
from __future__ import annotations

import time
import warnings
from dataclasses import dataclass

import numpy as np

from .catalogue import Hypothesis
from .likelihood import Likelihood

__all__ = ["Fit", "fit"]


@dataclass(frozen=True)
class Fit:
    """One nested-sampling run: its evidence, and every point it visited with its weight and per-study terms."""

    hypothesis: str
    structure: str
    width: str
    leave_out: str | None             #: the study whose term the run left out (None: every study)
    parameters: tuple[str, ...]
    studies: tuple[str, ...]          #: the likelihood's terms, in the order of :attr:`terms`' columns
    log_evidence: float
    log_evidence_error: float
    max_log_likelihood: float
    points: np.ndarray                #: (n, n_parameters) the sampler's dead and final live points
    log_weights: np.ndarray           #: (n,) log posterior weight of each (log likelihood + log prior volume)
    terms: np.ndarray                 #: (n, n_studies) log likelihood of each study's numbers at each point
    evaluations: int
    seconds: float

    def posterior_weights(self, leave_out: str | None = None) -> np.ndarray:
        """Normalised posterior weight of each point; without study ``leave_out``'s term when given."""
        log_w = self.log_weights - self._term(leave_out)
        w = np.exp(log_w - log_w.max())
        return w / w.sum()

    def _term(self, leave_out: str | None):
        """The log-likelihood column to take away to leave ``leave_out`` out (0 if the run already did)."""
        if leave_out is None or leave_out == self.leave_out:
            return 0.0
        if self.leave_out is not None:
            raise ValueError(f"this run left out {self.leave_out!r}; it cannot also leave out {leave_out!r}")
        return self.terms[:, self.studies.index(leave_out)]

    def log_evidence_without(self, leave_out: str) -> float:
        """log evidence of the other studies, by reweighting the run's points (natural log)."""
        log_w = self.log_weights - self._term(leave_out)
        top = log_w.max()
        return float(top + np.log(np.exp(log_w - top).sum()))

    def effective_points(self, leave_out: str | None = None) -> float:
        """Effective sample size of the (reweighted) posterior: 1 / sum of squared weights."""
        w = self.posterior_weights(leave_out)
        return float(1.0 / np.sum(w ** 2))

    def draws(self, n: int, rng: np.random.Generator, leave_out: str | None = None) -> np.ndarray:
        """``n`` equally weighted posterior draws (rows of :attr:`points`), without ``leave_out`` when given.

        Parameters
        ----------
        n : int
            Draws wanted (with replacement).
        rng : numpy.random.Generator
        leave_out : str, optional
            A study's record key whose term is taken out of the weights (:meth:`posterior_weights`).

        Returns
        -------
        ndarray, shape (n, n_parameters)
            Parameter values, columns in the order of :attr:`parameters` (units in their names).
        """
        return self.points[rng.choice(len(self.points), size=n, p=self.posterior_weights(leave_out))]

    def quantiles(self, q=(0.05, 0.5, 0.95), leave_out: str | None = None) -> dict[str, tuple[float, ...]]:
        """Weighted posterior quantiles of each parameter: ``{name: (q0, q1, ...)}``.

        Parameters
        ----------
        q : sequence of float, default (0.05, 0.5, 0.95)
            Probabilities, 0-1.
        leave_out : str, optional
            A study's record key whose term is taken out of the weights (:meth:`posterior_weights`).

        Returns
        -------
        dict of str to tuple of float
            For each parameter name, its quantiles in the order of ``q`` (in the parameter's units).
        """
        w = self.posterior_weights(leave_out)
        out = {}
        for i, name in enumerate(self.parameters):
            order = np.argsort(self.points[:, i])
            cumulative = np.cumsum(w[order])
            out[name] = tuple(float(np.interp(x, cumulative - w[order] / 2, self.points[order, i])) for x in q)
        return out


def fit(likelihood: Likelihood, hypothesis: Hypothesis, width: str = "standard", live_points: int = 150,
        dlogz: float = 0.3, seed: int = 0, leave_out: str | None = None) -> Fit:
    """Nested sampling of one hypothesis under one structure's likelihood.

    Parameters
    ----------
    likelihood : Likelihood
        The prepared likelihood (its structure names the fit).
    hypothesis : Hypothesis
    width : {"standard", "wide"}
        Prior width.
    live_points : int, default 150
        dynesty's live points (more: smaller evidence error, more evaluations).
    dlogz : float, default 0.3
        Stopping tolerance on the remaining evidence (natural log).
    seed : int, default 0
    leave_out : str, optional
        A study whose term the run leaves out of the likelihood (its terms are still recorded).

    Returns
    -------
    Fit
        Every point keeps its per-study terms, so that a study can be left out by reweighting
        (:meth:`Fit.log_evidence_without`, :meth:`Fit.posterior_weights`), checked by :meth:`Fit.effective_points`.
    """
    import dynesty

    bounds = np.array(hypothesis.bounds(width))
    low, span = bounds[:, 0], bounds[:, 1] - bounds[:, 0]
    names = hypothesis.parameters
    studies = tuple(term.key for term in likelihood.terms)
    seen: dict[bytes, np.ndarray] = {}
    skip = studies.index(leave_out) if leave_out is not None else None

    def log_likelihood(x: np.ndarray) -> float:
        per = likelihood.per_term(dict(zip(names, x)), hypothesis)
        values = np.array([per[key] for key in studies])
        seen[np.asarray(x, dtype=float).tobytes()] = values
        total = float(values.sum() - (values[skip] if skip is not None else 0.0))
        return total if np.isfinite(total) else -1e300

    def prior_transform(u: np.ndarray) -> np.ndarray:
        return low + span * u

    start = time.perf_counter()
    sampler = dynesty.NestedSampler(log_likelihood, prior_transform, len(names), nlive=live_points,
                                    rstate=np.random.default_rng(seed), bound="multi", sample="rwalk")
    with warnings.catch_warnings():
        # dynesty warns when its bootstrapped ellipsoids grow large: sampling gets slower, not wrong
        warnings.filterwarnings("ignore", message="The enlargement factor", category=UserWarning)
        sampler.run_nested(dlogz=dlogz, print_progress=False)
    result = sampler.results
    points = np.asarray(result.samples, dtype=float)
    terms = np.array([seen[row.tobytes()] for row in points])
    return Fit(hypothesis.name, likelihood.structure, width, leave_out, names, studies, float(result.logz[-1]),
               float(result.logzerr[-1]), float(np.max(result.logl)), points, np.asarray(result.logwt, dtype=float),
               terms, len(seen), time.perf_counter() - start)
