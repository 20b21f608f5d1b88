"""The single-dose evidence on brain mu-receptor blockade and how the structures fit it (notebook 02), as tables:
plain data whose field names carry the units (``_h`` hours, ``_ng_ml``, ``_nm``, ``share_blocked`` a fraction 0–1 of
the receptors, ``_points`` percentage points); ``format_*`` give the notebook's text. Strains, daily LDN, scans:
:mod:`.receptor_predictions`."""
from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from scipy.special import chdtri  # chi-square quantile: chdtri(dof, 1 - q) is chdtri(dof, 1 - q)

from .. import data
from ..core.constants import NALTREXONE_BASE_G_PER_MOL, ng_ml_to_nm
from ..core.metrics import peak, value_at
from ..model.pharmacokinetics import PKParameters
from ..model.receptor import ReceptorStructure
from ..model.regimen import Regimen
from ..model.simulation import simulate
from ..model.structures import comparison, default_receptor, receptor_structures, structure_named
from . import fitting
from .ensembles import FitCurves

__all__ = ["PetScatter", "pet_scatter", "PlasmaDecline", "plasma_after_50mg", "DirectRefit",
           "direct_pet_alone_vs_all_targets", "fit_curves_of", "blockade_after_one_dose",
           "relative_blockade_table", "GroupChiSquare", "chi_square_by_group", "AkaikeOdds", "akaike_odds",
           "NaltrexolEvidence", "naltrexol_evidence", "format_naltrexol_evidence",
           "format_shipped_data", "format_plasma_decline", "format_blockade_after_one_dose", "format_fit_table",
           "format_comparison", "format_chi_square_by_group"]


class PetScatter(NamedTuple):
    """How precise one PET value is: the scatter between scans repeated at the same dose."""

    doses_mg: tuple            #: the distinct PET doses, mg
    scans_per_dose: tuple      #: number of scans at each dose
    n_repeated_scans: int      #: scans at doses scanned more than once
    n_repeated_doses: int      #: doses scanned more than once
    degrees_of_freedom: int    #: of the pooled SD (repeated scans minus repeated doses)
    pooled_sd_points: float    #: pooled within-dose SD, percentage points
    coverage: float            #: probability of the range below (e.g. 0.95)
    true_sd_low_points: float  #: lower end of the range of the true scatter, percentage points
    true_sd_high_points: float  #: upper end, percentage points


def pet_scatter(coverage: float = 0.95) -> PetScatter:
    """The pooled within-dose scatter of the PET scans (Rabiner 2011) and a range for the true scatter.

    Parameters
    ----------
    coverage : float, default 0.95
        Probability of the chi-square range for the true SD, given the pooled SD and its degrees of freedom.

    Returns
    -------
    PetScatter
        Pooled SD and its range in percentage points (the fits use ``fitting.PET_SD_FRACTION``, this SD rounded).
    """
    pet_doses, pet_values = data.pet_occupancy()
    doses, scans = np.unique(pet_doses, return_counts=True)
    repeated = scans > 1
    within = sum(np.sum((pet_values[pet_doses == d] - pet_values[pet_doses == d].mean()) ** 2) for d in doses[repeated])
    dof = int(np.sum(scans[repeated] - 1))
    sd = math.sqrt(within / dof)
    low, high = (100 * sd * math.sqrt(dof / chdtri(dof, 1 - q)) for q in ((1 + coverage) / 2, (1 - coverage) / 2))
    return PetScatter(tuple(float(d) for d in doses), tuple(int(n) for n in scans), int(scans[repeated].sum()),
                      int(repeated.sum()), dof, 100 * sd, coverage, low, high)


class PlasmaDecline(NamedTuple):
    """Plasma after one 50 mg dose against the peaks after one smaller (reference) dose."""

    reference_dose_mg: float
    reference_peak_naltrexone_ng_ml: float
    reference_peak_naltrexol_ng_ml: float
    reference_pet_share_blocked: tuple  #: the PET values (Rabiner 2011) after the reference dose
    rows: list  #: ``hours_after_dose``, ``naltrexone_ng_ml``, ``naltrexone_per_reference_peak``, same for naltrexol


