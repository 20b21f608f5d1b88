"""The comparison and the leave-one-out check as Markdown tables (for the notebooks and the README)."""
from __future__ import annotations

import math

from .catalogue import MEASURED_LOG10_IC50_UM

__all__ = ["comparison_markdown", "leave_one_out_markdown", "required_potency", "evidence_words", "KASS_RAFTERY",
           "decisive_markdown"]

#: Kass & Raftery (1995), on the natural-log scale: (upper bound of log Bayes factor, words).
KASS_RAFTERY = ((1.0, "not worth more than a bare mention"), (3.0, "positive"), (5.0, "strong"),
                (math.inf, "very strong"))


def evidence_words(log_bayes_factor: float) -> str:
    """The strength of evidence a log Bayes factor (natural log) carries, in Kass & Raftery's (1995) words.

    Negative values are evidence for the other hypothesis: ``against: positive`` and so on.
    """
    size = abs(log_bayes_factor)
    words = next(text for bound, text in KASS_RAFTERY if size < bound)
    return words if log_bayes_factor >= 0 or size < 1.0 else f"against: {words}"

_EFFECT_UNITS = {"younger_2009": "% points", "younger_2013": "% points", "bested_2023": "SMD", "bruun_2024": "points",
                 "younger_zautra_2009": "points", "bruun_plesner_2020": "responders of 25"}


def required_potency(row) -> tuple[float, float, float] | None:
    """The microglial IC50 a row's posterior requires, nM (5 %, median, 95 %), or None without that parameter."""
    values = row.posteriors.get("log10_tlr4_ic50_um")
    return None if values is None else tuple(1000.0 * 10.0 ** v for v in values)


def _fmt(value: float, digits: int = 1) -> str:
    return "—" if not math.isfinite(value) else f"{value:.{digits}f}"


def comparison_markdown(rows) -> str:
    """One line per (structure, hypothesis): evidence, Bayes factor against no drug effect (both prior widths), the
    required potency and its distance from the measured one, and the 12-week benefit at 4.5 and 50 mg.

    Parameters
    ----------
    rows : list of ComparisonRow
        :func:`ldnmodels.analyses.hypotheses.compare`.

    Returns
    -------
    str
        A Markdown table (natural logs; potency nM; benefit in points, negative = less pain).
    """
    lines = ["| structure | hypothesis | max log L | log evidence | log BF vs no drug effect (standard / wide "
             "priors) | in words | microglial IC50 required, nM (90 %) | × below the measured 1–100 µM | drug-only "
             "change at 4.5 / 50 mg, points |", "|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        potency = required_potency(row)
        if potency is None:
            required, ratio = "—", "—"
        else:
            required = f"{potency[1]:.2g} ({potency[0]:.2g}–{potency[2]:.2g})"
            low_nm, high_nm = (10.0 ** (edge + 3.0) for edge in MEASURED_LOG10_IC50_UM)
            ratio = f"{low_nm / potency[1]:,.0f}–{high_nm / potency[1]:,.0f}"
        dose = {k: v[1] for k, v in row.dose_response.items()}
        lines.append(f"| {row.structure} | {row.hypothesis} | {_fmt(row.max_log_likelihood)} | "
                     f"{_fmt(row.log_evidence)} ± {_fmt(row.log_evidence_error)} | "
                     f"{_fmt(row.log_bayes_factor_vs_null)} / {_fmt(row.log_bayes_factor_vs_null_wide)} | "
                     f"{evidence_words(row.log_bayes_factor_vs_null) if row.hypothesis != 'no_drug_effect' else '—'} | "
                     f"{required} | "
                     f"{ratio} | {_fmt(dose.get(4.5, math.nan), 2)} / {_fmt(dose.get(50.0, math.nan), 2)} |")
    return "\n".join(lines)


def leave_one_out_markdown(rows) -> str:
    """One line per study: its published effect, the range the fits without it predicted, and whether it lies inside.

    Parameters
    ----------
    rows : list of LeftOut
        :func:`ldnmodels.analyses.hypotheses.leave_one_out`.

    Returns
    -------
    str
        A Markdown table, then the coverage in words.
    """
    lines = ["| study left out | published | predicted by the others (95 %) | width of that range | inside? |",
             "|---|---|---|---|---|"]
    for row in rows:
        unit = _EFFECT_UNITS.get(row.study, "")
        lines.append(f"| {row.study} | {row.published:g} {unit} | {row.low:.2f} to {row.high:.2f} | "
                     f"{row.high - row.low:.2f} | {'yes' if row.inside else '**no**'} |")
    inside = sum(row.inside for row in rows)
    lines.append("")
    lines.append(f"Out-of-sample coverage: {inside} of {len(rows)} published effects inside the range predicted "
                 f"without them. A wide range is easy to fall into: read the widths with the count.")
    return "\n".join(lines)


def decisive_markdown(trial) -> str:
    """The decisive trial (:func:`ldnmodels.analyses.hypotheses.decisive_trial`) in one sentence of Markdown."""
    (first, second), (low, high) = trial.hypotheses, trial.doses_mg
    size = f"{trial.n_per_arm:,} women per arm" if trial.n_per_arm <= 10_000 else "more than 10 000 per arm: none"
    null = (f"{trial.n_per_arm_vs_null:,} per arm" if trial.n_per_arm_vs_null <= 10_000
            else "more than 10 000 per arm")
    return (f"**A trial that would separate the two leading drug hypotheses**, `{first}` and `{second}`: "
            f"{low:g} mg against {high:g} mg daily for {trial.weeks} weeks, parallel, pain on the 0–10 scale — "
            f"{size} for 80 % power (they predict {trial.contrasts_nrs[0]:+.2f} and {trial.contrasts_nrs[1]:+.2f} "
            f"points between the arms; SD of a patient's change {trial.sd_nrs:.2f} points; point predictions, so a "
            f"lower bound). No drug effect predicts no difference, midway between them: telling `{first}` from it "
            f"needs about {null}. The higher dose also brings more vivid dreams, so the trial should ask patients to "
            f"guess their arm: unblinding alone could make a contrast.")
