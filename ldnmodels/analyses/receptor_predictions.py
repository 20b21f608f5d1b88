"""What the fitted receptor structures imply (notebook 02), as tables: the strains each puts on other measurements,
daily LDN as a band, how much of it is 6β-naltrexol (the decisive scans: :mod:`.receptor_scans`).

Plain data as in :mod:`.receptor_evidence` (units in the field names; ``share_blocked`` a fraction 0–1, ``_points``
percentage points); the ``format_*`` helpers give the notebook's text. A *separation* is a difference between two
structures' predictions in units of the combined uncertainty; picking the structure closer to a measurement picks the
wrong one with probability about Φ(−separation / 2)
(:func:`ldnmodels.analyses.receptor_scans.wrong_pick_probability`).
"""
from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

import numpy as np

from .. import data
from ..core.metrics import hours_above_per_day, peak, value_at
from ..core.validation import whole
from ..model.pharmacokinetics import PKParameters
from ..model.regimen import Regimen
from ..model.simulation import simulate
from ..model.structures import acceptable_structures, comparison, receptor_structures
from . import fitting
from .ensembles import Ensemble, ensemble
from .population import PopulationParameters, make_population

__all__ = ["StructureStrains", "structure_strains", "single_dose_peaks", "naltrexol_entry_sensitivity", "DailyBand",
           "daily_band", "PeopleBand", "between_people_band", "bioavailability_sensitivity", "format_strains",
           "format_entry_sensitivity",
           "format_daily_band", "format_people_band", "format_bioavailability"]


class StructureStrains(NamedTuple):
    """The numbers behind each structure's weak point."""

    binding_dissociation_half_life_h: float
    in_vitro_dissociation_half_life_min: float   #: naltrexone from mu receptors in a test tube (Cassel 2005; A)
    binding_times_slower_than_in_vitro: float
    binding_kon_per_nm_h: float
    binding_kon_per_molar_s: float
    tissue_return_half_life_h: float
    slowest_plasma_phase_h: str                  #: as quoted, a range such as "9-11"
    observed_ratio_168_48: float                 #: Lee 1988, blockade at 168 h / at 48 h
    by_structure: list  #: the comparison rows (``ratio_168_48``, ``pet_rms_points``, ``label_max_error_percent``, ...)


def structure_strains() -> StructureStrains:
    """Rates the binding and tissue structures need against measurements, and each structure's fit errors.

    Returns
    -------
    StructureStrains
        Half-lives in h (in vitro: min), binding rates per nM per h and per molar per second.
    """
    fitted = receptor_structures()
    kinetics = {row["quantity"]: row for row in data.receptor_kinetics()}
    binding_h = float(np.log(2) / fitted["binding"].koff_per_h)
    in_vitro_min = float(np.log(2) / float(kinetics["naltrexone_koff_in_vitro"]["value"]))
    kon = float(fitted["binding"].kon_per_nm_h)
    _, lee_relative, _ = data.lee_decline()
    return StructureStrains(binding_h, in_vitro_min, 60 * binding_h / in_vitro_min, kon, kon * 1e9 / 3600,
                            float(fitted["tissue"].tissue_half_life_h),
                            kinetics["naltrexone_slowest_plasma_phase"]["value"],
                            float(lee_relative[-1] / lee_relative[0]), comparison())


def single_dose_peaks(dose_mg: float = 4.5, hours: float = 48.0, step_h: float = 0.05) -> list[dict]:
    """When and how high blockade peaks after one dose, in every structure (point fits).

    Parameters
    ----------
    dose_mg : float, default 4.5
        mg naltrexone HCl.
    hours, step_h : float
        Simulated span and grid, h.

    Returns
    -------
    list of dict
        ``structure``, ``peak_share_blocked`` and ``hours_after_dose_of_peak``.
    """
    one_dose = ensemble(Regimen.single(dose_mg), hours=hours, step_h=step_h, structures="all", n_draws=0)
    rows = []
    for name, curve in one_dose.by_structure("mor_occupancy").items():
        top, at_h = peak(one_dose.t_h, curve)
        rows.append({"structure": name, "peak_share_blocked": top, "hours_after_dose_of_peak": at_h})
    return rows