def plasma_after_50mg(hours_after_dose=(1, 8, 24, 48, 72, 120, 168), reference_dose_mg: float = 5.0) -> PlasmaDecline:
    """Plasma naltrexone and 6β-naltrexol after one 50 mg dose, and divided by the peaks after a smaller dose.

    Parameters
    ----------
    hours_after_dose : sequence of float
        Times after the 50 mg dose, h (the simulation runs to the latest).
    reference_dose_mg : float, default 5.0
        The dose whose peaks are the yardstick, mg naltrexone HCl (simulated every 0.1 h, like the 50 mg dose).

    Returns
    -------
    PlasmaDecline
        Concentrations in ng/mL, ratios to the reference peaks dimensionless.
    """
    span_h = float(max(hours_after_dose))
    after_50 = simulate(Regimen.single(50.0), hours=span_h, step_h=0.1)
    reference = simulate(Regimen.single(reference_dose_mg), hours=span_h, step_h=0.1)
    peaks = {name: peak(reference.t_h, getattr(reference, f"{name}_ng_ml"))[0] for name in ("naltrexone", "naltrexol")}
    rows = []
    for hours in hours_after_dose:
        row = {"hours_after_dose": hours}
        for name in ("naltrexone", "naltrexol"):
            value = value_at(after_50.t_h, getattr(after_50, f"{name}_ng_ml"), hours)
            row[f"{name}_ng_ml"], row[f"{name}_per_reference_peak"] = value, value / peaks[name]
        rows.append(row)
    pet_doses, pet_values = data.pet_occupancy()
    return PlasmaDecline(reference_dose_mg, peaks["naltrexone"], peaks["naltrexol"],
                         tuple(float(v) for v in pet_values[pet_doses == reference_dose_mg]), rows)


class DirectRefit(NamedTuple):
    """The direct structure fitted to the PET table alone, against its shipped fit to all targets."""

    pet_alone: ReceptorStructure  #: refitted to the seven PET values (and onset, label) without Lee's points
    ec50_pet_alone_nm: float
    ec50_all_targets_nm: float    #: the shipped fit to every target
    times_lower: float            #: how many times lower the EC50 fitted to all targets is


def direct_pet_alone_vs_all_targets() -> DirectRefit:
    """Refit the direct structure (blockade in equilibrium with plasma) without the week after 50 mg (Lee 1988).

    Returns
    -------
    DirectRefit
        The refitted parameter set, and its naltrexone EC50 and the shipped one, nM.
    """
    empty, shipped = np.array([]), structure_named("direct")
    targets = fitting.Targets(*data.pet_occupancy(), empty, empty, empty)
    pet_alone = fitting.fit_structure(shipped, targets=targets).receptor
    alone, everything = float(pet_alone.naltrexone_ec50_nm), float(shipped.naltrexone_ec50_nm)
    return DirectRefit(pet_alone, alone, everything, alone / everything)


def fit_curves_of(receptor: ReceptorStructure) -> FitCurves:
    """One parameter set's dose–occupancy curve (mean over 1–8 h) and its week after 50 mg relative to 1 h.

    Parameters
    ----------
    receptor : ReceptorStructure
        Any parameter set, e.g. :attr:`DirectRefit.pet_alone` (shipped structures: ``ensembles.fit_curves``).

    Returns
    -------
    FitCurves
        Doses in mg, shares blocked, hours after 50 mg (0–192 h, every 0.5 h) and blockade / blockade at 1 h.
    """
    week = simulate(Regimen.single(50.0), hours=192.0, step_h=0.5, receptor=receptor)
    return FitCurves(*fitting.dose_occupancy_curve(PKParameters(), receptor), week.t_h,
                     week.mor_occupancy / value_at(week.t_h, week.mor_occupancy, 1.0))


