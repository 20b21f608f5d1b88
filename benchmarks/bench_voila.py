"""The app mode measured end to end in the browser (Debian Chromium through Playwright), quiet and contended.

Four measurements, each printed as a table with PASS/FAIL (goals from issue 12); the script exits with status 1
when a goal is missed. The Voilà server is started exactly as ``make app`` starts it (``app/voila.py``
configures it), with Chromium and the kernels on this same machine, as on a student laptop.

``first-paint``
    Open every notebook; time until something readable shows (the first heading; goal <= 2 s quiet, <= 4 s
    contended, our reading of "at once") and until its first explorer figure (in notebooks without an explorer,
    its first figure, if any) is displayed (goal <= 3 s quiet, <= 6 s contended).
``latency``
    For every explorer of every notebook: one arrow key on its first slider until the new figure has been
    decoded and displayed, median of 8 presses. Goal <= 150 ms quiet, <= 300 ms contended.
``run-all``
    JupyterLab's "run all", cell by cell through nbclient (the kernel side, without the browser): seconds from
    starting the kernel to the end of the first explorer's cell. Goal <= 10 s quiet (<= 20 s contended, ours).
``kernels``
    Twenty sessions of one notebook opened at once: time until each shows live widgets, peak memory per kernel
    (goal <= 200 MB); then every tab closed and the server's memory followed until it is back within 200 MB
    of the idle server (goal: within the culling time configured in ``app/voila.py`` plus one culling interval).

Usage: python benchmarks/bench_voila.py [first-paint|latency|run-all|kernels|all]
                                        [--competitors N] [--notebooks 01 05 ...] [--sessions 20]
"""
from __future__ import annotations

import argparse
import contextlib
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil
from harness import Figure, competitor_count, quiet_then_contended

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(path.name for path in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CHROMIUM = os.environ.get("LDN_CHROMIUM", "/usr/bin/chromium")
FIGURE = "img.ldn-explorer-figure, .ldn-explorer-figure img"
ANY_FIGURE = f"{FIGURE}, .jp-OutputArea-output img, .output_png img"
READABLE = "h1, .jp-RenderedMarkdown h1, .jp-RenderedHTMLCommon h1"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def voila_server(log_path: Path):
    """``make app``'s server on a free port; yields (base URL, the server's psutil.Process)."""
    port = _free_port()
    command = [sys.executable, "-m", "voila", "notebooks", "--no-browser", f"--port={port}",
               "--Voila.ip=127.0.0.1", "--Voila.config_file_paths=app"]
    env = dict(os.environ, LDN_PRESENTATION="1", MPLBACKEND="Agg")
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.time() + 120
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"voila exited with code {process.returncode}; see {log_path}")
                try:
                    with urllib.request.urlopen(url + "/", timeout=2):
                        break
                except OSError:
                    if time.time() > deadline:
                        raise TimeoutError("voila did not answer within 120 s") from None
                    time.sleep(0.3)
            yield url, psutil.Process(process.pid)
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium not found at {CHROMIUM}: apt-get install chromium (make test does it as root)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"])
        try:
            yield browser
        finally:
            browser.close()


def wait_idle_pool(server: psutil.Process, seconds: float = 900.0) -> None:
    """Wait until the server's kernels (preheated ones included) have stopped using the CPU: a pool still running
    its notebooks would otherwise be measured, not the page. Says so if they never settle."""
    deadline = time.time() + seconds
    time.sleep(3.0)  # a used pool starts its refill after VoilaKernelManager.fill_delay (1 s)
    while time.time() < deadline:
        kernels = server.children(recursive=True)
        for kernel in kernels:
            with contextlib.suppress(psutil.Error):
                kernel.cpu_percent(interval=None)
        time.sleep(2.0)
        busy = 0.0
        for kernel in kernels:
            with contextlib.suppress(psutil.Error):
                busy += kernel.cpu_percent(interval=None)
        if busy < 10.0:
            return
    print(f"  warning: the kernels were still busy after {seconds:.0f} s", flush=True)


