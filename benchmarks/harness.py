"""What every benchmark here shares: CPU-bound competitor processes (a shared class server where every core is
already busy) and the side-by-side quiet/contended table with PASS/FAIL."""
from __future__ import annotations

import argparse
import multiprocessing
import time
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["competitor_count", "start_competitors", "stop_competitors", "Figure", "report", "quiet_then_contended"]


def _compete() -> None:  # pragma: no cover - runs in a child process
    while True:
        sum(i * i for i in range(10_000))


def competitor_count(text: str) -> int:
    """``--competitors``' argparse type: how many CPU-bound processes to run beside a benchmark, 0 or more."""
    count = int(text)
    if count < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {count}")
    return count


def start_competitors(count: int) -> list[multiprocessing.Process]:
    """``count`` CPU-bound processes, running until :func:`stop_competitors` (one per core: every core busy)."""
    workers = [multiprocessing.Process(target=_compete, daemon=True) for _ in range(count)]
    for worker in workers:
        worker.start()
    if workers:
        time.sleep(1.0)  # let them reach full speed before anything is timed
    return workers


def stop_competitors(workers: list[multiprocessing.Process]) -> None:
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(timeout=5)


@dataclass(frozen=True)
class Figure:
    """One measured figure and its goals (``None``: reported, no goal)."""

    name: str
    unit: str
    quiet_goal: float | None
    contended_goal: float | None
    higher_is_better: bool = False

    def passes(self, value: float, goal: float | None) -> bool | None:
        if goal is None:
            return None
        return value >= goal if self.higher_is_better else value <= goal


def _cell(figure: Figure, value: float | None, goal: float | None) -> str:
    if value is None:
        return "-"
    verdict = figure.passes(value, goal)
    digits = 2 if abs(value) < 10 else 0 if abs(value) >= 100 else 1
    return f"{value:.{digits}f}" + ("" if verdict is None else " PASS" if verdict else " FAIL")


def report(quiet: dict[Figure, float], contended: dict[Figure, float] | None, competitors: int) -> bool:
    """Print the side-by-side table; True when every goal is met."""
    busy = f"{competitors} competitor{'s' * (competitors != 1)}"
    rows = [("figure", "unit", "quiet", busy, "goal quiet / contended")]
    ok = True
    for figure, value in quiet.items():
        other = None if contended is None else contended.get(figure)
        for measured, goal in ((value, figure.quiet_goal), (other, figure.contended_goal)):
            if measured is not None and figure.passes(measured, goal) is False:
                ok = False
        sign = ">=" if figure.higher_is_better else "<="
        goals = "-" if figure.quiet_goal is None else f"{sign} {figure.quiet_goal:g} / {figure.contended_goal:g}"
        rows.append((figure.name, figure.unit, _cell(figure, value, figure.quiet_goal),
                     "-" if contended is None else _cell(figure, other, figure.contended_goal), goals))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for k, row in enumerate(rows):
        print("  ".join(cell.ljust(width) if i < 2 else cell.rjust(width) for i, (cell, width)
                        in enumerate(zip(row, widths))).rstrip())
        if k == 0:
            print("  ".join("-" * width for width in widths))
    return ok


def quiet_then_contended(measure: Callable[[], dict], competitors: int) -> int:
    """Run ``measure`` quiet, then with ``competitors`` CPU-bound processes (none: quiet only), print the table;
    returns the exit status (1 when a goal is missed)."""
    quiet = measure()
    contended = None
    if competitors:
        workers = start_competitors(competitors)
        try:
            contended = measure()
        finally:
            stop_competitors(workers)
    ok = report(quiet, contended, competitors)
    print("all goals met" if ok else "GOALS MISSED (FAIL above)")
    return 0 if ok else 1
