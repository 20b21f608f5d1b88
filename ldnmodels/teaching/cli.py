"""Command line: ``python -m ldnmodels simulate ...`` writes a CSV (and optionally a PNG).

For educators who want the data or a slide without opening Jupyter. Educational, not
medical advice.
"""
from __future__ import annotations

import argparse
import dataclasses
import math
import os
import sys
import tempfile
from pathlib import Path

import numpy as np

from ..analyses.side_effects import side_effects
from ..analyses.titration import TitrationPlan, titrate_with_hold
from ..core.outputs import OUTPUTS
from ..core.version import __version__
from ..model.endorphin import ReboundParameters
from ..model.inflammation import InflammationParameters
from ..model.opioids import OpioidCoMedication
from ..model.pharmacokinetics import PKParameters
from ..model.receptor import ReceptorStructure
from ..model.regimen import Regimen
from ..model.simulation import SimulationResult, simulate
from ..model.structures import DEFAULT_STRUCTURE, STRUCTURES, structure_name, structure_named
from ..model.symptoms import SymptomParameters
from . import plotting

__all__ = ["main", "build_parser", "write_csv"]

_COLUMNS = ("t_h", "clock_h") + tuple(row.name for row in OUTPUTS if row.in_csv)
_PARAMETER_SETS = (PKParameters, ReboundParameters, InflammationParameters, SymptomParameters)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for tests and documentation)."""
    parser = argparse.ArgumentParser(
        prog="python -m ldnmodels",
        description="ldnmodels: teaching models of low-dose naltrexone. Educational, not medical advice.")
    parser.add_argument("--version", action="version", version=f"ldnmodels {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sim = commands.add_parser(
        "simulate", help="simulate a regimen and write a CSV (and optionally a PNG)",
        description="Simulate plasma naltrexone, 6β-naltrexol, brain mu-receptor blockade, the proposed "
                    "mechanisms (endorphin rebound, microglia/TLR4) and a conceptual pain score for a regimen, "
                    "and write them as CSV (columns named with units; parameters and regimen in '#' header lines).",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    sim.add_argument("--regimen", choices=("single", "daily", "titration", "plan"), default="daily",
                     help="single: one dose at --clock-h on day 1; daily: --dose-mg every day; "
                          "titration: --steps-mg, each for --days-per-step days, the last held; "
                          "plan: a titration plan (--plan), optionally with a hold rule (--hold-index)")
    sim.add_argument("--plan", choices=("default", "slow", "fast"), default="default",
                     help="titration plan: default 1.5/3/4.5 mg weekly; slow 0.75 mg steps weekly; "
                          "fast 1.5 mg steps every 3 days")
    sim.add_argument("--hold-index", choices=("vivid_dreams", "headache"), default=None,
                     help="plan: hold the dose for another step while this side-effect index is above "
                          "--hold-threshold")
    sim.add_argument("--hold-threshold", type=_number(0.0, 1.0, "", low_inclusive=True), default=0.3,
                     help="plan with --hold-index: threshold in [0, 1]")
    sim.add_argument("--dose-mg", type=_number(0.0, 1000.0, "mg"), default=4.5,
                     help="dose of naltrexone HCl, mg, in (0, 1000] (single and daily)")
    sim.add_argument("--steps-mg", type=_number(0.0, 1000.0, "mg"), nargs="+", default=[1.5, 3.0, 4.5],
                     help="titration steps, mg naltrexone HCl")
    sim.add_argument("--days-per-step", type=_whole(1, 3650), default=7, help="titration: days on each step, >= 1")
    sim.add_argument("--days", type=_whole(1, 3650), default=28, help="days of dosing, 1 to 3650")
    sim.add_argument("--clock-h", type=_number(0.0, 24.0, "h", low_inclusive=True, high_inclusive=False), default=21.0,
                     help="clock time of each dose, hours in [0, 24)")
    sim.add_argument("--hours", type=_number(0.0, 87600.0, "h"), default=None,
                     help="hours to simulate, > 0 (default: --days x 24, or 168 for a single dose)")
    sim.add_argument("--step-h", type=_number(0.0, 87600.0, "h"), default=0.1, help="output time step, hours, > 0")
    sim.add_argument("--missed-fraction", type=_number(0.0, 1.0, "", low_inclusive=True), default=0.0,
                     help="miss each dose at random with this probability, in [0, 1] (seeded by --seed)")
    sim.add_argument("--content-variation", type=_number(0.0, 1.0, "", low_inclusive=True, high_inclusive=False),
                     default=0.0, help="compounded capsules: content uniform within ± this fraction, in [0, 1)")
    sim.add_argument("--liquid-mg-per-ml", type=_number(0.0, 100.0, "mg/mL"), default=None,
                     help="liquid LDN of this strength, measured by volume with error --volume-error-ml")
    sim.add_argument("--volume-error-ml", type=_number(0.0, 100.0, "mL", low_inclusive=True), default=0.1,
                     help="liquid LDN: half-width of the measuring error, mL")
    sim.add_argument("--seed", type=_whole(0, 2**31 - 1), default=0, help="random seed for missed doses and dose "
                     "variation")
    sim.add_argument("--opioid", choices=("morphine", "oxycodone"), default=None,
                     help="an opioid painkiller taken throughout, competing for mu receptors")
    sim.add_argument("--opioid-ng-ml", type=_number(0.0, 1e5, "ng/mL"), default=None,
                     help="its steady plasma level, ng/mL (default: 20 morphine, 30 oxycodone; illustrative)")
    sim.add_argument("--liver-exposure", type=_number(1.0, 20.0, "", low_inclusive=True), default=1.0,
                     help="liver function as naltrexone exposure relative to normal, in [1, 20] (5-10 in cirrhosis)")
    sim.add_argument("--receptor", choices=[cls.name for cls in STRUCTURES], default=DEFAULT_STRUCTURE,
                     help="receptor structure (each fitted to the same PET and blockade data; see notebook 02)")
    sim.add_argument("--set", metavar="NAME=VALUE", action="append", default=[],
                     help="change a model parameter, e.g. --set ka_per_h=3 --set release_gain=2 "
                          "(names: " + ", ".join(_parameter_names()) + ")")
    sim.add_argument("--out", type=Path, required=True, help="CSV file to write (- for standard output)")
    sim.add_argument("--png", type=Path, default=None, help="also write a figure (plasma and blockade) here")
    trial = commands.add_parser(
        "trial", help="simulate a clinical trial of LDN on virtual patients and write its results (CSV, PNG)",
        description="Run a parallel or crossover trial of LDN on the virtual population (a teaching model: the "
                    "population's responder trait is an assumption) and write one row per replicate trial.",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    trial.add_argument("--design", choices=("parallel", "crossover"), default="parallel", help="trial design")
    trial.add_argument("--n-per-arm", type=_whole(2, 100_000), default=50,
                       help="patients per arm (parallel) or in all (crossover), >= 2")
    trial.add_argument("--dose-mg", type=_number(0.0, 1000.0, "mg"), default=4.5, help="daily dose at 21:00")
    trial.add_argument("--titration-mg", type=_number(0.0, 1000.0, "mg"), nargs="*", default=[],
                       help="weekly steps before the full dose, e.g. 1.5 3 4.5")
    trial.add_argument("--weeks", type=_whole(1, 52), default=12, help="treatment weeks (per period in a crossover)")
    trial.add_argument("--washout-weeks", type=_whole(0, 52), default=0, help="crossover: weeks between periods")
    trial.add_argument("--dropout", type=_number(0.0, 1.0, "", low_inclusive=True, high_inclusive=False), default=0.1,
                       help="share of patients lost at random, in [0, 1)")
    trial.add_argument("--enrichment-quantile", type=_number(0.0, 1.0, "", low_inclusive=True, high_inclusive=False),
                       default=0.0, help="enrol only patients whose inflammation marker is above this quantile")
    trial.add_argument("--replicates", type=_whole(1, 10_000), default=100, help="number of replicate trials")
    trial.add_argument("--seed", type=_whole(0, 2**31 - 1), default=0, help="random seed")
    trial.add_argument("--out", type=Path, required=True,
                       help="CSV file to write, one row per replicate (- for standard output)")
    trial.add_argument("--png", type=Path, default=None, help="also write a histogram of the replicate results")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status (errors exit 2 with a message naming the argument)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    _check_output(parser, args.out, "--out", allow_stdout=True)
    _check_output(parser, args.png, "--png")
    if args.command == "trial":
        return _trial_command(parser, args)
    if args.hold_index is not None and args.regimen != "plan":
        parser.error("--hold-index needs --regimen plan (a hold rule applies to a titration plan)")
    if args.opioid_ng_ml is not None and args.opioid is None:
        parser.error("--opioid-ng-ml needs --opioid (which opioid the level is of)")
    try:
        pk, receptor, rebound, inflammation, symptoms = _parameters(args.set, args.receptor)
        if args.liver_exposure != 1.0:
            pk = dataclasses.replace(pk, hepatic_exposure_factor=args.liver_exposure)
        regimen = _regimen(args, pk, receptor)
        hours = args.hours if args.hours is not None else (168.0 if args.regimen == "single" else 24.0 * args.days)
        result = simulate(regimen, hours=hours, step_h=args.step_h, pk=pk, receptor=receptor, rebound=rebound,
                          inflammation=inflammation, symptoms=symptoms, opioid=_opioid(args))
    except ValueError as error:
        parser.error(str(error))
    if args.png is not None:                  # the figure first: a failing PNG leaves no CSV behind
        _write_figure(args.png, plotting.summary_figure(result)[0])
    write_csv(args.out, result, opioid_name=args.opioid)
    if str(args.out) != "-":
        print(f"wrote {args.out} ({result.t_h.size} rows)")
    if args.png is not None:
        print(f"wrote {args.png}", file=sys.stderr if str(args.out) == "-" else sys.stdout)
    return 0


def write_csv(path: Path, result: SimulationResult, opioid_name: str | None = None) -> None:
    """Write a result as CSV: the column names, then the regimen and every parameter (with its source) in ``#``
    lines, then the numbers.

    Parameters
    ----------
    path : pathlib.Path
        The file to write (atomically; missing folders are made), or ``-`` for standard output.
    result : SimulationResult
        The run to write: one row per time point, columns ``t_h``, ``clock_h`` and every output marked for CSV in
        :data:`ldnmodels.core.outputs.OUTPUTS`, each named with its unit; numbers with 6 significant digits.
    opioid_name : str, optional
        The name of the co-medication preset, if any (e.g. ``"morphine"``), written in the header; a result with
        an opioid but no name is written as "custom opioid".
    """
    header = [f"ldnmodels {__version__} simulation. Educational, not medical advice.",
              f"regimen: {result.regimen.describe()}",
              "regimen times_h: " + " ".join(f"{t:g}" for t in result.regimen.times_h),
              "regimen doses_mg (naltrexone HCl): " + " ".join(f"{d:.4g}" for d in result.regimen.doses_mg)]
    if result.opioid is not None:
        header.append(f"opioid co-medication: {opioid_name or 'custom opioid'} at {result.opioid.plasma_ng_ml:g} ng/mL "
                      f"in plasma (mu Ki {result.opioid.ki_nm:g} nM)")
    try:
        effects = side_effects(result)
        header.append(f"side effects (conceptual): vivid dreams {effects.vivid_dreams:.0%}, headache/nausea "
                      f"{effects.headache:.0%}, initial flare index {effects.flare:.2f}; hours of blockade "
                      f"above 50 % per night: " + " ".join(f"{h:g}" for h in effects.night_blockade_hours))
    except ValueError:
        header.append("side effects: not computed (step_h must divide 24 h)")
    header.append(f"receptor structure: {structure_name(result.receptor)} ({type(result.receptor).description})")
    sets = (result.pk, result.receptor, result.rebound, result.inflammation, result.symptoms, result.opioid)
    for params in (p for p in sets if p is not None):
        for f in dataclasses.fields(params):
            header.append(f"{type(params).__name__}.{f.name} = {getattr(params, f.name):.6g} "
                          f"(source: {f.metadata['source']})")
    columns = np.column_stack([result.clock_h if name == "clock_h" else getattr(result, name) for name in _COLUMNS])
    _save_table(path, columns, header, _COLUMNS)


def _save_table(path: Path, table: np.ndarray, header: list[str], columns) -> None:
    """CSV: the column names on the first line (no ``#``, so ``pandas.read_csv(path, comment="#")`` and
    ``np.genfromtxt(path, delimiter=",", names=True)`` both name the columns), then ``#`` header lines, then the
    numbers; ``-`` writes to standard output; files atomically."""
    def write(stream):
        stream.write((",".join(columns) + "\n").encode("utf-8"))
        np.savetxt(stream, table, delimiter=",", fmt="%.6g", header="\n".join(header), comments="# ",
                   encoding="utf-8")
    if str(path) == "-":
        try:
            write(sys.stdout.buffer)
            sys.stdout.flush()
        except BrokenPipeError:           # e.g. piped into `head`: the reader has what it wanted
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    _atomic_write(path, write)


def _write_figure(path: Path, fig) -> None:
    """Write a figure as PNG, atomically (:func:`_atomic_write`)."""
    png = plotting.figure_png(fig)
    _atomic_write(path, lambda stream: stream.write(png))


def _number(low: float, high: float, unit: str, low_inclusive: bool = False, high_inclusive: bool = True):
    """An argparse type: a finite number in the given range (the message names the range)."""
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"needs a number, got {text!r}") from None
        above = value >= low if low_inclusive else value > low
        below = value <= high if high_inclusive else value < high
        if not (math.isfinite(value) and above and below):
            left, right = ("[" if low_inclusive else "("), ("]" if high_inclusive else ")")
            raise argparse.ArgumentTypeError(f"must be in {left}{low:g}, {high:g}{right}{' ' + unit if unit else ''}, "
                                             f"got {text}")
        return value
    return parse


def _whole(low: int, high: int):
    """An argparse type: a whole number from ``low`` to ``high``."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"needs a whole number, got {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be a whole number from {low} to {high}, got {text}")
        return value
    return parse


def _regimen(args, pk: PKParameters, receptor: ReceptorStructure) -> Regimen:
    if args.regimen == "single":
        regimen = Regimen.single(args.dose_mg, at_h=args.clock_h)
    elif args.regimen == "daily":
        regimen = Regimen.daily(args.dose_mg, days=args.days, clock_h=args.clock_h)
    elif args.regimen == "titration":
        regimen = Regimen.titration(args.steps_mg, days_per_step=args.days_per_step, total_days=args.days,
                                    clock_h=args.clock_h)
    else:
        plan = getattr(TitrationPlan, args.plan)(clock_h=args.clock_h)
        if args.hold_index is None:
            regimen = plan.regimen(args.days)
        else:
            regimen = titrate_with_hold(plan, args.days, args.hold_index, args.hold_threshold, pk=pk,
                                        receptor=receptor, step_h=args.step_h).regimen
    if args.missed_fraction:
        regimen = regimen.with_missed_doses(args.missed_fraction, seed=args.seed)
    if args.content_variation:
        regimen = regimen.with_content_variation(args.content_variation, seed=args.seed)
    if args.liquid_mg_per_ml is not None:
        regimen = regimen.as_liquid(args.liquid_mg_per_ml, args.volume_error_ml, seed=args.seed)
    return regimen


def _opioid(args) -> OpioidCoMedication | None:
    if args.opioid is None:
        return None
    preset = getattr(OpioidCoMedication, args.opioid)
    return preset() if args.opioid_ng_ml is None else preset(plasma_ng_ml=args.opioid_ng_ml)


def _parameter_names(receptor: str | None = None) -> list[str]:
    """Names ``--set`` accepts: every parameter set's fields, the receptor structure's (or all structures')."""
    receptors = STRUCTURES if receptor is None else [type(structure_named(receptor))]
    names = [f.name for cls in (*_PARAMETER_SETS, *receptors) for f in dataclasses.fields(cls)]
    return list(dict.fromkeys(names))


def _parameters(settings: list[str], receptor: str = DEFAULT_STRUCTURE) -> tuple:
    """PK, receptor (the named structure), rebound, inflammation and symptom parameters with ``--set`` changes."""
    defaults = [PKParameters(), structure_named(receptor), ReboundParameters(), InflammationParameters(),
                SymptomParameters()]
    changes: list[dict[str, float]] = [{} for _ in defaults]
    for setting in settings:
        name, sep, text = setting.partition("=")
        owner = next((i for i, params in enumerate(defaults) if name in {f.name for f in dataclasses.fields(params)}),
                     None)
        if not sep or owner is None:
            raise ValueError(f"--set takes NAME=VALUE with NAME one of {', '.join(_parameter_names(receptor))}; "
                             f"got {setting!r}")
        try:
            changes[owner][name] = float(text)
        except ValueError:
            raise ValueError(f"--set {name} needs a number, got {text!r}") from None
    return tuple(dataclasses.replace(params, **change) for params, change in zip(defaults, changes, strict=True))


def _trial_command(parser: argparse.ArgumentParser, args) -> int:
    from ..analyses.trial_power import share_significant
    from ..analyses.trials import TrialDesign, patients_needed, prepare_pool, run_trials

    try:
        design = TrialDesign(design=args.design, n_per_arm=args.n_per_arm, dose_mg=args.dose_mg,
                             titration_steps_mg=tuple(args.titration_mg), weeks=args.weeks,
                             washout_weeks=args.washout_weeks, dropout_fraction=args.dropout,
                             enrichment_quantile=args.enrichment_quantile)
        need = patients_needed(design)
        pool = prepare_pool(design, pool_size=max(1000, int(need / (1 - design.enrichment_quantile) * 2)),
                            seed=args.seed)
        results = run_trials(design, args.replicates, seed=args.seed, pool=pool,
                             progress=args.replicates >= 50 and sys.stderr.isatty())
    except ValueError as error:
        parser.error(str(error))
    header = [f"ldnmodels {__version__} simulated trial (teaching model; the virtual population is an assumption). "
              "Educational, not medical advice.",
              f"design: {design}",
              "difference = drug minus placebo change in pain, points (negative favours the drug)"]
    columns = ("replicate", "difference_nrs", "ci_low_nrs", "ci_high_nrs", "p_value", "smd", "percent_drug",
               "percent_placebo", "responders_drug_fraction", "responders_placebo_fraction", "n_analysed")
    table = np.array([[k, r.estimate.difference, r.estimate.ci_low, r.estimate.ci_high, r.estimate.p_value, r.smd,
                       r.percent_drug, r.percent_placebo, r.responders_drug, r.responders_placebo, r.n_analysed]
                      for k, r in enumerate(results)])
    if args.png is not None:
        _write_figure(args.png, plotting.replicates_figure(table[:, 1], table[:, 4])[0])
    _save_table(args.out, table, header, columns)
    power = share_significant(results)
    report = sys.stderr if str(args.out) == "-" else sys.stdout
    print(f"wrote {args.out} ({len(results)} replicate trials; median difference "
          f"{np.median(table[:, 1]):+.2f} points; power {power:.0%})", file=report)
    if args.png is not None:
        print(f"wrote {args.png}", file=report)
    return 0


def _check_output(parser: argparse.ArgumentParser, path: Path | None, option: str, allow_stdout: bool = False) -> None:
    """Before any computing: ``path`` must be a file we can create (``-`` = standard output where allowed)."""
    if path is None or (allow_stdout and str(path) == "-"):
        return
    if str(path) == "-":
        parser.error(f"{option} cannot be '-' (standard output); give a file name")
    if path.is_dir():
        parser.error(f"{option} {path} is a directory; give a file name, e.g. {path / 'out.csv'}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".ldn-check-"):
            pass
    except OSError as error:
        parser.error(f"{option} {path} cannot be written: {error.strerror or error}")


def _atomic_write(path: Path, write) -> None:
    """Write through a temporary file in the same folder, then rename: a failed write leaves nothing behind."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
