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


def cull(manager, kernel_id):
    """Run the coroutine in a thread of its own: the browser tests leave an event loop running in this one."""
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, manager.cull_kernel_if_idle(kernel_id)).result()


def test_a_kernel_no_page_has_connected_to_gets_the_whole_idle_timeout_first(manager):
    manager._kernel_connections["handed-out"] = 0
    cull(manager, "handed-out")                # the first pass after the page was served: spared
    manager.now[0] += 119.0
    cull(manager, "handed-out")
    assert manager.judged == []
    manager.now[0] += 2.0                      # never connected for longer than the timeout: an abandoned page
    cull(manager, "handed-out")
    assert manager.judged == ["handed-out"]


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
