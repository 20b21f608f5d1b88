"""Calibrate the virtual population to the published trials; write the grid and the calibrated defaults.

Usage: python scripts/calibrate_population.py [--trials N] [--pool N] [--workers N]   (make calibrate)
       python scripts/calibrate_population.py --from-shipped-grid

Runs :func:`ldnmodels.analyses.calibration.evaluate_mechanism` on every point of
``ldnmodels.analyses.calibration.GRID``, writes ldnmodels/data/population_calibration.csv, prints the most likely
point and the fitted ranges, and writes that point as the 'calibration' rows of ldnmodels/data/fitted_defaults.csv
(the fit's rows are kept), from which PopulationParameters, InflammationParameters.tlr4_ic50_um and
SymptomParameters.opioid_weight read their defaults.
Takes about 10 minutes on 2 cores. It simulates with the fitted defaults: run it after scripts/fit_parameters.py.
``--from-shipped-grid`` skips the simulations and rewrites the calibration rows from the shipped grid (seconds).
"""
import argparse
import csv
import itertools
import time
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

from ldnmodels import calibration, data
from ldnmodels.analyses.pipeline import calibrated_default_rows

DATA = Path(__file__).resolve().parent.parent / "ldnmodels" / "data"
HEADER = [
    "# Calibration of the virtual population to the published trials (ldnmodels.analyses.calibration; "
    "method in its docstring),",
    "# written by scripts/calibrate_population.py. One row per grid point: the parameters, the log-likelihood of the",
    "# published within-arm changes and effect sizes given the simulated replicates, the simulated mean of each target",
    "# (sim:<trial>:<statistic>), the simulated 95 % range of each published effect (low:/high:<trial>), the drug-only",
    "# benefit at 3, 4.5 and 6 mg (12 weeks, points), the single-patient score change after one 50 mg dose,",
    "# dose_monotone and covered (reported, not required) and allowed (1 = the single-dose constraint holds).",
    "# Generated file: do not edit by hand.",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=100, help="replicates of each trial per grid point")
    parser.add_argument("--pool", type=int, default=600, help="virtual patients per trial design")
    parser.add_argument("--workers", type=int, default=2, help="processes")
    parser.add_argument("--from-shipped-grid", action="store_true",
                        help="do not simulate: write the calibrated defaults from the shipped grid")
    args = parser.parse_args()
    if args.from_shipped_grid:
        write_defaults(calibration.calibration_rows())
        return
    names = calibration.MECHANISM_PARAMETERS
    points = [dict(zip(names, values)) for values in itertools.product(*(calibration.GRID[n] for n in names))]
    start = time.perf_counter()
    with ProcessPoolExecutor(args.workers) as pool:
        chunks = list(pool.map(partial(calibration.evaluate_mechanism, n_trials=args.trials, pool_size=args.pool),
                               points))
    table = [row for chunk in chunks for row in chunk]
    print(f"{len(table)} grid points in {time.perf_counter() - start:.0f} s")
    path = DATA / "population_calibration.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        handle.write("\n".join(HEADER) + "\n")
        writer = csv.DictWriter(handle, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        for row in table:
            writer.writerow({k: f"{v:.6g}" for k, v in row.items()})
    print(calibration.ranges_markdown(table))
    write_defaults(table)


def write_defaults(table) -> None:
    """Print the most likely grid point and write it as the calibration rows of fitted_defaults.csv."""
    rows = calibrated_default_rows(table)
    print("most likely grid point (the defaults):")
    for row in rows:
        print(f"  {row['owner']}.{row['field']} = {row['value']}")
    path = data.write_fitted_defaults(rows, "calibration", DATA / data.FITTED_DEFAULTS)
    print(f"calibration rows written to {path}")


if __name__ == "__main__":
    main()
