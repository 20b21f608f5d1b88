"""Compare the hypotheses against every published study and write ldnmodels/data/hypotheses_comparison.json.

Nested sampling (dynesty) of each hypothesis under each receptor structure, with two prior widths, and leave-one-out
(ldnmodels.analyses.hypotheses.comparison). `make hypotheses` runs it on both cores. Educational, not medical advice.
"""
import argparse
import sys
import time
from pathlib import Path

from ldnmodels.analyses.hypotheses import comparison

ROOT = Path(__file__).resolve().parents[1]


START, END = "<!-- hypotheses:start -->", "<!-- hypotheses:end -->"


def updated_readme(text: str, results: dict | None = None) -> str:
    """``text`` (the README) with its generated hypotheses section made from ``results`` (default: shipped)."""
    from ldnmodels.analyses.hypotheses import readme_block

    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{readme_block(results)}\n{END}{tail}"


def update_readme(results: dict) -> None:
    path = ROOT / "README.md"
    path.write_text(updated_readme(path.read_text(encoding="utf-8"), results), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "ldnmodels" / "data" / comparison.RESULTS)
    parser.add_argument("--patients", type=int, default=comparison.SETTINGS["n_patients"])
    parser.add_argument("--live-points", type=int, default=comparison.SETTINGS["live_points"])
    parser.add_argument("--workers", type=int, default=comparison.SETTINGS["workers"])
    parser.add_argument("--structures", nargs="+", default=list(comparison.SETTINGS["structures"]))
    parser.add_argument("--hypotheses", nargs="+", default=list(comparison.SETTINGS["hypotheses"]))
    parser.add_argument("--widths", nargs="+", default=list(comparison.SETTINGS["widths"]))
    args = parser.parse_args()
    start = time.perf_counter()
    results = comparison.run({"n_patients": args.patients, "live_points": args.live_points, "workers": args.workers,
                              "structures": tuple(args.structures), "hypotheses": tuple(args.hypotheses),
                              "widths": tuple(args.widths)},
                             progress=lambda line: print(f"{time.perf_counter() - start:6.0f} s  {line}",
                                                         file=sys.stderr, flush=True))
    comparison.write(results, args.out)
    if args.out == parser.get_default("out"):
        update_readme(results)
    print(f"wrote {args.out} in {results['seconds']:.0f} s "
          f"({results['likelihood_evaluations_per_second']:.0f} likelihood evaluations per second per worker)")


if __name__ == "__main__":
    main()