def blockade_after_one_dose(receptors: dict, dose_mg: float = 50.0,
                            hours_after_dose=(1, 4, 8, 24, 48, 72, 120, 168)) -> list[dict]:
    """Share of receptors blocked at given hours after one dose, for several parameter sets.

    Parameters
    ----------
    receptors : dict
        ``{column name: ReceptorStructure or structure name}``.
    dose_mg : float, default 50.0
        mg naltrexone HCl.
    hours_after_dose : sequence of float
        Times after the dose, h (simulated every 0.1 h up to the latest).

    Returns
    -------
    list of dict
        One per time: ``dose_mg``, ``hours_after_dose`` and ``share_blocked`` (``{column name: fraction}``).
    """
    span_h = float(max(hours_after_dose))
    runs = {name: simulate(Regimen.single(dose_mg), hours=span_h, step_h=0.1, receptor=receptor)
            for name, receptor in receptors.items()}
    return [{"dose_mg": dose_mg, "hours_after_dose": hours,
             "share_blocked": {name: value_at(res.t_h, res.mor_occupancy, hours) for name, res in runs.items()}}
            for hours in hours_after_dose]


def relative_blockade_table(curves: dict, hours_after_dose=None) -> list[dict]:
    """Blockade relative to 1 h after 50 mg at Lee's scan times, PET error and the highest relative blockade.

    Parameters
    ----------
    curves : dict
        ``{name: FitCurves}`` (:func:`ldnmodels.analyses.ensembles.fit_curves`, :func:`fit_curves_of`).
    hours_after_dose : sequence of float, optional
        Times after 50 mg, h; default Lee 1988's scans (48, 72, 120, 168 h).

    Returns
    -------
    list of dict
        One per curve: ``structure``, ``hours_after_dose``, ``relative_blockade`` (dimensionless, 1 at 1 h),
        ``pet_rms_points`` (PET values against the dose–occupancy curve, percentage points),
        ``highest_relative_blockade`` and ``hours_after_dose_of_highest``.
    """
    hours = data.lee_decline()[0] if hours_after_dose is None else np.asarray(hours_after_dose, dtype=float)
    pet_doses, pet_values = data.pet_occupancy()
    rows = []
    for name, curve in curves.items():
        at_pet = np.interp(pet_doses, curve.doses_mg, curve.pet_window)
        top = int(np.argmax(curve.relative_blockade))
        rows.append({"structure": name, "hours_after_dose": tuple(float(h) for h in hours),
                     "relative_blockade": tuple(float(v) for v in np.interp(hours, curve.t_h, curve.relative_blockade)),
                     "pet_rms_points": float(100 * np.sqrt(np.mean((at_pet - pet_values) ** 2))),
                     "highest_relative_blockade": float(curve.relative_blockade[top]),
                     "hours_after_dose_of_highest": float(curve.t_h[top])})
    return rows


class GroupChiSquare(NamedTuple):
    """One structure's χ² split by target group (pet, lee, onset, half_time, label)."""

    structure: str
    chi_square: dict   #: ``{group: sum of squared weighted residuals}``
    n_residuals: dict  #: ``{group: number of residuals}``


def chi_square_by_group(receptors: dict | None = None) -> list[GroupChiSquare]:
    """χ² of each structure by target group, at the shipped fits and targets.

    Parameters
    ----------
    receptors : dict, optional
        ``{name: ReceptorStructure}``; default every shipped structure.

    Returns
    -------
    list of GroupChiSquare
        Dimensionless (residuals in units of each target's tolerance); their totals are the comparison's χ².
    """
    receptors = receptor_structures() if receptors is None else receptors
    targets = fitting.default_targets()
    rows = []
    for name, receptor in receptors.items():
        groups = fitting.weighted_residuals(fitting.structure_predictions(PKParameters(), receptor), targets)
        rows.append(GroupChiSquare(name, {g: float(np.sum(r ** 2)) for g, r in groups.items()},
                                   {g: int(r.size) for g, r in groups.items()}))
    return rows


