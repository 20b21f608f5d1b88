"""A class of 30 on one server: thirty students follow the lecture on one ``make app`` and move its sliders.

One server started as ``make app`` starts it (``app/voila.py``; ``--pool`` as ``make app POOL=``, default the
lecture's pages preheated), and thirty students, each a browser context of its own (cookies and connections apart,
as thirty laptops), all in one headless Chromium **on the same 2-core machine**: the students' browsers take CPU a
class's server would not give them, so every figure here is on the pessimistic side.

The class follows the lesson: every ``--step-minutes`` the teacher moves on to the next step with an explorer (2 → 3
→ 4 → 5, then round again) and every student opens that page within ``--arrival`` seconds (seeded, uniform), leaving
the last one (the page says goodbye and its kernel is shut down). On a page, a student waits for the explorer's
figure, then until the step ends: one arrow key on the first slider (right, left, …), timed from the key to the new
figure decoded and displayed, then a think time of 3–8 s.

Printed: page open (heading, figure) and key → figure percentiles, errors (a page whose figure never came, a key
whose figure never came within 20 s, console errors, page errors; target 0), the server's memory (idle, peak, per
kernel), and the kernels left running once every page is closed (at once, and after the culling time).

``--competitors N`` runs the lesson with N CPU-bound processes beside it (one per core: a server already busy).

Usage: python benchmarks/bench_class.py [--students 30] [--minutes 10] [--pool lecture|all|none] [--competitors 0]
Exit status 1 when any error was counted.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import statistics
import sys
import threading
import time

import psutil
from bench_voila import CHROMIUM, FIGURE, ROOT, WATCH_JS, culling_seconds, tree_rss_mb, voila_server
from harness import competitor_count, start_competitors, stop_competitors

#: The lecture's pages with an explorer, in the order of the lesson.
STEP_PAGES = sorted(f"lecture/{path.name}" for path in (ROOT / "notebooks" / "lecture").glob("*.ipynb")
                    if "_explorer(" in path.read_text(encoding="utf-8"))
SLIDER = ".widget-slider .noUi-handle, .widget-slider [role=slider]"
OPEN_TIMEOUT_MS = 300_000


class Record:
    """What the class saw: times (s and ms) and errors, appended by every student."""

    def __init__(self) -> None:
        self.heading_s: list[float] = []
        self.figure_s: list[float] = []
        self.key_ms: list[float] = []
        self.errors: list[str] = []


async def open_page(page, url: str, record: Record) -> bool:
    """Open a lecture page; True once its first explorer figure shows."""
    start = time.monotonic()
    try:
        await page.goto(url, wait_until="commit", timeout=OPEN_TIMEOUT_MS)
        await page.locator("h1").first.wait_for(state="visible", timeout=OPEN_TIMEOUT_MS)
        record.heading_s.append(time.monotonic() - start)
        await page.locator(FIGURE).first.wait_for(state="visible", timeout=OPEN_TIMEOUT_MS)
        await page.locator(SLIDER).first.wait_for(state="attached", timeout=OPEN_TIMEOUT_MS)
        record.figure_s.append(time.monotonic() - start)
        return True
    except Exception as error:  # noqa: BLE001 - a page that never shows is the finding
        record.errors.append(f"{url.rsplit('/', 1)[-1]}: never showed its figure ({type(error).__name__})")
        return False


async def move_sliders(page, until: float, rng: random.Random, record: Record) -> None:
    """Arrow keys on the first slider, each timed to its new figure, with a think time between them."""
    handle = page.locator(SLIDER).first
    key = "ArrowRight"
    while time.monotonic() < until:
        try:
            if await handle.get_attribute("aria-valuenow") == await handle.get_attribute("aria-valuemax"):
                key = "ArrowLeft"
            elif await handle.get_attribute("aria-valuenow") == await handle.get_attribute("aria-valuemin"):
                key = "ArrowRight"
            await handle.focus()
            before = await page.locator(FIGURE).first.get_attribute("src")
            await page.evaluate(WATCH_JS, [FIGURE, 0, before])
            await page.keyboard.press(key)
            shown = await page.evaluate("window.__ldnLatency")
        except Exception as error:  # noqa: BLE001 - a page that broke under load is the finding
            record.errors.append(f"{page.url.rsplit('/', 1)[-1]}: {type(error).__name__} while moving a slider")
            return
        if shown is None:
            record.errors.append(f"{page.url.rsplit('/', 1)[-1]}: no new figure within 20 s of a key")
        else:
            record.key_ms.append(shown)
        key = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
        await asyncio.sleep(min(rng.uniform(3.0, 8.0), max(0.0, until - time.monotonic())))


async def student(number: int, browser, url: str, schedule: list[tuple[str, float, float]], arrival_s: float,
                  record: Record) -> None:
    """One student: each step's page opened within ``arrival_s`` of the step's start, sliders moved to its end."""
    rng = random.Random(number)
    context = await browser.new_context(viewport={"width": 1280, "height": 720})
    page = await context.new_page()
    page.on("console", lambda message: message.type == "error" and record.errors.append(
        f"student {number}: console: {message.text[:160]}"))
    page.on("pageerror", lambda error: record.errors.append(f"student {number}: page error: {str(error)[:160]}"))
    try:
        for name, starts, ends in schedule:
            await asyncio.sleep(max(0.0, starts + rng.uniform(0.0, arrival_s) - time.monotonic()))
            if await open_page(page, f"{url}/voila/render/{name}", record):
                await move_sliders(page, ends, rng, record)
        await page.close(run_before_unload=True)  # the tab closed: the page says goodbye
    finally:
        await context.close()


def watch_memory(server: psutil.Process, stop: threading.Event, peak: list[float], per_kernel: list[float]) -> None:
    """Until ``stop``: the server's peak memory (kernels included) every 2 s, each kernel's every 30 s."""
    ticks = 0
    while not stop.wait(2.0):
        with contextlib.suppress(psutil.Error):
            peak[0] = max(peak[0], tree_rss_mb(server))
        ticks += 1
        if ticks % 15 == 0:
            per_kernel.extend(kernel_rss_mb(server))


def kernel_count(server: psutil.Process) -> int:
    return len(kernel_rss_mb(server))


def kernel_rss_mb(server: psutil.Process) -> list[float]:
    """Each of the server's kernels' resident memory (MB)."""
    sizes = []
    for child in server.children(recursive=True):
        with contextlib.suppress(psutil.Error):
            if "ipykernel" in " ".join(child.cmdline()):
                sizes.append(child.memory_info().rss / 2**20)
    return sizes


async def lesson(url: str, students: int, minutes: float, step_minutes: float, arrival_s: float,
                 record: Record) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"])
        start, schedule, index = time.monotonic(), [], 0
        while start + 60 * step_minutes * index < start + 60 * minutes:
            begins = start + 60 * step_minutes * index
            schedule.append((STEP_PAGES[index % len(STEP_PAGES)], begins,
                             min(begins + 60 * step_minutes, start + 60 * minutes)))
            index += 1
        await asyncio.gather(*(student(n, browser, url, schedule, arrival_s, record) for n in range(students)))
        await browser.close()


def percentiles(values: list[float]) -> str:
    if not values:
        return "none"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered):.2f}, p95 {p95:.2f}, max {ordered[-1]:.2f} (n = {len(ordered)})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--step-minutes", type=float, default=2.5, help="minutes on each step's page")
    parser.add_argument("--arrival", type=float, default=30.0, help="seconds over which the class opens a page")
    parser.add_argument("--pool", choices=("lecture", "all", "none"), default="lecture")
    parser.add_argument("--competitors", type=competitor_count, default=0,
                        help="CPU-bound processes beside it (one per core: busy)")
    args = parser.parse_args(argv)
    if not 1 <= args.students <= 200:
        parser.error(f"--students must be 1 to 200, got {args.students}")
    if not 0 < args.step_minutes <= args.minutes <= 120:
        parser.error(f"--minutes must be at least --step-minutes and at most 120, got {args.minutes}")
    os.environ["LDN_POOL"] = args.pool
    logs = ROOT / "build" / "bench-class"
    logs.mkdir(parents=True, exist_ok=True)
    print(f"{os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB; {args.students} students, "
          f"{args.minutes:g} min, {args.step_minutes:g} min a step ({', '.join(STEP_PAGES)}), pool {args.pool}; "
          f"their browsers on this machine too; {args.competitors} busy processes beside it", flush=True)
    record = Record()
    with voila_server(logs / "voila.log") as (url, server):
        time.sleep(20.0)  # the pool fills before class starts (a teacher starts the app before the lesson)
        idle_mb, idle_kernels = tree_rss_mb(server), kernel_count(server)
        stop, peak, per_kernel = threading.Event(), [idle_mb], []
        threading.Thread(target=watch_memory, args=(server, stop, peak, per_kernel), daemon=True).start()
        began, competitors = time.monotonic(), start_competitors(args.competitors)
        try:
            asyncio.run(lesson(url, args.students, args.minutes, args.step_minutes, args.arrival, record))
        finally:
            stop_competitors(competitors)
        lesson_s = time.monotonic() - began
        stop.set()
        time.sleep(5.0)
        at_once = kernel_count(server)
        time.sleep(culling_seconds() + 30.0)
        after_culling, end_mb = kernel_count(server), tree_rss_mb(server)
    log = (logs / "voila.log").read_text(encoding="utf-8", errors="replace")
    print(f"lesson: {lesson_s / 60:.1f} min")
    print(f"page open, heading (s):       {percentiles(record.heading_s)}")
    print(f"page open, figure (s):        {percentiles(record.figure_s)}")
    print(f"key -> new figure (ms):       {percentiles(record.key_ms)}")
    print(f"errors: {len(record.errors)}")
    for error in sorted(set(record.errors))[:20]:
        print(f"  {error} (x{record.errors.count(error)})")
    print(f"server log: {log.count('Traceback')} tracebacks, {log.count('died, removing from map')} kernels died, "
          f"{log.count('Address already in use')} port races")
    print(f"memory: idle {idle_mb:.0f} MB ({idle_kernels} kernels), peak {peak[0]:.0f} MB, after {end_mb:.0f} MB; "
          f"a kernel under load: {percentiles(per_kernel)} MB")
    print(f"kernels once every page closed: {at_once} at once, {after_culling} after the culling time "
          f"(the pool keeps {idle_kernels})")
    return 1 if record.errors else 0


if __name__ == "__main__":
    sys.exit(main())