# --------------------------------------------------------------------------------------------------- first paint
def first_paint(browser, url: str, notebook: str) -> tuple[float, float]:
    """Seconds from navigation to the first heading, and to the first (explorer) figure displayed."""
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        start = time.perf_counter()
        page.goto(f"{url}/voila/render/{notebook}", wait_until="commit", timeout=300_000)
        page.locator(READABLE).first.wait_for(state="visible", timeout=300_000)
        readable = time.perf_counter() - start
        if not page_has_explorer(notebook) and "plotting.show(" not in source(notebook):
            return readable, None  # text and tables only
        selector = FIGURE if page_has_explorer(notebook) else ANY_FIGURE
        page.wait_for_function(
            "(selector) => [...document.querySelectorAll(selector)].some("
            "img => img.complete && img.naturalWidth > 0 && img.getBoundingClientRect().height > 0)",
            arg=selector, timeout=120_000, polling=50)
        return readable, time.perf_counter() - start
    finally:
        page.close()


def source(notebook: str) -> str:
    return (ROOT / "notebooks" / notebook).read_text()


def page_has_explorer(notebook: str) -> bool:
    return "_explorer(" in source(notebook)


def measure_first_paint(browser, url: str, server, notebooks: list[str]) -> dict[Figure, float]:
    found = {}
    for notebook in notebooks:
        wait_idle_pool(server)  # a refilling pool of preheated kernels would be measured otherwise
        try:
            readable, figure = first_paint(browser, url, notebook)
        except Exception as error:  # a page that never paints is a FAIL in the table, not a crash
            print(f"  {notebook}: {type(error).__name__}: {str(error).splitlines()[0]}", flush=True)
            readable = figure = float("inf")
        print(f"  first paint {notebook}: heading {readable:.2f} s, figure {figure} s", flush=True)
        kind = "explorer figure" if page_has_explorer(notebook) else "figure"
        found[Figure(f"first paint {notebook[:2]}: first heading", "s", 2.0, 4.0)] = readable
        if figure is not None:
            found[Figure(f"first paint {notebook[:2]}: first {kind}", "s", 3.0, 6.0)] = figure
    return found


# --------------------------------------------------------------------------------------------------- latency
#: Run in a page before a key press: window.__ldnLatency then resolves to the ms from the key to the new figure.
WATCH_JS = """
([selector, index, before]) => {
  // From the key press (its keydown, captured) until the explorer's image shows a new figure, decoded and painted.
  const img = document.querySelectorAll(selector)[index];
  let pressed = null;
  document.addEventListener('keydown', () => { pressed = performance.now(); }, { once: true, capture: true });
  window.__ldnLatency = new Promise((resolve) => {
    const done = () => requestAnimationFrame(() => resolve(performance.now() - pressed));
    const observer = new MutationObserver(() => {
      if (img.src !== before) {
        observer.disconnect();
        if (img.complete && img.naturalWidth > 0) done(); else img.addEventListener('load', done, { once: true });
      }
    });
    observer.observe(img, { attributes: true, attributeFilter: ['src'] });
    setTimeout(() => { observer.disconnect(); resolve(null); }, 20000);
  });
}
"""


def explorer_latency_ms(page, index: int, presses: int = 8) -> float | None:
    """Median ms from an arrow key on explorer ``index``'s first slider to its new figure displayed."""
    figure = page.locator(FIGURE).nth(index)
    explorer = figure.locator("xpath=ancestor::div[contains(@class, 'widget-vbox')][1]")
    handle = explorer.locator(".widget-slider .noUi-handle, .widget-slider [role=slider]").first
    if handle.count() == 0:
        return None
    handle.scroll_into_view_if_needed()
    handle.focus()
    times = []
    key = "ArrowLeft" if handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax") \
        else "ArrowRight"
    for _ in range(presses):
        page.evaluate(WATCH_JS, [FIGURE, index, figure.get_attribute("src")])
        page.keyboard.press(key)
        shown = page.evaluate("window.__ldnLatency")
        if shown is None:  # no new figure within 20 s: the key did not move the slider (or nothing redrew)
            return float("inf")
        times.append(shown)
        key = "ArrowLeft" if key == "ArrowRight" else "ArrowRight"
        page.wait_for_timeout(150)
    return statistics.median(times)