class AkaikeOdds(NamedTuple):
    """How strongly AICc prefers the best structure to the second best."""

    best: str
    second: str
    best_weight: float          #: Akaike weight (0–1)
    second_weight: float
    best_to_second: float       #: ratio of the two weights
    at_delta_aicc_10: float     #: the ratio a ΔAICc of 10 would give


def akaike_odds() -> AkaikeOdds:
    """Akaike weights of the two lowest-AICc structures in the shipped comparison, and their ratio.

    Returns
    -------
    AkaikeOdds
        Weights and their ratios (dimensionless).
    """
    best, second = sorted(comparison(), key=lambda r: r["aicc"])[:2]
    return AkaikeOdds(best["structure"], second["structure"], best["akaike_weight"], second["akaike_weight"],
                      best["akaike_weight"] / second["akaike_weight"], math.exp(10.0 / 2))


class NaltrexolEvidence(NamedTuple):
    """How much of 6β-naltrexol reaches brain receptors, from plasma, test-tube and in-vivo potency data."""

    potency: list  #: per study: ``study``, ``species``, ``measure``, ``fold_low``/``_high`` (or None), ``confidence``
    peak_ratio_50mg: float         #: label peak 6β-naltrexol / naltrexone after 50 mg
    half_life_ratio: float         #: label half-life 6β-naltrexol / naltrexone
    relative_affinity: float       #: 6β-naltrexol's test-tube affinity relative to naltrexone
    naltrexone_times_tighter: float  #: 1 / relative_affinity
    reference_fold: float          #: in-vivo potency gap used for the default (monkey pA2, Ko 2006)
    implied_brain_entry: float     #: 1 / relative_affinity / reference_fold
    implied_brain_entry_low: float   #: the same with the largest gap over the studies
    implied_brain_entry_high: float  #: with the smallest gap


def naltrexol_evidence() -> NaltrexolEvidence:
    """The brain entry of 6β-naltrexol implied by its in-vivo potency gap, if entry were the only other difference.

    Returns
    -------
    NaltrexolEvidence
        Ratios and entry fractions (dimensionless); "fold" = naltrexone more potent by this factor.
    """
    potency = [{"study": r["study"], "species": r["species"], "measure": r["measure"],
                "fold_low": float(r["fold_low"]) if r["fold_low"] else None,
                "fold_high": float(r["fold_high"]) if r["fold_high"] else None, "confidence": r["confidence"]}
               for r in data.naltrexol_central_potency()]
    label = data.label_pk_50mg()
    affinity = float(default_receptor().naltrexol_relative_affinity)
    folds = [v for row in potency for v in (row["fold_low"], row["fold_high"]) if v]
    reference = next(row["fold_low"] for row in potency if row["study"] == "ko_2006")
    return NaltrexolEvidence(potency, label["naltrexol_cmax"] / label["naltrexone_cmax"],
                             label["naltrexol_half_life"] / label["naltrexone_half_life"], affinity, 1 / affinity,
                             reference, 1 / affinity / reference, 1 / affinity / max(folds), 1 / affinity / min(folds))


