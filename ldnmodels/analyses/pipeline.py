"""The pipeline that writes the fitted and calibrated defaults (``ldnmodels/data/fitted_defaults.csv``).

Every fitted or calibrated default of a parameter class is read from that file
(:func:`ldnmodels.core.sources.fitted`, :func:`~ldnmodels.core.sources.calibrated`); nothing here or there is typed by
hand. Two steps write it, each only its own rows (:func:`ldnmodels.data.write_fitted_defaults`):

``fit`` (``python scripts/fit_parameters.py``, ``make fit``; seconds, plus the bootstrap)
    :func:`fit_defaults` takes the sourced inputs (the PK fields that are not fitted: clearance, half-lives, absorbed
    fraction ...), fits the PK to the label, every receptor structure on that PK, and the side-effect drives on the
    default structure; :func:`fitted_default_rows` formats the result. Change one sourced PK value and rerun: every
    dependent default moves, with no other edit (:func:`rerun_fit` does both and writes).
``calibration`` (``python scripts/calibrate_population.py``, ``make calibrate``; about 10 minutes)
    :func:`calibrated_default_rows` takes the most likely allowed point of the calibration grid
    (:func:`ldnmodels.analyses.calibration.best_values`). It simulates with the fitted defaults: run it after the
    fit.
"""
from __future__ import annotations

import datetime
from pathlib import Path
from typing import NamedTuple

from .. import data
from ..model.pharmacokinetics import PKParameters
from ..model.structures import DEFAULT_STRUCTURE, receptor_structures, structure_name
from . import calibration
from .fitting import STARTS, Targets, fit_structure
from .fitting_pk import fit_pk
from .fitting_side_effects import fit_side_effects
from .side_effects import SideEffectParameters

__all__ = ["FIT_DIGITS", "FIT_SCRIPT", "CALIBRATION_SCRIPT", "CALIBRATED_OWNERS", "FittedDefaults", "fit_defaults",
           "fitted_default_rows", "rerun_fit", "calibrated_default_rows"]

#: Significant digits of the fitted values written to the file.
FIT_DIGITS = 4
#: The scripts that run each step (named in the rows' ``produced_by``).
FIT_SCRIPT, CALIBRATION_SCRIPT = "scripts/fit_parameters.py", "scripts/calibrate_population.py"
#: The parameter class whose default each calibrated grid parameter is (``PopulationParameters`` reads the other two).
CALIBRATED_OWNERS = {"responder_fraction": "PopulationParameters", "tlr4_ic50_um": "InflammationParameters",
                     "responder_drive_ratio": "PopulationParameters", "opioid_weight": "SymptomParameters",
                     "placebo_mean_nrs": "PopulationParameters", "placebo_time_constant_h": "PopulationParameters"}
#: The fields of ``PKParameters`` and ``SideEffectParameters`` the fit sets.
_PK_FIELDS = ("ka_per_h", "bioavailability_fraction", "naltrexol_v_l")
_SIDE_EFFECT_FIELDS = ("vivid_dreams_per_night_blockade", "headache_per_daily_rise")


class FittedDefaults(NamedTuple):
    """Everything the fit produces from one set of sourced inputs (:func:`fit_defaults`)."""

    pk: PKParameters                       #: the PK inputs with the three label-fitted fields
    fits: dict                             #: ``{structure name: StructureFit}`` on that PK
    side_effects: SideEffectParameters     #: drives fitted on the default structure


def fit_defaults(pk_inputs: PKParameters | None = None, structures=None, targets: Targets | None = None,
                 starts=STARTS) -> FittedDefaults:
    """The whole fit from the sourced inputs: PK, then every receptor structure, then the side-effect drives.

    Parameters
    ----------
    pk_inputs : PKParameters, optional
        The sourced PK inputs (``naltrexone_cl_l_per_h`` in L/h, half-lives in h, ``absorbed_fraction`` ...); its
        fitted fields are only starting values. Default ``PKParameters()``.
    structures : sequence of parameter sets, optional
        Starting values of each receptor structure; default the shipped ones. Must include the default structure
        (:data:`~ldnmodels.model.structures.DEFAULT_STRUCTURE`), on which the side effects are fitted.
    targets : Targets, optional
        Default :func:`~ldnmodels.analyses.fitting.default_targets`.
    starts : sequence of float
        As for :func:`~ldnmodels.analyses.fitting.fit_structure`; ``(1.0,)`` starts once from the given values (fast).

    Returns
    -------
    FittedDefaults
    """
    pk = fit_pk(pk_inputs)
    structures = receptor_structures().values() if structures is None else structures
    fits = {structure_name(start): fit_structure(start, pk, targets, starts) for start in structures}
    return FittedDefaults(pk, fits, fit_side_effects(pk, fits[DEFAULT_STRUCTURE].receptor))


