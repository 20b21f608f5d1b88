"""Source records for every default parameter, and provenance tables.

Every default parameter of every model names a key of :data:`SOURCES`, or the
word ``"illustrative"`` for a teaching assumption. A parameter without one is an
error (see :func:`sourced`), as in astropy's constants.

Confidence codes: **Q** quoted from a label or paper text; **A** from an abstract
or secondary summary; **D** derived by arithmetic from sourced values; **F**
fitted by ``scripts/fit_parameters.py`` to the data shipped in
``ldnmodels/data``; **C** calibrated by ``scripts/calibrate_population.py`` to the published trial outcomes (what
the trials require of the model, not a measurement of it); **I** illustrative (a teaching assumption).

Fitted and calibrated defaults are never typed into a parameter class: the pipeline writes them to
``ldnmodels/data/fitted_defaults.csv`` and the class declares the field with :func:`fitted` or :func:`calibrated`,
which read the value and its source key from there.
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .. import data
from .bibliography import short_citation
from .validation import number_array

__all__ = ["Source", "SOURCES", "ILLUSTRATIVE", "sourced", "fitted", "calibrated", "provenance_rows",
           "provenance_markdown", "check_fields"]

ILLUSTRATIVE = "illustrative"


@dataclass(frozen=True)
class Source:
    """A citation and how confident we are in the value taken from it."""

    citation: str
    confidence: str
    #: keys of ``ldnmodels/data/references.bib`` (:mod:`ldnmodels.core.bibliography`) for the works cited
    references: tuple[str, ...] = ()


#: Every source a default can cite, by key: citation, evidence code and what it supports.
SOURCES: dict[str, Source] = {
    "us_label": Source("US prescribing information, naltrexone hydrochloride tablets USP 50 mg",
                       "Q", references=('us_label',)),
    "swiss_pi": Source("Swiss product information, Naltrexon 50 mg (Cmax, tmax, half-lives, cirrhosis)",
                       "Q", references=('swiss_pi',)),
    "meyer_1984": Source("Meyer MC et al. (1984) J Clin Psychiatry 45(9):15-19 (clearance "
                         f"~{data.label_pk_50mg()['naltrexone_clearance']:g} L/h; bioavailability estimated at "
                         "about 5 %; 5-40 % is the US label's range)", "A",
                         references=('meyer_1984',)),
    "licko_1981": Source("Licko V (1981) NIDA Res Monogr 28:161-171 (absorption rate ~0.72 /h)",
                         "A", references=('licko_1981',)),
    "lee_1988": Source("Lee MC et al. (1988) J Nucl Med 29:1207-1211 (blockade half-time 72-108 h "
                       "after 50 mg)", "A", references=('lee_1988',)),
    "rabiner_2011": Source("Rabiner EA et al. (2011) Mol Psychiatry 16:826-835, tabulated in "
                           "Trøstheim M et al. (2022) Neuropsychopharmacology, Table 1",
                           "Q", references=('rabiner_2011', 'trostheim_2022')),
    "naltrexol_ki": Source("6β-naltrexol mu Ki 2.12 nM vs naltrexone 1.15 nM: 'about half the mu "
                           "affinity' (secondary summary, likely Yancey-Wrona et al. 2009; "
                           "naltrexone Ki from PMC4646084)", "A", references=('yancey_wrona_2009',)),
    "molar_mass": Source("Molar masses: naltrexone HCl 377.9, base 341.4, 6β-naltrexol 343.4 g/mol", "Q"),
    "fit_pk": Source("Fitted by scripts/fit_parameters.py to the label values in "
                     "ldnmodels/data/label_pk_50mg.csv (US label; Swiss PI; Meyer 1984)",
                     "F", references=('us_label', 'swiss_pi', 'meyer_1984')),
    "fit_receptor": Source("Fitted by scripts/fit_parameters.py to ldnmodels/data/pet_occupancy.csv "
                           "(Rabiner 2011), the decline of blockade after 50 mg (Lee 1988, "
                           "ldnmodels/data/lee_1988_decline.csv), onset, and the label plasma values",
                           "F", references=('rabiner_2011', 'lee_1988')),
    "calibrated_trials": Source("Calibrated by scripts/calibrate_population.py: a likelihood over a grid, comparing "
                                "simulated replicates of the published trials with their effects and within-arm "
                                "changes (ldnmodels/data/published_trials.json), with one constraint: the single "
                                "50 mg dose study's next-day change below half a point (derived); the direction of "
                                "the dose-finding study (Bruun-Plesner 2020) is reported beside it, not required; "
                                "grid and log-likelihoods in ldnmodels/data/population_calibration.csv",
                                "C", references=('younger_mackey_2009', 'younger_2013', 'bested_2023',
                                                 'bruun_2024', 'younger_zautra_2009', 'bruun_plesner_2020')),
    "bested_2023": Source("Bested K et al. (2023) Pain Rep 8:e1080: 58 randomised, crossover, 4.5 mg, 3-week periods "
                          "with about 11 days of washout; FIQR difference -1.65 (P=0.3), pain -0.33 (P=0.4): no "
                          "clinically relevant effect", "Q", references=('bested_2023',)),
    "metyas_2018": Source("Metyas S et al. (2018) Curr Rheumatol Rev 14:177-180: open-label LDN in the community, "
                          "'well tolerated and likely effective'; no control group and no numbers in the abstract, so "
                          "not a calibration target", "A", references=('metyas_2018',)),
    "dunbar_2007": Source("Dunbar JL et al. (2007) J Stud Alcohol Drugs 68:862-870: population PK of injected "
                          "naltrexone, 453 people: 6β-naltrexol clearance 65.1 L/h, rising 0.229 L/h per mL/min of "
                          "creatinine clearance (judged not clinically meaningful there)", "A",
                          references=('dunbar_2007',)),
    "trostheim_kappa": Source("Trostheim M et al. (2022) Neuropsychopharmacology (a primer on opioid antagonism): "
                              "naltrexone's kappa/mu dose ratio 2 in their planner, from in-vitro affinities; "
                              "simulated 50 mg blocks 78-100 % of kappa receptors", "A",
                              references=('trostheim_2022',)),
    "de_laat_2021": Source("de Laat B et al. (2021) Mol Psychiatry 26:5053-5060: [11C]LY2795050 PET in 44 heavy "
                           "drinkers after a week of 100 mg naltrexone a day: kappa occupancy 92 ± 1 %", "Q",
                           references=('de_laat_2021',)),
    "vijay_2016": Source("Vijay A et al. (2016) Am J Nucl Med Mol Imaging 6:205-214: [11C]LY2795050 PET, 18 men and "
                         "9 women: higher kappa-receptor availability in men in several brain regions", "Q",
                         references=('vijay_2016',)),
    "younger_zautra_2009": Source("Younger JW, Zautra AJ, Cummins ET (2009) PLoS One 4:e5180: one 50 mg naltrexone "
                                  "dose vs placebo, double-blind, 10 women with fibromyalgia and 10 controls: no "
                                  "change in pain sensitivity or mood", "A", references=('younger_zautra_2009',)),
    "iranmanesh_1989": Source("Iranmanesh A et al. (1989) J Clin Endocrinol Metab 68:1019-1026 (serum "
                              "β-endorphin in 7 men sampled every 10 min for 24 h: about 13 pulses a day, 24-h mean "
                              "~26 pg/mL, circadian amplitude ~6 pg/mL (23 % of the mean), acrophase ~10:43)",
                              "A", references=('iranmanesh_1989',)),
    "zagon_mclaughlin": Source("Zagon IS & McLaughlin PJ (1983) Science; (1984) Life Sci; (1989) Brain Res: "
                               "in mice, 0.1 mg/kg/day abolished morphine analgesia (a functional test of blockade) "
                               "4-6 h a day, 10 mg/kg/day 24 h a day; both up-regulated opioid binding sites and "
                               "tissue endorphins in tumour tissue, affinity and plasma beta-endorphin unchanged",
                               "Q", references=('zagon_1983', 'zagon_1984', 'zagon_1989')),
    "tlr4_in_vitro": Source("(+)-naltrexone inhibits TLR4 signalling at micromolar concentrations "
                            "(Hutchinson et al. 2008 Eur J Neurosci 28:20-29; Wang et al. 2016 Br J Pharmacol "
                            "173:856-869); no effect up to 200 µM in human blood cells (Cant et al. 2017 Front "
                            "Immunol 8:809)", "A", references=('hutchinson_2008', 'wang_2016', 'cant_2017')),
    "tlr4_ic50_unverified": Source("An IC50 near 100 µM of (+)-naltrexone for LPS-induced NO inhibition, reported "
                                   "second-hand and not verified against a primary paper; the primary papers in reach "
                                   "give effects at about 1-100 µM (Hutchinson 2008; Wang 2016)",
                                   "R", references=('hutchinson_2008', 'wang_2016')),
    "harris_2007": Source("Harris RE et al. (2007) J Neurosci 27:10000-10006: reduced mu-opioid receptor binding "
                          "potential in 17 women with fibromyalgia vs 17 controls ([11C]carfentanil PET)",
                          "A", references=('harris_2007',)),
    "qin_2005": Source("Qin L et al. (2005) FASEB J 19:550-557: naloxone neuroprotective at femtomolar "
                       "concentrations in rodent neuron-glia cultures through microglial NADPH oxidase (not TLR4)",
                       "A", references=('qin_2005',)),
    "liu_2002": Source("Liu Y et al. (2002) J Pharmacol Exp Ther 302:1212: (-)- and (+)-naloxone equally effective "
                       "(1-10 µM) against β-amyloid-induced microglial superoxide, rodent cultures",
                       "A", references=('liu_2002',)),
    "chen_1991": Source("Chen ZR, Irvine RJ, Somogyi AA, Bochner F (1991) Life Sci 48:2165-2171: mu receptor "
                        "Ki, rat brain, [3H]DAMGO: morphine 1.2 nM, hydrocodone 19.8 nM",
                        "A", references=('chen_1991',)),
    "volpe_2011": Source("Volpe DA et al. (2011) Regul Toxicol Pharmacol 59:385-390: recombinant human mu "
                         "receptor Ki, oxycodone and morphine in the 1-100 nM class (oxycodone ~26 nM recalled, "
                         "not verified)", "R", references=('volpe_2011',)),
    "younger_2013": Source("Younger J, Noor N, McCue R, Mackey S (2013) Arthritis Rheum 65:529-538: 4.5 mg daily, "
                           "31 women, 12 weeks LDN / 4 weeks placebo (crossover)", "Q", references=('younger_2013',)),
    "younger_2012_meeting": Source("2012 meeting report of the Younger trial (AAPM annual meeting, MPR report; 28 "
                                   "completers; secondary source): 2 weeks of baseline, 12 weeks of LDN and 4 of "
                                   "placebo (counterbalanced), then 4 weeks of follow-up; vivid dreams 37 % on LDN vs "
                                   "13 % on placebo, headache 16 % vs 3 %; participants did not guess their arm "
                                   "accurately — not in the 2013 abstract; dosing 'at bedtime' unverified", "A",
                                   references=('younger_2013',)),
    "fit_side_effects": Source("Fitted by scripts/fit_parameters.py so that 4.5 mg at 21:00 for 12 weeks, "
                               "started without titration (assumption), gives the rates of the 2012 meeting report of "
                               "the Younger trial (vivid dreams 37 %, headache 16 %)",
                               "F", references=('younger_2013',)),
    "bruun_2024": Source("Bruun et al. (2024) Lancet Rheumatol 6:e31-e39 (FINAL): 99 women, 6 mg titrated, "
                         "12 weeks; pain NRS change -1.3 LDN vs -0.9 placebo; difference -0.34 (95 % CI -0.95 to "
                         "0.27), P=0.27", "A", references=('bruun_2024',)),
    "younger_mackey_2009": Source("Younger J & Mackey S (2009) Pain Med: 10 women; baseline ESR explained >80 % of "
                                  "the variance in response", "A", references=('younger_mackey_2009',)),
    "naltrexol_entry": Source("Derived from in-vivo central potency: 6β-naltrexol's apparent pA2 in rhesus monkeys is "
                              "100-fold below naltrexone's against a 2-fold in-vitro difference (Ko MCH et al. 2006 J "
                              "Pharmacol Exp Ther 316(2)), so entry ≈ 1.84 / 100 ≈ 0.02; other studies give 0.01-0.37 "
                              "(ldnmodels/data/naltrexol_central_potency.csv); in humans 20 mg i.v. 6β-naltrexol did "
                              "not block morphine analgesia or miosis (Yancey-Wrona J et al. 2011 Pain Med)",
                              "D", references=('ko_2006', 'yancey_wrona_2011')),
    "immpact_2008": Source("Dworkin RH et al. (2008) J Pain 9:105-121 (IMMPACT): a 10-20 % decrease of pain is "
                           "minimally important, at least 30 % moderately, at least 50 % substantially; a global "
                           "impression of 'minimally improved' is minimally important", "A",
                           references=("dworkin_2008",)),
    "structure": Source("Defines the model structure (not a measured value)", "D"),
    ILLUSTRATIVE: Source("Illustrative teaching assumption, not measured in humans", "I"),
}


def sourced(default: Any, source: str, note: str = "") -> Any:
    """A dataclass field whose default carries its source.

    Parameters
    ----------
    default : float
        The default value.
    source : str
        A key of :data:`SOURCES` (``"illustrative"`` for a teaching assumption).
    note : str, optional
        How the value was obtained from the source (one line).

    Returns
    -------
    dataclasses.Field
        A field with default ``default`` and metadata ``{"source": source, "note": note}`` (read by
        :func:`provenance_rows`).

    Raises
    ------
    KeyError
        If ``source`` is not a key of :data:`SOURCES`.
    """
    if source not in SOURCES:
        raise KeyError(f"unknown source {source!r}; add it to ldnmodels.core.sources.SOURCES")
    return field(default=default, metadata={"source": source, "note": note})


def fitted(owner: str, name: str, note: str = "") -> Any:
    """A dataclass field whose default the fit wrote (``ldnmodels/data/fitted_defaults.csv``, step ``fit``).

    Parameters
    ----------
    owner : str
        The parameter class the row belongs to (its name, e.g. ``"PKParameters"``).
    name : str
        The field.
    note : str, optional
        How the value was obtained (one line), as for :func:`sourced`.

    Returns
    -------
    dataclasses.Field
        :func:`sourced` with the file's value and source key (a fitted source, confidence F).

    Raises
    ------
    KeyError
        If the file has no such row.
    ValueError
        If the row is not the fit's (a calibrated value must be declared with :func:`calibrated`).
    """
    return _from_pipeline(owner, name, note, "fit", "F")


def calibrated(owner: str, name: str, note: str = "") -> Any:
    """A dataclass field whose default the trial calibration wrote (``fitted_defaults.csv``, step ``calibration``).

    As :func:`fitted`, for values calibrated to the trials (confidence C: what the trials require of the model, not
    measurements).

    Parameters
    ----------
    owner : str
        The parameter class the row belongs to (its name, e.g. ``"InflammationParameters"``).
    name : str
        The field.
    note : str, optional
        How the value was obtained (one line), as for :func:`sourced`.

    Returns
    -------
    dataclasses.Field
        :func:`sourced` with the file's value and source key (a calibrated source, confidence C).

    Raises
    ------
    KeyError
        If the file has no such row.
    ValueError
        If the row is not the calibration's (a fitted value must be declared with :func:`fitted`).
    """
    return _from_pipeline(owner, name, note, "calibration", "C")


def _from_pipeline(owner: str, name: str, note: str, step: str, confidence: str) -> Any:
    row = data.fitted_default_row(owner, name)
    if row["step"] != step or SOURCES.get(row["source"], SOURCES[ILLUSTRATIVE]).confidence != confidence:
        raise ValueError(f"{owner}.{name} in ldnmodels/data/{data.FITTED_DEFAULTS} is step {row['step']!r}, source "
                         f"{row['source']!r}: declare it with {'fitted' if row['step'] == 'fit' else 'calibrated'}()")
    return sourced(float(row["value"]), row["source"], note)


def check_fields(params: Any, rules: dict[str, tuple], allow_inf: tuple[str, ...] = ()) -> None:
    """Validate numeric fields of a parameter dataclass.

    Parameters
    ----------
    params : dataclass instance
        The parameters to check. A field may be a float or an array of shape
        ``(n_patients,)``.
    rules : dict
        ``name -> (low, high)``: allowed values are ``low < value <= high``;
        ``name -> (low, high, "closed")``: ``low <= value <= high``.
    allow_inf : tuple of str
        Fields for which ``inf`` is a meaningful value (a limiting case).

    Raises
    ------
    ValueError
        Naming the field, its allowed range and the offending value.
    """
    for name, rule in rules.items():
        low, high = rule[0], rule[1]
        closed = len(rule) > 2 and rule[2] == "closed"
        value = number_array(getattr(params, name), name)
        if value.ndim > 1:
            raise ValueError(f"{name} must be a number or a 1-D array over patients, "
                             f"got shape {value.shape}")
        in_range = np.isfinite(value) & ((value >= low) if closed else (value > low)) & (value <= high)
        ok = in_range | ((value == math.inf) if name in allow_inf else False)
        if not np.all(ok):
            bad = value[~ok] if value.ndim else value
            relation = ">=" if closed else ">"
            extra = " (or inf)" if name in allow_inf else ""
            raise ValueError(f"{name} must be {relation} {low:g} and <= {high:g}{extra}, got {np.ravel(bad)[0]:g}")


def provenance_rows(*param_sets: Any) -> list[dict[str, str]]:
    """One row per parameter: model, name, value, source, confidence, note.

    Parameters
    ----------
    *param_sets : dataclass instances
        Parameter sets such as ``PKParameters()`` and ``ReceptorParameters()``.

    Returns
    -------
    list of dict
        Keys ``model``, ``parameter``, ``value``, ``default``, ``source``,
        ``references`` (author-year, from the kit's bibliography), ``confidence``,
        ``note``. ``value`` is the value in use; ``default`` the sourced default
        (they differ when a user changed it).
    """
    rows = []
    for params in param_sets:
        for f in dataclasses.fields(params):
            source = SOURCES[f.metadata["source"]]
            value = getattr(params, f.name)
            rows.append({
                "model": type(params).__name__,
                "parameter": f.name,
                "value": _format(value),
                "default": _format(f.default),
                "source": source.citation,
                "references": short_citation(source.references),
                "confidence": source.confidence,
                "note": f.metadata.get("note", ""),
            })
    return rows


def provenance_markdown(*param_sets: Any) -> str:
    """The provenance of parameter sets as a Markdown table (for notebooks and docs)."""
    lines = ["| model | parameter | value | conf. | source | note |",
             "|---|---|---|---|---|---|"]
    for row in provenance_rows(*param_sets):
        changed = "" if row["value"] == row["default"] else f" (default {row['default']})"
        cited = f"**{row['references']}** — " if row["references"] else ""
        lines.append(f"| {row['model']} | `{row['parameter']}` | {row['value']}{changed} | "
                     f"{row['confidence']} | {cited}{row['source']} | {row['note']} |")
    lines.append("")
    lines.append("Works in bold are entries of the kit's bibliography (ldnmodels/data/references.bib, the course "
                 "book's reference page). Confidence: Q quoted from label/paper, A abstract or secondary summary, "
                 "D derived, F fitted to shipped data, C calibrated to the trial outcomes (required of the model, not "
                 "measured), I illustrative (teaching assumption).")
    return "\n".join(lines)


def _format(value: Any) -> str:
    array = np.asarray(value, dtype=float)
    if array.ndim:
        return f"{array.size} patients, {np.min(array):.4g}–{np.max(array):.4g}"
    return f"{float(array):.4g}"
