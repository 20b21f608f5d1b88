"""The app's pool of preheated kernels (issue 23): a page served from it shuts its kernel down when it is left (before,
its goodbye was refused and the kernel waited for the culler); and no dead kernel is handed to a page: kill every
pooled kernel of a running app until the server gives up restarting them ("died, removing from map", as a kernel that
cannot bind its sockets does), then open a lecture page: it gets a fresh kernel and its explorer answers the slider
(before, the page stayed blank). One server for both, in this order."""
import re
import time

import psutil
import pytest

from .conftest import app_command, live_kernels, local_server

FIGURE = "img.ldn-explorer-figure, .ldn-explorer-figure img"
PAGE = "lecture/2_dose_and_plasma.ipynb"


@pytest.fixture(scope="module")
def app_with_a_filled_pool(tmp_path_factory):
    with local_server(app_command, "/", tmp_path_factory.mktemp("pool") / "voila.log",
                      env={"LDN_PRESENTATION": "1", "LDN_POOL": "lecture", "MPLBACKEND": "Agg"}) as server:
        deadline = time.monotonic() + 240
        while len(set(re.findall(r"Kernel pool of (\S+) is filled", server.log_path.read_text()))) < 7:
            assert time.monotonic() < deadline, server.log_path.read_text()[-2000:]
            time.sleep(1)
        yield server.url, psutil.Process(server.process.pid), server.log_path


def test_leaving_a_page_from_the_pool_shuts_its_kernel_down_at_once(browser, app_with_a_filled_pool):
    url, server, _log = app_with_a_filled_pool
    pooled = {kernel.pid for kernel in live_kernels(server)}
    assert len(pooled) == 7
    context = browser.new_context(viewport={"width": 1280, "height": 720})  # no cookie from an earlier page
    page = context.new_page()
    page.goto(f"{url}/voila/render/{PAGE}", timeout=300_000)
    page.locator(FIGURE).first.wait_for(state="visible", timeout=300_000)
    page.wait_for_function("() => /(^|;\\s*)_xsrf=/.test(document.cookie)", timeout=30_000)
    page.goto("about:blank")  # leaving: the page's shutdown request for its kernel
    deadline = time.monotonic() + 15  # well before the culler's 120 s
    while len(pooled & {kernel.pid for kernel in live_kernels(server)}) > 6:
        assert time.monotonic() < deadline, "the page's kernel outlived the page"
        time.sleep(0.5)
    context.close()


def test_a_page_whose_pooled_kernel_was_killed_gets_a_live_one(browser, app_with_a_filled_pool):
    url, server, log_path = app_with_a_filled_pool
    assert len(live_kernels(server)) == 7  # the lecture's pages
    deadline = time.monotonic() + 180
    while log_path.read_text().count("died, removing from map") < 7:  # each restart killed again, to the limit
        assert time.monotonic() < deadline, log_path.read_text()[-2000:]
        for kernel in live_kernels(server):
            try:
                kernel.kill()
            except psutil.NoSuchProcess:
                pass
        time.sleep(0.2)
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{url}/voila/render/{PAGE}", timeout=300_000)
    page.locator("h1").first.wait_for(state="visible", timeout=300_000)
    figure = page.locator(FIGURE).first
    figure.wait_for(state="visible", timeout=300_000)
    before = figure.get_attribute("src")
    handle = page.locator(".widget-slider [role=slider], .widget-slider .noUi-handle").first
    handle.focus()
    page.keyboard.press("ArrowLeft")  # the kernel answers: the figure is redrawn
    page.wait_for_function("([selector, src]) => { const el = document.querySelector(selector); "
                           "return el && el.src !== src; }", arg=[FIGURE, before], timeout=120_000)
    assert "is dead; starting another for the page" in log_path.read_text()
    assert errors == [], errors
    page.close()
