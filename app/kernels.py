"""The app's kernel manager: Jupyter server's, with a grace period for kernels handed to a page still loading.

Voilà keeps preheated kernels out of the culler's reach while they wait in the pool, but not once one is handed to
a page: from then on the culler judges it by its last activity, which is the end of the notebook's run, often
minutes earlier. Until the page's websocket connects (a few seconds, more on a busy server) the kernel counts as
idle and unconnected, so a culling pass in that window shut it down under the page (measured: a kernel preheated
170 s earlier was gone 10 s after its page was served; the page then logs "kernel no longer exists" and its
widgets stay dead). Here a kernel that has never been seen connected is culled only after it has been seen
unconnected for the whole idle timeout; every other kernel is culled exactly as before.
"""
from __future__ import annotations

import time

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager


class GraceKernelManager(AsyncMappingKernelManager):
    """:class:`AsyncMappingKernelManager` that does not cull a kernel before its first page could connect, nor (for up
    to ten idle timeouts) one that is still starting."""

    #: Seconds since an arbitrary start; replaced in tests.
    clock = staticmethod(time.monotonic)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._seen_connected: set[str] = set()
        self._unconnected_since: dict[str, float] = {}

    #: How long a kernel still starting (no status from it yet) is spared, in idle timeouts: on a machine so loaded
    #: that starting takes minutes (a class of 30 with every core busy: 116 kernels were culled while starting), its
    #: page is still waiting for it; the limit keeps a kernel that never starts from staying for ever.
    starting_grace_timeouts = 10

    async def cull_kernel_if_idle(self, kernel_id: str):
        if self._kernel_connections.get(kernel_id, 0):
            self._seen_connected.add(kernel_id)
            self._unconnected_since.pop(kernel_id, None)
        elif kernel_id not in self._seen_connected:
            waited = self.clock() - self._unconnected_since.setdefault(kernel_id, self.clock())
            if waited < self.cull_idle_timeout:
                return None  # handed to a page that has not connected yet (or left before a pass saw it)
            if self._still_starting(kernel_id) and waited < self.starting_grace_timeouts * self.cull_idle_timeout:
                return None
        return await super().cull_kernel_if_idle(kernel_id)

    def _still_starting(self, kernel_id: str) -> bool:
        """True while the kernel has sent no status yet (the server's ``execution_state`` is still "starting")."""
        return kernel_id in self and getattr(self.get_kernel(kernel_id), "execution_state", None) == "starting"

    async def shutdown_kernel(self, kernel_id: str, *args, **kwargs):
        self._seen_connected.discard(kernel_id)
        self._unconnected_since.pop(kernel_id, None)
        return await super().shutdown_kernel(kernel_id, *args, **kwargs)


def with_live_pool(factory):
    """Voilà's kernel-manager factory, wrapped so that a page is never handed a dead preheated kernel.

    Before a page takes the pooled kernel of its notebook, the kernel is checked: still in the server's map, its
    process alive, its notebook run not failed. A dead one (a kernel that could not bind its
    sockets at start-up, or was killed) is shut down and replaced by a fresh one, which the page waits for (a few
    seconds) instead of staying blank. A page opened while its pooled kernel is still starting (the first minute
    after ``make app``) is served as it runs instead, so its text shows sooner. ``app/voila.py`` installs it in
    place of ``voila.app.voila_kernel_manager_factory``.
    """

    def make(base_class, preheat_kernel, *args, **kwargs):
        manager_class = factory(base_class, preheat_kernel, *args, **kwargs)
        if not preheat_kernel:
            return manager_class

        class LivePoolKernelManager(manager_class):
            def get_pool_size(self, notebook_name: str) -> int:
                """0 while the pooled kernel is still starting: the page is then served as it runs, its text at
                once, rather than blank until the pool is ready (the pool's kernel waits for the next visitor)."""
                pool = self._pools.get(notebook_name) or []
                if pool and not pool[0].done():
                    return 0
                return super().get_pool_size(notebook_name)

            async def get_rendered_notebook(self, notebook_name, extra_kernel_env_variables={}, **kw):  # noqa: B006
                for _ in range(3):  # a replacement that dies too is replaced again, twice at most
                    if await self.pooled_kernel_is_alive(notebook_name):
                        break
                    self.fill_if_needed(delay=0, notebook_name=notebook_name, **kw)
                return await super().get_rendered_notebook(notebook_name, extra_kernel_env_variables, **kw)

            async def pooled_kernel_is_alive(self, notebook_name) -> bool:
                """Whether the first pooled kernel of ``notebook_name`` is usable; a dead one leaves the pool."""
                pool = self._pools.get(notebook_name) or []
                if not pool:
                    return True  # nothing to check: Voilà fills the pool as before
                kernel_id, item = None, pool[0]
                try:
                    content = await item
                    kernel_id = content["kernel_id"]
                    task = content["task"]
                    alive = (kernel_id in self and await self.get_kernel(kernel_id).is_alive()
                             and not (task.done() and not task.cancelled() and task.exception() is not None))
                except Exception:  # noqa: BLE001 - a kernel that failed to start is as dead as one that stopped
                    alive = False
                if alive:
                    return True
                self.log.warning("Preheated kernel %s of %s is dead; starting another for the page", kernel_id,
                                 notebook_name)
                if item in pool:
                    pool.remove(item)
                if kernel_id is not None and kernel_id in self:
                    try:
                        await self.shutdown_kernel(kernel_id, now=True)  # Voilà's and ours: their records go too
                    except Exception:  # noqa: BLE001 - already gone
                        pass
                return False

        return LivePoolKernelManager

    return make
