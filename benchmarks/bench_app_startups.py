"""The app started again and again, every page opened each time: never a blank page, never a port race.

Each run starts ``make app``'s server (``app/voila.py``, the default pool), opens every page at once it starts —
the front page, the eleven notebooks, the glossary and the lecture's seven pages, one after another in one browser —
and counts a page **blank** when its heading has not shown within 120 s or, for a page with sliders, its first
explorer figure has not. It also counts ``Address already in use`` and "died, removing from map" in the server's
log, and prints the slowest heading. Exits 1 when any run had a blank page or a port race. ``--competitors N``
runs it with N CPU-bound processes beside it (one per core: a machine already busy).

Usage: python benchmarks/bench_app_startups.py [--runs 20] [--competitors 0]
"""
from __future__ import annotations

import argparse
import sys
import time

from bench_voila import ROOT, chromium, voila_server
from harness import competitor_count, start_competitors, stop_competitors

FIGURE = "img.ldn-explorer-figure, .ldn-explorer-figure img"
WAIT_MS = 120_000


def pages() -> list[str]:
    """Every page the app serves, as paths below ``notebooks/``."""
    notebooks = ROOT / "notebooks"
    return sorted(path.relative_to(notebooks).as_posix() for path in notebooks.rglob("*.ipynb")
                  if ".ipynb_checkpoints" not in path.parts)


def open_every_page(browser, url: str) -> tuple[list[str], float]:
    """Open the front page and every page; return the blank ones and the slowest heading (s)."""
    blank, slowest = [], 0.0
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        page = context.new_page()
        page.goto(url + "/", timeout=WAIT_MS)
        for name in pages():
            start = time.monotonic()
            try:
                page.goto(f"{url}/voila/render/{name}", timeout=WAIT_MS, wait_until="commit")
                page.locator("h1").first.wait_for(state="visible", timeout=WAIT_MS)
                slowest = max(slowest, time.monotonic() - start)
                if "_explorer(" in (ROOT / "notebooks" / name).read_text(encoding="utf-8"):
                    page.locator(FIGURE).first.wait_for(state="visible", timeout=WAIT_MS)
            except Exception as error:  # noqa: BLE001 - a timeout is the finding
                blank.append(f"{name} ({type(error).__name__})")
    finally:
        context.close()
    return blank, slowest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--competitors", type=competitor_count, default=0,
                        help="CPU-bound processes beside it (one per core: busy)")
    args = parser.parse_args(argv)
    logs = ROOT / "build" / "bench-startups"
    logs.mkdir(parents=True, exist_ok=True)
    print(f"{'run':>4} {'pages':>6} {'blank':>6} {'port races':>11} {'kernels died':>13} {'slowest heading':>16}")
    competitors = start_competitors(args.competitors)
    try:
        failed = _runs(args.runs, logs)
    finally:
        stop_competitors(competitors)
    print(f"{args.runs - failed} of {args.runs} start-ups with every page shown and no port race"
          + (f" ({args.competitors} busy processes beside it)" if args.competitors else " (quiet)"))
    return 1 if failed else 0


def _runs(runs: int, logs) -> int:
    """Start the app ``runs`` times, open every page each time, print a line per run; returns the failed runs."""
    failed = 0
    with chromium() as browser:
        for run in range(1, runs + 1):
            log = logs / f"voila-{run:02d}.log"
            with voila_server(log) as (url, _server):
                blank, slowest = open_every_page(browser, url)
            text = log.read_text(encoding="utf-8", errors="replace")
            races, died = text.count("Address already in use"), text.count("died, removing from map")
            failed += bool(blank or races)
            print(f"{run:>4} {len(pages()):>6} {len(blank):>6} {races:>11} {died:>13} {slowest:>14.1f} s"
                  + (f"  blank: {', '.join(blank)}" if blank else ""), flush=True)
    return failed


if __name__ == "__main__":
    sys.exit(main())
