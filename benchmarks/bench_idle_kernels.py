"""Memory of the app's idle preheated kernels (goal: at most 150 MB resident each).

Starts the server as ``make app POOL=...`` does, waits until its pool of preheated kernels is full and quiet (every
pooled page has run), then prints each kernel's resident memory, their median and largest, and the whole server's.
A preheated kernel has run its page, so this is what one open page costs a class server before anyone moves a
slider.

Usage: python benchmarks/bench_idle_kernels.py [--pool lecture|all]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psutil
from bench_voila import ROOT, tree_rss_mb, voila_server, wait_idle_pool

GOAL_MB = 150.0


def kernels(server: psutil.Process) -> list[psutil.Process]:
    found = []
    for child in server.children(recursive=True):
        try:
            if "ipykernel" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.Error:
            continue
    return found


def settled_sizes(server: psutil.Process, wanted: int, seconds: float = 900.0) -> list[float]:
    """Each kernel's resident memory (MB, sorted) once all ``wanted`` are there, quiet, and no kernel's memory has
    moved by 1 MB in 10 s (a kernel waiting its turn to run its page is quiet too, but still small)."""
    deadline = time.time() + seconds
    while len(kernels(server)) < wanted and time.time() < deadline:
        time.sleep(2.0)
    previous = None
    while time.time() < deadline:
        wait_idle_pool(server)
        sizes = {kernel.pid: kernel.memory_info().rss / 2**20 for kernel in kernels(server)}
        if previous is not None and sizes.keys() == previous.keys() and all(
                abs(sizes[pid] - previous[pid]) < 1.0 for pid in sizes):
            return sorted(sizes.values())
        previous = sizes
        time.sleep(10.0)
    raise TimeoutError(f"the pool did not settle within {seconds:.0f} s")


def expected_pool(pool: str) -> int:
    lecture = len(list((ROOT / "notebooks" / "lecture").glob("[0-9]_*.ipynb")))
    return lecture if pool == "lecture" else len(list((ROOT / "notebooks").rglob("[0-9]*.ipynb")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pool", choices=("lecture", "all"), default="lecture")
    args = parser.parse_args(argv)
    os.environ["LDN_POOL"] = args.pool
    wanted = expected_pool(args.pool)
    with tempfile.TemporaryDirectory() as tmp, voila_server(Path(tmp) / "voila.log") as (_url, server):
        sizes = settled_sizes(server, wanted)
        total = tree_rss_mb(server)
    print(f"POOL={args.pool}: {len(sizes)} idle preheated kernels (expected {wanted})")
    print("  each, MB: " + ", ".join(f"{size:.0f}" for size in sizes))
    print(f"  median {statistics.median(sizes):.0f} MB, largest {sizes[-1]:.0f} MB (goal <= {GOAL_MB:.0f} MB); "
          f"server with its kernels {total / 1024:.2f} GB")
    return 0 if sizes and sizes[-1] <= GOAL_MB else 1


if __name__ == "__main__":
    sys.exit(main())
