"""The app's kernel manager never culls a kernel handed to a page before the page could connect (app/kernels.py)."""
import asyncio
import importlib.util
from pathlib import Path

import pytest
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("app_kernels", ROOT / "app" / "kernels.py")
app_kernels = importlib.util.module_from_spec(spec)
spec.loader.exec_module(app_kernels)


@pytest.fixture
def manager(monkeypatch, tmp_path):
    """The manager with a settable clock; the parent's culling records which kernels it was asked to judge."""
    judged = []

    async def parent_cull(self, kernel_id):
        judged.append(kernel_id)

    monkeypatch.setattr(AsyncMappingKernelManager, "cull_kernel_if_idle", parent_cull)
    made = app_kernels.GraceKernelManager(connection_dir=str(tmp_path), cull_idle_timeout=120)
    now = [1000.0]
    made.clock = lambda: now[0]
    made.now, made.judged = now, judged
    return made


def run_apart(coroutine):
    """Run the coroutine in a thread of its own: the browser tests leave an event loop running in this one."""
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def cull(manager, kernel_id):
    run_apart(manager.cull_kernel_if_idle(kernel_id))


def test_a_kernel_no_page_has_connected_to_gets_the_whole_idle_timeout_first(manager):
    manager._kernel_connections["handed-out"] = 0
    cull(manager, "handed-out")                # the first pass after the page was served: spared
    manager.now[0] += 119.0
    cull(manager, "handed-out")
    assert manager.judged == []
    manager.now[0] += 2.0                      # never connected for longer than the timeout: an abandoned page
    cull(manager, "handed-out")
    assert manager.judged == ["handed-out"]


def test_a_kernel_still_starting_is_spared_longer_but_not_for_ever(manager):
    """On a machine so loaded that a kernel takes minutes to start, its page is still waiting: the kernel is spared
    while it has sent no status, up to ten idle timeouts; once it reports, the usual timeout holds."""
    from types import SimpleNamespace

    slow, stuck = SimpleNamespace(execution_state="starting"), SimpleNamespace(execution_state="starting")
    manager._kernels.update({"slow": slow, "stuck": stuck})
    manager._kernel_connections.update({"slow": 0, "stuck": 0})
    cull(manager, "slow")
    cull(manager, "stuck")
    manager.now[0] += 600.0                    # five timeouts, still starting: both spared
    cull(manager, "slow")
    cull(manager, "stuck")
    assert manager.judged == []
    slow.execution_state = "idle"              # it has started: judged by its idle time as any other
    cull(manager, "slow")
    assert manager.judged == ["slow"]
    manager.now[0] += 601.0                    # over ten timeouts and never started: judged too
    cull(manager, "stuck")
    assert manager.judged == ["slow", "stuck"]


def test_kernels_that_were_connected_are_judged_as_before(manager):
    manager._kernel_connections["visited"] = 1
    cull(manager, "visited")                   # connected: judged (and the parent never culls a connected kernel)
    manager._kernel_connections["visited"] = 0
    cull(manager, "visited")                   # its page closed: judged at once, by its idle time as before
    assert manager.judged == ["visited", "visited"]


def test_the_app_configuration_uses_it():
    text = (ROOT / "app" / "voila.py").read_text(encoding="utf-8")
    assert "c.VoilaConfiguration.multi_kernel_manager_class = GraceKernelManager" in text


def test_app_kernels_use_unix_sockets_so_no_two_can_race_for_a_tcp_port(tmp_path):
    """app/voila.py puts kernels on IPC: a kernel manager configured from it writes an ipc connection file."""
    from jupyter_client import KernelManager
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("voila.py", path=str(ROOT / "app")).load_config()
    manager = KernelManager(config=config, connection_file=str(tmp_path / "kernel-test.json"))
    manager.write_connection_file()
    info = manager.get_connection_info()
    assert info["transport"] == "ipc"
    assert str(info["ip"]).startswith(str(tmp_path))   # socket files beside the connection file, named after it


class _Kernel:
    def __init__(self, alive):
        self.alive = alive

    async def is_alive(self):
        return self.alive


def _pooled_manager():
    """A stand-in for Voilà's pooling manager: pools of tasks giving {"kernel_id", "task"}; refills are live."""
    import logging

    class Pooling:
        def __init__(self):
            self._pools, self.kernels, self.refills = {}, {}, 0
            self.log = logging.getLogger("test")

        def __contains__(self, kernel_id):
            return kernel_id in self.kernels

        def get_kernel(self, kernel_id):
            return self.kernels[kernel_id]

        def get_pool_size(self, notebook_name):
            return len(self._pools.get(notebook_name, []))

        def pool(self, notebook_name, kernel_id, alive, done=True):
            self.kernels[kernel_id] = _Kernel(alive)
            run = asyncio.get_event_loop().create_future()
            run.set_result(None)
            item = asyncio.get_event_loop().create_future()
            if done:
                item.set_result({"kernel_id": kernel_id, "task": run})
            self._pools.setdefault(notebook_name, []).append(item)

        def fill_if_needed(self, delay=None, notebook_name=None, **kwargs):
            self.refills += 1
            self.pool(notebook_name, f"fresh-{self.refills}", alive=True)

        async def get_rendered_notebook(self, notebook_name, extra_kernel_env_variables={}, **kwargs):  # noqa: B006
            content = await self._pools[notebook_name].pop(0)
            return content["kernel_id"]

    return app_kernels.with_live_pool(lambda base, preheat, *args, **kwargs: Pooling)(None, True)()


def test_a_dead_pooled_kernel_is_replaced_before_a_page_gets_it():
    async def scenario():
        manager = _pooled_manager()
        manager.pool("lecture/2.ipynb", "dead", alive=False)
        given = await manager.get_rendered_notebook("lecture/2.ipynb")
        return given, manager.refills

    assert run_apart(scenario()) == ("fresh-1", 1)


def test_a_live_pooled_kernel_is_handed_over_as_it_is():
    async def scenario():
        manager = _pooled_manager()
        manager.pool("lecture/2.ipynb", "warm", alive=True)
        return await manager.get_rendered_notebook("lecture/2.ipynb"), manager.refills

    assert run_apart(scenario()) == ("warm", 0)


def test_a_pool_still_starting_counts_as_empty_so_the_page_is_served_as_it_runs():
    async def scenario():
        manager = _pooled_manager()
        manager.pool("lecture/2.ipynb", "starting", alive=True, done=False)
        manager.pool("lecture/3.ipynb", "ready", alive=True)
        return manager.get_pool_size("lecture/2.ipynb"), manager.get_pool_size("lecture/3.ipynb")

    assert run_apart(scenario()) == (0, 1)


def test_without_preheating_the_manager_is_voila_s_own():
    class Plain:
        pass

    assert app_kernels.with_live_pool(lambda base, preheat, *args, **kwargs: Plain)(None, False) is Plain