def naltrexol_entry_sensitivity(entries=(0.0, None, 1.0), structures=None, dose_mg: float = 4.5, days: int = 14,
                                clock_h: float = 21.0) -> list[dict]:
    """Blockade on the last day of daily dosing, and the PET error, with 6β-naltrexol's brain entry changed.

    The other fitted numbers stay as they are (no refit).

    Parameters
    ----------
    entries : sequence of float or None
        Brain entry fractions (0–1); None stands for each structure's sourced value.
    structures : sequence of str, optional
        Default: the structures that fit acceptably.
    dose_mg, days, clock_h : float, int, float
        The daily regimen: mg naltrexone HCl, days (simulated every 0.1 h), clock time of the dose (h).

    Returns
    -------
    list of dict
        ``structure``, ``naltrexol_brain_entry_fraction``, ``day``, ``lowest_share_blocked``,
        ``highest_share_blocked``, ``mean_share_blocked`` (over the last 24 h) and ``pet_rms_points`` (points).
    """
    fitted = receptor_structures()
    _, pet_values = data.pet_occupancy()
    rows = []
    for name in acceptable_structures() if structures is None else structures:
        for entry in entries:
            entry = fitted[name].naltrexol_brain_entry_fraction if entry is None else entry
            changed = replace(fitted[name], naltrexol_brain_entry_fraction=entry)
            result = simulate(Regimen.daily(dose_mg, days=days, clock_h=clock_h), hours=days * 24.0, step_h=0.1,
                              receptor=changed)
            day = result.mor_occupancy[result.t_h > result.t_h[-1] - 24.0]
            pet_error = np.sqrt(np.mean((fitting.structure_predictions(PKParameters(), changed).pet - pet_values) ** 2))
            rows.append({"structure": name, "naltrexol_brain_entry_fraction": float(entry), "day": days,
                         "lowest_share_blocked": float(day.min()), "highest_share_blocked": float(day.max()),
                         "mean_share_blocked": float(day.mean()), "pet_rms_points": float(100 * pet_error)})
    return rows


class DailyBand(NamedTuple):
    """Blockade over the last 24 h of a regimen: the band over every member of an ensemble, and each point fit."""

    structures: tuple
    n_draws: int                    #: bootstrap draws per structure besides its point fit
    lowest_share_blocked: float     #: lowest over every member and time of the last 24 h
    highest_share_blocked: float    #: highest over every member and time of the last 24 h
    by_structure: list  #: point fits: ``structure``, ``lowest_``/``highest_``/``mean_share_blocked``, ``hours_above_*``


def daily_band(result_ensemble: Ensemble) -> DailyBand:
    """The last 24 h of a simulated regimen through an ensemble of structures.

    Parameters
    ----------
    result_ensemble : Ensemble
        E.g. ``ldn.ensemble(Regimen.daily(4.5, days=14), hours=14 * 24.0)``.

    Returns
    -------
    DailyBand
        Shares blocked (fractions), and hours per day above 50 % and 80 % on the last whole day.
    """
    t_h = result_ensemble.t_h
    last = t_h > t_h[-1] - 24.0
    low, high = result_ensemble.band("mor_occupancy")
    rows = [{"structure": name, "lowest_share_blocked": float(curve[last].min()),
             "highest_share_blocked": float(curve[last].max()), "mean_share_blocked": float(curve[last].mean()),
             "hours_above_50_percent": float(hours_above_per_day(t_h, curve, 0.5)[-1]),
             "hours_above_80_percent": float(hours_above_per_day(t_h, curve, 0.8)[-1])}
            for name, curve in result_ensemble.by_structure("mor_occupancy").items()]
    first = next(iter(result_ensemble.members.values()))
    return DailyBand(tuple(result_ensemble.members), np.atleast_2d(first.mor_occupancy).shape[0] - 1,
                     float(low[last].min()), float(high[last].max()), rows)


class PeopleBand(NamedTuple):
    """Blockade over virtual people who differ in how they handle the drug, through one structure's point fit."""

    structure: str
    n_people: int
    t_h: np.ndarray                 #: hours from midnight before day 1
    low: np.ndarray                 #: 5th percentile over people at each time (fraction blocked)
    median: np.ndarray              #: median over people at each time
    high: np.ndarray                #: 95th percentile over people at each time
    lowest_share_blocked: float     #: lowest of ``low`` over the last 24 h
    highest_share_blocked: float    #: highest of ``high`` over the last 24 h