def fitted_default_rows(result: FittedDefaults, date: str | None = None) -> list[dict[str, str]]:
    """The ``fit`` rows of the file of fitted defaults.

    Parameters
    ----------
    result : FittedDefaults
        From :func:`fit_defaults`.
    date : str, optional
        ISO date of the run; default today.

    Returns
    -------
    list of dict
        One row per fitted field (columns :data:`ldnmodels.data.FITTED_DEFAULT_COLUMNS`): the three fitted fields of
        ``PKParameters``, every structure's ``fitted_fields``, two of ``SideEffectParameters``; values in the
        fields' own units to :data:`FIT_DIGITS` significant digits.
    """
    date = datetime.date.today().isoformat() if date is None else date

    def row(params, field, source, produced_by):
        return {"owner": type(params).__name__, "field": field,
                "value": f"{float(getattr(params, field)):.{FIT_DIGITS}g}", "source": source, "step": "fit",
                "produced_by": f"{FIT_SCRIPT}: {produced_by}", "date": date}

    rows = [row(result.pk, field, "fit_pk", "fitting_pk.fit_pk") for field in _PK_FIELDS]
    for name, fit in result.fits.items():
        rows += [row(fit.receptor, field, "fit_receptor", f"fitting.fit_structure ({name})")
                 for field in type(fit.receptor).fitted_fields]
    rows += [row(result.side_effects, field, "fit_side_effects", "fitting_side_effects.fit_side_effects")
             for field in _SIDE_EFFECT_FIELDS]
    return rows


def rerun_fit(pk_inputs: PKParameters | None = None, path: str | Path | None = None, starts=STARTS,
              date: str | None = None) -> list[dict[str, str]]:
    """Run the fit (:func:`fit_defaults`) and replace the ``fit`` rows of the file (calibration rows kept).

    Parameters
    ----------
    pk_inputs : PKParameters, optional
        The sourced PK inputs; default ``PKParameters()``.
    path : str or Path, optional
        The file to rewrite; default the shipped ``ldnmodels/data/fitted_defaults.csv``.
    starts : sequence of float
        As for :func:`fit_defaults`.
    date : str, optional
        ISO date written; default today.

    Returns
    -------
    list of dict
        The rows written.
    """
    rows = fitted_default_rows(fit_defaults(pk_inputs, starts=starts), date)
    data.write_fitted_defaults(rows, "fit", path)
    return rows


def calibrated_default_rows(table: list[dict[str, float]] | None = None, date: str | None = None) -> list[dict]:
    """The ``calibration`` rows of the file: the most likely allowed grid point, one row per calibrated parameter.

    Parameters
    ----------
    table : list of dict, optional
        Calibration grid rows (as :func:`ldnmodels.analyses.calibration.evaluate_mechanism` returns them); default the
        shipped ``population_calibration.csv``.
    date : str, optional
        ISO date of the run; default today.

    Returns
    -------
    list of dict
        Columns :data:`ldnmodels.data.FITTED_DEFAULT_COLUMNS`; values are grid values (``:g``), in the units of
        :data:`ldnmodels.analyses.calibration.GRID`.
    """
    date = datetime.date.today().isoformat() if date is None else date
    return [{"owner": CALIBRATED_OWNERS[name], "field": name, "value": f"{value:g}", "source": "calibrated_trials",
             "step": "calibration", "produced_by": f"{CALIBRATION_SCRIPT}: calibration.best_values", "date": date}
            for name, value in calibration.best_values(table).items()]
