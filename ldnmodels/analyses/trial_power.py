"""Power of simulated trials: which results count as significant for the drug, and how often that happens.

One rule throughout the kit (:func:`significant_for_drug`): a two-sided p below :data:`ALPHA` **and** a difference
favouring the drug. A trial significant in the wrong direction is not a success for the drug.
"""
from __future__ import annotations

import warnings
from dataclasses import replace

import numpy as np

from ..core.validation import number, whole
from .trials import TrialDesign, TrialPool, prepare_pool, replicate_trials

__all__ = ["ALPHA", "significant_for_drug", "share_significant", "power_curve"]

#: Two-sided significance level of every simulated analysis.
ALPHA = 0.05


def significant_for_drug(p_value, difference, alpha: float = ALPHA):
    """The one rule: p below ``alpha`` **and** the difference favouring the drug (negative = less pain).

    Parameters
    ----------
    p_value, difference, alpha : array_like, array_like, float
        Two-sided p-values and differences drug minus placebo (e.g. points), numbers or arrays (element-wise);
        significance level, default :data:`ALPHA`.

    Returns
    -------
    numpy bool or ndarray of bool
        The inputs' broadcast shape.
    """
    return (np.asarray(p_value) < alpha) & (np.asarray(difference) < 0)


def share_significant(results, alpha: float = ALPHA) -> float:
    """Share of simulated trials (:class:`TrialResult`) significant for the drug (the power).

    Parameters
    ----------
    results, alpha : sequence of TrialResult, float
        At least one simulated trial; significance level, default :data:`ALPHA`.

    Returns
    -------
    float
        Fraction 0–1.
    """
    if not results:
        raise ValueError("results must hold at least one simulated trial")
    return float(np.mean([significant_for_drug(r.estimate.p_value, r.estimate.difference, alpha) for r in results]))


def power_curve(design: TrialDesign, n_values, n_trials: int = 200, seed: int = 0, alpha: float = ALPHA,
                pool: TrialPool | None = None) -> np.ndarray:
    """Share of simulated trials with p < ``alpha`` favouring the drug, for each ``n_per_arm`` in ``n_values``.

    A replicate that cannot be analysed (dropout left an arm with fewer than 2 patients) counts as not significant,
    as it would in a real programme; a ``RuntimeWarning`` says how many there were.

    Parameters
    ----------
    design, n_values : TrialDesign, sequence of int
        The design; the patients per arm (``n_per_arm``, 2 to 100 000) to try, all from one pool.
    n_trials, seed, alpha, pool : int, int, float, TrialPool or None
        As for :func:`run_trials` (``n_trials`` default 200) and :func:`significant_for_drug` (``alpha`` in (0, 1)).

    Returns
    -------
    ndarray, shape (n_values,)
        Power at each ``n_values`` entry, fraction 0–1.
    """
    whole(n_trials, "n_trials", 1, 1_000_000)
    number(alpha, "alpha", 0.0, 1.0, closed_low=False, closed_high=False)
    pool = prepare_pool(design, seed=seed) if pool is None else pool
    powers, degenerate = [], 0
    for n in n_values:
        sized = replace(design, n_per_arm=whole(n, "n_values", 2, 100_000))
        results, lost = replicate_trials(pool, sized, n_trials, seed)
        degenerate += lost
        powers.append(sum(bool(significant_for_drug(r.estimate.p_value, r.estimate.difference, alpha))
                          for r in results) / n_trials)
    if degenerate:
        warnings.warn(f"{degenerate} replicate trials could not be analysed (dropout left fewer than 2 patients in "
                      f"an arm) and count as not significant", RuntimeWarning, stacklevel=2)
    return np.array(powers)