def between_people_band(regimen: Regimen, hours: float, structure: str = "two_phase", n_people: int = 200,
                        seed: int = 0) -> PeopleBand:
    """The 90 % range of blockade between people, at each time, for one structure's point fit.

    Each virtual person has her own bioavailability, naltrexone clearance and receptor potency, drawn as the
    population draws them (:class:`ldnmodels.analyses.population.PopulationParameters`: lognormal spreads, the
    bioavailability capped at the label's 5–40 % range). 6β-naltrexol's brain entry is one unknown number for
    everyone, not a difference between people: :func:`naltrexol_entry_sensitivity` shows it.

    Parameters
    ----------
    regimen : Regimen
        The dosing regimen.
    hours : float
        Simulated time, h.
    structure : str, default "two_phase"
        A receptor structure's name (:func:`ldnmodels.model.structures.receptor_structures`).
    n_people : int, default 200
        Virtual people (1 to 10 000).
    seed : int, default 0
        Which people.

    Returns
    -------
    PeopleBand
        Percentiles over people at each time (fractions blocked), and the band's extremes over the last 24 h.
    """
    n_people = whole(n_people, "n_people", 1, 10_000)
    people = make_population(n_people, seed, PopulationParameters(), receptor_structures()[structure])
    result = simulate(regimen, hours=hours, pk=people.pk, receptor=people.receptor)
    occupancy = np.atleast_2d(result.mor_occupancy)
    low, median, high = np.quantile(occupancy, (0.05, 0.5, 0.95), axis=0)
    last = result.t_h > result.t_h[-1] - 24.0
    return PeopleBand(structure, int(n_people), result.t_h, low, median, high, float(low[last].min()),
                      float(high[last].max()))


def format_people_band(band: PeopleBand, regimen: str) -> str:
    """:func:`between_people_band` as one line of text.

    Parameters
    ----------
    band : PeopleBand
        From :func:`between_people_band`.
    regimen : str
        The regimen in words, opening the line (e.g. ``"4.5 mg daily at 21:00, day 14"``).

    Returns
    -------
    str
        The band's lowest and highest share blocked over the last 24 h, in %.
    """
    return (f"{regimen}, between people ({band.structure}, 90 % of {band.n_people} virtual people differing in "
            f"bioavailability, clearance and receptor potency): {band.lowest_share_blocked:.0%}–"
            f"{band.highest_share_blocked:.0%}")


def bioavailability_sensitivity(fractions=None, dose_mg: float = 5.0, scan_hours=(1.0, 8.0),
                                daily_dose_mg: float = 4.5, days: int = 14, clock_h: float = 21.0) -> list[dict]:
    """Blockade after one dose and during daily dosing when a different share of a tablet reaches the blood.

    Parameters
    ----------
    fractions : sequence of float, optional
        Bioavailability fractions (0–1); default the label's lowest, the fitted default and the label's highest.
    dose_mg : float, default 5.0
        The single dose, mg naltrexone HCl, read at ``scan_hours`` (h after it).
    daily_dose_mg, days, clock_h : float, int, float
        The daily regimen (mg, days, clock time h), read over its last 24 h.

    Returns
    -------
    list of dict
        Per fraction and structure that fits (point fits): ``bioavailability_fraction``, ``structure``, ``dose_mg``,
        ``hours_after_dose``, ``share_blocked`` (at those hours), ``daily_dose_mg``, ``day``,
        ``daily_lowest_share_blocked`` and ``daily_highest_share_blocked``.
    """
    if fractions is None:
        label = data.label_pk_50mg()
        fractions = (label["bioavailability_low"], PKParameters().bioavailability_fraction,
                     label["bioavailability_high"])
    rows = []
    for fraction in fractions:
        pk = replace(PKParameters(), bioavailability_fraction=fraction)
        one = ensemble(Regimen.single(dose_mg), hours=24.0, step_h=0.1, n_draws=0, pk=pk)
        steady = ensemble(Regimen.daily(daily_dose_mg, days=days, clock_h=clock_h), hours=days * 24.0, n_draws=0,
                          pk=pk)
        last = steady.t_h > steady.t_h[-1] - 24.0
        daily = steady.by_structure("mor_occupancy")
        for name, course in one.by_structure("mor_occupancy").items():
            rows.append({"bioavailability_fraction": fraction, "structure": name, "dose_mg": dose_mg,
                         "hours_after_dose": tuple(scan_hours),
                         "share_blocked": tuple(value_at(one.t_h, course, h) for h in scan_hours),
                         "daily_dose_mg": daily_dose_mg, "day": days,
                         "daily_lowest_share_blocked": float(daily[name][last].min()),
                         "daily_highest_share_blocked": float(daily[name][last].max())})
    return rows


