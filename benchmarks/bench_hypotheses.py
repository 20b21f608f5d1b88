"""Speed of the hypotheses' likelihood: evaluations per second, quiet and with one busy process per core.

A sampler needs many thousands of likelihood evaluations per hypothesis (``make hypotheses``). This times one
process evaluating the likelihood of each hypothesis at random points of its prior (the cohort the comparison uses,
prepared once and not timed), quiet and with competitors, and prints the table (goal: >= 200 evaluations per second
per process quiet for the largest hypothesis, ``both``, so that the whole comparison fits in about 15 minutes on
2 cores; >= 100 with one busy process per core).

Usage: python benchmarks/bench_hypotheses.py [--competitors N] [--patients N] [--seconds S]
"""
from __future__ import annotations

import argparse
import os
import time

import numpy as np
from harness import Figure, quiet_then_contended

from ldnmodels.analyses.hypotheses import HYPOTHESES, comparison
from ldnmodels.analyses.hypotheses.likelihood import Likelihood


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--competitors", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--patients", type=int, default=comparison.SETTINGS["n_patients"])
    parser.add_argument("--seconds", type=float, default=3.0, help="timing per hypothesis")
    args = parser.parse_args()
    start = time.perf_counter()
    likelihood = Likelihood("two_phase", n_patients=args.patients)
    print(f"cohort of {args.patients} patients prepared in {time.perf_counter() - start:.0f} s (not timed below)")
    figures = {h.name: Figure(f"likelihood evaluations/s, {h.name}", "1/s",
                              200.0 if h.name == "both" else None, 100.0 if h.name == "both" else None,
                              higher_is_better=True) for h in HYPOTHESES}

    def measure() -> dict:
        out = {}
        rng = np.random.default_rng(0)
        for hypothesis in HYPOTHESES:
            bounds = np.array(hypothesis.bounds())
            count, begin = 0, time.perf_counter()
            while time.perf_counter() - begin < args.seconds:
                point = bounds[:, 0] + (bounds[:, 1] - bounds[:, 0]) * rng.random(len(bounds))
                likelihood(dict(zip(hypothesis.parameters, point)), hypothesis)
                count += 1
            out[figures[hypothesis.name]] = count / (time.perf_counter() - begin)
        return out

    raise SystemExit(quiet_then_contended(measure, args.competitors))


if __name__ == "__main__":
    main()