def format_shipped_data(scatter: PetScatter) -> str:
    """The shipped data, the fits' tolerances and ``scatter`` (:func:`pet_scatter`) as the notebook's lines."""
    pet_doses, pet_values = data.pet_occupancy()
    lee_hours, lee_relative, lee_sem = data.lee_decline()
    label = data.label_pk_50mg()
    lines = [
        "PET within 8 h (Rabiner 2011): "
        + ", ".join(f"{d:g} mg {v:.0%}" for d, v in zip(pet_doses, pet_values, strict=True)),
        f"  {pet_values.size} scans at {len(scatter.doses_mg)} doses: "
        + ", ".join(f"{d:g} mg × {n}" for d, n in zip(scatter.doses_mg, scatter.scans_per_dose, strict=True)),
        "Lee 1988, relative to the 1 h scan: "
        + ", ".join(f"{h:g} h {r:.2f} ± {s:.2f}" for h, r, s in zip(lee_hours, lee_relative, lee_sem, strict=True)),
        f"  observed 168 h / 48 h: {lee_relative[-1] / lee_relative[0]:.2f}; half-time of blockade (abstract): "
        + "–".join(f"{h:g}" for h in data.blockade_half_time_range_h()) + " h",
        f"onset target: at least {fitting.ONSET_LEVEL:.0%} blocked {fitting.ONSET_TIME_H:g} h after 50 mg",
        f"label, 50 mg: peak naltrexone {label['naltrexone_cmax']:g} ng/mL, 6β-naltrexol {label['naltrexol_cmax']:g} "
        f"ng/mL; half-lives {label['naltrexone_half_life']:g} h and {label['naltrexol_half_life']:g} h; reaching the "
        f"blood as naltrexone {label['bioavailability_low']:.0%}–{label['bioavailability_high']:.0%}",
        f"1 ng/mL naltrexone = {ng_ml_to_nm(1.0, NALTREXONE_BASE_G_PER_MOL):.2f} nM "
        f"(molar mass {NALTREXONE_BASE_G_PER_MOL:g} g/mol)",
        f"PET scatter: pooled within-dose SD of {scatter.n_repeated_scans} scans at {scatter.n_repeated_doses} doses = "
        f"{scatter.pooled_sd_points:.1f} points ({scatter.degrees_of_freedom} degrees of freedom); the fits use "
        f"fitting.PET_SD_FRACTION = {fitting.PET_SD_FRACTION}",
        f"  {100 * scatter.coverage:.0f} % range of the true scatter: {scatter.true_sd_low_points:.0f}–"
        f"{scatter.true_sd_high_points:.0f} points",
        f"other tolerances: onset {100 * fitting.ONSET_SD:.0f} points (ONSET_SD); label peaks "
        f"{fitting.LABEL_CMAX_SD_FRACTION:.0%} (LABEL_CMAX_SD_FRACTION), label half-lives "
        f"{fitting.LABEL_HALF_LIFE_SD_FRACTION:.0%} (LABEL_HALF_LIFE_SD_FRACTION); Lee points: their SEMs"]
    lines += [f"{r['quantity']}: {r['value']} {r['unit']} ({r['confidence']}): {r['note']}"
              for r in data.receptor_kinetics()]
    return "\n".join(lines)


def format_plasma_decline(decline: PlasmaDecline) -> str:
    """:func:`plasma_after_50mg` as text: the reference peaks, then one line per time."""
    dose = f"{decline.reference_dose_mg:g} mg"
    lines = [f"peak after one {dose} dose: naltrexone {decline.reference_peak_naltrexone_ng_ml:.2f} ng/mL, "
             f"6β-naltrexol {decline.reference_peak_naltrexol_ng_ml:.1f} ng/mL; PET after {dose}: "
             + ", ".join(f"{v:.0%}" for v in decline.reference_pet_share_blocked),
             f"hours after 50 mg   naltrexone ng/mL (÷ {dose} peak)   6β-naltrexol ng/mL (÷ {dose} peak)"]
    lines += [f"{r['hours_after_dose']:17d}   {r['naltrexone_ng_ml']:16.2g} ({r['naltrexone_per_reference_peak']:8.2g})"
              f"   {r['naltrexol_ng_ml']:18.3g} ({r['naltrexol_per_reference_peak']:5.2f})" for r in decline.rows]
    return "\n".join(lines)


