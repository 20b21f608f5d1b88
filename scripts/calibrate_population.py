"""Calibrate the virtual population to the published trials; write ldnmodels/data/population_calibration.csv.

Usage: python scripts/calibrate_population.py [--trials N] [--pool N] [--workers N]

Runs :func:`ldnmodels.analyses.calibration.evaluate_mechanism` on every point of ``ldnmodels.analyses.calibration.GRID`` and prints
the most likely point and the fitted ranges. The printed values are the defaults of PopulationParameters,
InflammationParameters.tlr4_ic50_um and SymptomParameters.opioid_weight; tests/test_calibration.py checks that
they still agree. Takes about 10 minutes on 2 cores.
"""
import argparse
import csv
import itertools
import time
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

from ldnmodels import calibration

DATA = Path(__file__).resolve().parent.parent / "ldnmodels" / "data"
HEADER = [
    "# Calibration of the virtual population to the published trials (ldnmodels.analyses.calibration; method in its docstring),",
    "# written by scripts/calibrate_population.py. One row per grid point: the parameters, the log-likelihood of the",
    "# published within-arm changes and effect sizes given the simulated replicates, the simulated mean of each target",
    "# (sim:<trial>:<statistic>), the simulated 95 % range of each published effect (low:/high:<trial>), the drug-only",
    "# benefit at 3, 4.5 and 6 mg (12 weeks, points), the single-patient score",
    "# change after one 50 mg dose, and allowed (1 = every constraint holds). Generated file: do not edit by hand.",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=100, help="replicates of each trial per grid point")
    parser.add_argument("--pool", type=int, default=600, help="virtual patients per trial design")
    parser.add_argument("--workers", type=int, default=2, help="processes")
    args = parser.parse_args()
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
    print("most likely grid point (the defaults):")
    for name, value in calibration.best_values(table).items():
        print(f"  {name} = {value:g}")
    print(calibration.ranges_markdown(table))


if __name__ == "__main__":
    main()
