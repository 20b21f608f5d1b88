"""Browser tests: Voilà (app mode) and JupyterLab on localhost, driven by Playwright in Debian's Chromium.

They never skip: if Chromium is missing the tests fail and say how to install it (``make test`` does).
"""
import fcntl
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("LDN_CHROMIUM", "/usr/bin/chromium")


def live_kernels(server) -> list:
    """The server's live kernel processes (psutil): one that has exited but is not yet reaped, a zombie, is gone."""
    import psutil

    found = []
    for child in server.children(recursive=True):
        try:
            if child.status() != psutil.STATUS_ZOMBIE and "ipykernel" in " ".join(child.cmdline()):
                found.append(child)
        except psutil.Error:  # exited between listing and asking
            continue
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PortTaken(RuntimeError):
    """Another process took a port between the test choosing it (free then) and the server binding it."""


#: What a server's log says when its port was taken: Node's and Python's words, and Jupyter's and Voilà's (which,
#: with ``port_retries=0``, then exit rather than move to another port that nobody is waiting on).
_PORT_TAKEN = ("EADDRINUSE", "Address already in use", "is already in use")
#: Tells Jupyter servers (JupyterLab, Voilà) not to move silently to the next port when theirs is taken.
NO_PORT_RETRIES = ("--ServerApp.port_retries=0", "--Voila.port_retries=0")


def wait_for(url: str, process: subprocess.Popen, seconds: float = 90.0, log_path: Path | None = None) -> None:
    """Wait until ``url`` answers; raises :class:`PortTaken` as soon as the server's log says its port was taken."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if log_path is not None and log_path.exists():
            text = log_path.read_text(encoding="utf-8", errors="replace")
            if any(words in text for words in _PORT_TAKEN):
                raise PortTaken(f"{url}: a port was taken before the server could bind it (see {log_path})")
        if process.poll() is not None:
            raise RuntimeError(f"server exited early with code {process.returncode} (see {log_path})")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status < 500:
                    return
        except Exception:
            time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {seconds} s")


class Server(NamedTuple):
    """A local server that answers: its base URL, its process and the file its output goes to."""

    url: str
    process: subprocess.Popen
    log_path: Path


@contextmanager
def local_server(command: Callable[[int], list], ready_path: str, log_path: Path,
                 env: dict | Callable[[int], dict] | None = None, cwd: Path = ROOT, seconds: float = 90.0,
                 attempts: int = 3) -> Iterator[Server]:
    """Run a local server on a free port until the block ends; yields it once ``ready_path`` answers (within
    ``seconds``), and stops it at the end. ``command(port)`` is its command line; ``env`` (or ``env(port)``) what
    it adds to this environment. A port chosen free can be taken before the server binds it (another test's
    server, a kernel): the server is then started again on another port, up to ``attempts`` times in all."""
    for attempt in range(attempts):
        port = free_port()
        path = log_path if attempt == 0 else log_path.with_name(f"{log_path.stem}-{attempt}{log_path.suffix}")
        extra = env(port) if callable(env) else (env or {})
        with open(path, "w") as log:
            process = subprocess.Popen(command(port), stdout=log, stderr=subprocess.STDOUT, cwd=cwd,
                                       env=dict(os.environ, **extra))
            url = f"http://127.0.0.1:{port}"
            try:
                try:
                    wait_for(url + ready_path, process, seconds=seconds, log_path=path)
                except PortTaken:
                    if attempt == attempts - 1:
                        raise
                    continue
                yield Server(url, process, path)
                return
            finally:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (apt-get install chromium); "
                    f"make test does this when run as root")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


def app_command(port: int, *options: str) -> list[str]:
    """The app's server as ``make app`` starts it (``app/voila.py``), on ``port``, staying there or exiting."""
    return [sys.executable, "-m", "voila", str(ROOT / "notebooks"), "--no-browser", f"--port={port}",
            "--Voila.ip=127.0.0.1", "--Voila.config_file_paths=app", NO_PORT_RETRIES[1], *options]


@pytest.fixture(scope="session")
def voila_url(tmp_path_factory):
    # as make app runs it, but a page's preheated kernel, once used, is not replaced: each page is opened once (its
    # checks share one visit), and a replacement would run the page again for nobody
    with local_server(lambda port: app_command(port, "--VoilaKernelManager.fill_delay=86400"), "/",
                      tmp_path_factory.mktemp("voila") / "voila.log",
                      env={"LDN_PRESENTATION": "1", "MPLBACKEND": "Agg"}) as server:
        yield server.url


