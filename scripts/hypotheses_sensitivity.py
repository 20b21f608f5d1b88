"""Refit every hypothesis with the single 50 mg dose study's derived SD widened, and write
ldnmodels/data/hypotheses_sensitivity.json (ldnmodels.analyses.hypotheses.sensitivity). `make sensitivity` runs it on
both cores (a few minutes). Educational, not medical advice.
"""
import argparse
import json
import sys
import time
from pathlib import Path

from ldnmodels.analyses.hypotheses.sensitivity import RESULTS, run

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sd", type=float, default=1.0, help="the single-dose study's SD, points (shipped: 0.5)")
    parser.add_argument("--out", type=Path, default=ROOT / "ldnmodels" / "data" / RESULTS)
    args = parser.parse_args()
    start = time.perf_counter()
    results = run(args.sd, progress=lambda line: print(f"{time.perf_counter() - start:6.0f} s  {line}",
                                                                   file=sys.stderr, flush=True))
    args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} in {results['seconds']:.0f} s")


if __name__ == "__main__":
    main()
