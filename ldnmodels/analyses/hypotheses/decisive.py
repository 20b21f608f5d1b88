r"""The decisive trial: the smallest two-arm trial that would tell the two best-supported drug hypotheses apart.

The two drug hypotheses with the highest evidence (each under its better receptor structure) predict different
dose–responses (:func:`ldnmodels.analyses.hypotheses.compare`, posterior medians of the drug-only change after 12
weeks). A parallel trial of a low against a high daily dose measures the difference between its arms, :math:`c`;
the hypotheses predict :math:`c_A` and :math:`c_B`. To tell them apart with power :math:`1-\beta` at two-sided
level :math:`\alpha` the trial needs

.. math::

    n = 2\,\sigma^2\,(z_{1-\alpha/2} + z_{1-\beta})^2 / (c_A - c_B)^2

patients per arm, with :math:`\sigma` the SD of one patient's 12-week change (placebo response and daily noise of
the population, :class:`~ldnmodels.analyses.population.PopulationParameters`). Every pair of doses is tried and the
smallest trial kept. Point predictions only: the posteriors' spread would make the real trial larger. No drug effect
predicts no contrast at all, so telling the leading hypothesis from it is a separate, larger question
(``n_per_arm_vs_null``). A dose far above the other also brings more vivid dreams, and so more unblinding: a contrast
even without a drug effect, which the trial would have to measure (ask patients to guess their arm).
"""
from __future__ import annotations

import itertools
import math
from typing import NamedTuple

from scipy.special import ndtri  # the standard normal's quantile (scipy.stats costs 0.4 s at import)

__all__ = ["DecisiveTrial", "decisive_trial", "DRUG_HYPOTHESES"]

#: Hypotheses in which the drug acts (the sanity check at the measured potency excluded).
DRUG_HYPOTHESES = ("rebound", "microglia_required", "both")


class DecisiveTrial(NamedTuple):
    """The smallest trial separating two hypotheses."""

    hypotheses: tuple[str, str]       #: the two, each as hypothesis/structure
    doses_mg: tuple[float, float]     #: low and high daily dose, mg naltrexone HCl
    n_per_arm: int                    #: patients per arm
    contrasts_nrs: tuple[float, float]  #: high minus low dose, drug-only change at 12 weeks under each, points
    sd_nrs: float                     #: SD of one patient's 12-week change assumed, points
    weeks: int                        #: treatment weeks
    n_per_arm_vs_null: int = 0        #: patients per arm to tell the better-supported one from no drug effect


def decisive_trial(rows, sd_nrs: float | None = None, power: float = 0.8, alpha: float = 0.05,
                   doses_mg=(1.5, 3.0, 4.5, 6.0, 9.0)) -> DecisiveTrial:
    """The smallest two-arm parallel trial telling the two best-supported drug hypotheses apart.

    Parameters
    ----------
    rows : list of ComparisonRow
        :func:`ldnmodels.analyses.hypotheses.compare`.
    sd_nrs : float, optional
        SD of one patient's 12-week change, points; default from the population's placebo spread and daily noise.
    power : float, default 0.8
        Power to separate them, 0-1.
    alpha : float, default 0.05
        Two-sided level, 0-1.
    doses_mg : sequence of float
        Doses allowed in the arms, mg (the low-dose range; 50 mg is left out).

    Returns
    -------
    DecisiveTrial
    """
    from ..population import PopulationParameters

    if sd_nrs is None:
        params = PopulationParameters()
        sd_nrs = math.sqrt(params.placebo_sd_nrs ** 2 + 2.0 * params.daily_noise_sd_nrs ** 2 / 7.0)
    best = {}
    for row in rows:
        if row.hypothesis in DRUG_HYPOTHESES and (row.hypothesis not in best
                                                  or row.log_evidence > best[row.hypothesis].log_evidence):
            best[row.hypothesis] = row
    first, second = sorted(best.values(), key=lambda row: row.log_evidence, reverse=True)[:2]
    z = ndtri(1.0 - alpha / 2.0) + ndtri(power)
    options = []
    for low, high in itertools.combinations(sorted(doses_mg), 2):
        contrasts = tuple(row.dose_response[high][1] - row.dose_response[low][1] for row in (first, second))
        gap = abs(contrasts[0] - contrasts[1])
        if gap > 0:
            options.append((math.ceil(2.0 * sd_nrs ** 2 * z ** 2 / gap ** 2), (low, high), contrasts))
    n, doses, contrasts = min(options)
    # no drug effect predicts no contrast between the arms: telling the leader from it needs its own contrast
    n_null = math.ceil(2.0 * sd_nrs ** 2 * z ** 2 / contrasts[0] ** 2) if contrasts[0] else 10 ** 9
    return DecisiveTrial((f"{first.hypothesis}/{first.structure}", f"{second.hypothesis}/{second.structure}"),
                         doses, n, contrasts, sd_nrs, 12, n_null)
