"""Kernels of closed pages do not outlive them (issue 12): the page's own shutdown request, and the culler when a
page cannot send one (a crashed browser, a laptop lid closed)."""
import time

import psutil
import pytest
from traitlets.config.loader import PyFileConfigLoader

from .conftest import ROOT, app_command, live_kernels, local_server

FIGURE = "img.ldn-explorer-figure, .ldn-explorer-figure img"


def _app_config(monkeypatch, mode, pool=None):
    monkeypatch.setenv("LDN_VOILA_MODE", mode)
    if pool is None:
        monkeypatch.delenv("LDN_POOL", raising=False)
    else:
        monkeypatch.setenv("LDN_POOL", pool)
    return PyFileConfigLoader("voila.py", path=str(ROOT / "app")).load_config()


@pytest.mark.parametrize("mode", ["preheat", "progressive"])
def test_make_app_culls_kernels_of_closed_pages_within_minutes(monkeypatch, mode):
    config = _app_config(monkeypatch, mode)
    manager = config.MappingKernelManager
    assert 0 < manager.cull_idle_timeout <= 180 and 0 < manager.cull_interval <= 60
    assert manager.cull_connected is False  # an open page keeps its kernel however long the lesson
    voila = config.VoilaConfiguration
    assert voila.get("preheat_kernel", False) is (mode == "preheat")
    assert voila.get("progressive_rendering", False) is (mode == "progressive")


def test_an_unknown_mode_is_refused_by_name(monkeypatch):
    with pytest.raises(ValueError, match="LDN_VOILA_MODE"):
        _app_config(monkeypatch, "turbo")
    with pytest.raises(ValueError, match="LDN_POOL .* must be 'lecture', 'all' or 'none', got 'some'"):
        _app_config(monkeypatch, "preheat", "some")


@pytest.mark.parametrize("pool, preheated", [(None, "lecture"), ("lecture", "lecture"), ("all", "all")])
def test_make_app_preheats_the_pages_its_pool_names(monkeypatch, pool, preheated):
    pools = _app_config(monkeypatch, "preheat", pool).VoilaKernelManager.kernel_pools_config
    lecture = sorted(f"lecture/{path.name}" for path in (ROOT / "notebooks" / "lecture").glob("*.ipynb"))
    assert len(lecture) == 7 and all(pools[page]["pool_size"] == 1 for page in lecture)
    assert pools["default"]["pool_size"] == (1 if preheated == "all" else 0)  # the eleven notebooks
    assert pools["glossary.ipynb"]["pool_size"] == 0


def test_no_pool_is_the_progressive_mode(monkeypatch):
    voila = _app_config(monkeypatch, "preheat", "none").VoilaConfiguration
    assert voila.get("preheat_kernel", False) is False and voila.progressive_rendering is True


@pytest.fixture(scope="module")
def progressive_server(tmp_path_factory):
    """make app's server in its shared-server mode (one kernel per visit), culling after 20 s idle."""
    def command(port: int) -> list[str]:
        return app_command(port, "--MappingKernelManager.cull_idle_timeout=20",
                           "--MappingKernelManager.cull_interval=2")

    with local_server(command, "/", tmp_path_factory.mktemp("voila-kernels") / "voila.log",
                      env={"LDN_VOILA_MODE": "progressive", "MPLBACKEND": "Agg"}) as server:
        yield server.url, psutil.Process(server.process.pid)


def _open_live_page(browser, url):
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(f"{url}/voila/render/01_dose_and_plasma_levels.ipynb", timeout=120_000)
    page.locator(FIGURE).first.wait_for(state="visible", timeout=120_000)
    page.locator(".widget-slider").first.wait_for(state="visible", timeout=60_000)
    return page


def _seconds_until_no_kernels(server, limit):
    start = time.monotonic()
    while live_kernels(server):
        if time.monotonic() - start > limit:
            return None
        time.sleep(0.5)
    return time.monotonic() - start


def test_leaving_the_page_shuts_its_kernel_down_at_once(browser, progressive_server):
    url, server = progressive_server
    page = _open_live_page(browser, url)
    assert len(live_kernels(server)) == 1
    page.goto("about:blank")  # leaving runs the page's beforeunload: its shutdown request, with the _xsrf cookie
    # well before the culler could act (20 s idle): the request was accepted, not refused with a 403
    assert (_seconds_until_no_kernels(server, limit=10)) is not None
    page.close()


def test_a_page_that_cannot_say_goodbye_is_culled(browser, progressive_server):
    url, server = progressive_server
    page = _open_live_page(browser, url)
    page.route("**/voila/api/shutdown/**", lambda route: route.abort())  # as if the browser had crashed
    page.goto("about:blank")
    time.sleep(5)
    assert len(live_kernels(server)) == 1, "the kernel went before the culler's time: the test proves nothing"
    assert _seconds_until_no_kernels(server, limit=60) is not None
    page.close()
