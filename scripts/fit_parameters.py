"""Refit the free parameters of ldnmodels to the published data it ships and write the defaults and the comparison.

Usage: python scripts/fit_parameters.py [--draws N]   (make fit)

Runs the fit pipeline (ldnmodels.analyses.pipeline.fit_defaults: PK from its sourced inputs, every receptor
structure, the side-effect drives) and writes its rows of ldnmodels/data/fitted_defaults.csv, from which
PKParameters, every receptor structure and SideEffectParameters read their defaults (the calibration's rows are
kept). The structure comparison and the bootstrap draws are written to ldnmodels/data/receptor_comparison.csv and
ldnmodels/data/receptor_draws.csv, which ldnmodels.model.structures reads. The calibration
(scripts/calibrate_population.py) simulates with these defaults: rerun it after a changed fit.
"""
import argparse
import csv
from pathlib import Path

from ldnmodels import data, structures
from ldnmodels.analyses.fitting import tmax_h
from ldnmodels.analyses.fitting_comparison import structure_comparison
from ldnmodels.analyses.pipeline import fit_defaults, fitted_default_rows

DATA = Path(__file__).resolve().parent.parent / "ldnmodels" / "data"
HEADER = {
    "receptor_comparison.csv": [
        "# Receptor structures fitted by scripts/fit_parameters.py to the same targets (PET, Rabiner 2011; decline",
        "# after 50 mg, Lee 1988; onset; label plasma values). Errors in percentage points; chi_square from residuals",
        "# weighted by each target's tolerance; aicc = chi_square + 2k + 2k(k+1)/(n-k-1); fits_acceptably: chi-square",
        "# p >= 0.01. ldn_*: blockade on day 14 of 4.5 mg daily at 21:00. Parameters: point fit [2.5-97.5 % of the",
        "# bootstrap refits]. Generated file: do not edit by hand.",
    ],
    "receptor_draws.csv": [
        "# Bootstrap refits of each receptor structure (PET scans resampled, Lee 1988 points redrawn from their SEMs),",
        "# written by scripts/fit_parameters.py. Generated file: do not edit by hand.",
    ],
}


def write(name, rows):
    path = DATA / name
    with path.open("w", newline="", encoding="utf-8") as handle:
        handle.write("\n".join(HEADER[name]) + "\n")
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: (f"{v:.6g}" if isinstance(v, float) else v) for k, v in row.items()})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=40, help="bootstrap refits per structure")
    args = parser.parse_args()
    result = fit_defaults()
    pk = result.pk
    print("PKParameters (fitted):")
    print(f"  ka_per_h                 = {pk.ka_per_h:.4g}")
    print(f"  bioavailability_fraction = {pk.bioavailability_fraction:.4g}")
    print(f"  naltrexol_v_l            = {pk.naltrexol_v_l:.4g}")
    print(f"  tmax naltrexone / 6β-naltrexol = {tmax_h(pk)[0]:.3f} / {tmax_h(pk)[1]:.3f} h")
    starts = list(structures.receptor_structures().values())
    rows, draws, fits = structure_comparison(starts, pk, n_draws=args.draws, fits=result.fits)
    for row in rows:
        fit = fits[row["structure"]]
        print(f"{type(fit.receptor).__name__} ({row['structure']}): " + ", ".join(
            f"{field} = {float(getattr(fit.receptor, field)):.4g}" for field in type(fit.receptor).fitted_fields))
        print(f"    chi2 {row['chi_square']:.1f} (n {row['n_data']}), AICc {row['aicc']:.1f} "
              f"(Δ {row['delta_aicc']:.1f}), p {row['p_value']:.3g}, PET RMS {row['pet_rms_points']:.1f} points, "
              f"168/48 h {row['ratio_168_48']:.2f}, 4 h {row['at_4_h']:.2f}; daily 4.5 mg trough "
              f"{row['ldn_trough']:.2f} peak {row['ldn_peak']:.2f}")
    write("receptor_comparison.csv", rows)
    write("receptor_draws.csv", draws)
    best = min(rows, key=lambda r: r["aicc"])["structure"]
    print(f"lowest AICc: {best} (ldnmodels.model.structures.DEFAULT_STRUCTURE = {structures.DEFAULT_STRUCTURE!r})")
    effects = result.side_effects
    print(f"SideEffectParameters (fitted on {structures.DEFAULT_STRUCTURE} to Younger 2013: vivid dreams 37 %, "
          "headache 16 %):")
    print(f"  vivid_dreams_per_night_blockade = {effects.vivid_dreams_per_night_blockade:.4g}")
    print(f"  headache_per_daily_rise         = {effects.headache_per_daily_rise:.4g}")
    path = data.write_fitted_defaults(fitted_default_rows(result), "fit", DATA / data.FITTED_DEFAULTS)
    print(f"fit rows written to {path}")


if __name__ == "__main__":
    main()