def format_blockade_after_one_dose(rows: list[dict]) -> str:
    """:func:`blockade_after_one_dose` as a table: one column per parameter set, one line per time."""
    names = list(rows[0]["share_blocked"])
    lines = [f"share blocked after one {rows[0]['dose_mg']:g} mg dose", "hours  " + "  ".join(names)]
    lines += [f"{r['hours_after_dose']:5d}  " + "  ".join(f"{r['share_blocked'][n]:.2f}".rjust(len(n)) for n in names)
              for r in rows]
    return "\n".join(lines)


def format_fit_table(rows: list[dict]) -> str:
    """:func:`relative_blockade_table` at Lee's times as a table, below the data's own line."""
    _, lee_relative, _ = data.lee_decline()
    hours = " / ".join(f"{h:g}" for h in rows[0]["hours_after_dose"])
    lines = [f"structure   PET RMS error   relative blockade at {hours} h   highest relative blockade (at h)",
             f"{'data':10}  {'':13}   " + " / ".join(f"{v:.2f}" for v in lee_relative)]
    lines += [f"{r['structure']:10}  {r['pet_rms_points']:6.0f} points   "
              + " / ".join(f"{v:.2f}" for v in r["relative_blockade"])
              + f"          {r['highest_relative_blockade']:.2f} (at {r['hours_after_dose_of_highest']:g} h)"
              for r in rows]
    return "\n".join(lines)


def format_comparison(odds: AkaikeOdds) -> str:
    """The shipped comparison, one line per structure (χ², p, ΔAICc, weight, onset, LDN), then ``odds``."""
    lines = [f"{r['structure']:10} χ² {r['chi_square']:5.1f} (n {r['n_data']:.0f}, {r['n_params']:.0f} parameters), "
             f"p {r['p_value']:.1g}, ΔAICc {r['delta_aicc']:5.1f}, Akaike weight {r['akaike_weight']:.2f}; "
             f"50 mg: {r['onset_3_h']:.1%} at 3 h, {r['at_4_h']:.1%} at 4 h; "
             f"daily 4.5 mg {r['ldn_trough']:.0%}–{r['ldn_peak']:.0%}" for r in comparison()]
    return "\n".join(lines + [f"{odds.best} against {odds.second}: weights {odds.best_weight:.2f} vs "
                               f"{odds.second_weight:.2f}, about {odds.best_to_second:.1f} to 1 (a ΔAICc of 10 would "
                               f"be {odds.at_delta_aicc_10:.0f} to 1)"])


def format_chi_square_by_group(rows: list[GroupChiSquare]) -> str:
    """:func:`chi_square_by_group` as one line per structure."""
    return "\n".join(["χ² by target group (number of residuals):"] + [
        f"  {r.structure:10} " + ", ".join(f"{g} {c:5.1f} ({r.n_residuals[g]})" for g, c in r.chi_square.items())
        for r in rows])


def format_naltrexol_evidence(evidence: NaltrexolEvidence) -> str:
    """:func:`naltrexol_evidence` as the notebook's lines: one per study, then the ratios and the implied entry."""
    e = evidence
    lines = []
    for row in e.potency:
        fold = "–".join(dict.fromkeys(f"{v:g}" for v in (row["fold_low"], row["fold_high"]) if v is not None))
        finding = f"{fold}-fold less potent than naltrexone: " if fold else ""
        lines.append(f"{row['study']:18} {row['species']:14} {finding}{row['measure']} ({row['confidence']})")
    lines += [f"label, 50 mg: 6β-naltrexol / naltrexone peak {e.peak_ratio_50mg:.1f}, half-life ratio "
              f"{e.half_life_ratio:.2f}",
              f"test tube: relative affinity {e.relative_affinity:g}, naltrexone {e.naltrexone_times_tighter:.2f} "
              f"times tighter; implied brain entry {e.naltrexone_times_tighter:.2f} / {e.reference_fold:g} = "
              f"{e.implied_brain_entry:.3f} (monkey pA2), {e.implied_brain_entry_low:.3f}–"
              f"{e.implied_brain_entry_high:.2f} over the rows"]
    return "\n".join(lines)