def measure_latency(browser, url: str, server, notebooks: list[str]) -> dict[Figure, float]:
    found = {}
    for notebook in notebooks:
        if not page_has_explorer(notebook):
            continue
        wait_idle_pool(server)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        try:
            page.goto(f"{url}/voila/render/{notebook}", timeout=300_000)
            page.locator(FIGURE).first.wait_for(state="visible", timeout=300_000)
            page.wait_for_timeout(1000)  # the widget manager connects after the first paint
            for index in range(page.locator(FIGURE).count()):
                value = explorer_latency_ms(page, index)
                print(f"  latency {notebook} explorer {index + 1}: {value} ms", flush=True)
                if value is not None:
                    found[Figure(f"key to new figure, {notebook[:2]} explorer {index + 1}", "ms", 150.0,
                                 300.0)] = value
        finally:
            page.close()
    return found


# --------------------------------------------------------------------------------------------------- run all
def first_key_cell(notebook: str) -> tuple[str | None, str]:
    """What "run all" is timed to: the first explorer, else the first figure, else the whole notebook."""
    if page_has_explorer(notebook):
        return "_explorer(", "first explorer"
    if "plotting.show(" in source(notebook):
        return "plotting.show(", "first figure"
    return None, "end"


def run_all_to_first_explorer(notebook: str) -> float:
    """Seconds from starting a kernel to the end of the first cell that shows an explorer (a figure if the notebook
    has no explorer, the whole notebook if neither), executing cell by cell as JupyterLab's "run all" does
    (nbclient, outside the browser)."""
    import nbformat
    from nbclient import NotebookClient

    marker, _what = first_key_cell(notebook)
    nb = nbformat.read(ROOT / "notebooks" / notebook, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": str(ROOT / "notebooks")}})
    start = time.perf_counter()
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                client.execute_cell(cell, index)
                if marker is not None and marker in cell.source:
                    break
    return time.perf_counter() - start


def measure_run_all(notebooks: list[str]) -> dict[Figure, float]:
    found = {}
    for notebook in notebooks:
        seconds = run_all_to_first_explorer(notebook)
        what = first_key_cell(notebook)[1]
        print(f"  run all {notebook}: {what} after {seconds:.2f} s", flush=True)
        found[Figure(f"run all {notebook[:2]} (nbclient): {what}", "s", 10.0, 20.0)] = seconds
    return found


# --------------------------------------------------------------------------------------------------- kernels
def tree_rss_mb(server: psutil.Process) -> float:
    processes = [server, *server.children(recursive=True)]
    total = 0
    for process in processes:
        with contextlib.suppress(psutil.Error):
            total += process.memory_info().rss
    return total / 2**20


def measure_kernels(browser, url: str, server, notebook: str, sessions: int,
                    culling_s: float) -> dict[Figure, float]:
    wait_idle_pool(server)
    idle_mb = tree_rss_mb(server)
    before = {child.pid for child in server.children(recursive=True)}
    # one browser context per session, as twenty students have twenty browsers: tabs of one context share
    # Chromium's six connections per host, which would serialise the page loads and measure the browser
    contexts = [browser.new_context(viewport={"width": 1280, "height": 720}) for _ in range(sessions)]
    pages = [context.new_page() for context in contexts]
    start = time.perf_counter()
    for page in pages:
        # started without waiting: without a warm kernel Voilà sends the first byte only once the notebook has
        # run, so waiting for each navigation in turn (page.goto) would serve the students one after another
        page.evaluate("target => { window.location.href = target; }", f"{url}/voila/render/{notebook}")
    live, peak = [], {}
    pending = list(range(sessions))
    while pending and time.perf_counter() - start < 600:
        for child in server.children(recursive=True):
            if child.pid not in before:
                with contextlib.suppress(psutil.Error):
                    peak[child.pid] = max(peak.get(child.pid, 0), child.memory_info().rss / 2**20)
        for index in list(pending):
            with contextlib.suppress(Exception):
                if pages[index].locator(".widget-slider").count() and \
                        pages[index].locator(FIGURE).count():
                    live.append(time.perf_counter() - start)
                    pending.remove(index)
        time.sleep(0.25)
    failures = len(pending)
    for child in server.children(recursive=True):
        if child.pid not in before:
            with contextlib.suppress(psutil.Error):
                peak[child.pid] = max(peak.get(child.pid, 0), child.memory_info().rss / 2**20)
    loaded_mb = tree_rss_mb(server)
    for context in contexts:  # every tab closed (without the page's goodbye: the culler must do the work)
        context.close()
    closed = time.perf_counter()
    while time.perf_counter() - closed < culling_s + 120 and tree_rss_mb(server) > idle_mb + 200:
        time.sleep(2.0)
    back_s = time.perf_counter() - closed
    print(f"  kernels ({notebook}): idle server {idle_mb:.0f} MB; with {sessions} sessions {loaded_mb:.0f} MB; "
          f"{len(peak)} new kernel processes; {len(live)} sessions live, slowest after "
          f"{max(live) if live else float('nan'):.0f} s; back to {tree_rss_mb(server):.0f} MB after {back_s:.0f} s",
          flush=True)
    limit = culling_s + 60
    return {
        Figure(f"{sessions} sessions at once: sessions without live widgets", "count", 0, 0): failures,
        Figure(f"{sessions} sessions at once: slowest to live widgets", "s", None, None):
            max(live) if live else float("nan"),
        Figure(f"{sessions} sessions at once: median to live widgets", "s", None, None):
            statistics.median(live) if live else float("nan"),
        Figure("peak memory per kernel (largest)", "MB", 200.0, 200.0): max(peak.values()) if peak else 0.0,
        Figure("tabs closed: back within 200 MB of the idle server", "s", limit, limit): back_s,
    }


def culling_seconds() -> float:
    """The culling time configured in app/voila.py (idle timeout plus one interval)."""
    from traitlets.config.loader import PyFileConfigLoader

    manager = PyFileConfigLoader("voila.py", path=str(ROOT / "app")).load_config().MappingKernelManager
    return float(manager.cull_idle_timeout) + float(manager.cull_interval)


def run(which: str, notebooks: list[str], sessions: int, log_dir: Path) -> dict[Figure, float]:
    found: dict[Figure, float] = {}
    with chromium() as browser:
        if which in ("first-paint", "all"):
            with voila_server(log_dir / "voila-first-paint.log") as (url, server):
                found.update(measure_first_paint(browser, url, server, notebooks))
        if which in ("latency", "all"):
            with voila_server(log_dir / "voila-latency.log") as (url, server):
                found.update(measure_latency(browser, url, server, notebooks))
        if which in ("run-all", "all"):
            found.update(measure_run_all(notebooks))
        if which in ("kernels", "all"):
            with voila_server(log_dir / "voila-kernels.log") as (url, server):
                with_explorer = [name for name in notebooks if page_has_explorer(name)] or [NOTEBOOKS[1]]
                found.update(measure_kernels(browser, url, server, with_explorer[0], sessions, culling_seconds()))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("which", nargs="?", default="all",
                        choices=["first-paint", "latency", "run-all", "kernels", "all"])
    parser.add_argument("--competitors", type=competitor_count, default=os.cpu_count() or 1,
                        help="CPU-bound competitor processes for the contended run (default: one per core; 0: none)")
    parser.add_argument("--notebooks", nargs="*", default=None,
                        help="notebook numbers (e.g. 01 05); default every notebook "
                             "(kernels: the first with an explorer)")
    parser.add_argument("--sessions", type=int, default=20, help="sessions opened at once (kernels)")
    parser.add_argument("--log-dir", type=Path, default=Path("build/bench-logs"))
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= 100:
        parser.error(f"--sessions must be 1 to 100, got {args.sessions}")
    chosen = NOTEBOOKS if not args.notebooks else [name for name in NOTEBOOKS if name[:2] in args.notebooks]
    if args.notebooks and len(chosen) != len(args.notebooks):
        parser.error(f"--notebooks must be among {' '.join(name[:2] for name in NOTEBOOKS)}")
    args.log_dir.mkdir(parents=True, exist_ok=True)
    print(f"{os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB; Voilà as `make app` runs it; "
          f"{args.which}; quiet, then {args.competitors} CPU-bound competitor process(es)", flush=True)
    return quiet_then_contended(lambda: run(args.which, chosen, args.sessions, args.log_dir), args.competitors)


if __name__ == "__main__":
    sys.exit(main())