@pytest.fixture(scope="session")
def lab_url(tmp_path_factory):
    # JupyterLab serves a copy of the notebooks: a test that runs a notebook must never save it over the committed
    # one (autosave did, once: notebook 01 lost its execution counts mid-suite)
    root = tmp_path_factory.mktemp("lab-root")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1", NO_PORT_RETRIES[0],
               "--IdentityProvider.token=", "--ServerApp.password=", f"--ServerApp.root_dir={root}",
               "--LabApp.news_url=", "--LabApp.expose_app_in_browser=True", "--allow-root",
               "--KernelManager.transport=ipc"]  # as the app's kernels: no TCP ports to be handed twice
    config = tmp_path_factory.mktemp("jupyter-config")
    # every cell in the page (JupyterLab 4 renders only the cells near the viewport by default), so that tests
    # find outputs far down a notebook without scrolling to them first
    settings = config / "lab" / "user-settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    documents = config / "lab" / "user-settings" / "@jupyterlab" / "docmanager-extension"
    documents.mkdir(parents=True)
    (documents / "plugin.jupyterlab-settings").write_text('{"autosave": false}')
    with local_server(lambda port: [*command, f"--port={port}"], "/lab", tmp_path_factory.mktemp("lab") / "lab.log",
                      env={"JUPYTER_CONFIG_DIR": str(config)}) as server:
        yield server.url


def npm_install_once(tmp_path_factory, worker_id: str, name: str, spec: str) -> Path:
    """``npm install spec`` into a folder ``name`` of the test run, once per run: under xdist the workers share it and
    the first one installs it under a lock (pytest-xdist's recipe for a session fixture run once). Returns the
    folder's ``node_modules``. ``--prefer-offline``: a package npm has cached is not looked up again."""
    folder = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        folder = folder.parent  # the run's folder, the same for every worker
    done = folder / name / ".installed"
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent", "--prefer-offline", "--prefix",
                            str(folder / name), spec], check=True)
            done.touch()
    return folder / name / "node_modules"


@pytest.fixture(scope="session")
def axe_source(tmp_path_factory, worker_id):
    """axe-core's browser script, installed from the npm registry (never fetched by the page), once per test run."""
    modules = npm_install_once(tmp_path_factory, worker_id, "axe", "axe-core@4")
    return (modules / "axe-core" / "axe.min.js").read_text(encoding="utf-8")


def local_context(browser, base_url: str):
    """A browser context that lets only ``base_url`` through, recording what tried to leave and every error."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    context.left, context.errors = [], []

    def route(route):
        if route.request.url.startswith((base_url, "data:", "blob:")):
            route.continue_()
        else:
            context.left.append(route.request.url)
            route.abort()

    context.route("**/*", route)

    def watch(page):
        page.on("console", lambda message: message.type == "error" and context.errors.append(
            f"{page.url}: {message.text}"[:300]))
        page.on("pageerror", lambda error: context.errors.append(f"{page.url}: {error}"[:300]))

    context.on("page", watch)
    return context


def serious_violations(page, axe_source: str, exclude: list | None = None) -> list[str]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate("""async (exclude) => {
        const context = exclude.length ? {exclude: exclude.map(s => [s])} : document;
        const r = await axe.run(context, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa"]}});
        return r.violations.filter(v => v.impact === "serious" || v.impact === "critical")
                 .map(v => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0].target.join(" ")}`);
    }""", exclude or [])
    return result


#: JupyterLab dialogs a loaded machine shows now and then, and the button that keeps the default.
BENIGN_DIALOGS = {"Select Kernel": "Select", "Server Connection Error": "Dismiss"}


#: True once the notebook open in JupyterLab has its kernel connected and idle (the test server exposes JupyterLab's
#: app to the page): a run-all sent before can reach the kernel before the page listens to its output, and its
#: figures and boxes never come (seen on loaded 2-core runs)
KERNEL_READY_JS = """() => {
  const kernel = window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel;
  return !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
}"""


def answer_benign_dialogs(page) -> None:
    """Close a known start-up dialog of JupyterLab with the button that keeps the default; any other dialog fails the
    test with its text (it would be a real problem)."""
    for _ in range(3):
        dialog = page.locator(".jp-Dialog")
        if not dialog.count():
            return
        text = dialog.first.inner_text()
        title = next((name for name in BENIGN_DIALOGS if name in text), None)
        assert title is not None, f"unexpected JupyterLab dialog: {text[:300]}"
        dialog.first.get_by_role("button", name=BENIGN_DIALOGS[title]).first.click()
        page.wait_for_timeout(500)