def format_strains(strains: StructureStrains) -> str:
    """:func:`structure_strains` as the notebook's lines."""
    s = strains
    lines = [f"binding: needs a dissociation half-life of {s.binding_dissociation_half_life_h:.0f} h; in vitro about "
             f"{s.in_vitro_dissociation_half_life_min:.0f} min, {s.binding_times_slower_than_in_vitro:.2g} times "
             "faster",
             f"binding: kon {s.binding_kon_per_nm_h:.3f} per nM per hour = {s.binding_kon_per_molar_s:.2g} per molar "
             "per second",
             f"tissue: needs a return half-life of {s.tissue_return_half_life_h:.0f} h; slowest plasma phase measured "
             f"{s.slowest_plasma_phase_h} h",
             f"shape of the fading, 168 h / 48 h (observed {s.observed_ratio_168_48:.2f}):"]
    lines += [f"  {r['structure']:10} {r['ratio_168_48']:.2f}; PET RMS error {r['pet_rms_points']:.0f} points; "
              f"label plasma error up to {r['label_max_error_percent']:.0f} %" for r in s.by_structure]
    return "\n".join(lines)


def format_entry_sensitivity(rows: list[dict]) -> str:
    """:func:`naltrexol_entry_sensitivity` as one line per structure and entry."""
    return "\n".join(
        f"{r['structure']:10} 6β-naltrexol entry {r['naltrexol_brain_entry_fraction']:4.2f}: day {r['day']} "
        f"{r['lowest_share_blocked']:.0%}–{r['highest_share_blocked']:.0%} (mean {r['mean_share_blocked']:.0%}); "
        f"PET RMS error with the same fitted numbers {r['pet_rms_points']:.0f} points" for r in rows)


def format_daily_band(band: DailyBand, regimen: str) -> str:
    """:func:`daily_band` as text: the band (``regimen`` names the regimen), then each point fit.

    Parameters
    ----------
    band, regimen : DailyBand, str
        From :func:`daily_band`; the regimen in words, opening the text (e.g. ``"4.5 mg daily at 21:00, day 14"``).

    Returns
    -------
    str
        Shares blocked in %, hours a day above 50 % and 80 % blocked in h.
    """
    lines = [f"{regimen}, band of {' and '.join(band.structures)} (point fit + {band.n_draws} draws each): "
             f"{band.lowest_share_blocked:.0%}–{band.highest_share_blocked:.0%}"]
    lines += [f"  {r['structure']:10} {r['lowest_share_blocked']:.0%}–{r['highest_share_blocked']:.0%} "
              f"(mean {r['mean_share_blocked']:.0%}); hours a day above 50 %: {r['hours_above_50_percent']:.0f}, "
              f"above 80 %: {r['hours_above_80_percent']:.0f}" for r in band.by_structure]
    return "\n".join(lines)


def format_bioavailability(rows: list[dict]) -> str:
    """:func:`bioavailability_sensitivity` as one line per fraction."""
    r = rows[0]
    first, second = r["hours_after_dose"]
    lines = [f"share reaching the blood as naltrexone: one {r['dose_mg']:g} mg dose, {first:g} h → {second:g} h; "
             f"daily {r['daily_dose_mg']:g} mg, day {r['day']} lowest–highest"]
    for fraction in dict.fromkeys(row["bioavailability_fraction"] for row in rows):
        lines.append(f"  {fraction:4.0%}   " + ";  ".join(
            f"{x['structure']} {x['share_blocked'][0]:.0%} → {x['share_blocked'][1]:.0%}, daily "
            f"{x['daily_lowest_share_blocked']:.0%}–{x['daily_highest_share_blocked']:.0%}"
            for x in rows if x["bioavailability_fraction"] == fraction))
    return "\n".join(lines)
