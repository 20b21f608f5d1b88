"""The course-hub recipe (hub/jupyterhub_config.py, docs/course_hub.md) started here: JupyterHub with its proxy from
the npm registry and three students who log in, get their own copy of the notebooks through nbgitpuller, land on the
first notebook in JupyterLab, clear it and run it to its end. Measures each student's memory (their JupyterLab
server and its kernel), which docs/course_hub.md quotes."""
import sys
import time

import psutil
import pytest

from .conftest import ROOT, answer_benign_dialogs, free_port, local_server, npm_install_once

NOTEBOOK = "00_start_here.ipynb"  # where the recipe's link lands a student
STUDENTS = ("ada", "ben", "chi")
PASSWORD = "class-of-2026"
NOTEBOOK_PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # the notebook in front
IDLE = ".jp-Notebook-ExecutionIndicator[data-status='idle']"


@pytest.fixture(scope="module")
def proxy(tmp_path_factory, worker_id):
    """configurable-http-proxy from the npm registry (as ``make hub`` installs it), once per test run."""
    modules = npm_install_once(tmp_path_factory, worker_id, "chp", "configurable-http-proxy@5")
    return modules / ".bin" / "configurable-http-proxy"


@pytest.fixture(scope="module")
def hub(tmp_path_factory, proxy):
    """The recipe's hub on a free port, pulling from this checkout; yields (URL, the hub's process, its state)."""
    pytest.importorskip("jupyterhub")
    pytest.importorskip("nbgitpuller")
    state = tmp_path_factory.mktemp("hub")
    env = {"LDN_HUB_PASSWORD": PASSWORD, "LDN_HUB_STATE": str(state), "LDN_HUB_PROXY": str(proxy),
           "CONFIGPROXY_AUTH_TOKEN": "test-proxy-token"}

    def command(_port: int) -> list[str]:
        # the proxy's API port is picked by the hub (port + 1 by default): another free one, so parallel runs don't
        # meet
        return [sys.executable, "-m", "jupyterhub", "-f", str(ROOT / "hub" / "jupyterhub_config.py"),
                f"--ConfigurableHTTPProxy.api_url=http://127.0.0.1:{free_port()}",
                f"--JupyterHub.hub_port={free_port()}"]

    with local_server(command, "/hub/login", state / "hub.log", env=lambda port: {**env, "LDN_HUB_PORT": str(port)},
                      cwd=state, seconds=120) as server:
        yield server.url, psutil.Process(server.process.pid), state


def clear_and_run_all(page) -> None:
    """Edit ▸ Clear Outputs of All Cells, then Run ▸ Run All Cells, sent again (at most three times) if the kernel
    never took it (a run-all sent while the kernel was still connecting is lost now and then on a loaded machine)."""
    page.get_by_role("menuitem", name="Edit").click()
    page.get_by_role("menuitem", name="Clear Outputs of All Cells", exact=True).click()
    assert page.locator(f"{NOTEBOOK_PANEL} .jp-OutputArea-output").count() == 0
    for attempt in range(3):
        answer_benign_dialogs(page)
        page.get_by_role("menuitem", name="Run").click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        try:
            page.locator(f"{NOTEBOOK_PANEL} .jp-OutputArea-output").first.wait_for(state="attached", timeout=45_000)
            return
        except Exception:
            if attempt == 2:
                raise


def user_memory_mb(hub_process: psutil.Process, user: str) -> float:
    """Resident memory of one user's processes (their JupyterLab server and its kernels), MB."""
    total = 0
    for child in hub_process.children(recursive=True):
        try:
            if child.environ().get("JUPYTERHUB_USER") == user:
                total += child.memory_info().rss
        except psutil.Error:
            continue
    return total / 2**20


def test_three_students_log_in_get_their_copy_and_run_a_notebook(browser, hub):
    url, hub_process, state = hub
    contexts = {user: browser.new_context(viewport={"width": 1280, "height": 720}) for user in STUDENTS}
    pages = {user: context.new_page() for user, context in contexts.items()}
    errors = []
    for user, page in pages.items():  # all three log in before any waits: their servers start side by side
        page.on("pageerror", lambda error, user=user: errors.append(f"{user}: {error}"))
        page.goto(f"{url}/hub/login", timeout=120_000)
        page.fill("#username_input", user)
        page.fill("#password_input", PASSWORD)
        page.click("#login_submit", no_wait_after=True)
    for user, page in pages.items():  # nbgitpuller pulls the notebooks, then JupyterLab opens the first one
        page.locator(f"{NOTEBOOK_PANEL} .jp-RenderedMarkdown h1", has_text="Start here").first.wait_for(
            timeout=240_000)
        assert (state / "home" / user / "ldnmodels" / "notebooks" / NOTEBOOK).exists()
        page.locator(f"{NOTEBOOK_PANEL} {IDLE}").wait_for(state="attached", timeout=120_000)
    started = time.monotonic()
    for page in pages.values():
        clear_and_run_all(page)
    for user, page in pages.items():  # run to its end: the figure and the printed numbers are back, no error
        page.locator(f"{NOTEBOOK_PANEL} .jp-OutputArea-output", has_text="peak naltrexone").wait_for(
            state="attached", timeout=240_000)
        assert page.locator(f"{NOTEBOOK_PANEL} .jp-OutputArea-output img").count() == 1, user
        assert page.locator(f"{NOTEBOOK_PANEL} .jp-OutputArea-output", has_text="Traceback").count() == 0, user
    seconds = time.monotonic() - started
    memory = {user: user_memory_mb(hub_process, user) for user in STUDENTS}
    print(f"three students: notebook run {seconds:.0f} s after Run All; memory per student (JupyterLab server + "
          "kernel): " + ", ".join(f"{user} {mb:.0f} MB" for user, mb in memory.items()))
    assert all(100 < mb < 1000 for mb in memory.values()), memory  # a server and a kernel each, no more
    assert errors == [], errors
    for context in contexts.values():
        context.close()
